// The one rule for records of images no list names any more (prune reads the same records).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retainRecord, UNLISTED_GRACE_DAYS } from '../../src/state/retention.js';

const DAY = 24 * 60 * 60 * 1000;
const now = new Date('2026-06-01T12:00:00.000Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
const record: { imageId: string; unlistedSince?: string } = { imageId: 'sha256:1' };

describe('retainRecord', () => {
  it('a listed record is kept as it is', () => {
    assert.equal(retainRecord(record, true, now), record);
  });

  it('a listed record that was marked loses its mark', () => {
    assert.deepEqual(retainRecord({ ...record, unlistedSince: ago(89) }, true, now), record);
  });

  it('an unlisted record is marked from now on', () => {
    assert.deepEqual(retainRecord(record, false, now), { ...record, unlistedSince: now.toISOString() });
  });

  it(`kept while unlisted for less than ${UNLISTED_GRACE_DAYS} days, forgotten from then on`, () => {
    const young = { ...record, unlistedSince: ago(UNLISTED_GRACE_DAYS - 0.001) };
    assert.equal(retainRecord(young, false, now), young);
    assert.equal(retainRecord({ ...record, unlistedSince: ago(UNLISTED_GRACE_DAYS) }, false, now), undefined);
    assert.equal(retainRecord({ ...record, unlistedSince: ago(400) }, false, now), undefined);
  });

  it('the grace period can be given', () => {
    assert.equal(retainRecord({ ...record, unlistedSince: ago(2) }, false, now, 1), undefined);
    assert.ok(retainRecord({ ...record, unlistedSince: ago(2) }, false, now, 3));
  });

  it('a mark in the future (clock set back) or unreadable starts again from now: a wrong clock never shortens the grace', () => {
    for (const unlistedSince of [ago(-30), 'yesterday']) {
      assert.deepEqual(retainRecord({ ...record, unlistedSince }, false, now), { ...record, unlistedSince: now.toISOString() });
    }
  });
});
