import type { ArchiveFormat } from '../sniff.js';

/** The archive's bytes, not the engine, are at fault. */
export class DecodeError extends Error {
  override name = 'DecodeError';
  constructor(
    readonly format: ArchiveFormat,
    message: string,
    readonly hint = 'the archive is damaged: restore it from the firmware image',
    readonly memoryLimit = false,
  ) {
    super(message);
  }
}
