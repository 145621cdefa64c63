// Fault matrix, case 14: input as an attacker or a careless integrator would write it. An
// archive shared by several lines, a FIFO where a list should be, `images/` linked to `/`,
// an upper-case first name component, a package folder the daemon may not enter, a lock held
// by another program, an engine socket that answers but is no engine, binary state and list
// text; and SIGTERM whatever the run is waiting on. Real engines where an engine plays a part.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, type CliResult } from '../helpers/cli.js';
import { ENGINE_KINDS, startEngine, type TestEngine } from '../helpers/engines.js';
import { startFakeEngine, type FakeEngine, type FakeKind } from '../helpers/fake-engine.js';
import { assertExit, assertOneError, assertUnchanged, errorLogs, fingerprint, logText, startCli, summaryOf, waitFor } from '../helpers/fault.js';
import { buildCompressedArchive, buildMultiImageArchive, compressFile, noise, type BuiltArchive } from '../helpers/fixtures.js';
import { writeListDir } from '../helpers/lists.js';

let root: string;
/** One archive carrying two images, adv/a:1 and adv/b:1 (what `docker save a b` writes). */
let shared: BuiltArchive & { file: string };
let good: BuiltArchive & { file: string };
let n = 0;

before(async () => {
  root = mkdtempSync('/tmp/pd-fault-hostile-');
  const built = await buildMultiImageArchive({
    images: [
      { repoTags: ['adv/a:1'], files: { 'etc/a': 'a\n', 'usr/share/a': noise(64 * 1024, 'a') } },
      { repoTags: ['adv/b:1'], files: { 'etc/b': 'b\n', 'usr/share/b': noise(64 * 1024, 'b') } },
    ],
    outDir: join(root, 'fx'),
    fileName: 'ab.tar',
  });
  const path = await compressFile(built.path, 'zstd');
  shared = { ...built, path, file: 'ab.tar.zst' };
  const g = await buildCompressedArchive({ repoTags: ['adv/good:1'], files: { 'etc/good': 'good\n' }, outDir: join(root, 'fx'), fileName: 'good.tar' }, 'zstd');
  good = { ...g, file: 'good.tar.zst' };
});
after(() => rmSync(root, { recursive: true, force: true }));

