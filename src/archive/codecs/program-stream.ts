import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';
import { PackError } from '../../errors.js';
import { lastMessage } from './decode-error.js';
import { installHint, PROGRAMS, type ProgramFormat } from './programs.js';

const STDERR_TAIL = 4096;

/**
 * A program as a stream stage: what is written goes to its stdin, its stdout is what is read.
 * The pipes carry the backpressure both ways. The stream fails with the program's own message
 * when it exits non-zero, and kills the program if the stream is destroyed first.
 */
export function programStream(format: ProgramFormat, args: string[]): Duplex {
  const { command } = PROGRAMS[format];
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-STDERR_TAIL)));
  // EPIPE when the program died early: its exit status is the error worth reporting.
  child.stdin.on('error', () => {});
  const exited = new Promise<Error | undefined>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code === 'ENOENT' ? new PackError(`the ${command} program is not installed: ${installHint(format)}`, { cause: error }) : error);
    });
    child.once('close', (code, signal) => {
      resolve(code === 0 ? undefined : new PackError(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}): ${lastMessage(stderr, /^[^:]*:\s*/)}`));
    });
  });

  const stream = new Duplex({
    read() {
      child.stdout.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      if (child.stdin.write(chunk)) callback();
      else child.stdin.once('drain', () => callback());
    },
    final(callback) {
      child.stdin.end(() => callback());
    },
    destroy(error, callback) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      callback(error);
    },
  });
  child.stdout.on('data', (data: Buffer) => {
    if (!stream.push(data)) child.stdout.pause();
  });
  // 'close' comes after the last stdout data: the stream ends only once the exit status is known.
  void exited.then((error) => (error ? stream.destroy(error) : stream.push(null)));
  return stream;
}
