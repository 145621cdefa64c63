// Limits that protect a small board, in one place (k3s keeps its decoder cap in one visible constant).

/** Default cap on decoder memory: zstd's own default window limit (2^27), enough for xz -9 too. */
export const DEFAULT_MAX_DECODER_MEMORY = 128 * 1024 * 1024;
/** Disk reads: large enough for few syscalls on slow eMMC, small enough to stay flat. */
export const READ_CHUNK_BYTES = 256 * 1024;
/** Decoder output buffers; the pool size bounds what is in flight towards the engine. */
export const OUTPUT_CHUNK_BYTES = 256 * 1024;
export const OUTPUT_POOL_BUFFERS = 8;
/** lzma-native decodes a whole input slice at once; aim for this much output per slice. */
export const XZ_OUTPUT_PER_SLICE = 512 * 1024;
/** LZMA2 expands up to ~7000:1, so a slice never exceeds this (≈ 14 MiB out of one call at worst). */
export const XZ_MAX_SLICE = 2 * 1024;
export const XZ_MIN_SLICE = 256;
/** Library-allocated output (xz, gzip) is garbage once sent; collect it this often. */
export const GARBAGE_BUDGET_BYTES = 4 * 1024 * 1024;

export interface DecoderLimits {
  maxDecoderMemory: number;
}

/** zstd takes the cap as a window log (a power of two). */
export function zstdWindowLogMax(maxDecoderMemory: number): number {
  return Math.max(10, Math.min(31, Math.floor(Math.log2(maxDecoderMemory))));
}
