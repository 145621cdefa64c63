import lzma, { type Stream as LzmaStream } from 'lzma-native';
import { GarbageBudget } from '../../system/garbage.js';
import { unpooled, type Chunk } from '../chunk.js';
import {
  GARBAGE_BUDGET_BYTES,
  XZ_MAX_SLICE,
  XZ_MIN_SLICE,
  XZ_OUTPUT_PER_SLICE,
  type DecoderLimits,
} from '../limits.js';
import { DecodeError } from './decode-error.js';

// lzma-native's Transform ignores backpressure (1 GiB of zeros → ~1.5 GB RSS) and its native
// code() decodes a whole input chunk at once. So input is fed in slices sized from the
// ratio just seen (zeros: 256 bytes; ordinary layers: 2 KiB), never more than XZ_MAX_SLICE,
// which bounds the output of one call even when a region suddenly compresses ~7000:1.

interface SliceResult {
  outputs: Buffer[];
  bytes: number;
}

export async function* decodeXz(source: AsyncIterable<Chunk>, limits: DecoderLimits): AsyncGenerator<Chunk> {
  const decoder = new lzma.Stream();
  decoder.autoDecoder({ memlimit: limits.maxDecoderMemory, flags: lzma.CONCATENATED });
  const garbage = new GarbageBudget(GARBAGE_BUDGET_BYTES);
  // Start as if the data were zeros; the first slices then show the real ratio.
  let ratio = XZ_OUTPUT_PER_SLICE / XZ_MIN_SLICE;
  try {
    for await (const input of source) {
      for (let offset = 0; offset < input.data.length; ) {
        const size = Math.max(XZ_MIN_SLICE, Math.min(XZ_MAX_SLICE, Math.floor(XZ_OUTPUT_PER_SLICE / ratio)));
        // code() copies its input, so the pooled read buffer can go back right after.
        const slice = input.data.subarray(offset, offset + size);
        offset += slice.length;
        const result = code(decoder, slice, limits);
        ratio = Math.max(1, result.bytes / slice.length);
        yield* result.outputs.map(unpooled);
        await garbage.spend(result.bytes);
      }
      input.release();
    }
    yield* code(decoder, null, limits).outputs.map(unpooled);
  } finally {
    decoder.resetUnderlying();
  }
}

/**
 * One synchronous native call: it hands over its output, then any error, then returns.
 * Synchronous on purpose: the worker-thread mode decoded no faster here and its malloc
 * arena added ~25 MB of RSS. A call is bounded (≤ ~1 MiB of output), so the loop stays responsive.
 */
function code(decoder: LzmaStream, slice: Buffer | null, limits: DecoderLimits): SliceResult {
  const outputs: Buffer[] = [];
  let bytes = 0;
  let failure: Error | undefined;
  decoder.bufferHandler = (buffer, _processedChunks, error) => {
    if (buffer) {
      outputs.push(buffer);
      bytes += buffer.length;
    } else if (error) {
      failure = error;
    }
  };
  decoder.code(slice, false);
  if (failure) throw xzError(failure, limits);
  return { outputs, bytes };
}

function xzError(error: Error & { code?: number }, limits: DecoderLimits): DecodeError {
  if (error.code === lzma.MEMLIMIT_ERROR || /memory usage limit/i.test(error.message)) {
    return new DecodeError(
      'xz',
      `the archive needs more xz decoder memory than the cap (${limits.maxDecoderMemory} bytes)`,
      'if the archive is intact, raise --max-decoder-memory or re-pack it with a smaller dictionary (xz -6 needs about 9 MiB to decode)',
      true,
    );
  }
  if (/no progress is possible|BUF_ERROR/i.test(error.message)) {
    return new DecodeError('xz', 'the archive ends in the middle of the xz stream (truncated?)');
  }
  return new DecodeError('xz', `corrupt xz data: ${error.message}`);
}
