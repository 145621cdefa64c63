// Fault matrix, case 12: a power cut or a kill during a write. Every file that must survive
// a crash (state.json, pack's archives, image.list) is written aside, fsynced, renamed, and
// its folder fsynced: strace shows that order for each of them. A kill -9 loop during state
// writes never leaves an empty, truncated or unparsable state file.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { StateFile } from '../../src/state/state-file.js';
import { describeRun, runCli } from '../helpers/cli.js';
import { startFakeEngine } from '../helpers/fake-engine.js';
import { assertExit, logText } from '../helpers/fault.js';
import { buildCompressedArchive } from '../helpers/fixtures.js';
import { writeListDir } from '../helpers/lists.js';

const here = (relative: string) => new URL(relative, import.meta.url).href;
const STATE_MODULE = here('../../src/state/state-file.js');
const LIST_MODULE = here('../../src/pack/list-file.js');
const ARCHIVE_MODULE = here('../../src/pack/write-archive.js');

let root: string;
before(() => {
  root = mkdtempSync('/tmp/pd-fault-durable-');
});
after(() => rmSync(root, { recursive: true, force: true }));

interface Syscall {
  name: string;
  /** The first argument as strace -y prints it: `3</path/of/fd>` or `"path"`. */
  args: string;
}

/** Run a Node script under strace -f -y and return its file syscalls in order. */
function straceNode(script: string, args: string[]): Syscall[] {
  const probe = spawnSync('strace', ['-V'], { encoding: 'utf8' });
  assert.equal(probe.status, 0, 'strace is needed for this test (apt-get install strace; scripts/setup.sh --tools installs it)');
  const out = join(root, `strace-${Date.now()}.txt`);
  const run = spawnSync(
    'strace',
    ['-f', '-qq', '-y', '-o', out, '-e', 'trace=openat,write,pwrite64,writev,pwritev,fsync,fdatasync,rename,renameat,renameat2', process.execPath, script, ...args],
    { encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(run.status, 0, `script failed under strace:\n${run.stderr}`);
  const calls: Syscall[] = [];
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    // `PID name(args` (complete, or `<unfinished ...>`); `<... name resumed>` lines add nothing.
    const match = /^\d+\s+(\w+)\((.*)$/.exec(line);
    if (match) calls.push({ name: match[1]!, args: match[2]! });
  }
  return calls;
}

/** Index of the first call at or after FROM matching; -1 if none. */
function find(calls: Syscall[], from: number, test: (c: Syscall) => boolean): number {
  for (let i = Math.max(0, from); i < calls.length; i++) if (test(calls[i]!)) return i;
  return -1;
}

const onFd = (path: string) => (c: Syscall) => c.args.startsWith(`${/^\d+/.exec(c.args)?.[0] ?? 'x'}<${path}>`);

/** temp opened → written → fsynced → renamed over TARGET → TARGET's folder fsynced, in this order. */
function assertDurableOrder(calls: Syscall[], target: string, temporary: RegExp): string {
  const folder = target.slice(0, target.lastIndexOf('/'));
  const rename = calls.findIndex((c) => /^rename(at2?)?$/.test(c.name) && c.args.includes(`"${target}"`));
  assert.ok(rename >= 0, `no rename onto ${target}`);
  const temp = /"([^"]+)"/.exec(calls[rename]!.args)?.[1] ?? '';
  assert.match(temp, temporary, `renamed from ${temp}`);
  const opened = calls.findIndex((c) => c.name === 'openat' && c.args.includes(`"${temp}"`) && /O_CREAT/.test(c.args));
  assert.ok(opened >= 0 && opened < rename, `${temp} not created before the rename`);
  const writes = calls.map((c, i) => (/^p?writev?(64)?$/.test(c.name) && onFd(temp)(c) ? i : -1)).filter((i) => i >= 0);
  assert.ok(writes.length > 0, `no write to ${temp}`);
  const lastWrite = writes.at(-1)!;
  assert.ok(lastWrite < rename, `a write to ${temp} after the rename`);
  const fileSync = find(calls, lastWrite, (c) => /^f(data)?sync$/.test(c.name) && onFd(temp)(c));
  assert.ok(fileSync > lastWrite && fileSync < rename, `${temp} not fsynced between its last write (#${lastWrite}) and the rename (#${rename})`);
  const folderSync = find(calls, rename, (c) => c.name === 'fsync' && onFd(folder)(c));
  assert.ok(folderSync > rename, `folder ${folder} not fsynced after the rename`);
  return `open #${opened}, ${writes.length} writes, fsync #${fileSync}, rename #${rename}, fsync folder #${folderSync}`;
}

