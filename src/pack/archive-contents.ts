import { createHash } from 'node:crypto';
import type { ManifestItem } from '../archive/docker-archive.js';
import type { SourceImage, SourceLayer } from './source.js';

// What a docker-archive holds and in which order, for one image or a bundle of several:
// manifest.json (one entry per image, its names as RepoTags), each config once, each
// distinct layer once (`<diff_id hex>.tar`), in the order the images list them.

export interface ArchiveImage {
  image: SourceImage;
  names: string[];
}

/** What pack writes: every entry carries its names. */
type ManifestEntry = ManifestItem & { RepoTags: string[] };

export interface ArchiveContents {
  manifest: ManifestEntry[];
  configs: { name: string; bytes: Buffer }[];
  layers: { name: string; layer: SourceLayer }[];
  /** Per given image, in order: `sha256:<config digest>`, the ID the engine will report. */
  imageIds: string[];
}

export function layerMemberName(diffId: string): string {
  return `${diffId.split(':')[1]}.tar`;
}

/**
 * The same image given twice (two sources, or one named twice) is one manifest entry with
 * every name; a layer several images share is stored once.
 */
export function archiveContents(images: ArchiveImage[]): ArchiveContents {
  const manifest: ManifestEntry[] = [];
  const configs: ArchiveContents['configs'] = [];
  const layers: ArchiveContents['layers'] = [];
  const entryOf = new Map<string, ManifestEntry>();
  const stored = new Set<string>();
  const imageIds: string[] = [];
  for (const { image, names } of images) {
    const configHex = createHash('sha256').update(image.configBytes).digest('hex');
    imageIds.push(`sha256:${configHex}`);
    const known = entryOf.get(configHex);
    if (known) {
      for (const name of names) if (!known.RepoTags.includes(name)) known.RepoTags.push(name);
      continue;
    }
    const entry = { Config: `${configHex}.json`, RepoTags: [...names], Layers: image.layers.map((layer) => layerMemberName(layer.diffId)) };
    entryOf.set(configHex, entry);
    manifest.push(entry);
    configs.push({ name: entry.Config, bytes: image.configBytes });
    for (const layer of image.layers) {
      const name = layerMemberName(layer.diffId);
      if (stored.has(name)) continue;
      stored.add(name);
      layers.push({ name, layer });
    }
  }
  return { manifest, configs, layers, imageIds };
}
