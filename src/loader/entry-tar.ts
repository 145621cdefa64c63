import { diffIdsOfConfig, imageIdOf, MANIFEST_FILE, memberName, OCI_INDEX_FILE, parseManifest, serializeManifest, type ManifestItem } from '../archive/docker-archive.js';
import { MANIFEST_MAX } from '../archive/image-id.js';
import { CONFIG_MAX, type ArchiveMetadata } from '../archive/metadata.js';
import { EMPTY, KEEP, type MemberEdit, type TarEditor } from '../archive/tar-edit.js';
import { matchingName, type EngineKind } from '../engine/names.js';
import { VerifyError } from '../errors.js';
import type { LayerArrivals } from './layer-arrivals.js';
import type { ListEntry } from '../list/entry.js';
import { parseReference, type ImageReference } from '../list/reference.js';

// What the engine reads of one entry's archive: manifest.json names only the entry's image,
// under the list's name (a multi-image archive must not move a neighbour's name: a service
// started in between would run the wrong image), and the layers the engine already holds are
// sent as empty members. Measured: Docker 20.10/26 and Podman 4.3/5.4 load an archive whose
// present base layer is an empty member with the right image ID, and refuse at once, loading
// nothing, when that layer is absent; leaving the member out works on Docker only (Podman
// checks that every layer file manifest.json names is in the tar). Docker keys layers by
// chain ID, so only a common prefix of rootfs.diff_ids counts.

export interface EntryTarOptions {
  kind: EngineKind;
  /** The store's layer chains (Engine.layerChains); without it every layer is sent. */
  layerChains?: () => Promise<string[][]>;
  /** Its answer when already asked for this load. */
  chains?: string[][];
  /** Other loads of this run in flight (--jobs): one that brings this image's base is waited for. */
  arrivals?: LayerArrivals;
  /** manifest.json and the configs, read before sending (archives that keep them last). */
  known?: ArchiveMetadata;
  /** Hears the archive's manifest.json once it is read. */
  onManifest?: (items: ManifestItem[]) => void;
}

/** What the edit did, for the log, status and the whole-archive retry. */
export interface EntryTarResult {
  /** Layer members of the entry's image sent empty because the engine holds them. */
  layersSkipped: number;
  /** Bytes of those members (and of other images' members) not sent. */
  bytesSkipped: number;
  /** The image chosen out of manifest.json, once read. */
  imageId: string | undefined;
  /** Its RepoTags in the archive, when none of them is the list's name (the list renames it). */
  renamedFrom: string[] | undefined;
}

export interface EntryTar {
  editor: TarEditor;
  result: EntryTarResult;
  /** The load is over: loads waiting for the layers it brings may ask the engine again. */
  finish(): void;
}

export function entryTar(entry: ListEntry, options: EntryTarOptions): EntryTar {
  const result: EntryTarResult = { layersSkipped: 0, bytesSkipped: 0, imageId: undefined, renamedFrom: undefined };
  let chosen: ManifestItem | undefined;
  /** Layer file → the indices of rootfs.diff_ids it stands for (a file may be named twice). */
  let layerIndices = new Map<string, number[]>();
  /** Files only other images of the archive name: never read by the engine for this entry. */
  let othersOnly = new Set<string>();
  let presentPrefix: Promise<number> | undefined;
  let finish = () => {};

  const readManifest = (body: Buffer): Buffer | undefined => {
    const items = parseManifest(body);
    // Not a manifest an engine can use: it says so itself.
    if (!items) return undefined;
    options.onManifest?.(items);
    chosen = chooseImage(items, entry, options.kind);
    result.imageId = imageIdOf(chosen);
    const tags = chosen.RepoTags ?? [];
    const named = matchingName(options.kind, tags, entry.reference) !== undefined || tags.some((tag) => sameFamiliarName(tag, entry.reference));
    result.renamedFrom = named ? undefined : tags;
    layerIndices = new Map();
    chosen.Layers.forEach((name, index) => {
      const key = memberName(name);
      layerIndices.set(key, [...(layerIndices.get(key) ?? []), index]);
    });
    const own = new Set([memberName(chosen.Config), ...layerIndices.keys()]);
    othersOnly = new Set(items.filter((item) => item !== chosen).flatMap((item) => [item.Config, ...item.Layers].map(memberName)).filter((name) => !own.has(name)));
    const { Config, Layers, Parent, LayerSources } = chosen;
    return serializeManifest([{ Config, RepoTags: [entry.reference.nameTag], Layers, ...(Parent ? { Parent } : {}), ...(LayerSources ? { LayerSources } : {}) }]);
  };

  const readConfig = (body: Buffer): undefined => {
    const diffIds = diffIdsOfConfig(body);
    if (presentPrefix || !diffIds || !chosen || diffIds.length !== chosen.Layers.length || !options.layerChains) return undefined;
    const { layerChains, arrivals } = options;
    // Asked while the config's bytes go on to the engine; awaited at the first layer member.
    presentPrefix = (async () => {
      let chains = options.chains ?? (await layerChains());
      for (;;) {
        const have = longestPrefix(diffIds, chains);
        const ahead = arrivals?.bringing(diffIds, have);
        if (!ahead) {
          if (arrivals) finish = arrivals.begin(diffIds);
          return have;
        }
        await ahead;
        chains = await layerChains();
      }
    })().catch(() => 0);
    return undefined;
  };

  if (options.known) {
    // Known before the first byte is sent: layers are emptied wherever they sit in the tar.
    readManifest(options.known.manifest);
    const config = chosen && options.known.members.get(memberName(chosen.Config));
    if (config) readConfig(config);
  }

  const editor: TarEditor = async (member): Promise<MemberEdit> => {
    if (member.name === MANIFEST_FILE) return { kind: 'read', max: MANIFEST_MAX, replace: readManifest };
    if (member.name === OCI_INDEX_FILE && options.kind === 'podman') {
      // Docker ≥ 25 saves an OCI index.json beside manifest.json (and before it). Podman tries an
      // archive as OCI first, so it would load what index.json names — every image, under their
      // saved names — and never read the manifest.json written for this entry: sent empty, it
      // fails that attempt and Podman reads the archive as a docker-archive. An OCI archive with
      // no manifest.json keeps its index.json: it is what names its images.
      if (chosen) return EMPTY;
      return { kind: 'hold', max: MANIFEST_MAX, settle: (body) => (chosen ? Buffer.alloc(0) : body) };
    }
    if (!chosen) return KEEP;
    if (member.name === memberName(chosen.Config)) return options.layerChains ? { kind: 'read', max: CONFIG_MAX, replace: readConfig } : KEEP;
    const indices = layerIndices.get(member.name);
    if (indices) {
      const prefix = presentPrefix ? await presentPrefix : 0;
      if (!indices.every((index) => index < prefix)) return KEEP;
      result.layersSkipped++;
      result.bytesSkipped += member.size;
      return EMPTY;
    }
    if (othersOnly.has(member.name)) {
      result.bytesSkipped += member.size;
      return EMPTY;
    }
    return KEEP;
  };
  return { editor, result, finish: () => finish() };
}

