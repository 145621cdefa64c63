import { createWriteStream } from 'node:fs';
import http from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PackError } from '../pack-error.js';
import type { SourceImage, SourceOptions } from '../source.js';
import { dockerArchiveImages } from './docker-archive.js';

const DEFAULT_SOCKETS = { 'docker-daemon': '/run/docker.sock', podman: '/run/podman/podman.sock' } as const;

/**
 * `docker-daemon:NAME:TAG` / `podman:NAME:TAG`: export the image from an engine's store
 * (GET /images/NAME/get, a docker-archive) into a temporary file, then read it as one.
 */
export async function engineExportImages(
  transport: keyof typeof DEFAULT_SOCKETS,
  name: string,
  options: SourceOptions,
  source: string,
): Promise<SourceImage[]> {
  const socketPath = options.socket ?? DEFAULT_SOCKETS[transport];
  const file = path.join(await mkdtemp(path.join(options.tmpDir, 'export-')), 'image.tar');
  await new Promise<void>((resolve, reject) => {
    const req = http.get({ socketPath, path: `/images/${name}/get`, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => reject(new PackError(source, `the engine on ${socketPath} cannot export ${name}: ${messageFrom(text) || `HTTP ${res.statusCode}`}`)));
        return;
      }
      pipeline(res, createWriteStream(file)).then(resolve, reject);
    });
    req.on('error', (error) => reject(new PackError(source, `cannot reach the engine on ${socketPath}: ${error.message}`, 'pass --socket, or start the engine')));
  });
  const images = await dockerArchiveImages(file, undefined, options.tmpDir, source);
  return images.map((image) => ({ ...image, names: [name] }));
}

function messageFrom(text: string): string {
  try {
    return (JSON.parse(text) as { message?: string }).message ?? text.trim();
  } catch {
    return text.trim();
  }
}
