// checkFreeSpace(): size= against the free space where the engine writes, per filesystem.
// Real folders and small private tmpfs mounts (we run as root); each mount is undone in after().
import assert from 'node:assert/strict';
import { mkdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PreloadError } from '../../src/errors.js';
import type { ListEntry } from '../../src/list/entry.js';
import { checkFreeSpace, checkReserve, type PreflightPlaces } from '../../src/loader/preflight.js';
import { listEntry, mountDirPerSuite } from './support.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

function entryOf(size: number | undefined, ref = 'registry.local/team/app:1.2'): ListEntry {
  return listEntry(ref, '/usr/share/preload-daemon/images/app.tar.zst', { line: 3, size });
}

/** The check as a load makes it with the list's size= (when given) and no reserve. */
function check(entry: ListEntry, places: PreflightPlaces, minFree = 0): Promise<void> {
  return checkFreeSpace(entry, places, entry.size === undefined ? undefined : { bytes: entry.size, source: 'size=' }, minFree);
}

const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

async function rejection(promise: Promise<unknown>): Promise<PreloadError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PreloadError, `expected a PreloadError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the preflight to refuse the entry');
}

describe('checkFreeSpace', () => {
  const suite = mountDirPerSuite('preflight');
  const tmpfs = suite.tmpfs;

  it('no size= and no reserve → nothing is checked, even where nothing fits', async () => {
    const full = tmpfs('full-no-size', 1);
    for (const kind of ['docker', 'podman'] as const) {
      await check(entryOf(undefined), { kind, storage: full, staging: full });
      await check(entryOf(undefined), { kind, storage: '/nonexistent/x', staging: '/nonexistent/y' });
    }
  });

  it('a small size= against a real folder passes', async () => {
    for (const kind of ['docker', 'podman'] as const) await check(entryOf(1024), { kind, storage: suite.path, staging: suite.path });
  });

  it('a huge size= against a real folder fails, naming the image, needed vs available bytes and the folder', async () => {
    const size = 100 * 1024 * GiB; // 100 TiB
    const available = statfsSync(suite.path).bavail * statfsSync(suite.path).bsize;
    const error = await rejection(check(entryOf(size), { kind: 'docker', storage: suite.path, staging: '/nonexistent' }));
    assert.match(error.message, /not enough free space/);
    assert.ok(error.message.includes('registry.local/team/app:1.2'), error.message);
    assert.ok(error.message.includes(suite.path), error.message);
    assert.ok(error.message.includes(`needs ${mib(2 * size)}`), `Docker needs 2× size= in its data root: ${error.message}`);
    // Free space moves a little while other work runs on this machine: compare the number loosely.
    const shown = Number(/, ([\d.]+) MiB available/.exec(error.message)?.[1]);
    assert.ok(Math.abs(shown * MiB - available) < 512 * MiB, `available shown ${shown} MiB vs statfs ${available / MiB} MiB: ${error.message}`);
    assert.ok(error.hint && /free space|smaller/.test(error.hint), `hint: ${error.hint}`);
    assert.equal(error.context.list, '/usr/share/preload-daemon/image.list');
    assert.equal(error.context.line, 3);
  });

  it('Docker: 2× size= must fit in the data root, exactly at the boundary', async () => {
    const dir = tmpfs('docker-8m', 8);
    const available = statfsSync(dir).bavail * statfsSync(dir).bsize;
    assert.equal(available, 8 * MiB, 'an empty 8 MiB tmpfs');
    const places: PreflightPlaces = { kind: 'docker', storage: dir, staging: '/nonexistent' };
    await check(entryOf(4 * MiB), places);
    const error = await rejection(check(entryOf(4 * MiB + 1), places));
    assert.ok(error.message.includes(`needs ${mib(2 * (4 * MiB + 1))} under ${dir}, ${mib(8 * MiB)} available`), error.message);
  });

  it('Docker ignores the staging folder (it stages under its data root)', async () => {
    const tiny = tmpfs('docker-staging-tiny', 1);
    await check(entryOf(8 * MiB), { kind: 'docker', storage: suite.path, staging: tiny });
  });

  it('Podman: 1× in the graph root and 2× in the staging folder, on separate filesystems', async () => {
    const graph = tmpfs('podman-graph-8m', 8);
    const staging = tmpfs('podman-staging-8m', 8);
    // 4 MiB: graph needs 4, staging needs 8: both fit exactly.
    await check(entryOf(4 * MiB), { kind: 'podman', storage: graph, staging });
    // 5 MiB: graph 5 fits, staging 10 does not: the staging folder is named.
    const error = await rejection(check(entryOf(5 * MiB), { kind: 'podman', storage: graph, staging }));
    assert.ok(error.message.includes(`needs ${mib(10 * MiB)} under ${staging}, ${mib(8 * MiB)} available`), error.message);
  });

  it('Podman: graph root and staging on one filesystem are summed (3× size=)', async () => {
    const shared = tmpfs('podman-shared-8m', 8);
    const graph = join(shared, 'graph');
    const staging = join(shared, 'staging');
    mkdirSync(graph);
    mkdirSync(staging);
    // 2 MiB → 6 MiB on the one filesystem: fits. 3 MiB → 9 MiB: does not, though 3 and 6 each would.
    await check(entryOf(2 * MiB), { kind: 'podman', storage: graph, staging });
    const error = await rejection(check(entryOf(3 * MiB), { kind: 'podman', storage: graph, staging }));
    assert.ok(error.message.includes(`needs ${mib(9 * MiB)}`), error.message);
    assert.ok(error.message.includes(`${mib(8 * MiB)} available`), error.message);
  });

  it('Podman without a known graph root still checks its staging folder', async () => {
    const staging = tmpfs('podman-staging-only', 8);
    await check(entryOf(4 * MiB), { kind: 'podman', storage: undefined, staging });
    const error = await rejection(check(entryOf(5 * MiB), { kind: 'podman', storage: undefined, staging }));
    assert.ok(error.message.includes(staging), error.message);
  });

  it('a place this process cannot see (missing folder, other mount namespace) is not checked', async () => {
    await check(entryOf(100 * 1024 * GiB), { kind: 'docker', storage: '/nonexistent/docker', staging: '/nonexistent/tmp' });
    await check(entryOf(100 * 1024 * GiB), { kind: 'docker', storage: undefined, staging: suite.path });
    await check(entryOf(100 * 1024 * GiB), { kind: 'podman', storage: '/nonexistent/graph', staging: '/nonexistent/tmp' });
  });

  it('the --min-free reserve is added to what the load needs, and named', async () => {
    const dir = tmpfs('reserve-8m', 8);
    const places: PreflightPlaces = { kind: 'docker', storage: dir, staging: '/nonexistent' };
    await check(entryOf(2 * MiB), places, 4 * MiB);
    const error = await rejection(check(entryOf(2 * MiB + 1), places, 4 * MiB));
    assert.ok(error.message.includes(`needs ${mib(2 * (2 * MiB + 1) + 4 * MiB)} under ${dir}, ${mib(8 * MiB)} available (${mib(2 * MiB + 1)} of tar, declared by the list's size=, plus the ${mib(4 * MiB)} --min-free reserve)`), error.message);
  });

  it('a size the archive declares is checked the same way and named as its source', async () => {
    const dir = tmpfs('declared-8m', 8);
    const error = await rejection(checkFreeSpace(entryOf(undefined), { kind: 'docker', storage: dir, staging: '/nonexistent' }, { bytes: 3 * 1024 * MiB, source: 'its zstd frame headers' }, 0));
    assert.ok(error.message.includes(`needs ${mib(6 * 1024 * MiB)} under ${dir}, ${mib(8 * MiB)} available (${mib(3 * 1024 * MiB)} of tar, declared by its zstd frame headers)`), error.message);
  });

  it('with no size known, only the reserve is checked: refused below it, naming the place and --min-free', async () => {
    const dir = tmpfs('reserve-only-8m', 8);
    const places: PreflightPlaces = { kind: 'podman', storage: dir, staging: dir };
    await checkFreeSpace(entryOf(undefined), places, undefined, 8 * MiB);
    const error = await rejection(checkFreeSpace(entryOf(undefined), places, undefined, 8 * MiB + 1));
    assert.match(error.message, new RegExp(`^not loading registry\\.local/team/app:1\\.2 from /usr/share/preload-daemon/images/app\\.tar\\.zst: 8\\.0 MiB free under ${dir}, below the 8\\.0 MiB the engine's filesystem must keep \\(--min-free\\)$`));
    assert.equal(error.code, 'space');
    const streaming = await rejection(checkReserve(entryOf(undefined), places, 8 * MiB + 1));
    assert.match(streaming.message, /^stopped loading registry\.local\/team\/app:1\.2 from \/usr\/share\/preload-daemon\/images\/app\.tar\.zst: /);
    await checkReserve(entryOf(undefined), places, 0);
  });
});
