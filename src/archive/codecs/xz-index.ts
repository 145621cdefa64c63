import { spawn } from 'node:child_process';
import type { FileHandle } from 'node:fs/promises';
import { PROGRAMS } from './programs.js';

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

function listIndex(file: FileHandle): Promise<XzIndex | undefined> {
  return new Promise((resolve) => {
    // /dev/stdin: xz --list needs a seekable file, and the descriptor is the one already checked.
    const child = spawn(PROGRAMS.xz.command, ['--robot', '--list', '/dev/stdin'], { stdio: [file.fd, 'pipe', 'ignore'], timeout: LIST_TIMEOUT_MS });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.once('error', () => resolve(undefined));
    child.once('close', (code) => resolve(code === 0 ? parseXzList(stdout) : undefined));
  });
}
