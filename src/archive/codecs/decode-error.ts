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

/** A decoder program's last stderr line without its "<file>:" prefix. */
export function lastMessage(stderr: string, prefix: RegExp): string {
  const line = stderr.split('\n').filter((l) => l.trim() !== '').at(-1) ?? 'no message';
  return line.replace(prefix, '').trim();
}
