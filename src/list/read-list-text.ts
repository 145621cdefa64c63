import type { FileHandle } from 'node:fs/promises';
import { ListError } from '../errors.js';
import { readAtMost } from '../system/read-at-most.js';

/**
 * What a list may hold: a line is ~100 bytes, so 1 MiB is ~10,000 images, far past any device
 * (tens). It bounds memory whatever the file is: a symlink to /dev/zero read whole reached
 * 617 MB RSS before V8 gave up ("Invalid string length").
 */
export const MAX_LIST_BYTES = 1024 * 1024;

/** The text of an opened list, refused past the cap (the caller names the file). */
export async function readListText(file: FileHandle): Promise<string> {
  const { bytes, over } = await readAtMost(file, MAX_LIST_BYTES);
  if (over) throw new ListError('it is larger than 1 MiB, the most a list may hold (100 images take about 10 KiB): check that it is an image.list');
  return bytes.toString('utf8');
}
