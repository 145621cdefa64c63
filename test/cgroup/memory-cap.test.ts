// A small board's service budget, enforced by the kernel: the daemon (and the decoder program it
// starts) runs in a cgroup v1 memory group capped at 128 MB — what MemoryMax=128M gives the unit —
// and loads a 300 MB zstd image and a 100 MB multi-block xz image of incompressible data into a
// real engine. The cap also counts the page cache of the archives it reads, as systemd's does.
// Passing means: exit 0, both images present with their IDs, and no OOM kill in the group.
// The headroom: the process tree's budget is 80 MB (helpers/cli.ts, MEMORY_BUDGET_MB); the other
// 48 MB of the cap are for the archives' page cache, which the kernel reclaims under the cap.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeRun, spawnCli } from '../helpers/cli.js';
import { startEngine, type TestEngine } from '../helpers/engines.js';
import { bigNoiseImage, type BigImage } from '../helpers/fault.js';
import { writeListDir } from '../helpers/lists.js';

const CAP_BYTES = 128 * 1024 * 1024;
const MEMORY_ROOT = '/sys/fs/cgroup/memory';

let root: string;
let engine: TestEngine;
let zstdImage: BigImage;
let xzImage: BigImage & { xzPath: string };
let group: string;

before(async () => {
  assert.ok(existsSync(join(MEMORY_ROOT, 'cgroup.procs')), `no cgroup v1 memory controller at ${MEMORY_ROOT}: this test needs one`);
  root = mkdtempSync('/var/tmp/pd-cgroup-');
  zstdImage = await bigNoiseImage(300, 'fault/cgroup-zstd:300m');
  const xzSource = await bigNoiseImage(100, 'fault/cgroup-xz:100m');
  // A multi-block .xz, as `xz -T0` writes it (1 MiB dictionary, 3 MiB blocks): the decoder may use threads.
  const xzPath = join(root, 'cgroup-xz.tar.xz');
  execFileSync('sh', ['-c', `zstd -dc '${xzSource.path}' | xz -1 -T2 -c > '${xzPath}'`]);
  xzImage = { ...xzSource, xzPath };
  group = join(MEMORY_ROOT, `preload-test-${process.pid}`);
  try {
    mkdirSync(group);
  } catch (error) {
    throw new Error(`cannot create the memory group ${group} (${(error as Error).message}): run this on a host with a writable cgroup v1 memory controller, not inside a container`);
  }
  writeFileSync(join(group, 'memory.limit_in_bytes'), String(CAP_BYTES));
  engine = await startEngine('podman');
});
after(async () => {
  await engine?.stop();
  if (group && existsSync(group)) rmdirSync(group);
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('under a 128 MB memory cgroup', () => {
  it('loads a 300 MB zstd image and a 100 MB xz image without an OOM kill', { timeout: 20 * 60_000 }, async (t) => {
    const l = writeListDir(join(root, 'list'), [`big.tar.zst ${zstdImage.repoTag} id=${zstdImage.imageId}`, `big.tar.xz ${xzImage.repoTag} id=${xzImage.imageId}`], {
      'big.tar.zst': zstdImage.path,
      'big.tar.xz': xzImage.xzPath,
    });
    // The shell joins the group, then becomes node: everything the daemon and its decoder programs allocate counts.
    const joinGroup = ['sh', '-c', `echo $$ > '${join(group, 'cgroup.procs')}' && exec "$@"`, 'sh'];
    const run = spawnCli('cgroup', ['--engine', 'podman', '--socket', engine.socketPath, '--lock-file', join(root, 'lock'), '--state-file', join(root, 'state.json'), '--list', l.dir], {
      timeoutMs: 15 * 60_000,
      prefix: joinGroup,
      withoutCoverage: true,
    });
    const { result } = await run.ended;
    const usage = Number(readFileSync(join(group, 'memory.max_usage_in_bytes'), 'utf8'));
    const oom = readFileSync(join(group, 'memory.oom_control'), 'utf8');
    t.diagnostic(`cgroup peak usage (incl. page cache) ${(usage / 1048576).toFixed(1)} MiB of 128; process peak RSS ${result.peakRssKb} KiB; ${(result.durationMs / 1000).toFixed(1)} s`);
    assert.equal(result.signal, null, `killed by ${result.signal}\n${describeRun(result)}`);
    assert.doesNotMatch(oom, /oom_kill [1-9]/, `OOM kill in the group:\n${oom}`);
    assert.equal(result.code, 0, describeRun(result));
    // Pages of the node binary and libraries already in the page cache stay charged to whoever read
    // them first, so the group's peak is below the process RSS; it still holds every page the run
    // itself allocated or read (the archives' page cache is reclaimed under the cap, not OOM-killed).
    assert.ok(usage > 16 * 1048576, `the group was charged only ${usage} bytes: the daemon did not run in it`);
    assert.equal(await engine.imageIdOf(zstdImage.repoTag), zstdImage.imageId);
    assert.equal(await engine.imageIdOf(xzImage.repoTag), xzImage.imageId);
  });
});
