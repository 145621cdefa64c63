// Ten firmware releases in a row against a real Docker and a real Podman, the way an A/B
// updater runs them: each release changes one layer of the app image (new tag), release 4
// adds an image and release 7 drops one. With a staged load before each reboot and prune at
// each commit, every boot loads nothing and the store never holds more than the running and
// the next release's images; without prune it keeps every release's images.
//
// The running release's lists live at RUN/usr/share/preload-daemon; each release's slot holds
// its lists at that same path inside itself, and "rebooting" copies them to RUN.
import assert from 'node:assert/strict';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { describeRun, runCli, type CliResult } from '../helpers/cli.js';
import { ENGINE_KINDS, enginePerSuite, type TestEngine } from '../helpers/engines.js';
import { buildDockerArchive, type BuiltArchive } from '../helpers/fixtures.js';
import { writeListDir } from '../helpers/lists.js';
import { withLoadCounter } from '../helpers/load-counter.js';

const TEST_TIMEOUT = { timeout: 600_000 };
const RELEASES = 10;
const ADDED_AT = 4;
const DROPPED_AT = 7;

interface Shipped {
  tag: string;
  file: string;
  image: BuiltArchive;
}

/** What release K ships: base, the app of release K, tool from ADDED_AT on, legacy until DROPPED_AT. */
const releases: Shipped[][] = [];

before(async () => {
  const out = join('/var/tmp', `pd-releases-fixtures-${process.pid}`);
  const base = await buildDockerArchive({ repoTags: ['pd/base:1'], files: { 'etc/os': 'base\n', 'usr/lib/base': 'base libs\n' }, layers: 2, outDir: out, fileName: 'base.tar' });
  const tool = await buildDockerArchive({ repoTags: ['pd/tool:1'], files: { 'usr/bin/tool': 'tool\n' }, outDir: out, fileName: 'tool.tar' });
  const legacy = await buildDockerArchive({ repoTags: ['pd/legacy:1'], files: { 'usr/bin/legacy': 'legacy\n' }, outDir: out, fileName: 'legacy.tar' });
  for (let k = 1; k <= RELEASES; k++) {
    // Two layers, by path: usr/lib/app at the bottom never changes (the same seed keeps it byte-identical), var/lib/app/version on top changes each release.
    const app = await buildDockerArchive({ repoTags: [`pd/app:r${k}`], files: { 'usr/lib/app': 'the app\n', 'var/lib/app/version': `${k}\n` }, layers: 2, layerSeed: 'app', outDir: out, fileName: `app-r${k}.tar` });
    releases[k] = [
      { tag: 'pd/base:1', file: 'base.tar', image: base },
      { tag: `pd/app:r${k}`, file: `app-r${k}.tar`, image: app },
      ...(k >= ADDED_AT ? [{ tag: 'pd/tool:1', file: 'tool.tar', image: tool }] : []),
      ...(k < DROPPED_AT ? [{ tag: 'pd/legacy:1', file: 'legacy.tar', image: legacy }] : []),
    ];
  }
});

const idsOf = (k: number) => new Set(releases[k]!.map((s) => s.image.imageId));

for (const kind of ENGINE_KINDS) {
  describe(`ten releases against ${kind}`, () => {
    let engine: TestEngine;
    let work: string;
    enginePerSuite(kind, `pd-rel-${kind}-`, (e, w) => {
      engine = e;
      work = w;
    });

    async function storeIds(): Promise<Set<string>> {
      const listed = await engine.request('GET', '/images/json');
      assert.equal(listed.status, 200, listed.body);
      return new Set((JSON.parse(listed.body) as Array<{ Id: string }>).map((image) => image.Id));
    }

    /** A device: RUN holds the running release's lists; slot K holds release K's at the same path. */
    function device(label: string) {
      const dir = join(work, label);
      const run = join(dir, 'run', 'usr/share/preload-daemon');
      const slot = (k: number) => join(dir, `slot-${k}`);
      for (let k = 1; k <= RELEASES; k++) {
        const shipped = releases[k]!;
        writeListDir(join(slot(k), run, 'firmware'), shipped.map((s) => `${s.file} ${s.tag} id=${s.image.imageId}`), Object.fromEntries(shipped.map((s) => [s.file, s.image.path])));
      }
      const cli = (args: string[], socket = engine.socketPath): Promise<CliResult> =>
        runCli([...args, '--engine', kind, '--socket', socket, '--list', run, '--state-file', join(dir, 'state.json'), '--lock-file', join(dir, 'lock'), '--wait-engine', '30'], { timeoutMs: 120_000 });
      const install = (k: number) => {
        rmSync(run, { recursive: true, force: true });
        cpSync(join(slot(k), run), run, { recursive: true, preserveTimestamps: true });
      };
      return { slot, cli, install };
    }

    async function bootLoadsNothing(d: ReturnType<typeof device>, k: number): Promise<void> {
      d.install(k);
      await withLoadCounter(engine.socketPath, async (counter) => {
        const boot = await d.cli([], counter.socketPath);
        assert.equal(boot.code, 0, `release ${k}: ${describeRun(boot)}`);
        assert.equal(counter.loadCount, 0, `release ${k}: its first boot loads nothing`);
      });
    }

    it('staged loads and prune at each commit: no boot loads, the store never holds more than two releases', TEST_TIMEOUT, async () => {
      const d = device('pruned');
      d.install(1);
      assert.equal((await d.cli([])).code, 0);
      for (let k = 2; k <= RELEASES; k++) {
        const staged = await d.cli(['--slot', d.slot(k)]);
        assert.equal(staged.code, 0, `release ${k}: ${describeRun(staged)}`);
        const twoReleases = new Set([...idsOf(k - 1), ...idsOf(k)]);
        const store = await storeIds();
        assert.deepEqual([...store].filter((id) => !twoReleases.has(id)), [], `release ${k} staged: only releases ${k - 1} and ${k} in the store`);
        for (const id of idsOf(k)) assert.ok(store.has(id), `release ${k} staged: ${id} present`);
        await bootLoadsNothing(d, k);
        const prune = await d.cli(['prune']);
        assert.equal(prune.code, 0, `release ${k}: ${describeRun(prune)}`);
        assert.deepEqual([...(await storeIds())].sort(), [...idsOf(k)].sort(), `release ${k} committed: exactly its images`);
      }
    });

    it('without prune the store keeps every release', TEST_TIMEOUT, async () => {
      const d = device('unpruned');
      d.install(1);
      assert.equal((await d.cli([])).code, 0);
      for (let k = 2; k <= RELEASES; k++) {
        assert.equal((await d.cli(['--slot', d.slot(k)])).code, 0);
        await bootLoadsNothing(d, k);
      }
      const everything = new Set(releases.slice(1).flatMap((shipped) => shipped.map((s) => s.image.imageId)));
      assert.deepEqual([...(await storeIds())].sort(), [...everything].sort(), 'every image of every release is still there');
      assert.ok(everything.size > new Set([...idsOf(RELEASES - 1), ...idsOf(RELEASES)]).size);
    });
  });
}
