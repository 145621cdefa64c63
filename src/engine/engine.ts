import type { Chunk } from '../archive/chunk.js';
import type { ImageReference } from '../list/reference.js';
import { versioned } from './api-version.js';
import { EngineRefusedError } from '../errors.js';
import { ENGINE_HINT, request, upload, type RequestOptions } from './http.js';
import { errorMessageOf, parseLoadResponse, type LoadReport } from './load-response.js';
import { acceptedNames, canonicalTags, filterSpellings, type EngineKind } from './names.js';
import { quoted } from '../system/quote.js';
import { DEFAULT_LOAD_TIMEOUT_SECONDS, DEFAULT_STALL_TIMEOUT_SECONDS, REQUEST_TIMEOUT_MS } from './timeouts.js';

export { DEFAULT_LOAD_TIMEOUT_SECONDS, DEFAULT_STALL_TIMEOUT_SECONDS, REQUEST_TIMEOUT_MS } from './timeouts.js';

export interface ImageInfo {
  id: string;
  repoTags: string[];
}

/** An image found under a list name: which accepted spelling, and any other accepted spelling also in the store. */
export interface FoundImage extends ImageInfo {
  name: string;
  /** The other accepted spellings present too (Podman: `localhost/app:1` and `docker.io/library/app:1`), with their IDs. */
  alsoAs: Array<{ name: string; id: string }>;
}

export interface Engine {
  kind: EngineKind;
  socketPath: string;
  version: string;
  /** The API version every path carries (/v1.41/…); undefined when the engine announced none. */
  apiVersion: string | undefined;
  /**
   * The image stored under one of the spellings the engine accepts for this name:tag
   * (names.ts), or undefined. `prefer` (full names, e.g. what a load reported) wins over the
   * engine's own order.
   */
  find(ref: ImageReference, prefer?: readonly string[]): Promise<FoundImage | undefined>;
  /**
   * The images certainly present among REFS, in one request where the engine can answer that
   * (Docker: one filtered list); index i is `find(refs[i])`'s answer, or undefined when not
   * known this way — ask find(). Never a false "absent": only what the engine listed counts.
   */
  findPresent?(refs: readonly ImageReference[]): Promise<Array<FoundImage | undefined>>;
  /** Stream a plain docker-archive tar into the engine. */
  load(tar: AsyncIterable<Chunk>, signal?: AbortSignal): Promise<LoadReport>;
  /** The image with this ID (`sha256:…`), tagged or not. */
  findById(id: string): Promise<ImageInfo | undefined>;
  /** Point name:tag at an image already in the store, under `name` (an accepted spelling) or the engine's first. */
  tag(id: string, ref: ImageReference, name?: string): Promise<void>;
  /** Where the engine keeps its images (Docker's data root, Podman's graph root). */
  storageRoot(): Promise<string | undefined>;
  /** Every container, created or running, with the image it was made from. */
  containers(): Promise<ContainerInfo[]>;
  /**
   * DELETE /images/NAME without force: the engine untags NAME and deletes the image once its
   * last name is gone, unless a container uses it (then it refuses). Says whether the image went.
   */
  removeName(name: string): Promise<{ imageDeleted: boolean }>;
  /**
   * The layer chains the store holds: each image's RootFS.Layers (its config's diff_ids, in
   * order). Absent on an engine that cannot say; then every load sends every layer.
   */
  layerChains?(): Promise<string[][]>;
}

export interface ContainerInfo {
  id: string;
  /** Its name without Docker's leading slash. */
  name: string;
  imageId: string;
}

/** Inspects in flight while reading every image's layers (as the presence check of Podman 4 does). */
const INSPECTS_IN_FLIGHT = 8;

/** Whether one image list filtered by several references returns each of them (measured: Docker 20.10 and Podman 5.4 yes, Podman 4.3 no). */
function orsReferenceFilters(kind: EngineKind, version: string): boolean {
  return kind === 'docker' || Number.parseInt(version, 10) >= 5;
}

/** Among the accepted spellings found (in the engine's order), the one `prefer` names or the first; the others become `alsoAs`. */
function foundImage(found: ReadonlyArray<ImageInfo & { name: string }>, prefer: readonly string[] = []): FoundImage | undefined {
  const chosen = found.find((image) => prefer.includes(image.name)) ?? found[0];
  if (!chosen) return undefined;
  return { ...chosen, alsoAs: found.filter((image) => image !== chosen).map(({ name, id }) => ({ name, id })) };
}

