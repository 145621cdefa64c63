#!/usr/bin/env node
// preload-daemon benchmark: the daemon against the shell pipelines it replaces, side by side in one run.
//
//   npm run build && npm run build:test && node bench/run.mjs [--quick] [options]
//
//   --quick             tiny images only, 1 run each (< 2 min; CI checks that it runs, not its numbers)
//   --runs N            measured runs per method (default 3; warm boot uses max(N, 5))
//   --only LIST         sections to run, comma-separated: startup,warm,cold,memory,pack,jobs,generator,list,update,bundle,writes
//   --engines LIST      docker,podman (default both)
//   --out DIR           where results.md / results.json go (default bench/results; --quick: .cache/bench/quick-results)
//   --bundle-level N    pack the bundle section at zstd level N (default: pack's 19, ≈ 50 min)
//   --render            only re-write results.md from the results.json in --out
//
// Every measurement runs on a private engine (test/helpers/engines startEngine) that is started fresh for
// that measurement and stopped after it, so each load goes into an empty, never-wiped data root (measured on
// Docker: loads into a data root right after deleting thousands of files from it are 2-3x slower, ext4
// inode allocation; 3.9 s fresh, 10-15 s after wipes). Methods are interleaved (the order rotates every round), and
// ratios are computed per round (daemon / other in the same round), then the median is taken. The machine is
// shared and noisy: read the ratios, not the seconds. Nothing here is a pass/fail test.
//
// The workload is built once and cached under .cache/bench/ (see README.md beside this file).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HELPERS = join(ROOT, 'dist-test', 'test', 'helpers');
const MAIN = join(ROOT, 'dist', 'preload-daemon.cjs');
const CACHE = join(ROOT, '.cache', 'bench');
for (const f of [MAIN, join(HELPERS, 'engines.js')]) {
  if (!existsSync(f)) {
    console.error(`bench: ${f} is missing; run \`npm run build && npm run build:test\` first`);
    process.exit(2);
  }
}
const { startEngine } = await import(pathToFileURL(join(HELPERS, 'engines.js')).href);
const { withLoadCounter } = await import(pathToFileURL(join(HELPERS, 'load-counter.js')).href);
const fixtures = await import(pathToFileURL(join(HELPERS, 'fixtures.js')).href);
const quadlet = await import(pathToFileURL(join(HELPERS, 'quadlet-device.js')).href);
const RSS_HOOK = pathToFileURL(join(HELPERS, 'report-rss.js')).href;

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const QUICK = argv.includes('--quick');
const RUNS = Number(opt('--runs', QUICK ? 1 : 3));
const ENGINES = opt('--engines', 'docker,podman').split(',');
const SECTIONS = new Set(opt('--only', 'startup,warm,cold,memory,pack,jobs,generator,list,update,bundle,writes').split(','));
const OUT = resolve(opt('--out', QUICK ? join(CACHE, 'quick-results') : join(ROOT, 'bench', 'results')));
const BUNDLE_LEVEL = opt('--bundle-level', undefined);
const SMALL_COUNT = QUICK ? 5 : 20;
/** The Quadlet generator runs at every boot before any unit: a few ms of CPU on a busy device. */
const GENERATOR_TARGET_CPU_MS = 25;
/** Parsing and merging a 10,000-line list (ISAR images with many tags) once, cold, as a boot does. */
const LIST_TARGET_MS = 1000;
const MANY_COUNT = QUICK ? 10 : 100;

const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sec = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(ms < 1000 ? 3 : 2) : 'n/a');
const fmtRatio = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : 'n/a');
const mb = (kb) => (Number.isFinite(kb) ? (kb / 1024).toFixed(1) : 'n/a');
const cell = (text) => String(text).replace(/\|/g, '\\|');

// ---------------------------------------------------------------- processes
/** Run a command, wall time in ms; never throws (the result says ok/false). */
function timed(cmd, args, { env = process.env, cwd = CACHE, timeoutMs = 900_000 } = {}) {
  return new Promise((resolveRun) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      resolveRun({ ms: NaN, code: -1, ok: false, stderr: err.message });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      resolveRun({ ms, code, ok: code === 0, stderr });
    });
  });
}

function cleanEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  // Reading an extra CA bundle costs every node start ~35 ms of CPU; a device has none, and
  // nothing here speaks TLS.
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.CONTAINER_HOST;
  if (!('DOCKER_HOST' in extra)) delete env.DOCKER_HOST;
  return env;
}

/** The engine's CLI as a shell prefix plus its environment. */
function engineCli(engine) {
  if (engine.kind === 'docker') return { cli: 'docker', env: cleanEnv({ DOCKER_HOST: `unix://${engine.socketPath}` }) };
  return { cli: `podman --remote --url unix://${engine.socketPath}`, env: cleanEnv() };
}

function shell(engine, script) {
  const { cli, env } = engineCli(engine);
  return timed('bash', ['-c', `set -o pipefail\nENGINE="${cli}"\n${script}`], { env });
}

/** The daemon, as systemd would run it, with private lock/state/config; peak RSS via the test hook. */
async function daemon(engine, listDir, extraArgs = [], { rss = true, rchar = false } = {}) {
  const tmp = mkdtempSync('/tmp/pd-bench-');
  writeFileSync(join(tmp, 'config.json'), '{}\n');
  const args = [
    ...(rss ? ['--import', RSS_HOOK] : []),
    MAIN,
    '--list', listDir,
    '--socket', engine.socketPath,
    '--lock-file', join(tmp, 'lock'),
    '--state-file', join(tmp, 'state.json'),
    '--config', join(tmp, 'config.json'),
    ...extraArgs,
  ];
  // MALLOC_ARENA_MAX=1: what /usr/bin/preload-daemon sets (debian/preload-daemon.sh).
  const env = cleanEnv({ PRELOAD_TEST_RSS_FILE: join(tmp, 'rss'), MALLOC_ARENA_MAX: '1' });
  // rchar: bytes the daemon's process tree read, from /proc/PID/io of the shell that waited for it (reaped children count).
  const r = rchar
    ? await timed('sh', ['-c', '"$@"; s=$?; grep "^rchar" /proc/$$/io >&2; exit $s', 'sh', process.execPath, ...args], { env, cwd: tmp })
    : await timed(process.execPath, args, { env, cwd: tmp });
  if (rchar) r.rchar = Number(/^rchar: (\d+)$/m.exec(r.stderr)?.[1]);
  if (rss && existsSync(join(tmp, 'rss'))) r.rssKb = Number(readFileSync(join(tmp, 'rss'), 'utf8').trim());
  rmSync(tmp, { recursive: true, force: true });
  return r;
}

// ---------------------------------------------------------------- workload
function sh(cmd, args, cwd = CACHE) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout.toString();
}

/** pack SOURCES into CACHE/pkg/NAME (cached: image.list + .done). Returns {dir, entries:[{file, ref}]}. */
function packed(name, sources, packArgs) {
  const dir = join(CACHE, 'pkg', name);
  if (!existsSync(join(dir, '.done'))) {
    rmSync(dir, { recursive: true, force: true });
    log(`pack ${name} (${packArgs.join(' ')}) …`);
    const t0 = Date.now();
    sh(process.execPath, [MAIN, 'pack', '--out', dir, '--log-level', 'warn', ...packArgs, ...sources]);
    writeFileSync(join(dir, '.done'), `${Date.now() - t0} ms\n`);
  }
  return { dir, entries: listEntries(dir) };
}

function listEntries(dir) {
  return readFileSync(join(dir, 'image.list'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [file, ref] = l.trim().split(/\s+/);
      return { file, ref, path: join(dir, 'images', file), line: l };
    });
}

/** A list folder holding only ENTRIES (hard links to the packed archives). */
function listDirOf(name, entries) {
  const dir = join(CACHE, 'lists', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'images'), { recursive: true });
  for (const e of entries) linkSync(e.path, join(dir, 'images', e.file));
  writeFileSync(join(dir, 'image.list'), entries.map((e) => e.line).join('\n') + '\n');
  return { dir, entries: entries.map((e) => ({ ...e, path: join(dir, 'images', e.file) })) };
}

