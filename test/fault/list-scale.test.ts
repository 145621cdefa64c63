// Fault matrix, case 9 (scale): a 10,000-line image.list. What is realistic: a device ships
// tens of images, so 10,000 lines is a stress test of the per-entry cost (parse + one inspect
// per entry), not a use case. Measured two ways:
// - 10,000 entries, all present, against the fake engine: the daemon's own cost per entry;
// - against each real engine, 1,000 lines naming 20 images × 50 tags (one multi-image
//   archive carrying every tag): the first run loads the archive once and finds the other
//   999 tags present; the second run finds all 1,000 present.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { ENGINE_KINDS, startEngine, type TestEngine } from '../helpers/engines.js';
import { fakeId, startFakeEngine } from '../helpers/fake-engine.js';
import { assertExit, seconds, summaryOf } from '../helpers/fault.js';
import { buildMultiImageArchive, type BuiltArchive } from '../helpers/fixtures.js';
import { writeListDir } from '../helpers/lists.js';

let root: string;
const IMAGES = 20;
const TAGS_REAL = 50;
let multi: BuiltArchive;

before(async () => {
  root = mkdtempSync('/tmp/pd-fault-scale-');
  multi = await buildMultiImageArchive({
    images: Array.from({ length: IMAGES }, (_, i) => ({
      repoTags: Array.from({ length: TAGS_REAL }, (_, t) => `fault/scale-${i}:v${t}`),
      files: { 'etc/i': `${i}\n` },
    })),
    outDir: join(root, 'fx'),
    fileName: 'scale.tar',
  });
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('10,000-line list against the fake engine (all present)', () => {
  for (const kind of ['docker', 'podman'] as const) {
    // How long it takes is printed (and in docs/reliability.md); the requests it makes are tested.
    it(`${kind}: checks 10,000 entries`, { timeout: 300_000 }, async (t) => {
      const refs = Array.from({ length: 10_000 }, (_, i) => `registry.local:5000/team/app-${i % 20}:v${i}`);
      const fake = await startFakeEngine({ kind, images: refs.map((r) => ({ Id: fakeId(r), RepoTags: [r] })) });
      try {
        const l = writeListDir(join(root, `fake-${kind}`), refs.map((r, i) => `img-${i % 20}.tar.zst ${r}`), {});
        const r = await runCli(['--engine', kind, '--socket', fake.socketPath, '--lock-file', join(root, 'lock'), '--list', l.dir], { timeoutMs: 240_000 });
        t.diagnostic(`${kind} (fake): 10,000 entries present in ${seconds(r.durationMs)} s, peak RSS ${r.peakRssKb} KiB`);
        assertExit(r, 0);
        // Docker: a filtered list per 100 names; Podman (reference filters ANDed): one inspect each.
        const lists = fake.calls.filter((c) => c.path.startsWith('/images/json')).length;
        const inspects = fake.calls.filter((c) => /^\/images\/.+\/json/.test(c.path)).length;
        assert.deepEqual({ lists, inspects }, kind === 'docker' ? { lists: 100, inspects: 0 } : { lists: 0, inspects: 10_000 });
      } finally {
        await fake.close();
      }
    });
  }
});

for (const kind of ENGINE_KINDS) {
  describe(`${IMAGES * TAGS_REAL}-line list against ${kind}`, { timeout: 20 * 60_000 }, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await startEngine(kind);
    });
    after(async () => engine?.stop());

    // Each load sends one image under one name (a neighbour's name is never moved): each of the
    // archive's images is loaded once, every further name of it is only tagged.
    it(`loads each image of one archive once, tags its other names, then finds ${IMAGES * TAGS_REAL} tags present`, { timeout: 15 * 60_000 }, async (t) => {
      const lines = [];
      for (let tg = 0; tg < TAGS_REAL; tg++) for (let i = 0; i < IMAGES; i++) lines.push(`scale.tar fault/scale-${i}:v${tg}`);
      const l = writeListDir(join(root, kind), lines, { 'scale.tar': multi.path });
      const args = ['--engine', kind, '--socket', engine.socketPath, '--lock-file', join(root, 'lock'), '--list', l.dir];
      const first = await runCli(args, { timeoutMs: 600_000 });
      assertExit(first, 0);
      assert.deepEqual(summaryOf(first), { ...summaryOf(first), loaded: IMAGES, retagged: lines.length - IMAGES, present: 0, failed: 0 });
      const second = await runCli(args, { timeoutMs: 600_000 });
      assertExit(second, 0);
      assert.equal(summaryOf(second).present, lines.length);
      t.diagnostic(`${kind}: first run ${seconds(first.durationMs)} s, all ${lines.length} present in ${seconds(second.durationMs)} s (${Math.round((second.durationMs / lines.length) * 10) / 10} ms per entry)`);
    });

    // Two image packages shipping the same base image is normal: repeated lines are one entry.
    it('10,000 lines naming 20 present images 500 times each: 20 entries, nothing loaded, exit 0', { timeout: 5 * 60_000 }, async (t) => {
      const lines = Array.from({ length: 10_000 }, (_, i) => `scale.tar fault/scale-${i % IMAGES}:v0`);
      const l = writeListDir(join(root, `${kind}-repeated`), lines, { 'scale.tar': multi.path });
      const args = ['--engine', kind, '--socket', engine.socketPath, '--lock-file', join(root, 'lock'), '--list', l.dir];
      await engine.load(readFileSync(multi.path)); // present whatever ran before
      const r = await runCli(args, { timeoutMs: 120_000 });
      assertExit(r, 0);
      assert.deepEqual({ ...summaryOf(r), seconds: 0 }, { ...summaryOf(r), seconds: 0, loaded: 0, present: IMAGES, failed: 0 });
      t.diagnostic(`${kind}: 10,000 repeated lines (20 images) checked in ${seconds(r.durationMs)} s`);
    });
  });
}
