// checkFreeSpace(): size= against the free space where the engine writes, per filesystem.
// Real folders and small private tmpfs mounts (we run as root); each mount is undone in after().
import assert from 'node:assert/strict';
import { mkdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PreloadError } from '../../src/errors.js';
import type { ListEntry } from '../../src/list/entry.js';
import { parseReference } from '../../src/list/reference.js';
import { checkFreeSpace, type PreflightPlaces } from '../../src/loader/preflight.js';
import { mountDirPerSuite } from './support.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

function entryOf(size: number | undefined, ref = 'registry.local/team/app:1.2'): ListEntry {
  const parsed = parseReference(ref);
  if (!parsed.ok) throw new Error(parsed.reason);
  return {
    list: '/usr/share/preload-daemon/image.list',
    line: 3,
    archiveName: 'app.tar.zst',
    archivePath: '/usr/share/preload-daemon/images/app.tar.zst',
    imagesDir: '/usr/share/preload-daemon/images',
    reference: parsed.ref,
    expectedId: undefined,
    size,
    archiveSha256: undefined,
    policy: undefined,
    deleteAfterLoad: undefined,
  };
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

  it('no size= → nothing is checked, even where nothing fits', async () => {
    const full = tmpfs('full-no-size', 1);
    for (const kind of ['docker', 'podman'] as const) {
      await checkFreeSpace(entryOf(undefined), { kind, storage: full, staging: full });
      await checkFreeSpace(entryOf(undefined), { kind, storage: '/nonexistent/x', staging: '/nonexistent/y' });
    }
  });

  it('a small size= against a real folder passes', async () => {
    for (const kind of ['docker', 'podman'] as const) await checkFreeSpace(entryOf(1024), { kind, storage: suite.path, staging: suite.path });
  });

  it('a huge size= against a real folder fails, naming the image, needed vs available bytes and the folder', async () => {
    const size = 100 * 1024 * GiB; // 100 TiB
    const available = statfsSync(suite.path).bavail * statfsSync(suite.path).bsize;
    const error = await rejection(checkFreeSpace(entryOf(size), { kind: 'docker', storage: suite.path, staging: '/nonexistent' }));
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
    await checkFreeSpace(entryOf(4 * MiB), places);
    const error = await rejection(checkFreeSpace(entryOf(4 * MiB + 1), places));
    assert.ok(error.message.includes(`needs ${mib(2 * (4 * MiB + 1))} under ${dir}, ${mib(8 * MiB)} available`), error.message);
  });

  it('Docker ignores the staging folder (it stages under its data root)', async () => {
    const tiny = tmpfs('docker-staging-tiny', 1);
    await checkFreeSpace(entryOf(8 * MiB), { kind: 'docker', storage: suite.path, staging: tiny });
  });

  it('Podman: 1× in the graph root and 2× in the staging folder, on separate filesystems', async () => {
    const graph = tmpfs('podman-graph-8m', 8);
    const staging = tmpfs('podman-staging-8m', 8);
    // 4 MiB: graph needs 4, staging needs 8: both fit exactly.
    await checkFreeSpace(entryOf(4 * MiB), { kind: 'podman', storage: graph, staging });
    // 5 MiB: graph 5 fits, staging 10 does not: the staging folder is named.
    const error = await rejection(checkFreeSpace(entryOf(5 * MiB), { kind: 'podman', storage: graph, staging }));
    assert.ok(error.message.includes(`needs ${mib(10 * MiB)} under ${staging}, ${mib(8 * MiB)} available`), error.message);
  });

  it('Podman: graph root and staging on one filesystem are summed (3× size=)', async () => {
    const shared = tmpfs('podman-shared-8m', 8);
    const graph = join(shared, 'graph');
    const staging = join(shared, 'staging');
    mkdirSync(graph);
    mkdirSync(staging);
    // 2 MiB → 6 MiB on the one filesystem: fits. 3 MiB → 9 MiB: does not, though 3 and 6 each would.
    await checkFreeSpace(entryOf(2 * MiB), { kind: 'podman', storage: graph, staging });
    const error = await rejection(checkFreeSpace(entryOf(3 * MiB), { kind: 'podman', storage: graph, staging }));
    assert.ok(error.message.includes(`needs ${mib(9 * MiB)}`), error.message);
    assert.ok(error.message.includes(`${mib(8 * MiB)} available`), error.message);
  });

  it('Podman without a known graph root still checks its staging folder', async () => {
    const staging = tmpfs('podman-staging-only', 8);
    await checkFreeSpace(entryOf(4 * MiB), { kind: 'podman', storage: undefined, staging });
    const error = await rejection(checkFreeSpace(entryOf(5 * MiB), { kind: 'podman', storage: undefined, staging }));
    assert.ok(error.message.includes(staging), error.message);
  });

  it('a place this process cannot see (missing folder, other mount namespace) is not checked', async () => {
    await checkFreeSpace(entryOf(100 * 1024 * GiB), { kind: 'docker', storage: '/nonexistent/docker', staging: '/nonexistent/tmp' });
    await checkFreeSpace(entryOf(100 * 1024 * GiB), { kind: 'docker', storage: undefined, staging: suite.path });
    await checkFreeSpace(entryOf(100 * 1024 * GiB), { kind: 'podman', storage: '/nonexistent/graph', staging: '/nonexistent/tmp' });
  });
});
