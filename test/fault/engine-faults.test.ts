// Fault matrix, cases 1-5, against real engines: the engine socket appears late or never,
// the engine is SIGKILLed in the middle of a load and restarted, the daemon gets SIGTERM or
// SIGKILL in the middle of a load, two runs at once. A ~200 MB incompressible image makes
// a load last seconds; a counting proxy in front of the engine tells when it has started.
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { runCli } from '../helpers/cli.js';
import { ENGINE_KINDS, startEngine, type TestEngine } from '../helpers/engines.js';
import {
  assertExit,
  assertHasHint,
  assertOneError,
  assertUnchanged,
  bigNoiseImage,
  fingerprint,
  logText,
  seconds,
  startCli,
  summaryOf,
  waitFor,
  type BigImage,
} from '../helpers/fault.js';
import { buildCompressedArchive, type BuiltArchive } from '../helpers/fixtures.js';
import { writeListDir, type ListDir } from '../helpers/lists.js';
import { startLoadCounter } from '../helpers/load-counter.js';

const SMALL_A = 'fault/small-a:1';
const SMALL_B = 'fault/small-b:1';

let root: string;
let big: BigImage;
let smallA: BuiltArchive;
let smallB: BuiltArchive;

before(async () => {
  root = mkdtempSync('/tmp/pd-fault-eng-');
  big = await bigNoiseImage(200);
  smallA = await buildCompressedArchive({ repoTags: [SMALL_A], files: { 'etc/a': 'a\n' }, outDir: join(root, 'fx'), fileName: 'a.tar' }, 'zstd');
  smallB = await buildCompressedArchive({ repoTags: [SMALL_B], files: { 'etc/b': 'b\n' }, outDir: join(root, 'fx'), fileName: 'b.tar' }, 'xz');
});
after(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** small-a (line 1), big (line 2), small-b (line 3) — or a subset, in that order. */
function list(which: ('a' | 'big' | 'b')[] = ['a', 'big', 'b']): ListDir {
  const files: Record<string, [string, string]> = {
    a: ['a.tar.zst', smallA.path],
    big: ['big.tar.zst', big.path],
    b: ['b.tar.xz', smallB.path],
  };
  const refs = { a: SMALL_A, big: big.repoTag, b: SMALL_B };
  return writeListDir(
    join(root, `l${++n}`),
    which.map((w) => `${files[w]![0]} ${refs[w]}`),
    Object.fromEntries(which.map((w) => files[w]!)),
  );
}

function args(kind: string, socket: string, l: ListDir, extra: string[] = []): string[] {
  return ['--engine', kind, '--socket', socket, '--lock-file', join(root, `lock-${n}`), '--list', l.dir, ...extra];
}

async function assertAllPresent(engine: TestEngine, refs: string[]): Promise<void> {
  for (const ref of refs) assert.ok(await engine.hasTag(ref), `${engine.kind}: ${ref} is not present; tags: ${(await engine.repoTags()).join(', ')}`);
}

/** A rerun converges: exit 0, everything present, nothing failed. */
async function rerunConverges(engine: TestEngine, l: ListDir, socket = engine.socketPath): Promise<void> {
  const r = await runCli(args(engine.kind, socket, l, ['--wait-engine', '60']), { timeoutMs: 300_000 });
  assertExit(r, 0);
  assert.equal(summaryOf(r).failed, 0);
  await assertAllPresent(engine, [SMALL_A, big.repoTag, SMALL_B]);
}

/** The big image is either absent or complete (its exact shipped ID): never a tag on a half image. */
async function assertNoPartialTag(engine: TestEngine): Promise<string> {
  const id = await engine.imageIdOf(big.repoTag);
  assert.ok(id === null || id === big.imageId, `${engine.kind}: ${big.repoTag} is tagged as ${id}, not the shipped ${big.imageId}`);
  return id === null ? 'absent' : 'present, complete';
}

/** Bytes of the regular files under DIR (0 if it does not exist). */
function dirBytes(dir: string): number {
  let total = 0;
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      try {
        const st = lstatSync(join(d, name));
        if (st.isDirectory()) walk(join(d, name));
        else if (st.isFile()) total += st.size;
      } catch {
        /* vanished */
      }
    }
  };
  walk(dir);
  return total;
}

/**
 * After dockerd was SIGKILLed and its containerd killed by stop(): wait until that containerd
 * is really gone (not a zombie) and drop its pid file, or the restarted dockerd waits for it.
 */
async function forgetContainerd(dir: string): Promise<void> {
  const pidFile = join(dir, 'x', 'containerd', 'containerd.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const gone = () => {
    try {
      return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return true;
    }
  };
  await waitFor(`containerd ${pid} to exit`, gone, 20_000).catch(() => {});
  rmSync(pidFile, { force: true });
}

