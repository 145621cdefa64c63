// originOf(): what `status --json` says about who put a present image under its list name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { originOf } from '../../src/commands/origin.js';
import type { ImageRecord } from '../../src/state/state-file.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const record = (imageId: string, adopted?: boolean): ImageRecord => ({ archive: '/x', fingerprint: 'stat:1:1', imageId, loadedAt: 'x', ...(adopted ? { adopted } : {}) });

describe('originOf', () => {
  it('the recorded image, loaded or adopted', () => {
    assert.equal(originOf(A, A, record(A)), 'loaded');
    assert.equal(originOf(A, undefined, record(A)), 'loaded');
    assert.equal(originOf(A, A, record(A, true)), 'adopted');
  });
  it('another image under the name than the record or the list says: updated at runtime', () => {
    assert.equal(originOf(B, A, record(A)), 'updated-at-runtime');
    assert.equal(originOf(B, undefined, record(A)), 'updated-at-runtime');
    assert.equal(originOf(B, A, undefined), 'updated-at-runtime');
  });
  it('no record and nothing to compare with, or the shipped image nobody recorded: unknown', () => {
    assert.equal(originOf(A, undefined, undefined), 'unknown');
    assert.equal(originOf(A, A, undefined), 'unknown');
  });
});
