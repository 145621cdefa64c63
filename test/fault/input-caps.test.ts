// Fault matrix, case 14: lists and state that used to grow memory without bound (an
// image.list that is a symlink to /dev/zero reached 617 MB RSS; a valid 240 MB state.json took
// 1.3 GB and 8 s and was written back whole). Reading a list or the state involves no engine
// call, so the engine is the fake one (its kind plays no part); every run loads or finds a good
// image beside the hostile input, and its peak RSS (the node process, exact, from getrusage) must
// stay within the budget users are promised.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, type CliResult } from '../helpers/cli.js';
import { startFakeEngine, type FakeEngine } from '../helpers/fake-engine.js';
import { assertExit, assertOneError, seconds, summaryOf } from '../helpers/fault.js';
import { buildCompressedArchive, type BuiltArchive } from '../helpers/fixtures.js';
import { writeListDir, type ListDir } from '../helpers/lists.js';
import { MAX_STATE_BYTES } from '../../src/state/state-file.js';
import { UNLISTED_GRACE_DAYS } from '../../src/state/retention.js';

// The promise: the same 85 MB the memory and bomb tests hold a whole load to (target 80 MB of
// a 256-512 MB board). Measured here (Node 20): 58 MB for the /dev/zero list, 62 MB for the
// 240 MB state (2 MiB read, then dropped), 72 MB for the largest state the cap lets through
// (5,000 records parsed, pruned and written back). That leaves 13 MB of headroom for another
// Node build or a busier allocator, and still fails by far without the caps (617 MB, 1.3 GB).
const RSS_LIMIT_KB = 85 * 1024;
const GOOD_REF = 'fault/caps-good:1';

let root: string;
let good: BuiltArchive;
let engine: FakeEngine;
let goodList: ListDir;
let n = 0;

