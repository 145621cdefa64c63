// A name listed twice whose lines cannot be compared before loading: once the first line's image
// is loaded, the other archive's manifest says which image it holds (no engine needed).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { archiveImageId } from '../../src/archive/image-id.js';
import { mergeDuplicates } from '../../src/list/duplicates.js';
import { parseList } from '../../src/list/parse.js';
import { repeatConflicts } from '../../src/loader/repeats.js';
import { buildDockerArchive } from '../helpers/fixtures.js';
import { tempDirPerSuite } from './support.js';

const LIMITS = { maxDecoderMemory: 1 << 27 };

describe('archiveImageId and repeated lines', () => {
  const tmp = tempDirPerSuite('repeats');

  async function listWith(files: Record<string, string>, lines: string[]) {
    const dir = join(tmp.path, `l${Math.random().toString(36).slice(2)}`);
    mkdirSync(join(dir, 'images'), { recursive: true });
    const ids: Record<string, string> = {};
    for (const [file, content] of Object.entries(files)) {
      const built = await buildDockerArchive({ repoTags: ['dup/app:1'], files: { 'etc/x': content }, outDir: join(dir, 'images'), fileName: file });
      ids[file] = built.imageId;
    }
    execFileSync('zstd', ['-q', '-f', '--rm', join(dir, 'images', 'b.tar'), '-o', join(dir, 'images', 'b.tar.zst')]);
    writeFileSync(join(dir, 'image.list'), lines.join('\n'));
    return { dir, ids, entries: mergeDuplicates(parseList(lines.join('\n'), join(dir, 'image.list')).entries).entries };
  }

  it('reads the config digest from a compressed archive, as the engine would report it', async () => {
    const { dir, ids } = await listWith({ 'a.tar': 'one', 'b.tar': 'two' }, []);
    const images = join(dir, 'images');
    assert.equal(await archiveImageId({ archivePath: join(images, 'a.tar'), imagesDir: images, context: {} }, LIMITS), ids['a.tar']);
    assert.equal(await archiveImageId({ archivePath: join(images, 'b.tar.zst'), imagesDir: images, context: {} }, LIMITS), ids['b.tar']);
  });

  it('another image under the same name is an error naming both lines, once the first is loaded', async () => {
    const { ids, entries } = await listWith({ 'a.tar': 'one', 'b.tar': 'two' }, ['a.tar dup/app:1', 'b.tar.zst dup/app:1']);
    assert.equal(entries.length, 1);
    const problems = await repeatConflicts(entries[0]!, { kind: 'loaded', id: ids['a.tar']!, seconds: 0, archiveBytes: 0, layersSkipped: 0, bytesSkipped: 0, reason: 'missing', deleted: false }, LIMITS);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.line, 2);
    assert.match(problems[0]!.reason, new RegExp(`image ${ids['b.tar']}.*image.list:1 \\(which wins\\) gave ${ids['a.tar']}`));
    // A warm boot (present) does not open the other archive.
    assert.deepEqual(await repeatConflicts(entries[0]!, { kind: 'present', id: ids['a.tar'], reason: 'present', deleted: false }, LIMITS), []);
  });

  it('the same image in two archives is no conflict', async () => {
    const { ids, entries } = await listWith({ 'a.tar': 'same', 'b.tar': 'same' }, ['a.tar dup/app:1', 'b.tar.zst dup/app:1']);
    assert.equal(ids['a.tar'], ids['b.tar']);
    assert.deepEqual(await repeatConflicts(entries[0]!, { kind: 'loaded', id: ids['a.tar']!, seconds: 0, archiveBytes: 0, layersSkipped: 0, bytesSkipped: 0, reason: 'missing', deleted: false }, LIMITS), []);
  });
});
