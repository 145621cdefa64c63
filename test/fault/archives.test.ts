// Fault matrix, cases 6 and 9, against real engines: broken archives (corrupt, truncated,
// empty, not an archive, not an image, another image than the line's id=, a symlink out of images/, a
// FIFO, a directory) and malformed lists (binary garbage, duplicates, invalid references,
// a list that cannot be read, a list folder that does not exist). Each bad line gives one
// error line naming list:line; the good lines still load; archives are never changed; once
// the archives are restored, a rerun converges.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync, copyFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { ENGINE_KINDS, startEngine, type TestEngine } from '../helpers/engines.js';
import { assertExit, assertHasHint, assertOneError, assertUnchanged, errorLogs, fingerprint, logText, summaryOf } from '../helpers/fault.js';
import { buildCompressedArchive, noise, type BuiltArchive, type Codec } from '../helpers/fixtures.js';
import { flipMiddleBytes, truncateFile, writeListDir } from '../helpers/lists.js';

let root: string;
/** ref → a good archive for it */
const good: Record<string, BuiltArchive & { file: string }> = {};

async function fixture(ref: string, codec: Codec, file: string): Promise<void> {
  const built = await buildCompressedArchive(
    { repoTags: [ref], files: { 'etc/id': `${ref}\n`, 'usr/share/blob': noise(256 * 1024, ref) }, outDir: join(root, 'fx'), fileName: file },
    codec,
  );
  good[ref] = { ...built, file: built.path.split('/').pop()! };
}

// Line numbers in the case-6 list.
const CASES = [
  { line: 1, ref: 'fault/good-a:1', codec: 'zstd', bad: undefined, expect: [] },
  { line: 2, ref: 'fault/corrupt-zstd:1', codec: 'zstd', bad: 'flip', expect: [/\(zstd\)/, /corrupt zstd data/, /restore it from the firmware image/i] },
  { line: 3, ref: 'fault/corrupt-xz:1', codec: 'xz', bad: 'flip', expect: [/\(xz\)/, /corrupt xz data|xz/, /restore it from the firmware image/i] },
  { line: 4, ref: 'fault/truncated:1', codec: 'xz', bad: 'truncate', expect: [/\(xz\)/, /truncated/] },
  { line: 5, ref: 'fault/empty:1', codec: 'zstd', bad: 'empty', expect: [/is empty/] },
  { line: 6, ref: 'fault/png:1', codec: 'zstd', bad: 'png', expect: [/is not a zstd, xz, gzip or tar file/] },
  { line: 7, ref: 'fault/not-image:1', codec: 'none', bad: 'plain-tar', expect: [/refused archive/] },
  // With id= (without it, the archive's only image is the one the list names, and gets the name).
  { line: 8, ref: 'fault/wrong-tag:1', codec: 'gzip', bad: 'other-tag', expect: [/does not carry fault\/wrong-tag:1/, /fault\/other-tag:1/] },
  { line: 9, ref: 'fault/symlink:1', codec: 'zstd', bad: 'symlink-out', expect: [/resolves to .*outside/] },
  { line: 10, ref: 'fault/fifo:1', codec: 'zstd', bad: 'fifo', expect: [/is not a regular file/] },
  { line: 11, ref: 'fault/dir:1', codec: 'zstd', bad: 'dir', expect: [/is not a regular file/] },
  { line: 12, ref: 'fault/good-b:1', codec: 'xz', bad: undefined, expect: [] },
] as const;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89', 'latin1'), noise(2048, 'png')]);

before(async () => {
  root = mkdtempSync('/tmp/pd-fault-arc-');
  for (const c of CASES) await fixture(c.ref, c.codec, `${c.ref.split('/')[1]!.replace(':', '_')}.tar`);
  await fixture('fault/other-tag:1', 'gzip', 'other-tag.tar');
  for (const [i, codec] of [[1, 'zstd'], [2, 'xz']] as const) {
    const built = await buildCompressedArchive({ repoTags: ['fault/dup:1'], files: { 'etc/dup': `copy ${i}\n` }, outDir: join(root, 'fx'), fileName: `dup-${i}.tar` }, codec);
    dups.push({ ...built, file: built.path.split('/').pop()! });
  }
});
const dups: (BuiltArchive & { file: string })[] = [];
after(() => rmSync(root, { recursive: true, force: true }));

