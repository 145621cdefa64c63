// The part of lzma-native's native stream that archive/codecs/xz.ts drives (the package ships no types).
declare module 'lzma-native' {
  type BufferHandler = (
    buffer: Buffer | null | undefined,
    processedChunks: number | undefined,
    error: Error | null | undefined,
    totalIn: number | null,
    totalOut: number | null,
  ) => void;
  export class Stream {
    bufferHandler: BufferHandler;
    autoDecoder(options: { memlimit?: number; flags?: number }): void;
    /** Decode `chunk` (null: finish); `async` runs liblzma on a worker thread. */
    code(chunk: Buffer | null, async: boolean): void;
    resetUnderlying(): void;
  }
  export const CONCATENATED: number;
  export const MEMLIMIT_ERROR: number;
  export const CHECK_CRC64: number;
  /** A Node Transform (readable-stream) that compresses to .xz; `threads` uses liblzma's MT encoder. */
  export function createCompressor(options: { preset?: number; threads?: number; check?: number }): import('node:stream').Transform;
  const lzma: {
    Stream: typeof Stream;
    CONCATENATED: number;
    MEMLIMIT_ERROR: number;
    CHECK_CRC64: number;
    createCompressor: typeof createCompressor;
  };
  export default lzma;
}
