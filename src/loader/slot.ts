import path from 'node:path';

// A staged load reads the next release's lists from its slot, mounted somewhere while the
// running release is up. What the state file keeps must name the archives the way that release
// will see them once booted from the slot, or its first boot would find records of paths that
// no longer exist (and the running release records of paths it never shipped).

/** The configured list paths, inside the slot mounted at SLOT (they are written as the slot's release sees them). */
export function listsInSlot(slot: string, lists: readonly string[]): string[] {
  return lists.map((list) => path.join(slot, path.resolve('/', list)));
}

/** FILE (inside the mounted slot) as the slot's release will name it: SLOT/usr/share/x → /usr/share/x. */
export function pathAfterBoot(slot: string | undefined, file: string): string {
  if (slot === undefined) return file;
  const relative = path.relative(path.resolve(slot), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : path.join('/', relative);
}
