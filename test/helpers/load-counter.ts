// A transparent unix-socket proxy in front of an engine socket that records the
// request line of every HTTP request passing through it, so a test can prove
// that a run made no `POST …/images/load` request.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';

export interface SeenRequest {
  method: string;
  path: string;
}

export interface LoadCounter {
  /** Pass this as the daemon's --socket. */
  readonly socketPath: string;
  /** Every request line seen since start (or the last reset). */
  readonly requests: readonly SeenRequest[];
  /** Number of `POST …/images/load` requests seen. */
  readonly loadCount: number;
  reset(): void;
  close(): Promise<void>;
}

// A request line at the start of the stream or after a CRLF. Bodies (tar archives,
// compressed or not) do not contain "\r\nPOST /… HTTP/1.1\r\n" in practice.
const REQUEST_LINE = /\r\n([A-Z]{3,7}) (\S+) HTTP\/1\.[01]\r\n/g;
const CARRY = 4096;

export function isLoadRequest(r: SeenRequest): boolean {
  return r.method === 'POST' && /^(\/v[\d.]+)?(\/libpod)?\/images\/load(\?|$)/.test(r.path);
}

export async function startLoadCounter(engineSocket: string): Promise<LoadCounter> {
  const dir = mkdtempSync('/tmp/pd-proxy-');
  const socketPath = join(dir, 'sock');
  let requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect(engineSocket);
    sockets.add(client);
    sockets.add(upstream);
    // Scan the client→engine bytes for request lines; keep a tail so a line split
    // across chunks is still seen, and count only matches that end in the new data.
    let carry = '\r\n';
    client.on('data', (chunk: Buffer) => {
      const text = carry + chunk.toString('latin1');
      for (const m of text.matchAll(REQUEST_LINE)) {
        if ((m.index ?? 0) + m[0].length > carry.length) requests.push({ method: m[1]!, path: m[2]! });
      }
      carry = text.slice(-CARRY);
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const teardown = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', teardown);
    upstream.on('error', teardown);
    client.on('close', teardown);
    upstream.on('close', teardown);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });

  let closed = false;
  return {
    socketPath,
    get requests() {
      return requests;
    },
    get loadCount() {
      return requests.filter(isLoadRequest).length;
    },
    reset() {
      requests = [];
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Run FN with a load counter in front of ENGINE_SOCKET, closed afterwards. */
export async function withLoadCounter<T>(engineSocket: string, fn: (counter: LoadCounter) => Promise<T>): Promise<T> {
  const counter = await startLoadCounter(engineSocket);
  try {
    return await fn(counter);
  } finally {
    await counter.close();
  }
}
