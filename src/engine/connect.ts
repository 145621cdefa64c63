import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { EngineRefusedError, EngineUnreachableError, PreloadError, UsageError } from '../errors.js';
import { engineOn, REQUEST_TIMEOUT_MS, type Engine } from './engine.js';
import { ENGINE_HINT, request } from './http.js';
import { negotiateApiVersion } from './api-version.js';
import type { EngineKind } from './names.js';
import { socketsToTry, type EngineChoice } from './sockets.js';
import { quoted } from '../system/quote.js';

export { candidateSockets, type EngineChoice } from './sockets.js';

export interface ConnectOptions {
  engine: EngineChoice;
  socket: string | undefined;
  waitSeconds: number;
  /** How long the engine may take to answer a load once the upload is complete. */
  loadTimeoutSeconds?: number;
  /** How long the engine may take no upload bytes before the load is aborted. */
  stallTimeoutSeconds?: number;
  signal?: AbortSignal;
  onWaiting?: (socket: string, reason: string) => void;
  /** Where DOCKER_HOST / CONTAINER_HOST are read (process.env). */
  env?: NodeJS.ProcessEnv;
}

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 2_000;
/** Even without waiting (--wait-engine 0), one ping gets this long to answer. */
const MIN_PING_MS = 1_000;

/**
 * At boot the engine may not answer yet (socket activation, dockerd still starting):
 * ping with backoff until --wait-engine runs out, then fail with one line.
 */
export async function connectEngine(options: ConnectOptions): Promise<Engine> {
  const deadline = Date.now() + options.waitSeconds * 1000;
  const { sockets, explicit } = socketsToTry(options.engine, options.socket, options.env);
  let delay = FIRST_RETRY_MS;
  let lastReason = 'not tried';
  let lastError: unknown;
  let lastSocket = sockets[0]!;
  let warned = false;
  for (;;) {
    options.signal?.throwIfAborted();
    // With several candidates, only sockets that exist are worth a ping.
    const present = explicit || sockets.length === 1 ? sockets : sockets.filter((socket) => existsSync(socket));
    for (const socket of present) {
      lastSocket = socket;
      try {
        return await identify(socket, options, Math.max(MIN_PING_MS, Math.min(REQUEST_TIMEOUT_MS, deadline - Date.now())));
      } catch (error) {
        lastError = error;
        lastReason = (error as Error).message;
        // The socket's own failures (and an engine still starting) are worth retrying; a wrong engine kind is not.
        if (error instanceof PreloadError && !(error instanceof EngineRefusedError)) throw error;
      }
    }
    if (present.length === 0) lastReason = 'no engine socket exists yet';
    if (Date.now() + delay > deadline) break;
    if (!warned) {
      options.onWaiting?.(present.length ? lastSocket : sockets.join(', '), lastReason);
      warned = true;
    }
    await sleep(delay, undefined, { signal: options.signal });
    delay = Math.min(delay * 2, MAX_RETRY_MS);
  }
  const where = sockets.join(', ');
  throw new EngineUnreachableError(
    `no container engine answered on ${where} within ${options.waitSeconds} s: ${lastReason}`,
    { hint: explicit ? 'start the engine (docker.service or podman.socket) or fix --socket' : 'start the engine (docker.service or podman.socket), or pass --socket', cause: lastError },
  );
}

/**
 * Ask the engine what it is with /_ping (~5 ms; Podman's /version takes ~230 ms, as it asks
 * conmon and the OCI runtime): Podman adds Libpod-Api-Version; both name themselves in Server.
 */
async function identify(socketPath: string, options: ConnectOptions, timeoutMs: number): Promise<Engine> {
  const choice = options.engine;
  const response = await request(socketPath, 'GET', '/_ping', { timeoutMs, signal: options.signal });
  if (response.status !== 200) throw new EngineRefusedError(`GET /_ping answered HTTP ${response.status}`, { hint: ENGINE_HINT });
  // Both engines answer `OK` with an Api-Version header; anything else is another program on the socket, and waiting will not change it.
  if (response.text.trim() !== 'OK' && !response.headers['api-version']) {
    throw new EngineUnreachableError(`${socketPath} answered GET /_ping with ${quoted(response.text)}, not "OK" as Docker and Podman do: it is not a container engine`, {
      hint: "pass the engine's socket with --socket, or stop the program listening on this one",
    });
  }
  const kind: EngineKind = response.headers['libpod-api-version'] ? 'podman' : 'docker';
  const version = /^\w+\/(\S+)/.exec(String(response.headers.server ?? ''))?.[1] ?? 'unknown';
  if (choice !== 'auto' && choice !== kind) {
    throw new UsageError(`--engine ${choice} was asked for, but ${socketPath} is ${kind} ${version}`, { hint: `pass --engine ${kind} or --engine auto, or the other engine's socket` });
  }
  const apiVersion = negotiateApiVersion(String(response.headers['api-version'] ?? '') || undefined, socketPath);
  return engineOn(socketPath, kind, version, { loadTimeoutSeconds: options.loadTimeoutSeconds, stallTimeoutSeconds: options.stallTimeoutSeconds, apiVersion, signal: options.signal });
}
