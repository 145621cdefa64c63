#!/usr/bin/env node
// What a load makes the engine write, on overlay storage as devices run it: bytes from the
// engine process's /proc/PID/io `wchar` (reaped children included) before and after each load.
// Two scenarios, each against the same archive POSTed whole (`zstd -dc | curl`, done here with
// the engine's own HTTP API):
//   update       app:1 present; app:2 = the same base + a new layer, packed by `pack`
//   shared base  5 images on one base, 5 separate pack archives, empty store (first boot)
//
//   npm run build && npm run build:test && node bench/engine-writes.mjs [--base-mib N] [--engines docker,podman]
//
// Bytes are counted, not timed: on this machine the writes land in the page cache, so time shows
// little of what slow eMMC pays; bytes written show all of it.
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
const ENGINES = arg('--engines', 'docker,podman').split(',');
const MiB = 1024 * 1024;

const wchar = (pid) => Number(/^wchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))[1]);

async function written(engine, action) {
  const before = wchar(engine.pid);
  await action();
  return wchar(engine.pid) - before;
}

function daemon(engine, kind, listDir, work) {
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
function pack(out, work, sources) {
  const r = spawnSync('node', [MAIN, 'pack', '--out', out, '--tmpdir', work, ...sources.map(([path, name]) => `docker-archive:${path}=${name}`)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pack: ${r.stderr}`);
  const lines = readFileSync(join(out, 'image.list'), 'utf8').split('\n').map((l) => l.trim().split(/\s+/));
  return sources.map(([, name]) => join(out, 'images', lines.find((l) => l[1] === name)[0]));
}

const work = mkdtempSync('/var/tmp/pd-writes-');
try {
  const base = { 'usr/lib/base.bin': noise(BASE_MIB * MiB, 'bench base') };
  const image = (tag, label, extraMiB) =>
    buildLayeredArchive({ images: [{ repoTags: [tag], layers: [base, { [`opt/${label}.bin`]: noise(extraMiB * MiB, label) }] }], outDir: join(work, 'src'), fileName: `${label}.tar` });
  const app1 = await image('bench/app:1', 'app1', 5);
  const app2 = await image('bench/app:2', 'app2', 5);
  const five = [];
  for (let i = 0; i < 5; i++) five.push(await image(`bench/svc${i}:1`, `svc${i}`, 2));
  const packed = join(work, 'packed');
  const [a1] = pack(join(packed, 'app1'), work, [[app1.path, 'bench/app:1']]);
  const [a2] = pack(join(packed, 'app2'), work, [[app2.path, 'bench/app:2']]);
  const svc = pack(join(packed, 'svc'), work, five.map((img, i) => [img.path, `bench/svc${i}:1`]));

  const rows = [];
  for (const kind of ENGINES) {
    // update: app:1 present, then app:2 by the daemon (thin) vs whole
    let engine = await startEngine(kind, { storage: 'overlay' });
    try {
      await whole(engine, a1);
      const state = join(work, `${kind}-update`);
      mkdirSync(state, { recursive: true });
      const thin = await written(engine, () => daemon(engine, kind, join(packed, 'app2'), state));
      await engine.removeImage('bench/app:2');
      const full = await written(engine, () => whole(engine, a2));
      rows.push({ kind, scenario: `update (${BASE_MIB} MiB base + 5 MiB)`, daemon: thin, whole: full });
    } finally {
      await engine.stop();
    }
    // shared base, first boot: 5 images, one base
    engine = await startEngine(kind, { storage: 'overlay' });
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
      const full = await written(engine, async () => {
        for (const file of svc) await whole(engine, file);
      });
      rows.push({ kind, scenario: `shared base, first boot (5 x (${BASE_MIB} MiB base + 2 MiB))`, daemon: thin, whole: full });
    } finally {
      await engine.stop();
    }
  }
  console.log('| engine | scenario | engine writes, daemon | engine writes, POSTed whole | ratio |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.kind} | ${r.scenario} | ${(r.daemon / MiB).toFixed(1)} MiB | ${(r.whole / MiB).toFixed(1)} MiB | ${(r.daemon / r.whole).toFixed(2)} |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
