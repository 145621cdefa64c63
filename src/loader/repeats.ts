import { archiveImageId } from '../archive/image-id.js';
import type { DecoderLimits } from '../archive/limits.js';
import type { ListEntry, ListProblem } from '../list/entry.js';
import { sameImageWithoutLoading } from '../list/duplicates.js';
import type { Outcome } from './outcome.js';

/**
 * A repeated line merged into an entry (list/duplicates.ts) that names another image than the
 * one the entry now has: a real conflict, found only once the image is known. A repeat's id= is
 * compared whenever the entry has an image; a repeat without id= naming another archive only
 * after this run loaded the entry (its archive's manifest is read then, not at every boot). The
 * first line's image stays; each disagreeing line is an error naming both lines.
 */
export async function repeatConflicts(entry: ListEntry, outcome: Outcome, limits: DecoderLimits): Promise<ListProblem[]> {
  const id = 'id' in outcome ? outcome.id : undefined;
  if (id === undefined || !entry.alsoListed) return [];
  const justLoaded = outcome.kind === 'loaded' || outcome.kind === 'retagged';
  const problems: ListProblem[] = [];
  for (const repeat of entry.alsoListed) {
    let other = repeat.expectedId;
    if (other === undefined && justLoaded && !sameImageWithoutLoading(entry, repeat)) {
      other = await archiveImageId({ archivePath: repeat.archivePath, imagesDir: repeat.imagesDir, context: repeat }, limits).catch(() => undefined);
    }
    if (other === undefined || other === id) continue;
    problems.push({
      list: repeat.list,
      line: repeat.line,
      reason: `${repeat.reference.nameTag} is listed here with ${repeat.expectedId ? `id=${other}` : `archive ${repeat.archivePath} (image ${other})`}, but ${entry.list}:${entry.line} (which wins) gave ${id}: two different images under one name; this line is skipped`,
      severity: 'error',
    });
  }
  return problems;
}
