import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { GarbageBudget } from '../../system/garbage.js';
import { unpooled, type Chunk } from '../chunk.js';
import { GARBAGE_BUDGET_BYTES, OUTPUT_CHUNK_BYTES } from '../limits.js';
import { DecodeError } from './decode-error.js';
import { chunksOf, type DecoderInput } from './input.js';

// zlib's stream honours backpressure by itself; only its output buffers need collecting.
export async function* decodeGzip(source: DecoderInput, _limits?: unknown, signal?: AbortSignal): AsyncGenerator<Chunk> {
  const gunzip = createGunzip({ chunkSize: OUTPUT_CHUNK_BYTES });
  const input = Readable.from(copyAndRelease(chunksOf(source, signal)), { objectMode: false, highWaterMark: 1 });
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const garbage = new GarbageBudget(GARBAGE_BUDGET_BYTES);
  try {
    for await (const output of gunzip as AsyncIterable<Buffer>) {
      yield unpooled(output);
      await garbage.spend(output.length);
    }
  } catch (error) {
    if (error instanceof DecodeError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'Z_BUF_ERROR') throw new DecodeError('gzip', 'the archive ends in the middle of the gzip stream (truncated?)');
    throw new DecodeError('gzip', `corrupt gzip data: ${(error as Error).message}`);
  } finally {
    input.destroy();
  }
}

/** zlib keeps references to written chunks, so pooled buffers are copied before they go back. */
async function* copyAndRelease(source: AsyncIterable<Chunk>): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    const copy = Buffer.from(chunk.data);
    chunk.release();
    yield copy;
  }
}
