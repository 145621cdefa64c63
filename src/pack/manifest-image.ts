import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { diffIdsOfConfig, type ImageConfig } from '../archive/docker-archive.js';
import { readLayer } from './layer.js';
import { PackError } from '../errors.js';
import { describePlatform, matchesPlatform, type PlatformSpec } from './platform.js';
import type { PlatformChoice, SourceImage } from './source.js';

// OCI image manifests and Docker schema-2 manifests have the same shape: a config blob
// and layer blobs, addressed by digest. oci: and dir: differ only in where a blob lives.

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: PlatformSpec;
  annotations?: Record<string, string>;
}

interface ManifestJson {
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
}

export type BlobPath = (digest: string) => string;

const DIGEST = /^sha256:[0-9a-f]{64}$/;

export function isIndex(json: { mediaType?: string; manifests?: unknown }): boolean {
  return Array.isArray(json.manifests);
}

/** Read a blob and check that its bytes have the digest that names it. */
export async function readBlob(blobPath: BlobPath, digest: string, source: string): Promise<Buffer> {
  if (!DIGEST.test(digest)) throw new PackError(`unsupported digest "${digest}" (only sha256)`, { context: { image: source } });
  const bytes = await readFile(blobPath(digest)).catch((error: Error) => {
    throw new PackError(`blob ${digest} is missing: ${error.message}`, { context: { image: source } });
  });
  const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (actual !== digest) throw new PackError(`corrupt blob: ${blobPath(digest)} has digest ${actual}, expected ${digest}`, { context: { image: source }, hint: 'the source image is damaged: fetch or export it again' });
  return bytes;
}

export async function readJsonBlob<T>(blobPath: BlobPath, digest: string, source: string): Promise<T> {
  return parseJson<T>(await readBlob(blobPath, digest, source), blobPath(digest), source);
}

export function parseJson<T>(bytes: Buffer | string, where: string, source: string): T {
  try {
    return JSON.parse(bytes.toString()) as T;
  } catch (error) {
    throw new PackError(`${where} is not valid JSON: ${(error as Error).message}`, { context: { image: source } });
  }
}

/** From a manifest list / image index, the manifest for the device's platform. */
export function choosePlatform(manifests: Descriptor[], want: PlatformChoice, source: string): Descriptor {
  const match = manifests.find((m) => matchesPlatform(m.platform, want));
  if (match) return match;
  const offered = manifests.map((m) => describePlatform(m.platform)).join(', ');
  const wanted = `linux/${want.architecture}${want.variant ? `/${want.variant}` : ''}`;
  throw new PackError(`no image for platform ${wanted}; the source offers: ${offered}`, { context: { image: source }, hint: 'pick one with --arch/--variant' });
}

/** Follow an index down to one image manifest, then describe that image. */
export async function imageFromManifest(
  manifestBytes: Buffer,
  blobPath: BlobPath,
  names: string[],
  platform: PlatformChoice,
  source: string,
  manifestPath: (digest: string) => string = blobPath,
): Promise<SourceImage> {
  let manifest = parseJson<ManifestJson>(manifestBytes, 'manifest', source);
  while (isIndex(manifest)) {
    const chosen = choosePlatform(manifest.manifests!, platform, source);
    manifest = await readJsonBlob<ManifestJson>(manifestPath, chosen.digest, source);
  }
  if (!manifest.config || !Array.isArray(manifest.layers)) throw new PackError('manifest has no config or layers', { context: { image: source } });
  const configBytes = await readBlob(blobPath, manifest.config.digest, source);
  const diffIds = diffIdsOf(configBytes, source);
  if (diffIds.length !== manifest.layers.length) {
    throw new PackError(`manifest lists ${manifest.layers.length} layers but the config has ${diffIds.length} diff_ids`, { context: { image: source } });
  }
  const layers = manifest.layers.map((descriptor, index) => {
    const diffId = diffIds[index]!;
    const layer = { path: blobPath(descriptor.digest), blobDigest: descriptor.digest, diffId, source };
    const plain = /(\.tar|diff\.tar)$/.test(descriptor.mediaType ?? '');
    return { diffId, size: plain ? descriptor.size : undefined, read: () => readLayer(layer) };
  });
  return { names, configBytes, layers };
}

export function diffIdsOf(configBytes: Buffer, source: string): string[] {
  parseJson<ImageConfig>(configBytes, 'image config', source);
  const ids = diffIdsOfConfig(configBytes);
  if (!ids) throw new PackError('image config has no valid rootfs.diff_ids', { context: { image: source } });
  return ids;
}
