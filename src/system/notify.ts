import { messageOf } from '../errors.js';
import type { Logger } from './log.js';

export interface Notifier {
  status(text: string): void;
  /** Wait until every status sent so far has reached systemd. */
  flush(): Promise<void>;
}

const silent: Notifier = { status: () => {}, flush: async () => {} };

/**
 * STATUS= lines for `systemctl status` while images load. Only under systemd (NOTIFY_SOCKET
 * set); the unit needs NotifyAccess=all because systemd-notify(1) runs as a child process
 * (Node cannot send AF_UNIX datagrams itself). Sent in order, one at a time; a failure is a
 * debug line, never a failed boot.
 */
export function createNotifier(log: Logger, env: NodeJS.ProcessEnv = process.env): Notifier {
  if (!env.NOTIFY_SOCKET) return silent;
  let chain: Promise<void> = Promise.resolve();
  return {
    status(text) {
      chain = chain.then(async () => {
        try {
          const { default: notify } = await import('systemd-notify');
          await notify({ status: text });
        } catch (error) {
          log.debug({ error: messageOf(error) }, 'systemd-notify failed');
        }
      });
    },
    flush: () => chain,
  };
}
