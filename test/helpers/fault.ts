// Shared pieces of the fault-injection suite (test/fault/): a daemon run that the test can
// signal while it runs, archive fingerprints (nothing deleted or modified), assertions on
// the one-line errors, a large incompressible image, and small waiting utilities.
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeRun, ERROR_LEVEL, spawnCli, type CliResult, type LogLine } from './cli.js';
import { buildDockerArchive, compressFile, type BuiltArchive } from './fixtures.js';
import { repoRoot } from './paths.js';

export const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------
// A daemon run the test can signal (runCli only returns once the run is over).

export interface LiveCli {
  readonly pid: number;
  readonly child: ChildProcess;
  /** stderr so far */
  stderr(): string;
  signal(sig: NodeJS.Signals): void;
  /** Resolves when the process has exited (never rejects on a non-zero exit). */
  readonly result: Promise<CliResult>;
}

export function startCli(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): LiveCli {
  const { child, stderr, timeoutMs, ended } = spawnCli('startCli', args, opts);
  const result = ended.then(({ result, timedOut }) => {
    if (timedOut) throw new Error(`startCli: ${args.join(' ')} timed out after ${timeoutMs} ms and was killed\nstderr:\n${result.stderr.slice(-4000)}`);
    return result;
  });
  if (child.pid === undefined) throw new Error('startCli: no pid');
  return {
    pid: child.pid,
    child,
    stderr,
    signal: (sig) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    },
    result,
  };
}

// ---------------------------------------------------------------------------
// Waiting.

export async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 60_000, pollMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await sleep(pollMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

// ---------------------------------------------------------------------------
// Archives must never be deleted or modified: fingerprint a folder (recursively).

export type Fingerprint = Map<string, string>;

export function fingerprint(dir: string): Fingerprint {
  const out: Fingerprint = new Map();
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const key = rel ? `${rel}/${name}` : name;
      const st = lstatSync(path);
      if (st.isSymbolicLink()) out.set(key, `symlink → ${readlinkSync(path)}`);
      else if (st.isFIFO()) out.set(key, 'fifo');
      else if (st.isDirectory()) {
        out.set(key, 'dir');
        walk(path, key);
      } else if (st.isFile()) out.set(key, `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')} ${st.size}`);
      else out.set(key, 'other');
    }
  };
  walk(dir, '');
  return out;
}

export function assertUnchanged(before: Fingerprint, dir: string, what = dir): void {
  assert.deepEqual(Object.fromEntries(fingerprint(dir)), Object.fromEntries(before), `${what}: an archive was deleted, added or modified`);
}

// ---------------------------------------------------------------------------
// Assertions over a run's logs.

export function errorLogs(r: CliResult): LogLine[] {
  return r.logs.filter((l) => typeof l.level === 'number' && l.level >= ERROR_LEVEL);
}

export function logText(l: LogLine): string {
  return typeof l.msg === 'string' ? l.msg : JSON.stringify(l);
}

/**
 * Exactly one error line for LIST:LINE (the summary excepted), naming the place, mentioning
 * every MENTION, and saying what to do (a hint sentence after the message). Returns its text.
 */
export function assertOneError(r: CliResult, where: string, mentions: (string | RegExp)[] = []): string {
  const lines = errorLogs(r)
    .filter((l) => typeof l.loaded !== 'number') // not the summary
    .map(logText)
    .filter((t) => where === '' || t.startsWith(`${where}:`) || t.includes(`${where}:`));
  assert.equal(lines.length, 1, `expected exactly one error line naming ${where}, got ${lines.length}:\n${lines.join('\n')}\n${describeRun(r)}`);
  const line = lines[0]!;
  for (const m of mentions) {
    const ok = typeof m === 'string' ? line.includes(m) : m.test(line);
    assert.ok(ok, `error line for ${where} does not mention ${String(m)}:\n${line}`);
  }
  return line;
}

/** An error line whose text says what to do (the daemon appends `. <Hint>`). */
export function assertHasHint(line: string): void {
  assert.match(line, /\. [A-Z][^.]*\S/, `error line gives no advice: ${line}`);
}

export interface Summary {
  loaded: number;
  present: number;
  failed: number;
  seconds: number;
}

export function summaryOf(r: CliResult): Summary {
  const last = r.logs.at(-1);
  assert.ok(last && typeof last.loaded === 'number', `no summary line\n${describeRun(r)}`);
  return last as unknown as Summary;
}

export function assertExit(r: CliResult, code: number): void {
  assert.equal(r.code, code, `expected exit ${code}\n${describeRun(r)}`);
}

// ---------------------------------------------------------------------------
// A large image whose layer is incompressible (AES-CTR keystream: fast and deterministic),
// so a load takes seconds and can be interrupted in the middle. Cached under .cache/.

/** Deterministic incompressible bytes, ~1 GB/s. */
export function fastNoise(bytes: number, seed: string): Buffer {
  const key = createHash('sha256').update(`key:${seed}`).digest().subarray(0, 16);
  const iv = createHash('sha256').update(`iv:${seed}`).digest().subarray(0, 16);
  return createCipheriv('aes-128-ctr', key, iv).update(Buffer.alloc(bytes));
}

export interface BigImage extends BuiltArchive {
  repoTag: string;
}

export async function bigNoiseImage(megabytes = 200, repoTag = `fault/big:${megabytes}m`): Promise<BigImage> {
  const cacheDir = join(repoRoot(), '.cache', 'fixtures');
  const name = `fault-noise-${repoTag.replace(/[^A-Za-z0-9_.-]+/g, '_')}-v1.tar`;
  const path = join(cacheDir, `${name}.zst`);
  const metaPath = `${path}.meta.json`;
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { imageId: string; bytes: number };
    if (statSync(path).size === meta.bytes) return { path, imageId: meta.imageId, images: [{ imageId: meta.imageId, repoTags: [repoTag] }], repoTag };
  }
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(cacheDir, 'tmp-'));
  try {
    const files: Record<string, Buffer> = {};
    // Several files over 2 layers: a realistic shape, and no single 200 MB Buffer copy.
    const parts = 4;
    for (let i = 0; i < parts; i++) files[`data/blob-${i}`] = fastNoise(Math.floor((megabytes * MiB) / parts), `${repoTag}:${i}`);
    const built = await buildDockerArchive({ repoTags: [repoTag], files, layers: 2, outDir: work, fileName: name });
    const compressed = await compressFile(built.path, 'zstd');
    renameSync(compressed, path);
    writeFileSync(metaPath, JSON.stringify({ imageId: built.imageId, bytes: statSync(path).size }));
    return { ...built, path, repoTag };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// tmpfs, always unmounted.

export function mountTmpfs(dir: string, size: string): void {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mount -t tmpfs ${dir} failed: ${r.stderr}`);
}

export function unmountQuietly(dir: string): void {
  const mounted = readFileSync('/proc/self/mounts', 'utf8').split('\n').some((l) => l.split(' ')[1] === dir);
  if (mounted) spawnSync('umount', ['-l', dir], { stdio: 'ignore' });
}

// ---------------------------------------------------------------------------
// Misc.

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function seconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}
