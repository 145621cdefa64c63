// Limits that protect a small board, in one place (k3s keeps its decoder cap in one visible constant).

/** Default cap on decoder memory: zstd's own default window limit (2^27), enough for xz -9 too. */
export const DEFAULT_MAX_DECODER_MEMORY = 128 * 1024 * 1024;
/** Disk reads: large enough for few syscalls on slow eMMC, small enough to stay flat. */
export const READ_CHUNK_BYTES = 256 * 1024;
/** gzip's output buffers (zlib in Node). */
export const OUTPUT_CHUNK_BYTES = 256 * 1024;
/** Freshly allocated output (pipe reads, zlib) is garbage once sent; collect it this often. */
export const GARBAGE_BUDGET_BYTES = 4 * 1024 * 1024;
/**
 * What `xz -dc -T0` may spend on decoding blocks in parallel (each thread holds a whole block,
 * 24 MiB for xz -6 -T0): past it, xz uses fewer threads. Bounds the decoder child's share of the
 * 80 MB process-tree budget; see XZ_THREADING_MEMORY's measurements in the commit log.
 */
export const XZ_THREADING_MEMORY = 32 * 1024 * 1024;

export interface DecoderLimits {
  maxDecoderMemory: number;
}

/** zstd takes the cap as a window log (a power of two). */
export function zstdWindowLogMax(maxDecoderMemory: number): number {
  return Math.max(10, Math.min(31, Math.floor(Math.log2(maxDecoderMemory))));
}
