import { ListError } from '../errors.js';
import { readRegularFile } from '../system/read-regular-file.js';

/**
 * What a list may hold: a line is ~100 bytes, so 1 MiB is ~10,000 images, far past any device
 * (tens). It bounds memory whatever the file is: a symlink to /dev/zero read whole reached
 * 617 MB RSS before V8 gave up ("Invalid string length").
 */
export const MAX_LIST_BYTES = 1024 * 1024;

/** The text of a list file, refused past the cap (the caller names the file). */
export async function readListText(file: string): Promise<string> {
  const { text, over } = await readRegularFile(file, MAX_LIST_BYTES);
  if (over) throw new ListError('it is larger than 1 MiB, the most a list may hold (100 images take about 10 KiB): check that it is an image.list');
  return text;
}
