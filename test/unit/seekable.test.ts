// pack --bundle and the seekable zstd layout, on real archives written by pack (no engine):
// the layout, what Debian's zstd and pzstd make of it, the table of contents, and the reader
// that decodes only chosen members and refuses a table that does not match the data.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { decodeMembers, framesFor, readMembers, readToc, verifyFrames, type TocReading } from '../../src/archive/seekable/read.js';
import { TocMismatch, type Toc } from '../../src/archive/seekable/toc.js';
import { pack, type PackedImage } from '../../src/pack/pack.js';
import { createLogger } from '../../src/system/log.js';
import { buildImagesOnBase, noise, type BuiltArchive } from '../helpers/fixtures.js';
import { readPackedList, tarEntries, type ArchiveManifest } from '../helpers/pack-output.js';
import { tempDirPerSuite } from './support.js';

const platform = { architecture: process.arch === 'arm64' ? 'arm64' : 'amd64', variant: undefined };
const LIMITS = { maxDecoderMemory: 8 << 20 };
const MiB = 1024 * 1024;

function quietLog() {
  return createLogger('error', { format: 'json', write: () => {} });
}

async function packInto(tmp: string, outDir: string, specs: string[], options: { bundle?: string; threads?: number; compression?: 'zstd' | 'gzip' } = {}) {
  return pack({
    specs,
    outDir,
    compression: { compression: options.compression ?? 'zstd', level: 3, threads: options.threads ?? 1, maxDecoderMemory: 8 << 20 },
    platform,
    socket: undefined,
    strict: false,
    tmpRoot: tmp,
    log: quietLog(),
    bundle: options.bundle,
  });
}

async function tocOf(path: string): Promise<TocReading> {
  const file = await open(path);
  try {
    return await readToc(file);
  } finally {
    await file.close();
  }
}

function tocIn(reading: TocReading): Toc {
  assert.ok('toc' in reading, `expected a table of contents, got ${JSON.stringify(reading)}`);
  return reading.toc;
}

