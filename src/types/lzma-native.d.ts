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
  const lzma: { Stream: typeof Stream; CONCATENATED: number; MEMLIMIT_ERROR: number };
  export default lzma;
}
