import { DecodeError } from './archive/codecs/decode-error.js';
import { ENGINE_HINT, EngineHttpError } from './engine/http.js';
import {
  CodecError,
  EngineRefusedError,
  EngineUnreachableError,
  InternalError,
  InterruptedError,
  PreloadError,
  TimeoutError,
  messageOf,
  type ErrorContext,
  type ErrorOptions,
} from './errors.js';

// The one place that turns whatever was thrown into a kind of PreloadError: its line is what
// the user reads, its exit code what the process returns. Libraries' own errors are recognised
// by class, never by their message text, and kept as `cause`.

export function classifyError(error: unknown, context: ErrorContext = {}, signal?: AbortSignal): PreloadError {
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    const reason = signal?.aborted ? ` (${String(signal.reason)})` : '';
    return new InterruptedError(`interrupted${reason}`, { context, hint: 'the next run loads it', cause: error });
  }
  if (error instanceof PreloadError) return error;
  if (error instanceof EngineHttpError) return engineFailure(error, `asking the engine: ${error.message}`, { context, hint: ENGINE_HINT });
  if (error instanceof DecodeError) {
    const where = context.archive ? `archive ${context.archive} (${error.format}): ` : '';
    return new CodecError(`${where}${error.message}`, { context, hint: error.hint, cause: error });
  }
  const where = context.archive ? `${context.archive}: ` : '';
  return new InternalError(`${where}${messageOf(error)}`, { context, cause: error });
}

/** A failed exchange with the engine's socket, as the kind its system error means. */
export function engineFailure(error: EngineHttpError, message: string, options: Omit<ErrorOptions, 'cause'>): PreloadError {
  const Kind = error.errno === 'ETIMEDOUT' ? TimeoutError : error.errno !== undefined && UNREACHABLE.includes(error.errno) ? EngineUnreachableError : EngineRefusedError;
  return new Kind(message, { ...options, cause: error });
}

const UNREACHABLE = ['ENOENT', 'ECONNREFUSED', 'EACCES'];
