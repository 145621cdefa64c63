import type { Engine, FoundImage } from '../engine/engine.js';
import type { LoadReport } from '../engine/load-response.js';
import { acceptedNames, canonicalTags, spellingMismatch } from '../engine/names.js';
import { VerifyError } from '../errors.js';
import type { ListEntry } from '../list/entry.js';
import { quoted } from '../system/quote.js';

/**
 * Success means the engine now holds name:tag under an accepted spelling (names.ts),
 * preferring the one this load reported, and the shipped ID when the list gives one. (After a
 * load, name-loaded.ts has already tagged the name onto the entry's image where it could tell it.)
 */
export async function verify(entry: ListEntry, engine: Engine, report: LoadReport): Promise<FoundImage> {
  return checkFound(entry, engine, report, await engine.find(entry.reference, canonicalTags(engine.kind, report.loaded)));
}

/** verify() on an answer already asked for: IMAGE is what the engine holds under the list's name. */
export function checkFound(entry: ListEntry, engine: Engine, report: LoadReport, image: FoundImage | undefined): FoundImage {
  const { reference, expectedId } = entry;
  if (!image) {
    if (report.loaded.length === 0 && report.loadedIds.length === 0 && report.notJson !== undefined) {
      throw new VerifyError(
        `the engine's answer to the load of archive ${entry.archivePath} is not JSON (${quoted(report.notJson)}), and ${reference.nameTag} is not in the store`,
        { context: entry, hint: "check that --socket is the engine's own socket (not a proxy) and the engine (systemctl status docker or podman); the next run loads it" },
      );
    }
    const loaded = canonicalTags(engine.kind, report.loaded);
    const carried = [...report.loaded, ...report.loadedIds];
    const lookedFor = acceptedNames(engine.kind, reference).join(' or ');
    throw new VerifyError(
      `archive ${entry.archivePath} loaded, but it does not carry ${reference.nameTag}; it carried: ${carried.join(', ') || 'no tags'} (${engine.kind} looked for ${lookedFor})`,
      { context: entry, hint: spellingMismatch(engine.kind, reference, loaded) ?? "fix the name in the list, give the line id= to say which of the archive's images it is, or re-create the archive with that tag (preload-daemon pack)" },
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