async function buildWorkload() {
  const src = join(CACHE, 'src');
  mkdirSync(src, { recursive: true });
  const tiny = join(src, 'tiny.tar');
  if (!existsSync(tiny)) {
    await fixtures.buildDockerArchive({
      outDir: src, fileName: 'tiny.tar', repoTags: ['bench.local/tiny:1'],
      files: { 'bin/app': fixtures.noise(64 * 1024, 'tiny'), 'etc/app.conf': 'hello\n' },
    });
  }
  const small = [];
  for (let i = 1; i <= 20; i++) {
    const n = String(i).padStart(2, '0');
    const p = join(src, `small-${n}.tar`);
    if (!existsSync(p)) {
      await fixtures.buildDockerArchive({
        outDir: src, fileName: `small-${n}.tar`, repoTags: [`bench.local/small-${n}:1`], layers: 2,
        files: { 'bin/app': fixtures.noise(256 * 1024, `small-${n}`), 'usr/share/doc/app/README': 'text\n'.repeat(20_000) },
      });
    }
    small.push(p);
  }
  // Many tiny, distinct images (one 16 KiB layer each): the warm boot of a long list.
  const many = [];
  for (let i = 1; i <= MANY_COUNT; i++) {
    const n = String(i).padStart(3, '0');
    const p = join(src, `many-${n}.tar`);
    if (!existsSync(p)) {
      await fixtures.buildDockerArchive({ outDir: src, fileName: `many-${n}.tar`, repoTags: [`bench.local/many-${n}:1`], files: { 'bin/app': fixtures.noise(16 * 1024, `many-${n}`) } });
    }
    many.push(`docker-archive:${p}`);
  }
  const w = { src, codecs: {} };
  w.many = packed(`many${MANY_COUNT}`, many, ['--level', '3']);
  const tinySrc = `docker-archive:${tiny}`;
  const smallSrc = small.slice(0, SMALL_COUNT).map((p) => `docker-archive:${p}`);
  const sfx = QUICK ? '-quick' : '';
  if (QUICK) {
    w.zstd = packed(`zstd3${sfx}`, [tinySrc, ...smallSrc], ['--level', '3']);
    w.codecs.none = packed(`none${sfx}`, [tinySrc], ['--compression', 'none']);
    w.codecs.xz = packed(`xz${sfx}`, [tinySrc], ['--compression', 'xz']);
    w.codecs.gzip = packed(`gzip6${sfx}`, [tinySrc], ['--compression', 'gzip', '--level', '6']);
  } else {
    const large = join(CACHE, 'large.tar');
    const multi = join(CACHE, 'multi.tar');
    if (!existsSync(large) || !existsSync(multi)) {
      log('building the large and multi-layer images (bench/build-images.sh: debootstrap + podman import/build/save) …');
      const r = spawnSync('bash', [join(ROOT, 'bench', 'build-images.sh')], { stdio: ['ignore', 2, 2] });
      if (r.status !== 0) throw new Error(`bench/build-images.sh failed (${r.status})`);
    }
    const big = [`docker-archive:${large}`, `docker-archive:${multi}`];
    w.zstd = packed('zstd3', [...big, tinySrc, ...smallSrc], ['--level', '3']);
    w.codecs.none = packed('none', [`docker-archive:${large}`, tinySrc], ['--compression', 'none']);
    w.codecs.xz = packed('xz6', [`docker-archive:${large}`, tinySrc], ['--compression', 'xz']);
    w.codecs.gzip = packed('gzip6', [`docker-archive:${large}`, tinySrc], ['--compression', 'gzip', '--level', '6']);
    w.large = large;
  }
  w.codecs.zstd = w.zstd;
  const pick = (pkg, re) => pkg.entries.filter((e) => re.test(e.ref));
  w.tinyRef = 'bench.local/tiny:1';
  w.bigRef = QUICK ? w.tinyRef : 'bench.local/deb:large';
  w.smallEntries = pick(w.zstd, /small-/);
  w.manyEntries = w.many.entries;
  w.bigPair = QUICK ? pick(w.zstd, /tiny|small-01/) : [...pick(w.zstd, /deb:large$/), ...pick(w.zstd, /deb:multi$/)];
  w.sizes = {};
  for (const [codec, pkg] of Object.entries(w.codecs)) for (const e of pkg.entries) w.sizes[`${e.ref} ${codec}`] = statSync(e.path).size;
  return w;
}

// ---------------------------------------------------------------- measurement
const results = { meta: {}, sections: {} };

/** Fresh engine → run → verify REFS present → stop. */
async function onFreshEngine(kind, refs, run, prepare) {
  const engine = await startEngine(kind);
  try {
    if (prepare) await prepare(engine);
    const r = await run(engine);
    if (r.ok) {
      for (const ref of refs) {
        if (!(await engine.hasTag(ref))) {
          r.ok = false;
          r.stderr = `${ref} not present after the run. ${r.stderr ?? ''}`;
        }
      }
    }
    return r;
  } finally {
    await engine.stop();
  }
}

/**
 * Interleaved rounds: every round runs every method once, in an order rotated by the round number.
 * METHODS: [{name, run(engine) → result, refs, prepare?}]; fresh engine per measurement unless shared.
 */
async function rounds(kind, label, methods, runs, { shared } = {}) {
  const per = Object.fromEntries(methods.map((m) => [m.name, []]));
  for (let round = 0; round < runs; round++) {
    const order = methods.map((_, i) => methods[(i + round) % methods.length]);
    for (const m of order) {
      const r = shared ? await m.run(shared) : await onFreshEngine(kind, m.refs ?? [], m.run, m.prepare);
      r.round = round;
      per[m.name].push(r);
      log(`${kind} ${label} [${round + 1}/${runs}] ${m.name}: ${sec(r.ms)} s${r.rssKb ? ` rss ${mb(r.rssKb)} MB` : ''}${r.ok ? '' : ` FAILED (${r.code}): ${String(r.stderr).trim().split('\n').slice(-2).join(' | ')}`}`);
    }
  }
  return summarize(per, methods[0].name, Object.fromEntries(methods.filter((m) => m.vs).map((m) => [m.name, m.vs])));
}

/** Per method: median/min/max; ratio = median over rounds of (reference method / this method) per round. */
function summarize(per, reference, vs = {}) {
  const out = {};
  for (const [name, rs] of Object.entries(per)) {
    const good = rs.filter((r) => r.ok);
    const ratios = rs.map((r) => {
      const ref = per[vs[name] ?? reference].find((x) => x.round === r.round);
      // Rows of the daemon itself paired with another method: daemon ÷ that method.
      const daemonRow = name.startsWith('preload-daemon') && vs[name] !== undefined;
      return ref?.ok && r.ok ? (daemonRow ? r.ms / ref.ms : ref.ms / r.ms) : NaN;
    });
    out[name] = {
      runs: rs.length,
      failed: rs.length - good.length,
      medianMs: median(good.map((r) => r.ms)),
      minMs: Math.min(...good.map((r) => r.ms)),
      maxMs: Math.max(...good.map((r) => r.ms)),
      /** daemon time ÷ this method's time (paired per round, median): < 1 means the daemon is faster. */
      daemonOverThis: median(ratios),
      ratioOf: vs[name] ?? reference,
      rssKb: rs.some((r) => r.rssKb) ? Math.max(...rs.map((r) => r.rssKb ?? 0)) : undefined,
      samplesMs: rs.map((r) => (r.ok ? Math.round(r.ms) : null)),
      errors: rs.filter((r) => !r.ok).map((r) => String(r.stderr).trim().slice(-300)),
    };
  }
  return out;
}

const ISAR_LOOP = (decoder) => `cd "$LIST"
while read -r archive ref _; do
  case "$archive" in ''|'#'*) continue ;; esac
  if [ -z "$($ENGINE images -q "$ref")" ]; then ${decoder} "images/$archive" | $ENGINE load >/dev/null; fi
done < image.list`;

