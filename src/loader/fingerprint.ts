import { stat } from 'node:fs/promises';
import type { ListEntry } from '../list/entry.js';

/** What identifies the shipped archive: its digest from the list, else its size and mtime. */
export async function fingerprintOf(entry: ListEntry): Promise<string> {
  if (entry.archiveSha256 !== undefined) return `sha256:${entry.archiveSha256}`;
  const info = await stat(entry.archivePath);
  return `stat:${info.size}:${Math.trunc(info.mtimeMs)}`;
}
