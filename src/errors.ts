// One hierarchy for every error a user can act on (execa's return/error.js is the model):
// each says where (file:line, archive, image) and what to do, carries a stable `code` for its
// kind, and the exit code follows from that code through one table.

/** Process exit codes, documented in the man page. */
export const ExitCode = {
  ok: 0,
  entriesFailed: 1,
  usage: 2,
  engineUnreachable: 3,
  lockTimeout: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const ERROR_CODES = {
  /** A flag, argument or command the program does not accept. */
  usage: ExitCode.usage,
  /** A setting from the environment or the config file. */
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
  /** A pack source that cannot be read or converted. */
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
  cause?: unknown;
  /** The kind, when the exit code alone does not say it. */
  code?: ErrorCode;
}

const CODE_OF_EXIT: Partial<Record<ExitCode, ErrorCode>> = {
  [ExitCode.usage]: 'usage',
  [ExitCode.engineUnreachable]: 'engine-unreachable',
  [ExitCode.lockTimeout]: 'lock',
};

/** An error the user can act on: `where: what. Hint` */
export class PreloadError extends Error {
  override name = 'PreloadError';
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;

  constructor(message: string, readonly context: ErrorContext = {}, readonly hint?: string, exitCode?: ExitCode, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? CODE_OF_EXIT[exitCode ?? ExitCode.entriesFailed] ?? 'internal';
    this.exitCode = exitCode ?? ERROR_CODES[this.code];
  }

  /** The one line that goes to the journal. */
  get line(): string {
    return formatErrorLine(this.message, this.context, this.hint);
  }
}

/** Builds the class of one kind: `new ArchiveError(message, context, hint, { cause })`. */
function kind(code: ErrorCode, name: string) {
  return class extends PreloadError {
    override name = name;
    constructor(message: string, context: ErrorContext = {}, hint?: string, options: Omit<ErrorOptions, 'code'> = {}) {
      super(message, context, hint, ERROR_CODES[code], { ...options, code });
    }
  };
}

export const ListError = kind('list', 'ListError');
export const ArchiveError = kind('archive', 'ArchiveError');
export const SpaceError = kind('space', 'SpaceError');
export const VerifyError = kind('verify', 'VerifyError');
export const EngineUnreachableError = kind('engine-unreachable', 'EngineUnreachableError');
export const EngineRefusedError = kind('engine-refused', 'EngineRefusedError');
export const TimeoutError = kind('timeout', 'TimeoutError');
export const LockError = kind('lock', 'LockError');
export const InterruptedError = kind('interrupted', 'InterruptedError');

export class UsageError extends PreloadError {
  override name = 'UsageError';
  constructor(message: string, hint?: string, options: ErrorOptions = {}) {
    super(message, {}, hint ?? 'See `preload-daemon --help`', ExitCode.usage, { code: 'usage', ...options });
  }
}

/** A bad setting in the environment or the config file (exit 2, like a usage error). */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
  constructor(message: string, hint?: string, options: Omit<ErrorOptions, 'code'> = {}) {
    super(message, hint ?? 'See preload-daemon(1), ENVIRONMENT and FILES', { ...options, code: 'config' });
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
