import type { DecoderLimits } from './limits.js';
import { openArchive, type ArchiveLocation } from './open.js';

const BLOCK = 512;
/** A manifest.json bigger than this is not one an engine writes: stop rather than buffer it. */
const MANIFEST_MAX = 1024 * 1024;

/**
 * The image ID (config digest) a docker-archive would load, read from its manifest.json without
 * an engine: the decoded tar is walked header by header, file bodies skipped as they stream.
 * For two list lines naming one image whose archives cannot be compared otherwise. Undefined for
 * an archive with several images or no manifest.
 */
export async function archiveImageId(location: ArchiveLocation, limits: DecoderLimits): Promise<string | undefined> {
  const archive = await openArchive(location, limits);
  try {
    let pending = Buffer.alloc(0);
    let skip = 0;
    let manifest: { size: number; parts: Buffer[]; got: number } | undefined;
    for await (const chunk of archive.tar) {
      let data: Buffer = Buffer.concat([pending, chunk.data]);
      chunk.release();
      pending = Buffer.alloc(0);
      while (data.length > 0) {
        if (manifest) {
          const take = data.subarray(0, manifest.size - manifest.got);
          manifest.parts.push(Buffer.from(take));
          manifest.got += take.length;
          data = data.subarray(take.length);
          if (manifest.got === manifest.size) return configIdOf(Buffer.concat(manifest.parts));
          continue;
        }
        if (skip > 0) {
          const n = Math.min(skip, data.length);
          skip -= n;
          data = data.subarray(n);
          continue;
        }
        if (data.length < BLOCK) {
          pending = Buffer.from(data);
          break;
        }
        const header = data.subarray(0, BLOCK);
        data = data.subarray(BLOCK);
        if (header.every((b) => b === 0)) return undefined;
        const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '').replace(/^\.\//, '');
        const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0', 8);
        if (name === 'manifest.json' && size <= MANIFEST_MAX) {
          manifest = { size, parts: [], got: 0 };
          if (size === 0) return undefined;
          // The body is padded to whole blocks; only its first `size` bytes matter.
          continue;
        }
        skip = Math.ceil(size / BLOCK) * BLOCK;
      }
    }
    return undefined;
  } finally {
    await archive.close();
  }
}

function configIdOf(text: Buffer): string | undefined {
  const manifest = JSON.parse(text.toString('utf8')) as Array<{ Config?: string }>;
  if (!Array.isArray(manifest) || manifest.length !== 1) return undefined;
  const hex = /([0-9a-f]{64})(?:\.json)?$/.exec(manifest[0]?.Config ?? '')?.[1];
  return hex ? `sha256:${hex}` : undefined;
}
