import { messageOf } from '../errors.js';
import type { Logger } from './log.js';
import { runProgram } from './program.js';

export interface Notifier {
  status(text: string): void;
  /** Wait until every status sent so far has reached systemd. */
  flush(): Promise<void>;
}

const silent: Notifier = { status: () => {}, flush: async () => {} };

/**
 * STATUS= lines for `systemctl status` while images load. Only under systemd (NOTIFY_SOCKET
 * set); the unit needs NotifyAccess=all because systemd-notify(1) runs as a child process
 * (Node cannot send AF_UNIX datagrams itself). --pid names us, not the short-lived child, as
 * the sender. Sent in order, one at a time; a failure is a debug line, never a failed boot.
 */
export function createNotifier(log: Logger, env: NodeJS.ProcessEnv = process.env): Notifier {
  if (!env.NOTIFY_SOCKET) return silent;
  let chain: Promise<void> = Promise.resolve();
  return {
    status(text) {
      chain = chain.then(async () => {
        try {
          const result = await runProgram('systemd-notify', [`--pid=${process.pid}`, `--status=${text}`], { env });
          if (result.failure) log.debug({ error: result.failure.message }, 'systemd-notify failed');
        } catch (error) {
          log.debug({ error: messageOf(error) }, 'systemd-notify failed');
        }
      });
    },
    flush: () => chain,
  };
}
