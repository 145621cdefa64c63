import type { Chunk } from '../chunk.js';
import type { DecoderLimits } from '../limits.js';
import type { ArchiveFormat } from '../sniff.js';
import { chunksOf, type DecoderInput } from './input.js';

export type Decoder = (input: DecoderInput, limits: DecoderLimits, signal?: AbortSignal) => AsyncIterable<Chunk>;

const passThrough: Decoder = (input, _limits, signal) => chunksOf(input, signal);

// Engines are always sent a plain tar: Podman refuses gzip bodies, Docker refuses zstd.
// A run imports only the codecs its archives need (a warm boot, every image present, none).
const loaders: Partial<Record<ArchiveFormat, () => Promise<Decoder>>> = {
  zstd: async () => (await import('./zstd.js')).decodeZstd,
  xz: async () => (await import('./xz.js')).decodeXz,
  gzip: async () => (await import('./gzip.js')).decodeGzip,
  tar: async () => passThrough,
};

export async function decoderFor(format: ArchiveFormat): Promise<Decoder | undefined> {
  return loaders[format]?.();
}
