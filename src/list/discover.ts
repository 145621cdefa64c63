import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ListError, messageOf } from '../errors.js';
import type { ListProblem } from './entry.js';
import { LIST_FILE_NAME } from './list-root.js';

export { DEFAULT_LIST_ROOT, LIST_FILE_NAME } from './list-root.js';

export interface FoundLists {
  files: string[];
  problems: ListProblem[];
}

/**
 * Expand `--list` arguments: a file is used as is; a folder means its own image.list,
 * or else every `<folder>/*\/image.list` (the package layout), sorted for a stable order.
 */
export async function findListFiles(paths: readonly string[]): Promise<FoundLists> {
  const files: string[] = [];
  const problems: ListProblem[] = [];
  for (const given of paths) {
    const absolute = path.resolve(given);
    try {
      files.push(...(await expand(absolute, problems)));
    } catch (error) {
      problems.push({ list: absolute, line: undefined, reason: `cannot read list: ${messageOf(error)}`, severity: 'error' });
    }
  }
  return { files: [...new Set(files)], problems };
}

async function expand(absolute: string, problems: ListProblem[]): Promise<string[]> {
  const info = await stat(absolute);
  if (!info.isDirectory()) return [absolute];
  if (path.basename(absolute) === LIST_FILE_NAME) throw new ListError('it is a directory, not a list file');
  const own = path.join(absolute, LIST_FILE_NAME);
  if ((await kindOf(own)) !== 'missing') return [own];
  const children = await readdir(absolute, { withFileTypes: true });
  const lists: string[] = [];
  for (const child of children.filter((c) => c.isDirectory() || c.isSymbolicLink()).map((c) => c.name).sort()) {
    const candidate = path.join(absolute, child, LIST_FILE_NAME);
    const kind = await kindOf(candidate);
    if (kind === 'file') lists.push(candidate);
    // A package whose list is not a readable file must not be skipped silently.
    else if (kind !== 'missing') problems.push({ list: candidate, line: undefined, reason: `cannot read list: ${kind === 'other' ? 'not a regular file' : kind.error}`, severity: 'error' });
  }
  return lists;
}

/** `{ error }`: it could not be looked at (EACCES on the package folder, ELOOP…), which is not "not a regular file". */
async function kindOf(file: string): Promise<'file' | 'missing' | 'other' | { error: string }> {
  try {
    return (await stat(file)).isFile() ? 'file' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    return { error: code === 'EACCES' ? 'permission denied (EACCES): check the permissions of the package folder' : messageOf(error) };
  }
}
