#!/usr/bin/env node
// What a load makes the engine write, on overlay storage as devices run it: bytes from the
// engine process's /proc/PID/io `wchar` (reaped children included) before and after each load.
// Scenarios, each against the same archive POSTed whole (`zstd -dc | curl`, done here with
// the engine's own HTTP API):
//   update       app:1 present; app:2 = the same base + a new layer, packed by `pack`
//   shared base  5 images on one base, 5 separate pack archives, empty store (first boot)
//   large base   the update again on a --large-mib base (0: skipped), for the time ratio where
//                the engine's work dominates (packed at --level 3: the level changes nothing the
//                engine does, and -19 takes minutes on a large incompressible layer)
//
//   npm run build && npm run build:test && node bench/engine-writes.mjs [--base-mib N] [--large-mib N] [--rounds N] [--engines docker,podman]
//
// Bytes are what counts: on this machine the writes land in the page cache, so time shows
// little of what slow eMMC pays; bytes written show all of it. Times are printed too: the
// daemon's whole run (node start, lists, presence check, load, verify) against the POST alone,
// medians of --rounds rounds whose order alternates. wchar counts every write(2) of the engine
// and its children, pipes included (dockerd re-execs children to untar and apply layers and
// pipes the data to them): it overstates what reaches flash, alike for both sides.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HELPERS = join(ROOT, 'dist-test', 'test', 'helpers');
const MAIN = join(ROOT, 'dist', 'preload-daemon.cjs');
const { startEngine } = await import(pathToFileURL(join(HELPERS, 'engines.js')).href);
const { buildLayeredArchive, noise } = await import(pathToFileURL(join(HELPERS, 'fixtures.js')).href);

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : process.argv[i + 1];
};
const BASE_MIB = Number(arg('--base-mib', '60'));
const LARGE_MIB = Number(arg('--large-mib', '0'));
const ROUNDS = Math.max(1, Number(arg('--rounds', '1')));
const ENGINES = arg('--engines', 'docker,podman').split(',');
const MiB = 1024 * 1024;

const wchar = (pid) => Number(/^wchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))[1]);

