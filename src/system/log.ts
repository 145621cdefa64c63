import { chooseFormat, formatterFor, LEVEL_NUMBER, type LogFields, type LogFormat, type Severity } from './log-format.js';
import { stderrLine } from './live-line.js';

export { LOG_FORMATS, type LogFormat } from './log-format.js';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type LogMethod = {
  (message: string): void;
  (fields: LogFields, message: string): void;
};

export type Logger = Record<Severity, LogMethod> & { level: LogLevel };

export interface LoggerOptions {
  format?: LogFormat;
  env?: NodeJS.ProcessEnv;
  /** Where lines go; stderr (above any progress line) by default. */
  write?: (line: string) => void;
  isTTY?: boolean;
}

/**
 * Logs go to stderr (stdout carries command results), one line per message, written
 * synchronously (stderr is synchronous for files, pipes and terminals on Linux) so the last
 * line is out before the process exits. Our own few lines instead of pino: journald needs
 * `<N>` priorities, which pino does not write, and pino + pino-pretty cost start-up time.
 */
export function createLogger(level: LogLevel, options: LoggerOptions = {}): Logger {
  const env = options.env ?? process.env;
  const isTTY = options.isTTY ?? process.stderr.isTTY === true;
  const format = chooseFormat(options.format ?? 'auto', env, 2);
  const render = formatterFor(format, format === 'text' && isTTY && !env.NO_COLOR);
  const write = options.write ?? ((line: string) => stderrLine.writeAbove(line));
  const threshold = level === 'silent' ? Infinity : LEVEL_NUMBER[level];
  const method =
    (severity: Severity): LogMethod =>
    (fieldsOrMessage: LogFields | string, message?: string) => {
      if (LEVEL_NUMBER[severity] < threshold) return;
      const [fields, text] = typeof fieldsOrMessage === 'string' ? [{}, fieldsOrMessage] : [fieldsOrMessage, message ?? ''];
      write(render(severity, text, fields));
    };
  return {
    level,
    fatal: method('fatal'),
    error: method('error'),
    warn: method('warn'),
    info: method('info'),
    debug: method('debug'),
    trace: method('trace'),
  };
}
