import binding from 'zstd-napi/binding.js';
import { BufferPool, type Chunk } from '../chunk.js';
import { OUTPUT_CHUNK_BYTES, OUTPUT_POOL_BUFFERS, zstdWindowLogMax, type DecoderLimits } from '../limits.js';
import { DecodeError } from './decode-error.js';

// zstd-napi's DecompressStream ignores backpressure (1 GiB of zeros → ~1.1 GB RSS), so the
// low-level context is driven here: one pooled output buffer per call, handed downstream,
// and no new call until the pool has a free buffer again.

export async function* decodeZstd(source: AsyncIterable<Chunk>, limits: DecoderLimits): AsyncGenerator<Chunk> {
  const dctx = new binding.DCtx();
  const windowLogMax = zstdWindowLogMax(limits.maxDecoderMemory);
  dctx.setParameter(binding.DParameter.windowLogMax, windowLogMax);
  const pool = new BufferPool(OUTPUT_CHUNK_BYTES, OUTPUT_POOL_BUFFERS);
  // 0 once a frame is complete and flushed; anything else at the end means a cut-off frame.
  let pendingHint = 0;
  for await (const input of source) {
    let rest = input.data;
    let outputFull = true;
    while (rest.length > 0 || outputFull) {
      const out = await pool.acquire();
      let hint: number;
      let produced: number;
      let consumed: number;
      try {
        [hint, produced, consumed] = dctx.decompressStream(out, rest);
      } catch (error) {
        pool.put(out);
        input.release();
        throw zstdError(error, windowLogMax);
      }
      // A call that moved nothing (after an exactly full buffer) already expects the next frame.
      if (produced > 0 || consumed > 0) pendingHint = hint;
      rest = rest.subarray(consumed);
      outputFull = produced === out.length;
      if (produced > 0) yield pool.chunk(out, produced);
      else pool.put(out);
    }
    input.release();
  }
  if (pendingHint !== 0) throw new DecodeError('zstd', 'the archive ends in the middle of a zstd frame (truncated?)');
}

function zstdError(error: unknown, windowLogMax: number): DecodeError {
  const message = error instanceof Error ? error.message : String(error);
  if (/too much memory|window/i.test(message)) {
    return new DecodeError(
      'zstd',
      `the archive needs a zstd window larger than the decoder memory cap (2^${windowLogMax} bytes)`,
      'if the archive is intact, raise --max-decoder-memory or re-pack it with a smaller window (preload-daemon pack keeps 8 MiB); a damaged frame header reads the same',
      true,
    );
  }
  return new DecodeError('zstd', `corrupt zstd data: ${message}`);
}
