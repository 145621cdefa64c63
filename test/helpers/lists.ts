// image.list folders as the daemon reads them: DIR/image.list plus DIR/images/<archive>.
import { copyFileSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ListDir {
  dir: string;
  listFile: string;
  imagesDir: string;
  /** absolute path of an archive named in the list */
  archivePath(name: string): string;
}

/**
 * Write DIR/image.list with LINES (joined with \n, final newline) and copy each
 * ARCHIVES entry (name in images/ → source file) into DIR/images/.
 */
export function writeListDir(dir: string, lines: string[], archives: Record<string, string>): ListDir {
  const imagesDir = join(dir, 'images');
  mkdirSync(imagesDir, { recursive: true });
  for (const [name, source] of Object.entries(archives)) copyFileSync(source, join(imagesDir, name));
  const listFile = join(dir, 'image.list');
  writeFileSync(listFile, `${lines.join('\n')}\n`);
  return { dir, listFile, imagesDir, archivePath: (name) => join(imagesDir, name) };
}

/** XOR COUNT bytes in the middle of the file with 0xff. */
export function flipMiddleBytes(path: string, count = 64): void {
  const data = readFileSync(path);
  const start = Math.max(0, Math.floor(data.length / 2) - Math.floor(count / 2));
  for (let i = start; i < Math.min(data.length, start + count); i++) data[i] = data[i]! ^ 0xff;
  writeFileSync(path, data);
}

/** Keep only the first FRACTION of the file. */
export function truncateFile(path: string, fraction = 0.5): void {
  truncateSync(path, Math.floor(statSync(path).size * fraction));
}

/** Replace the file's content with bytes that are no archive at all (same size, at least 1 KiB). */
export function overwriteWithGarbage(path: string): void {
  const size = Math.max(1024, statSync(path).size);
  const garbage = Buffer.alloc(size);
  for (let i = 0; i < size; i++) garbage[i] = (i * 131 + 7) & 0xff;
  garbage.write('NOT AN ARCHIVE', 0, 'latin1');
  writeFileSync(path, garbage);
}
