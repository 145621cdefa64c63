import type { Chunk } from '../chunk.js';
import type { DecoderLimits } from '../limits.js';
import type { ArchiveFormat } from '../sniff.js';
import { decodeGzip } from './gzip.js';
import { decodeXz } from './xz.js';
import { decodeZstd } from './zstd.js';

export type Decoder = (source: AsyncIterable<Chunk>, limits: DecoderLimits) => AsyncIterable<Chunk>;

const passThrough: Decoder = (source) => source;

/** Engines are always sent a plain tar: Podman refuses gzip bodies, Docker refuses zstd. */
export const decoders: Partial<Record<ArchiveFormat, Decoder>> = {
  zstd: decodeZstd,
  xz: decodeXz,
  gzip: decodeGzip,
  tar: passThrough,
};
