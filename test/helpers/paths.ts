// Locations that do not depend on the current working directory.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The repository root: the nearest ancestor of this file whose package.json is preload-daemon's. */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'preload-daemon') {
      return (cached = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`repoRoot: no preload-daemon package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
