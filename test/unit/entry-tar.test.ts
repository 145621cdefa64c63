import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unpooled, type Chunk } from '../../src/archive/chunk.js';
import type { ManifestItem } from '../../src/archive/docker-archive.js';
import { editTar } from '../../src/archive/tar-edit.js';
import type { ListEntry } from '../../src/list/entry.js';
import { chooseImage, entryTar, longestPrefix } from '../../src/loader/entry-tar.js';
import { listEntry, realTar, tarMembers } from './support.js';

const hex = (c: string) => c.repeat(64);
const id = (c: string) => `sha256:${hex(c)}`;

function entry(name: string, expectedId?: string): ListEntry {
  return listEntry(name, '/l/images/x.tar', { expectedId });
}

const A: ManifestItem = { Config: `${hex('a')}.json`, RepoTags: ['a:1'], Layers: ['base/layer.tar', 'a1/layer.tar'] };
const B: ManifestItem = { Config: `${hex('b')}.json`, RepoTags: ['localhost/org/b:1', 'b:latest'], Layers: ['base/layer.tar', 'b1/layer.tar'] };


async function send(data: Buffer, edit: ReturnType<typeof entryTar>): Promise<Buffer> {
  async function* one(): AsyncIterable<Chunk> {
    for (let at = 0; at < data.length; at += 1000) yield unpooled(data.subarray(at, at + 1000));
  }
  const parts: Buffer[] = [];
  for await (const chunk of editTar(one(), edit.editor)) parts.push(Buffer.from(chunk.data));
  return Buffer.concat(parts);
}

const config = (diffIds: string[]) => JSON.stringify({ rootfs: { type: 'layers', diff_ids: diffIds } });

