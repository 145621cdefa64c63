// What the engine is sent for one list entry, against a real Docker and a real Podman on
// overlay storage (as devices run them): only the entry's image under the list's name — a
// multi-image archive (`docker save a b`, `podman save -m`, several tags in one pack archive)
// never moves a neighbour's name — and only the layers the engine lacks; a thin load the
// engine refuses is sent again whole in the same run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { engineOn } from '../../src/engine/engine.js';
import { parseReference } from '../../src/list/reference.js';
import type { ListEntry } from '../../src/list/entry.js';
import { loadEntry } from '../../src/loader/load-entry.js';
import type { LoadContext } from '../../src/loader/context.js';
import { StateFile } from '../../src/state/state-file.js';
import { describeRun, runCli, type CliResult } from '../helpers/cli.js';
import { ENGINE_KINDS, enginePerSuite, startEngine, tagSpellings, type EngineKind, type TestEngine } from '../helpers/engines.js';
import { buildLayeredArchive, compressFile, noise, type BuiltArchive } from '../helpers/fixtures.js';
import { readPackedList } from '../helpers/pack-output.js';

const TEST_TIMEOUT = { timeout: 300_000 };
const BASE = { 'usr/lib/base.bin': noise(2 * 1024 * 1024, 'shared base') };
const layersOf = (label: string) => [BASE, { 'etc/app': `${label}\n` }];

let root: string;
/** a:1 and an older b:1 (one base), b:1 newer, the user's own image; as fixture archives. */
const img = {} as Record<'a' | 'bOld' | 'bNew' | 'user' | 'app1' | 'app2' | 'm', BuiltArchive>;
/** a:1 + the older b:1 in one archive, written by each engine's own save. */
const saved = {} as Record<'docker save' | 'podman save -m', string>;
/** app:2 alone, written by each engine's own save (manifest.json last). */
const savedApp2 = {} as Record<'docker save' | 'podman save -m', string>;

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
}

before(async () => {
  root = mkdtempSync('/var/tmp/pd-one-');
  const src = join(root, 'src');
  const one = (tag: string, label: string) => buildLayeredArchive({ images: [{ repoTags: [tag], layers: layersOf(label) }], outDir: src, fileName: `${label}.tar` });
  img.a = await one('pd1/a:1', 'a');
  img.bOld = await one('pd1/b:1', 'b-old');
  img.bNew = await one('pd1/b:1', 'b-new');
  img.user = await buildLayeredArchive({ images: [{ repoTags: ['pd1/user:1'], layers: [{ 'etc/user': 'mine\n' }] }], outDir: src, fileName: 'user.tar' });
  img.app1 = await one('pd1/app:1', 'app-1');
  img.app2 = await one('pd1/app:2', 'app-2');
  img.m = await buildLayeredArchive({ images: [{ repoTags: ['pd1/m:1', 'pd1/m:latest'], layers: layersOf('m') }], outDir: src, fileName: 'm.tar' });
  // The users' tools: each saves a:1 and b:1 into one archive (manifest.json last).
  const tools: Array<['docker save' | 'podman save -m', EngineKind, (socket: string) => string[], string[]]> = [
    ['docker save', 'docker', (socket) => ['/usr/bin/docker', '-H', `unix://${socket}`], []],
    ['podman save -m', 'podman', (socket) => ['podman', '--url', `unix://${socket}`], ['-m', '--format', 'docker-archive']],
  ];
  for (const [tool, kind, cli, flags] of tools) {
    const engine = await startEngine(kind);
    try {
      const [cmd, ...base] = cli(engine.socketPath) as [string, ...string[]];
      for (const archive of [img.a, img.bOld]) run(cmd, [...base, 'load', '-q', '-i', archive.path]);
      saved[tool] = join(src, `${tool.replace(/\W+/g, '-')}.tar`);
      run(cmd, [...base, 'save', ...flags, '-o', saved[tool], 'pd1/a:1', 'pd1/b:1']);
      run(cmd, [...base, 'load', '-q', '-i', img.app2.path]);
      savedApp2[tool] = join(src, `${tool.replace(/\W+/g, '-')}-app2.tar`);
      run(cmd, [...base, 'save', ...flags, '-o', savedApp2[tool], 'pd1/app:2']);
    } finally {
      await engine.stop();
    }
  }
});

after(() => rmSync(root, { recursive: true, force: true }));