describe('pack --bundle: several images in one seekable .tar.zst', () => {
  const tmp = tempDirPerSuite('bundle');
  let images: BuiltArchive[];
  let specs: string[];
  let bundle: string;
  let packed: PackedImage[];

  before(async () => {
    // A base of 2 MiB (1.5 MiB incompressible) shared by three images with a 1.1 MiB layer each.
    const base = { 'usr/lib/base.bin': noise(1.5 * MiB, 'base'), 'usr/share/doc/base.txt': 'base text\n'.repeat(50_000) };
    images = await buildImagesOnBase({
      outDir: join(tmp.path, 'src'),
      base,
      images: [1, 2, 3].map((i) => ({ repoTags: [`test.local/app${i}:1`], files: { 'bin/app': noise(1.1 * MiB, `app${i}`) } })),
    });
    specs = images.map((image) => `docker-archive:${image.path}`);
    const result = await packInto(tmp.path, join(tmp.path, 'out'), specs, { bundle: 'apps' });
    assert.equal(result.failed, 0);
    packed = result.packed;
    bundle = join(tmp.path, 'out', 'images', 'apps.tar.zst');
  });

  it('one archive, one list line per name with its own id=, all naming the bundle', () => {
    const lines = readPackedList(join(tmp.path, 'out'));
    assert.deepEqual(
      lines.map((line) => [line.file, line.name, line.fields.id]),
      images.map((image) => ['apps.tar.zst', image.images[0]!.repoTags[0], image.imageId]),
    );
    assert.deepEqual(new Set(packed.map((p) => p.file)), new Set(['apps.tar.zst']));
  });

  it('metadata first (manifest.json, every config), then each layer once; the manifest names each image with its own layers', () => {
    const entries = tarEntries(execFileSync('zstd', ['-dc', bundle], { maxBuffer: 64 * MiB }));
    const names = entries.map((entry) => entry.name);
    const configs = images.map((image) => `${image.imageId.slice('sha256:'.length)}.json`);
    assert.deepEqual(names.slice(0, 4), ['manifest.json', ...configs]);
    const layers = names.slice(4);
    assert.equal(layers.length, 4, `the base once and three own layers: ${layers.join(' ')}`);
    assert.equal(new Set(layers).size, layers.length);
    const manifest = JSON.parse(entries[0]!.data.toString()) as ArchiveManifest[];
    assert.deepEqual(
      manifest.map((m) => [m.Config, m.RepoTags, m.Layers]),
      images.map((image, i) => [configs[i], image.images[0]!.repoTags, [layers[0], layers[i + 1]]]),
    );
  });

  it("Debian's zstd -dc and pzstd -dc decode the whole file to the same tar (the table of contents is skipped)", () => {
    const viaZstd = execFileSync('zstd', ['-dc', bundle], { maxBuffer: 64 * MiB });
    const viaPzstd = execFileSync('pzstd', ['-dc', '-q', bundle], { maxBuffer: 64 * MiB });
    assert.ok(viaZstd.equals(viaPzstd));
    assert.equal(viaZstd.length, packed[0]!.tarBytes);
    const listed = execFileSync('zstd', ['-lv', bundle], { encoding: 'utf8' });
    assert.match(listed, /# Skippable Frames: 1/);
  });

  it('reproducible: the same inputs on 1 and 2 threads give the same bytes', async () => {
    const again = await packInto(tmp.path, join(tmp.path, 'again'), specs, { bundle: 'apps', threads: 2 });
    assert.equal(again.failed, 0);
    assert.ok(readFileSync(bundle).equals(readFileSync(join(tmp.path, 'again', 'images', 'apps.tar.zst'))));
    assert.equal(readFileSync(join(tmp.path, 'out', 'image.list'), 'utf8'), readFileSync(join(tmp.path, 'again', 'image.list'), 'utf8'));
  });

  it('each large member starts its own frame; manifest and configs share frame 0; members start where the tar has them', async () => {
    const toc = tocIn(await tocOf(bundle));
    const tar = execFileSync('zstd', ['-dc', bundle], { maxBuffer: 64 * MiB });
    assert.equal(toc.tarBytes, tar.length);
    for (const member of toc.members) {
      assert.equal(tarEntries(tar.subarray(member.tarOffset))[0]!.name, member.name);
    }
    const frameOf = (name: string) => toc.frames.findIndex((f) => f.tarOffset <= toc.members.find((m) => m.name === name)!.tarOffset && toc.members.find((m) => m.name === name)!.tarOffset < f.tarOffset + f.tarLength);
    assert.deepEqual(toc.members.slice(0, 4).map((m) => frameOf(m.name)), [0, 0, 0, 0]);
    assert.equal(frameOf(toc.members[4]!.name), 1, 'the base layer has a frame of its own');
    assert.equal(toc.frames[1]!.tarOffset, toc.members[4]!.tarOffset);
  });

  it('the reader decodes only the frames of what one image needs (its base present) and yields exactly those members as they lie in the tar', async () => {
    const toc = tocIn(await tocOf(bundle));
    const tar = execFileSync('zstd', ['-dc', bundle], { maxBuffer: 64 * MiB });
    const file = await open(bundle);
    try {
      const metadata = await readMembers(file, toc, ['manifest.json'], LIMITS);
      const manifest = JSON.parse(metadata.get('manifest.json')!.toString()) as ArchiveManifest[];
      const second = manifest[1]!;
      const wanted = new Set([second.Config, second.Layers[1]!]);
      const frames = framesFor(toc, wanted);
      assert.deepEqual(frames, [toc.frames[0], toc.frames[3]], 'the metadata frame and the second own layer only');
      await verifyFrames(file, frames);
      const got: Buffer[] = [];
      for await (const piece of decodeMembers(file, toc, frames, wanted, LIMITS)) got.push(Buffer.from(piece.data));
      const expected = toc.members
        .filter((m) => wanted.has(m.name))
        .map((m) => tar.subarray(m.tarOffset, m.tarOffset + 512 + Math.ceil(m.size / 512) * 512));
      assert.ok(Buffer.concat(got).equals(Buffer.concat(expected)));
    } finally {
      await file.close();
    }
  });

  it('a member larger than one compressor job (12 MiB, written out while it is fed): every frame is where the table says, on 1 and 3 threads alike', async () => {
    const big = await buildImagesOnBase({ outDir: join(tmp.path, 'big-src'), base: { 'usr/lib/big.bin': noise(12 * MiB, 'big') }, images: [{ repoTags: ['test.local/big:1'], files: {} }] });
    const archives: Buffer[] = [];
    for (const threads of [1, 3]) {
      const out = join(tmp.path, `big-${threads}`);
      const result = await packInto(tmp.path, out, [`docker-archive:${big[0]!.path}`], { threads });
      const path = join(out, 'images', result.packed[0]!.file);
      const toc = tocIn(await tocOf(path));
      const file = await open(path);
      try {
        await verifyFrames(file, toc.frames);
      } finally {
        await file.close();
      }
      archives.push(readFileSync(path));
    }
    assert.ok(archives[0]!.equals(archives[1]!));
  });

  it('a failing source writes no bundle at all; one name on two different images is refused', async () => {
    const missing = await packInto(tmp.path, join(tmp.path, 'partial'), [specs[0]!, `docker-archive:${join(tmp.path, 'absent.tar')}`], { bundle: 'apps' });
    assert.equal(missing.failed, 1);
    assert.deepEqual(missing.packed, []);
    assert.ok(!existsSync(join(tmp.path, 'partial', 'images', 'apps.tar.zst')));
    assert.ok(!existsSync(join(tmp.path, 'partial', 'image.list')));
    const clash = await packInto(tmp.path, join(tmp.path, 'clash'), [`${specs[0]!}=test.local/same:1`, `${specs[1]!}=test.local/same:1`], { bundle: 'apps' });
    assert.equal(clash.failed, 1);
    assert.ok(!existsSync(join(tmp.path, 'clash', 'images', 'apps.tar.zst')));
  });

  it('a single-image zstd archive gets the same layout; a gzip one has no table of contents', async () => {
    const single = await packInto(tmp.path, join(tmp.path, 'single'), [specs[0]!]);
    const toc = tocIn(await tocOf(join(tmp.path, 'single', 'images', single.packed[0]!.file)));
    assert.deepEqual(toc.members.map((m) => m.name).slice(0, 1), ['manifest.json']);
    const gzip = await packInto(tmp.path, join(tmp.path, 'gzip'), [specs[0]!], { compression: 'gzip' });
    assert.deepEqual(await tocOf(join(tmp.path, 'gzip', 'images', gzip.packed[0]!.file)), { none: true });
  });

  describe('a table of contents that does not match the data is found before anything is decoded', () => {
    const copy = (label: string) => {
      const path = join(tmp.path, `${label}.tar.zst`);
      copyFileSync(bundle, path);
      return path;
    };
    const verifyAll = async (path: string, toc: Toc) => {
      const file = await open(path);
      try {
        await verifyFrames(file, toc.frames);
      } finally {
        await file.close();
      }
    };

    it('truncated: no table of contents is found (the whole stream is read, and zstd reports the truncation)', async () => {
      const path = copy('truncated');
      truncateSync(path, readFileSync(path).length - 100);
      assert.ok(!('toc' in (await tocOf(path))));
      const cut = copy('cut-in-frames');
      truncateSync(cut, 2 * MiB);
      assert.deepEqual(await tocOf(cut), { none: true });
    });

    it('the table of contents of another archive appended to this one: refused', async () => {
      const other = await packInto(tmp.path, join(tmp.path, 'other'), [specs[1]!]);
      const otherFile = readFileSync(join(tmp.path, 'other', 'images', other.packed[0]!.file));
      const otherToc = tocIn(await tocOf(join(tmp.path, 'other', 'images', other.packed[0]!.file)));
      const mine = tocIn(await tocOf(bundle));
      const path = join(tmp.path, 'foreign.tar.zst');
      writeFileSync(path, Buffer.concat([readFileSync(bundle).subarray(0, mine.framesBytes), otherFile.subarray(otherToc.framesBytes)]));
      assert.match(String((await tocOf(path) as { mismatch?: string }).mismatch), /bytes of frames/);
    });

    it('a frame edited after packing (same size): its digest does not match', async () => {
      const path = copy('edited');
      const bytes = readFileSync(path);
      const toc = tocIn(await tocOf(path));
      const inBase = toc.frames[1]!.offset + Math.floor(toc.frames[1]!.length / 2);
      bytes[inBase] = bytes[inBase]! ^ 0xff;
      writeFileSync(path, bytes);
      await assert.rejects(verifyAll(path, tocIn(await tocOf(path))), (error: Error) => error instanceof TocMismatch && /digest/.test(error.message));
    });

    it('an edited table of contents (a frame boundary moved, a member renamed, bad JSON): refused', async () => {
      const bytes = readFileSync(bundle);
      const toc = tocIn(await tocOf(bundle));
      const rewrite = async (label: string, edit: (json: string) => string) => {
        const start = toc.framesBytes + 8;
        const tailAt = bytes.length - 16;
        const json = edit(bytes.subarray(start, tailAt).toString());
        const header = Buffer.alloc(8);
        header.writeUInt32LE(0x184d2a5e, 0);
        header.writeUInt32LE(Buffer.byteLength(json) + 16, 4);
        const tail = Buffer.from(bytes.subarray(tailAt));
        tail.writeBigUInt64LE(BigInt(Buffer.byteLength(json)), 0);
        const path = join(tmp.path, `${label}.tar.zst`);
        writeFileSync(path, Buffer.concat([bytes.subarray(0, toc.framesBytes), header, Buffer.from(json), tail]));
        return tocOf(path);
      };
      const moved = await rewrite('moved', (json) => json.replace(`"offset":${toc.frames[1]!.offset},`, `"offset":${toc.frames[1]!.offset + 1},`));
      assert.ok('mismatch' in moved, JSON.stringify(moved));
      const renamed = await rewrite('renamed', (json) => json.replace('"name":"manifest.json"', '"name":"other.json"'));
      const renamedToc = tocIn(renamed);
      const file = await open(bundle);
      try {
        await assert.rejects(readMembers(file, renamedToc, ['other.json'], LIMITS), (error: Error) => error instanceof TocMismatch && /holds manifest\.json/.test(error.message));
      } finally {
        await file.close();
      }
      assert.ok('mismatch' in (await rewrite('bad-json', (json) => json.slice(0, -2))));
    });
  });
});
