import { dockerCanonical } from './reference.js';
import type { ListEntry, ListProblem } from './entry.js';

export interface MergedEntries {
  entries: ListEntry[];
  problems: ListProblem[];
}

/** How many repeated lines one note names before it only counts the rest. */
const LINES_NAMED = 3;

/**
 * One entry per image name (in Docker's sense: `app:1` ≡ `docker.io/library/app:1`). A name
 * listed again is normal — two image packages shipping the same base image — and is one entry
 * when the lines agree: the same id=, the same archive digest or the same archive. Lines
 * that cannot be compared yet (no id= on one side) are merged too, and their id= is checked
 * against the image once it is loaded (alsoListed). Only different id= values are a conflict
 * now: an error naming both lines; the first line wins.
 */
export function mergeDuplicates(all: readonly ListEntry[]): MergedEntries {
  const first = new Map<string, ListEntry>();
  const entries: ListEntry[] = [];
  const problems: ListProblem[] = [];
  for (const entry of all) {
    const key = dockerCanonical(entry.reference);
    const kept = first.get(key);
    if (!kept) {
      first.set(key, entry);
      entries.push(entry);
      continue;
    }
    if (kept.expectedId !== undefined && entry.expectedId !== undefined && kept.expectedId !== entry.expectedId) {
      problems.push({
        list: entry.list,
        line: entry.line,
        reason: `${entry.reference.nameTag} is listed at ${kept.list}:${kept.line} as id=${kept.expectedId} and here as id=${entry.expectedId}: two different images under one name; the first line wins, this one is skipped`,
        severity: 'error',
      });
      continue;
    }
    (kept.alsoListed ??= []).push(entry);
  }
  for (const entry of entries) if (entry.alsoListed) problems.push(repeatNote(entry, entry.alsoListed));
  return { entries, problems };
}

function repeatNote(entry: ListEntry, repeats: readonly ListEntry[]): ListProblem {
  const named = repeats.slice(0, LINES_NAMED).map((r) => `${r.list}:${r.line}`);
  const more = repeats.length > LINES_NAMED ? ` and ${repeats.length - LINES_NAMED} more lines` : '';
  const sameArchive = repeats.every((r) => sameImageWithoutLoading(entry, r));
  const how = sameArchive ? 'the same image' : 'checked against the loaded image';
  return {
    list: entry.list,
    line: entry.line,
    reason: `${entry.reference.nameTag} is listed again at ${named.join(', ')}${more}: ${how}, loaded once`,
    severity: 'info',
  };
}

/** Lines that provably name the same image without loading it. */
export function sameImageWithoutLoading(a: ListEntry, b: ListEntry): boolean {
  if (a.expectedId !== undefined && b.expectedId !== undefined) return a.expectedId === b.expectedId;
  if (a.archiveSha256 !== undefined && a.archiveSha256 === b.archiveSha256) return true;
  return a.archivePath === b.archivePath;
}
