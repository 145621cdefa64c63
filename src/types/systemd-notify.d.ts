declare module 'systemd-notify' {
  /** Spawns systemd-notify(1); rejects with a string outside systemd. */
  export default function notify(options: { ready?: boolean; status?: string; pid?: number }): Promise<unknown>;
}
