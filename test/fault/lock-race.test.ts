// Fault matrix, case 13: two runs and a stale lock. Several contender processes race for the
// lock, round after round, each round after a holder was SIGKILLed while holding it (a power
// cut or an OOM kill leaves its lock file behind). Exactly one may hold the lock at a time:
// every holder writes `enter`/`leave` lines to a shared log (O_APPEND) around a short hold,
// and the log must never show two holders at once. Every contender must get its turn.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

const LOCK_MODULE = new URL('../../src/system/lock.js', import.meta.url).href;
const ROUNDS = Number(process.env.PRELOAD_LOCK_ROUNDS ?? 100);
const CONTENDERS = 4;

let root: string;
before(() => {
  root = mkdtempSync('/tmp/pd-fault-lock-');
});
after(() => rmSync(root, { recursive: true, force: true }));

/** A long-lived contender: on each `go` line it takes the lock, logs enter, holds briefly, logs leave, releases, says `done`. */
const CONTENDER = `
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
const { acquireLock } = await import(process.env.LOCK_MODULE);
const [file, log] = process.argv.slice(2);
process.stdout.write('ready\\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'go') continue;
  try {
    const lock = await acquireLock({ file, timeoutSeconds: 30 });
    appendFileSync(log, 'enter ' + process.pid + '\\n');
    await new Promise((r) => setTimeout(r, Math.random() * 3));
    appendFileSync(log, 'leave ' + process.pid + '\\n');
    await lock.release();
    process.stdout.write('done\\n');
  } catch (error) {
    process.stdout.write('failed ' + String(error?.message ?? error).replace(/\\n/g, ' ') + '\\n');
  }
}
`;

/** Takes the lock, logs enter, says `held`, and waits to be killed. */
const VICTIM = `
import { appendFileSync } from 'node:fs';
const { acquireLock } = await import(process.env.LOCK_MODULE);
const [file, log] = process.argv.slice(2);
await acquireLock({ file, timeoutSeconds: 30 });
appendFileSync(log, 'enter ' + process.pid + '\\n');
process.stdout.write('held\\n');
setInterval(() => {}, 1000);
`;

interface Contender {
  child: ChildProcessWithoutNullStreams;
  next(): Promise<string>;
}

function startContender(script: string, file: string, log: string): Contender {
  const child = spawn(process.execPath, [script, file, log], { env: { ...process.env, LOCK_MODULE } });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  return {
    child,
    next: async () => {
      const { value, done } = await lines.next();
      if (done) throw new Error(`contender ${child.pid} exited: ${stderr}`);
      return value as string;
    },
  };
}

/** Replay the log: an `enter` while someone holds the lock is a double holder. */
function assertOneHolderAtATime(log: string): number {
  let holder: string | undefined;
  let entries = 0;
  for (const [index, line] of log.trim().split('\n').entries()) {
    const [what, pid] = line.split(' ');
    if (what === 'enter') {
      assert.equal(holder, undefined, `log line ${index + 1}: ${pid} entered while ${holder} held the lock\n${log}`);
      holder = pid;
      entries++;
    } else {
      assert.equal(holder, pid, `log line ${index + 1}: ${line} but the holder was ${holder}`);
      holder = undefined;
    }
  }
  return entries;
}

describe('lock race: exactly one holder', () => {
  it(`${ROUNDS} rounds: ${CONTENDERS} processes race for a lock whose holder was SIGKILLed`, async () => {
    const file = join(root, 'run', 'lock');
    const log = join(root, 'holders.log');
    writeFileSync(log, '');
    const contenderScript = join(root, 'contender.mjs');
    const victimScript = join(root, 'victim.mjs');
    writeFileSync(contenderScript, CONTENDER);
    writeFileSync(victimScript, VICTIM);
    const contenders = Array.from({ length: CONTENDERS }, () => startContender(contenderScript, file, log));
    try {
      for (const c of contenders) assert.equal(await c.next(), 'ready');
      let staleFiles = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const victim = startContender(victimScript, file, log);
        assert.equal(await victim.next(), 'held');
        const killed = once(victim.child, 'exit');
        // Even rounds: the contenders start on a stale lock. Odd rounds: they are already
        // waiting when the holder dies.
        if (round % 2 === 1) {
          for (const c of contenders) c.child.stdin.write('go\n');
          await sleep(5 + Math.random() * 20);
        }
        // Nobody may have entered while the victim holds the lock. Its `leave` goes in before the
        // kill: once the kill lands, a waiting contender may enter sooner than this process
        // hears of the death (seen in a slow container), and that must not read as two holders.
        assert.match(readFileSync(log, 'utf8'), new RegExp(`enter ${victim.child.pid}\\n$`), `round ${round}: someone entered while ${victim.child.pid} held the lock`);
        appendFileSync(log, `leave ${victim.child.pid}\n`);
        victim.child.kill('SIGKILL');
        await killed;
        if (round % 2 === 0 && existsSync(file)) staleFiles++;
        if (round % 2 === 0) for (const c of contenders) c.child.stdin.write('go\n');
        const answers = await Promise.all(contenders.map((c) => c.next()));
        assert.deepEqual(answers, contenders.map(() => 'done'), `round ${round}: every contender gets the lock in turn`);
        assertOneHolderAtATime(readFileSync(log, 'utf8'));
      }
      const entries = assertOneHolderAtATime(readFileSync(log, 'utf8'));
      assert.equal(entries, ROUNDS * (CONTENDERS + 1));
      console.log(`# ${ROUNDS} rounds, ${entries} holds, never two at once; the killed holder's lock file was there when the race started in ${staleFiles} of ${Math.ceil(ROUNDS / 2)} stale rounds`);
      assert.equal(existsSync(file), false, 'the last holder removed the lock file');
    } finally {
      for (const c of contenders) c.child.kill();
    }
  });
});
