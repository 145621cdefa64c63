// What pack's option table offers and assumes, shared with the compressor (pack/compress.ts):
// constants only, so the table needs nothing of pack's code.

export const COMPRESSIONS = ['zstd', 'xz', 'gzip', 'none'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

export const DEFAULT_LEVELS: Record<Compression, number | undefined> = { zstd: 19, xz: 6, gzip: 9, none: undefined };

/** So that a 256 MB board can always decode what the packer wrote. */
export const DEFAULT_PACK_DECODER_MEMORY = 8 * 1024 * 1024;
