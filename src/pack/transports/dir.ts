import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { imageFromManifest } from '../manifest-image.js';
import { PackError } from '../../errors.js';
import type { SourceImage, SourceOptions } from '../source.js';

/**
 * `dir:DIR`: skopeo's directory format (what ISAR's fetcher leaves): manifest.json, a
 * `version` file, and blobs named by their hex digest; a multi-platform copy keeps the
 * per-platform manifests as `<hex>.manifest.json`.
 */
export async function dirImage(dir: string, options: SourceOptions, source: string): Promise<SourceImage> {
  const manifestBytes = await readFile(path.join(dir, 'manifest.json')).catch((error: Error) => {
    throw new PackError(`${dir} is not a skopeo dir: image (${error.message})`, { context: { image: source }, hint: 'give the folder that holds manifest.json and version' });
  });
  const hex = (digest: string) => digest.split(':')[1] ?? digest;
  return imageFromManifest(
    manifestBytes,
    (digest) => path.join(dir, hex(digest)),
    [],
    options.platform,
    source,
    (digest) => path.join(dir, `${hex(digest)}.manifest.json`),
  );
}
