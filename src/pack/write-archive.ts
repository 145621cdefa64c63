import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { pipeline as pipe, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { MANIFEST_FILE, serializeManifest } from '../archive/docker-archive.js';
import { createCompressor, type CompressionSettings } from './compress.js';
import { commitFile } from '../system/write-atomically.js';
import { PackError } from '../errors.js';
import { archiveContents, type ArchiveContents, type ArchiveImage } from './archive-contents.js';
import { groupFrames, writeSeekableZstd, type PlannedMember } from './seekable-zstd.js';
import type { SourceLayer } from './source.js';

export interface WrittenArchive {
  /** Per given image, in order: the ID the engine will report. */
  imageIds: string[];
  /** Bytes of the uncompressed docker-archive (the list's size=). */
  tarBytes: number;
  archiveBytes: number;
  archiveSha256: string;
}

// Every header is fixed so the same image always gives the same bytes.
const EPOCH = new Date(0);
const FILE = { mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', mtime: EPOCH, type: 'file' as const };

/**
 * Write images as one docker-archive (loads on Docker 20.10+ and Podman alike), layers
 * uncompressed inside, each stored once. manifest.json comes first, then the configs, then
 * the layers, so tags and configs can be read from the first kilobytes. zstd archives are
 * seekable (seekable-zstd.ts: a frame per large member and a table of contents, still one
 * ordinary zstd stream); the other compressions compress the whole tar once. Written to a
 * temporary name, fsynced, renamed when complete, folder fsynced: no half-written archive is
 * ever left under the final name, not even after a power cut on the build machine.
 */
export async function writeDockerArchive(
  images: ArchiveImage[],
  target: string,
  compression: CompressionSettings,
  source: string,
  onProgress?: (tarBytes: number) => void,
): Promise<WrittenArchive> {
  const contents = archiveContents(images);
  const sizes = await Promise.all(contents.layers.map(async ({ layer }) => layer.size ?? (await measureLayerSize(layer))));
  const manifestBytes = serializeManifest(contents.manifest);
  const members: PlannedMember[] = [
    { name: MANIFEST_FILE, size: manifestBytes.length },
    ...contents.configs.map((config) => ({ name: config.name, size: config.bytes.length })),
    ...contents.layers.map((layer, index) => ({ name: layer.name, size: sizes[index]! })),
  ];

  const pack = tar.pack();
  const counter = new ByteCounter(onProgress);
  const temporary = `${target}.partial-${process.pid}`;
  const filling = fill(pack, manifestBytes, contents, sizes).catch((error: unknown) => {
    pack.destroy(error as Error);
    throw error;
  });
  const writing = (
    compression.compression === 'zstd'
      ? writeSeekable(pipe(pack, counter, () => {}), members, 1 + contents.configs.length, compression, temporary)
      : writeWhole(pack, counter, compression, temporary)
  ).catch((error: unknown) => {
    // Stops the layer being read: it waits on a pack nobody drains any more.
    pack.destroy(error as Error);
    throw error;
  });
  // Both settle before anything is removed: a failed layer also stops the compressor.
  const [wrote, filled] = await Promise.allSettled([writing, filling]);
  let written: { archiveBytes: number; archiveSha256: string };
  try {
    // The layer's own error (a digest mismatch) says more than the stream teardown.
    if (filled.status === 'rejected' && (isSourceError(filled.reason) || wrote.status === 'fulfilled')) throw filled.reason;
    if (wrote.status === 'rejected') throw wrote.reason;
    written = wrote.value;
    await commitFile(temporary, target);
  } catch (cause) {
    await rm(temporary, { force: true });
    // A compressor's failure does not name the source yet.
    if (isSourceError(cause)) throw cause;
    throw new PackError(`cannot write ${target}: ${(cause as Error).message}`, { context: { image: source }, hint: 'check that the --out folder is writable and has space' });
  }
  return { imageIds: contents.imageIds, tarBytes: counter.bytes, ...written };
}

function isSourceError(error: unknown): error is PackError {
  return error instanceof PackError && error.context.image !== undefined;
}

async function writeSeekable(tarStream: AsyncIterable<Buffer>, members: PlannedMember[], metadataCount: number, settings: CompressionSettings, temporary: string) {
  const file = await open(temporary, 'w', 0o644);
  try {
    return await writeSeekableZstd(tarStream, members, groupFrames(members, metadataCount), settings, file);
  } finally {
    await file.close();
  }
}

async function writeWhole(pack: tar.Pack, counter: ByteCounter, settings: CompressionSettings, temporary: string) {
  const hash = createHash('sha256');
  let archiveBytes = 0;
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      archiveBytes += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(pack, counter, createCompressor(settings), hasher, createWriteStream(temporary));
  return { archiveBytes, archiveSha256: hash.digest('hex') };
}

async function fill(pack: tar.Pack, manifestBytes: Buffer, contents: ArchiveContents, sizes: number[]): Promise<void> {
  await addBuffer(pack, MANIFEST_FILE, manifestBytes);
  for (const config of contents.configs) await addBuffer(pack, config.name, config.bytes);
  for (const [index, { name, layer }] of contents.layers.entries()) {
    const sink = pack.entry({ ...FILE, name, size: sizes[index]! });
    const done = entryDone(sink);
    try {
      for await (const data of layer.read()) {
        if (!sink.write(data)) await roomInEntry(sink, pack);
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

/** The entry can take more, or the pack was torn down (the writer failed): then stop reading the layer. */
function roomInEntry(sink: ReturnType<tar.Pack['entry']>, pack: tar.Pack): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      pack.off('close', closed);
      resolve();
    };
    const closed = () => {
      sink.off('drain', done);
      reject(new Error('the archive writer stopped'));
    };
    sink.once('drain', done);
    pack.once('close', closed);
  });
}

function entryDone(sink: ReturnType<tar.Pack['entry']>): Promise<void> {
  return new Promise((resolve, reject) => {
    sink.once('finish', () => resolve());
    sink.once('error', reject);
  });
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
