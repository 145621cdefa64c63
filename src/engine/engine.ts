import type { Chunk } from '../archive/chunk.js';
import type { ImageReference } from '../list/reference.js';
import { request, upload, type RequestOptions } from './http.js';
import { errorMessageOf, parseLoadResponse, type LoadReport } from './load-response.js';
import { hasTag, storedName, type EngineKind } from './names.js';

/** Quick calls (ping, inspect) must never hang a boot: each is bounded. */
export const REQUEST_TIMEOUT_MS = 15_000;

export interface ImageInfo {
  id: string;
  repoTags: string[];
}

export interface Engine {
  kind: EngineKind;
  socketPath: string;
  version: string;
  /** The image stored under exactly this name:tag, or undefined. */
  find(ref: ImageReference): Promise<ImageInfo | undefined>;
  /** Stream a plain docker-archive tar into the engine. */
  load(tar: AsyncIterable<Chunk>, signal?: AbortSignal): Promise<LoadReport>;
}

export class EngineError extends Error {
  override name = 'EngineError';
}

export function engineOn(socketPath: string, kind: EngineKind, version: string): Engine {
  const quick: RequestOptions = { timeoutMs: REQUEST_TIMEOUT_MS };
  return {
    kind,
    socketPath,
    version,
    async find(ref) {
      // Reference grammar leaves nothing to escape in a path.
      const name = storedName(kind, ref);
      const response = await request(socketPath, 'GET', `/images/${name}/json`, quick);
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw new EngineError(`inspecting ${name} failed: ${errorMessageOf(response.status, response.text)}`);
      const info = JSON.parse(response.text) as { Id?: string; RepoTags?: string[] | null };
      const image = { id: info.Id ?? '', repoTags: info.RepoTags ?? [] };
      return hasTag(kind, image.repoTags, ref) ? image : undefined;
    },
    async load(tar, signal) {
      const response = await upload(socketPath, '/images/load?quiet=1', tar, { signal });
      return parseLoadResponse(response.status, response.text);
    },
  };
}