function fresh(what: string): string {
  const dir = join(root, `${what}-${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The run's own lock and state, so no test sees another's. */
function own(dir: string): string[] {
  return ['--lock-file', join(dir, 'lock'), '--state-file', join(dir, 'state.json')];
}

function mkfifo(path: string): void {
  assert.equal(spawnSync('mkfifo', [path]).status, 0, `mkfifo ${path}`);
}

/** Another program holding the lock the way `flock FILE sleep` does; killed by the caller. */
async function holdLock(file: string): Promise<ChildProcess> {
  const holder = spawn('flock', [file, 'sleep', '600'], { stdio: 'ignore' });
  await waitFor('flock to hold the lock', () => spawnSync('flock', ['-n', file, 'true']).status === 1, 10_000);
  return holder;
}

function warnings(r: CliResult): string[] {
  return r.logs.filter((l) => l.level === 40).map(logText);
}

// ---------------------------------------------------------------------------
// SIGTERM and SIGINT end a run whatever it waits on. The bound is the harness's hard timeout:
// 20 s, four times the 5 s the daemon gives itself after the first signal before it exits
// anyway, so only a run that does not stop trips it (measured: 20–30 ms after the signal).

const STOP_BOUND_MS = 20_000;

/** Start ARGS, wait until stderr says WAITING, send SIGNALS, and return the finished run. */
async function stopWhileWaiting(args: string[], waiting: string | RegExp, signals: NodeJS.Signals[] = ['SIGTERM']): Promise<CliResult> {
  const live = startCli(args, { timeoutMs: 120_000 });
  await waitFor(`the run to say ${String(waiting)}`, () => (typeof waiting === 'string' ? live.stderr().includes(waiting) : waiting.test(live.stderr())), 60_000);
  for (const signal of signals) live.signal(signal);
  const stopped = await Promise.race([live.result, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), STOP_BOUND_MS).unref())]);
  if (stopped === 'hung') {
    live.signal('SIGKILL');
    assert.fail(`still running ${STOP_BOUND_MS / 1000} s after ${signals.join(' + ')}:\n${live.stderr().slice(-3000)}`);
  }
  return stopped;
}

describe('14. SIGTERM/SIGINT end a run whatever it waits on', { timeout: 10 * 60_000 }, () => {
  let dir: string;
  let list: string;
  before(() => {
    dir = fresh('signals');
    list = writeListDir(join(dir, 'pkg'), [`${good.file} adv/good:1`], { [good.file]: good.path }).dir;
  });

  it('load waiting for the engine: SIGTERM → exit 1, "interrupted (SIGTERM)"', async () => {
    const r = await stopWhileWaiting(['--list', list, '--socket', join(dir, 'no-engine.sock'), '--wait-engine', '600', ...own(dir)], 'waiting up to 600 s for the engine');
    assertExit(r, 1);
    assert.ok(warnings(r).some((w) => w.startsWith('SIGTERM received: stopping')), r.stderr);
    assert.match(errorLogs(r).map(logText).join('\n'), /interrupted \(SIGTERM\)/);
  });

  it('load waiting for a lock another program holds: SIGINT → exit 1', async () => {
    const lock = join(dir, 'held.lock');
    const holder = await holdLock(lock);
    const fake = await startFakeEngine({ kind: 'docker' });
    try {
      const r = await stopWhileWaiting(['--list', list, '--socket', fake.socketPath, '--lock-file', lock, '--lock-timeout', '600', '--state-file', join(dir, 'state.json')], /holds .*held\.lock; waiting up to 600 s/, ['SIGINT']);
      assertExit(r, 1);
      assert.match(errorLogs(r).map(logText).join('\n'), /interrupted \(SIGINT\)/);
    } finally {
      holder.kill();
      await fake.close();
    }
  });

  it('load whose engine never answers an inspect: SIGTERM → exit 1 without waiting for the 15 s request timeout', async () => {
    const fake = await startFakeEngine({ kind: 'docker', inspect: () => new Promise<boolean>(() => {}), list: () => new Promise<boolean>(() => {}) });
    try {
      const r = await stopWhileWaiting(['--list', list, '--socket', fake.socketPath, ...own(dir), '--log-level', 'debug'], 'engine answered');
      assertExit(r, 1);
      assertOneError(r, `${list}/image.list:1`, ['adv/good:1', 'interrupted (SIGTERM)']);
    } finally {
      await fake.close();
    }
  });

  it('a second SIGTERM right after the first exits at once, exit 1', async () => {
    const r = await stopWhileWaiting(['--list', list, '--socket', join(dir, 'no-engine.sock'), '--wait-engine', '600', ...own(dir)], 'waiting up to 600 s', ['SIGTERM', 'SIGTERM']);
    assertExit(r, 1);
    assert.equal(r.signal, null, 'an exit, not a death by signal');
  });

  it('status waiting for the engine: SIGTERM → exit 1, the table still printed', async () => {
    const r = await stopWhileWaiting(['status', '--list', list, '--socket', join(dir, 'no-engine.sock'), '--wait-engine', '600', '--state-file', join(dir, 'state.json')], 'waiting up to 600 s');
    assertExit(r, 1);
    assert.match(r.stdout, /engine: not reachable \(interrupted/);
    assert.match(r.stdout, /adv\/good:1/);
  });

  it('wait for a missing image: SIGTERM → exit 1', async () => {
    const fake = await startFakeEngine({ kind: 'podman' });
    try {
      const live = startCli(['wait', '--socket', fake.socketPath, '--timeout', '600', '--state-file', join(dir, 'state.json'), '--lock-file', join(dir, 'lock'), 'adv/never:1'], { timeoutMs: 120_000 });
      await waitFor('wait to ask the engine', () => fake.calls.some((c) => c.path.includes('/images/')), 60_000);
      live.signal('SIGTERM');
      const r = await Promise.race([live.result, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), STOP_BOUND_MS).unref())]);
      assert.notEqual(r, 'hung', 'wait did not stop on SIGTERM');
      assertExit(r as CliResult, 1);
      assert.match(errorLogs(r as CliResult).map(logText).join('\n'), /interrupted \(SIGTERM\)/);
    } finally {
      await fake.close();
    }
  });
});

// ---------------------------------------------------------------------------
// No engine or a fake one: what the lists, the command line and the engine socket can get wrong.

describe('14. hostile input without a real engine', { timeout: 10 * 60_000 }, () => {
  it('a FIFO as --list: one line, "not a regular file", exit 1, no hang (status too)', async (t) => {
    const dir = fresh('fifo-list');
    const fifo = join(dir, 'image.list');
    mkfifo(fifo);
    const r = await runCli(['--list', fifo, ...own(dir)], { timeoutMs: 60_000 });
    assertExit(r, 1);
    t.diagnostic(assertOneError(r, fifo, ['cannot read list: not a regular file']));
    assert.deepEqual(warnings(r), [], 'no "nothing to load" after the error');
    const s = await runCli(['status', '--list', fifo, '--socket', join(dir, 'none.sock'), '--wait-engine', '0', '--state-file', join(dir, 'state.json')], { timeoutMs: 60_000 });
    assertExit(s, 3);
    assertOneError(s, fifo, ['not a regular file']);
  });

  it('a missing --list: one error, no contradicting "nothing to load" warning', async () => {
    const dir = fresh('missing-list');
    const missing = join(dir, 'no-such-list');
    const r = await runCli(['--list', missing, ...own(dir)], { timeoutMs: 60_000 });
    assertExit(r, 1);
    assertOneError(r, missing, ['cannot read list', 'ENOENT']);
    assert.deepEqual(warnings(r), []);
  });

  it('wait ADV/x:1: a usage error at once (exit 2), not a wait for the timeout', async () => {
    const dir = fresh('wait-upper');
    const r = await runCli(['wait', '--socket', join(dir, 'none.sock'), '--timeout', '600', 'ADV/x:1'], { timeoutMs: 60_000 });
    assertExit(r, 2);
    assert.match(r.stderr, /^preload-daemon: wait: invalid reference "ADV\/x:1": repository name must be lowercase/m);
  });

  for (const kind of ['docker', 'podman'] as FakeKind[]) {
    it(`fake ${kind}: a socket answering /_ping with 200 and HTML is not an engine: exit 3 at once, one line`, async (t) => {
      const dir = fresh('html-ping');
      const fake = await startFakeEngine({
        kind,
        ping: (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/html' });
          res.end('<html><body>Welcome to nginx!</body></html>');
          return true;
        },
      });
      try {
        const l = writeListDir(join(dir, 'pkg'), [`${good.file} adv/good:1`], { [good.file]: good.path });
        const before = fingerprint(l.imagesDir);
        const r = await runCli(['--list', l.dir, '--socket', fake.socketPath, '--wait-engine', '60', ...own(dir)], { timeoutMs: 60_000 });
        assertExit(r, 3);
        const line = assertOneError(r, '', ['answered GET /_ping with "<html><body>Welcome to nginx!</body></html>"', 'not a container engine', '--socket']);
        assert.ok(!line.includes(good.file), `blamed on the archive: ${line}`);
        t.diagnostic(line);
        assert.ok(r.durationMs < 60_000 && !r.stderr.includes('waiting up to'), 'no wait for an engine that is not one');
        assertUnchanged(before, l.imagesDir);
      } finally {
        await fake.close();
      }
    });
  }

  it('binary state file and list text: quoted, cut at 200 characters, no raw NUL or escape in the journal', async (t) => {
    const dir = fresh('binary-text');
    const fake = await startFakeEngine({ kind: 'docker' });
    try {
      const l = writeListDir(join(dir, 'pkg'), [`${good.file} adv/good:1`, `x${'\u0000\u001b[2J'.repeat(10)}${'y'.repeat(1024 * 1024)}`, `${good.file} adv/e\u0000vil:1`], { [good.file]: good.path });
      writeFileSync(join(dir, 'state.json'), Buffer.concat([Buffer.from('\u0000\u0000\u001b[31m{"version":'), noise(4096, 'state')]));
      const r = await runCli(['--list', l.dir, '--socket', fake.socketPath, ...own(dir)], { timeoutMs: 60_000, env: { PRELOAD_DAEMON_LOG_FORMAT: 'journal' } });
      assertExit(r, 1);
      assert.doesNotMatch(r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f]/, 'a raw control character reached the journal');
      const lines = r.stderr.split('\n');
      for (const line of lines) assert.ok(line.length < 1000, `a line of ${line.length} characters: ${line.slice(0, 300)}…`);
      const state = lines.find((x) => x.includes('state.json: not valid JSON: "'));
      assert.ok(state, `no quoted state warning:\n${r.stderr.slice(0, 3000)}`);
      assert.match(state!, /\\u0000|\\x00/);
      t.diagnostic(state!);
      t.diagnostic(lines.find((x) => x.includes(':2: expected'))!.slice(0, 400));
      assert.ok(lines.some((x) => x.startsWith(`<3>${l.listFile}:2: expected "<archive> <name[:tag]>", got "x\\u0000\\u001b[2J`) && x.includes('…"')), r.stderr.slice(0, 3000));
      assert.ok(lines.some((x) => x.startsWith(`<3>${l.listFile}:3: invalid reference "adv/e\\u0000vil:1"`)), r.stderr.slice(0, 3000));
      assert.ok(existsSync(join(dir, 'state.json')) && JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')).version === 1, 'a valid state written');
    } finally {
      await fake.close();
    }
  });
});

