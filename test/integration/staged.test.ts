// A staged load (`preload-daemon --slot DIR`) against a real Docker and a real Podman: while
// release A "runs", release B's slot is loaded; B's first boot then finds everything (exit 0,
// no load request, its archives not even readable), A's images all stay for a rollback, the
// state file names B's archives as B will see them, and a name both releases use for different
// images is left to B's boot. Slots are folders laid out as root filesystems.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { describeRun, runCli, type CliResult } from '../helpers/cli.js';
import { ENGINE_KINDS, enginePerSuite, type TestEngine } from '../helpers/engines.js';
import { buildDockerArchive, noise, type BuiltArchive } from '../helpers/fixtures.js';
import { overwriteWithGarbage, writeListDir } from '../helpers/lists.js';
import { withLoadCounter } from '../helpers/load-counter.js';

const TEST_TIMEOUT = { timeout: 300_000 };
const LISTS = 'usr/share/preload-daemon/app';

const img = {} as Record<'base' | 'appA' | 'appB' | 'extra' | 'sameA' | 'sameB', BuiltArchive>;

before(async () => {
  const out = join('/var/tmp', `pd-staged-fixtures-${process.pid}`);
  const build = (tag: string, content: string, fileName: string) =>
    buildDockerArchive({ repoTags: [tag], files: { 'etc/release': `${content}\n`, 'usr/lib/blob': noise(96 * 1024, content) }, layers: 2, outDir: out, fileName });
  img.base = await build('pd/base:1', 'base', 'base.tar');
  img.appA = await build('pd/app:a', 'app a', 'app-a.tar');
  img.appB = await build('pd/app:b', 'app b', 'app-b.tar');
  img.extra = await build('pd/extra:1', 'extra', 'extra.tar');
  // One tag, two contents: what a release that keeps its tags ships.
  img.sameA = await build('pd/same:1', 'same in a', 'same-a.tar');
  img.sameB = await build('pd/same:1', 'same in b', 'same-b.tar');
});

const line = (file: string, tag: string, image: BuiltArchive) => `${file} ${tag} id=${image.imageId}`;

interface StateDoc {
  images: Record<string, { archive: string; imageId: string; unlistedSince?: string }>;
  failures?: Record<string, unknown>;
}

