// deleteArchive(): an archive goes only once its image is verified with id=; without id= it
// stays with a warning; a filesystem that refuses the unlink is a warning, never a failure.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ListEntry } from '../../src/list/entry.js';
import { deleteArchive } from '../../src/loader/delete-archive.js';
import { listEntry, mountDirPerSuite } from './support.js';

const ID = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;

function entryAt(archivePath: string, expectedId: string | undefined): ListEntry {
  return listEntry('app:1.0', archivePath, { expectedId, deleteAfterLoad: true });
}

describe('deleteArchive', () => {
  const suite = mountDirPerSuite('delete');
  let counter = 0;

  /** A fresh images/app.tar.zst with some bytes. */
  function archive(): string {
    const dir = join(suite.path, `t${++counter}`, 'images');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'app.tar.zst');
    writeFileSync(file, 'archive bytes');
    return file;
  }

  it('without id= the archive is kept, with a warning that names it and asks for id=', async () => {
    const file = archive();
    const result = await deleteArchive(entryAt(file, undefined), ID);
    assert.equal(result.deleted, false);
    assert.ok(!result.deleted && result.warning, 'a warning');
    assert.ok(!result.deleted && result.warning?.includes(file), JSON.stringify(result));
    assert.ok(!result.deleted && /id=/.test(result.warning ?? ''), JSON.stringify(result));
    assert.ok(existsSync(file), 'the archive is still there');
  });

  it('a verified ID other than id= keeps the archive', async () => {
    const file = archive();
    const result = await deleteArchive(entryAt(file, ID), OTHER);
    assert.equal(result.deleted, false);
    assert.ok(existsSync(file), 'the archive is still there');
  });

  it('the verified ID equal to id= deletes the archive', async () => {
    const file = archive();
    const result = await deleteArchive(entryAt(file, ID), ID);
    assert.deepEqual(result, { deleted: true });
    assert.equal(existsSync(file), false, 'the archive is gone');
    assert.ok(existsSync(join(file, '..')), 'its folder stays');
  });

  it('an archive already gone counts as deleted (a second run, or a racing one)', async () => {
    const file = archive();
    rmSync(file);
    assert.deepEqual(await deleteArchive(entryAt(file, ID), ID), { deleted: true });
  });

  it('a read-only filesystem keeps the archive with a warning (EROFS), never a throw', async () => {
    const dir = suite.tmpfs('ro', 1);
    mkdirSync(join(dir, 'images'));
    const file = join(dir, 'images', 'app.tar.zst');
    writeFileSync(file, 'archive bytes');
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const result = await deleteArchive(entryAt(file, ID), ID);
    assert.equal(result.deleted, false);
    assert.ok(!result.deleted && result.warning?.includes(file), JSON.stringify(result));
    assert.ok(!result.deleted && /EROFS/.test(result.warning ?? ''), JSON.stringify(result));
    assert.ok(existsSync(file), 'the archive is still there');
  });

  it('a read-only bind mount of the images folder keeps the archive with a warning', async () => {
    const file = archive();
    const images = join(file, '..');
    const view = suite.mount('bind-ro', ['--bind', images]);
    execFileSync('mount', ['-o', 'remount,bind,ro', view]);
    const seen = join(view, 'app.tar.zst');
    const result = await deleteArchive(entryAt(seen, ID), ID);
    assert.equal(result.deleted, false);
    assert.ok(!result.deleted && result.warning?.includes(seen), JSON.stringify(result));
    assert.ok(existsSync(file), 'the archive is still there');
  });

  it('a path the unlink refuses for another reason (a folder) is a warning too', async () => {
    const dir = join(suite.path, `t${++counter}`, 'images', 'app.tar.zst');
    mkdirSync(dir, { recursive: true });
    const result = await deleteArchive(entryAt(dir, ID), ID);
    assert.equal(result.deleted, false);
    assert.ok(!result.deleted && result.warning?.includes(dir), JSON.stringify(result));
    assert.ok(existsSync(dir));
  });
});
