// decide(): the policy decision table (docs/policies.md, "Policies"), every row.
// The expected values are written from that table, not from the implementation, and
// the one rule above all is checked on its own over the whole input space: an image replaced
// at runtime is never loaded over except by --reload or policy=always.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decide, type Decision, type DecisionInput } from '../../src/loader/decide.js';
import { POLICIES, type Policy } from '../../src/list/policy.js';
import type { ImageRecord } from '../../src/state/state-file.js';

const ID_SHIPPED = `sha256:${'a'.repeat(64)}`;
const ID_OURS_OLD = `sha256:${'b'.repeat(64)}`;
const ID_USER = `sha256:${'c'.repeat(64)}`;
const FP = 'sha256:' + '1'.repeat(64);
const FP_NEW = 'sha256:' + '2'.repeat(64);

type Present = 'absent' | 'present';
type Expected = 'none' | 'equal' | 'different';
type Rec = 'none' | 'equal' | 'different';
type Fingerprint = 'equal' | 'different' | 'unknown';

interface Case {
  policy: Policy;
  reload: boolean;
  present: Present;
  /** id= relative to the present image (absent tag: 'equal' and 'different' both mean "given"). */
  expected: Expected;
  inStore: boolean;
  /** the state record's imageId relative to the present image */
  record: Rec;
  fingerprint: Fingerprint;
}

const PRESENT_ID = ID_OURS_OLD;

function inputOf(c: Case): DecisionInput {
  const presentId = c.present === 'present' ? PRESENT_ID : undefined;
  const expectedId = c.expected === 'none' ? undefined : c.expected === 'equal' && presentId ? presentId : ID_SHIPPED;
  const record: ImageRecord | undefined =
    c.record === 'none'
      ? undefined
      : { archive: '/x/images/app.tar', fingerprint: FP, imageId: c.record === 'equal' ? PRESENT_ID : ID_USER, loadedAt: '2026-01-01T00:00:00.000Z' };
  const fingerprint = c.fingerprint === 'unknown' ? undefined : c.fingerprint === 'equal' ? FP : FP_NEW;
  return { policy: c.policy, reload: c.reload, presentId, expectedId, expectedIdInStore: c.inStore, record, fingerprint };
}

/** Every realistic combination: load-entry only asks the store for id= when the tag is absent. */
function allCases(): Case[] {
  const cases: Case[] = [];
  for (const policy of POLICIES)
    for (const reload of [false, true])
      for (const present of ['absent', 'present'] as const)
        for (const expected of ['none', 'equal', 'different'] as const)
          for (const inStore of [false, true])
            for (const record of ['none', 'equal', 'different'] as const)
              for (const fingerprint of ['equal', 'different', 'unknown'] as const) {
                if (inStore && (present === 'present' || expected === 'none')) continue;
                if (present === 'absent' && expected === 'different') continue; // same as 'equal' when absent
                if (present === 'absent' && record === 'different') continue; // record relative to present: n/a
                cases.push({ policy, reload, present, expected, inStore, record, fingerprint });
              }
  return cases;
}

/** The docs/policies.md table, row by row. */
function oracle(c: Case): Decision {
  if (c.policy === 'never') return { action: 'skip', reason: 'never' };
  const restore = (reason: 'missing' | 'reload' | 'changed'): Decision => (c.inStore ? { action: 'retag' } : { action: 'load', reason });
  if (c.reload) return restore('reload');
  if (c.present === 'absent') return restore('missing');
  if (c.policy === 'always') return { action: 'load', reason: 'always' };
  if (c.policy === 'missing') return { action: 'skip', reason: 'present' };
  // changed, tag present
  if (c.expected === 'equal') return { action: 'skip', reason: 'up-to-date' }; // the shipped ID is there
  if (c.record === 'none') return { action: 'skip', reason: c.expected === 'none' ? 'present' : 'origin-unknown' };
  if (c.record === 'different') return { action: 'skip', reason: 'user-updated' };
  // our image, as we recorded it
  return c.fingerprint === 'different' || c.expected === 'different' ? restore('changed') : { action: 'skip', reason: 'up-to-date' };
}

