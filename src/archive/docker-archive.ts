// The docker-archive's own metadata, as `docker save`, `podman save`, skopeo and `pack` write it
// and as both engines read it (containers/image's docker/internal/tarfile ManifestItem is the
// model): manifest.json is an array of images, each naming its config file and its layer files
// inside the tar. pack writes it, the loader reads and rewrites it, one shape for both.

export const MANIFEST_FILE = 'manifest.json';
/** The OCI layout's index, which Docker ≥ 25 writes beside manifest.json in what it saves. */
export const OCI_INDEX_FILE = 'index.json';

export interface ManifestItem {
  /** The config file inside the tar: `<hex>.json` (docker/podman save) or `blobs/sha256/<hex>` (Docker 25+). */
  Config: string;
  RepoTags?: string[] | null;
  /** One layer file per rootfs.diff_ids entry, in order; a file may be named twice (empty layers). */
  Layers: string[];
  Parent?: string;
  LayerSources?: Record<string, unknown>;
}

/** The part of an image config the loader and pack need. */
export interface ImageConfig {
  rootfs?: { type?: string; diff_ids?: unknown };
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** manifest.json as written: undefined unless it is a non-empty array of images with a config and layers. */
export function parseManifest(bytes: Buffer | string): ManifestItem[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString());
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const wellFormed = value.every(
    (item: Partial<ManifestItem> | null) =>
      typeof item === 'object' && item !== null && typeof item.Config === 'string' && Array.isArray(item.Layers) && item.Layers.every((l) => typeof l === 'string'),
  );
  return wellFormed ? (value as ManifestItem[]) : undefined;
}

export function serializeManifest(items: readonly ManifestItem[]): Buffer {
  return Buffer.from(JSON.stringify(items));
}

/** The image ID a manifest item loads as: its config's digest, which every writer puts in the file name. */
export function imageIdOf(item: ManifestItem): string | undefined {
  const hex = /([0-9a-f]{64})(?:\.json)?$/.exec(item.Config)?.[1];
  return hex ? `sha256:${hex}` : undefined;
}

/** rootfs.diff_ids of a config, or undefined when it has none that an engine would accept. */
export function diffIdsOfConfig(bytes: Buffer | string): string[] | undefined {
  let config: ImageConfig;
  try {
    config = JSON.parse(bytes.toString()) as ImageConfig;
  } catch {
    return undefined;
  }
  const ids = config?.rootfs?.diff_ids;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && DIGEST.test(id))) return undefined;
  return ids as string[];
}

/** Member names inside the tar are compared without a leading `./` (some tars write one). */
export function memberName(name: string): string {
  return name.replace(/^(?:\.\/)+/, '');
}
