import type { FileHandle } from 'node:fs/promises';
import { BufferPool, type Chunk } from './chunk.js';

/** Read a whole file as pooled chunks, one read ahead at most (the pool holds two buffers). */
export async function* readFileChunks(file: FileHandle, chunkSize: number, signal?: AbortSignal): AsyncGenerator<Chunk> {
  const pool = new BufferPool(chunkSize, 2);
  let position = 0;
  for (;;) {
    signal?.throwIfAborted();
    const buffer = await pool.acquire();
    const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
    if (bytesRead === 0) {
      pool.put(buffer);
      return;
    }
    position += bytesRead;
    yield pool.chunk(buffer, bytesRead);
  }
}
