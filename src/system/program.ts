import { accessSync, constants } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Duplex, PassThrough, type Writable } from 'node:stream';
import { drained } from './drained.js';

// Every program the daemon and pack run goes through here: Debian's zstd and xz (decoders and
// compressors: the same JavaScript on every architecture, Debian ships their security fixes,
// and their memory lives, capped, in their own process), skopeo, tar, dpkg-deb, systemd-notify.

/** The programs run, and the Debian package that installs each. */
export const DEBIAN_PACKAGES = {
  zstd: 'zstd',
  xz: 'xz-utils',
  skopeo: 'skopeo',
  tar: 'tar',
  'dpkg-deb': 'dpkg',
  'systemd-notify': 'systemd',
} as const;
export type Program = keyof typeof DEBIAN_PACKAGES;

/** The one explanation of a program that is not there, wherever it is needed. */
export function notInstalled(program: Program): { message: string; hint: string } {
  const debianPackage = DEBIAN_PACKAGES[program];
  return {
    message: `the ${program} program is not installed (not found in PATH)`,
    hint: `install the Debian package ${debianPackage} (apt-get install ${debianPackage}), then run again`,
  };
}

/** Whether `program` is an executable file in PATH (checked before pack starts writing). */
export function isInstalled(program: Program, searchPath = process.env.PATH ?? ''): boolean {
  return searchPath
    .split(path.delimiter)
    .filter((dir) => dir !== '')
    .some((dir) => {
      try {
        accessSync(path.join(dir, program), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/**
 * A run that could not start or did not exit 0. A plain Error: the caller makes it its own kind
 * (a decoder's DecodeError; classifyError makes pack's a PackError).
 */
export class ProgramError extends Error {
  override name = 'ProgramError';
  constructor(
    message: string,
    readonly program: Program,
    /** Exit code and signal, absent when it never started. */
    readonly exit: { code: number | null; signal: NodeJS.Signals | null } | undefined,
    /** The tail of its stderr, trimmed. */
    readonly stderr: string,
    /** What to do, when we know (the package to install). */
    readonly hint: string | undefined,
    readonly notInstalled: boolean,
  ) {
    super(message);
  }
}

/** What a stage reads, like archive/chunk.ts's Chunk: the buffer goes back to its pool once the pipe took it. */
export interface InputChunk {
  readonly data: Buffer;
  release(): void;
}

/** Enough of stderr to hold the program's last few messages. */
const STDERR_TAIL = 16 * 1024;
const TAIL_LINES = 3;

/**
 * A program as a stream stage: its stdout, read as it comes. Its stdin is an open file (handed
 * over: it reads the file itself, no copy through Node), chunks (written with one in flight
 * beyond the pipe's buffer), or nothing. The pipes are the backpressure: a slow reader of the
 * output stops the program, a full stdin stops our reads. Whatever ends the iteration (its end,
 * a failure, the reader giving up, the signal), the child is killed if still running and reaped
 * before this returns. A non-zero exit throws a ProgramError, after the output it wrote.
 */
export async function* programOutput(
  program: Program,
  args: readonly string[],
  options: { input?: { fd: number } | AsyncIterable<InputChunk>; signal?: AbortSignal } = {},
): AsyncGenerator<Buffer> {
  const { input, signal } = options;
  signal?.throwIfAborted();
  const fed = input !== undefined && Symbol.asyncIterator in input ? input : undefined;
  const stdin = input === undefined ? 'ignore' : fed ? 'pipe' : (input as { fd: number }).fd;
  const child = spawn(program, args, { stdio: [stdin, 'pipe', 'pipe'] });
  const run = watch(child);
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  signal?.addEventListener('abort', kill, { once: true });
  let sourceError: unknown;
  try {
    await run.spawned;
    const feeding = fed ? feed(fed, child.stdin!).catch((error: unknown) => {
      sourceError = error;
      kill();
    }) : undefined;
    yield* child.stdout as AsyncIterable<Buffer>;
    await feeding;
    const exit = await run.closed;
    signal?.throwIfAborted();
    if (sourceError !== undefined) throw sourceError;
    if (exit.code !== 0 || exit.signal !== null) throw failure(program, args, exit, run.stderr());
  } catch (error) {
    if (error instanceof SpawnFailure) throw failure(program, args, undefined, '', error.cause as NodeJS.ErrnoException);
    throw error;
  } finally {
    kill();
    signal?.removeEventListener('abort', kill);
    await run.closed; // reaped: no zombie outlives the stage
  }
}

/**
 * programOutput as a Duplex for stream pipelines (pack's compressors): what is written goes to
 * the program's stdin. Destroying the stream (a failure anywhere in the pipeline) kills it.
 */
export function programStream(program: Program, args: readonly string[]): Duplex {
  // Not Duplex.from(generator): on Node 20 its destroy() never aborts the generator's signal,
  // so a failing source left the program running and the process alive.
  const controller = new AbortController();
  const input = new PassThrough();
  const output = programOutput(program, args, { input: written(input), signal: controller.signal });
  let reading = false;
  return new Duplex({
    write(chunk: Buffer, _encoding, callback) {
      if (input.write(chunk)) callback();
      else input.once('drain', () => callback());
    },
    final(callback) {
      input.end();
      callback();
    },
    async read() {
      if (reading) return;
      reading = true;
      try {
        for (;;) {
          const next = await output.next();
          if (next.done) return void this.push(null);
          if (!this.push(next.value)) return;
        }
      } catch (error) {
        this.destroy(error as Error);
      } finally {
        reading = false;
      }
    },
    destroy(error, callback) {
      controller.abort();
      input.destroy();
      output.return(undefined).catch(() => {});
      callback(error);
    },
  });
}

async function* written(source: AsyncIterable<Buffer>): AsyncGenerator<InputChunk> {
  for await (const data of source) yield { data, release: () => {} };
}

export interface RunOptions {
  /** Added to the inherited environment. */
  env?: NodeJS.ProcessEnv;
  /** Its stdin (default: none). */
  stdin?: { fd: number };
  /** stdout beyond this many bytes is a failure (the child is killed): default 64 MiB. */
  maxStdoutBytes?: number;
  /** Killed after this long (a failure). */
  timeoutMs?: number;
}

export interface RunResult {
  /** Exit code 0, no signal, the program could be started and its output fitted. */
  ok: boolean;
  stdout: Buffer;
  /** Why not: the callers make it their own kind of error, with their own words first. */
  failure: ProgramError | undefined;
}

/** Run a program to completion and collect its output, never throwing. */
export function runProgram(program: Program, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const maxStdout = options.maxStdoutBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      env: options.env ? { ...process.env, ...options.env } : process.env,
      stdio: [options.stdin?.fd ?? 'ignore', 'pipe', 'pipe'],
      ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
    });
    const run = watch(child);
    const out: Buffer[] = [];
    let outBytes = 0;
    let overflow = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxStdout) {
        overflow = true;
        child.kill('SIGKILL');
        return;
      }
      out.push(chunk);
    });
    run.spawned.then(
      async () => {
        const exit = await run.closed;
        const stdout = Buffer.concat(out);
        if (overflow) {
          resolve({ ok: false, stdout, failure: new ProgramError(`${shown(program, args)} wrote more than ${maxStdout} bytes to stdout`, program, exit, run.stderr(), undefined, false) });
        } else if (exit.code !== 0 || exit.signal !== null) {
          resolve({ ok: false, stdout, failure: failure(program, args, exit, run.stderr()) });
        } else {
          resolve({ ok: true, stdout, failure: undefined });
        }
      },
      (error: SpawnFailure) => resolve({ ok: false, stdout: Buffer.alloc(0), failure: failure(program, args, undefined, '', error.cause as NodeJS.ErrnoException) }),
    );
  });
}

