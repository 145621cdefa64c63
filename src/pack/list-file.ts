import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseList } from '../list/parse.js';

export interface ListLine {
  archive: string;
  name: string;
  fields: Record<string, string | number>;
}

export function formatLine(line: ListLine): string {
  const fields = Object.entries(line.fields).map(([key, value]) => `${key}=${value}`);
  return [line.archive, line.name, ...fields].join(' ');
}

/**
 * Merge entries into an existing image.list: a line for the same name:tag is replaced
 * where it stands, new names are appended, comments and other lines are kept as they are.
 * Written aside and renamed, so a reader never sees half a list.
 */
export async function mergeIntoList(listPath: string, lines: ListLine[]): Promise<void> {
  const existing = await readFile(listPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const text = existing.replace(/^\uFEFF/, '');
  const rows = text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
  const lineOf = new Map(parseList(text, listPath).entries.map((e) => [e.reference.nameTag, e.line - 1]));
  for (const line of lines) {
    const formatted = formatLine(line);
    const at = lineOf.get(line.name);
    if (at !== undefined) {
      rows[at] = formatted;
    } else {
      lineOf.set(line.name, rows.length);
      rows.push(formatted);
    }
  }
  const temporary = `${listPath}.partial-${process.pid}`;
  await writeFile(temporary, `${rows.join('\n')}\n`);
  await rename(temporary, listPath);
}
