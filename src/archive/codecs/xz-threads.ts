import type { FileHandle } from 'node:fs/promises';
import { runProgram } from '../../system/program.js';
import { XZ_THREADED_BLOCK_MAX } from '../limits.js';

const LIST_TIMEOUT_MS = 10_000;

/**
 * How many threads `xz -d` should use for this file, read from its index (`xz --list`, a few
 * milliseconds: it only seeks to the end). Several threads only pay when the file has several
 * blocks small enough for two workers to fit the threading budget; for big blocks (xz -6 -T0:
 * 24 MiB) xz -T0 would fall back to its single-threaded path anyway, which holds ~16 MB where
 * -T1 holds 10 MB (measured, xz 5.4.1), at the same speed.
 */
export async function xzThreadsFor(file: FileHandle): Promise<'-T0' | '-T1'> {
  const blocks = await listBlocks(file);
  if (blocks === undefined) return '-T0'; // unreadable index: let the decoder report what is wrong
  return blocks.count >= 2 && blocks.uncompressed / blocks.count <= XZ_THREADED_BLOCK_MAX ? '-T0' : '-T1';
}

async function listBlocks(file: FileHandle): Promise<{ count: number; uncompressed: number } | undefined> {
  // /dev/stdin: xz --list needs a seekable file, and the descriptor is the one already checked.
  const result = await runProgram('xz', ['--robot', '--list', '/dev/stdin'], { stdin: file, timeoutMs: LIST_TIMEOUT_MS });
  const totals = /^totals\t\d+\t(\d+)\t\d+\t(\d+)/m.exec(result.stdout.toString('utf8'));
  return !result.ok || !totals ? undefined : { count: Number(totals[1]), uncompressed: Number(totals[2]) };
}