async function sectionStartup(kind) {
  const engine = await startEngine(kind);
  try {
    const methods = [
      { name: 'preload-daemon --version', run: () => timed(process.execPath, [MAIN, '--version'], { env: cleanEnv() }) },
      { name: 'node -e 0', run: () => timed(process.execPath, ['-e', '0'], { env: cleanEnv() }) },
      { name: `${kind} --version (CLI)`, run: (e) => shell(e, '$ENGINE --version >/dev/null') },
    ];
    return await rounds(kind, 'startup', methods, Math.max(RUNS, 5), { shared: engine });
  } finally {
    await engine.stop();
  }
}

async function sectionWarm(kind, w, entries, name) {
  const list = listDirOf(`${name}-${kind}`, entries);
  const engine = await startEngine(kind);
  try {
    const first = await daemon(engine, list.dir);
    if (!first.ok) throw new Error(`${name}: initial load failed: ${first.stderr}`);
    const verify = async (r) => {
      for (const e of list.entries) if (!(await engine.hasTag(e.ref))) r.ok = false;
      return r;
    };
    const daemonName = `preload-daemon (${list.entries.length} present)`;
    const methods = [
      { name: daemonName, run: async (e) => verify(await daemon(e, list.dir, [], { rss: false })) },
      { name: 'node -e 0', run: () => timed(process.execPath, ['-e', '0'], { env: cleanEnv() }) },
      { name: `ISAR shell loop (\`${kind} images -q\` ×${list.entries.length})`, run: async (e) => verify(await shell(e, `LIST=${list.dir}\n${ISAR_LOOP('pzstd -q -dc')}`)) },
    ];
    const out = await rounds(kind, name, methods, Math.max(RUNS, 5), { shared: engine });
    await countWarmRequests(kind, engine, list, name);
    // The 20-image target is absolute: the daemon's time beyond a bare node start, paired per round.
    const node = out['node -e 0'].samplesMs;
    out[daemonName].overNodeMs = median(out[daemonName].samplesMs.map((ms, i) => (ms === null || node[i] === null ? NaN : ms - node[i])));
    return out;
  } finally {
    await engine.stop();
  }
}

/**
 * Requests one warm boot sends, counted through a proxy on the engine socket: with the list's own
 * names and with the same images listed under `docker.io/…` (tagged so first). The fast path is
 * `_ping` plus one filtered image list per 100 names (Docker, Podman 5); Podman 4 asks one inspect
 * per entry. Printed, so a change that loses the fast path shows here.
 */
async function countWarmRequests(kind, engine, list, name) {
  const qualified = list.entries.map((e) => ({ ...e, ref: `docker.io/benchorg/${e.ref.split('/').pop()}` }));
  for (const [e, q] of list.entries.map((e, i) => [e, qualified[i]])) {
    const colon = q.ref.lastIndexOf(':');
    const r = await engine.request('POST', `/images/${e.ref}/tag?repo=${encodeURIComponent(q.ref.slice(0, colon))}&tag=${q.ref.slice(colon + 1)}`);
    if (r.status >= 300) throw new Error(`${name}: tagging ${e.ref} as ${q.ref}: ${r.status} ${r.body}`);
  }
  const qualifiedList = listDirOf(`${name}-${kind}-qualified`, qualified.map((q, i) => ({ ...list.entries[i], line: list.entries[i].line.replace(list.entries[i].ref, q.ref) })));
  const counts = {};
  for (const [label, dir] of [[list.entries[0].ref.replace(/\/[^/]*$/, '/…'), list.dir], ['docker.io/benchorg/…', qualifiedList.dir]]) {
    counts[label] = await withLoadCounter(engine.socketPath, async (counter) => {
      const r = await daemon({ socketPath: counter.socketPath }, dir, [], { rss: false });
      if (!r.ok) throw new Error(`${name}: counted warm run failed: ${r.stderr}`);
      if (counter.loadCount > 0) throw new Error(`${name}: the counted warm run loaded ${counter.loadCount} archives`);
      return counter.requests.length;
    });
  }
  log(`${name} ${kind}: a warm boot of ${list.entries.length} present images made ${Object.entries(counts).map(([label, n]) => `${n} requests (names ${label})`).join(', ')}`);
  ((results.sections.warmRequests ??= {})[name] ??= {})[kind] = { entries: list.entries.length, ...counts };
}

async function sectionCold(kind, w, ref) {
  const entry = (codec) => w.codecs[codec].entries.find((e) => e.ref === ref);
  const listFor = (codec) => listDirOf(`cold-${kind}-${codec}-${basename(ref).replace(/[^a-z0-9]/gi, '_')}`, [entry(codec)]);
  const lists = { zstd: listFor('zstd'), xz: listFor('xz'), gzip: listFor('gzip') };
  const f = { zstd: entry('zstd').path, xz: entry('xz').path, gzip: entry('gzip').path, none: entry('none').path };
  const refs = [ref];
  const load = (decoder, file) => (e) => shell(e, `${decoder} ${file} | $ENGINE load >/dev/null`);
  const methods = [
    { name: 'preload-daemon (zstd)', refs, run: (e) => daemon(e, lists.zstd.dir) },
    { name: 'POST plain tar (curl -T -)', refs, run: (e) => shell(e, `curl -sS --fail --unix-socket ${e.socketPath} -X POST -H 'Content-Type: application/x-tar' -T - -o /dev/null 'http://engine/images/load?quiet=1' < ${f.none}`) },
    { name: `zstd -dc | ${kind} load`, refs, run: load('zstd -q -dc', f.zstd) },
    { name: `pzstd -dc | ${kind} load`, refs, run: load('pzstd -q -dc', f.zstd) },
    kind === 'docker'
      ? { name: 'docker load -i F.tar.gz (engine gunzips)', refs, run: (e) => shell(e, `$ENGINE load -i ${f.gzip} >/dev/null`) }
      : { name: 'podman load -i F.tar.zst (engine unzstds)', refs, run: (e) => shell(e, `$ENGINE load -i ${f.zstd} >/dev/null`) },
    { name: 'preload-daemon (xz)', refs, run: (e) => daemon(e, lists.xz.dir) },
    { name: `xz -dc -T0 | ${kind} load`, refs, run: load('xz -dc -T0', f.xz) },
    { name: 'preload-daemon (gzip)', refs, run: (e) => daemon(e, lists.gzip.dir) },
    { name: `pigz -dc | ${kind} load`, refs, run: load('pigz -dc', f.gzip) },
  ];
  // Each row's ratio pairs it with the daemon on the same codec; the daemon rows pair with the plain-tar POST.
  const vs = { 'preload-daemon (zstd)': 'POST plain tar (curl -T -)', 'preload-daemon (xz)': 'POST plain tar (curl -T -)', 'preload-daemon (gzip)': 'POST plain tar (curl -T -)',
    [`xz -dc -T0 | ${kind} load`]: 'preload-daemon (xz)', [`pigz -dc | ${kind} load`]: 'preload-daemon (gzip)', 'docker load -i F.tar.gz (engine gunzips)': 'preload-daemon (gzip)' };
  for (const m of methods) m.vs = vs[m.name] ?? 'preload-daemon (zstd)';
  const out = await rounds(kind, `cold ${ref}`, methods, RUNS);
  return out;
}

