// Policies, the state file, re-tagging, the free-space preflight, delete-after-load, --jobs
// and `wait`, end to end against a real Docker and a real Podman (same scenarios for both).
// Archives are made by `preload-daemon pack`, so every list line carries id=, size= and
// sha256= exactly as on a device; each scenario has its own --out, --state-file and lock.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeRun, ERROR_LEVEL, runCli, type CliResult, type LogLine } from '../helpers/cli.js';
import { ENGINE_KINDS, enginePerSuite, startEngine, tagSpellings, type TestEngine } from '../helpers/engines.js';
import { buildDockerArchive, noise, type BuiltArchive } from '../helpers/fixtures.js';
import { startLoadCounter, withLoadCounter, type LoadCounter } from '../helpers/load-counter.js';
import { readPackedList, type PackedLine } from '../helpers/pack-output.js';

const TEST_TIMEOUT = { timeout: 300_000 };
const WARN_LEVEL = 40;
const GiB = 1024 * 1024 * 1024;

const APP = 'pd/app:1';
const USER = 'pd/user:1';

// ---------------------------------------------------------------------------
// Fixtures (no engine needed): distinct images, told apart by their files.

let root: string;
const img = {} as Record<'v1' | 'v2' | 'v3' | 'user' | 'delA' | 'delB' | 'small' | 'big' | 'j1' | 'j2' | 'j3' | 'j4', BuiltArchive>;

before(async () => {
  root = mkdtempSync('/tmp/pd-pol-');
  const out = join(root, 'fixtures');
  const build = (repoTag: string, content: string, fileName: string, extra: Record<string, Buffer> = {}) =>
    buildDockerArchive({ repoTags: [repoTag], files: { 'etc/version': `${content}\n`, ...extra }, outDir: out, fileName });
  img.v1 = await build(APP, 'app v1', 'app-v1.tar');
  img.v2 = await build(APP, 'app v2', 'app-v2.tar');
  img.v3 = await build(APP, 'app v3', 'app-v3.tar');
  img.user = await build(USER, 'the user’s own build', 'user.tar');
  img.delA = await build('pd/del-a:1', 'del a', 'del-a.tar');
  img.delB = await build('pd/del-b:1', 'del b', 'del-b.tar');
  img.small = await build('pd/small:1', 'small', 'small.tar');
  img.big = await build('pd/big:1', 'big', 'big.tar', { 'usr/share/blob': noise(64 * 1024, 'big') });
  for (const j of ['j1', 'j2', 'j3', 'j4'] as const) img[j] = await build(`pd/${j}:1`, j, `${j}.tar`, { 'usr/share/blob': noise(32 * 1024, j) });
  const ids = new Set(Object.values(img).map((i) => i.imageId));
  assert.equal(ids.size, Object.keys(img).length, 'every fixture image has its own ID');
});

after(() => rmSync(root, { recursive: true, force: true }));

