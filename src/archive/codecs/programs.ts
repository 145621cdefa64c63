import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { DecodeError } from './decode-error.js';

// zstd and xz run as Debian's own programs, not as native addons: the same JavaScript runs on
// every architecture, Debian ships their security fixes, and the decoder's memory lives (and is
// capped) in its own process.

export type ProgramFormat = 'zstd' | 'xz';

export interface Program {
  command: string;
  /** The Debian package that installs `command`. */
  debianPackage: string;
}

export const PROGRAMS: Record<ProgramFormat, Program> = {
  zstd: { command: 'zstd', debianPackage: 'zstd' },
  xz: { command: 'xz', debianPackage: 'xz-utils' },
};

export function installHint(format: ProgramFormat): string {
  const { debianPackage } = PROGRAMS[format];
  return `install the Debian package ${debianPackage} (apt-get install ${debianPackage}), then run again`;
}

// A missing program fails every entry that needs it; the full explanation goes out once per run.
const reported = new Set<ProgramFormat>();

export class MissingProgramError extends DecodeError {
  override name = 'MissingProgramError';
  constructor(format: ProgramFormat) {
    const { command } = PROGRAMS[format];
    const first = !reported.has(format);
    reported.add(format);
    super(
      format,
      first ? `decoding ${format} archives needs the ${command} program, which is not installed (not found in PATH)` : `not decoded: the ${command} program is missing (reported above)`,
      installHint(format),
    );
  }
}

/** Whether `command` is an executable file in PATH (checked before pack starts writing). */
export function isInstalled(command: string, searchPath = process.env.PATH ?? ''): boolean {
  return searchPath
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .some((dir) => {
      try {
        accessSync(path.join(dir, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}