async function sectionMemory(kind, w) {
  const out = {};
  const cases = [['tiny', w.zstd.entries.find((e) => e.ref === w.tinyRef)]];
  if (!QUICK) {
    cases.push(['large (zstd -3)', w.zstd.entries.find((e) => e.ref === w.bigRef)]);
    cases.push(['large (xz -6)', w.codecs.xz.entries.find((e) => e.ref === w.bigRef)]);
    cases.push(['large (gzip -6)', w.codecs.gzip.entries.find((e) => e.ref === w.bigRef)]);
    for (const codec of ['zstd', 'xz', 'gzip']) {
      const bomb = await fixtures.zeroBombArchive(fixtures.GiB, codec);
      const dir = join(CACHE, 'pkg', `zeros-${codec}`);
      mkdirSync(join(dir, 'images'), { recursive: true });
      const file = basename(bomb.path);
      if (!existsSync(join(dir, 'images', file))) linkSync(bomb.path, join(dir, 'images', file));
      writeFileSync(join(dir, 'image.list'), `${file} ${bomb.repoTag}\n`);
      cases.push([`1 GiB of zeros (${codec})`, listEntries(dir)[0]]);
    }
  }
  for (const [label, entry] of cases) {
    const list = listDirOf(`mem-${kind}-${label.replace(/[^a-z0-9]/gi, '_')}`, [entry]);
    const rss = [];
    const ms = [];
    for (let i = 0; i < (QUICK ? 1 : 2); i++) {
      const r = await onFreshEngine(kind, [entry.ref], (e) => daemon(e, list.dir));
      log(`${kind} memory ${label}: ${sec(r.ms)} s rss ${mb(r.rssKb)} MB${r.ok ? '' : ' FAILED ' + r.stderr}`);
      rss.push(r.ok ? r.rssKb : NaN); // a failed run's RSS says nothing about loading
      ms.push(r.ok ? r.ms : NaN);
    }
    const okRss = rss.filter(Number.isFinite);
    out[label] = { archiveBytes: statSync(entry.path).size, peakRssKb: okRss.length ? Math.max(...okRss) : null, samplesKb: rss, medianMs: median(ms) };
  }
  return out;
}

async function sectionPack(w) {
  const source = QUICK ? join(w.src, 'tiny.tar') : w.large;
  const ref = QUICK ? w.tinyRef : w.bigRef;
  const tmp = mkdtempSync(join(CACHE, 'packrun-'));
  const per = {};
  const sizes = {};
  const levels = QUICK ? [19] : [19, 3];
  const methods = [];
  for (const level of levels) {
    methods.push({
      name: `preload-daemon pack (zstd -${level}${level === 19 ? ', default' : ''})`,
      run: async (round) => {
        const out = join(tmp, `pd-${level}-${round}`);
        const r = await timed(process.execPath, [MAIN, 'pack', '--out', out, '--log-level', 'warn', ...(level === 19 ? [] : ['--level', String(level)]), `docker-archive:${source}=${ref}`]);
        const file = r.ok ? listEntries(out)[0].path : undefined;
        if (file) sizes[`pd-${level}`] = statSync(file).size;
        rmSync(out, { recursive: true, force: true });
        return r;
      },
    });
    methods.push({
      name: `skopeo copy + zstd -T0 -${level}`,
      run: async (round) => {
        const y = join(tmp, `sk-${level}-${round}.tar`);
        const r = await timed('bash', ['-c', `set -e; skopeo copy -q docker-archive:${source} docker-archive:${y}:${ref}; zstd -q -T0 -${level} --rm -f ${y} -o ${y}.zst`]);
        if (r.ok) sizes[`sk-${level}`] = statSync(`${y}.zst`).size;
        rmSync(`${y}.zst`, { force: true });
        rmSync(y, { force: true });
        return r;
      },
    });
  }
  for (const m of methods) per[m.name] = [];
  const runs = QUICK ? 1 : RUNS;
  for (let round = 0; round < runs; round++) {
    for (let i = 0; i < methods.length; i++) {
      const m = methods[(i + round) % methods.length];
      const r = await m.run(round);
      r.round = round;
      per[m.name].push(r);
      log(`pack [${round + 1}/${runs}] ${m.name}: ${sec(r.ms)} s${r.ok ? '' : ' FAILED ' + r.stderr}`);
    }
  }
  rmSync(tmp, { recursive: true, force: true });
  // Ratios pair each pack run with the skopeo run of the same level.
  const out = {};
  for (const level of levels) {
    const pair = summarize({ pd: per[methods[levels.indexOf(level) * 2].name], sk: per[methods[levels.indexOf(level) * 2 + 1].name] }, 'pd');
    out[methods[levels.indexOf(level) * 2].name] = { ...pair.pd, archiveBytes: sizes[`pd-${level}`] };
    out[methods[levels.indexOf(level) * 2 + 1].name] = { ...pair.sk, archiveBytes: sizes[`sk-${level}`] };
  }
  out.inputBytes = statSync(source).size;
  return out;
}

// ---------------------------------------------------------------- bundle
/** Deterministic text-like bytes: words of a fixed 4096-word vocabulary (compresses like a rootfs's text). */
function pseudoText(bytes, seed) {
  const vocab = Array.from({ length: 4096 }, (_, i) => createHash('sha256').update(`${seed}:w${i}`).digest('base64').replace(/[^a-z]/g, '').slice(0, 3 + (i % 9)) || 'a');
  const out = Buffer.alloc(bytes);
  let at = 0;
  for (let i = 0; at < bytes; i++) {
    const digest = createHash('sha256').update(`${seed}:${i}`).digest();
    for (let j = 0; j + 1 < digest.length && at < bytes; j += 2) at += out.write(`${vocab[digest.readUInt16LE(j) & 4095]}${j % 24 === 22 ? '\n' : ' '}`, at);
  }
  return out;
}

/**
 * Five images on one ≈60 MB base (52 MB of text-like files, 8 MB of incompressible ones) with a
 * 1 MiB own layer each, packed with pack's defaults as five archives and as one bundle. Sizes
 * only (no engine): the bundle against the five, and what the seekable layout costs against one
 * zstd frame of the same tar at the same settings.
 */
async function sectionBundle() {
  const src = join(CACHE, 'src', `bundle${QUICK ? '-quick' : ''}`);
  const count = QUICK ? 2 : 5;
  const baseMiB = QUICK ? 4 : 60;
  const refs = Array.from({ length: count }, (_, i) => `bench.local/onbase-${i + 1}:1`);
  if (!existsSync(join(src, '.done'))) {
    rmSync(src, { recursive: true, force: true });
    log(`building ${count} images on a ${baseMiB} MiB base …`);
    const text = Math.round(baseMiB * 0.87);
    const base = {};
    for (let i = 0; i < text; i += 4) base[`usr/share/text/part-${i}.txt`] = pseudoText(Math.min(4, text - i) * 1048576, `base-${i}`);
    for (let i = 0; i < baseMiB - text; i += 4) base[`usr/lib/blob-${i}.bin`] = fixtures.noise(Math.min(4, baseMiB - text - i) * 1048576, `base-${i}`);
    await fixtures.buildImagesOnBase({ outDir: src, base, images: refs.map((ref) => ({ repoTags: [ref], files: { 'opt/app/app.bin': fixtures.noise(1048576, ref) } })) });
    writeFileSync(join(src, '.done'), '');
  }
  const sources = readdirSync(src).filter((f) => f.endsWith('.tar')).sort().map((f) => `docker-archive:${join(src, f)}`);
  // --bundle-level N: pack at another level than pack's default 19 (its 5 + 1 archives take ≈ 50 min
  // at 19 on a busy 2-core machine); the engine rows barely depend on it, the sizes do.
  const level = QUICK ? ['--level', '3'] : BUNDLE_LEVEL ? ['--level', BUNDLE_LEVEL] : [];
  const tagged = (name) => `${name}${QUICK ? '-quick' : BUNDLE_LEVEL ? `-l${BUNDLE_LEVEL}` : ''}`;
  const singles = packed(tagged('onbase-singles'), sources, level);
  const bundle = packed(tagged('onbase-bundle'), sources, [...level, '--bundle', 'onbase']);
  const singleBytes = singles.entries.map((e) => statSync(e.path).size);
  const bundlePath = bundle.entries[0].path;
  const bundleBytes = statSync(bundlePath).size;
  // The same tar as one frame, compressed as pack compressed each frame (default level 19, 8 MiB window).
  const oneFrame = (path) => {
    const r = spawnSync('bash', ['-c', `zstd -dc "$1" | zstd -q -c -${QUICK ? 3 : (BUNDLE_LEVEL ?? 19)} -T${cpus().length} --check --zstd=wlog=23 | wc -c`, '-', path], { encoding: 'utf8' });
    return Number(r.stdout.trim());
  };
  // The reader alone (no engine): what decoding one image of the bundle costs when its base is present.
  const readOne = (extra) => JSON.parse(sh(process.execPath, [join(ROOT, 'bench', 'read-one-image.mjs'), bundlePath, String(count - 1), ...extra]));
  const oneImage = readOne([]);
  const everything = readOne(['--all']);
  log('bundle: compressing the bundle and one single archive as one frame, for the layout overhead …');
  const bundleOneFrame = oneFrame(bundlePath);
  const singleOneFrame = oneFrame(singles.entries[0].path);
  const loads = {};
  for (const kind of ENGINES) loads[kind] = await bundleLoads(kind, singles, bundle, oneImage.ownLayers);
  return {
    loads,
    images: count,
    baseMiB,
    level: QUICK ? '3' : BUNDLE_LEVEL,
    singleBytes,
    singlesTotal: singleBytes.reduce((a, b) => a + b, 0),
    bundleBytes,
    ratio: bundleBytes / singleBytes.reduce((a, b) => a + b, 0),
    bundleOneFrame,
    bundleOverhead: bundleBytes / bundleOneFrame - 1,
    singleOneFrame,
    singleOverhead: singleBytes[0] / singleOneFrame - 1,
    oneImage,
    everything,
  };
}

