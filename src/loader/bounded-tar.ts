import type { Chunk } from '../archive/chunk.js';
import type { ExpectedSize } from './preflight.js';

/**
 * How often, in decoded bytes, the engine's free space is looked at again while a tar streams
 * (two statfs calls): the reserve can be overrun by about this much plus what sits in pipes.
 */
export const RESERVE_CHECK_BYTES = 16 * 1024 * 1024;

export interface TarBounds {
  /** The size known before loading: a chunk that would pass it is never sent. */
  expected: ExpectedSize | undefined;
  tooBig(expected: ExpectedSize, sent: number): Error;
  /** Throws when the engine's filesystem fell below the reserve. */
  recheck(): Promise<void>;
}

/**
 * The decoded tar, stopped the moment it would pass its expected size or the engine's disk
 * passes the reserve: a decompression bomb ends as an error (the upload is aborted, so the
 * engine drops what it had), whatever its archive claimed. Memory stays flat: chunks pass through.
 */
export async function* boundedTar<T extends Chunk>(tar: AsyncIterable<T>, bounds: TarBounds): AsyncGenerator<T> {
  let sent = 0;
  let nextCheck = RESERVE_CHECK_BYTES;
  for await (const chunk of tar) {
    if (bounds.expected !== undefined && sent + chunk.data.length > bounds.expected.bytes) {
      chunk.release();
      throw bounds.tooBig(bounds.expected, sent);
    }
    sent += chunk.data.length;
    if (sent >= nextCheck) {
      nextCheck = sent + RESERVE_CHECK_BYTES;
      try {
        await bounds.recheck();
      } catch (error) {
        chunk.release();
        throw error;
      }
    }
    yield chunk;
  }
}
