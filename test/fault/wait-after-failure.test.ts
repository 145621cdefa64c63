// `preload-daemon wait` after this boot's run failed an image (Quadlet apps and other units use it
// as ExecStartPre): it stops at once with the run's own reason instead of waiting out its
// timeout — but only once no run is loading any more, and only for failures of this boot.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { uptime } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { startFakeEngine, type FakeEngine } from '../helpers/fake-engine.js';
import { assertExit, errorLogs, logText } from '../helpers/fault.js';

let root: string;
let fake: FakeEngine;
before(async () => {
  root = mkdtempSync('/tmp/pd-wait-');
  fake = await startFakeEngine({ kind: 'podman' });
});
after(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

function stateWith(name: string, at: Date): string {
  const file = join(root, `state-${Math.random().toString(36).slice(2)}.json`);
  const failures = { [name]: { archive: '/usr/share/preload-daemon/app/images/broken.tar.zst', message: 'archive …/broken.tar.zst (zstd): the archive ends in the middle of a zstd frame (truncated?). The archive is damaged: restore it from the firmware image', at: at.toISOString() } };
  writeFileSync(file, JSON.stringify({ version: 1, images: {}, failures }));
  return file;
}

function waitArgs(stateFile: string, lockFile: string, timeout: number, image: string): string[] {
  return ['wait', '--engine', 'podman', '--socket', fake.socketPath, '--state-file', stateFile, '--lock-file', lockFile, '--timeout', String(timeout), image];
}

describe('wait after the boot run failed the image', () => {
  it("stops at once with the run's reason, for any spelling the engine accepts", async () => {
    const r = await runCli(waitArgs(stateWith('quadlet/broken:1', new Date()), join(root, 'no-lock'), 60, 'localhost/quadlet/broken:1'), { timeoutMs: 30_000 });
    assertExit(r, 1);
    // The promise: it stops at once instead of waiting to its 60 s --timeout. Under 20 s tells
    // the two apart with room for a loaded machine.
    assert.ok(r.durationMs < 20_000, `waited ${r.durationMs} ms`);
    const [line, ...rest] = errorLogs(r).map(logText);
    assert.equal(rest.length, 0);
    assert.match(line ?? '', /localhost\/quadlet\/broken:1 is missing: this boot's load run failed it .*broken\.tar\.zst.*truncated/);
  });

  it('keeps waiting (to its timeout) while a run still holds the lock', async () => {
    const lockFile = join(root, 'held.lock');
    writeFileSync(lockFile, `${process.pid} ${startTimeOf(process.pid)}\n`);
    const r = await runCli(waitArgs(stateWith('quadlet/broken:1', new Date()), lockFile, 2, 'quadlet/broken:1'), { timeoutMs: 30_000 });
    assertExit(r, 1);
    assert.match(errorLogs(r).map(logText).join('\n'), /still missing after 2 s: quadlet\/broken:1/);
  });

  it('ignores a failure from before this boot', async () => {
    const beforeBoot = new Date(Date.now() - (uptime() + 60) * 1000);
    const r = await runCli(waitArgs(stateWith('quadlet/broken:1', beforeBoot), join(root, 'no-lock'), 2, 'quadlet/broken:1'), { timeoutMs: 30_000 });
    assertExit(r, 1);
    assert.match(errorLogs(r).map(logText).join('\n'), /still missing after 2 s/);
  });

  it('an image present despite a recorded failure (loaded by hand since) is fine', async () => {
    fake.add({ Id: `sha256:${'c'.repeat(64)}`, RepoTags: ['localhost/quadlet/fixed:1'] });
    const r = await runCli(waitArgs(stateWith('quadlet/fixed:1', new Date()), join(root, 'no-lock'), 5, 'quadlet/fixed:1'), { timeoutMs: 30_000 });
    assertExit(r, 0);
  });
});

/** Field 22 of /proc/PID/stat, as the lock file records its holder. */
function startTimeOf(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
}
