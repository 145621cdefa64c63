// A private Docker registry (Debian's docker-registry, distribution 2.8) for docker://
// sources: plain HTTP on 127.0.0.1, its own storage dir, started and stopped by pid.
//
// skopeo refuses plain HTTP unless told otherwise. skopeo 1.9 ignores
// CONTAINERS_REGISTRIES_CONF, but it reads the user's $HOME/.config/containers/registries.conf:
// `home` is a HOME whose registries.conf marks this registry insecure (what a user of an
// internal HTTP registry would configure), to be passed to the packer's environment.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

export const REGISTRY_BINARY = '/usr/bin/docker-registry';

const run = promisify(execFile);

export interface TestRegistry {
  /** 127.0.0.1:PORT */
  readonly host: string;
  readonly pid: number;
  /** A HOME whose containers registries.conf lets skopeo talk plain HTTP to this registry. */
  readonly home: string;
  /** Copy an image into the registry with skopeo, e.g. push('docker-archive:/x.tar', 'team/app:1'). */
  push(source: string, repoTag: string): Promise<void>;
  /** The registry's digest of the manifest (or index) behind NAME:TAG (Docker-Content-Digest). */
  manifestDigest(repoTag: string): Promise<string>;
  /** The manifest behind NAME:TAG, as JSON. */
  manifest(repoTag: string): Promise<{ config?: { digest: string } }>;
  stop(): Promise<void>;
}

const ACCEPT = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function splitRepoTag(repoTag: string): [string, string] {
  const colon = repoTag.lastIndexOf(':');
  return colon > repoTag.lastIndexOf('/') ? [repoTag.slice(0, colon), repoTag.slice(colon + 1)] : [repoTag, 'latest'];
}

export async function startRegistry(): Promise<TestRegistry> {
  if (!existsSync(REGISTRY_BINARY)) {
    throw new Error(`${REGISTRY_BINARY} is missing: install Debian's docker-registry package (the tests run it privately on 127.0.0.1, not as a service)`);
  }
  const dir = mkdtempSync('/tmp/pd-reg-');
  const host = `127.0.0.1:${await freePort()}`;
  const configPath = join(dir, 'config.yml');
  writeFileSync(
    configPath,
    ['version: 0.1', 'log:', '  level: warn', 'storage:', '  filesystem:', `    rootdirectory: ${join(dir, 'data')}`,
      'http:', `  addr: ${host}`, '  secret: preload-daemon-test', ''].join('\n'),
  );
  const home = join(dir, 'home');
  mkdirSync(join(home, '.config', 'containers'), { recursive: true });
  writeFileSync(join(home, '.config', 'containers', 'registries.conf'), `[[registry]]\nlocation = "${host}"\ninsecure = true\n`);

  const logPath = join(dir, 'registry.log');
  const logFd = openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(REGISTRY_BINARY, ['serve', configPath], { stdio: ['ignore', logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  child.once('error', () => undefined);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const logTail = () => (existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n') : '');

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      await Promise.race([exit, sleep(10_000).then(() => child.kill('SIGKILL'))]);
      await exit;
    }
    process.removeListener('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited) {
      const log = logTail();
      await stop();
      throw new Error(`docker-registry exited during start-up; log tail:\n${log}`);
    }
    const ok = await fetch(`http://${host}/v2/`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      const log = logTail();
      await stop();
      throw new Error(`docker-registry not ready on ${host} after 20 s; log tail:\n${log}`);
    }
    await sleep(100);
  }
  if (child.pid === undefined) throw new Error('docker-registry has no pid');

  const manifestResponse = async (repoTag: string, method: 'GET' | 'HEAD') => {
    const [repo, tag] = splitRepoTag(repoTag);
    const res = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, { method, headers: { Accept: ACCEPT } });
    if (!res.ok) throw new Error(`registry ${host}: ${method} manifest ${repoTag} → HTTP ${res.status}`);
    return res;
  };

  return {
    host,
    pid: child.pid,
    home,
    stop,
    async push(source, repoTag) {
      await run('skopeo', ['copy', '--quiet', '--all', '--dest-tls-verify=false', source, `docker://${host}/${repoTag}`]);
    },
    async manifestDigest(repoTag) {
      const digest = (await manifestResponse(repoTag, 'HEAD')).headers.get('docker-content-digest');
      if (!digest) throw new Error(`registry ${host}: no Docker-Content-Digest for ${repoTag}`);
      return digest;
    },
    async manifest(repoTag) {
      return (await (await manifestResponse(repoTag, 'GET')).json()) as { config?: { digest: string } };
    },
  };
}
