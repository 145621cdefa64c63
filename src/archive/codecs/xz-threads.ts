import type { FileHandle } from 'node:fs/promises';
import { XZ_THREADED_BLOCK_MAX } from '../limits.js';
import { xzIndexOf } from './xz-index.js';

/**
 * How many threads `xz -d` should use for this file, read from its index. Several threads only
 * pay when the file has several blocks small enough for two workers to fit the threading
 * budget; for big blocks (xz -6 -T0: 24 MiB) xz -T0 would fall back to its single-threaded
 * path anyway, which holds ~16 MB where -T1 holds 10 MB (measured, xz 5.4.1), at the same speed.
 */
export async function xzThreadsFor(file: FileHandle): Promise<'-T0' | '-T1'> {
  const blocks = await xzIndexOf(file);
  if (blocks === undefined) return '-T0'; // unreadable index: let the decoder report what is wrong
  return blocks.blocks >= 2 && blocks.uncompressed / blocks.blocks <= XZ_THREADED_BLOCK_MAX ? '-T0' : '-T1';
}