/** Names per filtered image list: ~100 names (Docker: 200 spellings) keep the URL to a few KiB. */
const LIST_FILTER_NAMES = 100;

/** An answer that should be JSON: anything else is the engine's fault (or not an engine at all), said with what it sent. */
function jsonOf<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new EngineRefusedError(`the engine's answer to ${what} is not JSON: ${quoted(text)}`, { hint: `is something other than Docker or Podman listening on the socket? ${ENGINE_HINT}` });
  }
}

export interface EngineOptions {
  loadTimeoutSeconds?: number;
  stallTimeoutSeconds?: number;
  /** Negotiated from /_ping (api-version.ts); undefined keeps unversioned paths. */
  apiVersion?: string;
  /** Aborts every request of this engine (SIGTERM/SIGINT): none waits for its own timeout. */
  signal?: AbortSignal;
}

export function engineOn(socketPath: string, kind: EngineKind, version: string, options: EngineOptions = {}): Engine {
  const { loadTimeoutSeconds = DEFAULT_LOAD_TIMEOUT_SECONDS, stallTimeoutSeconds = DEFAULT_STALL_TIMEOUT_SECONDS, apiVersion, signal: stop } = options;
  const quick: RequestOptions = { timeoutMs: REQUEST_TIMEOUT_MS, signal: stop };
  const api = (path: string) => versioned(apiVersion, path);
  /** GET /images/{name or ID}/json: undefined on 404. */
  const inspect = async (target: string): Promise<ImageInfo | undefined> => {
    const response = await request(socketPath, 'GET', api(`/images/${target}/json`), quick);
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw new EngineRefusedError(`inspecting ${target} failed: ${errorMessageOf(response.status, response.text)}`, { hint: ENGINE_HINT });
    const info = jsonOf<{ Id?: string; RepoTags?: string[] | null }>(response.text, `GET /images/${target}/json`);
    return { id: info.Id ?? '', repoTags: info.RepoTags ?? [] };
  };
  /**
   * GET /images/json filtered by every accepted name at once, spelled as each engine matches
   * it (names.ts filterSpellings; Docker and Podman 5 OR reference filters; Podman 4.3 ANDs
   * them, so it keeps one inspect per name). 100 present images: one request
   * of ~10 ms instead of 100 inspects. An entry counts only when all its accepted spellings
   * are listed, so what find() would choose among them is known; the rest go to find().
   */
  const listPresent = async (refs: readonly ImageReference[]): Promise<Array<FoundImage | undefined>> => {
    const names = refs.map((ref) => acceptedNames(kind, ref));
    const unique = [...new Set(names.flat())];
    const byName = new Map<string, ImageInfo>();
    // A bounded URL per request (engines cap the request head: Go's default is 1 MB, node's 16 KB).
    for (let start = 0; start < unique.length; start += LIST_FILTER_NAMES) {
      const spellings = unique.slice(start, start + LIST_FILTER_NAMES).flatMap((name) => filterSpellings(kind, name));
      const filters = encodeURIComponent(JSON.stringify({ reference: spellings }));
      const response = await request(socketPath, 'GET', api(`/images/json?filters=${filters}`), quick);
      if (response.status !== 200) throw new EngineRefusedError(`listing images failed: ${errorMessageOf(response.status, response.text)}`, { hint: ENGINE_HINT });
      const listed = jsonOf<Array<{ Id?: string; RepoTags?: string[] | null }>>(response.text, 'GET /images/json');
      if (!Array.isArray(listed)) throw new EngineRefusedError(`the engine's answer to GET /images/json is not a list of images: ${quoted(response.text)}`, { hint: ENGINE_HINT });
      for (const image of listed) {
        const info = { id: image.Id ?? '', repoTags: image.RepoTags ?? [] };
        for (const name of canonicalTags(kind, info.repoTags)) byName.set(name, info);
      }
    }
    return names.map((spellings) => {
      const found = spellings.flatMap((name) => {
        const image = byName.get(name);
        return image ? [{ ...image, name }] : [];
      });
      return found.length === spellings.length ? foundImage(found) : undefined;
    });
  };
  return {
    kind,
    socketPath,
    version,
    apiVersion,
    async find(ref, prefer = []) {
      // Each spelling asked for by its full name (reference grammar leaves nothing to escape),
      // and kept only when the engine lists exactly that name.
      const names = acceptedNames(kind, ref);
      const images = await Promise.all(names.map((name) => inspect(name)));
      const found = names.flatMap((name, i) => {
        const image = images[i];
        return image && canonicalTags(kind, image.repoTags).includes(name) ? [{ ...image, name }] : [];
      });
      return foundImage(found, prefer);
    },
    ...(orsReferenceFilters(kind, version) ? { findPresent: (refs: readonly ImageReference[]) => listPresent(refs) } : {}),
    async findById(id) {
      const image = await inspect(id);
      return image?.id === id ? image : undefined;
    },
    async tag(id, ref, name = acceptedNames(kind, ref)[0]!) {
      // Always a full name: Podman's compat endpoint would file a bare `app` under docker.io/library.
      const repo = name.slice(0, name.lastIndexOf(':'));
      const response = await request(socketPath, 'POST', api(`/images/${id}/tag?repo=${encodeURIComponent(repo)}&tag=${encodeURIComponent(ref.tag)}`), quick);
      if (response.status !== 201 && response.status !== 200) throw new EngineRefusedError(`tagging ${id} as ${name} failed: ${errorMessageOf(response.status, response.text)}`, { hint: ENGINE_HINT });
    },
    async layerChains() {
      const response = await request(socketPath, 'GET', api('/images/json'), quick);
      if (response.status !== 200) throw new EngineRefusedError(`listing images failed: ${errorMessageOf(response.status, response.text)}`, { hint: ENGINE_HINT });
      const ids = [...new Set((JSON.parse(response.text) as Array<{ Id?: string }>).flatMap((image) => (image.Id ? [image.Id] : [])))];
      const chains: string[][] = [];
      let next = 0;
      const worker = async () => {
        while (next < ids.length) {
          const id = ids[next++]!;
          const response = await request(socketPath, 'GET', api(`/images/${id}/json`), quick);
          // Removed since the list: it holds nothing any more.
          if (response.status === 404) continue;
          if (response.status !== 200) throw new EngineRefusedError(`inspecting ${id} failed: ${errorMessageOf(response.status, response.text)}`, { hint: ENGINE_HINT });
          const layers = (JSON.parse(response.text) as { RootFS?: { Layers?: unknown } }).RootFS?.Layers;
          if (Array.isArray(layers) && layers.every((layer) => typeof layer === 'string')) chains.push(layers as string[]);
        }
      };
      await Promise.all(Array.from({ length: Math.min(INSPECTS_IN_FLIGHT, ids.length) }, worker));
      return chains;
    },
    async storageRoot() {
      const response = await request(socketPath, 'GET', api('/info'), quick);
      if (response.status !== 200) return undefined;
      return jsonOf<{ DockerRootDir?: string }>(response.text, 'GET /info').DockerRootDir || undefined;
    },
    async containers() {
      const response = await request(socketPath, 'GET', api('/containers/json?all=1'), quick);
      if (response.status !== 200) throw new EngineRefusedError(`listing containers failed: ${errorMessageOf(response.status, response.text)}`, { hint: ENGINE_HINT });
      const listed = JSON.parse(response.text) as Array<{ Id?: string; Names?: string[] | null; ImageID?: string }>;
      // Podman's compat list has given the ID without its sha256: prefix in some versions.
      const full = (id: string) => (id === '' || id.startsWith('sha256:') ? id : `sha256:${id}`);
      return listed.map((c) => ({ id: c.Id ?? '', name: (c.Names?.[0] ?? '').replace(/^\//, ''), imageId: full(c.ImageID ?? '') }));
    },
    async removeName(name) {
      const response = await request(socketPath, 'DELETE', api(`/images/${name}`), quick);
      if (response.status !== 200) throw new EngineRefusedError(`removing ${name} failed: ${errorMessageOf(response.status, response.text)}`, { hint: 'the name stays; prune again once nothing holds it' });
      const answer = JSON.parse(response.text) as Array<{ Untagged?: string; Deleted?: string }> | null;
      return { imageDeleted: (answer ?? []).some((item) => item.Deleted !== undefined) };
    },
    async load(tar, signal) {
      const response = await upload(socketPath, api('/images/load?quiet=1'), tar, {
        signal: signal ?? stop,
        answerTimeoutMs: loadTimeoutSeconds * 1000,
        stallTimeoutMs: stallTimeoutSeconds * 1000,
        engineName: `${kind} on ${socketPath}`,
      });
      return parseLoadResponse(response.status, response.text);
    },
  };
}
