// boundedTar(): the decoded tar stops before the chunk that would pass its expected size, and
// the reserve is looked at again every RESERVE_CHECK_BYTES.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Chunk } from '../../src/archive/chunk.js';
import { boundedTar, RESERVE_CHECK_BYTES } from '../../src/loader/bounded-tar.js';

function source(sizes: number[], released: number[]): AsyncIterable<Chunk> {
  return (async function* () {
    for (const [i, size] of sizes.entries()) yield { data: Buffer.alloc(size), release: () => released.push(i) };
  })();
}

async function drain(tar: AsyncIterable<Chunk>): Promise<number> {
  let bytes = 0;
  for await (const chunk of tar) {
    bytes += chunk.data.length;
    chunk.release();
  }
  return bytes;
}

const never = () => Promise.resolve();

describe('boundedTar', () => {
  it('passes a tar of exactly the expected size', async () => {
    const tar = boundedTar(source([100, 100], []), { expected: { bytes: 200, source: 'size=' }, tooBig: () => new Error('too big'), recheck: never });
    assert.equal(await drain(tar), 200);
  });

  it('stops before the chunk that would pass it, releasing that chunk, with how much was sent', async () => {
    const released: number[] = [];
    let seen: [number, number] | undefined;
    const tar = boundedTar(source([100, 100, 1], released), {
      expected: { bytes: 200, source: 'size=' },
      tooBig: (expected, sent) => {
        seen = [expected.bytes, sent];
        return new Error('too big');
      },
      recheck: never,
    });
    await assert.rejects(drain(tar), /too big/);
    assert.deepEqual(seen, [200, 200]);
    assert.deepEqual(released, [0, 1, 2]);
  });

  it('without an expected size nothing is capped, and the reserve is rechecked every RESERVE_CHECK_BYTES', async () => {
    let checks = 0;
    const quarter = RESERVE_CHECK_BYTES / 4;
    const tar = boundedTar(source(Array(10).fill(quarter), []), { expected: undefined, tooBig: () => new Error('x'), recheck: async () => void checks++ });
    assert.equal(await drain(tar), 10 * quarter);
    assert.equal(checks, 2);
  });

  it('a failed recheck ends the stream with its error', async () => {
    const released: number[] = [];
    const tar = boundedTar(source([RESERVE_CHECK_BYTES, 1], released), {
      expected: undefined,
      tooBig: () => new Error('x'),
      recheck: () => Promise.reject(new Error('below the reserve')),
    });
    await assert.rejects(drain(tar), /below the reserve/);
    assert.deepEqual(released, [0]);
  });
});
