import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, parseManifest, type ManifestItem } from '../../archive/docker-archive.js';
import { dockerCanonical, parseReference } from '../../list/reference.js';
import { plainTarSize, readLayer } from '../layer.js';
import { diffIdsOf, parseJson } from '../manifest-image.js';
import { PackError } from '../../errors.js';
import type { SourceImage } from '../source.js';
import { extractArchive } from './extract.js';

/**
 * `docker-archive:PATH[:name:tag]`: `docker save` / `podman save` output, one or several
 * images, plain or compressed. It is unpacked to a temporary folder first (layers may be
 * anywhere in the tar, and are read twice when stored compressed).
 */
export async function dockerArchiveImages(file: string, selector: string | undefined, tmpDir: string, source: string): Promise<SourceImage[]> {
  const dir = await extractArchive(file, tmpDir, source);
  return dockerArchiveDirImages(dir, selector, source);
}

export async function dockerArchiveDirImages(dir: string, selector: string | undefined, source: string): Promise<SourceImage[]> {
  const manifestPath = path.join(dir, MANIFEST_FILE);
  const text = await readFile(manifestPath, 'utf8').catch(() => {
    throw new PackError('not a docker-archive: it has no manifest.json', { context: { image: source }, hint: 'give `docker save`/`podman save` output, or use oci-archive: for an OCI archive' });
  });
  parseJson<unknown>(text, MANIFEST_FILE, source);
  const entries = parseManifest(text);
  if (!entries) throw new PackError('manifest.json lists no image with a config and layers', { context: { image: source } });
  const chosen = selector === undefined ? entries : entries.filter((e) => carries(e, selector));
  if (chosen.length === 0) {
    const tags = entries.flatMap((e) => e.RepoTags ?? []);
    throw new PackError(`the archive has no image tagged ${selector} (it has: ${tags.join(', ') || 'no tags'})`, { context: { image: source } });
  }
  return Promise.all(chosen.map((entry) => imageOf(dir, entry, selector, source)));
}

async function imageOf(dir: string, entry: ManifestItem, selector: string | undefined, source: string): Promise<SourceImage> {
  const inside = (name: string) => {
    const resolved = path.resolve(dir, name);
    if (!resolved.startsWith(`${dir}${path.sep}`)) throw new PackError(`manifest.json points outside the archive: ${name}`, { context: { image: source } });
    return resolved;
  };
  const configBytes = await readFile(inside(entry.Config)).catch((error: Error) => {
    throw new PackError(`config ${entry.Config} is missing: ${error.message}`, { context: { image: source } });
  });
  const diffIds = diffIdsOf(configBytes, source);
  if (diffIds.length !== entry.Layers.length) throw new PackError(`manifest.json lists ${entry.Layers.length} layers but the config has ${diffIds.length} diff_ids`, { context: { image: source } });
  const layers = await Promise.all(
    entry.Layers.map(async (name, index) => {
      const layer = { path: inside(name), blobDigest: undefined, diffId: diffIds[index]!, source };
      return { diffId: layer.diffId, size: await plainTarSize(layer.path), read: () => readLayer(layer) };
    }),
  );
  return { names: selector ? [selector] : (entry.RepoTags ?? []), configBytes, layers };
}

function carries(entry: ManifestItem, selector: string): boolean {
  const wanted = parseReference(selector);
  if (!wanted.ok) return false;
  return (entry.RepoTags ?? []).some((tag) => {
    const parsed = parseReference(tag);
    return parsed.ok && dockerCanonical(parsed.ref) === dockerCanonical(wanted.ref);
  });
}