for (const kind of ENGINE_KINDS) {
  describe(`engine faults against ${kind}`, { timeout: 30 * 60_000 }, () => {
    it('1a. engine socket absent at start, appearing after ~5 s: waits, then loads', { timeout: 300_000 }, async (t) => {
      const dir = mkdtempSync(`/tmp/pd-${kind[0]}-`);
      const socket = join(dir, 'sock');
      const l = list(['a', 'b']);
      const before = fingerprint(l.imagesDir);
      const live = startCli(args(kind, socket, l, ['--wait-engine', '60']), { timeoutMs: 180_000 });
      let engine: TestEngine | undefined;
      try {
        await sleep(5_000);
        assert.equal(live.child.exitCode, null, `the daemon did not wait: ${live.stderr()}`);
        const t0 = Date.now();
        engine = await startEngine(kind, { dir });
        t.diagnostic(`${kind} ready ${seconds(Date.now() - t0)} s after being started`);
        const r = await live.result;
        assertExit(r, 0);
        assert.ok(r.logs.some((x) => /waiting up to 60 s for the engine on .*sock \(the socket does not exist/.test(logText(x))), `no "waiting" line: ${r.stderr}`);
        assert.equal(summaryOf(r).loaded, 2);
        await assertAllPresent(engine, [SMALL_A, SMALL_B]);
        assertUnchanged(before, l.imagesDir);
        t.diagnostic(`daemon finished after ${seconds(r.durationMs)} s`);
      } finally {
        live.signal('SIGKILL');
        await engine?.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('1b. engine socket never appearing: exit 3 within --wait-engine + a few s, one line', async () => {
      const dir = mkdtempSync('/tmp/pd-fault-nosock-');
      try {
        const l = list(['a']);
        const before = fingerprint(l.imagesDir);
        const r = await runCli(args(kind, join(dir, 'sock'), l, ['--wait-engine', '5']), { timeoutMs: 60_000 });
        assertExit(r, 3);
        // The promise is --wait-engine (5 s), not the 60 s default; 5 s of headroom for node's
        // start on a loaded machine (measured: exit after ~5.2 s).
        assert.ok(r.durationMs < 5_000 + 5_000, `took ${seconds(r.durationMs)} s`);
        const line = assertOneError(r, '', [join(dir, 'sock'), 'within 5 s', 'does not exist']);
        assertHasHint(line);
        assertUnchanged(before, l.imagesDir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('2. engine SIGKILLed in the middle of a large load, then restarted: entry fails, next run converges', { timeout: 600_000 }, async (t) => {
      const dir = mkdtempSync(`/tmp/pd-${kind[0]}-`);
      let engine = await startEngine(kind, { dir, keepDir: true });
      try {
        const l = list();
        const before = fingerprint(l.imagesDir);
        // Straight to the engine (no proxy: the daemon must see the engine itself vanish).
        // Mid-load = the engine has staged > 20 MB of the upload under its TMPDIR.
        const live = startCli(args(kind, engine.socketPath, l, ['--wait-engine', '5']), { timeoutMs: 300_000 });
        await waitFor('the engine to receive part of the big upload', () => dirBytes(join(dir, 'tmp')) > 20 * 1024 * 1024, 120_000);
        process.kill(engine.pid, 'SIGKILL');
        const r = await live.result;
        assertExit(r, 1);
        const bigLine = assertOneError(r, `${l.listFile}:2`, [big.repoTag, 'big.tar.zst']);
        const bLine = assertOneError(r, `${l.listFile}:3`, [SMALL_B]);
        t.diagnostic(`big entry: ${bigLine}`);
        t.diagnostic(`next entry: ${bLine}`);
        assert.equal(summaryOf(r).loaded, 1);
        assertUnchanged(before, l.imagesDir);
        // Restart on the same store.
        await engine.stop(); // kills what is left (dockerd's containerd), keeps the store
        await forgetContainerd(dir);
        engine = await startEngine(kind, { dir });
        t.diagnostic(`after restart: big ${await assertNoPartialTag(engine)}`);
        await assertAllPresent(engine, [SMALL_A]);
        await rerunConverges(engine, l);
        assertUnchanged(before, l.imagesDir);
      } finally {
        await engine.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    describe('daemon interrupted', () => {
      let engine: TestEngine;
      before(async () => {
        engine = await startEngine(kind);
      });
      after(async () => engine?.stop());

      it('3. SIGTERM in the middle of a load: upload aborted, exit within 5 s, no partial tag, rerun converges', { timeout: 600_000 }, async (t) => {
        await engine.wipe();
        const proxy = await startLoadCounter(engine.socketPath);
        try {
          const l = list();
          const before = fingerprint(l.imagesDir);
          const live = startCli(args(kind, proxy.socketPath, l), { timeoutMs: 300_000 });
          await waitFor('the big load to start', () => proxy.loadCount >= 2, 120_000);
          await sleep(300);
          const t0 = Date.now();
          live.signal('SIGTERM');
          const r = await live.result;
          const exitMs = Date.now() - t0;
          t.diagnostic(`exit ${r.code} ${exitMs} ms after SIGTERM`);
          // The promise (docs/reliability.md, fault 3): a stop ends the run within 5 s. Measured
          // 20-100 ms; the rest is headroom for a loaded machine.
          assert.ok(exitMs < 5_000, `exit took ${exitMs} ms after SIGTERM`);
          assertExit(r, 1);
          // Bug 5 (see docs/reliability.md): depending on where the abort lands, the line says
          // "interrupted. The next run loads it" or just "…: SIGTERM" (no hint).
          const line = assertOneError(r, `${l.listFile}:2`, [big.repoTag, /interrupted|: SIGTERM$/]);
          t.diagnostic(`big entry: ${line.slice(l.dir.length + 1)}`);
          assert.ok(r.logs.some((x) => /stopped before 1 entries \(SIGTERM\)/.test(logText(x))), r.stderr);
          assert.equal(proxy.loadCount, 2, 'no load started after SIGTERM');
          await sleep(5_000); // let the engine finish whatever it was doing
          t.diagnostic(`big image after SIGTERM: ${await assertNoPartialTag(engine)}`);
          assertUnchanged(before, l.imagesDir);
          await rerunConverges(engine, l);
          assertUnchanged(before, l.imagesDir);
        } finally {
          await proxy.close();
        }
      });

      it('4. SIGKILL in the middle of a load (power cut): the stale lock does not block, rerun converges', { timeout: 600_000 }, async (t) => {
        await engine.wipe();
        const proxy = await startLoadCounter(engine.socketPath);
        try {
          const l = list();
          const lockFile = join(root, `lock-${n}`);
          const before = fingerprint(l.imagesDir);
          const live = startCli(args(kind, proxy.socketPath, l), { timeoutMs: 300_000 });
          await waitFor('the big load to start', () => proxy.loadCount >= 2, 120_000);
          await sleep(300);
          live.signal('SIGKILL');
          const r = await live.result;
          assert.equal(r.signal, 'SIGKILL');
          assert.ok(existsSync(lockFile), 'the killed run left its lock file');
          const stale = readFileSync(lockFile, 'utf8').trim();
          assert.match(stale, new RegExp(`^${live.pid} \\d+$`));
          await sleep(5_000);
          t.diagnostic(`big image after SIGKILL: ${await assertNoPartialTag(engine)}`);
          // The next run takes the stale lock over at once (a 600 s lock timeout would show).
          const r2 = await runCli(args(kind, engine.socketPath, l, ['--lock-timeout', '600']), { timeoutMs: 300_000 });
          assertExit(r2, 0);
          assert.ok(!r2.logs.some((x) => /another run/.test(logText(x))), `waited for a dead run: ${r2.stderr}`);
          await assertAllPresent(engine, [SMALL_A, big.repoTag, SMALL_B]);
          assert.ok(!existsSync(lockFile), 'the lock is released');
          assertUnchanged(before, l.imagesDir);
        } finally {
          await proxy.close();
        }
      });

      it('5. a normal run and a --reload at once, same lock: serialised, the second says it waits, both exit 0', { timeout: 600_000 }, async () => {
        await engine.wipe();
        const proxy = await startLoadCounter(engine.socketPath);
        try {
          const l = list();
          const before = fingerprint(l.imagesDir);
          const first = startCli(args(kind, proxy.socketPath, l), { timeoutMs: 400_000 });
          await waitFor('the first run to load', () => proxy.loadCount >= 2, 120_000);
          const second = startCli(args(kind, engine.socketPath, l, ['--reload']), { timeoutMs: 400_000 });
          const [r1, r2] = await Promise.all([first.result, second.result]);
          assertExit(r1, 0);
          assertExit(r2, 0);
          assert.ok(
            r2.logs.some((x) => logText(x).includes(`another run (pid ${first.pid}) is loading images; waiting up to 600 s`)),
            `the second run does not say it waits: ${r2.stderr}`,
          );
          assert.equal(summaryOf(r1).loaded, 3);
          assert.equal(summaryOf(r2).loaded, 3, 'the --reload run loaded every entry again');
          await assertAllPresent(engine, [SMALL_A, big.repoTag, SMALL_B]);
          assertUnchanged(before, l.imagesDir);
        } finally {
          await proxy.close();
        }
      });
    });
  });
}
