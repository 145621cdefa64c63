// Every failure a user meets, through the built CLI (what the device runs): its kind (`code` in
// the JSON log), the process exit code the man page documents, and one line that names the
// file or image and says what to do. `internal` is for bugs: none of these may be one.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { acquireLock } from '../../src/system/lock.js';
import { describeRun, runCli, type CliResult } from '../helpers/cli.js';
import { startFakeEngine, type FakeEngine } from '../helpers/fake-engine.js';
import { assertHasHint, errorLogs, logText } from '../helpers/fault.js';
import { buildCompressedArchive, type BuiltArchive } from '../helpers/fixtures.js';
import { truncateFile, writeListDir, type ListDir } from '../helpers/lists.js';

const REF = 'walk/app:1';

let root: string;
let good: BuiltArchive;
let engine: FakeEngine;
let n = 0;

before(async () => {
  root = mkdtempSync('/tmp/pd-unit-walk-');
  good = await buildCompressedArchive({ repoTags: [REF], files: { 'etc/app': 'app\n' }, outDir: join(root, 'fx'), fileName: 'app.tar' }, 'zstd');
  engine = await startFakeEngine({ kind: 'docker' });
});
after(async () => {
  await engine.close();
  rmSync(root, { recursive: true, force: true });
});

function listWith(line: string, archives: Record<string, string> = {}): ListDir {
  return writeListDir(join(root, `l${++n}`), [line], archives);
}

function load(l: ListDir, socket: string, extra: string[] = []): Promise<CliResult> {
  const args = ['load', '--engine', 'auto', '--socket', socket, '--list', l.dir, '--lock-file', join(root, `lock-${n}`), '--state-file', join(root, `state-${n}.json`), '--wait-engine', '0'];
  return runCli([...args, ...extra], { timeoutMs: 60_000 });
}

/** The run's one error line (the summary aside): its kind, the exit code, one line naming WHERE, with advice. */
function assertFailure(r: CliResult, expected: { code: string; exit: number; names: string[] }): string {
  const errors = errorLogs(r).filter((l) => typeof l.loaded !== 'number');
  assert.equal(errors.length, 1, `expected one error line\n${describeRun(r)}`);
  const error = errors[0]!;
  assert.equal(error.code, expected.code, describeRun(r));
  assert.notEqual(error.code, 'internal');
  assert.equal(r.code, expected.exit, describeRun(r));
  const line = logText(error);
  assert.ok(!line.includes('\n'), `not one line: ${line}`);
  for (const name of expected.names) assert.ok(line.includes(name), `${line} does not name ${name}`);
  assertHasHint(line);
  return line;
}

describe('each user-facing failure: kind, exit code, one line', () => {
  it('a missing archive is archive (exit 1), naming the list line and the archive', async () => {
    const l = listWith(`gone.tar.zst ${REF}`);
    const line = assertFailure(await load(l, engine.socketPath), { code: 'archive', exit: 1, names: [`${l.listFile}:1`, l.archivePath('gone.tar.zst')] });
    assert.match(line, /does not exist\. Check the file name in the list/);
  });

  it('a truncated archive is codec (exit 1), naming the archive and its format', async () => {
    const l = listWith(`app.tar.zst ${REF}`, { 'app.tar.zst': good.path });
    truncateFile(l.archivePath('app.tar.zst'));
    const line = assertFailure(await load(l, engine.socketPath), { code: 'codec', exit: 1, names: [`${l.listFile}:1`, l.archivePath('app.tar.zst')] });
    assert.match(line, /\(zstd\): .*truncated.*The archive is damaged: restore it from the firmware image$/);
  });

  it('a bad list line is list (exit 1), naming the file and line', async () => {
    const l = listWith('app.tar.zst Not/A:Valid:Name', { 'app.tar.zst': good.path });
    const line = assertFailure(await load(l, engine.socketPath), { code: 'list', exit: 1, names: [`${l.listFile}:1`, 'Not/A:Valid:Name'] });
    assert.match(line, /invalid reference.*\. Fix the line/);
  });

  it('an engine that is gone is engine-unreachable (exit 3), naming the socket', async () => {
    const l = listWith(`app.tar.zst ${REF}`, { 'app.tar.zst': good.path });
    const socket = join(root, 'absent.sock');
    const line = assertFailure(await load(l, socket), { code: 'engine-unreachable', exit: 3, names: [socket] });
    assert.match(line, /socket does not exist.*Start the engine/);
  });

  it("an engine's refusal to load is engine-refused (exit 1), with the engine's reason", async () => {
    const refusing = await startFakeEngine({
      kind: 'podman',
      load: (req, res) => {
        req.resume();
        req.once('end', () => {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ cause: 'no space left on device', message: 'writing blob: no space left on device', response: 500 }));
        });
        return true;
      },
    });
    try {
      const l = listWith(`app.tar.zst ${REF}`, { 'app.tar.zst': good.path });
      const line = assertFailure(await load(l, refusing.socketPath), { code: 'engine-refused', exit: 1, names: [`${l.listFile}:1`, l.archivePath('app.tar.zst')] });
      assert.match(line, /no space left on device/);
    } finally {
      await refusing.close();
    }
  });

  it('a lock held by another run is lock (exit 4), naming the lock file', async () => {
    const lockFile = join(root, 'held.lock');
    const held = await acquireLock({ file: lockFile, timeoutSeconds: 5 });
    try {
      const l = listWith(`app.tar.zst ${REF}`, { 'app.tar.zst': good.path });
      const line = assertFailure(await load(l, engine.socketPath, ['--lock-file', lockFile, '--lock-timeout', '0']), { code: 'lock', exit: 4, names: [lockFile] });
      assert.match(line, /still holds .*Wait for it to finish/);
    } finally {
      await held.release();
    }
  });

  it('a pack source that does not exist is source (exit 1), naming the source', async () => {
    const out = join(root, `pack-${++n}`);
    const source = `docker-archive:${join(root, 'absent.tar')}`;
    const r = await runCli(['pack', '--out', out, `${source}=${REF}`], { timeoutMs: 60_000 });
    const line = assertFailure(r, { code: 'source', exit: 1, names: [source] });
    assert.match(line, /does not exist/);
  });

  it('an unwritable lock file is config (exit 2, one plain line on stderr), not internal', async () => {
    const l = listWith(`app.tar.zst ${REF}`, { 'app.tar.zst': good.path });
    const lockFile = join(root, 'a-file');
    writeFileSync(lockFile, '');
    const r = await load(l, engine.socketPath, ['--lock-file', join(lockFile, 'lock')]);
    assert.equal(r.code, 2, describeRun(r));
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0]!, /^preload-daemon: cannot create .*a-file\/lock.*\. Pass a writable --lock-file$/);
  });
});
