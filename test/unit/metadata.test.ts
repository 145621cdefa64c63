import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeMetadata, firstMemberName, readTarMetadata } from '../../src/archive/metadata.js';
import { metadataPass } from '../../src/loader/metadata-first.js';
import { realTar, tempDirPerSuite } from './support.js';

const LIMITS = { maxDecoderMemory: 128 * 1024 * 1024 };
const CONFIG = `${'c'.repeat(64)}.json`;
const MANIFEST = JSON.stringify([{ Config: CONFIG, RepoTags: ['x:1'], Layers: ['l1/layer.tar'] }]);

describe('reading an archive’s metadata before sending it', () => {
  const tmp = tempDirPerSuite('metadata');

  async function archives(order: 'first' | 'last') {
    const dir = join(tmp.path, order);
    const images = join(dir, 'images');
    mkdirSync(images, { recursive: true });
    const members: Record<string, string | Buffer> =
      order === 'last'
        ? { 'l1/layer.tar': Buffer.alloc(300_000, 1), [CONFIG]: '{"rootfs":{}}', 'manifest.json': MANIFEST }
        : { 'manifest.json': MANIFEST, [CONFIG]: '{"rootfs":{}}', 'l1/layer.tar': Buffer.alloc(300_000, 1) };
    writeFileSync(join(images, 'a.tar'), await realTar(members));
    execFileSync('zstd', ['-q', '-f', '-k', join(images, 'a.tar')]);
    execFileSync('xz', ['-f', '-k', join(images, 'a.tar')]);
    const at = (name: string) => ({ archivePath: join(images, name), imagesDir: images, context: {} });
    return { tar: at('a.tar'), zst: at('a.tar.zst'), xz: at('a.tar.xz') };
  }

  it('a plain tar is read header to header, a zstd one decoded: both find the manifest and the config', async () => {
    const { tar, zst } = await archives('last');
    for (const metadata of [await readTarMetadata(tar), await decodeMetadata(zst, LIMITS)]) {
      assert.equal(metadata?.manifest.toString(), MANIFEST);
      assert.equal(metadata?.members.get(CONFIG)?.toString(), '{"rootfs":{}}');
      assert.ok(!metadata?.members.has('l1/layer.tar'), 'layers are not kept');
    }
  });

  it('which pass each archive gets: seek for tar, decode for zstd with manifest.json last, none when it is first or for xz', async () => {
    const last = await archives('last');
    const first = await archives('first');
    assert.equal(await firstMemberName(last.zst, LIMITS), 'l1/layer.tar');
    assert.equal(await metadataPass(last.tar, { limits: LIMITS }), 'seek');
    assert.equal(await metadataPass(last.zst, { limits: LIMITS }), 'decode');
    assert.equal(await metadataPass(first.zst, { limits: LIMITS }), 'none');
    assert.equal(await metadataPass(last.xz, { limits: LIMITS }), 'none');
  });
});
