// Fault matrix, case 7, against real engines: decompression bombs. 1 GiB of zeros (not an
// image: a ~35 KB zstd / ~160 KB xz file) goes through the daemon with a peak RSS of its process
// tree (decoder program included) ≤ 85 MB (the 80 MB budget plus headroom, see RSS_BOUND_MB) and
// is refused by the engine; archives whose decoder would need more memory than
// --max-decoder-memory (xz -9; zstd --long=30 / --ultra -22 --long=31) are refused before any
// allocation, with an error that names the cap. The good entry beside them still loads.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pipeline } from 'node:stream/promises';
import { RSS_BOUND_MB, runCli } from '../helpers/cli.js';
import { ENGINE_KINDS, startEngine, type TestEngine } from '../helpers/engines.js';
import { assertExit, assertHasHint, assertOneError, assertUnchanged, fingerprint, seconds, summaryOf } from '../helpers/fault.js';
import { buildCompressedArchive, buildDockerArchive, GiB, noise, type BuiltArchive } from '../helpers/fixtures.js';
import { writeListDir } from '../helpers/lists.js';
import { repoRoot } from '../helpers/paths.js';

const RSS_LIMIT_KB = RSS_BOUND_MB * 1024;

/** Run CMD ARGS with INPUT (a file, or N zero bytes) on stdin into OUT (atomically). */
async function compress(cmd: string, args: string[], input: string | number, out: string): Promise<void> {
  const tmp = `${out}.partial-${process.pid}`;
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const feed = async () => {
    if (typeof input === 'string') return pipeline(createReadStream(input), child.stdin);
    const zero = Buffer.alloc(1 << 20);
    for (let left = input; left > 0; left -= zero.length) {
      if (!child.stdin.write(left >= zero.length ? zero : zero.subarray(0, left))) await new Promise((r) => child.stdin.once('drain', r));
    }
    child.stdin.end();
  };
  await Promise.all([feed(), pipeline(child.stdout, createWriteStream(tmp))]);
  assert.equal(await exited, 0, `${cmd} ${args.join(' ')} failed`);
  renameSync(tmp, out);
}

/** 1 GiB of raw zeros, compressed; cached under .cache/fixtures (xz takes a while). */
async function rawZeros(codec: 'zstd' | 'xz'): Promise<string> {
  const dir = join(repoRoot(), '.cache', 'fixtures');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `fault-raw-zeros-1g.${codec === 'zstd' ? 'zst' : 'xz'}`);
  if (existsSync(out) && statSync(out).size > 0) return out;
  await compress(codec, codec === 'zstd' ? ['-q', '-3', '-c'] : ['-T0', '-6', '-c'], GiB, out);
  return out;
}

let root: string;
let goodA: BuiltArchive;
let plainTar: string;
const archives: Record<string, string> = {};

before(async () => {
  root = mkdtempSync('/tmp/pd-fault-bomb-');
  goodA = await buildCompressedArchive({ repoTags: ['fault/good-a:1'], files: { 'etc/a': 'a\n' }, outDir: join(root, 'fx'), fileName: 'good-a.tar' }, 'zstd');
  const built = await buildDockerArchive({ repoTags: ['fault/window:1'], files: { 'usr/share/blob': noise(512 * 1024, 'window') }, outDir: join(root, 'fx'), fileName: 'window.tar' });
  plainTar = built.path;
  archives['zeros.zst'] = await rawZeros('zstd');
  archives['zeros.xz'] = await rawZeros('xz');
  await compress('xz', ['-9', '-c'], plainTar, (archives['xz9.tar.xz'] = join(root, 'fx', 'xz9.tar.xz')));
  // From stdin the size is unknown, so zstd keeps the whole window in the frame header.
  await compress('zstd', ['-q', '--long=30', '-c'], plainTar, (archives['long30.tar.zst'] = join(root, 'fx', 'long30.tar.zst')));
  await compress('zstd', ['-q', '--ultra', '-22', '--long=31', '-c'], plainTar, (archives['long31.tar.zst'] = join(root, 'fx', 'long31.tar.zst')));
});
after(() => rmSync(root, { recursive: true, force: true }));

let n = 0;

