import { notInstalled } from '../../system/program.js';
import type { ArchiveFormat } from '../sniff.js';

/** The formats decoded by Debian's programs (system/program.ts), named as the programs are. */
export type ProgramFormat = 'zstd' | 'xz';

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

// A missing program fails every entry that needs it; the full explanation goes out once per run.
const reported = new Set<ProgramFormat>();

export class MissingProgramError extends DecodeError {
  override name = 'MissingProgramError';
  constructor(format: ProgramFormat) {
    const first = !reported.has(format);
    reported.add(format);
    const { message, hint } = notInstalled(format);
    super(format, first ? message : `not decoded: the ${format} program is missing (reported above)`, hint);
  }
}

/** A decoder program's last stderr line without its "<file>:" prefix. */
export function lastMessage(stderr: string, prefix: RegExp): string {
  const line = stderr.split('\n').filter((l) => l.trim() !== '').at(-1) ?? 'no message';
  return line.replace(prefix, '').trim();
}
