// StateFile: what the daemon loaded, per name:tag. Losing it must be harmless (empty state
// plus a warning), writing it must be atomic, and an unwritable place must never fail a run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MAX_FAILURE_MESSAGE, MAX_FAILURES, MAX_STATE_BYTES, StateFile } from '../../src/state/state-file.js';
import { UNLISTED_GRACE_DAYS } from '../../src/state/retention.js';
import { tempDirPerSuite } from './support.js';

const ID = (c: string) => `sha256:${c.repeat(64)}`;

function collector(): { warnings: string[]; warn: (m: string) => void } {
  const warnings: string[] = [];
  return { warnings, warn: (m) => warnings.push(m) };
}

describe('StateFile', () => {
  const tmp = tempDirPerSuite('state');
  let counter = 0;
  /** A fresh folder per test and the state file path inside it. */
  const fresh = () => {
    const dir = join(tmp.path, `t${++counter}`);
    mkdirSync(dir, { recursive: true });
    return { dir, file: join(dir, 'state.json') };
  };
  const record = (c: string) => ({ archive: `/usr/share/preload-daemon/images/${c}.tar.zst`, fingerprint: `sha256:${c.repeat(64)}`, imageId: ID(c) });

  it('adopt() writes nothing until flush() or the next record(), which carry every adopted tag', async () => {
    const { file } = fresh();
    const state = await StateFile.open(file, collector().warn);
    for (const c of ['a', 'b', 'c']) state.adopt(`${c}:1`, { ...record(c), deleted: false });
    assert.throws(() => readFileSync(file), /ENOENT/, 'no write for adopted images');
    await state.flush();
    assert.deepEqual(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { images: object }).images), ['a:1', 'b:1', 'c:1']);
    state.adopt('d:1', { ...record('d'), deleted: false });
    await state.record('e:1', { ...record('e'), deleted: false });
    assert.deepEqual(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { images: object }).images), ['a:1', 'b:1', 'c:1', 'd:1', 'e:1']);
    const before = readFileSync(file, 'utf8');
    await state.flush(); // nothing left to write
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('a missing file is an empty state, without a warning', async () => {
    const { file } = fresh();
    const w = collector();
    const state = await StateFile.open(file, w.warn);
    assert.equal(state.get('app:1'), undefined);
    assert.deepEqual(w.warnings, []);
  });

  it('a missing folder is an empty state too, and record() creates the folder', async () => {
    const { dir } = fresh();
    const file = join(dir, 'deep', 'er', 'state.json');
    const w = collector();
    const state = await StateFile.open(file, w.warn);
    await state.record('app:1', record('a'));
    assert.deepEqual(w.warnings, []);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { version: number; images: Record<string, { imageId: string }> };
    assert.equal(doc.version, 1);
    assert.equal(doc.images['app:1']?.imageId, ID('a'));
  });

  for (const [label, content] of [
    ['corrupt JSON', '{"version": 1, "images": {'],
    ['an empty file', ''],
    ['binary garbage', '\u0000\u0001\u0002garbage'],
    ['foreign JSON (another tool’s file)', JSON.stringify({ containers: ['x'], schema: 'other' })],
    ['a future version', JSON.stringify({ version: 2, images: {} })],
    ['a record missing its imageId', JSON.stringify({ version: 1, images: { 'app:1': { archive: '/a', fingerprint: 'f', loadedAt: 'x' } } })],
    ['a JSON array', '[1,2,3]'],
  ] as const) {
    it(`${label} → one warning naming the file, and an empty state`, async () => {
      const { file } = fresh();
      writeFileSync(file, content);
      const w = collector();
      const state = await StateFile.open(file, w.warn);
      assert.equal(state.get('app:1'), undefined);
      assert.equal(w.warnings.length, 1, `warnings: ${JSON.stringify(w.warnings)}`);
      assert.match(w.warnings[0]!, new RegExp(file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.match(w.warnings[0]!, /empty state/);
    });
  }

  for (const [label, content] of [
    ['an unparsable file (cut in the middle of a write)', '{"version": 1, "images": {"app:1": {"archive": "/a'],
    ['an empty file (what a power cut can leave)', ''],
    ['JSON of another shape', '{"version": 3}'],
  ] as const) {
    it(`${label} is moved aside to state.json.corrupt-<time>, with a warning saying so, and the run starts empty`, async () => {
      const { dir, file } = fresh();
      writeFileSync(file, content);
      const w = collector();
      const state = await StateFile.open(file, w.warn);
      assert.equal(state.get('app:1'), undefined);
      const aside = readdirSync(dir).filter((name) => name.startsWith('state.json.corrupt-'));
      assert.equal(aside.length, 1, `folder: ${readdirSync(dir).join(', ')}`);
      assert.match(aside[0]!, /^state\.json\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
      assert.equal(readFileSync(join(dir, aside[0]!), 'utf8'), content, 'the corrupt content is kept as it was');
      assert.deepEqual(readdirSync(dir).filter((name) => name === 'state.json'), [], 'nothing under the old name until the next write');
      assert.equal(w.warnings.length, 1);
      assert.ok(w.warnings[0]!.includes(`moved aside to ${join(dir, aside[0]!)}`), w.warnings[0]);
      await state.record('app:1', record('a'));
      const again = await StateFile.open(file, (m) => assert.fail(`unexpected warning: ${m}`));
      assert.equal(again.get('app:1')?.imageId, ID('a'));
    });
  }

  it('readOnly (a dry run, which holds no lock): a corrupt file is reported but left in place, temp files too', async () => {
    const { dir, file } = fresh();
    const dead = spawn('true');
    await once(dead, 'exit');
    writeFileSync(file, '{"version": 1,');
    writeFileSync(join(dir, `state.json.${dead.pid}.tmp`), 'x');
    const w = collector();
    const state = await StateFile.open(file, w.warn, { readOnly: true });
    assert.equal(state.get('app:1'), undefined);
    assert.equal(w.warnings.length, 1);
    assert.match(w.warnings[0]!, /left as it is \(dry run\); starting from an empty state/);
    assert.deepEqual(readdirSync(dir).sort(), ['state.json', `state.json.${dead.pid}.tmp`]);
  });

  it('open() removes the temp file of a run that was killed while writing, and keeps a live run\'s', async () => {
    const { dir, file } = fresh();
    const dead = spawn('true');
    await once(dead, 'exit');
    const live = spawn('sleep', ['30']);
    try {
      await once(live, 'spawn');
      writeFileSync(join(dir, `state.json.${dead.pid}.tmp`), '{"version": 1, "ima');
      writeFileSync(join(dir, `state.json.${live.pid}.tmp`), '{"version": 1, "ima');
      writeFileSync(join(dir, 'other.json.1.tmp'), 'not ours');
      await StateFile.open(file, (m) => assert.fail(`unexpected warning: ${m}`));
      assert.deepEqual(readdirSync(dir).sort(), ['other.json.1.tmp', `state.json.${live.pid}.tmp`].sort());
    } finally {
      live.kill();
    }
  });

  it('a corrupt file is replaced by a valid one on the next record()', async () => {
    const { file } = fresh();
    writeFileSync(file, 'not json');
    const state = await StateFile.open(file, () => {});
    await state.record('app:1', record('a'));
    const again = await StateFile.open(file, (m) => assert.fail(`unexpected warning: ${m}`));
    assert.equal(again.get('app:1')?.imageId, ID('a'));
  });

  it('records survive a reopen, with loadedAt and deleted', async () => {
    const { file } = fresh();
    const state = await StateFile.open(file, () => {});
    await state.record('app:1', record('a'));
    await state.record('registry.local:5000/team/db:2', { ...record('b'), deleted: true, loadedAt: '2026-01-02T03:04:05.000Z' });
    const again = await StateFile.open(file, (m) => assert.fail(`unexpected warning: ${m}`));
    const a = again.get('app:1');
    assert.equal(a?.imageId, ID('a'));
    assert.equal(a?.fingerprint, record('a').fingerprint);
    assert.ok(a && !Number.isNaN(Date.parse(a.loadedAt)), `loadedAt: ${a?.loadedAt}`);
    const b = again.get('registry.local:5000/team/db:2');
    assert.equal(b?.deleted, true);
    assert.equal(b?.loadedAt, '2026-01-02T03:04:05.000Z');
  });

  it('record() writes atomically: the file is valid JSON after each call and no *.tmp is left', async () => {
    const { dir, file } = fresh();
    const state = await StateFile.open(file, (m) => assert.fail(`unexpected warning: ${m}`));
    const letters = 'abcdef0123';
    for (let i = 0; i < letters.length; i++) {
      await state.record(`app-${i}:1`, record(letters[i]!));
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { version: number; images: Record<string, unknown> };
      assert.equal(doc.version, 1);
      assert.equal(Object.keys(doc.images).length, i + 1);
      assert.deepEqual(readdirSync(dir), ['state.json'], 'only state.json in the folder (no leftover temporary file)');
    }
  });

  it('concurrent record() calls (--jobs) all land, in one valid file, with no *.tmp left', async () => {
    const { dir, file } = fresh();
    const state = await StateFile.open(file, (m) => assert.fail(`unexpected warning: ${m}`));
    const letters = 'abcdef0123456789';
    await Promise.all([...letters].map((c, i) => state.record(`app-${i}:1`, record(c))));
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { images: Record<string, { imageId: string }> };
    assert.equal(Object.keys(doc.images).length, letters.length);
    for (let i = 0; i < letters.length; i++) assert.equal(doc.images[`app-${i}:1`]?.imageId, ID(letters[i]!));
    assert.deepEqual(readdirSync(dir), ['state.json']);
  });

  it('a later record() for the same tag replaces the earlier one', async () => {
    const { file } = fresh();
    const state = await StateFile.open(file, () => {});
    await state.record('app:1', record('a'));
    await state.record('app:1', record('b'));
    assert.equal(state.get('app:1')?.imageId, ID('b'));
    const again = await StateFile.open(file, () => {});
    assert.equal(again.get('app:1')?.imageId, ID('b'));
  });

  it('an unwritable location (a path under a regular file): record() never throws, and warns once', async () => {
    const { dir } = fresh();
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'I am a file\n');
    const file = join(blocker, 'state.json');
    const w = collector();
    const state = await StateFile.open(file, w.warn);
    const openWarnings = w.warnings.length;
    await state.record('app:1', record('a'));
    await state.record('app:2', record('b'));
    await Promise.all([state.record('app:3', record('c')), state.record('app:4', record('d'))]);
    const recordWarnings = w.warnings.slice(openWarnings);
    assert.equal(recordWarnings.length, 1, `record() warnings: ${JSON.stringify(recordWarnings)}`);
    assert.match(recordWarnings[0]!, /cannot write state/);
    assert.ok(recordWarnings[0]!.includes(file), recordWarnings[0]);
    // The in-memory state still answers for this run.
    assert.equal(state.get('app:2')?.imageId, ID('b'));
    assert.equal(readFileSync(blocker, 'utf8'), 'I am a file\n', 'the blocking file is untouched');
    assert.deepEqual(readdirSync(dir), ['not-a-folder'], 'no temporary file left beside it');
  });

  it('failures: recorded with a time, kept across a reopen, cleared by a later load or clearFailure', async () => {
    const { file } = fresh();
    const { warn, warnings } = collector();
    const state = await StateFile.open(file, warn);
    await state.recordFailure('app:1', { archive: '/x/images/app.tar.zst', message: 'truncated' });
    await state.recordFailure('db:1', { archive: '/x/images/db.tar.zst', message: 'refused' });
    const again = await StateFile.open(file, warn);
    assert.deepEqual([...again.failed().keys()].sort(), ['app:1', 'db:1']);
    assert.ok(Date.parse(again.failed().get('app:1')!.at) <= Date.now());
    await again.record('app:1', record('a'));
    await again.clearFailure('db:1');
    assert.equal((await StateFile.open(file, warn)).failed().size, 0);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).failures, undefined, 'no failures key once empty');
    assert.deepEqual(warnings, []);
  });

  it('a malformed failures part is dropped without distrusting the images', async () => {
    const { file } = fresh();
    writeFileSync(file, JSON.stringify({ version: 1, images: { 'app:1': { ...record('a'), loadedAt: '2026-01-01T00:00:00.000Z' } }, failures: { 'x:1': { message: 3 }, 'y:1': 'no' } }));
    const { warn, warnings } = collector();
    const state = await StateFile.open(file, warn);
    assert.equal(state.get('app:1')?.imageId, ID('a'));
    assert.equal(state.failed().size, 0);
    assert.deepEqual(warnings, []);
  });

  it('a file over MAX_STATE_BYTES is moved aside unread past the cap, with a warning naming the cap; a sparse 4 GiB file too', async () => {
    for (const make of ['big', 'sparse'] as const) {
      const { dir, file } = fresh();
      if (make === 'sparse') {
        writeFileSync(file, '');
        truncateSync(file, 4 * 1024 ** 3);
      } else writeFileSync(file, JSON.stringify({ version: 1, images: { 'app:1': { ...record('a'), loadedAt: '2026-01-01T00:00:00.000Z' } }, pad: 'x'.repeat(MAX_STATE_BYTES) }));
      const w = collector();
      const state = await StateFile.open(file, w.warn);
      assert.equal(state.get('app:1'), undefined);
      assert.equal(w.warnings.length, 1);
      assert.match(w.warnings[0]!, /state\.json: larger than 2 MiB, the most a state file may hold .*; moved aside to .*state\.json\.corrupt-.*; starting from an empty state$/);
      assert.equal(readdirSync(dir).filter((name) => name.startsWith('state.json.corrupt-')).length, 1, make);
      await state.record('app:1', record('a'));
      assert.equal((await StateFile.open(file, w.warn)).get('app:1')?.imageId, ID('a'));
    }
  });

  it('a state file that is a symlink to /dev/zero is not read at all: one warning, an empty state, the next write replaces the link', async () => {
    const { file } = fresh();
    symlinkSync('/dev/zero', file);
    const w = collector();
    const state = await StateFile.open(file, w.warn);
    assert.deepEqual(w.warnings.map((line) => /state\.json: not a regular file; starting from an empty state$/.test(line)), [true]);
    await state.record('app:1', record('a'));
    assert.equal((await StateFile.open(file, w.warn)).get('app:1')?.imageId, ID('a'));
  });

  it('keeps the newest MAX_FAILURES failures, each message shortened to MAX_FAILURE_MESSAGE', async () => {
    const { file } = fresh();
    const failures = Object.fromEntries(Array.from({ length: MAX_FAILURES + 20 }, (_, i) => [`old${i}:1`, { archive: 'x', message: 'm', at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() }]));
    writeFileSync(file, JSON.stringify({ version: 1, images: {}, failures }));
    const state = await StateFile.open(file, collector().warn);
    assert.equal(state.failed().size, MAX_FAILURES);
    assert.ok(!state.failed().has('old0:1') && state.failed().has(`old${MAX_FAILURES + 19}:1`), 'the oldest are the ones dropped');
    await state.recordFailure('new:1', { archive: 'x', message: 'y'.repeat(1_000_000) });
    const again = await StateFile.open(file, collector().warn);
    assert.equal(again.failed().size, MAX_FAILURES);
    assert.equal(again.failed().get('new:1')!.message.length, MAX_FAILURE_MESSAGE);
    assert.ok(!again.failed().has('old20:1'), 'the newest failure pushed out the oldest one');
  });

  it('retainListed(): unlisted records are marked, kept through the grace period, then forgotten; listed again, unmarked', async () => {
    const { file } = fresh();
    const state = await StateFile.open(file, collector().warn);
    for (const c of ['a', 'b', 'c']) state.adopt(`${c}:1`, { ...record(c), deleted: false });
    const t0 = new Date('2026-03-01T00:00:00.000Z');
    assert.deepEqual(state.retainListed(new Set(['a:1']), t0), []);
    await state.flush();
    const marked = await StateFile.open(file, collector().warn);
    assert.equal(marked.get('a:1')?.unlistedSince, undefined);
    assert.equal(marked.get('b:1')?.unlistedSince, t0.toISOString());
    const day = 24 * 60 * 60 * 1000;
    const justBefore = new Date(t0.getTime() + UNLISTED_GRACE_DAYS * day - 1);
    assert.deepEqual(marked.retainListed(new Set(['a:1', 'c:1']), justBefore), []);
    assert.equal(marked.get('c:1')?.unlistedSince, undefined, 'named again: no longer marked');
    assert.deepEqual(marked.retainListed(new Set(['a:1', 'c:1']), new Date(t0.getTime() + UNLISTED_GRACE_DAYS * day)), ['b:1']);
    await marked.flush();
    assert.deepEqual(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { images: object }).images), ['a:1', 'c:1']);
  });
});
