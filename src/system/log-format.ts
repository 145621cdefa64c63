import { fstatSync } from 'node:fs';

// How a log line looks for each audience. Under systemd, journald reads a `<N>` prefix as
// the line's syslog priority (sd-daemon(3)), so `journalctl -p err` finds our errors.

export const LOG_FORMATS = ['auto', 'text', 'journal', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
export type Severity = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
export type LogFields = Record<string, unknown>;

/** pino's numbers, kept so JSON logs read as before. */
export const LEVEL_NUMBER: Record<Severity, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };
/** syslog priorities: crit, err, warning, info, debug. */
const PRIORITY: Record<Severity, number> = { fatal: 2, error: 3, warn: 4, info: 6, debug: 7, trace: 7 };
const LABEL: Record<Severity, string> = { fatal: 'fatal: ', error: 'error: ', warn: 'warning: ', info: '', debug: 'debug: ', trace: 'trace: ' };
const COLOUR: Record<Severity, string> = { fatal: '\x1b[1;31m', error: '\x1b[31m', warn: '\x1b[33m', info: '', debug: '\x1b[2m', trace: '\x1b[2m' };

export type Formatter = (severity: Severity, message: string, fields: LogFields) => string;


/** systemd sets JOURNAL_STREAM=DEV:INODE for a service's stderr when it is the journal. */
export function isJournal(env: NodeJS.ProcessEnv, fd: number): boolean {
  const expected = env.JOURNAL_STREAM;
  if (!expected) return false;
  try {
    const stat = fstatSync(fd, { bigint: true });
    return expected === `${stat.dev}:${stat.ino}`;
  } catch {
    return false;
  }
}

/** `auto`: the journal when stderr is journald's stream (by device and inode), else text. */
export function chooseFormat(format: LogFormat, env: NodeJS.ProcessEnv, fd: number): Exclude<LogFormat, 'auto'> {
  if (format !== 'auto') return format;
  if (isJournal(env, fd)) return 'journal';
  return 'text';
}

export function formatterFor(format: Exclude<LogFormat, 'auto'>, colour: boolean): Formatter {
  switch (format) {
    case 'json':
      return (severity, message, fields) => `${JSON.stringify({ level: LEVEL_NUMBER[severity], time: new Date().toISOString(), ...plainFields(fields), msg: message })}\n`;
    case 'journal':
      // One entry per line: a message's own line breaks would lose the priority.
      return (severity, message) => `<${PRIORITY[severity]}>${printable(message).replaceAll('\n', ' ')}\n`;
    case 'text':
      return colour
        ? (severity, message) => `${COLOUR[severity]}${LABEL[severity]}${printable(message)}${COLOUR[severity] ? '\x1b[0m' : ''}\n`
        : (severity, message) => `${LABEL[severity]}${printable(message)}\n`;
  }
}

/**
 * Control characters as `\xNN` (line breaks and tabs kept): whatever a file, an engine or a
 * decoder put in a message, no NUL byte or terminal escape reaches the journal or a terminal.
 */
function printable(message: string): string {
  return message.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Errors as their message (JSON.stringify gives `{}` for them). */
function plainFields(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) out[key] = value instanceof Error ? value.message : value;
  return out;
}
