// `preload-daemon prune` against a real Docker and a real Podman: after an update drops names
// from the list, the names preload-daemon loaded go (and their images with the last name),
// while a name the user moved, an image a container uses (created, not run) and an image the
// user gave another name stay, each reported; --dry-run changes nothing; --keep-list keeps
// another slot's names.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { describeRun, runCli, type CliResult } from '../helpers/cli.js';
import { ENGINE_KINDS, enginePerSuite, tagSpellings, type TestEngine } from '../helpers/engines.js';
import { buildDockerArchive, type BuiltArchive } from '../helpers/fixtures.js';
import { writeListDir } from '../helpers/lists.js';

const TEST_TIMEOUT = { timeout: 300_000 };
const NAMES = ['gone', 'used', 'renamed', 'moved', 'kept', 'vanished'] as const;
type Name = (typeof NAMES)[number];
const ref = (name: Name | 'user') => `pd/${name}:1`;

const img = {} as Record<Name | 'user', BuiltArchive>;
let fixtures: string;

before(async () => {
  fixtures = join('/var/tmp', `pd-prune-fixtures-${process.pid}`);
  for (const name of [...NAMES, 'user'] as const) {
    img[name] = await buildDockerArchive({ repoTags: [ref(name)], files: { 'etc/name': `${name}\n` }, outDir: fixtures, fileName: `${name}.tar` });
  }
});

function listLine(name: Name): string {
  return `${name}.tar ${ref(name)} id=${img[name].imageId}`;
}

interface PruneJson {
  dryRun: boolean;
  names: Array<{ name: string; action: string; reason?: string; imageId: string; imageGoes?: boolean; done?: boolean }>;
}

