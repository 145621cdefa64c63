// Real container engines for integration tests: a private dockerd or
// `podman system service` per call, in its own temp dir, on its own socket.
//
// Rules:
// - never touch a system-wide engine: every path (data, exec/run roots, tmp,
//   socket, pid file) is under a private dir;
// - stop exactly the processes we started, by pid (SIGTERM, then SIGKILL);
// - a test that needs an engine and cannot get one fails loudly with the
//   engine log tail: no skipping.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, beforeEach } from 'node:test';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

export type EngineKind = 'docker' | 'podman';
export const ENGINE_KINDS: readonly EngineKind[] = ['docker', 'podman'];

export interface ApiResponse {
  status: number;
  body: string;
}

export interface ImageSummary {
  Id: string;
  RepoTags: string[] | null;
}

export interface ImageInspect {
  Id: string;
  RepoTags: string[] | null;
  [key: string]: unknown;
}

export interface TestEngine {
  readonly kind: EngineKind;
  readonly socketPath: string;
  readonly pid: number;
  readonly dir: string;
  readonly logPath: string;
  /** SIGTERM, SIGKILL after a timeout, wait for exit, remove the private dir. Idempotent. */
  stop(): Promise<void>;
  request(method: string, path: string, body?: string | Buffer | Readable): Promise<ApiResponse>;
  /** GET /images/REF/json; null on 404. Beware Podman's suffix matching: use imageIdOf/hasTag to assert. */
  inspect(ref: string): Promise<ImageInspect | null>;
  /** All tags in the store, as the engine lists them. */
  repoTags(): Promise<string[]>;
  /** Exact, engine-normalised presence of NAME[:TAG] in RepoTags. */
  hasTag(ref: string): Promise<boolean>;
  /** Image ID (sha256:…) carrying exactly this tag, or null. */
  imageIdOf(ref: string): Promise<string | null>;
  removeImage(ref: string): Promise<void>;
  /** Factory reset: delete every image. */
  wipe(): Promise<void>;
  /** Tag SRC as REPO:TAG, spelled as load would store it (Podman: short names under localhost/). */
  tag(src: string, repo: string, tag: string): Promise<void>;
  /** POST /images/load with a plain docker-archive tar; throws if the engine reports an error. */
  load(archive: Buffer | Readable): Promise<ApiResponse>;
  logTail(lines?: number): string;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

// Every engine still running, SIGKILLed (with dockerd's containerd) and its dir removed
// if the test process exits without stopping it: crashed test, uncaught error, signal.
const live = new Map<number, { dir: string }>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [pid, { dir }] of live) {
      const cpid = containerdPid(dir);
      killQuietly(pid);
      killQuietly(cpid);
      removeEngineDir(dir);
    }
  });
  // 'exit' does not run on a fatal signal: turn those into a normal exit.
  const signals: [NodeJS.Signals, number][] = [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]];
  for (const [signal, n] of signals) process.once(signal, () => process.exit(128 + n));
}

/**
 * Remove an engine's private dir. A dockerd that died without cleaning up leaves its
 * data root bind-mounted on itself: unmount what is mounted under DIR first.
 */
function removeEngineDir(dir: string): void {
  try {
    const mounts = readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[1] ?? '')
      .filter((m) => m === dir || m.startsWith(`${dir}/`))
      .sort((a, b) => b.length - a.length);
    for (const m of mounts) spawnSync('umount', ['-l', m], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    /* best effort */
  }
}

function killQuietly(pid: number | null): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/**
 * dockerd starts its own containerd; its pid file lives under our exec root. Only
 * returned while that pid's command line still names our dir (no recycled pids).
 */
function containerdPid(dir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dir, 'x', 'containerd', 'containerd.pid'), 'utf8').trim());
    if (!(pid > 0)) return null;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir) ? pid : null;
  } catch {
    return null;
  }
}

export function apiRequest(
  socketPath: string,
  method: string,
  path: string,
  body?: string | Buffer | Readable,
  timeoutMs = 120_000,
): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    // A JSON text (a container to create) is sent as JSON, which Docker insists on; anything else is an archive.
    if (body !== undefined) headers['Content-Type'] = typeof body === 'string' && body.startsWith('{') ? 'application/json' : 'application/x-tar';
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const req = httpRequest({ socketPath, method, path, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    if (body === undefined) req.end();
    else if (typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else {
      body.on('error', (err) => req.destroy(err));
      body.pipe(req);
    }
  });
}

