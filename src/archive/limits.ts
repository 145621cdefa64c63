// Limits that protect a small board, in one place (k3s keeps its decoder cap in one visible constant).

/** Default cap on decoder memory: zstd's own default window limit (2^27), enough for xz -9 too. */
export const DEFAULT_MAX_DECODER_MEMORY = 128 * 1024 * 1024;
/**
 * Default free space the engine's filesystems must keep after a load (--min-free). A device's
 * eMMC data partition is often 2-8 GB shared by the engine, the journal and the apps' data:
 * 256 MiB keeps room for journald and a container's runtime writes (3-12 % of such a
 * partition) without refusing images that leave a usual margin.
 */
export const DEFAULT_MIN_FREE = 256 * 1024 * 1024;
/** Disk reads: large enough for few syscalls on slow eMMC, small enough to stay flat. */
export const READ_CHUNK_BYTES = 256 * 1024;
/** gzip's output buffers (zlib in Node). */
export const OUTPUT_CHUNK_BYTES = 256 * 1024;
/** zlib's output is garbage once sent; collect it this often (system/garbage.ts says why). */
export const GARBAGE_BUDGET_BYTES = 4 * 1024 * 1024;
/** Pipe reads from a decoder program: a minor collection per MiB, a full one per 32 MiB. */
export const PIPE_GARBAGE_BUDGET_BYTES = 1024 * 1024;
export const PIPE_FULL_COLLECTION_EVERY = 32;
/**
 * What `xz -dc -T0` may spend on decoding blocks in parallel; past it, xz uses fewer threads,
 * down to one. Each worker holds a whole block in and out: xz -1 -T0 (3 MiB blocks) decodes on
 * two workers within this; for xz -6 -T0 (24 MiB blocks) one threaded worker holds ~35 MB and
 * two hold 75-92 MB, which beside node's ~65 MB would break the 80 MB budget of the process
 * tree, so such files decode with -T1 (2-10 MB). Measured with xz 5.4.1 on a 48 MiB image.
 */
export const XZ_THREADING_MEMORY = 16 * 1024 * 1024;
/** Blocks up to this size (on average) decode on several threads within that budget. */
export const XZ_THREADED_BLOCK_MAX = 4 * 1024 * 1024;

export interface DecoderLimits {
  maxDecoderMemory: number;
}

/** zstd takes the cap as a window log (a power of two). */
export function zstdWindowLogMax(maxDecoderMemory: number): number {
  return Math.max(10, Math.min(31, Math.floor(Math.log2(maxDecoderMemory))));
}
