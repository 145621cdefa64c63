// A fake container engine on a private unix socket (node:http), for the faults a real
// engine cannot be made to produce on demand: HTTP 500 on ping/inspect, a non-JSON load
// stream, a connection reset in the middle of a response, an engine that never answers.
// It answers the calls the daemon makes: GET /_ping, GET /images/NAME/json, POST /images/load,
// and GET /images/json filtered by reference (Docker ORs several values and matches only the
// familiar spelling; Podman 4.3 ANDs them).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { storedName } from '../../src/engine/names.js';
import { parseReference } from '../../src/list/reference.js';

export type FakeKind = 'docker' | 'podman';

export interface FakeImage {
  Id: string;
  RepoTags: string[];
}

export interface SeenCall {
  method: string;
  path: string;
  /** body bytes received (load only) */
  bodyBytes: number;
}

/** What to do for one request; return true when handled, false for the default answer. */
export type Handler = (req: IncomingMessage, res: ServerResponse, engine: FakeEngine) => boolean | Promise<boolean>;

export interface FakeEngineOptions {
  kind: FakeKind;
  /** Images present from the start, by the name the engine stores (docker.io/library/app:1, localhost/app:1). */
  images?: FakeImage[];
  ping?: Handler;
  inspect?: Handler;
  load?: Handler;
  list?: Handler;
  /** Podman 5 ORs several reference filters like Docker; Podman 4.3 (the default here) ANDs them. */
  orFilters?: boolean;
}

export interface FakeEngine {
  readonly socketPath: string;
  readonly kind: FakeKind;
  readonly images: Map<string, FakeImage>;
  readonly calls: SeenCall[];
  /** Add IMAGE under every name in its RepoTags. */
  add(image: FakeImage): void;
  close(): Promise<void>;
}

/** Drain a request body, counting bytes. */
export function drain(req: IncomingMessage): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    req.on('data', (c: Buffer) => (n += c.length));
    req.on('end', () => resolve(n));
    req.on('error', reject);
    req.on('aborted', () => resolve(n));
  });
}

export async function startFakeEngine(options: FakeEngineOptions): Promise<FakeEngine> {
  const dir = mkdtempSync('/tmp/pd-fake-');
  const socketPath = join(dir, 'sock');
  const images = new Map<string, FakeImage>();
  const calls: SeenCall[] = [];
  const sockets = new Set<Socket>();

  const engine: FakeEngine = {
    socketPath,
    kind: options.kind,
    images,
    calls,
    add(image) {
      for (const t of image.RepoTags) images.set(t, image);
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const img of options.images ?? []) engine.add(img);

  const pingHeaders = (): Record<string, string> =>
    options.kind === 'podman'
      ? { 'Libpod-Api-Version': '4.3.1', Server: 'Libpod/4.3.1 (linux)', 'Api-Version': '1.41' }
      : { Server: 'Docker/20.10.24+dfsg1 (linux)', 'Api-Version': '1.41' };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://engine');
    const path = url.pathname.replace(/^\/v[\d.]+/, '').replace(/^\/libpod/, '');
    const call: SeenCall = { method: req.method ?? '', path: `${path}${url.search}`, bodyBytes: 0 };
    calls.push(call);
    try {
      if (req.method === 'GET' && path === '/_ping') {
        if (options.ping && (await options.ping(req, res, engine))) return;
        res.writeHead(200, { 'Content-Type': 'text/plain', ...pingHeaders() });
        res.end('OK');
        return;
      }
      if (req.method === 'GET' && path === '/images/json') {
        if (options.list && (await options.list(req, res, engine))) return;
        const wanted = (JSON.parse(url.searchParams.get('filters') ?? '{}') as { reference?: string[] }).reference ?? [];
        const unique = [...new Set(images.values())];
        const matches = (image: FakeImage) => {
          // Docker compares a filter with the familiar spelling only (`org/app:1`, never `docker.io/org/app:1`).
          const spelled = options.kind === 'docker' ? image.RepoTags.map((tag) => tag.replace(/^docker\.io\/(?:library\/(?=[^/]+$))?/, '')) : image.RepoTags;
          const hits = wanted.map((name) => spelled.includes(name));
          return wanted.length === 0 || (options.kind === 'docker' || options.orFilters ? hits.some(Boolean) : hits.every(Boolean));
        };
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(unique.filter(matches).map((image) => ({ Id: image.Id, RepoTags: image.RepoTags }))));
        return;
      }
      const inspect = /^\/images\/(.+)\/json$/.exec(path);
      if (req.method === 'GET' && inspect) {
        if (options.inspect && (await options.inspect(req, res, engine))) return;
        const image = images.get(decodeURIComponent(inspect[1]!));
        if (!image) {
          res.writeHead(404, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ message: `No such image: ${inspect[1]}` }));
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ Id: image.Id, RepoTags: image.RepoTags }));
        return;
      }
      if (req.method === 'POST' && path === '/images/load') {
        if (options.load && (await options.load(req, res, engine))) return;
        const { bytes, head } = await drainKeepingHead(req);
        call.bodyBytes = bytes;
        const loaded = imagesInTar(head);
        for (const img of loaded) engine.add(img);
        const said = loaded.flatMap((i) => i.RepoTags).join(',');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        if (loaded.length === 0) res.end(`${JSON.stringify({ errorDetail: { message: 'no manifest.json in the archive' }, error: 'no manifest.json in the archive' })}\n`);
        else res.end(`${JSON.stringify({ stream: `Loaded image: ${said}\n` })}\n`);
        return;
      }
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: `page not found: ${req.method} ${path}` }));
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // An engine that never answers must not be timed out by node's own server limits.
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return engine;
}

/** Drain a request body, keeping its first 256 KiB (where manifest.json is). */
export function drainKeepingHead(req: IncomingMessage): Promise<{ bytes: number; head: Buffer }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const parts: Buffer[] = [];
    let kept = 0;
    req.on('data', (c: Buffer) => {
      bytes += c.length;
      if (kept < 256 * 1024) {
        parts.push(c);
        kept += c.length;
      }
    });
    const done = () => resolve({ bytes, head: Buffer.concat(parts) });
    req.on('end', done);
    req.on('aborted', done);
    req.on('error', reject);
  });
}

/** The images of a docker-archive whose first entry is manifest.json, under the names the engine stores. */
function imagesInTar(head: Buffer): FakeImage[] {
  if (head.length < 512) return [];
  const name = head.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '');
  if (name !== 'manifest.json') return [];
  const size = parseInt(head.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim(), 8);
  let manifest: { Config?: string; RepoTags?: string[] }[];
  try {
    manifest = JSON.parse(head.subarray(512, 512 + size).toString('utf8')) as typeof manifest;
  } catch {
    return [];
  }
  return manifest.map((m) => ({
    Id: `sha256:${(m.Config ?? '').replace(/\.json$/, '')}`,
    RepoTags: (m.RepoTags ?? []).flatMap((t) => {
      const parsed = parseReference(t);
      return parsed.ok ? [parsed.ref] : [];
    }).flatMap((ref) => [storedName('docker', ref), storedName('podman', ref)]),
  }));
}

/** A fake image ID. */
export function fakeId(seed: string): string {
  let h = 0;
  for (const c of seed) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `sha256:${h.toString(16).padStart(8, '0').repeat(8)}`;
}