for (const kind of ENGINE_KINDS) {
  describe(`staged load against ${kind}`, () => {
    let engine: TestEngine;
    let work: string;
    enginePerSuite(kind, `pd-staged-${kind}-`, (e, w) => {
      engine = e;
      work = w;
    });

    function cli(dir: string, args: string[], socket = engine.socketPath): Promise<CliResult> {
      return runCli([...args, '--engine', kind, '--socket', socket, '--state-file', join(dir, 'state.json'), '--lock-file', join(dir, 'lock'), '--wait-engine', '30', '--log-level', 'debug'], { timeoutMs: 120_000 });
    }
    const state = (dir: string) => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as StateDoc;

    /** Slot A (running) and slot B (the update), each a root filesystem with one list. */
    function slots(label: string, a: string[], aArchives: Record<string, string>, b: string[], bArchives: Record<string, string>) {
      const dir = join(work, label);
      return { dir, a: writeListDir(join(dir, 'slot-a', LISTS), a, aArchives), slotB: join(dir, 'slot-b'), b: writeListDir(join(dir, 'slot-b', LISTS), b, bArchives) };
    }

    it('loads the next release before the reboot; its first boot loads nothing; the old release keeps everything', TEST_TIMEOUT, async () => {
      const s = slots(
        'main',
        [line('base.tar', 'pd/base:1', img.base), line('app-a.tar', 'pd/app:a', img.appA)],
        { 'base.tar': img.base.path, 'app-a.tar': img.appA.path },
        [line('base.tar', 'pd/base:1', img.base), line('app-b.tar', 'pd/app:b', img.appB), line('extra.tar', 'pd/extra:1', img.extra)],
        { 'base.tar': img.base.path, 'app-b.tar': img.appB.path, 'extra.tar': img.extra.path },
      );
      const bootA = await cli(s.dir, ['--list', s.a.dir]);
      assert.equal(bootA.code, 0, describeRun(bootA));

      // The updater's hook: B's slot mounted at slot-b, the lists found inside it, capped in rate.
      const staged = await cli(s.dir, ['--slot', s.slotB, '--rate-limit', '256K']);
      assert.equal(staged.code, 0, describeRun(staged));
      assert.equal(await engine.imageIdOf('pd/app:b'), img.appB.imageId);
      assert.equal(await engine.imageIdOf('pd/extra:1'), img.extra.imageId);
      const recorded = state(s.dir).images;
      assert.equal(recorded['pd/app:b']?.archive, `/${LISTS}/images/app-b.tar`, 'recorded as B names it once booted from its slot');
      assert.equal(recorded['pd/app:a']?.archive, s.a.archivePath('app-a.tar'), "the running release's own record is untouched");
      assert.equal(recorded['pd/app:a']?.unlistedSince, undefined, "nor marked unlisted: the slot's lists are not the running release's");

      // Rollback: A boots again and finds all of its images.
      await withLoadCounter(engine.socketPath, async (counter) => {
        const again = await cli(s.dir, ['--list', s.a.dir], counter.socketPath);
        assert.equal(again.code, 0, describeRun(again));
        assert.equal(counter.loadCount, 0, 'nothing of A went missing');
      });

      // B's first boot: nothing to load, and no archive opened (they are garbage now: opening one would fail the run).
      for (const file of ['base.tar', 'app-b.tar', 'extra.tar']) overwriteWithGarbage(s.b.archivePath(file));
      await withLoadCounter(engine.socketPath, async (counter) => {
        const boot = await cli(s.dir, ['--list', s.b.dir], counter.socketPath);
        assert.equal(boot.code, 0, describeRun(boot));
        assert.equal(counter.loadCount, 0, 'the first boot of B loads nothing');
      });
    });

    it('a name the running release has for another image is left to the next boot, so a rollback finds it unchanged', TEST_TIMEOUT, async () => {
      const s = slots('same-tag', [line('same.tar', 'pd/same:1', img.sameA)], { 'same.tar': img.sameA.path }, [line('same.tar', 'pd/same:1', img.sameB)], { 'same.tar': img.sameB.path });
      assert.equal((await cli(s.dir, ['--list', s.a.dir, '--policy', 'changed'])).code, 0);
      const staged = await cli(s.dir, ['--slot', s.slotB, '--policy', 'changed']);
      assert.equal(staged.code, 0, describeRun(staged));
      assert.equal(staged.logs.find((l) => l.image === 'pd/same:1')?.reason, 'next-boot', describeRun(staged));
      assert.equal(await engine.imageIdOf('pd/same:1'), img.sameA.imageId, 'the running release still starts its own image');
      const boot = await cli(s.dir, ['--list', s.b.dir, '--policy', 'changed']);
      assert.equal(boot.code, 0, describeRun(boot));
      assert.equal(await engine.imageIdOf('pd/same:1'), img.sameB.imageId, "B's first boot loads B's image");
    });

    it("a staged load's failure is its exit code and log line, not a failure record for the running release", TEST_TIMEOUT, async () => {
      const s = slots('broken', [line('base.tar', 'pd/base:1', img.base)], { 'base.tar': img.base.path }, [line('extra.tar', 'pd/extra:1', img.extra)], { 'extra.tar': img.extra.path });
      assert.equal((await cli(s.dir, ['--list', s.a.dir])).code, 0);
      overwriteWithGarbage(s.b.archivePath('extra.tar'));
      const staged = await cli(s.dir, ['--slot', s.slotB]);
      assert.equal(staged.code, 1, describeRun(staged));
      assert.match(staged.stderr, /extra\.tar/);
      assert.equal(state(s.dir).failures, undefined, 'no failure recorded');
    });
  });
}