let n = 0;

/** Archive file name used in the list for case C (always a .tar.zst-looking name for the PNG). */
function nameIn(c: (typeof CASES)[number]): string {
  return c.bad === 'png' ? 'picture.tar.zst' : good[c.ref]!.file;
}

/** Put a broken version of case C's archive at its place in IMAGES. */
function breakArchive(c: (typeof CASES)[number], images: string): void {
  const dest = join(images, nameIn(c));
  switch (c.bad) {
    case undefined:
      copyFileSync(good[c.ref]!.path, dest);
      return;
    case 'flip':
      copyFileSync(good[c.ref]!.path, dest);
      flipMiddleBytes(dest, 64);
      return;
    case 'truncate':
      copyFileSync(good[c.ref]!.path, dest);
      truncateFile(dest, 0.5);
      return;
    case 'empty':
      writeFileSync(dest, '');
      return;
    case 'png':
      writeFileSync(dest, PNG);
      return;
    case 'plain-tar': {
      const src = join(root, `plain-${n}`);
      mkdirSync(src, { recursive: true });
      writeFileSync(join(src, 'hello.txt'), 'not an image\n');
      const r = spawnSync('tar', ['-cf', dest, '-C', src, 'hello.txt']);
      assert.equal(r.status, 0);
      return;
    }
    case 'other-tag':
      copyFileSync(good['fault/other-tag:1']!.path, dest);
      return;
    case 'symlink-out':
      symlinkSync(good[c.ref]!.path, dest); // a real archive, but outside images/
      return;
    case 'fifo':
      assert.equal(spawnSync('mkfifo', [dest]).status, 0);
      return;
    case 'dir':
      mkdirSync(dest);
      return;
  }
}

function restore(c: (typeof CASES)[number], images: string): void {
  const dest = join(images, nameIn(c));
  const st = lstatSync(dest);
  if (st.isDirectory()) rmSync(dest, { recursive: true });
  else unlinkSync(dest);
  copyFileSync(good[c.ref]!.path, dest);
}

function args(engine: TestEngine, dirs: string[], extra: string[] = []): string[] {
  return ['--engine', engine.kind, '--socket', engine.socketPath, '--lock-file', join(root, `lock-${n}`), ...dirs.flatMap((d) => ['--list', d]), ...extra];
}

