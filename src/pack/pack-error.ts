import { ERROR_CODES, PreloadError } from '../errors.js';

/** A pack failure names the source (`transport:reference`) it came from. */
export class PackError extends PreloadError {
  override name = 'PackError';
  constructor(source: string, message: string, hint?: string, options: { cause?: unknown } = {}) {
    super(message, { image: source }, hint, ERROR_CODES.source, { code: 'source', ...options });
  }
}