/** Split a NAME[:TAG] reference; tag defaults to latest. Digests are not used in tests. */
export function splitRef(ref: string): { name: string; tag: string } {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { name: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { name: ref, tag: 'latest' };
}

function hasDomain(name: string): boolean {
  const first = name.split('/')[0] ?? '';
  return name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
}

/**
 * The spellings under which an engine lists REF in RepoTags.
 * Docker: `app:1.0` is stored as docker.io/library/app:1.0 and listed as app:1.0.
 * Podman: short names are stored (and listed) as localhost/app:1.0.
 */
export function tagSpellings(kind: EngineKind, ref: string): string[] {
  const { name, tag } = splitRef(ref);
  if (hasDomain(name)) {
    const full = `${name}:${tag}`;
    if (kind === 'docker' && name.startsWith('docker.io/')) {
      const familiar = name.slice('docker.io/'.length).replace(/^library\//, '');
      return [full, `${familiar}:${tag}`];
    }
    return [full];
  }
  if (kind === 'podman') return [`localhost/${name}:${tag}`];
  const canonical = name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  return [`${name}:${tag}`, `${canonical}:${tag}`];
}

/** Reduce any engine spelling of a reference to a comparable short form (`app:1.0`). */
export function shortRef(ref: string): string {
  const { name, tag } = splitRef(ref);
  return `${name.replace(/^(docker\.io\/library\/|docker\.io\/|localhost\/)/, '')}:${tag}`;
}

function tail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch (err) {
    return `(no log at ${path}: ${(err as Error).message})`;
  }
}

function engineCommand(kind: EngineKind, dir: string, socketPath: string, storage: 'vfs' | 'overlay' = 'vfs'): { cmd: string; args: string[]; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: join(dir, 'tmp') };
  delete env.DOCKER_HOST;
  delete env.CONTAINER_HOST;
  if (kind === 'docker') {
    env.DOCKER_TMPDIR = join(dir, 'tmp');
    return {
      cmd: 'dockerd',
      env,
      args: [
        '--data-root', join(dir, 'data'),
        '--exec-root', join(dir, 'x'),
        '--pidfile', join(dir, 'pid'),
        '-H', `unix://${socketPath}`,
        `--storage-driver=${storage === 'overlay' ? 'overlay2' : 'vfs'}`,
        '--iptables=false',
        '--ip6tables=false',
        '--bridge=none',
      ],
    };
  }
  return {
    cmd: 'podman',
    env,
    args: [
      `--storage-driver=${storage}`,
      '--root', join(dir, 'root'),
      '--runroot', join(dir, 'run'),
      '--tmpdir', join(dir, 'libpod'),
      '--events-backend=none',
      '--cgroup-manager=cgroupfs',
      'system', 'service', '--time=0', `unix://${socketPath}`,
    ],
  };
}

export interface StartEngineOptions {
  /**
   * Use this existing folder instead of a fresh one: a socket path known before the engine
   * starts (DIR/sock), a store on a small tmpfs mounted at DIR, or a restart on the same store.
   */
  dir?: string;
  /** stop() leaves the folder (and its store) in place, for a restart on it. */
  keepDir?: boolean;
  /**
   * The store's driver: vfs (default) copies every layer whole, so it hides what sharing layers
   * saves; overlay (dockerd overlay2, Podman overlay) stores each layer once, as devices do.
   */
  storage?: 'vfs' | 'overlay';
}

/**
 * Engines keep their stores, staging (TMPDIR) and sockets under /var/tmp, on disk: /tmp is a RAM
 * tmpfs on a default Debian 13 (2.4 GB in a container), too small for the 1 GiB bomb's store plus
 * Podman's staging copies. The prefix stays short: unix socket paths must be < 108 bytes.
 */
export const ENGINE_BASE = '/var/tmp';

/**
 * For the enclosing describe(): a work dir /var/tmp/WORK_PREFIX… and a private KIND engine, made
 * before its tests (READY receives both), the engine wiped before each test, both removed after.
 */
export function enginePerSuite(kind: EngineKind, workPrefix: string, ready: (engine: TestEngine, work: string) => void, options: StartEngineOptions = {}): void {
  let engine: TestEngine | undefined;
  let work: string | undefined;
  before(async () => {
    work = mkdtempSync(join(ENGINE_BASE, workPrefix));
    engine = await startEngine(kind, options);
    ready(engine, work);
  });
  after(async () => {
    await engine?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });
  beforeEach(async () => engine!.wipe());
}

