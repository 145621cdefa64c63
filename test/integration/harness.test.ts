// Checks the test harness itself against both real engines: the engines start
// privately, the engine-free fixtures are valid images, tag checks are exact,
// the load-counting proxy counts. Needs no product code.
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ENGINE_KINDS, apiRequest, startEngine, tagSpellings, type TestEngine } from '../helpers/engines.js';
import { buildDockerArchive, buildMultiImageArchive, compressFile } from '../helpers/fixtures.js';
import { startLoadCounter } from '../helpers/load-counter.js';

describe('fixtures (no engine)', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'pd-fx-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('are deterministic and start with manifest.json', async () => {
    const spec = { repoTags: ['det:1.0'], files: { 'etc/a': 'a\n', 'b': 'b\n' }, layers: 2 };
    const a = await buildDockerArchive({ ...spec, outDir: join(dir, 'a') });
    const b = await buildDockerArchive({ ...spec, outDir: join(dir, 'b') });
    assert.equal(a.imageId, b.imageId);
    assert.match(a.imageId, /^sha256:[0-9a-f]{64}$/);
    const bytes = readFileSync(a.path);
    assert.deepEqual(bytes, readFileSync(b.path));
    assert.equal(bytes.subarray(0, 13).toString('latin1'), 'manifest.json');
  });

  it('compress with each codec, detectable by magic bytes', async () => {
    const { path } = await buildDockerArchive({ repoTags: ['magic:1'], files: { f: 'x' }, outDir: dir });
    const magic = (p: string) => readFileSync(p).subarray(0, 6).toString('hex');
    assert.equal(magic(await compressFile(path, 'zstd')).slice(0, 8), '28b52ffd');
    assert.equal(magic(await compressFile(path, 'xz')), 'fd377a585a00');
    assert.equal(magic(await compressFile(path, 'gzip')).slice(0, 4), '1f8b');
    assert.equal(await compressFile(path, 'none'), path);
  });
});

for (const kind of ENGINE_KINDS) {
  describe(`harness against ${kind}`, () => {
    let engine: TestEngine;
    let dir: string;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), `pd-h-${kind}-`));
      engine = await startEngine(kind);
    });
    after(async () => {
      await engine?.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    beforeEach(async () => engine.wipe());

    it('starts privately and answers /_ping', async () => {
      assert.ok(engine.socketPath.startsWith(engine.dir));
      assert.ok(engine.socketPath.length < 108);
      const res = await engine.request('GET', '/_ping');
      assert.equal(res.status, 200);
      assert.deepEqual(await engine.repoTags(), []);
    });

    it('loads a multi-layer fixture with the expected ID and tags', async () => {
      const built = await buildDockerArchive({
        repoTags: ['app:1.0', 'app:latest'],
        files: { 'etc/app.conf': 'x=1\n', 'usr/share/app/data': 'data\n', 'README': 'hi\n' },
        layers: 3,
        outDir: dir,
      });
      await engine.load(createReadStream(built.path));
      assert.equal(await engine.imageIdOf('app:1.0'), built.imageId);
      assert.equal(await engine.imageIdOf('app'), built.imageId);
      const inspected = await engine.inspect('app:1.0');
      assert.equal(inspected?.Id, built.imageId);
      const expected = kind === 'docker' ? ['app:1.0', 'app:latest'] : ['localhost/app:1.0', 'localhost/app:latest'];
      assert.deepEqual([...(inspected?.RepoTags ?? [])].sort(), expected);
      assert.deepEqual((await engine.repoTags()).sort(), expected);
    });

    it('loads a multi-image archive', async () => {
      const built = await buildMultiImageArchive({
        images: [
          { repoTags: ['multi/one:1', 'multi/one:stable'], files: { one: '1' } },
          { repoTags: ['multi/two:2'], files: { two: '2' }, layers: 2 },
        ],
        outDir: dir,
        fileName: 'multi.tar',
      });
      await engine.load(createReadStream(built.path));
      const [one, two] = built.images;
      assert.notEqual(one!.imageId, two!.imageId);
      assert.equal(await engine.imageIdOf('multi/one:1'), one!.imageId);
      assert.equal(await engine.imageIdOf('multi/one:stable'), one!.imageId);
      assert.equal(await engine.imageIdOf('multi/two:2'), two!.imageId);
    });

    it('checks tags exactly (Podman matches short names by suffix on inspect)', async () => {
      const built = await buildDockerArchive({ repoTags: ['demo/app:1.0'], files: { f: '1' }, outDir: dir });
      await engine.load(readFileSync(built.path));
      assert.equal(await engine.hasTag('demo/app:1.0'), true);
      assert.equal(await engine.hasTag('app:1.0'), false);
      assert.equal(await engine.hasTag('demo/app:2.0'), false);
      for (const spelling of tagSpellings(kind, 'demo/app:1.0')) {
        assert.equal((await engine.inspect(spelling))?.Id, built.imageId, spelling);
      }
    });

    it('tags, removes and wipes', async () => {
      const built = await buildDockerArchive({ repoTags: ['src:1'], files: { f: 's' }, outDir: dir });
      await engine.load(readFileSync(built.path));
      await engine.tag('src:1', 'copy', '2');
      assert.equal(await engine.imageIdOf('copy:2'), built.imageId);
      await engine.removeImage('copy:2');
      assert.equal(await engine.hasTag('copy:2'), false);
      assert.equal(await engine.hasTag('src:1'), true);
      await engine.removeImage('does-not-exist:1');
      await engine.wipe();
      assert.deepEqual(await engine.repoTags(), []);
      assert.equal(await engine.inspect('src:1'), null);
    });

    it('counts load requests through the proxy', async () => {
      const counter = await startLoadCounter(engine.socketPath);
      try {
        const built = await buildDockerArchive({ repoTags: ['counted:1'], files: { f: 'c' }, outDir: dir });
        assert.equal((await apiRequest(counter.socketPath, 'GET', '/_ping')).status, 200);
        assert.equal((await apiRequest(counter.socketPath, 'GET', '/images/json')).status, 200);
        assert.equal(counter.loadCount, 0);
        const res = await apiRequest(counter.socketPath, 'POST', '/v1.41/images/load?quiet=1', createReadStream(built.path));
        assert.equal(res.status, 200, res.body);
        assert.equal(counter.loadCount, 1);
        assert.equal(counter.requests.length, 3);
        assert.equal(await engine.imageIdOf('counted:1'), built.imageId);
      } finally {
        await counter.close();
      }
    });
  });
}
