import { spawn } from 'node:child_process';
import { constants, existsSync } from 'node:fs';
import { mkdir, open, readFile, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, LockError } from '../errors.js';

// One run at a time (the boot unit and a manual --reload). The lock is a flock(2) on the
// lock file: the kernel gives it to exactly one open file, and drops it when its holder
// dies (power cut, SIGKILL), so a stale lock never blocks a boot and two runs can never
// both "break" it. Node has no flock(): the `flock` program (util-linux) takes it on our
// descriptor, which it inherits; the lock belongs to the shared open file, so it stays ours
// after the program exits, until we close the file. The file holds the holder's pid and
// start time, only to name it in messages.

export interface Lock {
  release(): Promise<void>;
}

export interface LockOptions {
  file: string;
  timeoutSeconds: number;
  signal?: AbortSignal;
  /** Called once when the lock is busy: `another run (pid N) is loading images`, or who else holds it. */
  onWaiting?: (holder: string) => void;
}

const POLL_MS = 200;
/** util-linux is Essential on Debian: found where it always is, whatever PATH a unit or a user sets. */
const FLOCK = existsSync('/usr/bin/flock') ? '/usr/bin/flock' : 'flock';

export async function acquireLock(options: LockOptions): Promise<Lock> {
  const me = await identity(process.pid);
  await mkdir(path.dirname(options.file), { recursive: true }).catch((error: Error) => {
    throw new ConfigError(`cannot create the folder of lock file ${options.file}: ${error.message}`, { hint: 'pass a writable --lock-file' });
  });
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let warned = false;
  for (let attempt = 0; ; attempt++) {
    const handle = await openLockFile(options.file);
    let owner: string | undefined;
    let oldStyleHolder = false;
    let busy = false;
    try {
      // First a quick try; then wait in the kernel until the holder lets go or time is up.
      busy = !(await flock(options.file, handle, attempt === 0 ? 0 : deadline - Date.now(), options.signal));
      if (!busy) {
        // The holder deletes the file before letting go: a lock on a deleted file is worth nothing.
        if (await isLockFileOf(handle, options.file)) {
          owner = await readOwner(options.file);
          // Only a run of an older preload-daemon (lock by file content alone) can be named here and alive.
          if (owner === undefined || owner === me || !(await isAlive(owner))) {
            await handle.truncate(0);
            await handle.write(`${me}\n`, 0);
            return { release: releaseOnce(options.file, handle, me) };
          }
          oldStyleHolder = true;
        }
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    await handle.close();
    // Got the lock of a file replaced under us: retry at once.
    if (!busy && !oldStyleHolder && Date.now() < deadline) continue;
    owner ??= await holderOf(options.file);
    const holder = await holderName(options.file, owner);
    if (Date.now() >= deadline) {
      throw new LockError(`${holder.who} still holds ${options.file} after ${options.timeoutSeconds} s`, { hint: 'wait for it to finish, or raise --lock-timeout' });
    }
    if (!warned) {
      options.onWaiting?.(holder.doing);
      warned = true;
    }
    // Retry at once when the file was replaced under us; an old-style holder can only be polled.
    if (oldStyleHolder) await sleep(POLL_MS, undefined, { signal: options.signal });
  }
}

async function openLockFile(file: string): Promise<FileHandle> {
  try {
    // O_RDWR without O_TRUNC: the holder's content stays readable to those who wait.
    return await open(file, constants.O_RDWR | constants.O_CREAT, 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'EISDIR' ? 'pass a --lock-file that is a regular file path' : 'pass a writable --lock-file';
    throw new ConfigError(`cannot create lock file ${file}: ${(error as Error).message}`, { hint });
  }
}

/** flock(LOCK_EX) on HANDLE through `flock -n` / `flock -w`: true once held, false when busy until WAIT_MS ran out. */
function flock(file: string, handle: FileHandle, waitMs: number, signal: AbortSignal | undefined): Promise<boolean> {
  const wait = waitMs <= 0 ? ['-n'] : ['-w', (waitMs / 1000).toFixed(3)];
  return new Promise((resolve, reject) => {
    // The descriptor becomes the child's fd 3; the lock taken on it is on our shared open file.
    const child = spawn(FLOCK, ['-x', ...wait, '3'], { stdio: ['ignore', 'ignore', 'pipe', handle.fd], signal });
    let stderr = '';
    child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') return reject(error);
      reject(new ConfigError(`cannot lock ${file}: running flock failed: ${error.message}`, { hint: 'install util-linux (it provides flock)' }));
    });
    child.once('close', (code) => {
      if (signal?.aborted) return; // the 'error' above reports it
      if (code === 0) resolve(true);
      else if (code === 1) resolve(false);
      else reject(new ConfigError(`cannot lock ${file}: flock exited with ${code}: ${stderr.trim()}`, { hint: 'pass a --lock-file on a local file system' }));
    });
  });
}

/** The run holding the lock now (`<pid> <start time>`), or undefined when no run is loading. */
export async function runningHolder(file: string): Promise<string | undefined> {
  const owner = await readOwner(file);
  return owner !== undefined && (await isAlive(owner)) ? owner : undefined;
}

/** The holder named in the file; a holder that has just taken the lock may not have written it yet. */
async function holderOf(file: string): Promise<string | undefined> {
  const owner = await readOwner(file);
  if (owner === undefined || (await isAlive(owner))) return owner;
  await sleep(50);
  return readOwner(file);
}

/**
 * Who holds the lock, for messages: a preload-daemon run names itself in the file; any other
 * program (`flock FILE …`, a script) is looked up in /proc/locks by the file's inode.
 */
async function holderName(file: string, owner: string | undefined): Promise<{ who: string; doing: string }> {
  const pid = owner?.split(' ')[0];
  if (owner !== undefined && pid && (await isAlive(owner))) return { who: `another preload-daemon run (pid ${pid})`, doing: `another run (pid ${pid}) is loading images` };
  const other = await flockHolder(file).catch(() => undefined);
  const who = other ? `another program (${other.command}, pid ${other.pid})` : 'another program';
  return { who, doing: `${who} holds ${file}` };
}

/** The live process /proc/locks names as holding a lock on FILE (a waiter's `->` lines are skipped). */
async function flockHolder(file: string): Promise<{ pid: string; command: string } | undefined> {
  const { dev, ino } = await stat(file);
  const device = `${major(dev).toString(16).padStart(2, '0')}:${minor(dev).toString(16).padStart(2, '0')}:${ino}`;
  for (const line of (await readFile('/proc/locks', 'utf8')).split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === '->' || fields[5] !== device) continue;
    const pid = fields[4]!;
    const command = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => undefined);
    // Our own runs take the lock through a short-lived `flock` child: a dead pid names nobody.
    if (command !== undefined) return { pid, command: command.trim() };
  }
  return undefined;
}

