import { spawn } from 'node:child_process';

export interface RunOptions {
  /** Added to the inherited environment. */
  env?: NodeJS.ProcessEnv;
  /** stdout beyond this many bytes is an error (the child is killed): default 64 MiB. */
  maxStdoutBytes?: number;
}

export interface RunResult {
  /** Exit code 0, no signal, the program could be started and its output fitted. */
  ok: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
  /** `COMMAND ARGS failed with exit code N: LAST STDERR LINES`, or why it could not run. */
  message: string;
}

const STDERR_KEEP = 16 * 1024;
const TAIL_LINES = 3;

/**
 * Run a program to completion and collect its output, never throwing: the callers turn a
 * failure into their own error with `message`. Replaces execa for the three programs pack
 * runs (tar, skopeo, dpkg-deb): node:child_process does this in a few lines, and the bundle
 * loses execa's ~20 modules.
 */
export function runProgram(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const maxStdout = options.maxStdoutBytes ?? 64 * 1024 * 1024;
  const shown = [command, ...args].map(quote).join(' ');
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let overflow = false;
    let stderr = '';
    let spawnError: Error | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxStdout) {
        overflow = true;
        child.kill('SIGKILL');
        return;
      }
      out.push(chunk);
    });
    // Only the tail of stderr matters for the message; keep memory bounded.
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEEP);
    });
    child.once('error', (error) => {
      spawnError = error;
    });
    child.once('close', (code, signal) => {
      const stdout = Buffer.concat(out);
      const ok = !spawnError && !overflow && code === 0 && signal === null;
      resolve({ ok, code, signal, stdout, stderr, message: ok ? '' : describe(shown, command, code, signal, stderr, spawnError, overflow, maxStdout) });
    });
  });
}

function describe(
  shown: string,
  command: string,
  code: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
  spawnError: Error | undefined,
  overflow: boolean,
  maxStdout: number,
): string {
  if (spawnError) {
    const errno = (spawnError as NodeJS.ErrnoException).code;
    if (errno === 'ENOENT') return `${command} is not installed (not found in PATH)`;
    return `${shown} could not be started: ${spawnError.message}`;
  }
  if (overflow) return `${shown} wrote more than ${maxStdout} bytes to stdout`;
  const how = signal ? `was killed by ${signal}` : `failed with exit code ${code}`;
  const tail = lastLines(stderr, TAIL_LINES);
  return `${shown} ${how}${tail ? `: ${tail}` : ''}`;
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

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
