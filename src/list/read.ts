import { open } from 'node:fs/promises';
import { messageOf } from '../errors.js';
import { findListFiles } from './discover.js';
import type { ListEntry, ListProblem } from './entry.js';
import { mergeDuplicates } from './duplicates.js';
import { parseList } from './parse.js';
import { readListText } from './read-list-text.js';

export interface LoadedLists {
  files: string[];
  entries: ListEntry[];
  problems: ListProblem[];
}

/** Find, read and parse every list; one unreadable list never hides the others. */
export async function readLists(paths: readonly string[]): Promise<LoadedLists> {
  const found = await findListFiles(paths);
  const problems = [...found.problems];
  const all: ListEntry[] = [];
  for (const file of found.files) {
    let text: string;
    try {
      const handle = await open(file, 'r');
      try {
        text = await readListText(handle);
      } finally {
        await handle.close();
      }
    } catch (error) {
      problems.push({ list: file, line: undefined, reason: `cannot read list: ${messageOf(error)}`, severity: 'error' });
      continue;
    }
    const parsed = parseList(text, file);
    all.push(...parsed.entries);
    problems.push(...parsed.problems);
  }
  const unique = mergeDuplicates(all);
  return { files: found.files, entries: unique.entries, problems: [...problems, ...unique.problems] };
}