/** The kernel's dev_t split (glibc's gnu_dev_major/minor). */
function major(dev: number): number {
  return Number(((BigInt(dev) >> 8n) & 0xfffn) | ((BigInt(dev) >> 32n) & ~0xfffn));
}

function minor(dev: number): number {
  return Number((BigInt(dev) & 0xffn) | ((BigInt(dev) >> 12n) & ~0xffn));
}

async function isLockFileOf(handle: FileHandle, file: string): Promise<boolean> {
  const [ours, named] = await Promise.all([handle.stat(), stat(file).catch(() => undefined)]);
  return named !== undefined && named.ino === ours.ino && named.dev === ours.dev;
}

/** `<pid> <start time>`, 'unreadable 0' for other content, undefined when empty or gone. */
async function readOwner(file: string): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read lock file ${file}: ${error.message}`, { hint: 'pass a --lock-file that is a regular file path' });
  });
  const owner = text?.trim();
  if (!owner) return undefined;
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

/** Delete the file while still holding the lock, then close (which lets go); only once. */
function releaseOnce(file: string, handle: FileHandle, me: string): () => Promise<void> {
  let released: Promise<void> | undefined;
  return () =>
    (released ??= (async () => {
      if ((await isLockFileOf(handle, file)) && (await readOwner(file)) === me) await unlink(file).catch(() => {});
      await handle.close();
    })());
}
