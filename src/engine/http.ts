import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { Chunk } from '../archive/chunk.js';
import { errorMessageOf } from './load-response.js';
import { formatMiB } from '../system/format-bytes.js';
import { AnswerKeepingSocket } from './answer-keeping-socket.js';

// A small HTTP client for the engine's unix socket. Not dockerode: importing it costs
// ~28 MB of RSS and ~0.14 s of start-up (measured), a third of a small board's budget and
// most of a warm boot, and its pipe() upload gives no per-chunk write callback, which the
// recycled buffers of the load pipeline need. Callers put the negotiated API version in the
// path (api-version.ts).

export interface EngineResponse {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
}

export interface RequestOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Cap on the response body kept in memory (a load's progress stream can be long). */
  maxBodyBytes?: number;
  /** upload(): how long the engine may take to answer once the whole body is sent. */
  answerTimeoutMs?: number;
  /** upload(): how long the socket may take no body bytes before the engine counts as stuck. */
  stallTimeoutMs?: number;
  /** upload(): the engine as messages name it (`docker on /run/docker.sock`). */
  engineName?: string;
}

/** How long an engine that closed the connection under our upload gets to finish its answer. */
export const EARLY_ANSWER_GRACE_MS = 2_000;

const DEFAULT_MAX_BODY = 1024 * 1024;

/** What to do when the engine's socket fails: the advice every engine failure without a better one gets. */
export const ENGINE_HINT = 'check the engine (systemctl status docker or podman); the next run tries again';

/**
 * The socket could not be used, or the engine went silent; `errno` is the system's code. Never
 * shown as is: classifyError (or engineFailure, for a message of the caller's) makes it a kind.
 */
