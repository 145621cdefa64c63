import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { runProgram } from '../../system/run-program.js';
import { PackError } from '../../errors.js';

/**
 * Unpack a (possibly compressed) tar with GNU tar, which recognises gzip, xz and zstd by
 * content and refuses members that would land outside the folder.
 */
export async function extractArchive(file: string, tmpDir: string, source: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpDir, 'extract-'));
  const result = await runProgram('tar', ['-x', '-f', file, '-C', dir, '--no-same-owner', '--no-same-permissions']);
  if (!result.ok) throw new PackError(`cannot unpack ${file}: ${result.message}`, { context: { image: source }, hint: 'check the path and that it is a tar archive' });
  return dir;
}
