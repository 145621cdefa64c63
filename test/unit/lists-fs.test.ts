import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { findListFiles } from '../../src/list/discover.js';
import { readLists } from '../../src/list/read.js';
import { tempDirPerSuite, tree } from './support.js';

describe('findListFiles', () => {
  const tmp = tempDirPerSuite('discover');

  it('uses a file path as is, whatever its name', async () => {
    const root = tree(join(tmp.path, 'file'), { 'custom.list': 'a.tar a\n' });
    assert.deepEqual(await findListFiles([join(root, 'custom.list')]), { files: [join(root, 'custom.list')], problems: [] });
  });

  it('resolves a relative path to an absolute one', async () => {
    const root = tree(join(tmp.path, 'relative'), { 'image.list': '' });
    const { files } = await findListFiles([relative(process.cwd(), join(root, 'image.list'))]);
    assert.deepEqual(files, [join(root, 'image.list')]);
  });

  it('uses a folder\'s own image.list and ignores its children then', async () => {
    const root = tree(join(tmp.path, 'own'), { 'image.list': '', 'pkg/image.list': '' });
    assert.deepEqual((await findListFiles([root])).files, [join(root, 'image.list')]);
  });

  it('otherwise collects <pkg>/image.list children in sorted order', async () => {
    const root = tree(join(tmp.path, 'pkgs'), {
      'zeta/image.list': '',
      'alpha/image.list': '',
      'mid/image.list': '',
      'no-list/other.txt': '',
      'stray.list': '',
      'deeper/nested/image.list': '',
    });
    const { files, problems } = await findListFiles([root]);
    assert.deepEqual(problems, []);
    assert.deepEqual(files, ['alpha', 'mid', 'zeta'].map((pkg) => join(root, pkg, 'image.list')));
  });

  it('follows a symlinked package folder', async () => {
    const root = tree(join(tmp.path, 'linked'), { 'real/image.list': '' });
    mkdirSync(join(root, 'root'));
    symlinkSync(join(root, 'real'), join(root, 'root', 'pkg'));
    assert.deepEqual((await findListFiles([join(root, 'root')])).files, [join(root, 'root', 'pkg', 'image.list')]);
  });

  it('returns nothing, and no problem, for an empty folder', async () => {
    const root = join(tmp.path, 'empty');
    mkdirSync(root);
    assert.deepEqual(await findListFiles([root]), { files: [], problems: [] });
  });

  it('reports a missing path as an error and still expands the others', async () => {
    const root = tree(join(tmp.path, 'mixed'), { 'a/image.list': '' });
    const missing = join(tmp.path, 'does-not-exist');
    const { files, problems } = await findListFiles([missing, root]);
    assert.deepEqual(files, [join(root, 'a', 'image.list')]);
    assert.equal(problems.length, 1);
    assert.deepEqual({ ...problems[0], reason: '' }, { list: missing, line: undefined, severity: 'error', reason: '' });
    assert.match(problems[0]!.reason, /^cannot read list: .*ENOENT/);
  });

  it('lists a file given twice only once', async () => {
    const root = tree(join(tmp.path, 'twice'), { 'image.list': '' });
    assert.deepEqual((await findListFiles([root, join(root, 'image.list')])).files, [join(root, 'image.list')]);
  });
});

