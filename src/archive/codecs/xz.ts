import { formatCap } from '../../system/format-bytes.js';
import type { Chunk } from '../chunk.js';
import { XZ_THREADING_MEMORY, type DecoderLimits } from '../limits.js';
import { DecodeError, lastMessage } from './decode-error.js';
import { isFileInput, type DecoderInput } from './input.js';
import { decodeWithProgram } from './run-decoder.js';
import { xzThreadsFor } from './xz-threads.js';

// Debian's `xz -dc`: decodes the blocks of a multi-block .xz (what `xz -T0` writes) on every
// core when they are small enough (xz-threads.ts). --memlimit is the hard cap (refused before
// allocating); the threaded decoder gets a smaller budget of its own, beyond which it uses
// fewer threads instead of failing.
export async function* decodeXz(input: DecoderInput, limits: DecoderLimits, signal?: AbortSignal): AsyncGenerator<Chunk> {
  const threading = Math.min(XZ_THREADING_MEMORY, limits.maxDecoderMemory);
  // Chunks come from pack, on a build machine: its index cannot be read ahead, -T0 is fine there.
  const threads = isFileInput(input) ? await xzThreadsFor(input.file) : '-T0';
  yield* decodeWithProgram(
    {
      format: 'xz',
      // --memlimit first: it sets every limit, the threading one after it narrows that one again.
      args: ['-d', '-c', '-q', threads, `--memlimit=${limits.maxDecoderMemory}`, `--memlimit-mt-decompress=${threading}`],
      failure: (stderr) => xzError(stderr, limits),
    },
    input,
    signal,
  );
}

export function xzError(stderr: string, limits: DecoderLimits): DecodeError {
  if (/memory usage limit/i.test(stderr)) {
    return new DecodeError(
      'xz',
      `the archive needs more xz decoder memory than the cap (${formatCap(limits.maxDecoderMemory)})`,
      'if the archive is intact, raise --max-decoder-memory or re-pack it with a smaller dictionary (xz -6 needs about 9 MiB to decode)',
      true,
    );
  }
  if (/unexpected end of input/i.test(stderr)) {
    return new DecodeError('xz', 'the archive ends in the middle of the xz stream (truncated?)');
  }
  return new DecodeError('xz', `corrupt xz data: ${lastMessage(stderr, /^xz:\s*\(stdin\):\s*/)}`);
}
