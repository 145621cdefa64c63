import pino, { type Logger } from 'pino';

export type { Logger };
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Logs go to stderr (stdout carries command results): JSON lines when stderr is not a
 * terminal (journald keeps them whole), readable lines on a terminal. Writes are
 * synchronous so the last line is out before the process exits.
 */
export async function createLogger(level: LogLevel): Promise<Logger> {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  if (process.stderr.isTTY) {
    // Only loaded for people at a terminal; the boot path never pays for it.
    const { default: pretty } = await import('pino-pretty');
    return pino(options, pretty({ destination: 2, sync: true, hideObject: true, translateTime: 'HH:MM:ss' }));
  }
  return pino(options, pino.destination({ fd: 2, sync: true }));
}