describe('durable writes: the syscall order (strace)', () => {
  it('state.json, image.list and a pack archive: temp → write → fsync → rename → fsync folder', async () => {
    const dir = join(root, 'order');
    for (const sub of ['s', 'l', 'p']) mkdirSync(join(dir, sub), { recursive: true });
    const script = join(root, 'write-all.mjs');
    writeFileSync(
      script,
      `import { createHash } from 'node:crypto';
const [dir] = process.argv.slice(2);
const { StateFile } = await import(${JSON.stringify(STATE_MODULE)});
const { mergeIntoList } = await import(${JSON.stringify(LIST_MODULE)});
const { writeDockerArchive } = await import(${JSON.stringify(ARCHIVE_MODULE)});
const state = await StateFile.open(dir + '/s/state.json', (m) => { throw new Error(m); });
await state.record('app:1', { archive: '/a.tar.zst', fingerprint: 'f', imageId: 'sha256:' + 'a'.repeat(64) });
await mergeIntoList(dir + '/l/image.list', [{ archive: 'app.tar.zst', name: 'app:1', fields: { size: 10 } }]);
const layer = Buffer.alloc(10240);
const diffId = 'sha256:' + createHash('sha256').update(layer).digest('hex');
const config = Buffer.from(JSON.stringify({ rootfs: { type: 'layers', diff_ids: [diffId] } }));
await writeDockerArchive([{ image: { names: [], configBytes: config, layers: [{ diffId, size: layer.length, read: async function* () { yield layer; } }] }, names: ['app:1'] }],
  dir + '/p/app.tar.zst', { compression: 'zstd', level: 3, threads: 1, maxDecoderMemory: 8 * 1024 * 1024 }, 'test');
`,
    );
    const calls = straceNode(script, [dir]);
    const seen = [
      assertDurableOrder(calls, join(dir, 's', 'state.json'), /state\.json\.\d+\.tmp$/),
      assertDurableOrder(calls, join(dir, 'l', 'image.list'), /image\.list\.\d+\.tmp$/),
      assertDurableOrder(calls, join(dir, 'p', 'app.tar.zst'), /app\.tar\.zst\.partial-\d+$/),
    ];
    console.log(`# syscall order: ${seen.join(' | ')}`);
  });
});

