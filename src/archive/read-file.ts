import type { FileHandle } from 'node:fs/promises';
import { BufferPool, type Chunk } from './chunk.js';

/**
 * Read a file from its current offset to the end as pooled chunks, one read ahead at most (the
 * pool holds two buffers). The reads move the file's offset, as a decoder program's do: the
 * progress line reads how far an archive has come from it (file-offset.ts).
 */
export async function* readFileChunks(file: FileHandle, chunkSize: number, signal?: AbortSignal): AsyncGenerator<Chunk> {
  const pool = new BufferPool(chunkSize, 2);
  for (;;) {
    signal?.throwIfAborted();
    const buffer = await pool.acquire();
    const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) {
      pool.put(buffer);
      return;
    }
    yield pool.chunk(buffer, bytesRead);
  }
}
