import type { FileHandle } from 'node:fs/promises';
import { runProgram } from '../../system/program.js';

const LIST_TIMEOUT_MS = 10_000;

/** What an .xz file's index says: its blocks and the uncompressed bytes they hold. */
export interface XzIndex {
  blocks: number;
  uncompressed: number;
}

// Asked once per opened archive: the free-space check and the thread choice both read it.
const asked = new WeakMap<FileHandle, Promise<XzIndex | undefined>>();

/**
 * The index of an open .xz archive (`xz --robot --list`, a few milliseconds: it only seeks to
 * the index at the end of each stream), or undefined when xz cannot read it (the decoder then
 * reports what is wrong).
 */
export function xzIndexOf(file: FileHandle): Promise<XzIndex | undefined> {
  let index = asked.get(file);
  if (!index) asked.set(file, (index = listIndex(file)));
  return index;
}

/** The `totals` line of `xz --robot --list`: streams, blocks, compressed, uncompressed, … */
export function parseXzList(stdout: string): XzIndex | undefined {
  const totals = /^totals\t\d+\t(\d+)\t\d+\t(\d+)\t/m.exec(stdout);
  return totals ? { blocks: Number(totals[1]), uncompressed: Number(totals[2]) } : undefined;
}

async function listIndex(file: FileHandle): Promise<XzIndex | undefined> {
  // /dev/stdin: xz --list needs a seekable file, and the descriptor is the one already checked.
  const result = await runProgram('xz', ['--robot', '--list', '/dev/stdin'], { stdin: file, timeoutMs: LIST_TIMEOUT_MS });
  return result.ok ? parseXzList(result.stdout.toString('utf8')) : undefined;
}
