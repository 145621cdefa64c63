import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { connectEngine } from '../../engine/connect.js';
import { versioned } from '../../engine/api-version.js';
import { download, EngineHttpError } from '../../engine/http.js';
import { PreloadError } from '../../errors.js';
import { PackError } from '../../errors.js';
import type { SourceImage, SourceOptions } from '../source.js';
import { dockerArchiveImages } from './docker-archive.js';

const ENGINE_OF = { 'docker-daemon': 'docker', podman: 'podman' } as const;
/** A build host's engine is either running or not: one try, no boot-time patience. */
const WAIT_ENGINE_SECONDS = 0;
/** An export that sends nothing for this long is stuck. */
const EXPORT_IDLE_MS = 120_000;

/**
 * `docker-daemon:NAME:TAG` / `podman:NAME:TAG`: export the image from an engine's store
 * (GET /images/NAME/get, a docker-archive) into a temporary file, then read it as one. The
 * engine is found and identified the way the loader finds it (--socket, DOCKER_HOST /
 * CONTAINER_HOST, the usual sockets).
 */
export async function engineExportImages(transport: keyof typeof ENGINE_OF, name: string, options: SourceOptions, source: string): Promise<SourceImage[]> {
  const file = path.join(await mkdtemp(path.join(options.tmpDir, 'export-')), 'image.tar');
  try {
    const engine = await connectEngine({ engine: ENGINE_OF[transport], socket: options.socket, waitSeconds: WAIT_ENGINE_SECONDS });
    const body = await download(engine.socketPath, versioned(engine.apiVersion, `/images/${name}/get`), { timeoutMs: EXPORT_IDLE_MS });
    await pipeline(body, createWriteStream(file));
  } catch (error) {
    if (!(error instanceof PreloadError || error instanceof EngineHttpError)) throw error;
    throw new PackError(
      `cannot export ${name}: ${error.message}`,
      { context: { image: source }, hint: (error instanceof PreloadError ? error.hint : undefined) ?? 'pass --socket, or start the engine', cause: error },
    );
  }
  const images = await dockerArchiveImages(file, undefined, options.tmpDir, source);
  return images.map((image) => ({ ...image, names: [name] }));
}