// ---------------------------------------------------------------------------
// Real engines.

for (const kind of ENGINE_KINDS) {
  describe(`14. hostile input against ${kind}`, { timeout: 20 * 60_000 }, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await startEngine(kind);
    });
    after(async () => engine?.stop());

    function args(dir: string, lists: string[], extra: string[] = []): string[] {
      return ['--engine', kind, '--socket', engine.socketPath, ...own(dir), ...lists.flatMap((l) => ['--list', l]), ...extra];
    }

    it('an archive two lines name is deleted only when both ask for it and both images are present; a factory reset says which run deleted it', async (t) => {
      await engine.wipe();
      const dir = fresh('shared');
      const [a, b] = shared.images as [BuiltArchive['images'][0], BuiltArchive['images'][0]];
      const lines = (bDelete: string) => [`${shared.file} adv/a:1 id=${a.imageId} delete=yes`, `${shared.file} adv/b:1 id=${b.imageId} delete=${bDelete}`];
      const l = writeListDir(join(dir, 'pkg'), lines('no'), { [shared.file]: shared.path });
      const archive = l.archivePath(shared.file);

      const first = await runCli(args(dir, [l.dir]), { timeoutMs: 300_000 });
      assertExit(first, 0);
      assert.ok(existsSync(archive), 'line 2 (delete=no) still needs the archive');
      t.diagnostic(warnings(first).join(' | '));
      assert.ok(warnings(first).some((w) => w.includes(`${archive} kept: ${l.listFile}:2 (adv/b:1) names it too and does not ask for delete-after-load`)), first.stderr);
      await engine.wipe(); // factory reset
      const restored = await runCli(args(dir, [l.dir], ['--reload']), { timeoutMs: 300_000 });
      assertExit(restored, 0);
      assert.ok((await engine.hasTag('adv/a:1')) && (await engine.hasTag('adv/b:1')), 'both restored from the kept archive');

      // Both lines ask: both images are present (this run or already), so the archive goes.
      writeFileSync(l.listFile, `${lines('yes').join('\n')}\n`);
      const both = await runCli(args(dir, [l.dir]), { timeoutMs: 300_000 });
      assertExit(both, 0);
      assert.equal(existsSync(archive), false, 'deleted once every line asked and every image was verified');
      assert.ok(both.logs.some((x) => logText(x).includes('archive deleted (delete-after-load)')), both.stderr);
      await engine.wipe();
      const reset = await runCli(args(dir, [l.dir], ['--reload']), { timeoutMs: 300_000 });
      assertExit(reset, 1);
      for (const line of [1, 2]) {
        t.diagnostic(assertOneError(reset, `${l.listFile}:${line}`, [archive, /was deleted by delete-after-load.* \(the run of \d{4}-\d\d-\d\dT[^,]+, boot [0-9a-f-]+, pid \d+: this boot\)/, 'cannot be restored', 'Reinstall the image package']));
      }
      assert.doesNotMatch(reset.stderr, /check the file name in the list/);
    });

    it('a FIFO as a package\'s image.list beside a good package: one line, the good one loads', async () => {
      await engine.wipe();
      const dir = fresh('fifo-pkg');
      writeListDir(join(dir, 'lists', 'a-good'), [`${good.file} adv/good:1`], { [good.file]: good.path });
      mkdirSync(join(dir, 'lists', 'b-fifo'), { recursive: true });
      mkfifo(join(dir, 'lists', 'b-fifo', 'image.list'));
      const r = await runCli(args(dir, [join(dir, 'lists')]), { timeoutMs: 120_000 });
      assertExit(r, 1);
      assertOneError(r, join(dir, 'lists', 'b-fifo', 'image.list'), ['cannot read list: not a regular file']);
      assert.ok(await engine.hasTag('adv/good:1'));
      assert.deepEqual(summaryOf(r), { ...summaryOf(r), loaded: 1, failed: 1 });
    });

    it('images/ a symlink to /: the whole list refused with one line, nothing opened, loaded or deleted', async (t) => {
      await engine.wipe();
      const dir = fresh('images-root');
      const outside = join(dir, 'outside');
      mkdirSync(outside);
      copyFileSync(good.path, join(outside, good.file));
      const pkg = join(dir, 'pkg');
      mkdirSync(pkg);
      symlinkSync('/', join(pkg, 'images'));
      const viaRoot = `${outside.slice(1)}/${good.file}`;
      writeFileSync(join(pkg, 'image.list'), `${viaRoot} adv/good:1 id=${good.imageId} delete=yes\netc/passwd adv/passwd:1\n`);
      const before = fingerprint(outside);
      const passwd = readFileSync('/etc/passwd');
      const r = await runCli(args(dir, [pkg], ['--delete-after-load']), { timeoutMs: 120_000 });
      assertExit(r, 1);
      t.diagnostic(assertOneError(r, join(pkg, 'image.list'), [`the images folder ${join(pkg, 'images')} resolves to /, outside the package folder ${pkg}`, 'the whole list is refused', 'Make images/ a real folder']));
      assert.equal(errorLogs(r).filter((x) => typeof x.loaded !== 'number').length, 1, 'one line for the whole list');
      assert.ok(!(await engine.hasTag('adv/good:1')), 'nothing loaded');
      assertUnchanged(before, outside);
      assert.deepEqual(readFileSync('/etc/passwd'), passwd);
    });

    it('ADV/name:1 is refused on its list line (no registry without a dot or port); the good line loads', async (t) => {
      await engine.wipe();
      const dir = fresh('upper');
      const l = writeListDir(join(dir, 'pkg'), [`${good.file} ADV/name:1`, `${good.file} adv/good:1`], { [good.file]: good.path });
      const r = await runCli(args(dir, [l.dir]), { timeoutMs: 120_000 });
      assertExit(r, 1);
      t.diagnostic(assertOneError(r, `${l.listFile}:1`, ['invalid reference "ADV/name:1": repository name must be lowercase', 'a registry name needs a dot or a port']));
      assert.doesNotMatch(r.stderr, /check the engine/);
      assert.ok(await engine.hasTag('adv/good:1'));
    });

    it('a package folder the daemon may not enter (EACCES): "permission denied", not "not a regular file"', async (t) => {
      await engine.wipe();
      const dir = fresh('eacces');
      writeListDir(join(dir, 'lists', 'a-good'), [`${good.file} adv/good:1`], { [good.file]: good.path });
      writeListDir(join(dir, 'lists', 'b-closed'), [`${good.file} adv/closed:1`], { [good.file]: good.path });
      chmodSync(join(dir, 'lists', 'b-closed'), 0o000);
      try {
        // Root passes any permission check; without these two capabilities it gets EACCES as anyone would.
        const r = await runCli(args(dir, [join(dir, 'lists')]), { timeoutMs: 120_000, prefix: ['setpriv', '--bounding-set', '-dac_override,-dac_read_search', '--'] });
        assertExit(r, 1);
        const line = assertOneError(r, join(dir, 'lists', 'b-closed', 'image.list'), ['cannot read list: permission denied (EACCES)']);
        assert.ok(!line.includes('not a regular file'), line);
        t.diagnostic(line);
        assert.ok(await engine.hasTag('adv/good:1'));
      } finally {
        chmodSync(join(dir, 'lists', 'b-closed'), 0o755);
      }
    });

    it('a lock held by another program: the wait and the timeout name it (flock, its pid), exit 4', async (t) => {
      const dir = fresh('foreign-lock');
      const l = writeListDir(join(dir, 'pkg'), [`${good.file} adv/good:1`], { [good.file]: good.path });
      const lock = join(dir, 'held.lock');
      const holder = await holdLock(lock);
      try {
        const r = await runCli(['--engine', kind, '--socket', engine.socketPath, '--list', l.dir, '--lock-file', lock, '--lock-timeout', '1', '--state-file', join(dir, 'state.json')], { timeoutMs: 120_000 });
        assertExit(r, 4);
        assert.ok(warnings(r).some((w) => w === `another program (flock, pid ${holder.pid}) holds ${lock}; waiting up to 1 s for it`), r.stderr);
        t.diagnostic(assertOneError(r, '', [`another program (flock, pid ${holder.pid}) still holds ${lock} after 1 s`]));
        assert.doesNotMatch(r.stderr, /pid \?/);
      } finally {
        holder.kill();
      }
    });
  });
}