for (const kind of ENGINE_KINDS) {
  describe(`archive and list faults against ${kind}`, { timeout: 20 * 60_000 }, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await startEngine(kind);
    });
    after(async () => engine?.stop());

    it('6. broken archives: one line each naming list:line and what to do; the good ones load; restored → converges', { timeout: 600_000 }, async (t) => {
      await engine.wipe();
      const dir = join(root, `l${++n}`);
      const l = writeListDir(dir, CASES.map((c) => `${nameIn(c)} ${c.ref}${c.bad === 'other-tag' ? ` id=${good[c.ref]!.imageId}` : ''}`), {});
      for (const c of CASES) breakArchive(c, l.imagesDir);
      const before = fingerprint(l.imagesDir);
      const r = await runCli(args(engine, [l.dir]), { timeoutMs: 300_000 });
      assertExit(r, 1);
      const bad = CASES.filter((c) => c.bad !== undefined);
      assert.deepEqual(summaryOf(r), { ...summaryOf(r), loaded: 2, failed: bad.length });
      for (const c of bad) {
        const line = assertOneError(r, `${l.listFile}:${c.line}`, [c.ref, nameIn(c), ...c.expect]);
        assertHasHint(line);
        t.diagnostic(`${c.bad}: ${line.slice(l.dir.length + 1)}`);
      }
      for (const c of CASES) {
        const present = await engine.hasTag(c.ref);
        assert.equal(present, c.bad === undefined, `${c.ref} present=${present}`);
      }
      assert.ok(!(await engine.hasTag('fault/other-tag:1')) || true); // loaded as a side effect: allowed
      assertUnchanged(before, l.imagesDir);
      // Same state again: the same failures, nothing else loads, nothing changes.
      const again = await runCli(args(engine, [l.dir]), { timeoutMs: 300_000 });
      assertExit(again, 1);
      assert.deepEqual(summaryOf(again), { ...summaryOf(again), loaded: 0, present: 2, failed: bad.length });
      assertUnchanged(before, l.imagesDir);
      // Restored from the firmware image: converges.
      for (const c of bad) restore(c, l.imagesDir);
      const restored = fingerprint(l.imagesDir);
      const fixed = await runCli(args(engine, [l.dir]), { timeoutMs: 300_000 });
      assertExit(fixed, 0);
      for (const c of CASES) assert.ok(await engine.hasTag(c.ref), `${c.ref} missing after restore`);
      assertUnchanged(restored, l.imagesDir);
    });

    it('6b. zstd and xz not installed: each entry that needs one fails, the package named in full once; gzip and tar still load', async () => {
      await engine.wipe();
      const z = good['fault/good-a:1']!;
      const x = good['fault/good-b:1']!;
      const g = good['fault/other-tag:1']!;
      const t = await buildCompressedArchive({ repoTags: ['fault/plain:1'], files: { 'etc/plain': 'p\n' }, outDir: join(root, 'fx'), fileName: `plain-${n}.tar` }, 'none');
      const tFile = t.path.split('/').pop()!;
      const l = writeListDir(
        join(root, `l${++n}`),
        [`${z.file} fault/good-a:1`, `${x.file} fault/good-b:1`, `${g.file} fault/other-tag:1`, `${z.file} fault/good-a2:1`, `${tFile} fault/plain:1`],
        { [z.file]: z.path, [x.file]: x.path, [g.file]: g.path, [tFile]: t.path },
      );
      const noPrograms = mkdtempSync(join(root, 'empty-path-'));
      const r = await runCli(args(engine, [l.dir]), { timeoutMs: 120_000, env: { PATH: noPrograms } });
      assertExit(r, 1);
      assert.deepEqual(summaryOf(r), { ...summaryOf(r), loaded: 2, failed: 3 });
      assertOneError(r, `${l.listFile}:1`, ['(zstd)', 'needs the zstd program, which is not installed', 'Install the Debian package zstd']);
      assertOneError(r, `${l.listFile}:2`, ['(xz)', 'needs the xz program, which is not installed', 'Install the Debian package xz-utils']);
      assertOneError(r, `${l.listFile}:4`, ['(zstd)', 'the zstd program is missing (reported above)', 'Install the Debian package zstd']);
      assert.ok(await engine.hasTag('fault/other-tag:1'));
      assert.ok(await engine.hasTag('fault/plain:1'));
      assert.ok(!(await engine.hasTag('fault/good-a:1')));
    });

    it('9a. a list of binary garbage: errors name its lines, the other package loads, no crash', async () => {
      await engine.wipe();
      const base = join(root, `pkgs${++n}`);
      const okPkg = writeListDir(join(base, 'a-ok'), [`${good['fault/good-a:1']!.file} fault/good-a:1`], { [good['fault/good-a:1']!.file]: good['fault/good-a:1']!.path });
      const garbageDir = join(base, 'b-garbage');
      mkdirSync(garbageDir, { recursive: true });
      const garbage = noise(4096, 'garbage-list');
      writeFileSync(join(garbageDir, 'image.list'), garbage);
      const r = await runCli(args(engine, [base]), { timeoutMs: 120_000 });
      assertExit(r, 1);
      assert.ok(await engine.hasTag('fault/good-a:1'));
      const errors = errorLogs(r).filter((x) => typeof x.loaded !== 'number');
      assert.ok(errors.length > 0);
      for (const e of errors) assert.match(logText(e), new RegExp(`^${join(garbageDir, 'image.list')}:\\d+: `), logText(e));
      assert.equal(summaryOf(r).failed, errors.length);
      assertUnchanged(fingerprint(okPkg.imagesDir), okPkg.imagesDir);
    });

    it('9b. the same name:tag twice with different archives (different images, no id=): the first loads, the second is reported', async () => {
      await engine.wipe();
      const [first, second] = dups as [BuiltArchive & { file: string }, BuiltArchive & { file: string }];
      const l = writeListDir(join(root, `l${++n}`), [`${first.file} fault/dup:1`, `${second.file} fault/dup:1`], { [first.file]: first.path, [second.file]: second.path });
      const before = fingerprint(l.imagesDir);
      const r = await runCli(args(engine, [l.dir]), { timeoutMs: 120_000 });
      assertExit(r, 1);
      assertOneError(r, `${l.listFile}:2`, ['fault/dup:1 is listed here with archive', second.imageId, `${l.listFile}:1`, 'two different images under one name', 'skipped']);
      assert.equal(await engine.imageIdOf('fault/dup:1'), first.imageId, 'loaded from the first line');
      assert.deepEqual(summaryOf(r), { ...summaryOf(r), loaded: 1, failed: 1 });
      assertUnchanged(before, l.imagesDir);
    });

    it('9c. invalid references and archive paths: one line each; the valid line loads', async () => {
      await engine.wipe();
      const a = good['fault/good-a:1']!;
      const lines = [
        `${a.file} Fault/Upper:1`,
        `${a.file} fault/app:-bad`,
        `${a.file} fault/app@sha256:zz`,
        `${a.file} ${'x'.repeat(300)}:1`,
        `../${a.file} fault/escape:1`,
        `/etc/${a.file} fault/abs:1`,
        'only-one-field',
        `${a.file} fault/app:1 id=sha256:XYZ`,
        `${a.file} fault/good-a:1`,
      ];
      const l = writeListDir(join(root, `l${++n}`), lines, { [a.file]: a.path });
      const r = await runCli(args(engine, [l.dir]), { timeoutMs: 120_000 });
      assertExit(r, 1);
      const expect: (RegExp | string)[][] = [
        ['must be lowercase'],
        ['invalid tag "-bad"'],
        ['invalid digest "sha256:zz"'],
        ['longer than 255'],
        ['leaves the images/ folder'],
        ['must be relative to the images/ folder'],
        ['expected "<archive> <name[:tag]>"'],
        ['invalid field id'],
      ];
      expect.forEach((m, i) => assertOneError(r, `${l.listFile}:${i + 1}`, m));
      assert.deepEqual(summaryOf(r), { ...summaryOf(r), loaded: 1, failed: 8 });
      assert.ok(await engine.hasTag('fault/good-a:1'));
    });

    it('9d. a list path under a regular file (ENOTDIR): one line, exit 1', async () => {
      const file = join(root, `plainfile-${++n}`);
      writeFileSync(file, 'x');
      const r = await runCli(args(engine, [join(file, 'image.list')]), { timeoutMs: 60_000 });
      assertExit(r, 1);
      assertOneError(r, join(file, 'image.list'), ['cannot read list', 'ENOTDIR']);
    });

    it('9e. the list folder does not exist: one line naming it, the other list still loads', async () => {
      await engine.wipe();
      const a = good['fault/good-a:1']!;
      const l = writeListDir(join(root, `l${++n}`), [`${a.file} fault/good-a:1`], { [a.file]: a.path });
      const missing = join(root, 'no-such-folder');
      const r = await runCli(args(engine, [missing, l.dir]), { timeoutMs: 60_000 });
      assertExit(r, 1);
      assertOneError(r, missing, ['cannot read list', 'ENOENT']);
      assert.ok(await engine.hasTag('fault/good-a:1'));
    });

    it(
      '9f. a package whose image.list is a directory (unreadable list): reported, not silently skipped',
      async () => {
        await engine.wipe();
        const base = join(root, `pkgs${++n}`);
        const a = good['fault/good-a:1']!;
        writeListDir(join(base, 'a-ok'), [`${a.file} fault/good-a:1`], { [a.file]: a.path });
        mkdirSync(join(base, 'b-broken', 'image.list'), { recursive: true });
        const r = await runCli(args(engine, [base]), { timeoutMs: 60_000 });
        assert.ok(await engine.hasTag('fault/good-a:1'));
        assertOneError(r, join(base, 'b-broken', 'image.list'), []);
        assertExit(r, 1);
      },
    );

    it('9g. --list naming a directory called image.list: one line naming it (not "nothing to load", exit 0)', {
    }, async () => {
      const d = join(root, `dirlist-${++n}`, 'image.list');
      mkdirSync(d, { recursive: true });
      const r = await runCli(args(engine, [d]), { timeoutMs: 60_000 });
      assertExit(r, 1);
      assertOneError(r, d, []);
    });
  });
}