describe('durable writes: kill -9 during state writes', () => {
  it('200 SIGKILLs at random points of a writing run never leave an empty, truncated or unparsable state.json', async () => {
    const ROUNDS = Number(process.env.PRELOAD_KILL_ROUNDS ?? 200);
    const dir = join(root, 'kill');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'state.json');
    const script = join(root, 'write-forever.mjs');
    // ~150 records of ~300 bytes: a 50 KB file, rewritten (and fsynced) over and over.
    writeFileSync(
      script,
      `const { StateFile } = await import(${JSON.stringify(STATE_MODULE)});
const state = await StateFile.open(process.argv[2], (m) => process.stderr.write(m + '\\n'));
for (let i = 0; ; i++) {
  await state.record('registry.example/team/app-' + (i % 150) + ':1', { archive: '/usr/share/preload-daemon/images/app-' + i + '.tar.zst', fingerprint: 'sha256:' + String(i).padStart(64, '0'), imageId: 'sha256:' + 'c'.repeat(64) });
  if (i === 0) process.stdout.write('written\\n');
}
`,
    );
    let midWrite = 0;
    let lastCount = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const child = spawn(process.execPath, [script, file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      await once(child.stdout, 'data'); // one complete write, then rewrites in a loop
      await sleep(Math.random() * 40);
      child.kill('SIGKILL');
      await once(child, 'exit');
      assert.equal(stderr, '', `round ${round}: the writer warned (it read a bad state file):\n${stderr}`);
      const leftovers = readdirSync(dir).filter((name) => name !== 'state.json');
      if (leftovers.some((name) => name.endsWith('.tmp'))) midWrite++;
      const text = readFileSync(file, 'utf8');
      assert.ok(text.length > 0, `round ${round}: state.json is empty`);
      const warnings: string[] = [];
      const state = await StateFile.open(file, (m) => warnings.push(m));
      assert.deepEqual(warnings, [], `round ${round}: state.json is not a valid state file (${text.length} bytes)`);
      const count = Object.keys((JSON.parse(text) as { images: object }).images).length;
      // Each run starts from what the last one left: records are never lost, only added.
      assert.ok(count >= 1 && count >= lastCount, `round ${round}: ${count} records, fewer than the ${lastCount} of the previous round`);
      assert.ok(state.get('registry.example/team/app-0:1'), `round ${round}: the first record is missing`);
      lastCount = count;
      assert.deepEqual(readdirSync(dir), ['state.json'], `round ${round}: open() removes the temp file a killed run left`);
    }
    console.log(`# ${ROUNDS} kills; ${midWrite} landed while a temp file was open (between create and rename); state.json always valid`);
    assert.ok(midWrite > ROUNDS / 10, `only ${midWrite} of ${ROUNDS} kills landed mid-write: the loop does not test what it claims`);
  });
});

describe('durable writes: a corrupt state file at start (CLI, fake engine)', () => {
  it('one warning saying where it was moved; the run loads as if there were no state file; the new state.json is valid', async () => {
    const dir = join(root, 'corrupt-run');
    const archive = await buildCompressedArchive({ repoTags: ['fault/state:1'], files: { 'etc/x': 'x\n' }, outDir: join(dir, 'fx'), fileName: 'state.tar' }, 'zstd');
    const l = writeListDir(join(dir, 'list'), ['state.tar.zst fault/state:1'], { 'state.tar.zst': archive.path });
    const stateFile = join(dir, 'var', 'state.json');
    mkdirSync(join(dir, 'var'));
    writeFileSync(stateFile, '{"version": 1, "images": {"fault/state:1": {"archive": "/usr/sha'); // cut by a power cut
    const fake = await startFakeEngine({ kind: 'docker' });
    try {
      const r = await runCli(['--engine', 'docker', '--socket', fake.socketPath, '--lock-file', join(dir, 'lock'), '--list', l.dir, '--state-file', stateFile, '--wait-engine', '5'], {
        timeoutMs: 60_000,
      });
      assertExit(r, 0);
      const warnings = r.logs.filter((line) => line.level === 40).map(logText);
      const aside = readdirSync(join(dir, 'var')).filter((name) => name.startsWith('state.json.corrupt-'));
      assert.equal(aside.length, 1, describeRun(r));
      assert.equal(warnings.length, 1, describeRun(r));
      // The parser's own words differ between Node versions.
      assert.ok(warnings[0]!.startsWith(`${stateFile}: not valid JSON: "`), warnings[0]);
      assert.ok(warnings[0]!.endsWith(`"; moved aside to ${join(dir, 'var', aside[0]!)}; starting from an empty state`), warnings[0]);
      const again = await StateFile.open(stateFile, (m) => assert.fail(`state.json after the run: ${m}`));
      assert.equal(again.get('fault/state:1')?.imageId, archive.imageId);
      console.log(`# warning: ${warnings[0]}`);
    } finally {
      await fake.close();
    }
  });
});