export class EngineHttpError extends Error {
  override name = 'EngineHttpError';
  constructor(
    message: string,
    readonly errno?: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

export function request(socketPath: string, method: string, path: string, options: RequestOptions = {}): Promise<EngineResponse> {
  const req = open(socketPath, method, path, options);
  req.end();
  return responseOf(req, options);
}

/**
 * GET a long body as a stream (an image export): resolves with the response once the engine
 * answered 200; any other answer rejects with the engine's own message. The idle timeout
 * applies to the whole body, so a stalled export fails instead of hanging.
 */
export function download(socketPath: string, path: string, options: RequestOptions = {}): Promise<IncomingMessage> {
  const req = open(socketPath, 'GET', path, options);
  req.end();
  return new Promise((resolve, reject) => {
    req.on('error', (error) => reject(describe(error)));
    req.once('response', (res: IncomingMessage) => {
      if (res.statusCode === 200) return resolve(res);
      const parts: Buffer[] = [];
      res.on('data', (data: Buffer) => parts.push(data));
      res.once('error', (error) => reject(describe(error)));
      res.once('end', () => {
        const status = res.statusCode ?? 0;
        reject(new EngineHttpError(`GET ${path} answered: ${errorMessageOf(status, Buffer.concat(parts).toString('utf8').slice(0, 4096))}`, undefined));
      });
    });
  });
}

/** POST a body of chunks with backpressure; each chunk is released once the kernel has it. */
export async function upload(
  socketPath: string,
  path: string,
  body: AsyncIterable<Chunk>,
  options: RequestOptions = {},
): Promise<EngineResponse> {
  const socket = new AnswerKeepingSocket();
  const req = open(socketPath, 'POST', path, options, { 'Content-Type': 'application/x-tar' }, () => socket.connect({ path: socketPath }));
  const response = responseOf(req, options);
  // The engine may answer (with an error) before the body is done; stop sending then.
  let answered = false;
  response.then(
    () => (answered = true),
    () => (answered = true),
  );
  // It may also close the connection right after answering: stop sending, and give the
  // answer a moment to be read before reporting the failed write.
  let peerGone = false;
  socket.once('peer-gone', (error: Error & { code?: string }) => {
    peerGone = true;
    const grace = setTimeout(() => req.destroy(describe(error)), EARLY_ANSWER_GRACE_MS);
    req.once('response', () => clearTimeout(grace));
    req.once('close', () => clearTimeout(grace));
  });
  const progress = watchProgress(req, options, path);
  try {
    for await (const chunk of body) {
      if (answered || peerGone || req.destroyed) {
        chunk.release();
        break;
      }
      if (!req.write(chunk.data, progress.written(chunk))) await drained(req);
    }
  } catch (error) {
    req.destroy();
    response.catch(() => {}); // the body's own error is the one to report
    throw error;
  }
  if (!req.destroyed && !peerGone) req.end();
  const answerTimeoutMs = options.answerTimeoutMs;
  if (answerTimeoutMs !== undefined) {
    const timer = setTimeout(() => {
      req.destroy(new EngineHttpError(`no answer within ${answerTimeoutMs / 1000} s after the upload to ${path}`, 'ETIMEDOUT'));
    }, answerTimeoutMs);
    timer.unref();
    response.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
  }
  return response;
}

/**
 * The stall watch: while body bytes wait for the socket, the socket must take some within
 * the stall timeout. Time spent reading and decoding the archive does not count; only an
 * engine that stops reading (stuck storage, a frozen overlay) trips it.
 */
function watchProgress(req: ClientRequest, options: RequestOptions, path: string): { written(chunk: Chunk): () => void } {
  const stallMs = options.stallTimeoutMs;
  let sent = 0;
  let waiting = 0;
  let since = Date.now();
  const timer =
    stallMs === undefined
      ? undefined
      : setInterval(() => {
          if (waiting === 0 || Date.now() - since < stallMs) return;
          const engine = options.engineName ?? 'the engine';
          req.destroy(
            new EngineHttpError(`${engine} stopped reading the upload to ${path}: no progress for ${stallMs / 1000} s after ${formatMiB(sent)} (${sent} bytes) sent`, 'ESTALLED'),
          );
        }, Math.min(1000, Math.max(50, (stallMs ?? 0) / 4)));
  timer?.unref();
  req.once('close', () => clearInterval(timer));
  return {
    written(chunk) {
      if (waiting++ === 0) since = Date.now();
      const bytes = chunk.data.length;
      return () => {
        chunk.release();
        waiting--;
        sent += bytes;
        since = Date.now();
      };
    },
  };
}

function open(
  socketPath: string,
  method: string,
  path: string,
  options: RequestOptions,
  headers: Record<string, string> = {},
  createConnection?: () => AnswerKeepingSocket,
): ClientRequest {
  // No agent: one connection per request, made by us. (`agent: false` builds an Agent per
  // request, whose server-name check compiles node's IPv6 pattern: ~5 ms of a warm boot.)
  const req = http.request({
    socketPath,
    method,
    path,
    headers: { Host: 'engine', ...headers },
    signal: options.signal,
    createConnection: createConnection ?? (() => connect({ path: socketPath })),
  });
  if (options.timeoutMs !== undefined) {
    req.setTimeout(options.timeoutMs, () => {
      req.destroy(new EngineHttpError(`no answer within ${options.timeoutMs} ms to ${method} ${path}`, 'ETIMEDOUT'));
    });
  }
  return req;
}

function responseOf(req: ClientRequest, options: RequestOptions): Promise<EngineResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    // An engine that answers early (an error) and closes makes our remaining writes fail with
    // EPIPE: its answer is the one to report.
    req.on('error', (error) => {
      if (!answered) reject(describe(error));
    });
    req.once('response', (res: IncomingMessage) => {
      answered = true;
      const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
      const parts: Buffer[] = [];
      let kept = 0;
      res.on('data', (data: Buffer) => {
        // Keep the head and the tail: errors come last in a long progress stream.
        if (kept + data.length > limit && parts.length > 1) kept -= parts.splice(1, 1)[0]!.length;
        parts.push(data);
        kept += data.length;
      });
      res.once('error', (error) => reject(describe(error)));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString('utf8') }));
    });
  });
}

function drained(req: ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.once('drain', done);
    req.once('close', done);
  });
}

function describe(error: Error & { code?: string }): Error {
  if (error instanceof EngineHttpError || error.name === 'AbortError') return error;
  const reasons: Record<string, string> = {
    ENOENT: 'the socket does not exist',
    ECONNREFUSED: 'nothing is listening on the socket',
    EACCES: 'permission denied on the socket',
    ECONNRESET: 'the engine closed the connection',
    EPIPE: 'the engine closed the connection',
  };
  const reason = error.code ? reasons[error.code] : undefined;
  return new EngineHttpError(reason ? `${reason} (${error.code})` : error.message, error.code, error);
}
