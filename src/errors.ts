// One hierarchy for every error a user can act on (execa's return/error.js is the model):
// each says where (file:line, archive, image) and what to do. The kind class is the single
// source of truth: it fixes the stable `code`, and the exit code follows from that code
// through one table. Only the kinds below are thrown; `classifyError` turns anything else
// into one of them (an unknown throwable becomes `internal`: a bug).

/** Process exit codes, documented in the man page. */
export const ExitCode = {
  ok: 0,
  entriesFailed: 1,
  usage: 2,
  engineUnreachable: 3,
  lockTimeout: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The one table from kind to exit code. */
export const ERROR_CODES = {
  /** A flag, argument or command the program does not accept. */
  usage: ExitCode.usage,
  /** A setting from the environment, the config file or a flag's target (--lock-file). */
  config: ExitCode.usage,
  list: ExitCode.entriesFailed,
  archive: ExitCode.entriesFailed,
  codec: ExitCode.entriesFailed,
  space: ExitCode.entriesFailed,
  /** The engine loaded something, but not what the list promised. */
  verify: ExitCode.entriesFailed,
  'engine-unreachable': ExitCode.engineUnreachable,
  /** The engine answers, but speaks an API too old for our calls. */
  'engine-too-old': ExitCode.engineUnreachable,
  /** The engine answered with an error. */
  'engine-refused': ExitCode.entriesFailed,
  timeout: ExitCode.entriesFailed,
  lock: ExitCode.lockTimeout,
  /** A pack failure: a source that cannot be read or converted, or an output that cannot be written. */
  source: ExitCode.entriesFailed,
  interrupted: ExitCode.entriesFailed,
  /** Anything else: a bug or an unforeseen system error (kept as `cause`). */
  internal: ExitCode.entriesFailed,
} as const satisfies Record<string, ExitCode>;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorContext {
  list?: string;
  line?: number;
  archive?: string;
  image?: string;
}

export interface ErrorOptions {
  /** Where: list file and line, archive, image (the first present leads the line). */
  context?: ErrorContext;
  /** What to do, as a sentence without its capital (the line capitalises it). */
  hint?: string | undefined;
  cause?: unknown;
}

/** An error the user can act on: `where: what. Hint`. Abstract: throw one of its kinds. */
export abstract class PreloadError extends Error {
  abstract readonly code: ErrorCode;
  readonly context: ErrorContext;
  readonly hint: string | undefined;

  constructor(message: string, { context = {}, hint, cause }: ErrorOptions = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.context = context;
    this.hint = hint;
  }

  get exitCode(): ExitCode {
    return ERROR_CODES[this.code];
  }

  /** The one line that goes to the journal. */
  get line(): string {
    return formatErrorLine(this.message, this.context, this.hint);
  }
}

export class ListError extends PreloadError {
  override name = 'ListError';
  readonly code = 'list';
}
export class ArchiveError extends PreloadError {
  override name = 'ArchiveError';
  readonly code = 'archive';
}
/** The archive's bytes cannot be decoded (truncated, corrupt, over the decoder memory cap). */
export class CodecError extends PreloadError {
  override name = 'CodecError';
  readonly code = 'codec';
}
export class SpaceError extends PreloadError {
  override name = 'SpaceError';
  readonly code = 'space';
}
export class VerifyError extends PreloadError {
  override name = 'VerifyError';
  readonly code = 'verify';
}
export class EngineUnreachableError extends PreloadError {
  override name = 'EngineUnreachableError';
  readonly code = 'engine-unreachable';
}
export class EngineTooOldError extends PreloadError {
  override name = 'EngineTooOldError';
  readonly code = 'engine-too-old';
}
export class EngineRefusedError extends PreloadError {
  override name = 'EngineRefusedError';
  readonly code = 'engine-refused';
}
export class TimeoutError extends PreloadError {
  override name = 'TimeoutError';
  readonly code = 'timeout';
}
export class LockError extends PreloadError {
  override name = 'LockError';
  readonly code = 'lock';
}
/** A pack failure; `context.image` names the source (`transport:reference`) when there is one. */
export class PackError extends PreloadError {
  override name = 'PackError';
  readonly code = 'source';
}
export class InterruptedError extends PreloadError {
  override name = 'InterruptedError';
  readonly code = 'interrupted';
}
/** What classifyError makes of a throwable it does not know: a bug, with the original as `cause`. */
export class InternalError extends PreloadError {
  override name = 'InternalError';
  readonly code = 'internal';
}

export class UsageError extends PreloadError {
  override name = 'UsageError';
  readonly code: 'usage' | 'config' = 'usage';
  constructor(message: string, { hint = 'See `preload-daemon --help`', ...options }: ErrorOptions = {}) {
    super(message, { hint, ...options });
  }
}

/** A bad setting in the environment, the config file or a path a flag names (exit 2, like a usage error). */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
  override readonly code = 'config';
  constructor(message: string, { hint = 'See preload-daemon(1), ENVIRONMENT and FILES', ...options }: ErrorOptions = {}) {
    super(message, { hint, ...options });
  }
}

export function formatWhere(context: ErrorContext): string {
  if (context.list !== undefined && context.line !== undefined) return `${context.list}:${context.line}`;
  return context.list ?? context.archive ?? context.image ?? '';
}

export function formatErrorLine(message: string, context: ErrorContext, hint?: string): string {
  const where = formatWhere(context);
  const advice = hint ? `. ${hint.charAt(0).toUpperCase()}${hint.slice(1)}` : '';
  return `${where ? `${where}: ` : ''}${message}${advice}`;
}

/** Text of any thrown value, for errors that come from libraries (some reject with strings). */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
