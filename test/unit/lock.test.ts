import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { acquireLock } from '../../src/system/lock.js';
import { ExitCode, PreloadError } from '../../src/errors.js';
import { tempDirPerSuite } from './support.js';

/** `<pid> <start time>` of a running process, as the lock file stores it. */
function identityOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return `${pid} ${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}`;
}

/** A pid that belonged to a process which has exited, with a plausible start time. */
async function deadOwner(): Promise<string> {
  const child = spawn('true');
  await once(child, 'exit');
  return `${child.pid} 12345`;
}

describe('acquireLock', () => {
  const tmp = tempDirPerSuite('lock');
  let counter = 0;
  const lockFile = () => join(tmp.path, `run-${++counter}`, 'lock');

  it('creates the lock file (and its folder) with our pid and start time, and release removes it', async () => {
    const file = lockFile();
    const lock = await acquireLock({ file, timeoutSeconds: 1 });
    assert.equal(readFileSync(file, 'utf8'), `${identityOf(process.pid)}\n`);
    await lock.release();
    assert.equal(existsSync(file), false);
    assert.deepEqual(readdirSync(join(file, '..')), [], 'no aside file left behind');
  });

  it('can be acquired again after release, at once', async () => {
    const file = lockFile();
    await (await acquireLock({ file, timeoutSeconds: 1 })).release();
    const waitingFor: string[] = [];
    const again = await acquireLock({ file, timeoutSeconds: 1, onWaiting: (pid) => waitingFor.push(pid) });
    assert.deepEqual(waitingFor, [], 'nobody held it: no wait');
    assert.equal(readFileSync(file, 'utf8'), `${identityOf(process.pid)}\n`);
    await again.release();
    assert.equal(existsSync(file), false);
  });

  it('a second acquire while held fails with exit code 4 after about the timeout', async () => {
    const file = lockFile();
    const held = await acquireLock({ file, timeoutSeconds: 1 });
    const waitingFor: string[] = [];
    const started = Date.now();
    await assert.rejects(acquireLock({ file, timeoutSeconds: 0.5, onWaiting: (pid) => waitingFor.push(pid) }), (error: unknown) => {
      assert.ok(error instanceof PreloadError);
      assert.equal(error.exitCode, ExitCode.lockTimeout);
      assert.match(error.message, new RegExp(`\\(pid ${process.pid}\\) still holds ${file} after 0.5 s`));
      assert.match(error.hint ?? '', /--lock-timeout/);
      return true;
    });
    const elapsed = Date.now() - started;
    // The promise is --lock-timeout: it waits that long (0.5 s), then gives up rather than
    // waiting on. The upper bound only tells "gave up" from "waited for something else"
    // (the holder keeps it for good); 10 s of headroom covers a saturated machine.
    assert.ok(elapsed >= 450 && elapsed < 10_500, `gave up after ${elapsed} ms`);
    assert.deepEqual(waitingFor, [`another run (pid ${process.pid}) is loading images`], 'onWaiting is called once, naming the owner');
    assert.equal(readFileSync(file, 'utf8'), `${identityOf(process.pid)}\n`, 'the holder keeps its lock');
    await held.release();
  });

  it('a waiting acquire gets the lock once the holder releases it', async () => {
    const file = lockFile();
    const held = await acquireLock({ file, timeoutSeconds: 1 });
    let released = false;
    setTimeout(() => void held.release().then(() => (released = true)), 100);
    const waitingFor: string[] = [];
    const second = await acquireLock({ file, timeoutSeconds: 30, onWaiting: (pid) => waitingFor.push(pid) });
    assert.ok(released, 'got the lock only after the holder released it');
    assert.deepEqual(waitingFor, [`another run (pid ${process.pid}) is loading images`], 'said once whom it waited for');
    assert.equal(readFileSync(file, 'utf8'), `${identityOf(process.pid)}\n`, 'the lock file names the new holder');
    await second.release();
  });

  it('stops waiting when aborted', async () => {
    const file = lockFile();
    const held = await acquireLock({ file, timeoutSeconds: 1 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(acquireLock({ file, timeoutSeconds: 60, signal: controller.signal }), { name: 'AbortError' });
    await held.release();
  });

  const staleOwners: Array<[label: string, content: () => Promise<string> | string]> = [
    ['a dead pid', async () => `${await deadOwner()}\n`],
    ['our own pid with another start time (pid reused)', () => `${process.pid} 1\n`],
    ['garbage', () => 'not a lock file at all'],
    ['an empty file', () => ''],
  ];
  for (const [label, content] of staleOwners) {
    it(`takes over a stale lock holding ${label} immediately`, async () => {
      const file = lockFile();
      await acquireLock({ file, timeoutSeconds: 1 }).then((lock) => lock.release()); // create the folder
      writeFileSync(file, await content());
      const waitingFor: string[] = [];
      // flock(2) says at once that nobody holds it: no wait, whatever the file holds (a wait
      // would call onWaiting; a wait to the timeout would reject).
      const lock = await acquireLock({ file, timeoutSeconds: 10, onWaiting: (pid) => waitingFor.push(pid) });
      assert.deepEqual(waitingFor, [], 'taken over without waiting for anyone');
      assert.equal(readFileSync(file, 'utf8'), `${identityOf(process.pid)}\n`);
      await lock.release();
    });
  }

  it('does not take over a lock held by another live process', async () => {
    const file = lockFile();
    const child = spawn('sleep', ['30']);
    try {
      await once(child, 'spawn');
      await acquireLock({ file, timeoutSeconds: 1 }).then((lock) => lock.release());
      writeFileSync(file, `${identityOf(child.pid!)}\n`);
      await assert.rejects(acquireLock({ file, timeoutSeconds: 0.2 }), { exitCode: ExitCode.lockTimeout });
      assert.equal(readFileSync(file, 'utf8'), `${identityOf(child.pid!)}\n`);
    } finally {
      child.kill();
    }
  });

  it('release does not delete a lock that someone else owns now', async () => {
    const file = lockFile();
    const lock = await acquireLock({ file, timeoutSeconds: 1 });
    const other = '1 99\n';
    writeFileSync(file, other);
    await lock.release();
    assert.equal(readFileSync(file, 'utf8'), other);
  });

  it('is a flock(2) on the lock file: another process cannot flock it while held, and can after release', async () => {
    const file = lockFile();
    const lock = await acquireLock({ file, timeoutSeconds: 1 });
    // The flock program that took the lock has exited; the lock stays with our open file.
    assert.equal(spawnSync('flock', ['-n', file, 'true']).status, 1, 'flock -n from another process is refused while we hold it');
    await lock.release();
    assert.equal(spawnSync('flock', ['-n', file, 'true']).status, 0, 'free after release');
  });

  it('waits for a holder that is another process (`flock FILE …`), and gets it only once that one has let go', async () => {
    const file = lockFile();
    await acquireLock({ file, timeoutSeconds: 1 }).then((lock) => lock.release()); // create the folder
    const mark = `${file}.holder-done`;
    const holder = spawn('flock', ['-x', file, 'sh', '-c', `echo held; sleep 0.5; echo done > ${mark}`]);
    await once(holder.stdout, 'data');
    const lock = await acquireLock({ file, timeoutSeconds: 10 });
    assert.ok(existsSync(mark), 'the other holder had finished before we got the lock');
    await lock.release();
  });

  it('release twice is harmless', async () => {
    const file = lockFile();
    const lock = await acquireLock({ file, timeoutSeconds: 1 });
    await lock.release();
    await lock.release();
    assert.equal(existsSync(file), false);
  });

  it('a lock file whose folder cannot be created is a PreloadError with the usage exit code', async () => {
    const blocker = join(tmp.path, 'a-file');
    writeFileSync(blocker, '');
    await assert.rejects(acquireLock({ file: join(blocker, 'lock'), timeoutSeconds: 0 }), (error: unknown) => {
      assert.ok(error instanceof PreloadError, `expected a PreloadError, got ${String(error)}`);
      assert.equal(error.exitCode, ExitCode.usage);
      assert.match(error.message, /lock file/);
      return true;
    });
  });
});