export async function startEngine(kind: EngineKind, options: StartEngineOptions = {}): Promise<TestEngine> {
  installExitHook();
  const dir = options.dir ?? mkdtempSync(join(ENGINE_BASE, `pd-${kind[0]}-`));
  const socketPath = join(dir, 'sock');
  const logPath = join(dir, 'engine.log');
  const { cmd, args, env } = engineCommand(kind, dir, socketPath, options.storage);
  mkdirSync(join(dir, 'tmp'), { recursive: true });

  const logFd = openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(cmd, args, { env, stdio: ['ignore', logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    if (child.pid !== undefined) live.delete(child.pid);
  });
  const pid = child.pid;
  if (pid === undefined) {
    const err = await spawnError;
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`cannot start ${kind} engine (${cmd}): ${err.message}`);
  }
  live.set(pid, { dir });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (!hasExited) {
      child.kill('SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_TIMEOUT_MS).then(() => true)]);
      if (timedOut) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    live.delete(pid);
    // dockerd's containerd normally exits with it; make sure (it is ours, found by pid file).
    killQuietly(containerdPid(dir));
    if (!options.keepDir) removeEngineDir(dir);
  };

  const engine = makeEngine(kind, socketPath, pid, dir, logPath, stop);

  // Wait for readiness: GET /_ping answers 200.
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = 'no attempt';
  while (Date.now() < deadline) {
    if (hasExited) {
      const { code, signal } = await exited;
      const log = engine.logTail(40);
      await stop();
      throw new Error(`${kind} engine exited during start-up (code ${code}, signal ${signal}); log tail:\n${log}`);
    }
    try {
      const res = await apiRequest(socketPath, 'GET', '/_ping', undefined, 2_000);
      if (res.status === 200) return engine;
      lastError = `HTTP ${res.status}: ${res.body}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await sleep(200);
  }
  const log = engine.logTail(40);
  await stop();
  throw new Error(
    `${kind} engine not ready on ${socketPath} after ${READY_TIMEOUT_MS / 1000} s (last: ${lastError}); log tail:\n${log}`,
  );
}

function makeEngine(
  kind: EngineKind,
  socketPath: string,
  pid: number,
  dir: string,
  logPath: string,
  stop: () => Promise<void>,
): TestEngine {
  const request = (method: string, path: string, body?: string | Buffer | Readable) =>
    apiRequest(socketPath, method, path, body);

  const expectOk = (what: string, res: ApiResponse, ok: number[] = [200, 201, 204]): void => {
    if (!ok.includes(res.status)) throw new Error(`${kind}: ${what} → HTTP ${res.status}: ${res.body}`);
  };

  const listImages = async (): Promise<ImageSummary[]> => {
    const res = await request('GET', '/images/json?all=1');
    expectOk('GET /images/json', res);
    return JSON.parse(res.body) as ImageSummary[];
  };

  const realTags = (img: ImageSummary): string[] =>
    (img.RepoTags ?? []).filter((t) => t !== '<none>:<none>');

  const imageIdOf = async (ref: string): Promise<string | null> => {
    const wanted = new Set(tagSpellings(kind, ref));
    const img = (await listImages()).find((i) => realTags(i).some((t) => wanted.has(t)));
    if (!img) return null;
    return img.Id.startsWith('sha256:') ? img.Id : `sha256:${img.Id}`;
  };

  return {
    kind,
    socketPath,
    pid,
    dir,
    logPath,
    stop,
    request,
    logTail: (lines = 40) => tail(logPath, lines),

    async inspect(ref) {
      const res = await request('GET', `/images/${ref}/json`);
      if (res.status === 404) return null;
      expectOk(`inspect ${ref}`, res);
      return JSON.parse(res.body) as ImageInspect;
    },

    async repoTags() {
      return (await listImages()).flatMap(realTags);
    },

    async hasTag(ref) {
      return (await imageIdOf(ref)) !== null;
    },

    imageIdOf,

    async removeImage(ref) {
      const res = await request('DELETE', `/images/${ref}?force=1`);
      expectOk(`remove ${ref}`, res, [200, 404]);
    },

    async wipe() {
      // Several passes: deleting by ID with force removes all tags; parents may appear later.
      for (let pass = 0; pass < 5; pass++) {
        const images = await listImages();
        if (images.length === 0) return;
        for (const img of images) {
          const res = await request('DELETE', `/images/${img.Id}?force=1`);
          expectOk(`remove ${img.Id}`, res, [200, 404, 409]);
        }
      }
      const left = await listImages();
      if (left.length > 0) throw new Error(`${kind}: wipe left ${left.length} images: ${JSON.stringify(left)}`);
    },

    async tag(src, repo, tag) {
      // Podman's compat tag endpoint expands a short repo to docker.io/library/…, while
      // load stores short names as localhost/…: tag under the name load would use.
      const target = splitRef(tagSpellings(kind, `${repo}:${tag}`)[0]!).name;
      const q = new URLSearchParams({ repo: target, tag });
      const res = await request('POST', `/images/${src}/tag?${q.toString()}`);
      expectOk(`tag ${src} ${repo}:${tag}`, res);
    },

    async load(archive) {
      const res = await request('POST', '/images/load?quiet=1', archive);
      // Docker 20.10 reports errors as HTTP 200 with errorDetail in the JSON stream.
      if (res.status !== 200 || res.body.includes('"errorDetail"') || res.body.includes('"error"')) {
        throw new Error(`${kind}: load failed → HTTP ${res.status}: ${res.body}`);
      }
      return res;
    },
  };
}
