import type { Engine, FoundImage } from '../engine/engine.js';
import type { LoadReport } from '../engine/load-response.js';
import { acceptedNames, canonicalTags, spellingMismatch } from '../engine/names.js';
import { VerifyError } from '../errors.js';
import type { ListEntry } from '../list/entry.js';

/**
 * Success means the engine now holds name:tag under an accepted spelling (names.ts),
 * preferring the one this load reported, and the shipped ID when the list gives one.
 */
export async function verify(entry: ListEntry, engine: Engine, report: LoadReport): Promise<FoundImage> {
  const { reference, expectedId } = entry;
  const loaded = canonicalTags(engine.kind, report.loaded);
  const image = await engine.find(reference, loaded);
  if (!image) {
    const carried = [...report.loaded, ...report.loadedIds];
    const lookedFor = acceptedNames(engine.kind, reference).join(' or ');
    throw new VerifyError(
      `archive ${entry.archivePath} loaded, but it does not carry ${reference.nameTag}; it carried: ${carried.join(', ') || 'no tags'} (${engine.kind} looked for ${lookedFor})`,
      { context: entry, hint: spellingMismatch(engine.kind, reference, loaded) ?? 'fix the name in the list, or re-create the archive with that tag (preload-daemon pack)' },
    );
  }
  if (expectedId !== undefined && image.id !== expectedId) {
    throw new VerifyError(
      `archive ${entry.archivePath} loaded ${reference.nameTag} as ${image.id}, but the list expects id=${expectedId}`,
      { context: entry, hint: 'the archive does not match the list: rebuild the image package' },
    );
  }
  return image;
}