describe('entryTar: one image, under the list name, without the layers the engine holds', () => {
  it('chooses by id=, else by the name as the engine stores it, else by the familiar name, else the only image', () => {
    assert.equal(chooseImage([A, B], entry('whatever:1', id('b')), 'docker'), B);
    assert.equal(chooseImage([A, B], entry('docker.io/library/a:1'), 'docker'), A);
    assert.equal(chooseImage([A, B], entry('b:latest'), 'podman'), B);
    // podman save writes localhost/…; a list naming org/b:1 means it on either engine.
    assert.equal(chooseImage([A, B], entry('org/b:1'), 'docker'), B);
    assert.equal(chooseImage([B], entry('c:9'), 'docker'), B);
    assert.throws(() => chooseImage([A, B], entry('c:9'), 'docker'), /does not carry c:9; it carries: a:1, localhost\/org\/b:1, b:latest \(2 images\)$/);
    assert.throws(() => chooseImage([A, B], entry('a:1', id('c')), 'docker'), /does not carry a:1 as id=sha256:c{64}; it carries: a:1, localhost\/org\/b:1, b:latest \(sha256:a{64}, sha256:b{64}\)$/);
  });

  it("the manifest names only the entry's image under the list's spelling; other images' files go empty", async () => {
    const data = await realTar({
      'manifest.json': JSON.stringify([A, B]),
      [A.Config]: config([id('1'), id('2')]),
      [B.Config]: config([id('1'), id('3')]),
      'base/layer.tar': Buffer.alloc(3000, 1),
      'a1/layer.tar': Buffer.alloc(2000, 2),
      'b1/layer.tar': Buffer.alloc(4000, 3),
      repositories: '{}',
    });
    const edit = entryTar(entry('docker.io/org/b:1'), { kind: 'docker' });
    const out = await tarMembers(await send(data, edit));
    assert.deepEqual(JSON.parse(out.get('manifest.json')!.toString()), [{ ...B, RepoTags: ['docker.io/org/b:1'] }]);
    assert.equal(out.get('b1/layer.tar')?.length, 4000);
    assert.equal(out.get('base/layer.tar')?.length, 3000, 'no layer chains asked: every layer of the image is sent');
    assert.equal(out.get('a1/layer.tar')?.length, 0);
    assert.equal(out.get(A.Config)?.length, 0);
    assert.deepEqual(edit.result, { layersSkipped: 0, bytesSkipped: 2000 + config([id('1'), id('2')]).length, imageId: id('b'), renamedFrom: undefined });
  });

  it('layers of a prefix the store holds go empty; a layer the store holds only after another base does not', async () => {
    const item: ManifestItem = { Config: `${hex('c')}.json`, RepoTags: ['c:1'], Layers: ['l1.tar', 'l2.tar', 'l3.tar'] };
    const data = await realTar({
      'manifest.json': JSON.stringify([item]),
      [item.Config]: config([id('1'), id('2'), id('3')]),
      'l1.tar': Buffer.alloc(1000, 1),
      'l2.tar': Buffer.alloc(2000, 2),
      'l3.tar': Buffer.alloc(3000, 3),
    });
    const chains = [[id('1'), id('2'), id('9')], [id('5'), id('2'), id('3')]];
    const edit = entryTar(entry('c:1'), { kind: 'podman', layerChains: async () => chains });
    const out = await tarMembers(await send(data, edit));
    assert.deepEqual([out.get('l1.tar')?.length, out.get('l2.tar')?.length, out.get('l3.tar')?.length], [0, 0, 3000]);
    assert.equal(edit.result.layersSkipped, 2);
    assert.equal(edit.result.bytesSkipped, 3000);
    assert.equal(out.get(item.Config)?.toString(), config([id('1'), id('2'), id('3')]));

    // An engine that cannot say which layers it has: every layer is sent.
    const blind = entryTar(entry('c:1'), { kind: 'podman', layerChains: async () => Promise.reject(new Error('HTTP 500')) });
    const whole = await tarMembers(await send(data, blind));
    assert.equal(whole.get('l1.tar')?.length, 1000);
    assert.equal(blind.result.layersSkipped, 0);
  });

  it("Podman: an OCI index.json beside manifest.json (Docker ≥ 25's save) goes empty, wherever it sits; without manifest.json it stays", async () => {
    const index = JSON.stringify({ schemaVersion: 2, manifests: [{ digest: id('d'), annotations: { 'io.containerd.image.name': 'docker.io/library/a:1' } }] });
    const files = { [A.Config]: config([id('1'), id('2')]), 'base/layer.tar': Buffer.alloc(3000, 1), 'a1/layer.tar': Buffer.alloc(2000, 2) };
    // Docker 26 writes blobs/, then index.json, then manifest.json: the index comes first.
    const saved = await realTar({ ...files, 'index.json': index, 'manifest.json': JSON.stringify([A]), 'oci-layout': '{}' });
    const podman = await tarMembers(await send(saved, entryTar(entry('a:1'), { kind: 'podman' })));
    assert.equal(podman.get('index.json')?.length, 0, 'Podman would read it first and load what it names');
    assert.deepEqual(JSON.parse(podman.get('manifest.json')!.toString()), [{ ...A, RepoTags: ['a:1'] }]);
    assert.equal(podman.get('a1/layer.tar')?.length, 2000);
    const docker = await tarMembers(await send(saved, entryTar(entry('a:1'), { kind: 'docker' })));
    assert.equal(docker.get('index.json')?.toString(), index, 'Docker reads manifest.json whenever there is one');
    // After manifest.json, or known before the first byte (read ahead): emptied at once.
    const after = await realTar({ 'manifest.json': JSON.stringify([A]), ...files, 'index.json': index });
    assert.equal((await tarMembers(await send(after, entryTar(entry('a:1'), { kind: 'podman' })))).get('index.json')?.length, 0);
    // An OCI archive (no manifest.json): its index.json is what names the image.
    const oci = await realTar({ 'oci-layout': '{}', 'index.json': index, 'blobs/sha256/x': 'x' });
    assert.equal((await tarMembers(await send(oci, entryTar(entry('a:1'), { kind: 'podman' })))).get('index.json')?.toString(), index);
  });

  it('longestPrefix counts only leading layers in order', () => {
    assert.equal(longestPrefix([id('1'), id('2')], []), 0);
    assert.equal(longestPrefix([id('1'), id('2')], [[id('2'), id('1')], [id('1')]]), 1);
    assert.equal(longestPrefix([id('1'), id('2')], [[id('1'), id('2'), id('3')]]), 2);
  });
});