/**
 * The bundle in the engine, overlay storage: a first boot from it against the single archives
 * POSTed whole (`zstd -dc | POST`; engine wchar, as bench/engine-writes.mjs counts it), and the
 * last image loaded by the daemon with the others present, from the bundle against from its own
 * archive (time, and rchar of the daemon's process tree against its own layer).
 */
async function bundleLoads(kind, singles, bundle, ownLayerBytes) {
  const refs = singles.entries.map((e) => e.ref);
  const postWhole = async (engine, path) => {
    const child = spawn('zstd', ['-dc', path], { stdio: ['ignore', 'pipe', 'inherit'] });
    const r = await engine.load(child.stdout);
    if (r.status !== 200) throw new Error(`POST ${path}: ${r.status} ${r.body}`);
  };
  const onEngine = async (prepare, run) => {
    const engine = await startEngine(kind, { storage: 'overlay' });
    try {
      await prepare(engine);
      const before = engineWritten(engine.pid);
      const started = process.hrtime.bigint();
      const r = (await run(engine)) ?? { ok: true };
      r.ms ??= Number(process.hrtime.bigint() - started) / 1e6;
      r.written = engineWritten(engine.pid) - before;
      for (const ref of refs) if (r.ok && !(await engine.hasTag(ref))) Object.assign(r, { ok: false, stderr: `${ref} missing` });
      if (!r.ok) throw new Error(`${kind} bundle: ${String(r.stderr).trim().split('\n').at(-1)}`);
      return r;
    } finally {
      await engine.stop();
    }
  };
  const nothing = async () => {};
  const othersPresent = async (engine) => {
    for (const e of singles.entries.slice(0, -1)) await postWhole(engine, e.path);
  };
  const per = { bootBundle: [], bootWhole: [], oneBundle: [], oneSingle: [] };
  for (let round = 0; round < RUNS; round++) {
    per.bootBundle.push(await onEngine(nothing, (engine) => daemon(engine, bundle.dir, [], { rss: false })));
    per.bootWhole.push(await onEngine(nothing, async (engine) => {
      for (const e of singles.entries) await postWhole(engine, e.path);
    }));
    per.oneBundle.push(await onEngine(othersPresent, (engine) => daemon(engine, bundle.dir, [], { rss: false, rchar: true })));
    per.oneSingle.push(await onEngine(othersPresent, (engine) => daemon(engine, singles.dir, [], { rss: false, rchar: true })));
    const last = (name) => per[name].at(-1);
    log(`${kind} bundle [${round + 1}/${RUNS}]: first boot wrote ${(last('bootBundle').written / 1e6).toFixed(1)} MB (bundle) / ${(last('bootWhole').written / 1e6).toFixed(1)} MB (singles POSTed whole); one image read ${(last('oneBundle').rchar / 1e6).toFixed(1)} MB in ${sec(last('oneBundle').ms)} s (bundle) / ${(last('oneSingle').rchar / 1e6).toFixed(1)} MB in ${sec(last('oneSingle').ms)} s (own archive)`);
  }
  const paired = (a, b, field) => median(per[a].map((r, i) => r[field] / per[b][i][field]));
  return {
    bootWrittenBundle: median(per.bootBundle.map((r) => r.written)),
    bootWrittenWhole: median(per.bootWhole.map((r) => r.written)),
    bootWrittenRatio: paired('bootBundle', 'bootWhole', 'written'),
    bootTimeRatio: paired('bootBundle', 'bootWhole', 'ms'),
    oneRchar: median(per.oneBundle.map((r) => r.rchar)),
    oneRcharBound: 3 * ownLayerBytes + 8 * 1048576,
    oneSingleRchar: median(per.oneSingle.map((r) => r.rchar)),
    oneTimeRatio: paired('oneBundle', 'oneSingle', 'ms'),
  };
}

async function sectionJobs(kind, w) {
  const out = {};
  const workloads = [
    [`${w.smallEntries.length} small images`, listDirOf(`jobs-${kind}-small`, w.smallEntries)],
    [QUICK ? 'tiny + small-01' : 'large + multi-layer (shared base)', listDirOf(`jobs-${kind}-big`, w.bigPair)],
  ];
  const jobs = QUICK ? [1, 2] : [1, 2, 3];
  for (const [label, list] of workloads) {
    const refs = list.entries.map((e) => e.ref);
    const methods = jobs.map((j) => ({ name: `--jobs ${j}`, refs, run: (e) => daemon(e, list.dir, ['--jobs', String(j)]) }));
    out[label] = await rounds(kind, `jobs ${label}`, methods, RUNS);
  }
  return out;
}

/** Bytes the engine process and its children have written (wchar of /proc/PID/io: files, pipes and sockets alike). */
function engineWritten(pid) {
  const pids = [pid, ...readdirSync('/proc').filter((p) => /^\d+$/.test(p) && readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(pid)).map(Number)];
  return pids.reduce((sum, p) => {
    try {
      return sum + Number(/wchar: (\d+)/.exec(readFileSync(`/proc/${p}/io`, 'utf8'))?.[1] ?? 0);
    } catch {
      return sum;
    }
  }, 0);
}

/**
 * A firmware update that changes one small layer of a large image, staged with `--slot` onto the
 * previous release: the bytes the engine writes for it, against the bytes it writes to load
 * that release's image on an empty store (what the update would cost without the old layers).
 */
