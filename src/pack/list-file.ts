import { readFile } from 'node:fs/promises';
import { parseList } from '../list/parse.js';
import { writeFileAtomically } from '../system/write-atomically.js';

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
  await writeFileAtomically(listPath, `${rows.join('\n')}\n`);
}