/** Bytes the engine wrote during ACTION, and its seconds. */
async function written(engine, action) {
  const before = wchar(engine.pid);
  const t0 = process.hrtime.bigint();
  await action();
  return { bytes: wchar(engine.pid) - before, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

async function daemon(engine, kind, listDir, work) {
  const r = spawnSync('node', [MAIN, '--engine', kind, '--socket', engine.socketPath, '--list', listDir, '--state-file', join(work, 'state.json'), '--lock-file', join(work, 'lock'), '-q'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`daemon exit ${r.status}: ${r.stderr}`);
}

/** The ordinary way: the archive decoded and POSTed whole. */
async function whole(engine, archive) {
  const child = spawn('zstd', ['-dc', archive], { stdio: ['ignore', 'pipe', 'inherit'] });
  const r = await engine.load(child.stdout);
  if (r.status !== 200) throw new Error(`load: ${r.status} ${r.body}`);
}

/** `pack --out OUT` of SOURCES (path=name each); the archive files, in order. */
function pack(out, work, sources, extra = []) {
  const r = spawnSync('node', [MAIN, 'pack', '--out', out, '--tmpdir', work, ...extra, ...sources.map(([path, name]) => `docker-archive:${path}=${name}`)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pack: ${r.stderr}`);
  const lines = readFileSync(join(out, 'image.list'), 'utf8').split('\n').map((l) => l.trim().split(/\s+/));
  return sources.map(([, name]) => join(out, 'images', lines.find((l) => l[1] === name)[0]));
}

/**
 * app:1 present, then app:2 by the daemon (thin) and POSTed whole, ROUNDS rounds in alternating
 * order, each on a fresh engine: the medians of bytes and seconds.
 */
async function update(kind, first, second, listDir, work, label) {
  const daemonRuns = [];
  const wholeRuns = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ['daemon', 'whole'] : ['whole', 'daemon'];
    for (const method of order) {
      const engine = await startEngine(kind, { storage: 'overlay' });
      try {
        await whole(engine, first);
        const state = join(work, `${kind}-${label}-${round}-${method}`);
        mkdirSync(state, { recursive: true });
        if (method === 'daemon') daemonRuns.push(await written(engine, () => daemon(engine, kind, listDir, state)));
        else wholeRuns.push(await written(engine, () => whole(engine, second)));
      } finally {
        await engine.stop();
      }
    }
  }
  const pick = (runs) => ({ bytes: median(runs.map((r) => r.bytes)), seconds: median(runs.map((r) => r.seconds)) });
  return { daemon: pick(daemonRuns), whole: pick(wholeRuns) };
}

const work = mkdtempSync('/var/tmp/pd-writes-');
try {
  const base = { 'usr/lib/base.bin': noise(BASE_MIB * MiB, 'bench base') };
  const image = (tag, label, extraMiB, layer = base) =>
    buildLayeredArchive({ images: [{ repoTags: [tag], layers: [layer, { [`opt/${label}.bin`]: noise(extraMiB * MiB, label) }] }], outDir: join(work, 'src'), fileName: `${label}.tar` });
  const app1 = await image('bench/app:1', 'app1', 5);
  const app2 = await image('bench/app:2', 'app2', 5);
  const five = [];
  for (let i = 0; i < 5; i++) five.push(await image(`bench/svc${i}:1`, `svc${i}`, 2));
  const packed = join(work, 'packed');
  const [a1] = pack(join(packed, 'app1'), work, [[app1.path, 'bench/app:1']]);
  const [a2] = pack(join(packed, 'app2'), work, [[app2.path, 'bench/app:2']]);
  const svc = pack(join(packed, 'svc'), work, five.map((img, i) => [img.path, `bench/svc${i}:1`]));
  let large;
  if (LARGE_MIB > 0) {
    const largeBase = { 'usr/lib/large.bin': noise(LARGE_MIB * MiB, 'bench large base') };
    const l1 = await image('bench/big:1', 'big1', 5, largeBase);
    const l2 = await image('bench/big:2', 'big2', 5, largeBase);
    const [b1] = pack(join(packed, 'big1'), work, [[l1.path, 'bench/big:1']], ['--level', '3']);
    const [b2] = pack(join(packed, 'big2'), work, [[l2.path, 'bench/big:2']], ['--level', '3']);
    large = { b1, b2 };
  }

  const rows = [];
  for (const kind of ENGINES) {
    const up = await update(kind, a1, a2, join(packed, 'app2'), work, 'update');
    rows.push({ kind, scenario: `update (${BASE_MIB} MiB base + 5 MiB)`, ...up });
    if (large) {
      const big = await update(kind, large.b1, large.b2, join(packed, 'big2'), work, 'large');
      rows.push({ kind, scenario: `update, large base (${LARGE_MIB} MiB base + 5 MiB)`, ...big });
    }
    // shared base, first boot: 5 images, one base
    let engine = await startEngine(kind, { storage: 'overlay' });
    let thin;
    try {
      const state = join(work, `${kind}-shared`);
      mkdirSync(state, { recursive: true });
      thin = await written(engine, () => daemon(engine, kind, join(packed, 'svc'), state));
    } finally {
      await engine.stop();
    }
    engine = await startEngine(kind, { storage: 'overlay' });
    try {
      const each = [];
      for (const file of svc) each.push(await written(engine, () => whole(engine, file)));
      const full = { bytes: each.reduce((sum, r) => sum + r.bytes, 0), seconds: each.reduce((sum, r) => sum + r.seconds, 0) };
      rows.push({ kind, scenario: `shared base, first boot (5 x (${BASE_MIB} MiB base + 2 MiB))`, daemon: thin, whole: full });
      // No loader can write less than the engine does to load the base once: the first of the
      // five POSTed whole is that floor.
      rows.push({ kind, scenario: '  the floor: the first of the five POSTed whole (the base once)', daemon: each[0], whole: full });
    } finally {
      await engine.stop();
    }
  }
  console.log('| engine | scenario | engine writes, daemon | engine writes, POSTed whole | ratio | seconds, daemon | seconds, POSTed whole | time ratio |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.kind} | ${r.scenario} | ${(r.daemon.bytes / MiB).toFixed(1)} MiB | ${(r.whole.bytes / MiB).toFixed(1)} MiB | ${(r.daemon.bytes / r.whole.bytes).toFixed(2)} | ` +
        `${r.daemon.seconds.toFixed(2)} | ${r.whole.seconds.toFixed(2)} | ${(r.daemon.seconds / r.whole.seconds).toFixed(2)} |`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