/** How many leading layers of DIFF_IDS some image in the store already has, in that order. */
export function longestPrefix(diffIds: readonly string[], chains: readonly (readonly string[])[]): number {
  let best = 0;
  for (const chain of chains) {
    let n = 0;
    while (n < diffIds.length && n < chain.length && chain[n] === diffIds[n]) n++;
    if (n > best) best = n;
  }
  return best;
}

/**
 * The entry's image among the archive's: the list's id= decides; else the image carrying the
 * list's name (exactly as the engine would store it, else the same repository and tag spelled
 * with or without docker.io/ or localhost/, which the save tools add or drop); else the
 * archive's only image.
 */
export function chooseImage(items: readonly ManifestItem[], entry: ListEntry, kind: EngineKind): ManifestItem {
  const tagsOf = (item: ManifestItem) => item.RepoTags ?? [];
  const all = () => items.flatMap(tagsOf).join(', ') || 'no tags';
  if (entry.expectedId !== undefined) {
    const byId = items.find((item) => imageIdOf(item) === entry.expectedId);
    if (byId) return byId;
    const ids = items.map((item) => imageIdOf(item) ?? item.Config).join(', ');
    throw new VerifyError(`archive ${entry.archivePath} does not carry ${entry.reference.nameTag} as id=${entry.expectedId}; it carries: ${all()} (${ids})`, {
      context: entry,
      hint: 'the archive does not match the list: rebuild the image package',
    });
  }
  const exact = items.find((item) => matchingName(kind, tagsOf(item), entry.reference) !== undefined);
  if (exact) return exact;
  const familiar = items.find((item) => tagsOf(item).some((tag) => sameFamiliarName(tag, entry.reference)));
  if (familiar) return familiar;
  // The list names the image: an archive's only image is the entry's whatever it was called.
  if (items.length === 1) return items[0]!;
  throw new VerifyError(`archive ${entry.archivePath} does not carry ${entry.reference.nameTag}; it carries: ${all()} (${items.length} images)`, {
    context: entry,
    hint: "fix the name in the list, or give the line the image's ID as id= to say which image it is",
  });
}

const DEFAULT_DOMAINS = new Set([undefined, 'docker.io', 'localhost']);

/** `app:1`, `docker.io/library/app:1` and `localhost/app:1`: what the save tools make of one short name. */
function sameFamiliarName(tag: string, ref: ImageReference): boolean {
  const parsed = parseReference(tag);
  if (!parsed.ok || !DEFAULT_DOMAINS.has(parsed.ref.domain) || !DEFAULT_DOMAINS.has(ref.domain)) return false;
  const bare = (path: string) => (path.startsWith('library/') ? path.slice('library/'.length) : path);
  return parsed.ref.tag === ref.tag && bare(parsed.ref.path) === bare(ref.path);
}
