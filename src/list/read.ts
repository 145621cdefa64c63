import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { messageOf } from '../errors.js';
import { findListFiles } from './discover.js';
import type { ListEntry, ListProblem } from './entry.js';
import { mergeDuplicates } from './duplicates.js';
import { imagesFolderEscape } from './images-folder.js';
import { parseList } from './parse.js';

export interface LoadedLists {
  files: string[];
  entries: ListEntry[];
  problems: ListProblem[];
}

/** Find, read and parse every list; one unreadable list never hides the others. */
export async function readLists(paths: readonly string[], signal?: AbortSignal): Promise<LoadedLists> {
  const found = await findListFiles(paths);
  const problems = [...found.problems];
  const all: ListEntry[] = [];
  for (const file of found.files) {
    signal?.throwIfAborted();
    let text: string;
    try {
      text = await readListFile(file);
    } catch (error) {
      problems.push({ list: file, line: undefined, reason: `cannot read list: ${messageOf(error)}`, severity: 'error' });
      continue;
    }
    const escape = await imagesFolderEscape(path.join(path.dirname(file), 'images'));
    if (escape) {
      problems.push({ list: file, line: undefined, reason: `${escape}: the whole list is refused, nothing in it is opened. Make images/ a real folder inside the package folder`, severity: 'error' });
      continue;
    }
    const parsed = parseList(text, file);
    all.push(...parsed.entries);
    problems.push(...parsed.problems);
  }
  const unique = mergeDuplicates(all);
  return { files: found.files, entries: unique.entries, problems: [...problems, ...unique.problems] };
}

/**
 * A list is opened like an archive: non-blocking, so a FIFO (or a device) in its place cannot
 * hang the boot, and read only once the open descriptor is known to be a regular file.
 */
async function readListFile(file: string): Promise<string> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw new Error('not a regular file');
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