let scratchCounter = 0;
function scratch(label: string): string {
  const dir = join(root, `${++scratchCounter}-${label.replace(/\W+/g, '_')}`);
  mkdirSync(join(dir, 'list', 'images'), { recursive: true });
  return dir;
}

for (const kind of ENGINE_KINDS) {
  describe(`one image, only what the engine lacks, against ${kind} (overlay)`, () => {
    let engine: TestEngine;
    enginePerSuite(
      kind,
      `pd-one-${kind}-`,
      (e) => {
        engine = e;
      },
      { storage: 'overlay' },
    );

    /** A list folder: LINES, with the archives (name in images/ → file) copied in. */
    function listDir(label: string, lines: string[], archives: Record<string, string>) {
      const dir = scratch(`${kind}-${label}`);
      for (const [name, file] of Object.entries(archives)) copyFileSync(file, join(dir, 'list', 'images', name));
      writeFileSync(join(dir, 'list', 'image.list'), `${lines.join('\n')}\n`);
      return {
        dir,
        list: join(dir, 'list'),
        run: (extra: string[] = []) =>
          runCli(
            [...extra, '--engine', kind, '--socket', engine.socketPath, '--list', join(dir, 'list'), '--state-file', join(dir, 'state.json'), '--lock-file', join(dir, 'lock'), '--log-level', 'debug'],
            { timeoutMs: 240_000 },
          ),
      };
    }

    async function userOwns(name: string): Promise<void> {
      if ((await engine.imageIdOf('pd1/user:1')) === null) await engine.load(readFileSync(img.user.path));
      const slash = name.lastIndexOf(':');
      await engine.tag(tagSpellings(kind, 'pd1/user:1')[0]!, name.slice(0, slash), name.slice(slash + 1));
      assert.equal(await engine.imageIdOf(name), img.user.imageId);
    }

    function assertExit(r: CliResult, code: number): void {
      assert.equal(r.code, code, describeRun(r));
    }

    for (const tool of ['docker save', 'podman save -m'] as const) {
      it(`loading a:1 out of a ${tool} archive of a:1 and b:1 leaves the user's b:1 where it is`, TEST_TIMEOUT, async () => {
        await userOwns('pd1/b:1');
        const onlyA = listDir(`${tool}-a`, ['ab.tar pd1/a:1'], { 'ab.tar': saved[tool] });
        assertExit(await onlyA.run(), 0);
        assert.equal(await engine.imageIdOf('pd1/a:1'), img.a.imageId);
        assert.equal(await engine.imageIdOf('pd1/b:1'), img.user.imageId, "b:1 is still the user's image");

        // Both named in the list: a:1 loads again after a removal, b:1 (the user's) is kept.
        await engine.removeImage('pd1/a:1');
        const both = listDir(`${tool}-ab`, ['ab.tar pd1/a:1', `ab.tar pd1/b:1 id=${img.bOld.imageId}`], { 'ab.tar': saved[tool] });
        const r = await both.run();
        assertExit(r, 0);
        assert.equal(await engine.imageIdOf('pd1/a:1'), img.a.imageId);
        assert.equal(await engine.imageIdOf('pd1/b:1'), img.user.imageId);
      });
    }

    it('first boot: an archive carrying an older b:1 does not shadow the newer b:1 the list ships', TEST_TIMEOUT, async () => {
      const ab = await compressFile(saved['docker save'], 'zstd');
      const bNew = await compressFile(img.bNew.path, 'zstd');
      const l = listDir('first-boot', ['ab.tar.zst pd1/a:1', `b.tar.zst pd1/b:1 id=${img.bNew.imageId}`], { 'ab.tar.zst': ab, 'b.tar.zst': bNew });
      const r = await l.run();
      assertExit(r, 0);
      assert.equal(await engine.imageIdOf('pd1/b:1'), img.bNew.imageId);
      assert.ok(!r.stderr.includes('updated at runtime'), describeRun(r));
    });

    it("loading one tag of a pack archive with two does not move the other back from the user's image", TEST_TIMEOUT, async () => {
      const dir = scratch(`${kind}-pack-two-tags`);
      const out = join(dir, 'out');
      const packed = await runCli(['pack', '--out', out, '--tmpdir', dir, `docker-archive:${img.m.path}`], { timeoutMs: 150_000 });
      assertExit(packed, 0);
      const lines = readPackedList(out);
      assert.equal(new Set(lines.map((line) => line.file)).size, 1, 'pack keeps both tags in one archive');
      const cli = (extra: string[] = []) =>
        runCli([...extra, '--engine', kind, '--socket', engine.socketPath, '--list', out, '--state-file', join(dir, 'state.json'), '--lock-file', join(dir, 'lock')], { timeoutMs: 240_000 });
      assertExit(await cli(), 0);
      await userOwns('pd1/m:latest');
      await engine.removeImage('pd1/m:1');
      const r = await cli();
      assertExit(r, 0);
      assert.equal(await engine.imageIdOf('pd1/m:1'), img.m.imageId);
      assert.equal(await engine.imageIdOf('pd1/m:latest'), img.user.imageId, "m:latest is still the user's image");
    });

    it('an update whose base the engine holds is sent without the base layer, and loads with its image ID', TEST_TIMEOUT, async () => {
      const l = listDir('update', [`app1.tar.zst pd1/app:1 id=${img.app1.imageId}`], { 'app1.tar.zst': await compressFile(img.app1.path, 'zstd') });
      assertExit(await l.run(), 0);
      copyFileSync(await compressFile(img.app2.path, 'zstd'), join(l.list, 'images', 'app2.tar.zst'));
      writeFileSync(join(l.list, 'image.list'), `app1.tar.zst pd1/app:1 id=${img.app1.imageId}\napp2.tar.zst pd1/app:2 id=${img.app2.imageId}\n`);
      const r = await l.run();
      assertExit(r, 0);
      const loaded = r.logs.find((line) => line.image === 'pd1/app:2' && typeof line.layersSkipped === 'number');
      assert.ok(loaded, describeRun(r));
      assert.equal(loaded.layersSkipped, 1);
      assert.ok((loaded.bytesSkipped as number) > 2 * 1024 * 1024, `${loaded.bytesSkipped} bytes not sent`);
      assert.equal(await engine.imageIdOf('pd1/app:2'), img.app2.imageId);
      // The image is whole: both layers, the 2 MiB base included.
      const inspected = await engine.inspect(img.app2.imageId);
      assert.equal((inspected?.RootFS as { Layers?: string[] } | undefined)?.Layers?.length, 2);
      assert.ok((inspected?.Size as number) > 2 * 1024 * 1024, `size ${inspected?.Size}`);
    });

    for (const tool of ['docker save', 'podman save -m'] as const) {
      it(`a ${tool} update (manifest.json last), plain and zstd, is read ahead and sent without the base layer`, TEST_TIMEOUT, async () => {
        await engine.load(readFileSync(img.app1.path));
        const plain = listDir(`${tool}-update-tar`, ['app2.tar pd1/app:2'], { 'app2.tar': savedApp2[tool] });
        for (const [l, codec] of [[plain, 'tar'], [listDir(`${tool}-update-zst`, ['app2.tar.zst pd1/app:2'], { 'app2.tar.zst': await compressFile(savedApp2[tool], 'zstd') }), 'zstd']] as const) {
          if ((await engine.imageIdOf('pd1/app:2')) !== null) await engine.removeImage('pd1/app:2');
          const r = await l.run();
          assertExit(r, 0);
          const loaded = r.logs.find((line) => line.image === 'pd1/app:2' && typeof line.layersSkipped === 'number');
          assert.equal(loaded?.layersSkipped, 1, `${codec}\n${describeRun(r)}`);
          assert.equal(await engine.imageIdOf('pd1/app:2'), img.app2.imageId);
        }
      });
    }

    it('with --jobs 2 and an empty store, of two images on one base one brings it and the other goes thin', TEST_TIMEOUT, async () => {
      const l = listDir('jobs', [`app1.tar pd1/app:1 id=${img.app1.imageId}`, `app2.tar pd1/app:2 id=${img.app2.imageId}`], { 'app1.tar': img.app1.path, 'app2.tar': img.app2.path });
      const r = await l.run(['--jobs', '2']);
      assertExit(r, 0);
      const skipped = ['pd1/app:1', 'pd1/app:2'].map((image) => r.logs.find((line) => line.image === image && typeof line.layersSkipped === 'number')?.layersSkipped);
      assert.deepEqual([...skipped].sort(), [0, 1], describeRun(r));
      assert.equal(await engine.imageIdOf('pd1/app:1'), img.app1.imageId);
      assert.equal(await engine.imageIdOf('pd1/app:2'), img.app2.imageId);
    });

    it('--dry-run and status --json say whether a missing image would go thin or whole, and the bytes it would send', TEST_TIMEOUT, async () => {
      await engine.load(readFileSync(img.app1.path));
      const l = listDir('plan', [`app2.tar.zst pd1/app:2 id=${img.app2.imageId}`, `a.tar pd1/a:1`, 'user.tar pd1/user:1'], {
        'app2.tar.zst': await compressFile(img.app2.path, 'zstd'),
        'a.tar': img.a.path,
        'user.tar': img.user.path,
      });
      const dry = await l.run(['--dry-run']);
      assertExit(dry, 0);
      const thin = /^load pd1\/app:2 \S+app2\.tar\.zst thin (\d+)$/m.exec(dry.stdout);
      const other = /^load pd1\/a:1 \S+a\.tar (\w+) (\d+)$/m.exec(dry.stdout);
      assert.ok(thin && other, dry.stdout);
      assert.ok(Number(thin[1]) < 64 * 1024, `thin: ${thin[1]} bytes`);
      // a:1 shares app:1's base too: it goes thin as well.
      assert.equal(other[1], 'thin');
      assert.match(dry.stdout, /^load pd1\/user:1 \S+user\.tar whole \d+$/m, 'an image sharing nothing goes whole');
      const status = await runCli(['status', '--json', '--engine', kind, '--socket', engine.socketPath, '--list', l.list, '--state-file', join(l.dir, 'state.json')], { timeoutMs: 120_000 });
      const entries = (JSON.parse(status.stdout) as { entries: Array<{ reference: string; send: { mode: string; tarBytes: number; decodeBytes: number } | null }> }).entries;
      // Not a seekable archive (zstd -3 of the whole tar): all of it is decoded.
      assert.deepEqual(entries.find((e) => e.reference === 'pd1/app:2')?.send, { mode: 'thin', tarBytes: Number(thin[1]), decodeBytes: readFileSync(img.app2.path).length });
      assert.equal(await engine.imageIdOf('pd1/app:2'), null, 'nothing was loaded');
    });

    it('a thin load the engine refuses (its base removed after the check) is sent whole in the same run', TEST_TIMEOUT, async () => {
      await engine.load(readFileSync(img.app1.path));
      const dir = scratch(`${kind}-refused`);
      const images = join(dir, 'list', 'images');
      copyFileSync(img.app2.path, join(images, 'app2.tar'));
      const parsed = parseReference('pd1/app:2');
      assert.ok(parsed.ok);
      const entry: ListEntry = {
        list: join(dir, 'list', 'image.list'),
        line: 1,
        archiveName: 'app2.tar',
        archivePath: join(images, 'app2.tar'),
        imagesDir: images,
        reference: parsed.ref,
        expectedId: img.app2.imageId,
        size: undefined,
        archiveSha256: undefined,
        policy: undefined,
        deleteAfterLoad: undefined,
      };
      const client = engineOn(engine.socketPath, kind, kind === 'podman' ? '4' : 'test');
      const warnings: string[] = [];
      let asked = 0;
      const context: LoadContext = {
        engine: client,
        state: await StateFile.open(join(dir, 'state.json'), (message) => warnings.push(message)),
        places: async () => ({ kind, storage: undefined, staging: dir }),
        reload: false,
        dryRun: false,
        defaultPolicy: 'missing',
        deleteAfterLoad: false,
        minFree: 0,
        limits: { maxDecoderMemory: 128 * 1024 * 1024 },
        warn: (_entry, message) => warnings.push(message),
        // The seam: the engine answers with app:1's layers, then app:1 (the only holder of the base) goes.
        layerChains: async () => {
          asked++;
          const chains = await client.layerChains!();
          await engine.removeImage('pd1/app:1');
          return chains;
        },
      };
      const outcome = await loadEntry(entry, context);
      assert.equal(outcome.kind, 'loaded', JSON.stringify(outcome));
      assert.ok(outcome.kind === 'loaded' && outcome.layersSkipped === 0, 'the second send was whole');
      assert.equal(asked, 1);
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0]!, new RegExp(`${kind} refused the load without the 1 layers it held when asked \\(.+\\); sending the whole archive`));
      assert.equal(await engine.imageIdOf('pd1/app:2'), img.app2.imageId);
      assert.equal(await engine.imageIdOf('pd1/app:1'), null);
    });
  });
}