/** A spawn that failed (ENOENT, EACCES): no 'close' follows. */
class SpawnFailure extends Error {}

function watch(child: ChildProcess) {
  let stderr = '';
  // Only the tail of stderr matters for the message; keep memory bounded.
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-STDERR_TAIL)));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) => reject(new SpawnFailure(error.message, { cause: error })));
  });
  spawned.catch(() => {});
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
    spawned.catch(() => resolve({ code: null, signal: null }));
  });
  return { spawned, closed, stderr: () => stderr.trim() };
}

/** Copy chunks into the program's stdin, one write in flight beyond the pipe's own buffer. */
async function feed(source: AsyncIterable<InputChunk>, stdin: Writable): Promise<void> {
  // The program may exit early (a corrupt archive): EPIPE here is expected, its exit status tells why.
  stdin.on('error', () => {});
  try {
    for await (const chunk of source) {
      if (stdin.destroyed) {
        chunk.release();
        break;
      }
      // The pipe writes straight from the buffer, so it goes back to the pool only once written.
      if (!stdin.write(chunk.data, () => chunk.release())) await drained(stdin);
    }
  } finally {
    stdin.end();
  }
}

function failure(
  program: Program,
  args: readonly string[],
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined,
  stderr: string,
  spawnError?: NodeJS.ErrnoException,
): ProgramError {
  if (exit === undefined) {
    if (spawnError?.code === 'ENOENT') {
      const { message, hint } = notInstalled(program);
      return new ProgramError(message, program, undefined, '', hint, true);
    }
    return new ProgramError(`${program} could not be started: ${spawnError?.message ?? 'unknown error'}`, program, undefined, '', undefined, false);
  }
  const how = exit.signal ? `was killed by ${exit.signal}` : `failed with exit code ${exit.code}`;
  const tail = lastLines(stderr, TAIL_LINES);
  return new ProgramError(`${shown(program, args)} ${how}${tail ? `: ${tail}` : ''}`, program, exit, stderr, undefined, false);
}

/** The last N non-empty lines of TEXT, joined with "; ". */
export function lastLines(text: string, n: number): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-n)
    .join('; ');
}

function shown(program: Program, args: readonly string[]): string {
  return [program, ...args].map(quote).join(' ');
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
