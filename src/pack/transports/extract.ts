import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { PackError } from '../pack-error.js';

/**
 * Unpack a (possibly compressed) tar with GNU tar, which recognises gzip, xz and zstd by
 * content and refuses members that would land outside the folder.
 */
export async function extractArchive(file: string, tmpDir: string, source: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpDir, 'extract-'));
  const result = await execa('tar', ['-x', '-f', file, '-C', dir, '--no-same-owner', '--no-same-permissions'], { reject: false });
  if (result.failed) {
    const reason = result.stderr.trim().split('\n').slice(-2).join('; ') || result.shortMessage;
    throw new PackError(source, `cannot unpack ${file}: ${reason}`, 'check the path and that it is a tar archive');
  }
  return dir;
}
