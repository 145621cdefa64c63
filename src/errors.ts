// One place that shapes every user-facing error (execa's return/error.js is the model):
// each error says where (file:line, archive, image) and what to do about it.

/** Process exit codes, documented in the README. */
export const ExitCode = {
  ok: 0,
  entriesFailed: 1,
  usage: 2,
  engineUnreachable: 3,
  lockTimeout: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface ErrorContext {
  list?: string;
  line?: number;
  archive?: string;
  image?: string;
}

/** An error the user can act on: `where: what. hint` */
export class PreloadError extends Error {
  override name = 'PreloadError';
  constructor(
    message: string,
    readonly context: ErrorContext = {},
    readonly hint?: string,
    readonly exitCode: ExitCode = ExitCode.entriesFailed,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The one line that goes to the journal. */
  get line(): string {
    return formatErrorLine(this.message, this.context, this.hint);
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

export class UsageError extends PreloadError {
  override name = 'UsageError';
  constructor(message: string, hint?: string) {
    super(message, {}, hint ?? 'See `preload-daemon --help`', ExitCode.usage);
  }
}

/** Text of any thrown value, for errors that come from libraries (some reject with strings). */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
