import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { Chunk } from '../archive/chunk.js';
import { decoderFor } from '../archive/codecs/index.js';
import { READ_CHUNK_BYTES } from '../archive/limits.js';
import { readFileChunks } from '../archive/read-file.js';
import { SNIFF_BYTES, sniffFormat } from '../archive/sniff.js';
import { PackError } from '../errors.js';

/** The packer runs on the build machine: any window the source used is fine to decode. */
const BUILD_DECODER_MEMORY = 2 ** 31;

export interface BlobLayer {
  path: string;
  /** Digest of the stored blob (OCI/dir descriptors); checked as it is read. */
  blobDigest: string | undefined;
  diffId: string;
  source: string;
}

/**
 * A layer blob as its uncompressed tar, whatever it is stored as (plain, gzip, zstd),
 * checked against the manifest's blob digest and the config's diff_id while it streams.
 */
export async function* readLayer(layer: BlobLayer): AsyncGenerator<Buffer> {
  const file = await open(layer.path).catch((error: Error) => {
    throw new PackError(`layer ${layer.diffId} is missing: ${error.message}`, { context: { image: layer.source } });
  });
  try {
    const blobHash = createHash('sha256');
    const chunks = hashed(readFileChunks(file, READ_CHUNK_BYTES), blobHash)[Symbol.asyncIterator]();
    const first = await chunks.next();
    const format = first.done ? 'empty' : sniffFormat(first.value.data);
    // Anything not compressed is taken as a tar (an empty layer has no ustar magic); the
    // diff_id check below catches whatever is not the expected tar.
    const decode = (await decoderFor(format)) ?? (await decoderFor('tar'))!;
    const all = prepend(first.done ? undefined : first.value, chunks);
    const tarHash = createHash('sha256');
    for await (const chunk of decode(all, { maxDecoderMemory: BUILD_DECODER_MEMORY })) {
      const copy = Buffer.from(chunk.data);
      chunk.release();
      tarHash.update(copy);
      yield copy;
    }
    check(layer, 'blob', layer.blobDigest, blobHash);
    check(layer, 'uncompressed', layer.diffId, tarHash);
  } finally {
    await file.close();
  }
}

/** A layer stored uncompressed has its file size as its size; compressed ones must be measured. */
export async function plainTarSize(file: string): Promise<number | undefined> {
  try {
    const handle = await open(file);
    try {
      const head = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
      const compressed = ['zstd', 'xz', 'gzip'].includes(sniffFormat(head.subarray(0, bytesRead)));
      return compressed ? undefined : (await handle.stat()).size;
    } finally {
      await handle.close();
    }
  } catch {
    return undefined; // reported when the layer is read
  }
}

function check(layer: BlobLayer, what: string, expected: string | undefined, hash: ReturnType<typeof createHash>): void {
  if (expected === undefined) return;
  const actual = `sha256:${hash.digest('hex')}`;
  if (actual !== expected) {
    throw new PackError(
      `corrupt layer ${layer.path}: its ${what} digest is ${actual}, the image says ${expected}`,
      { context: { image: layer.source }, hint: 'the source image is damaged: fetch or export it again' },
    );
  }
}

async function* hashed(source: AsyncIterable<Chunk>, hash: ReturnType<typeof createHash>): AsyncGenerator<Chunk> {
  for await (const chunk of source) {
    hash.update(chunk.data);
    yield chunk;
  }
}

async function* prepend(first: Chunk | undefined, rest: AsyncIterator<Chunk>): AsyncGenerator<Chunk> {
  if (first) yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}
