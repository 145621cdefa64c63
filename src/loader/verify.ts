import type { Engine, ImageInfo } from '../engine/engine.js';
import type { LoadReport } from '../engine/load-response.js';
import { VerifyError } from '../errors.js';
import type { ListEntry } from '../list/entry.js';

/** Success means the engine now has name:tag (and the shipped ID when the list gives one). */
export async function verify(entry: ListEntry, engine: Engine, report: LoadReport): Promise<ImageInfo> {
  const { reference, expectedId } = entry;
  const image = await engine.find(reference);
  if (!image) {
    const carried = [...report.loaded, ...report.loadedIds];
    throw new VerifyError(
      `archive ${entry.archivePath} loaded, but it does not carry ${reference.nameTag}; it carried: ${carried.join(', ') || 'no tags'}`,
      entry,
      'fix the name in the list, or re-create the archive with that tag (preload-daemon pack)',
    );
  }
  if (expectedId !== undefined && image.id !== expectedId) {
    throw new VerifyError(
      `archive ${entry.archivePath} loaded ${reference.nameTag} as ${image.id}, but the list expects id=${expectedId}`,
      entry,
      'the archive does not match the list: rebuild the image package',
    );
  }
  return image;
}
