import type { Chunk } from '../chunk.js';
import type { DecoderLimits } from '../limits.js';
import type { ArchiveFormat } from '../sniff.js';

export type Decoder = (source: AsyncIterable<Chunk>, limits: DecoderLimits) => AsyncIterable<Chunk>;

const passThrough: Decoder = (source) => source;

// Engines are always sent a plain tar: Podman refuses gzip bodies, Docker refuses zstd.
// Codecs are native addons of ~5-10 MB each: a run loads only the ones its archives need
// (a warm boot, with every image present, loads none).
const loaders: Partial<Record<ArchiveFormat, () => Promise<Decoder>>> = {
  zstd: async () => (await import('./zstd.js')).decodeZstd,
  xz: async () => (await import('./xz.js')).decodeXz,
  gzip: async () => (await import('./gzip.js')).decodeGzip,
  tar: async () => passThrough,
};

export async function decoderFor(format: ArchiveFormat): Promise<Decoder | undefined> {
  return loaders[format]?.();
}