describe('readLists', () => {
  const tmp = tempDirPerSuite('read');

  it('reads and parses every list; a missing or unreadable one does not hide the others', async () => {
    const root = tree(join(tmp.path, 'all'), {
      'a/image.list': 'a.tar a:1\nbad-line\n',
      'b/image.list': '# b\nb.tar b:1\n',
      'plain-file': 'x',
    });
    const missing = join(tmp.path, 'missing');
    const notADir = join(root, 'plain-file', 'image.list'); // ENOTDIR
    const { files, entries, problems } = await readLists([missing, root, notADir]);
    assert.deepEqual(files, [join(root, 'a', 'image.list'), join(root, 'b', 'image.list')]);
    assert.deepEqual(entries.map((e) => `${e.reference.nameTag} ${e.archivePath}`), [
      `a:1 ${join(root, 'a', 'images', 'a.tar')}`,
      `b:1 ${join(root, 'b', 'images', 'b.tar')}`,
    ]);
    assert.deepEqual(
      problems.map((p) => [p.list, p.line, p.severity]),
      [
        [missing, undefined, 'error'],
        [notADir, undefined, 'error'],
        [join(root, 'a', 'image.list'), 2, 'error'],
      ],
    );
  });

  it('merges a name listed in two lists into one entry, naming the later file:line', async () => {
    const root = tree(join(tmp.path, 'dups'), {
      'a/image.list': 'a.tar app:1\n',
      'b/image.list': '\n\nother.tar app:1\n',
    });
    const { entries, problems } = await readLists([root]);
    assert.deepEqual(entries.map((e) => e.list), [join(root, 'a', 'image.list')]);
    assert.equal(problems.length, 1);
    assert.deepEqual([problems[0]!.line, problems[0]!.severity], [1, 'info']);
    assert.match(problems[0]!.reason, new RegExp(`listed again at ${join(root, 'b', 'image.list')}:3: checked against the loaded image`));
  });

  it('refuses a list over 1 MiB with one problem naming the file and the cap, reading no more than that', async () => {
    const root = tree(join(tmp.path, 'huge'), { 'a/image.list': 'a.tar a:1\n', 'b/image.list': `${'# filler\n'.repeat(120_000)}b.tar b:1\n` });
    const zero = join(tmp.path, 'zero');
    mkdirSync(zero);
    writeFileSync(join(zero, 'image.list'), '');
    truncateSync(join(zero, 'image.list'), 4 * 1024 ** 3); // sparse: a file that seems never to end
    const { entries, problems } = await readLists([root, zero]);
    assert.deepEqual(entries.map((e) => e.reference.nameTag), ['a:1']);
    assert.deepEqual(
      problems.map((p) => [p.list, p.line, p.severity]),
      [
        [join(root, 'b', 'image.list'), undefined, 'error'],
        [join(zero, 'image.list'), undefined, 'error'],
      ],
    );
    for (const p of problems) assert.match(p.reason, /^cannot read list: it is larger than 1 MiB, the most a list may hold/);
  });

  it('reads a list of exactly 1 MiB', async () => {
    const line = 'a.tar a:1\n';
    const root = tree(join(tmp.path, 'exact'), { 'image.list': `${'#'.repeat(1024 * 1024 - line.length - 1)}\n${line}` });
    const { entries, problems } = await readLists([root]);
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => e.reference.nameTag), ['a:1']);
  });
});

describe('readLists: lists and images/ a device cannot trust', () => {
  const tmp = tempDirPerSuite('hostile-lists');

  it('a FIFO list is "not a regular file", read without blocking', async () => {
    const root = join(tmp.path, 'fifo');
    mkdirSync(root, { recursive: true });
    const fifo = join(root, 'image.list');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    const lists = await readLists([fifo]);
    assert.deepEqual(lists.entries, []);
    assert.deepEqual(lists.problems.map((p) => p.reason), ['cannot read list: not a regular file']);
  });

  it('images/ resolving outside the list folder refuses the whole list; inside it (a link to a sibling folder) is fine', async () => {
    const out = tree(join(tmp.path, 'out'), { 'image.list': 'etc/passwd adv/p:1\n' });
    symlinkSync('/', join(out, 'images'));
    const refused = await readLists([out]);
    assert.deepEqual(refused.entries, []);
    assert.equal(refused.problems.length, 1);
    assert.match(refused.problems[0]!.reason, /the images folder .*\/images resolves to \/, outside the package folder .*: the whole list is refused/);

    const inside = tree(join(tmp.path, 'inside'), { 'image.list': 'a.tar adv/a:1\n', 'shipped/a.tar': 'x' });
    symlinkSync('shipped', join(inside, 'images'));
    const kept = await readLists([inside]);
    assert.deepEqual(kept.problems, []);
    assert.equal(kept.entries.length, 1);
  });
});
