import type { ListEntry, ListProblem } from '../list/entry.js';
import type { Outcome } from './outcome.js';

/**
 * A repeated line merged into an entry (list/duplicates.ts) whose id= differs from the image
 * the entry now has: a real conflict, found only once the image is known. The first line's
 * image stays; each disagreeing line is an error naming both lines.
 */
export function repeatConflicts(entry: ListEntry, outcome: Outcome): ListProblem[] {
  const id = 'id' in outcome ? outcome.id : undefined;
  if (id === undefined || !entry.alsoListed) return [];
  return entry.alsoListed
    .filter((repeat) => repeat.expectedId !== undefined && repeat.expectedId !== id)
    .map((repeat) => ({
      list: repeat.list,
      line: repeat.line,
      reason: `${repeat.reference.nameTag} is listed here as id=${repeat.expectedId}, but ${entry.list}:${entry.line} (which wins) gave ${id}: two different images under one name`,
      severity: 'error' as const,
    }));
}
