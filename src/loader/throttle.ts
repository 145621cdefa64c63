import { setTimeout as sleep } from 'node:timers/promises';
import type { Chunk } from '../archive/chunk.js';

// --rate-limit: the decoded tar is held back to BYTES a second on its way into the engine. The
// engine writes what it reads and the pipeline is backpressured end to end (a held chunk keeps
// its pool buffer, so the decoder and the disk wait too), so the cap bounds the engine's writes
// as well, which no priority of ours can reach: the engine is another process.

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const realClock: Clock = { now: () => performance.now(), sleep: (ms, signal) => sleep(ms, undefined, { signal }) };

/** Each chunk goes once the bytes before it fit the rate since the first: on average at most BYTES a second, bursts of one chunk. */
export async function* throttled(tar: AsyncIterable<Chunk>, bytesPerSecond: number, options: { signal?: AbortSignal; clock?: Clock } = {}): AsyncIterable<Chunk> {
  const clock = options.clock ?? realClock;
  let started: number | undefined;
  let sent = 0;
  for await (const chunk of tar) {
    started ??= clock.now();
    const wait = started + (sent / bytesPerSecond) * 1000 - clock.now();
    if (wait > 0) {
      try {
        await clock.sleep(wait, options.signal);
      } catch (error) {
        chunk.release();
        throw error;
      }
    }
    sent += chunk.data.length;
    yield chunk;
  }
}