async function sectionUpdate(kind) {
  const dir = join(CACHE, 'update');
  const bigBytes = (QUICK ? 8 : 64) * 1024 * 1024;
  const release = async (k) => {
    const root = join(dir, `slot-${k}`);
    const lists = join(root, 'usr/share/preload-daemon/app');
    if (!existsSync(join(lists, 'image.list'))) {
      const built = await fixtures.buildDockerArchive({
        outDir: join(dir, 'src'), fileName: `app-${k}.tar`, repoTags: [`bench.local/app:${k}`], layers: 2, layerSeed: 'app',
        // Sorted by path into layers: usr/lib/app is the bottom layer, shared by every release; var/… the top one, new each release.
        files: { 'usr/lib/app': fixtures.noise(bigBytes, 'app'), 'var/lib/app/version': fixtures.noise(1024 * 1024, `version ${k}`) },
      });
      sh(process.execPath, [MAIN, 'pack', '--out', lists, '--level', '3', '--log-level', 'warn', `docker-archive:${built.path}`]);
    }
    return { root, lists, archiveBytes: listEntries(lists).reduce((sum, e) => sum + statSync(e.path).size, 0) };
  };
  const r1 = await release(1);
  const r2 = await release(2);
  const per = { update: [], whole: [] };
  for (let round = 0; round < RUNS; round++) {
    for (const [name, before] of [['update', r1], ['whole', undefined]]) {
      // overlay, as on a device: an update's unchanged layers are not copied again (vfs copies every layer whole).
      const engine = await startEngine(kind, { storage: 'overlay' });
      try {
        if (before && !(await daemon(engine, before.lists, [], { rss: false })).ok) throw new Error('loading release 1 failed');
        const start = engineWritten(engine.pid);
        const r = before ? await daemon(engine, '/usr/share/preload-daemon', ['--slot', r2.root], { rss: false }) : await daemon(engine, r2.lists, [], { rss: false });
        if (!r.ok || !(await engine.hasTag('bench.local/app:2'))) throw new Error(`${name}: ${String(r.stderr).trim().split('\n').at(-1)}`);
        per[name].push(engineWritten(engine.pid) - start);
        log(`${kind} update [${round + 1}/${RUNS}] ${name}: the engine wrote ${(per[name].at(-1) / 1e6).toFixed(1)} MB`);
      } finally {
        await engine.stop();
      }
    }
  }
  return { archiveBytes: r2.archiveBytes, imageBytes: bigBytes + 1024 * 1024, updateWritten: median(per.update), wholeWritten: median(per.whole) };
}

/** Thin loads: the engine's bytes written for an update and a shared-base first boot (bench/engine-writes.mjs prints the table). */
function sectionWrites() {
  const baseMiB = QUICK ? 8 : 60;
  // The ≈300 MiB base shows the time ratio where the engine's work dominates (full runs only).
  const largeMiB = QUICK ? 0 : 300;
  const rounds = QUICK ? 1 : Math.max(RUNS, 3);
  const table = sh(process.execPath, [join(ROOT, 'bench', 'engine-writes.mjs'), '--base-mib', String(baseMiB), '--large-mib', String(largeMiB), '--rounds', String(rounds), '--engines', ENGINES.join(',')]);
  log(table);
  return { baseMiB, largeMiB, rounds, table: String(table).trim() };
}