let scratchCounter = 0;
function scratch(label: string): string {
  const dir = join(root, `${++scratchCounter}-${label.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 40)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

// ---------------------------------------------------------------------------
// pack, lists and logs.

/** `pack --out OUT docker-archive:PATH=REF`; returns the list line for REF. */
async function pack(out: string, image: BuiltArchive, ref: string): Promise<PackedLine> {
  const tmp = mkdtempSync(join(root, 'packtmp-'));
  const r = await runCli(['pack', '--out', out, '--tmpdir', tmp, `docker-archive:${image.path}=${ref}`], { timeoutMs: 150_000 });
  rmSync(tmp, { recursive: true, force: true });
  assertExit(r, 0);
  const line = readPackedList(out).find((l) => l.name === ref);
  assert.ok(line, `pack wrote no line for ${ref}\n${readFileSync(join(out, 'image.list'), 'utf8')}`);
  assert.equal(line.fields.id, image.imageId, 'pack writes the image ID as id=');
  assert.match(line.fields.size ?? '', /^\d+$/, 'pack writes size=');
  assert.match(line.fields.sha256 ?? '', /^[0-9a-f]{64}$/, 'pack writes sha256=');
  return line;
}

/** Rewrite the list line for REF with EDIT (on the fields of the line, as text). */
function editLine(out: string, ref: string, edit: (line: string) => string): void {
  const file = join(out, 'image.list');
  const lines = readFileSync(file, 'utf8').split('\n');
  let hit = 0;
  const next = lines.map((l) => {
    const parts = l.trim().split(/\s+/);
    if (parts[1] !== ref) return l;
    hit++;
    return edit(l);
  });
  assert.equal(hit, 1, `one line for ${ref} in ${file}`);
  writeFileSync(file, next.join('\n'));
}

function assertExit(r: CliResult, code: number): void {
  assert.equal(r.code, code, `expected exit ${code}\n${describeRun(r)}`);
}

interface Summary {
  loaded: number;
  retagged: number;
  present: number;
  failed: number;
}

function summaryOf(r: CliResult): Summary {
  const last = [...r.logs].reverse().find((l) => typeof l.loaded === 'number' && typeof l.failed === 'number');
  assert.ok(last, `no summary line\n${describeRun(r)}`);
  return { loaded: last.loaded as number, retagged: (last.retagged as number) ?? 0, present: last.present as number, failed: last.failed as number };
}

function assertSummary(r: CliResult, expected: Partial<Summary>): void {
  const s = summaryOf(r);
  const picked = Object.fromEntries(Object.keys(expected).map((k) => [k, s[k as keyof Summary]]));
  assert.deepEqual(picked, expected, `summary ${JSON.stringify(s)}\n${describeRun(r)}`);
}

/** The per-entry log line of IMAGE (its result: loaded, present, re-tagged or failed). */
function entryLog(r: CliResult, image: string): LogLine {
  const found = r.logs.filter((l) => l.image === image);
  assert.ok(found.length > 0, `no log line for ${image}\n${describeRun(r)}`);
  return found.at(-1)!;
}

function logsAtLeast(r: CliResult, level: number): LogLine[] {
  return r.logs.filter((l) => typeof l.level === 'number' && l.level >= level);
}

function assertLogged(r: CliResult, level: number, mentions: string[]): LogLine {
  const found = logsAtLeast(r, level).find((l) => mentions.every((m) => JSON.stringify(l).includes(m)));
  assert.ok(found, `expected a log line (level ≥ ${level}) mentioning ${mentions.map((m) => `"${m}"`).join(', ')}\n${describeRun(r)}`);
  return found;
}

interface StateDoc {
  version: number;
  images: Record<string, { archive: string; fingerprint: string; imageId: string; deleted?: boolean }>;
}
const readState = (file: string): StateDoc => JSON.parse(readFileSync(file, 'utf8')) as StateDoc;

// ---------------------------------------------------------------------------

for (const kind of ENGINE_KINDS) {
  describe(`policies against ${kind}`, () => {
    let engine: TestEngine;
    let work: string;

    interface Scenario {
      out: string;
      stateFile: string;
      /** Run the loader on OUT with this scenario's state file. */
      run(extra?: string[], socket?: string): Promise<CliResult>;
    }

    function scenario(label: string): Scenario {
      const dir = scratch(`${kind}-${label}`);
      const out = join(dir, 'out');
      const stateFile = join(dir, 'state', 'state.json');
      return {
        out,
        stateFile,
        run: (extra = [], socket = engine.socketPath) =>
          runCli(
            [...extra, '--engine', kind, '--socket', socket, '--list', out, '--state-file', stateFile, '--lock-file', join(dir, 'lock'), '--wait-engine', '30', '--log-level', 'debug'],
            { timeoutMs: 240_000 },
          ),
      };
    }

    const withCounter = <T>(fn: (counter: LoadCounter) => Promise<T>): Promise<T> => withLoadCounter(engine.socketPath, fn);

    /** Put the user's own image under APP, as `docker tag` / `podman tag` at runtime would. */
    async function replaceAtRuntime(): Promise<void> {
      if (!(await engine.hasTag(USER))) await engine.load(readFileSync(img.user.path));
      await engine.tag(tagSpellings(kind, USER)[0]!, 'pd/app', '1');
      assert.equal(await engine.imageIdOf(APP), img.user.imageId, 'the runtime replacement is in place');
    }

    async function idOf(ref: string): Promise<string | null> {
      return engine.imageIdOf(ref);
    }

    enginePerSuite(kind, `pd-pol-${kind}-`, (e, w) => {
      engine = e;
      work = w;
    });

    // --- policies -------------------------------------------------------------

    it('missing (default): loads an absent image, then keeps a runtime replacement', TEST_TIMEOUT, async () => {
      const s = scenario('missing');
      await pack(s.out, img.v1, APP);
      const first = await s.run();
      assertExit(first, 0);
      assertSummary(first, { loaded: 1, present: 0, failed: 0 });
      assert.equal(await idOf(APP), img.v1.imageId);
      assert.equal(readState(s.stateFile).images[APP]?.imageId, img.v1.imageId, 'the state file records what was loaded');

      await replaceAtRuntime();
      await withCounter(async (counter) => {
        const r = await s.run([], counter.socketPath);
        assertExit(r, 0);
        assertSummary(r, { loaded: 0, present: 1, failed: 0 });
        assert.equal(counter.loadCount, 0, 'no load request');
      });
      assert.equal(await idOf(APP), img.user.imageId, 'the runtime replacement is kept');
    });

    it('missing (default) keeps a runtime replacement even after a firmware update', TEST_TIMEOUT, async () => {
      const s = scenario('missing-fw');
      await pack(s.out, img.v1, APP);
      assertExit(await s.run(), 0);
      await replaceAtRuntime();
      await pack(s.out, img.v2, APP);
      const r = await s.run();
      assertExit(r, 0);
      assertSummary(r, { loaded: 0, present: 1 });
      assert.equal(await idOf(APP), img.user.imageId);
    });

    it('changed: loads a firmware update (new archive, our image still there)', TEST_TIMEOUT, async () => {
      const s = scenario('changed-fw');
      await pack(s.out, img.v1, APP);
      assertExit(await s.run(['--policy', 'changed']), 0);
      assert.equal(await idOf(APP), img.v1.imageId);

      // Same archive again: up to date, nothing loaded.
      await withCounter(async (counter) => {
        const r = await s.run(['--policy', 'changed'], counter.socketPath);
        assertExit(r, 0);
        assertSummary(r, { loaded: 0, present: 1 });
        assert.equal(entryLog(r, APP).reason, 'up-to-date');
        assert.equal(counter.loadCount, 0);
      });

      // Firmware update: a different image under the same name, packed into the same --out.
      await pack(s.out, img.v2, APP);
      const r = await s.run(['--policy', 'changed']);
      assertExit(r, 0);
      assertSummary(r, { loaded: 1, present: 0, failed: 0 });
      assert.equal(entryLog(r, APP).reason, 'changed');
      assert.equal(await idOf(APP), img.v2.imageId, 'the firmware update is loaded');
      assert.equal(readState(s.stateFile).images[APP]?.imageId, img.v2.imageId);
    });

    it('changed: policy=changed in the list line works like --policy changed', TEST_TIMEOUT, async () => {
      const s = scenario('changed-field');
      await pack(s.out, img.v1, APP);
      editLine(s.out, APP, (l) => `${l} policy=changed`);
      assertExit(await s.run(), 0);
      await pack(s.out, img.v2, APP); // pack rewrites the line: add the field again
      editLine(s.out, APP, (l) => `${l} policy=changed`);
      const r = await s.run();
      assertExit(r, 0);
      assertSummary(r, { loaded: 1 });
      assert.equal(await idOf(APP), img.v2.imageId);
    });

    it('changed without sha256= (a hand-written list): the archive size and mtime tell a firmware update', TEST_TIMEOUT, async () => {
      const s = scenario('changed-stat');
      const noDigest = (l: string) => l.replace(/\s+sha256=\S+/, '');
      await pack(s.out, img.v1, APP);
      editLine(s.out, APP, noDigest);
      assertExit(await s.run(['--policy', 'changed']), 0);
      assert.match(readState(s.stateFile).images[APP]?.fingerprint ?? '', /^stat:/);
      const same = await s.run(['--policy', 'changed']);
      assertSummary(same, { loaded: 0, present: 1 });
      await pack(s.out, img.v2, APP);
      editLine(s.out, APP, noDigest);
      const r = await s.run(['--policy', 'changed']);
      assertExit(r, 0);
      assertSummary(r, { loaded: 1 });
      assert.equal(await idOf(APP), img.v2.imageId);
    });

    it('changed: a runtime replacement is kept through a firmware update; --reload restores the shipped image', TEST_TIMEOUT, async () => {
      const s = scenario('changed-user');
      await pack(s.out, img.v1, APP);
      assertExit(await s.run(['--policy', 'changed']), 0);
      await pack(s.out, img.v2, APP);
      assertExit(await s.run(['--policy', 'changed']), 0);
      assert.equal(await idOf(APP), img.v2.imageId);

      await replaceAtRuntime();
      await pack(s.out, img.v3, APP); // another firmware update
      await withCounter(async (counter) => {
        const r = await s.run(['--policy', 'changed'], counter.socketPath);
        assertExit(r, 0);
        assertSummary(r, { loaded: 0, present: 1, failed: 0 });
        const line = entryLog(r, APP);
        assert.equal(line.reason, 'user-updated', JSON.stringify(line));
        assert.match(String(line.msg), /replaced at runtime/);
        assert.equal(counter.loadCount, 0, 'no load request');
      });
      assert.equal(await idOf(APP), img.user.imageId, 'the runtime replacement is kept');

      const r = await s.run(['--policy', 'changed', '--reload']);
      assertExit(r, 0);
      assertSummary(r, { loaded: 1 });
      assert.equal(await idOf(APP), img.v3.imageId, '--reload restores the shipped image');
    });

    it('changed without a record: a present image other than id= is kept (origin unknown)', TEST_TIMEOUT, async () => {
      const s = scenario('changed-norecord');
      await pack(s.out, img.v1, APP);
      await replaceAtRuntime(); // never loaded by us: no state
      const r = await s.run(['--policy', 'changed']);
      assertExit(r, 0);
      assertSummary(r, { loaded: 0, present: 1 });
      assert.equal(entryLog(r, APP).reason, 'origin-unknown');
      assert.equal(await idOf(APP), img.user.imageId);
    });

    it('changed: a lost state file is cautious (runtime replacement kept), a corrupt one is a warning', TEST_TIMEOUT, async () => {
      const s = scenario('changed-corrupt');
      await pack(s.out, img.v1, APP);
      assertExit(await s.run(['--policy', 'changed']), 0);
      await replaceAtRuntime();
      writeFileSync(s.stateFile, '{ not json');
      await pack(s.out, img.v2, APP);
      const r = await s.run(['--policy', 'changed']);
      assertExit(r, 0);
      assertLogged(r, WARN_LEVEL, [s.stateFile]);
      assertSummary(r, { loaded: 0, present: 1 });
      assert.equal(await idOf(APP), img.user.imageId);
    });

    it('always: reloads a present image every run, and over a runtime replacement', TEST_TIMEOUT, async () => {
      const s = scenario('always');
      await pack(s.out, img.v1, APP);
      assertExit(await s.run(), 0);
      await withCounter(async (counter) => {
        const r = await s.run(['--policy', 'always'], counter.socketPath);
        assertExit(r, 0);
        assertSummary(r, { loaded: 1, present: 0 });
        assert.equal(entryLog(r, APP).reason, 'always');
        assert.equal(counter.loadCount, 1, 'one load request');
      });
      await replaceAtRuntime();
      editLine(s.out, APP, (l) => `${l} policy=always`);
      const r = await s.run();
      assertExit(r, 0);
      assertSummary(r, { loaded: 1 });
      assert.equal(await idOf(APP), img.v1.imageId, 'policy=always puts the shipped image back');
    });

    it('never: an absent image is not loaded, not even by --reload; exit 0', TEST_TIMEOUT, async () => {
      const s = scenario('never');
      await pack(s.out, img.v1, APP);
      await withCounter(async (counter) => {
        const r = await s.run(['--policy', 'never'], counter.socketPath);
        assertExit(r, 0);
        assertSummary(r, { loaded: 0, failed: 0 });
        assert.equal(entryLog(r, APP).reason, 'never');
        editLine(s.out, APP, (l) => `${l} policy=never`);
        const again = await s.run(['--reload'], counter.socketPath);
        assertExit(again, 0);
        assertSummary(again, { loaded: 0, failed: 0 });
        assert.equal(counter.loadCount, 0, 'no load request');
      });
      assert.equal(await idOf(APP), null);
    });

    it('policy= in the list wins over --policy', TEST_TIMEOUT, async () => {
      const s = scenario('field-wins');
      await pack(s.out, img.v1, APP);
      editLine(s.out, APP, (l) => `${l} policy=never`);
      const r = await s.run(['--policy', 'always']);
      assertExit(r, 0);
      assertSummary(r, { loaded: 0 });
      assert.equal(await idOf(APP), null);
    });

    it('--reload restores the shipped image over a runtime replacement (default policy), by re-tag while it is in the store', TEST_TIMEOUT, async () => {
      const s = scenario('reload');
      await pack(s.out, img.v1, APP);
      assertExit(await s.run(), 0);
      await replaceAtRuntime();
      // The shipped image lost its tag but is still in the store: pointing the tag back is enough.
      const r = await s.run(['--reload']);
      assertExit(r, 0);
      assertSummary(r, { loaded: 0, retagged: 1, failed: 0 });
      assert.equal(await idOf(APP), img.v1.imageId);
      assert.equal(await idOf(USER), img.user.imageId, 'the user’s image keeps its own tag');
    });

    // --- re-tag ----------------------------------------------------------------

    it('re-tag: an untagged name whose id= image is still in the store is re-tagged, with no load request', TEST_TIMEOUT, async () => {
      const s = scenario('retag');
      await pack(s.out, img.v1, APP);
      assertExit(await s.run(), 0);
      // A second tag keeps the image when APP is untagged (Docker deletes an image with its last tag).
      await engine.tag(img.v1.imageId, 'pd/keep', '1');
      const del = await engine.request('DELETE', `/images/${tagSpellings(kind, APP)[0]}?noprune=1`);
      assert.ok([200, 201, 204].includes(del.status), `untag: HTTP ${del.status} ${del.body}`);
      assert.equal(await idOf(APP), null, 'APP is untagged');
      const still = await engine.request('GET', `/images/${img.v1.imageId}/json`);
      assert.equal(still.status, 200, `the image is still in the store: ${still.body.slice(0, 300)}`);

      await withCounter(async (counter) => {
        const r = await s.run([], counter.socketPath);
        assertExit(r, 0);
        assertSummary(r, { loaded: 0, retagged: 1, failed: 0 });
        assert.match(String(entryLog(r, APP).msg), /re-tagged/);
        assert.equal(counter.loadCount, 0, `no load request: ${JSON.stringify(counter.requests)}`);
      });
      assert.equal(await idOf(APP), img.v1.imageId, 'the tag is back, on the shipped image');
      assert.equal(await idOf('pd/keep:1'), img.v1.imageId);
    });

    it('re-tag: a dangling shipped image (tag moved away, then removed at runtime) is re-tagged', TEST_TIMEOUT, async () => {
      const s = scenario('retag-dangling');
      await pack(s.out, img.v1, APP);
      assertExit(await s.run(), 0);
      await replaceAtRuntime(); // v1 is now untagged (dangling)
      const del = await engine.request('DELETE', `/images/${tagSpellings(kind, APP)[0]}?noprune=1`);
      assert.ok([200, 201, 204].includes(del.status), `untag: HTTP ${del.status} ${del.body}`);
      assert.equal(await idOf(APP), null);
      assert.equal(await idOf(USER), img.user.imageId, 'the user image keeps its own tag');
      const still = await engine.request('GET', `/images/${img.v1.imageId}/json`);
      assert.equal(still.status, 200, `the shipped image is still in the store (dangling): ${still.body.slice(0, 300)}`);

      await withCounter(async (counter) => {
        const r = await s.run([], counter.socketPath);
        assertExit(r, 0);
        assertSummary(r, { loaded: 0, retagged: 1 });
        assert.equal(counter.loadCount, 0);
      });
      assert.equal(await idOf(APP), img.v1.imageId);
    });

    it('re-tag in --dry-run is only announced', TEST_TIMEOUT, async () => {
      const s = scenario('retag-dry');
      await pack(s.out, img.v1, APP);
      assertExit(await s.run(), 0);
      await engine.tag(img.v1.imageId, 'pd/keep', '1');
      await engine.request('DELETE', `/images/${tagSpellings(kind, APP)[0]}?noprune=1`);
      const r = await s.run(['--dry-run']);
      assertExit(r, 0);
      assert.match(r.stdout, new RegExp(`retag ${APP.replace('/', '\\/')} ${img.v1.imageId}`));
      assert.equal(await idOf(APP), null, 'nothing changed');
    });

    it('--dry-run changes nothing: not even the state file', TEST_TIMEOUT, async () => {
      const s = scenario('dry-run-state');
      await pack(s.out, img.v1, APP);
      await engine.load(readFileSync(img.v1.path)); // present with the shipped ID, loaded by someone else: no record yet
      const r = await s.run(['--dry-run', '--policy', 'changed']);
      assertExit(r, 0);
      assert.equal(r.stdout, '', 'nothing to do');
      assert.equal(existsSync(s.stateFile), false, `--dry-run wrote ${s.stateFile}: ${existsSync(s.stateFile) ? readFileSync(s.stateFile, 'utf8') : ''}`);
    });

    // --- delete-after-load ----------------------------------------------------------

    it('--delete-after-load deletes the archive once id= verifies, and records it', TEST_TIMEOUT, async () => {
      const s = scenario('delete');
      const line = await pack(s.out, img.delA, 'pd/del-a:1');
      const archive = join(s.out, 'images', line.file);
      const r = await s.run(['--delete-after-load']);
      assertExit(r, 0);
      assertSummary(r, { loaded: 1, failed: 0 });
      assert.equal(existsSync(archive), false, 'the archive is deleted');
      assert.match(String(entryLog(r, 'pd/del-a:1').msg), /archive deleted/);
      assert.equal(readState(s.stateFile).images['pd/del-a:1']?.deleted, true);
      assert.equal(await idOf('pd/del-a:1'), img.delA.imageId);
    });

    it('--delete-after-load without id= keeps the archive with a warning', TEST_TIMEOUT, async () => {
      const s = scenario('delete-noid');
      const line = await pack(s.out, img.delA, 'pd/del-a:1');
      editLine(s.out, 'pd/del-a:1', (l) => l.replace(/\s+id=\S+/, ''));
      const archive = join(s.out, 'images', line.file);
      const r = await s.run(['--delete-after-load']);
      assertExit(r, 0);
      assertSummary(r, { loaded: 1 });
      assert.ok(existsSync(archive), 'the archive is kept');
      assertLogged(r, WARN_LEVEL, [archive, 'id=']);
    });

    it('--delete-after-load on an image already present with id= deletes its archive too', TEST_TIMEOUT, async () => {
      const s = scenario('delete-present');
      const line = await pack(s.out, img.delA, 'pd/del-a:1');
      const archive = join(s.out, 'images', line.file);
      assertExit(await s.run(), 0);
      assert.ok(existsSync(archive));
      const r = await s.run(['--delete-after-load']);
      assertExit(r, 0);
      assertSummary(r, { loaded: 0, present: 1 });
      assert.equal(existsSync(archive), false);
    });

    it('--delete-after-load keeps the archive of a runtime replacement (ID differs from id=)', TEST_TIMEOUT, async () => {
      const s = scenario('delete-user');
      const line = await pack(s.out, img.v1, APP);
      const archive = join(s.out, 'images', line.file);
      assertExit(await s.run(), 0);
      await replaceAtRuntime();
      const r = await s.run(['--delete-after-load']);
      assertExit(r, 0);
      assert.ok(existsSync(archive), 'the archive of the shipped image stays: it is the only way back');
    });

    it('delete=yes per entry; then a wipe and --reload says the archive was deleted', TEST_TIMEOUT, async () => {
      const s = scenario('delete-field');
      const a = await pack(s.out, img.delA, 'pd/del-a:1');
      const b = await pack(s.out, img.delB, 'pd/del-b:1');
      editLine(s.out, 'pd/del-a:1', (l) => `${l} delete=yes`);
      const archiveA = join(s.out, 'images', a.file);
      const archiveB = join(s.out, 'images', b.file);
      const r = await s.run();
      assertExit(r, 0);
      assertSummary(r, { loaded: 2, failed: 0 });
      assert.equal(existsSync(archiveA), false, 'delete=yes: deleted');
      assert.ok(existsSync(archiveB), 'no delete=: kept');

      await engine.wipe(); // factory reset of the store
      const again = await s.run(['--reload']);
      assertExit(again, 1);
      assertSummary(again, { loaded: 1, failed: 1 });
      const error = assertLogged(again, ERROR_LEVEL, ['pd/del-a:1']);
      const text = String(error.msg);
      assert.match(text, /deleted/, `the error says the archive was deleted: ${text}`);
      assert.ok(text.includes(archiveA), text);
      assert.match(text, /delete-after-load/, text);
      assert.equal(await idOf('pd/del-b:1'), img.delB.imageId);
    });

    it('delete=no wins over --delete-after-load', TEST_TIMEOUT, async () => {
      const s = scenario('delete-no');
      const a = await pack(s.out, img.delA, 'pd/del-a:1');
      editLine(s.out, 'pd/del-a:1', (l) => `${l} delete=no`);
      const r = await s.run(['--delete-after-load']);
      assertExit(r, 0);
      assert.ok(existsSync(join(s.out, 'images', a.file)));
    });

    // --- --jobs --------------------------------------------------------------------

    it('--jobs 3 with 4 images: all load, exit 0, the summary is right', TEST_TIMEOUT, async () => {
      const s = scenario('jobs');
      for (const j of ['j1', 'j2', 'j3', 'j4'] as const) await pack(s.out, img[j], `pd/${j}:1`);
      const r = await s.run(['--jobs', '3']);
      assertExit(r, 0);
      assertSummary(r, { loaded: 4, present: 0, failed: 0 });
      for (const j of ['j1', 'j2', 'j3', 'j4'] as const) assert.equal(await idOf(`pd/${j}:1`), img[j].imageId, j);
      const state = readState(s.stateFile);
      for (const j of ['j1', 'j2', 'j3', 'j4'] as const) assert.equal(state.images[`pd/${j}:1`]?.imageId, img[j].imageId, `state for ${j}`);
      const again = await s.run(['-j', '3']);
      assertExit(again, 0);
      assertSummary(again, { loaded: 0, present: 4 });
    });

    // --- wait -----------------------------------------------------------------------

    function wait(names: string[], timeout: number): Promise<CliResult> {
      return runCli(['wait', '--engine', kind, '--socket', engine.socketPath, '--wait-engine', '30', '--timeout', String(timeout), ...names], {
        timeoutMs: (timeout + 90) * 1000,
      });
    }

    it('wait: exits 0 at once when the images are present', TEST_TIMEOUT, async () => {
      const s = scenario('wait-present');
      await pack(s.out, img.v1, APP);
      assertExit(await s.run(), 0);
      const r = await wait([APP], 120);
      assertExit(r, 0);
      assert.equal(logsAtLeast(r, ERROR_LEVEL).length, 0, describeRun(r));
    });

    it('wait: waits for an image loaded later by another process', TEST_TIMEOUT, async () => {
      const s = scenario('wait-later');
      await pack(s.out, img.v1, APP);
      let waitDone = false;
      const waiting = wait([APP], 180).finally(() => (waitDone = true));
      await sleep(2_000);
      assert.equal(waitDone, false, 'wait returned before the image was there');
      assertExit(await s.run(), 0);
      const r = await waiting;
      assertExit(r, 0);
    });

    it('wait: times out with exit 1 and a message naming the missing image only', TEST_TIMEOUT, async () => {
      const s = scenario('wait-timeout');
      await pack(s.out, img.v1, APP);
      assertExit(await s.run(), 0);
      const r = await wait([APP, 'pd/never-there:9'], 2);
      assertExit(r, 1);
      const line = assertLogged(r, ERROR_LEVEL, ['pd/never-there:9']);
      assert.ok(!String(line.msg).includes(APP), `only the missing image is named: ${line.msg}`);
      assert.match(String(line.msg), /2 s/);
    });

    it('wait: keeps waiting through an engine restart (socket gone for a few seconds), then exits 0', TEST_TIMEOUT, async () => {
      const s = scenario('wait-restart');
      await pack(s.out, img.v1, APP);
      const proxy = restartableProxy(engine.socketPath, join(scratch(`${kind}-wait-proxy`), 'sock'));
      await proxy.open();
      try {
        let waitDone = false;
        const waiting = runCli(['wait', '--engine', kind, '--socket', proxy.socketPath, '--wait-engine', '30', '--timeout', '120', APP], { timeoutMs: 240_000 }).finally(() => (waitDone = true));
        await sleep(1_500);
        await proxy.close(); // the engine restarts: its socket is gone
        await sleep(3_000);
        await proxy.open();
        assertExit(await s.run(), 0);
        const r = await waiting;
        assert.ok(waitDone);
        assertExit(r, 0);
      } finally {
        await proxy.close();
      }
    });

    it('wait: an invalid reference is a usage error (exit 2)', TEST_TIMEOUT, async () => {
      const r = await wait(['Not/A/Valid:Ref!'], 1);
      assertExit(r, 2);
    });
  });
}

/** A unix-socket forwarder to an engine that can be closed (socket removed) and opened again on the same path. */
function restartableProxy(target: string, socketPath: string): { socketPath: string; open(): Promise<void>; close(): Promise<void> } {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  return {
    socketPath,
    async open() {
      rmSync(socketPath, { force: true });
      server = createServer((client) => {
        const upstream = connect(target);
        sockets.add(client).add(upstream);
        client.pipe(upstream);
        upstream.pipe(client);
        const down = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        for (const s of [client, upstream]) s.on('error', down).on('close', down);
      });
      const srv = server;
      await new Promise<void>((resolve, reject) => srv.once('error', reject).listen(socketPath, () => resolve()));
    },
    async close() {
      const srv = server;
      server = undefined;
      if (!srv) return;
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
      rmSync(socketPath, { force: true });
    },
  };
}

// ---------------------------------------------------------------------------
// Free-space preflight: a private engine whose whole store sits on a small tmpfs. The runs pass
// --min-free 0: the default reserve (256M) is more than the tmpfs, and size= alone is tested here.

function unmountUnder(dir: string): void {
  const mounts = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1] ?? '')
    .filter((m) => m === dir || m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) {
    const r = spawnSync('umount', [m], { stdio: 'ignore' });
    if (r.status !== 0) spawnSync('umount', ['-l', m], { stdio: 'ignore' });
  }
}

for (const kind of ENGINE_KINDS) {
  describe(`free-space preflight against ${kind} on a 64 MiB tmpfs`, () => {
    let engine: TestEngine | undefined;
    let dir: string;

    before(async () => {
      dir = mkdtempSync(`/tmp/pd-fs${kind[0]}-`);
      const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64m,mode=0700', 'tmpfs', dir], { encoding: 'utf8' });
      assert.equal(m.status, 0, `mount tmpfs: ${m.stderr}`);
      engine = await startEngine(kind, { dir, keepDir: true });
    });
    after(async () => {
      await engine?.stop();
      unmountUnder(dir);
      rmSync(dir, { recursive: true, force: true });
    });

    it('an entry bigger than the free space fails naming needed vs available; the small one loads; exit 1', TEST_TIMEOUT, async (t) => {
      const e = engine!;
      const work = scratch(`${kind}-preflight`);
      const out = join(work, 'out');
      await pack(out, img.big, 'pd/big:1');
      await pack(out, img.small, 'pd/small:1');
      const tenGiB = 10 * GiB;
      editLine(out, 'pd/big:1', (l) => l.replace(/size=\d+/, `size=${tenGiB}`));
      const staging = join(dir, 'tmp'); // the engine's TMPDIR, on the tmpfs
      const counter = await startLoadCounter(e.socketPath);
      let r: CliResult;
      try {
        r = await runCli(
          ['--engine', kind, '--socket', counter.socketPath, '--list', out, '--state-file', join(work, 'state.json'), '--lock-file', join(work, 'lock'), '--staging-dir', staging, '--wait-engine', '30', '--min-free', '0'],
          { timeoutMs: 240_000 },
        );
        assert.equal(counter.loadCount, 1, 'only the small entry was sent to the engine');
      } finally {
        await counter.close();
      }
      assertExit(r, 1);
      assertSummary(r, { loaded: 1, failed: 1 });
      const error = assertLogged(r, ERROR_LEVEL, ['pd/big:1', 'not enough free space']);
      const text = String(error.msg);
      t.diagnostic(text);
      const m = /needs ([\d.]+) MiB under (\S+), ([\d.]+) MiB available/.exec(text);
      assert.ok(m, `needed vs available: ${text}`);
      const needed = Number(m[1]) * 1024 * 1024;
      const available = Number(m[3]) * 1024 * 1024;
      assert.ok(needed >= 2 * tenGiB - 1024 * 1024, `needs at least 2× size=: ${text}`);
      assert.ok(available <= 64 * 1024 * 1024, `available is the tmpfs's: ${text}`);
      assert.ok(m[2]!.startsWith(dir), `the place named is on the engine's tmpfs (${dir}): ${text}`);
      assert.equal(await e.imageIdOf('pd/small:1'), img.small.imageId);
      assert.equal(await e.imageIdOf('pd/big:1'), null);
    });

    if (kind === 'podman') {
      it('Podman: the staging folder alone (--staging-dir on the tmpfs) is checked too', TEST_TIMEOUT, async () => {
        const e = engine!;
        await e.wipe();
        const work = scratch('podman-staging');
        const out = join(work, 'out');
        await pack(out, img.big, 'pd/big:1');
        // 40 MiB: the graph root (1×) would fit on 64 MiB; staging (2×) on the same tmpfs does not.
        editLine(out, 'pd/big:1', (l) => l.replace(/size=\d+/, `size=${40 * 1024 * 1024}`));
        const staging = join(dir, 'tmp');
        const r = await runCli(
          ['--engine', kind, '--socket', e.socketPath, '--list', out, '--state-file', join(work, 'state.json'), '--lock-file', join(work, 'lock'), '--staging-dir', staging, '--wait-engine', '30', '--min-free', '0'],
          { timeoutMs: 240_000 },
        );
        assertExit(r, 1);
        assertLogged(r, ERROR_LEVEL, ['pd/big:1', 'not enough free space']);
        // And with the staging folder elsewhere (a big disk), the same entry passes the preflight.
        const elsewhere = scratch('podman-staging-elsewhere');
        const ok = await runCli(
          ['--engine', kind, '--socket', e.socketPath, '--list', out, '--state-file', join(work, 'state2.json'), '--lock-file', join(work, 'lock'), '--staging-dir', elsewhere, '--wait-engine', '30', '--min-free', '0'],
          { timeoutMs: 240_000 },
        );
        assertExit(ok, 0);
        assert.equal(await e.imageIdOf('pd/big:1'), img.big.imageId);
      });
    }
  });
}
