import { formatCap } from '../../system/format-bytes.js';
import type { Chunk } from '../chunk.js';
import { zstdWindowLogMax, type DecoderLimits } from '../limits.js';
import { DecodeError, lastMessage } from './decode-error.js';
import type { DecoderInput } from './input.js';
import { decodeWithProgram } from './run-decoder.js';

// Debian's `zstd -dc`: handles concatenated frames and pzstd's skippable frames, checks the
// content checksum, and refuses a frame whose window exceeds --memory before allocating it.
export function decodeZstd(input: DecoderInput, limits: DecoderLimits, signal?: AbortSignal): AsyncIterable<Chunk> {
  const windowLogMax = zstdWindowLogMax(limits.maxDecoderMemory);
  return decodeWithProgram(
    {
      format: 'zstd',
      // The cap as a power of two, as the window log is: what the error message names.
      // --no-asyncio: no I/O thread and its buffers (10.9 MB RSS instead of 12.7, no slower).
      args: ['-d', '-c', '-q', '--no-asyncio', `--memory=${2 ** (windowLogMax - 10)}KiB`],
      failure: (stderr) => zstdError(stderr, windowLogMax),
    },
    input,
    signal,
  );
}

export function zstdError(stderr: string, windowLogMax: number): DecodeError {
  if (/too much memory|window size larger/i.test(stderr)) {
    return new DecodeError(
      'zstd',
      `the archive needs a zstd window larger than the decoder memory cap (${formatCap(2 ** windowLogMax)})`,
      'if the archive is intact, raise --max-decoder-memory or re-pack it with a smaller window (preload-daemon pack keeps 8 MiB); a damaged frame header reads the same',
      true,
    );
  }
  if (/premature end|unexpected end|truncated/i.test(stderr)) {
    return new DecodeError('zstd', 'the archive ends in the middle of a zstd frame (truncated?)');
  }
  return new DecodeError('zstd', `corrupt zstd data: ${lastMessage(stderr, /^\/\*stdin\*\\\s*:\s*/)}`);
}
