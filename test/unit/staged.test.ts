// A staged load (--slot) and its rate cap, without an engine: list paths inside the slot, the
// paths the state file records, the decision row that keeps the running release's names, and
// the throttle's pacing on a fake clock (no test measures time).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unpooled, type Chunk } from '../../src/archive/chunk.js';
import { decide, type DecisionInput } from '../../src/loader/decide.js';
import { listsInSlot, pathAfterBoot } from '../../src/loader/slot.js';
import { throttled, type Clock } from '../../src/loader/throttle.js';

const ID_OLD = `sha256:${'a'.repeat(64)}`;
const ID_NEW = `sha256:${'b'.repeat(64)}`;

describe('slot paths', () => {
  it('the configured lists are read inside the slot', () => {
    assert.deepEqual(listsInSlot('/run/rauc/slot', ['/usr/share/preload-daemon', 'opt/lists']), ['/run/rauc/slot/usr/share/preload-daemon', '/run/rauc/slot/opt/lists']);
  });
  it('an archive inside the slot is recorded as the slot will name it once booted; at boot nothing changes', () => {
    assert.equal(pathAfterBoot('/run/rauc/slot/', '/run/rauc/slot/usr/share/preload-daemon/app/images/a.tar.zst'), '/usr/share/preload-daemon/app/images/a.tar.zst');
    assert.equal(pathAfterBoot(undefined, '/usr/share/x/images/a.tar'), '/usr/share/x/images/a.tar');
    assert.equal(pathAfterBoot('/mnt/b', '/mnt/bb/a.tar'), '/mnt/bb/a.tar', 'a path outside the slot stays as it is');
  });
});

describe('decide, staged', () => {
  const base: DecisionInput = { policy: 'changed', reload: false, presentId: ID_OLD, expectedId: ID_NEW, expectedIdInStore: false, record: { archive: '/a', fingerprint: 'sha256:1', imageId: ID_OLD, loadedAt: 'x' }, fingerprint: 'sha256:2' };
  it('a name the running release has is left for the next boot, even when the new release changes it', () => {
    assert.deepEqual(decide(base), { action: 'load', reason: 'changed' }, 'at boot the update is loaded');
    assert.deepEqual(decide({ ...base, staged: true }), { action: 'skip', reason: 'next-boot' });
    assert.deepEqual(decide({ ...base, policy: 'always', staged: true }), { action: 'skip', reason: 'next-boot' });
  });
  it('a missing name is loaded (or re-tagged) as at boot; a present one that matches stays up to date', () => {
    assert.deepEqual(decide({ ...base, presentId: undefined, staged: true }), { action: 'load', reason: 'missing' });
    assert.deepEqual(decide({ ...base, presentId: undefined, expectedIdInStore: true, staged: true }), { action: 'retag' });
    assert.deepEqual(decide({ ...base, presentId: ID_NEW, staged: true }), { action: 'skip', reason: 'up-to-date' });
  });
});

describe('throttled', () => {
  /** A clock that only moves when slept on; records every sleep. */
  function fakeClock(): Clock & { slept: number[] } {
    let now = 1000;
    const slept: number[] = [];
    return {
      slept,
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    };
  }
  async function* chunks(sizes: number[], released: number[]): AsyncIterable<Chunk> {
    for (const [i, size] of sizes.entries()) yield { ...unpooled(Buffer.alloc(size)), release: () => released.push(i) };
  }

  it('holds each chunk until the bytes before it fit the rate', async () => {
    const clock = fakeClock();
    let bytes = 0;
    for await (const chunk of throttled(chunks([1000, 1000, 500, 1500], []), 1000, { clock })) bytes += chunk.data.length;
    assert.equal(bytes, 4000, 'every byte passes, unchanged in number');
    // 0 bytes before the first (no wait), then 1000, 2000, 2500 bytes at 1000 B/s: due at 1, 2, 2.5 s.
    assert.deepEqual(clock.slept, [1000, 1000, 500]);
  });

  it('an abort while holding a chunk hands its buffer back', async () => {
    const released: number[] = [];
    const clock: Clock = { now: () => 0, sleep: async () => Promise.reject(new Error('aborted')) };
    const seen: number[] = [];
    await assert.rejects(async () => {
      for await (const chunk of throttled(chunks([10, 10], released), 1, { clock })) {
        seen.push(chunk.data.length);
        chunk.release();
      }
    }, /aborted/);
    assert.deepEqual(seen, [10]);
    assert.deepEqual(released, [0, 1], 'the yielded chunk by its consumer, the held one by the throttle');
  });
});
