import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { MANIFEST_FILE, serializeManifest, type ManifestItem } from '../archive/docker-archive.js';
import { createCompressor, type CompressionSettings } from './compress.js';
import { commitFile } from '../system/write-atomically.js';
import { PackError } from '../errors.js';
import type { SourceImage, SourceLayer } from './source.js';

export interface WrittenArchive {
  imageId: string;
  /** Bytes of the uncompressed docker-archive (the list's size=). */
  tarBytes: number;
  archiveBytes: number;
  archiveSha256: string;
}

// Every header is fixed so the same image always gives the same bytes.
const EPOCH = new Date(0);
const FILE = { mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', mtime: EPOCH, type: 'file' as const };

/**
 * Write one image as a docker-archive (loads on Docker 20.10+ and Podman alike), layers
 * uncompressed inside and the whole tar compressed once. manifest.json comes first, so its
 * tags can be read from the first kilobytes. Written to a temporary name, fsynced, renamed
 * when complete, folder fsynced: no half-written archive is ever left under the final name,
 * not even after a power cut on the build machine.
 */
export async function writeDockerArchive(
  image: SourceImage,
  names: string[],
  target: string,
  compression: CompressionSettings,
  source: string,
  onProgress?: (tarBytes: number) => void,
): Promise<WrittenArchive> {
  const configHex = createHash('sha256').update(image.configBytes).digest('hex');
  const layers = uniqueLayers(image.layers);
  const manifest: ManifestItem[] = [{ Config: `${configHex}.json`, RepoTags: names, Layers: image.layers.map(layerName) }];
  const sizes = await Promise.all(layers.map(async (layer) => layer.size ?? (await measureLayerSize(layer))));

  const pack = tar.pack();
  const counter = new ByteCounter(onProgress);
  const hash = createHash('sha256');
  let archiveBytes = 0;
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      archiveBytes += chunk.length;
      callback(null, chunk);
    },
  });
  const temporary = `${target}.partial-${process.pid}`;
  const filling = fill(pack, manifest, configHex, image.configBytes, layers, sizes).catch((error: unknown) => {
    pack.destroy(error as Error);
    throw error;
  });
  try {
    await Promise.all([pipeline(pack, counter, createCompressor(compression), hasher, createWriteStream(temporary)), filling]);
    await commitFile(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    // The layer's own error (a digest mismatch) says more than the stream teardown; a
    // compressor's failure does not name the source yet.
    const cause = await filling.then(() => error, (fillError: unknown) => fillError);
    if (cause instanceof PackError && cause.context.image !== undefined) throw cause;
    throw new PackError(`cannot write ${target}: ${(cause as Error).message}`, { context: { image: source }, hint: 'check that the --out folder is writable and has space' });
  }
  return { imageId: `sha256:${configHex}`, tarBytes: counter.bytes, archiveBytes, archiveSha256: hash.digest('hex') };
}

async function fill(pack: tar.Pack, manifest: ManifestItem[], configHex: string, configBytes: Buffer, layers: SourceLayer[], sizes: number[]): Promise<void> {
  await addBuffer(pack, MANIFEST_FILE, serializeManifest(manifest));
  await addBuffer(pack, `${configHex}.json`, configBytes);
  for (const [index, layer] of layers.entries()) {
    const sink = pack.entry({ ...FILE, name: layerName(layer), size: sizes[index]! });
    const done = entryDone(sink);
    try {
      for await (const data of layer.read()) {
        if (!sink.write(data)) await new Promise<void>((resolve) => sink.once('drain', () => resolve()));
      }
    } catch (error) {
      // The entry fails too once the pack is torn down; the layer's error is the one to report.
      done.catch(() => {});
      throw error;
    }
    sink.end(undefined);
    await done;
  }
  pack.finalize();
}

function addBuffer(pack: tar.Pack, name: string, content: Buffer): Promise<void> {
  return new Promise((resolve, reject) => pack.entry({ ...FILE, name, size: content.length }, content, (error) => (error ? reject(error) : resolve())));
}

function entryDone(sink: ReturnType<tar.Pack['entry']>): Promise<void> {
  return new Promise((resolve, reject) => {
    sink.once('finish', () => resolve());
    sink.once('error', reject);
  });
}

function layerName(layer: { diffId: string }): string {
  return `${layer.diffId.split(':')[1]}.tar`;
}

/** An image may list the same layer twice (empty layers); the archive stores it once. */
function uniqueLayers(layers: SourceLayer[]): SourceLayer[] {
  const seen = new Set<string>();
  return layers.filter((layer) => !seen.has(layer.diffId) && seen.add(layer.diffId));
}

async function measureLayerSize(layer: SourceLayer): Promise<number> {
  let size = 0;
  for await (const data of layer.read()) size += data.length;
  return size;
}

class ByteCounter extends Transform {
  bytes = 0;
  constructor(private readonly onProgress?: (bytes: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.onProgress?.(this.bytes);
    callback(null, chunk);
  }
}
