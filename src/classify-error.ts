import { DecodeError } from './archive/codecs/decode-error.js';
import { EngineError } from './engine/engine.js';
import { EngineHttpError } from './engine/http.js';
import { ERROR_CODES, InterruptedError, PreloadError, messageOf, type ErrorContext } from './errors.js';

// The one place that turns whatever was thrown into a PreloadError: its line is what the user
// reads, its exit code what the process returns. Libraries' own errors are recognised by
// class, never by their message text, and kept as `cause`.

const ENGINE_HINT = 'check the engine (systemctl status docker or podman); the next run tries again';

export function classifyError(error: unknown, context: ErrorContext = {}, signal?: AbortSignal): PreloadError {
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    const reason = signal?.aborted ? ` (${String(signal.reason)})` : '';
    return new InterruptedError(`interrupted${reason}`, context, 'the next run loads it', { cause: error });
  }
  if (error instanceof EngineHttpError) {
    return new PreloadError(`asking the engine: ${error.message}`, context, ENGINE_HINT, error.exitCode, { code: error.code, cause: error });
  }
  if (error instanceof PreloadError) return error;
  if (error instanceof DecodeError) {
    const code = 'codec';
    const where = context.archive ? `archive ${context.archive} (${error.format}): ` : '';
    return new PreloadError(`${where}${error.message}`, context, error.hint, ERROR_CODES[code], { code, cause: error });
  }
  if (error instanceof EngineError) {
    const code = 'engine-refused';
    return new PreloadError(error.message, context, ENGINE_HINT, ERROR_CODES[code], { code, cause: error });
  }
  const code = 'internal';
  const where = context.archive ? `${context.archive}: ` : '';
  return new PreloadError(`${where}${messageOf(error)}`, context, undefined, ERROR_CODES[code], { code, cause: error });
}
