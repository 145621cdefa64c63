import { imageIdOf, MANIFEST_FILE, parseManifest } from './docker-archive.js';
import type { DecoderLimits } from './limits.js';
import { openArchive, type ArchiveLocation } from './open.js';
import { EMPTY, editTar } from './tar-edit.js';

/** A manifest.json bigger than this is not one an engine writes: stop rather than buffer it. */
export const MANIFEST_MAX = 1024 * 1024;

/**
 * The image ID (config digest) a docker-archive would load, read from its manifest.json without
 * an engine: the decoded tar is walked header by header, file bodies skipped as they stream.
 * For two list lines naming one image whose archives cannot be compared otherwise. Undefined for
 * an archive with several images or no manifest.
 */
export async function archiveImageId(location: ArchiveLocation, limits: DecoderLimits): Promise<string | undefined> {
  const archive = await openArchive(location, limits);
  try {
    let found: { id: string | undefined } | undefined;
    const walk = editTar(archive.tar, (member) => {
      if (member.name !== MANIFEST_FILE) return EMPTY;
      return {
        kind: 'read',
        max: MANIFEST_MAX,
        replace: (body) => {
          const items = parseManifest(body);
          found = { id: items?.length === 1 ? imageIdOf(items[0]!) : undefined };
          return undefined;
        },
      };
    });
    for await (const chunk of walk) {
      chunk.release();
      if (found) return found.id;
    }
    return found?.id;
  } finally {
    await archive.close();
  }
}
