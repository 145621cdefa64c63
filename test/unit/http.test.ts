import assert from 'node:assert/strict';
import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unpooled, type Chunk } from '../../src/archive/chunk.js';
import { download, EngineHttpError, request, upload } from '../../src/engine/http.js';
import { classifyError } from '../../src/classify-error.js';
import { tempDirPerSuite } from './support.js';

/** A node:http server on a unix socket in a temp dir; `handle` answers each request. */
function socketServer(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const dir = tempDirPerSuite('http');
  const server = http.createServer((req, res) => handle(req, res));
  const holder = { socket: '' };
  before(async () => {
    holder.socket = join(dir.path, 'engine.sock');
    server.listen(holder.socket);
    await once(server, 'listening');
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  return holder;
}

async function* chunks(parts: Buffer[], released: string[]): AsyncIterable<Chunk> {
  for (const [i, data] of parts.entries()) yield { ...unpooled(data), release: () => released.push(`chunk ${i}`) };
}

describe('engine/http.ts against a local server on a unix socket', () => {
  let uploaded = 0;
  const server = socketServer((req, res) => {
    if (req.url === '/_ping') return res.writeHead(200, { 'Api-Version': '1.41' }).end('OK');
    if (req.url === '/slow') return; // never answers
    if (req.url === '/missing/get') return res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"no such image: x"}');
    if (req.url === '/images/get') {
      res.writeHead(200);
      for (let i = 0; i < 64; i++) res.write(Buffer.alloc(16384, i));
      return res.end();
    }
    if (req.url === '/images/load?quiet=1') {
      req.on('data', (data: Buffer) => (uploaded += data.length));
      req.on('end', () => res.writeHead(200).end('{"stream":"Loaded image: app:1\\n"}\n'));
      return;
    }
    res.writeHead(500).end('{"message":"boom"}');
  });

  it('request() returns status, headers and body', async () => {
    const response = await request(server.socket, 'GET', '/_ping', { timeoutMs: 30_000 });
    assert.equal(response.status, 200);
    assert.equal(response.headers['api-version'], '1.41');
    assert.equal(response.text, 'OK');
  });

  it('a silent engine is a timeout error (code timeout), not a hang', async () => {
    await assert.rejects(request(server.socket, 'GET', '/slow', { timeoutMs: 100 }), (error: unknown) => {
      assert.ok(error instanceof EngineHttpError);
      assert.equal(classifyError(error).code, 'timeout');
      assert.match(error.message, /no answer within 100 ms to GET \/slow/);
      return true;
    });
  });

  it('a socket that does not exist is engine-unreachable (exit 3)', async () => {
    await assert.rejects(request(`${server.socket}.absent`, 'GET', '/_ping'), (error: unknown) => {
      assert.ok(error instanceof EngineHttpError);
      assert.equal(classifyError(error).code, 'engine-unreachable');
      assert.equal(classifyError(error).exitCode, 3);
      assert.equal(error.errno, 'ENOENT');
      assert.ok(error.cause instanceof Error, 'keeps the system error as cause');
      return true;
    });
  });

  it('upload() sends every chunk, releases each once written, and returns the answer', async () => {
    const released: string[] = [];
    const parts = [Buffer.alloc(100_000, 1), Buffer.alloc(50_000, 2), Buffer.alloc(7, 3)];
    const response = await upload(server.socket, '/images/load?quiet=1', chunks(parts, released));
    assert.equal(response.status, 200);
    assert.match(response.text, /Loaded image: app:1/);
    assert.equal(uploaded, 150_007);
    assert.deepEqual(released.sort(), ['chunk 0', 'chunk 1', 'chunk 2']);
  });

  it('download() streams a 200 body', async () => {
    const body = await download(server.socket, '/images/get', { timeoutMs: 30_000 });
    let bytes = 0;
    for await (const data of body) bytes += (data as Buffer).length;
    assert.equal(bytes, 64 * 16384);
  });

  it("download() rejects any other answer with the engine's message", async () => {
    await assert.rejects(download(server.socket, '/missing/get'), (error: unknown) => {
      assert.ok(error instanceof EngineHttpError);
      assert.equal(classifyError(error).code, 'engine-refused');
      assert.match(error.message, /GET \/missing\/get answered: no such image: x/);
      return true;
    });
  });
});
