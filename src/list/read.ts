import path from 'node:path';
import { InterruptedError, messageOf } from '../errors.js';
import { findListFiles } from './discover.js';
import type { ListEntry, ListProblem } from './entry.js';
import { mergeDuplicates } from './duplicates.js';
import { imagesFolderEscape } from './images-folder.js';
import { parseList } from './parse.js';
import { readListText } from './read-list-text.js';

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
    if (signal?.aborted) throw new InterruptedError(`interrupted (${String(signal.reason)}) while reading ${file}`, { hint: 'the next run reads it again' });
    let text: string;
    try {
      text = await readListText(file);
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

