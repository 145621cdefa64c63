import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { BufferPool, unpooled } from '../../src/archive/chunk.js';

/** Whether a promise has settled after the event loop had a turn. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await nextTurn();
  return done;
}

describe('BufferPool', () => {
  it('hands out `count` buffers of `bufferSize` without waiting', async () => {
    const pool = new BufferPool(16, 3);
    const buffers = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire()]);
    assert.ok(buffers.every((b) => b.length === 16));
    assert.equal(new Set(buffers).size, 3);
  });

  it('acquire waits when empty and resumes with the buffer that is put back', async () => {
    const pool = new BufferPool(8, 1);
    const first = await pool.acquire();
    const waiting = pool.acquire();
    assert.equal(await settled(waiting), false, 'waits while the pool is empty');
    pool.put(first);
    assert.equal(await waiting, first);
  });

  it('serves waiters in order', async () => {
    const pool = new BufferPool(8, 2);
    const [a, b] = [await pool.acquire(), await pool.acquire()];
    const order: string[] = [];
    const first = pool.acquire().then((buffer) => order.push(`first:${buffer === a}`));
    const second = pool.acquire().then((buffer) => order.push(`second:${buffer === b}`));
    pool.put(a);
    pool.put(b);
    await Promise.all([first, second]);
    assert.deepEqual(order, ['first:true', 'second:true']);
  });

  it('chunk() exposes `length` bytes of the buffer and release returns it to the pool', async () => {
    const pool = new BufferPool(8, 1);
    const buffer = await pool.acquire();
    buffer.write('abcdefgh');
    const chunk = pool.chunk(buffer, 3);
    assert.equal(chunk.data.toString(), 'abc');
    const waiting = pool.acquire();
    chunk.release();
    assert.equal(await waiting, buffer);
  });

  it('release is idempotent: a second release does not put the buffer back twice', async () => {
    const pool = new BufferPool(8, 1);
    const chunk = pool.chunk(await pool.acquire(), 8);
    chunk.release();
    chunk.release();
    await pool.acquire();
    assert.equal(await settled(pool.acquire()), false, 'only one buffer is in the pool');
  });

  it('a released chunk resumes a waiter only once', async () => {
    const pool = new BufferPool(8, 1);
    const chunk = pool.chunk(await pool.acquire(), 4);
    const w1 = pool.acquire();
    const w2 = pool.acquire();
    chunk.release();
    chunk.release();
    assert.equal(await settled(w1), true);
    assert.equal(await settled(w2), false);
  });
});

describe('unpooled', () => {
  it('wraps a buffer with a release that does nothing', () => {
    const data = Buffer.from('x');
    const chunk = unpooled(data);
    assert.equal(chunk.data, data);
    chunk.release();
    chunk.release();
  });
});
