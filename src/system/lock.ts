import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ExitCode, PreloadError } from '../errors.js';

// One run at a time (the boot unit and a manual --reload). The lock file holds the owner's
// pid and start time (from /proc), so a lock left by a run that was killed (power cut,
// SIGKILL) is recognised as stale even if its pid was reused, and never blocks a boot.

export interface Lock {
  release(): Promise<void>;
}

export interface LockOptions {
  file: string;
  timeoutSeconds: number;
  signal?: AbortSignal;
  onWaiting?: (owner: string) => void;
}

const POLL_MS = 200;

export async function acquireLock(options: LockOptions): Promise<Lock> {
  const me = await identity(process.pid);
  await mkdir(path.dirname(options.file), { recursive: true }).catch((error: Error) => {
    throw new PreloadError(`cannot create the folder of lock file ${options.file}: ${error.message}`, {}, 'pass a writable --lock-file', ExitCode.usage);
  });
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let warned = false;
  for (;;) {
    if (await tryCreate(options.file, me)) return { release: () => releaseIfOurs(options.file, me) };
    const owner = await readOwner(options.file);
    if (owner !== undefined && !(await isAlive(owner))) {
      await unlink(options.file).catch(() => {});
      continue;
    }
    if (Date.now() >= deadline) {
      throw new PreloadError(
        `another preload-daemon run (pid ${owner?.split(' ')[0] ?? '?'}) still holds ${options.file} after ${options.timeoutSeconds} s`,
        {},
        'wait for it to finish, or raise --lock-timeout',
        ExitCode.lockTimeout,
      );
    }
    if (!warned && owner !== undefined) {
      options.onWaiting?.(owner.split(' ')[0]!);
      warned = true;
    }
    await sleep(POLL_MS, undefined, { signal: options.signal });
  }
}

/** Written aside, then linked into place: the lock file is never seen half-written. */
async function tryCreate(file: string, me: string): Promise<boolean> {
  const aside = `${file}.${process.pid}`;
  try {
    await writeFile(aside, `${me}\n`, { mode: 0o644 });
    await link(aside, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new PreloadError(`cannot create lock file ${file}: ${(error as Error).message}`, {}, 'pass a writable --lock-file', ExitCode.usage);
  } finally {
    await unlink(aside).catch(() => {});
  }
}

/** `<pid> <start time>`, or undefined when the lock vanished meanwhile. */
async function readOwner(file: string): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new PreloadError(`cannot read lock file ${file}: ${error.message}`, {}, 'pass a --lock-file that is a regular file path', ExitCode.usage);
  });
  if (text === undefined) return undefined;
  const owner = text.trim();
  return /^\d+ \d+$/.test(owner) ? owner : 'unreadable 0';
}

async function isAlive(owner: string): Promise<boolean> {
  const [pid] = owner.split(' ');
  if (!pid || !/^\d+$/.test(pid)) return false;
  return (await identity(Number(pid)).catch(() => undefined)) === owner;
}

/** pid plus its start time in clock ticks since boot (field 22 of /proc/PID/stat). */
async function identity(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return `${pid} ${fields[19]}`;
}

async function releaseIfOurs(file: string, me: string): Promise<void> {
  if ((await readOwner(file)) === me) await unlink(file).catch(() => {});
}
