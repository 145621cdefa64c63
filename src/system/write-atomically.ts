import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

// A rename alone is not durable: after a power cut, ext4 (delayed allocation), UBIFS or F2FS
// can show the new name pointing at an empty or old file. The order that survives is:
// write the temp file, fsync it, rename it over the target, fsync the folder (the rename).

/** Written aside, fsynced, renamed over the target, folder fsynced: the target is the old or the new file, whole. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const aside = temporaryNameFor(file);
  try {
    const handle = await open(aside, 'w', 0o644);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(aside, { force: true });
    throw error;
  }
  await commitFile(aside, file, { synced: true });
}

/** The temp name writeFileAtomically uses beside FILE (its pid says whose it is). */
export function temporaryNameFor(file: string): string {
  return `${file}.${process.pid}.tmp`;
}

/**
 * Make a complete temp file the target, durably: fsync it (unless the caller just did),
 * rename, fsync the folder. On failure the temp file is removed and the target untouched.
 */
export async function commitFile(temporary: string, target: string, options: { synced?: boolean } = {}): Promise<void> {
  try {
    if (!options.synced) await syncPath(temporary);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncPath(path.dirname(target));
}

/** fsync by path: it flushes the file (or folder), not just this descriptor. */
export async function syncPath(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
