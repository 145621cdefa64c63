import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Writable } from 'node:stream';
import { GarbageBudget } from '../../system/garbage.js';
import { unpooled, type Chunk } from '../chunk.js';
import { PIPE_FULL_COLLECTION_EVERY, PIPE_GARBAGE_BUDGET_BYTES } from '../limits.js';
import { DecodeError } from './decode-error.js';
import { isFileInput, type DecoderInput } from './input.js';
import { MissingProgramError, PROGRAMS, type ProgramFormat } from './programs.js';

export interface DecoderCommand {
  format: ProgramFormat;
  args: string[];
  /** The error for a run that exited non-zero, from the tail of its stderr. */
  failure(stderr: string): DecodeError;
}

/** Enough of stderr to hold the program's last few messages. */
const STDERR_TAIL = 4096;

/**
 * Decode through a child process. The pipes are the backpressure: the engine's pace stops our
 * reads, a full pipe stops the program. Whatever ends the stream (its end, a decode error, the
 * consumer giving up, an abort), the child is killed if still running and reaped before this returns.
 */
export async function* decodeWithProgram(command: DecoderCommand, input: DecoderInput, signal?: AbortSignal): AsyncGenerator<Chunk> {
  signal?.throwIfAborted();
  const { format } = command;
  // A file is handed to the program as its stdin: it reads the archive itself, no copy through Node.
  const stdin = isFileInput(input) ? input.file.fd : 'pipe';
  const child = spawn(PROGRAMS[format].command, command.args, { stdio: [stdin, 'pipe', 'pipe'] }) as ChildProcessWithoutNullStreams;
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, exitSignal) => resolve({ code, signal: exitSignal }));
    child.once('error', () => resolve({ code: null, signal: null })); // never spawned: no 'close' follows
  });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  signal?.addEventListener('abort', kill, { once: true });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-STDERR_TAIL)));
  let sourceError: unknown;
  try {
    await spawned(child, format);
    const feeding = isFileInput(input) ? Promise.resolve() : feed(input, child.stdin).catch((error: unknown) => {
      sourceError = error;
      kill();
    });
    const garbage = new GarbageBudget(PIPE_GARBAGE_BUDGET_BYTES, PIPE_FULL_COLLECTION_EVERY);
    for await (const data of child.stdout as AsyncIterable<Buffer>) {
      yield unpooled(data);
      // Pipe reads are fresh buffers: collect them every MiB so RSS stays flat (system/garbage.ts).
      await garbage.spend(data.length);
    }
    await feeding;
    const exit = await closed;
    signal?.throwIfAborted();
    if (sourceError !== undefined) throw sourceError;
    if (exit.signal !== null) {
      throw new DecodeError(
        format,
        `the ${PROGRAMS[format].command} decoder was killed (${exit.signal})`,
        'the system may be short of memory (see the kernel log); the next run tries again',
      );
    }
    if (exit.code !== 0) throw command.failure(stderr.trim());
  } finally {
    kill();
    signal?.removeEventListener('abort', kill);
    await closed; // reaped: no zombie outlives the entry
  }
}

function spawned(child: ChildProcessWithoutNullStreams, format: ProgramFormat): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new MissingProgramError(format) : error));
  });
}

/** Copy chunks into the program's stdin, one write in flight beyond the pipe's own buffer. */
async function feed(source: AsyncIterable<Chunk>, stdin: Writable): Promise<void> {
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

function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
