import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseReference } from '../../list/reference.js';
import { imageFromManifest, isIndex, parseJson, readBlob, type Descriptor } from '../manifest-image.js';
import { PackError } from '../../errors.js';
import { describePlatform, matchesPlatform } from '../platform.js';
import type { SourceImage, SourceOptions } from '../source.js';

const REF_NAME = 'org.opencontainers.image.ref.name';
// containerd and Docker's OCI export record the full name here.
const FULL_NAME = 'io.containerd.image.name';

/** `oci:DIR[:ref]`: an OCI image layout; `ref` picks an entry of index.json by its ref name. */
export async function ociLayoutImage(dir: string, ref: string | undefined, options: SourceOptions, source: string): Promise<SourceImage> {
  const indexPath = path.join(dir, 'index.json');
  const indexText = await readFile(indexPath, 'utf8').catch((error: Error) => {
    throw new PackError(`${dir} is not an OCI image layout (${error.message})`, { context: { image: source }, hint: 'give the folder that holds index.json and blobs/' });
  });
  const index = parseJson<{ manifests?: Descriptor[] }>(indexText, indexPath, source);
  const entries = index.manifests ?? [];
  const named = ref === undefined ? entries : entries.filter((m) => m.annotations?.[REF_NAME] === ref || m.annotations?.[FULL_NAME] === ref);
  if (named.length === 0) {
    const refs = entries.map((m) => m.annotations?.[REF_NAME]).filter(Boolean);
    throw new PackError(ref === undefined ? `${indexPath} lists no image` : `${indexPath} has no image named "${ref}" (it has: ${refs.join(', ') || 'no names'})`, { context: { image: source } });
  }
  // Several entries for one name are the platforms of one image (or a single index entry).
  const chosen = named.length === 1 ? named[0]! : named.find((m) => matchesPlatform(m.platform, options.platform));
  if (!chosen) {
    const distinct = new Set(named.map((m) => m.annotations?.[REF_NAME]));
    if (distinct.size > 1 && ref === undefined) {
      throw new PackError(`${indexPath} holds several images (${[...distinct].join(', ')})`, { context: { image: source }, hint: 'choose one with oci:DIR:REF' });
    }
    const offered = named.map((m) => describePlatform(m.platform)).join(', ');
    throw new PackError(
      `no image for platform linux/${options.platform.architecture} in ${indexPath}; the source offers: ${offered}`,
      { context: { image: source }, hint: 'pick one with --arch/--variant' },
    );
  }
  const blobPath = (digest: string) => path.join(dir, 'blobs', ...digest.split(':'));
  const manifestBytes = await readBlob(blobPath, chosen.digest, source);
  if (!isIndex(JSON.parse(manifestBytes.toString()) as { manifests?: unknown }) && chosen.platform && !matchesPlatform(chosen.platform, options.platform)) {
    options.warn(`${source}: the only image is for ${chosen.platform.architecture}, not ${options.platform.architecture}`);
  }
  return imageFromManifest(manifestBytes, blobPath, namesOf(chosen, ref), options.platform, source);
}

/** A ref name counts as an image name only when it is more than a bare tag like "latest". */
function namesOf(descriptor: Descriptor, ref: string | undefined): string[] {
  const candidates = [descriptor.annotations?.[FULL_NAME], descriptor.annotations?.[REF_NAME], ref];
  const name = candidates.find((c) => c !== undefined && /[:/]/.test(c) && parseReference(c).ok);
  return name ? [name] : [];
}