/** Someone else's image under the tag (docs/policies.md): differs from our record, or with no record from id=. */
function replacedAtRuntime(c: Case): boolean {
  if (c.present === 'absent') return false;
  if (c.record !== 'none') return c.record === 'different';
  return c.expected === 'different';
}

const label = (c: Case) =>
  `policy=${c.policy}${c.reload ? ' --reload' : ''} tag ${c.present} id=${c.expected}${c.inStore ? ' (id in store)' : ''} record=${c.record} fingerprint=${c.fingerprint}`;

describe('decide(): the decision table, every row', () => {
  const cases = allCases();

  it('covers the whole space (sanity)', () => {
    assert.ok(cases.length > 300, `only ${cases.length} cases`);
  });

  // One test per group keeps the output readable; every case is asserted inside.
  for (const policy of POLICIES) {
    for (const reload of [false, true]) {
      it(`policy=${policy}${reload ? ' with --reload' : ''}: every presence × id= × store × record × fingerprint row`, () => {
        for (const c of cases.filter((x) => x.policy === policy && x.reload === reload)) {
          assert.deepEqual(decide(inputOf(c)), oracle(c), label(c));
        }
      });
    }
  }
});

describe('decide(): the rule above all', () => {
  const cases = allCases();

  it('an image replaced at runtime is never loaded over, except by --reload or policy=always', () => {
    const replaced = cases.filter(replacedAtRuntime);
    assert.ok(replaced.length > 50);
    for (const c of replaced) {
      const d = decide(inputOf(c));
      const allowed = c.policy === 'always' || (c.reload && c.policy !== 'never');
      if (!allowed) assert.equal(d.action, 'skip', `${label(c)} → ${JSON.stringify(d)}`);
      else assert.equal(d.action, 'load', `${label(c)} → ${JSON.stringify(d)}`);
    }
  });

  it('a runtime replacement with policy=changed is kept even when the firmware ships a new archive', () => {
    // record says we loaded ID_OURS_OLD; the engine now has the user's ID_USER; new archive.
    const d = decide({
      policy: 'changed',
      reload: false,
      presentId: ID_USER,
      expectedId: ID_SHIPPED,
      expectedIdInStore: false,
      record: { archive: '/a', fingerprint: FP, imageId: ID_OURS_OLD, loadedAt: 'x' },
      fingerprint: FP_NEW,
    });
    assert.deepEqual(d, { action: 'skip', reason: 'user-updated' });
  });

  it('no record and a present ID other than id=: kept as origin unknown (policy=changed)', () => {
    const d = decide({ policy: 'changed', reload: false, presentId: ID_USER, expectedId: ID_SHIPPED, expectedIdInStore: false, record: undefined, fingerprint: FP_NEW });
    assert.deepEqual(d, { action: 'skip', reason: 'origin-unknown' });
  });

  it('policy=never neither loads nor re-tags, whatever else holds (even --reload)', () => {
    for (const c of cases.filter((x) => x.policy === 'never')) assert.deepEqual(decide(inputOf(c)), { action: 'skip', reason: 'never' }, label(c));
  });

  it('a firmware update of our own image (record = present, new fingerprint) loads with policy=changed only', () => {
    const base = { reload: false, presentId: ID_OURS_OLD, expectedId: ID_SHIPPED, expectedIdInStore: false, record: { archive: '/a', fingerprint: FP, imageId: ID_OURS_OLD, loadedAt: 'x' }, fingerprint: FP_NEW };
    assert.deepEqual(decide({ ...base, policy: 'changed' }), { action: 'load', reason: 'changed' });
    assert.deepEqual(decide({ ...base, policy: 'missing' }), { action: 'skip', reason: 'present' });
    assert.deepEqual(decide({ ...base, policy: 'always' }), { action: 'load', reason: 'always' });
    assert.deepEqual(decide({ ...base, policy: 'never' }), { action: 'skip', reason: 'never' });
  });

  it('an absent tag whose id= image is still in the store is re-tagged, not loaded (every policy but never, without --reload)', () => {
    for (const policy of POLICIES) {
      const d = decide({ policy, reload: false, presentId: undefined, expectedId: ID_SHIPPED, expectedIdInStore: true, record: undefined, fingerprint: undefined });
      assert.deepEqual(d, policy === 'never' ? { action: 'skip', reason: 'never' } : { action: 'retag' }, policy);
    }
  });
});