before(async () => {
  root = mkdtempSync('/tmp/pd-fault-caps-');
  good = await buildCompressedArchive({ repoTags: [GOOD_REF], files: { 'etc/good': 'good\n' }, outDir: join(root, 'fx'), fileName: 'good.tar' }, 'zstd');
  goodList = writeListDir(join(root, 'good'), [`good.tar.zst ${GOOD_REF}`], { 'good.tar.zst': good.path });
  engine = await startFakeEngine({ kind: 'docker' });
});
after(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

function run(lists: string[], stateFile: string): Promise<CliResult> {
  const args = ['--engine', 'docker', '--socket', engine.socketPath, '--lock-file', join(root, `lock-${++n}`), '--state-file', stateFile, '--wait-engine', '5'];
  return runCli([...args, ...lists.flatMap((l) => ['--list', l])], { timeoutMs: 120_000 });
}

function assertRss(r: CliResult, what: string): void {
  assert.ok(r.peakRssKb !== null && r.peakRssKb <= RSS_LIMIT_KB, `${what}: peak RSS ${r.peakRssKb} KiB > ${RSS_LIMIT_KB} KiB`);
}

const record = (i: number, extra: Record<string, string> = {}) => ({
  archive: `/usr/share/preload-daemon/pkg${i}/images/app${i}.tar.zst`,
  fingerprint: `sha256:${i.toString(16).padStart(64, '0')}`,
  imageId: `sha256:${(i + 1).toString(16).padStart(64, 'a')}`,
  loadedAt: '2026-01-01T00:00:00.000Z',
  deleted: false,
  ...extra,
});

describe('capped inputs (fake engine)', { timeout: 10 * 60_000 }, () => {
  // A device node is refused before a byte is read (lists are opened like archives: regular
  // files only); a regular file that never seems to end is bounded by the cap.
  for (const [what, make, words] of [
    ['a symlink to /dev/zero', (file: string) => symlinkSync('/dev/zero', file), ['cannot read list', 'not a regular file']],
    ['a sparse 4 GiB file', (file: string) => truncateSync(file, 4 * 1024 ** 3), ['cannot read list', 'larger than 1 MiB']],
  ] as const) {
    it(`image.list ${what}: one line naming it, the other list loads, RSS within budget`, async (t) => {
      const dir = join(root, what.replace(/\W+/g, '-'));
      mkdirSync(dir);
      make(join(dir, 'image.list'));
      const r = await run([dir, goodList.dir], join(root, `state-${what.replace(/\W+/g, '-')}.json`));
      t.diagnostic(`exit ${r.code} in ${seconds(r.durationMs)} s, peak RSS ${r.peakRssKb} KiB`);
      assertExit(r, 1);
      const line = assertOneError(r, join(dir, 'image.list'), [...words]);
      t.diagnostic(`error: ${line}`);
      assert.ok(engine.images.has(`docker.io/${GOOD_REF}`), 'the good list still loads');
      assertRss(r, what);
    });
  }

  it('a valid 240 MB state.json: moved aside unread past the 2 MiB cap, one warning, the run goes on, RSS within budget', async (t) => {
    const stateFile = join(root, 'big', 'state.json');
    mkdirSync(join(root, 'big'));
    // A real state of ~800,000 records, written as the daemon writes it (indented JSON).
    const out = createWriteStream(stateFile);
    out.write('{\n  "version": 1,\n  "images": {\n');
    const per = `${JSON.stringify(record(0), null, 2).replace(/\n/g, '\n    ')}`.length + 20;
    const count = Math.ceil((240 * 1024 * 1024) / per);
    for (let i = 0; i < count; i++) {
      const text = `    ${JSON.stringify(`img${i}:1`)}: ${JSON.stringify(record(i), null, 2).replace(/\n/g, '\n    ')}${i + 1 < count ? ',' : ''}\n`;
      if (!out.write(text)) await once(out, 'drain');
    }
    out.end('  }\n}\n');
    await once(out, 'finish');
    const bytes = statSync(stateFile).size;
    assert.ok(bytes > 230 * 1024 * 1024, `state is ${bytes} bytes`);
    const r = await run([goodList.dir], stateFile);
    t.diagnostic(`${(bytes / 1048576).toFixed(0)} MB state: exit ${r.code} in ${seconds(r.durationMs)} s, peak RSS ${r.peakRssKb} KiB`);
    assertExit(r, 0);
    const warnings = r.logs.filter((l) => l.level === 40).map((l) => String(l.msg));
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, new RegExp(`^${stateFile}: larger than 2 MiB, the most a state file may hold .*; moved aside to ${stateFile}\\.corrupt-\\S+; starting from an empty state$`));
    t.diagnostic(`warning: ${warnings[0]}`);
    const aside = readdirSync(join(root, 'big')).filter((f) => f.startsWith('state.json.corrupt-'));
    assert.equal(aside.length, 1);
    assert.equal(statSync(join(root, 'big', aside[0]!)).size, bytes, 'kept as it was, for whoever wants to look');
    assert.ok(!existsSync(stateFile) || statSync(stateFile).size < 4096, 'a new state holds only what this run needs');
    assertRss(r, '240 MB state');
  });

  it('a state just under the cap, of records no list names: read within budget; past the grace period dropped, the rest marked', async (t) => {
    const stateFile = join(root, 'full', 'state.json');
    mkdirSync(join(root, 'full'));
    const old = new Date(Date.now() - (UNLISTED_GRACE_DAYS + 1) * 24 * 60 * 60 * 1000).toISOString();
    const images: Record<string, unknown> = {};
    let text = '';
    for (let i = 0; ; i++) {
      images[`img${i}:1`] = record(i, i % 2 === 0 ? { unlistedSince: old } : {});
      if (i % 500 !== 0) continue;
      const next = `${JSON.stringify({ version: 1, images }, null, 2)}\n`;
      if (next.length > MAX_STATE_BYTES) break;
      text = next;
    }
    writeFileSync(stateFile, text);
    const count = Object.keys((JSON.parse(text) as { images: object }).images).length;
    const r = await run([goodList.dir], stateFile);
    t.diagnostic(`${(text.length / 1048576).toFixed(2)} MB state, ${count} records: exit ${r.code} in ${seconds(r.durationMs)} s, peak RSS ${r.peakRssKb} KiB`);
    assertExit(r, 0);
    assert.equal(summaryOf(r).failed, 0);
    assert.deepEqual(r.logs.filter((l) => l.level === 40).map((l) => l.msg), [], 'no warning');
    const after = JSON.parse(readFileSync(stateFile, 'utf8')) as { images: Record<string, { unlistedSince?: string }> };
    const kept = Object.entries(after.images).filter(([name]) => name !== GOOD_REF);
    assert.equal(kept.length, Math.floor(count / 2), 'the records unlisted for longer than the grace period are gone');
    assert.ok(kept.every(([, rec]) => rec.unlistedSince !== undefined && rec.unlistedSince !== old), 'the others are marked from this run on');
    assert.ok(existsSync(stateFile) && statSync(stateFile).size < text.length);
    assertRss(r, 'state at the cap');
  });
});