for (const kind of ENGINE_KINDS) {
  describe(`prune against ${kind}`, () => {
    let engine: TestEngine;
    let work: string;
    enginePerSuite(kind, `pd-prune-${kind}-`, (e, w) => {
      engine = e;
      work = w;
    });

    function cli(dir: string, args: string[]): Promise<CliResult> {
      return runCli([...args, '--engine', kind, '--socket', engine.socketPath, '--state-file', join(dir, 'state.json'), '--lock-file', join(dir, 'lock'), '--wait-engine', '30'], { timeoutMs: 120_000 });
    }

    /** Release 1 lists every name and is loaded; release 2 lists only `kept`. */
    async function twoReleases(label: string) {
      const dir = join(work, label);
      const archives = Object.fromEntries(NAMES.map((name) => [`${name}.tar`, img[name].path]));
      const r1 = writeListDir(join(dir, 'r1'), NAMES.map(listLine), archives);
      const r2 = writeListDir(join(dir, 'r2'), [listLine('kept')], { 'kept.tar': img.kept.path });
      const loaded = await cli(dir, ['--list', r1.dir]);
      assert.equal(loaded.code, 0, describeRun(loaded));
      return { dir, r1, r2 };
    }

    /** What users do at runtime: a container from `used`, another name on `renamed`, `moved` pointed elsewhere, `vanished` removed. */
    async function userChanges(): Promise<string> {
      const created = await engine.request('POST', '/containers/create?name=pd-prune-web', JSON.stringify({ Image: tagSpellings(kind, ref('used'))[0], Cmd: ['/bin/true'] }));
      assert.equal(created.status, 201, created.body);
      await engine.tag(tagSpellings(kind, ref('renamed'))[0]!, 'pd/mine', 'prod');
      await engine.load(readFileSync(img.user.path));
      await engine.tag(tagSpellings(kind, ref('user'))[0]!, 'pd/moved', '1');
      await engine.removeImage(tagSpellings(kind, ref('vanished'))[0]!);
      return (JSON.parse(created.body) as { Id: string }).Id;
    }

    async function removeContainer(id: string): Promise<void> {
      const removed = await engine.request('DELETE', `/containers/${id}?force=1`);
      assert.ok([200, 204].includes(removed.status), removed.body);
    }

    it('removes only the unlisted names it loaded; what others need stays, one line each', TEST_TIMEOUT, async () => {
      const { dir, r2 } = await twoReleases('main');
      const container = await userChanges();
      try {
        const stateBefore = readFileSync(join(dir, 'state.json'), 'utf8');
        const tagsBefore = (await engine.repoTags()).sort();

        const dry = await cli(dir, ['prune', '--dry-run', '--json', '--list', r2.dir]);
        assert.equal(dry.code, 0, describeRun(dry));
        const plan = JSON.parse(dry.stdout) as PruneJson;
        assert.equal(plan.dryRun, true);
        const byName = (report: PruneJson) => Object.fromEntries(report.names.map((n) => [n.name, n]));
        const planned = byName(plan);
        assert.deepEqual(Object.keys(planned).sort(), ['gone', 'moved', 'renamed', 'used', 'vanished'].map((n) => ref(n as Name)).sort(), 'every unlisted recorded name, and only those');
        assert.equal(planned[ref('gone')]!.action, 'remove');
        assert.equal(planned[ref('gone')]!.imageGoes, true);
        assert.deepEqual(
          [ref('used'), ref('renamed'), ref('moved')].map((n) => planned[n]!.reason),
          ['container', 'user-name', 'moved'],
        );
        assert.equal(planned[ref('vanished')]!.action, 'forget');
        assert.deepEqual((await engine.repoTags()).sort(), tagsBefore, '--dry-run changes nothing in the engine');
        assert.equal(readFileSync(join(dir, 'state.json'), 'utf8'), stateBefore, '--dry-run changes nothing in the state file');

        const text = await cli(dir, ['prune', '--dry-run', '--list', r2.dir]);
        assert.match(text.stdout, new RegExp(`^would remove ${ref('gone')} \\(image [0-9a-f]{12} goes too\\)$`, 'm'));
        for (const name of ['used', 'renamed', 'moved'] as const) assert.match(text.stdout, new RegExp(`^kept ${ref(name)}: `, 'm'), `${name}\n${text.stdout}`);

        const real = await cli(dir, ['prune', '--json', '--list', r2.dir]);
        assert.equal(real.code, 0, describeRun(real));
        const done = byName(JSON.parse(real.stdout) as PruneJson);
        assert.equal(done[ref('gone')]!.done, true);
        assert.equal(await engine.hasTag(ref('gone')), false, 'the unlisted name is gone');
        assert.equal((await engine.request('GET', `/images/${img.gone.imageId}/json`)).status, 404, 'and its image with its last name');
        assert.equal(await engine.imageIdOf(ref('used')), img.used.imageId, 'the image a created container uses stays');
        assert.equal(await engine.imageIdOf(ref('renamed')), img.renamed.imageId, 'the image with a name of the user stays');
        assert.equal(await engine.imageIdOf(ref('moved')), img.user.imageId, 'a name the user moved stays where the user put it');
        assert.equal(await engine.imageIdOf(ref('kept')), img.kept.imageId, 'a listed name stays');

        const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { images: Record<string, unknown> };
        assert.deepEqual(Object.keys(state.images).sort(), [ref('kept'), ref('moved'), ref('renamed'), ref('used')].sort(), 'the removed and vanished names are forgotten, the kept ones still recorded');

        // Once the container is gone, the next prune removes that image too.
        await removeContainer(container);
        const again = await cli(dir, ['prune', '--list', r2.dir]);
        assert.equal(again.code, 0, describeRun(again));
        assert.match(again.stdout, new RegExp(`^removed ${ref('used')} \\(image [0-9a-f]{12} deleted\\)$`, 'm'));
        assert.equal(await engine.hasTag(ref('used')), false);
      } finally {
        await removeContainer(container).catch(() => {});
      }
    });

    it('--keep-list keeps what the other slot lists; no list at all removes nothing', TEST_TIMEOUT, async () => {
      const { dir, r1, r2 } = await twoReleases('keep');
      const kept = await cli(dir, ['prune', '--list', r2.dir, '--keep-list', r1.dir]);
      assert.equal(kept.code, 0, describeRun(kept));
      assert.match(kept.stdout, /^nothing to prune/m);
      for (const name of NAMES) assert.equal(await engine.imageIdOf(ref(name)), img[name].imageId, name);

      const missing = await cli(dir, ['prune', '--list', join(dir, 'no-such-slot')]);
      assert.equal(missing.code, 1, describeRun(missing));
      assert.match(missing.stderr, /prune removes nothing while a list it keeps has errors/);
      for (const name of NAMES) assert.equal(await engine.imageIdOf(ref(name)), img[name].imageId, name);
    });
  });
}
