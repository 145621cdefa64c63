import type { Chunk } from '../archive/chunk.js';
import type { ImageReference } from '../list/reference.js';
import { versioned } from './api-version.js';
import { request, upload, type RequestOptions } from './http.js';
import { errorMessageOf, parseLoadResponse, type LoadReport } from './load-response.js';
import { hasTag, storedName, type EngineKind } from './names.js';
import { DEFAULT_LOAD_TIMEOUT_SECONDS, REQUEST_TIMEOUT_MS } from './timeouts.js';

export { DEFAULT_LOAD_TIMEOUT_SECONDS, REQUEST_TIMEOUT_MS } from './timeouts.js';

export interface ImageInfo {
  id: string;
  repoTags: string[];
}

export interface Engine {
  kind: EngineKind;
  socketPath: string;
  version: string;
  /** The API version every path carries (/v1.41/…); undefined when the engine announced none. */
  apiVersion: string | undefined;
  /** The image stored under exactly this name:tag, or undefined. */
  find(ref: ImageReference): Promise<ImageInfo | undefined>;
  /** Stream a plain docker-archive tar into the engine. */
  load(tar: AsyncIterable<Chunk>, signal?: AbortSignal): Promise<LoadReport>;
  /** The image with this ID (`sha256:…`), tagged or not. */
  findById(id: string): Promise<ImageInfo | undefined>;
  /** Point name:tag at an image already in the store. */
  tag(id: string, ref: ImageReference): Promise<void>;
  /** Where the engine keeps its images (Docker's data root, Podman's graph root). */
  storageRoot(): Promise<string | undefined>;
}

export class EngineError extends Error {
  override name = 'EngineError';
}

export function engineOn(socketPath: string, kind: EngineKind, version: string, loadTimeoutSeconds = DEFAULT_LOAD_TIMEOUT_SECONDS, apiVersion?: string): Engine {
  const quick: RequestOptions = { timeoutMs: REQUEST_TIMEOUT_MS };
  const api = (path: string) => versioned(apiVersion, path);
  /** GET /images/{name or ID}/json: undefined on 404. */
  const inspect = async (target: string): Promise<ImageInfo | undefined> => {
    const response = await request(socketPath, 'GET', api(`/images/${target}/json`), quick);
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw new EngineError(`inspecting ${target} failed: ${errorMessageOf(response.status, response.text)}`);
    const info = JSON.parse(response.text) as { Id?: string; RepoTags?: string[] | null };
    return { id: info.Id ?? '', repoTags: info.RepoTags ?? [] };
  };
  return {
    kind,
    socketPath,
    version,
    apiVersion,
    async find(ref) {
      // Reference grammar leaves nothing to escape in a path.
      const image = await inspect(storedName(kind, ref));
      return image && hasTag(kind, image.repoTags, ref) ? image : undefined;
    },
    async findById(id) {
      const image = await inspect(id);
      return image?.id === id ? image : undefined;
    },
    async tag(id, ref) {
      // The full stored name: Podman's compat endpoint would file a bare `app` under docker.io/library.
      const name = storedName(kind, ref);
      const repo = name.slice(0, name.lastIndexOf(':'));
      const response = await request(socketPath, 'POST', api(`/images/${id}/tag?repo=${encodeURIComponent(repo)}&tag=${encodeURIComponent(ref.tag)}`), quick);
      if (response.status !== 201 && response.status !== 200) throw new EngineError(`tagging ${id} as ${name} failed: ${errorMessageOf(response.status, response.text)}`);
    },
    async storageRoot() {
      const response = await request(socketPath, 'GET', api('/info'), quick);
      if (response.status !== 200) return undefined;
      return (JSON.parse(response.text) as { DockerRootDir?: string }).DockerRootDir || undefined;
    },
    async load(tar, signal) {
      const response = await upload(socketPath, api('/images/load?quiet=1'), tar, { signal, answerTimeoutMs: loadTimeoutSeconds * 1000 });
      return parseLoadResponse(response.status, response.text);
    },
  };
}