/** The Quadlet generator at every boot: CPU a run on a busy device, against a bare shell start. */
function sectionGenerator() {
  const root = mkdtempSync('/tmp/pd-bench-generator-');
  try {
    const dropins = quadlet.busyDevice(root).length;
    const runs = QUICK ? 20 : 100;
    const rounds = Math.max(RUNS, 3);
    const generator = [];
    const bare = [];
    for (let round = 0; round < rounds; round++) {
      generator.push(quadlet.generatorCost(root, runs));
      // The same loop with an empty script: what a generator that does nothing costs.
      const empty = join(root, 'empty-generator');
      writeFileSync(empty, 'exit 0\n');
      bare.push(quadlet.generatorCost(root, runs, empty));
      log(`generator [${round + 1}/${rounds}]: ${generator[round].cpuMs.toFixed(1)} ms CPU, ${generator[round].wallMs.toFixed(1)} ms wall a run; empty script ${bare[round].cpuMs.toFixed(1)} ms CPU`);
    }
    return {
      dropins,
      runsPerRound: runs,
      rounds,
      cpuMs: median(generator.map((g) => g.cpuMs)),
      wallMs: median(generator.map((g) => g.wallMs)),
      emptyCpuMs: median(bare.map((g) => g.cpuMs)),
      samplesCpuMs: generator.map((g) => Math.round(g.cpuMs * 10) / 10),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Parse and merge a 10,000-line list in process (the same lines as test/fault/property.test.ts). */
async function sectionList() {
  const { parseList } = await import(pathToFileURL(join(ROOT, 'dist-test', 'src', 'list', 'parse.js')).href);
  const { mergeDuplicates } = await import(pathToFileURL(join(ROOT, 'dist-test', 'src', 'list', 'duplicates.js')).href);
  const text = Array.from({ length: 10_000 }, (_, i) => `img-${i % 20}.tar.zst registry.local:5000/team/app-${i % 20}:v${i} id=sha256:${'a'.repeat(64)} size=${i} sha256=${'b'.repeat(64)}`).join('\n');
  const samples = [];
  for (let i = 0; i < (QUICK ? 3 : 11); i++) {
    const t0 = process.hrtime.bigint();
    const { entries } = mergeDuplicates(parseList(text, '/p/image.list').entries);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (entries.length !== 10_000) throw new Error(`list: ${entries.length} entries, expected 10,000`);
  }
  // The first run includes compiling the parser; the median is of the warm runs.
  return { firstMs: samples[0], medianMs: median(samples.slice(1)), samplesMs: samples.map((ms) => Math.round(ms * 10) / 10) };
}

// ---------------------------------------------------------------- report
function tool(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return (r.stdout || r.stderr || '').split('\n')[0].trim();
}

function markdown(res) {
  const L = [];
  const m = res.meta;
  L.push(`# preload-daemon benchmark${m.quick ? ' (--quick: tiny images, 1 run; smoke test only)' : ''}`, '');
  L.push(`${m.date} · commit ${m.commit}${m.commitEnd && m.commitEnd !== m.commit.replace('+dirty', '') ? ` → ${m.commitEnd} (HEAD moved during the run)` : ''} · ${m.cpus} × ${m.cpuModel} · ${m.memGiB} GiB · load average ${m.loadStart.join(' ')} (start) → ${m.loadEnd.join(' ')} (end)`);
  L.push(`Node ${m.node}; dockerd ${m.dockerd}; ${m.podman}; ${m.zstd}; ${m.xz}. Runs per method: ${m.runs} (warm/start-up ≥ 5), methods interleaved (order rotated each round), a fresh private engine per cold measurement, archives in the page cache.`);
  if (m.note) L.push('', m.note);
  L.push('', '**Shared, noisy machine: read the ratios (paired per round, median), not the absolute seconds.** `ratio` = daemon time ÷ that method\'s time: below 1.00× the daemon is faster.', '');
  const secTable = (title, byEngine, note) => {
    L.push(`## ${title}`, '');
    if (note) L.push(note, '');
    const engines = Object.keys(byEngine);
    const names = [...new Set(engines.flatMap((k) => Object.keys(byEngine[k])))];
    L.push(`| method | ${engines.map((k) => `${k} median s (min–max) | ${k} ratio`).join(' | ')} |`);
    L.push(`|---|${engines.map(() => '---:|---:').join('|')}|`);
    for (const n of names) {
      const cells = engines.map((k) => {
        const s = byEngine[k][n];
        if (!s) return ' | ';
        const fail = s.failed ? ` (${s.failed}/${s.runs} failed)` : '';
        return `${sec(s.medianMs)} (${sec(s.minMs)}–${sec(s.maxMs)})${fail} | ${fmtRatio(s.daemonOverThis)}`;
      });
      L.push(`| ${cell(n)} | ${cells.join(' | ')} |`);
    }
    L.push('');
  };
  const S = res.sections;
  if (S.startup) secTable('Start-up', S.startup, 'Bare process start; ratio = `preload-daemon --version` time ÷ this time (how many times slower the daemon starts).');
  const overNode = (byEngine) => Object.entries(byEngine).map(([k, v]) => `${k} ${Math.round(Object.values(v).find((x) => Number.isFinite(x.overNodeMs))?.overNodeMs)} ms`).join(', ');
  if (S.warm) secTable(`1. Warm boot, ${m.warmEntries} images (every image present)`, S.warm, `Whole process wall time, ${m.warmEntries}-entry list (zstd archives), nothing to load. Target: daemon ≤ \`node -e 0\` + 60 ms. Daemon minus \`node -e 0\` (paired per round, median): ${overNode(S.warm)}.`);
  if (S.warmMany) secTable(`1b. Warm boot, ${m.warmManyEntries} images (every image present)`, S.warmMany, `Same, ${m.warmManyEntries} tiny distinct images. Target: daemon ≥ 10× faster than the ISAR loop (ratio ≤ 0.10×). Daemon minus \`node -e 0\`: ${overNode(S.warmMany)}.`);
  if (S.warmRequests) {
    L.push('## Requests of one warm boot', '', 'Counted through a proxy on the engine socket, with the list\'s own names and with the same images listed as `docker.io/…`. The fast path: `_ping` and one filtered image list per 100 names (Docker, Podman 5); Podman 4 ANDs reference filters, so it asks one inspect per entry.', '');
    L.push('| warm boot | engine | requests by list spelling |', '|---|---|---|');
    for (const [name, byEngine] of Object.entries(S.warmRequests)) {
      for (const [k, { entries, ...counts }] of Object.entries(byEngine)) L.push(`| ${name}, ${entries} images | ${k} | ${Object.entries(counts).map(([label, n]) => `${label}: ${n}`).join(', ')} |`);
    }
    L.push('');
  }
  if (S.cold) {
    const byEngine = {};
    for (const [k, v] of Object.entries(S.cold)) byEngine[k] = v;
    secTable(
      `2./3. Cold boot of ${m.bigRef} (nothing present, fresh engine per run)`,
      byEngine,
      `ratio = **daemon time ÷ this row's time, the daemon on the same codec** (zstd rows and the plain tar vs the daemon (zstd); xz vs daemon (xz); gzip/pigz vs daemon (gzip)); **the daemon rows: daemon ÷ plain-tar POST** (the ≤ 1.05× target). Archive sizes: ${Object.entries(res.sizes).filter(([k]) => k.startsWith(m.bigRef + ' ')).map(([k, v]) => `${k.split(' ')[1]} ${(v / 1e6).toFixed(1)} MB`).join(', ')}. zstd archives packed with \`pack --level 3\` (not the default 19), xz with the default -6, gzip with \`--level 6\`; all by \`preload-daemon pack\`. Target: daemon (zstd) ≤ 1.05× the plain-tar POST and faster than every shell pipeline.`,
    );
  }
  if (S.memory) {
    L.push('## 4. Memory: peak RSS of the daemon\'s process tree', '', 'node\'s getrusage maxRSS plus its decoder child\'s VmHWM (test/helpers/report-rss). Target ≤ 80 MB, flat in the image size.', '');
    const engines = Object.keys(S.memory);
    const labels = [...new Set(engines.flatMap((k) => Object.keys(S.memory[k])))];
    L.push(`| image | archive MB | ${engines.map((k) => `${k} peak RSS MB`).join(' | ')} |`, `|---|---:|${engines.map(() => '---:').join('|')}|`);
    for (const l of labels) {
      const any = S.memory[engines[0]][l];
      L.push(`| ${l} | ${(any.archiveBytes / 1e6).toFixed(2)} | ${engines.map((k) => mb(S.memory[k][l]?.peakRssKb)).join(' | ')} |`);
    }
    L.push('');
  }
  if (S.pack) {
    L.push(`## 5. Pack (${(S.pack.inputBytes / 1e6).toFixed(1)} MB docker-archive, ${m.bigRef})`, '', 'ratio = pack time ÷ skopeo+zstd time at the same level (paired per round).', '');
    L.push('| method | median s (min–max) | ratio | archive MB |', '|---|---:|---:|---:|');
    for (const [n, s] of Object.entries(S.pack)) {
      if (n === 'inputBytes') continue;
      L.push(`| ${n} | ${sec(s.medianMs)} (${sec(s.minMs)}–${sec(s.maxMs)}) | ${fmtRatio(s.daemonOverThis)} | ${s.archiveBytes ? (s.archiveBytes / 1e6).toFixed(2) : 'n/a'} |`);
    }
    L.push('');
  }
  if (S.jobs) {
    for (const label of Object.keys(Object.values(S.jobs)[0] ?? {})) {
      const byEngine = {};
      for (const [k, v] of Object.entries(S.jobs)) byEngine[k] = v[label];
      secTable(`6. --jobs: ${label} (cold, fresh engine per run)`, byEngine, 'ratio = `--jobs 1` time ÷ this time: below 1.00× the parallel run is faster.');
    }
  }
  if (S.generator) {
    const g = S.generator;
    L.push('## 7. Quadlet generator (every boot, before any unit starts)', '');
    L.push(`20 lists of 5 entries and 10 \`.container\` files in 6 folders, ${g.dropins} drop-ins written; ${g.rounds} rounds of ${g.runsPerRound} runs inside one \`${quadlet.SHELL}\`, output removed before each run. Target: ≤ ${GENERATOR_TARGET_CPU_MS} ms of CPU a run.`, '');
    L.push('| method | CPU ms a run (median) | wall ms a run (median) |', '|---|---:|---:|');
    L.push(`| preload-daemon-generator | ${g.cpuMs.toFixed(1)} (${g.samplesCpuMs.join(', ')}) | ${g.wallMs.toFixed(1)} |`);
    L.push(`| an empty generator script | ${g.emptyCpuMs.toFixed(1)} | |`, '');
  }
  if (S.list) {
    L.push('## 8. A 10,000-line list: parse and merge (in process)', '', `Target: ≤ ${LIST_TARGET_MS} ms for the first (cold) run, as at a boot.`, '');
    L.push(`first run ${S.list.firstMs.toFixed(1)} ms, then median ${S.list.medianMs.toFixed(1)} ms (${S.list.samplesMs.join(', ')})`, '');
  }
  if (S.update) {
    const any = Object.values(S.update)[0];
    L.push('## 9. Bytes the engine writes per update', '', `A release that changes one 1 MiB layer of a ${(any.imageBytes / 2 ** 20).toFixed(0)} MiB image (zstd archive ${(any.archiveBytes / 1e6).toFixed(1)} MB), staged with \`--slot\` onto the previous release, against loading the same image on an empty store. wchar of the engine process and its children, median.`, '');
    L.push('| engine | update MB written | whole image MB written | ratio |', '|---|---:|---:|---:|');
    for (const [k, v] of Object.entries(S.update)) L.push(`| ${k} | ${(v.updateWritten / 1e6).toFixed(1)} | ${(v.wholeWritten / 1e6).toFixed(1)} | ${fmtRatio(v.updateWritten / v.wholeWritten)} |`);
    L.push('');
  }
  if (S.bundle) {
    const b = S.bundle;
    const mib = (x) => (x / 1048576).toFixed(2);
    L.push(`## 10. Bundle: ${b.images} images on one ≈${b.baseMiB} MiB base, 1 MiB own layer each (\`pack\` defaults${b.level ? `, but zstd level ${b.level}` : ''})`, '');
    L.push('Sizes only. Target: bundle ≤ 0.35× the five single-image archives; the seekable layout (a zstd frame per large member + the table of contents) ≤ 3 % over one frame of the same tar at the same settings.', '');
    L.push('| | MiB |', '|---|---:|');
    L.push(`| ${b.images} single-image archives | ${mib(b.singlesTotal)} (${b.singleBytes.map(mib).join(' + ')}) |`);
    L.push(`| one bundle | ${mib(b.bundleBytes)} — **${b.ratio.toFixed(3)}×** the singles |`);
    L.push(`| the bundle's tar as one zstd frame | ${mib(b.bundleOneFrame)} — seekable layout **${(b.bundleOverhead * 100).toFixed(2)} %** over it |`);
    L.push(`| one single archive's tar as one zstd frame | ${mib(b.singleOneFrame)} — seekable layout **${(b.singleOverhead * 100).toFixed(2)} %** over it |`, '');
    if (b.oneImage) {
      L.push('The seekable reader alone (`bench/read-one-image.mjs`, no engine): bytes its process tree reads (`rchar`, the archive, the pipes and the zstd child together) to decode what loading the last image needs with its base present (manifest.json, its config, its own layer), against decoding the whole bundle. Target for the load: ≤ 3× the own layer + 8 MiB.', '');
      L.push('| decoded | frames | rchar MiB | own layer MiB | decoded MiB |', '|---|---:|---:|---:|---:|');
      for (const [label, r] of [['one image, base present', b.oneImage], ['the whole bundle', b.everything]]) L.push(`| ${label} | ${r.frames} of ${r.of} | ${mib(r.rchar)} | ${mib(r.ownLayers)} | ${mib(r.decoded)} |`);
      L.push('');
    }
  }
  if (S.bundle?.loads && Object.keys(S.bundle.loads).length > 0) {
    const mb1 = (x) => (x / 1e6).toFixed(1);
    L.push('In the engine (overlay storage, a fresh engine per load, medians of per-round ratios). First boot: the daemon on the bundle\'s list, empty store, against the single archives POSTed whole (`zstd -dc | POST`); engine writes (wchar). Target ≤ 0.3×, and faster. One image: the last one, the others present, from the bundle against from its own archive; rchar of the daemon\'s process tree. Targets: rchar ≤ 3× its own layer + 8 MiB, time ≤ 1.3×.', '');
    L.push('| engine | first boot: engine writes, bundle / singles whole | ratio | time ratio | one image: rchar (bound) | rchar from its own archive | time ratio |', '|---|---|---:|---:|---|---:|---:|');
    for (const [kind, r] of Object.entries(S.bundle.loads)) {
      L.push(`| ${kind} | ${mb1(r.bootWrittenBundle)} MB / ${mb1(r.bootWrittenWhole)} MB | **${r.bootWrittenRatio.toFixed(2)}×** | ${r.bootTimeRatio.toFixed(2)}× | ${mb1(r.oneRchar)} MB (≤ ${mb1(r.oneRcharBound)}) | ${mb1(r.oneSingleRchar)} MB | **${r.oneTimeRatio.toFixed(2)}×** |`);
    }
    L.push('');
  }
  if (S.writes) {
    L.push(`## 11. Thin loads: bytes the engine writes (\`bench/engine-writes.mjs\`, ${S.writes.baseMiB} MiB base, overlay storage)`, '');
    L.push(`The daemon against the same \`pack\` archives POSTed whole (\`zstd -dc | POST /images/load\`), wchar of the engine process and its children; seconds: the daemon's whole run against the POST alone, medians of ${S.writes.rounds ?? 1} round(s) for the updates. Targets: update ≤ 0.25× the bytes, time ≤ the POST + the daemon's ≈0.3 s start; shared base, first boot ≤ 0.3× (the floor row: what the engine writes to load the base once, which no loader can go below).`, '');
    L.push(S.writes.table, '');
  }
  if (res.errors.length) L.push('## Errors', '', ...res.errors.map((e) => `- ${e}`), '');
  return L.join('\n');
}

// ---------------------------------------------------------------- main
async function main() {
  if (argv.includes('--render')) {
    // Re-write results.md from results.json (e.g. after a change to the report layout).
    const res = JSON.parse(readFileSync(join(OUT, 'results.json'), 'utf8'));
    writeFileSync(join(OUT, 'results.md'), markdown(res) + '\n');
    return;
  }
  mkdirSync(CACHE, { recursive: true });
  const t0 = Date.now();
  results.meta = {
    quick: QUICK,
    date: new Date().toISOString(),
    commit: tool('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']) + (tool('git', ['-C', ROOT, 'status', '--porcelain', 'src']) ? '+dirty' : ''),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim(),
    memGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    dockerd: tool('dockerd', ['--version']).replace(/^Docker version /, ''),
    podman: tool('podman', ['--version']),
    zstd: tool('zstd', ['-V']).replace(/^\*\*\* /, '').split(',')[0],
    xz: tool('xz', ['--version']),
    runs: RUNS,
    engines: ENGINES,
    loadStart: loadavg().map((x) => x.toFixed(2)),
  };
  results.errors = [];
  // Another process rebuilding dist/ mid-run would mix builds in one table: detect it.
  const distStamp = () => readdirSync(join(ROOT, 'dist'), { recursive: true }).filter((f) => /\.[cm]?js$/.test(f)).map((f) => statSync(join(ROOT, 'dist', f)).mtimeMs).reduce((a, b) => Math.max(a, b), 0);
  const distAtStart = distStamp();
  // The bundle and writes sections build their own images: alone, they need neither debootstrap nor the engines' workload.
  const w = [...SECTIONS].every((name) => name === 'bundle' || name === 'writes') ? { bigRef: '-', smallEntries: [], manyEntries: [], sizes: {} } : await buildWorkload();
  results.meta.bigRef = w.bigRef;
  results.meta.warmEntries = w.smallEntries.length;
  results.meta.warmManyEntries = w.manyEntries.length;
  results.sizes = w.sizes;
  const S = results.sections;
  const guard = async (name, fn) => {
    try {
      return await fn();
    } catch (err) {
      log(`${name} failed: ${err.stack ?? err}`);
      results.errors.push(`${name}: ${err.message}`);
      return undefined;
    }
  };
  for (const kind of ENGINES) {
    if (SECTIONS.has('startup')) (S.startup ??= {})[kind] = await guard(`startup ${kind}`, () => sectionStartup(kind));
    if (SECTIONS.has('warm')) (S.warm ??= {})[kind] = await guard(`warm ${kind}`, () => sectionWarm(kind, w, w.smallEntries, 'warm'));
    if (SECTIONS.has('warm')) (S.warmMany ??= {})[kind] = await guard(`warm-many ${kind}`, () => sectionWarm(kind, w, w.manyEntries, 'warm-many'));
  }
  for (const kind of ENGINES) if (SECTIONS.has('cold')) (S.cold ??= {})[kind] = await guard(`cold ${kind}`, () => sectionCold(kind, w, w.bigRef));
  for (const kind of ENGINES) if (SECTIONS.has('memory')) (S.memory ??= {})[kind] = await guard(`memory ${kind}`, () => sectionMemory(kind, w));
  if (SECTIONS.has('pack')) S.pack = await guard('pack', () => sectionPack(w));
  if (SECTIONS.has('generator')) {
    S.generator = await guard('generator', () => sectionGenerator());
    if (S.generator) log(`generator: ${S.generator.cpuMs.toFixed(1)} ms CPU a run (target ≤ ${GENERATOR_TARGET_CPU_MS} ms), ${S.generator.wallMs.toFixed(1)} ms wall`);
  }
  if (SECTIONS.has('list')) {
    S.list = await guard('list', () => sectionList());
    if (S.list) log(`list: 10,000 lines parsed and merged in ${S.list.firstMs.toFixed(1)} ms (first run; target ≤ ${LIST_TARGET_MS} ms), ${S.list.medianMs.toFixed(1)} ms (median after)`);
  }
  for (const kind of ENGINES) if (SECTIONS.has('jobs')) (S.jobs ??= {})[kind] = await guard(`jobs ${kind}`, () => sectionJobs(kind, w));
  for (const kind of ENGINES) if (SECTIONS.has('update')) (S.update ??= {})[kind] = await guard(`update ${kind}`, () => sectionUpdate(kind));
  if (SECTIONS.has('bundle')) S.bundle = await guard('bundle', () => sectionBundle());
  if (SECTIONS.has('writes')) S.writes = await guard('writes', () => sectionWrites());
  for (const [k, v] of Object.entries(S)) {
    if (v && typeof v === 'object') for (const e of Object.keys(v)) if (v[e] === undefined) delete v[e];
    if (!v || Object.keys(v).length === 0) delete S[k];
  }
  results.meta.loadEnd = loadavg().map((x) => x.toFixed(2));
  results.meta.commitEnd = tool('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
  if (distStamp() !== distAtStart) results.errors.push('dist/ was rebuilt during the run (another process?): these results mix builds; re-run on a quiet tree before committing them');
  results.meta.totalSeconds = Math.round((Date.now() - t0) / 1000);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(OUT, 'results.md'), markdown(results) + '\n');
  log(`done in ${results.meta.totalSeconds} s: ${join(OUT, 'results.md')}`);
  process.exitCode = results.errors.length ? 1 : 0;
}

await main();
