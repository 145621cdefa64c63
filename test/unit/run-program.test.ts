import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runProgram } from '../../src/system/run-program.js';
import { createNotifier } from '../../src/system/notify.js';
import type { Logger } from '../../src/system/log.js';
import { tempDirPerSuite } from './support.js';

describe('runProgram', () => {
  it('returns stdout as bytes and ok on exit 0, with the extra env on top of ours', async () => {
    const r = await runProgram('sh', ['-c', 'printf "%s\\001" "$PD_X$PATH_SET"'], { env: { PD_X: 'x', PATH_SET: process.env.PATH ? 'p' : '' } });
    assert.equal(r.ok, true);
    assert.equal(r.code, 0);
    assert.deepEqual(r.stdout, Buffer.from('xp\x01'));
    assert.equal(r.message, '');
  });

  it('names the command, the exit code and the last stderr lines when it fails', async () => {
    const r = await runProgram('sh', ['-c', 'for i in 1 2 3 4 5; do echo line$i >&2; done; exit 3', 'arg with space']);
    assert.equal(r.ok, false);
    assert.equal(r.code, 3);
    assert.match(r.message, /^sh -c '.*' 'arg with space' failed with exit code 3: line3; line4; line5$/);
  });

  it('reports a signal', async () => {
    const r = await runProgram('sh', ['-c', 'kill -TERM $$']);
    assert.equal(r.ok, false);
    assert.equal(r.signal, 'SIGTERM');
    assert.match(r.message, /was killed by SIGTERM$/);
  });

  it('says a missing program is not installed instead of throwing', async () => {
    const r = await runProgram('pd-no-such-program', ['x']);
    assert.equal(r.ok, false);
    assert.equal(r.message, 'pd-no-such-program is not installed (not found in PATH)');
  });

  it('kills a program whose stdout exceeds the limit', async () => {
    const r = await runProgram('sh', ['-c', 'head -c 100000 /dev/zero'], { maxStdoutBytes: 1000 });
    assert.equal(r.ok, false);
    assert.match(r.message, /wrote more than 1000 bytes to stdout/);
  });
});

describe('createNotifier', () => {
  const tmp = tempDirPerSuite('notify');
  const debugs: unknown[] = [];
  const log = { debug: (o: unknown) => debugs.push(o) } as unknown as Logger;

  it('runs systemd-notify --pid=OURS --status=TEXT in order, under systemd only', async () => {
    const record = join(tmp.path, 'calls');
    const fake = join(tmp.path, 'systemd-notify');
    writeFileSync(fake, `#!/bin/sh\nprintf '%s|%s|%s\\n' "$NOTIFY_SOCKET" "$1" "$2" >>${record}\n`);
    chmodSync(fake, 0o755);
    const env = { ...process.env, PATH: `${tmp.path}:${process.env.PATH}`, NOTIFY_SOCKET: '/run/x' };
    const saved = process.env.PATH;
    process.env.PATH = env.PATH; // spawn looks the program up in our own PATH
    try {
      const n = createNotifier(log, env);
      n.status('loading 1/2');
      n.status('loaded 2, already present 0, failed 0');
      await n.flush();
    } finally {
      process.env.PATH = saved;
    }
    assert.equal(
      readFileSync(record, 'utf8'),
      `/run/x|--pid=${process.pid}|--status=loading 1/2\n/run/x|--pid=${process.pid}|--status=loaded 2, already present 0, failed 0\n`,
    );
    const silent = createNotifier(log, {});
    silent.status('ignored');
    await silent.flush();
    assert.equal(readFileSync(record, 'utf8').split('\n').length, 3, 'no NOTIFY_SOCKET: nothing runs');
  });

  it('a failing systemd-notify is a debug line, not an error', async () => {
    const n = createNotifier(log, { NOTIFY_SOCKET: '/run/x', PATH: '/nonexistent' });
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      n.status('x');
      await n.flush();
    } finally {
      process.env.PATH = saved;
    }
    assert.match(JSON.stringify(debugs.at(-1)), /systemd-notify is not installed/);
  });
});