for (const kind of ENGINE_KINDS) {
  describe(`decompression bombs against ${kind}`, { timeout: 20 * 60_000 }, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await startEngine(kind);
    });
    after(async () => engine?.stop());

    for (const codec of ['zstd', 'xz'] as const) {
      it(`1 GiB of zeros as ${codec} (not an image): refused by the engine, peak RSS ≤ 85 MB, bounded`, { timeout: 10 * 60_000 }, async (t) => {
        await engine.wipe();
        const file = codec === 'zstd' ? 'zeros.zst' : 'zeros.xz';
        const l = writeListDir(join(root, `l${++n}`), [`${file} fault/zeros:1`, 'good-a.tar.zst fault/good-a:1'], { [file]: archives[file]!, 'good-a.tar.zst': goodA.path });
        const before = fingerprint(l.imagesDir);
        const r = await runCli(['--engine', kind, '--socket', engine.socketPath, '--lock-file', join(root, `lock-${n}`), '--list', l.dir], { timeoutMs: 8 * 60_000, withoutCoverage: true });
        t.diagnostic(`${kind}/${codec}: exit ${r.code}, peak RSS ${r.peakRssKb} KiB, ${seconds(r.durationMs)} s`);
        assertExit(r, 1);
        const line = assertOneError(r, `${l.listFile}:1`, ['fault/zeros:1', file]);
        t.diagnostic(`error: ${line.slice(l.dir.length + 1)}`);
        assert.ok(r.peakRssKb !== null && r.peakRssKb <= RSS_LIMIT_KB, `peak RSS ${r.peakRssKb} KiB > ${RSS_LIMIT_KB} KiB`);
        assert.ok(await engine.hasTag('fault/good-a:1'));
        assert.ok(!(await engine.hasTag('fault/zeros:1')));
        assertUnchanged(before, l.imagesDir);
      });
    }

    it('decoder memory caps: xz -9 under --max-decoder-memory 8M; zstd --long=30 and --long=31 under the default 128M', async (t) => {
      await engine.wipe();
      const files = ['xz9.tar.xz', 'long30.tar.zst', 'long31.tar.zst'];
      const lines = [...files.map((f) => `${f} fault/window:1`), 'good-a.tar.zst fault/good-a:1'];
      // Each bad archive on its own list (the same name:tag may be listed once per run).
      const lists = files.map((f) => writeListDir(join(root, `l${++n}`), [`${f} fault/window:1`], { [f]: archives[f]! }));
      const good = writeListDir(join(root, `l${++n}`), [lines.at(-1)!], { 'good-a.tar.zst': goodA.path });
      const prints = lists.map((l) => fingerprint(l.imagesDir));
      const run = (l: string, extra: string[]) =>
        runCli(['--engine', kind, '--socket', engine.socketPath, '--lock-file', join(root, `lock-${n}`), '--list', l, '--list', good.dir, ...extra], { timeoutMs: 120_000, withoutCoverage: true });

      const xz = await run(lists[0]!.dir, ['--max-decoder-memory', '8M']);
      assertExit(xz, 1);
      const xzLine = assertOneError(xz, `${lists[0]!.listFile}:1`, ['(xz)', 'more xz decoder memory than the cap (8388608 bytes)', '--max-decoder-memory']);
      assertHasHint(xzLine);
      t.diagnostic(xzLine.slice(lists[0]!.dir.length + 1));
      for (const i of [1, 2]) {
        const r = await run(lists[i]!.dir, []);
        assertExit(r, 1);
        const line = assertOneError(r, `${lists[i]!.listFile}:1`, ['(zstd)', 'zstd window larger than the decoder memory cap (2^27 bytes)', '--max-decoder-memory']);
        t.diagnostic(line.slice(lists[i]!.dir.length + 1));
        assert.ok(r.peakRssKb !== null && r.peakRssKb <= RSS_LIMIT_KB, `peak RSS ${r.peakRssKb} KiB`);
      }
      assert.ok(await engine.hasTag('fault/good-a:1'));
      assert.ok(!(await engine.hasTag('fault/window:1')));
      lists.forEach((l, i) => assertUnchanged(prints[i]!, l.imagesDir));
      // With the cap raised the xz -9 archive loads: the refusal was the cap, not damage.
      const raised = await run(lists[0]!.dir, ['--max-decoder-memory', '128M']);
      assertExit(raised, 0);
      assert.ok(await engine.hasTag('fault/window:1'));
      assert.equal(summaryOf(raised).loaded, 1);
    });
  });
}
