// Loading one entry of a seekable .tar.zst (pack's layout) decodes only the frames it sends with
// data, and the engine receives exactly the tar it received when the whole stream was decoded:
// both paths compared byte for byte on pack's bundle output, for every image and every state
// of the store. A table of contents that does not fit is one warning and the whole stream.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { diffIdsOfConfig } from '../../src/archive/docker-archive.js';
import { emptyHeaderMaker } from '../../src/archive/seekable/empty-header.js';
import { readToc } from '../../src/archive/seekable/read.js';
import type { Toc } from '../../src/archive/seekable/toc.js';
import type { Engine } from '../../src/engine/engine.js';
import type { ListEntry } from '../../src/list/entry.js';
import { openEntryStream, planSend, type StreamContext } from '../../src/loader/entry-stream.js';
import { pack } from '../../src/pack/pack.js';
import { createLogger } from '../../src/system/log.js';
import { buildImagesOnBase, noise } from '../helpers/fixtures.js';
import { tarEntries, type ArchiveManifest } from '../helpers/pack-output.js';
import { listEntry, realTar, tempDirPerSuite } from './support.js';

const MiB = 1024 * 1024;
const platform = { architecture: process.arch === 'arm64' ? 'arm64' : 'amd64', variant: undefined };
const LIMITS = { maxDecoderMemory: 8 << 20 };

interface Sent {
  tar: Buffer;
  result: unknown;
  warnings: string[];
  planned: { decodeBytes: number; sendBytes: number } | undefined;
  progress: { bytes: number; total: number | undefined } | undefined;
}

function entryFor(imagesDir: string, file: string, name: string, expectedId?: string): ListEntry {
  return listEntry(name, join(imagesDir, file), { expectedId });
}

function contextWith(chains: string[][] | undefined, warnings: string[], onProgress?: StreamContext['onProgress']): StreamContext {
  return {
    engine: { kind: 'docker' } as Engine,
    limits: LIMITS,
    layerChains: chains ? () => Promise.resolve(chains) : undefined,
    warn: (_entry, message) => warnings.push(message),
    onProgress,
  };
}

async function send(entry: ListEntry, chains: string[][] | undefined, mode: 'thin' | 'whole' = 'thin'): Promise<Sent> {
  const warnings: string[] = [];
  let measure: (() => { bytes: number; total: number | undefined }) | undefined;
  const stream = await openEntryStream(entry, contextWith(chains, warnings, (_entry, m) => (measure = m)), mode);
  const parts: Buffer[] = [];
  try {
    for await (const chunk of stream.tar) {
      parts.push(Buffer.from(chunk.data));
      chunk.release();
    }
    return { tar: Buffer.concat(parts), result: { ...stream.result }, warnings, planned: stream.planned, progress: measure?.() };
  } finally {
    await stream.close();
  }
}

async function tocOf(path: string): Promise<Toc> {
  const file = await open(path);
  try {
    const reading = await readToc(file);
    assert.ok('toc' in reading);
    return reading.toc;
  } finally {
    await file.close();
  }
}

describe('one entry of a seekable bundle: only the frames it sends are decoded, and the engine gets the same tar', () => {
  const tmp = tempDirPerSuite('seekable-entry');
  let imagesDir: string;
  let manifest: ArchiveManifest[];
  let diffIds: string[][];
  let ids: string[];
  let toc: Toc;
  /** The same zstd stream without its table of contents: today's path, decoded whole. */
  const PLAIN = 'plain.tar.zst';
  const BUNDLE = 'apps.tar.zst';
  /** The first image alone, packed the same way. */
  let SINGLE: string;
  const names = [1, 2, 3].map((i) => `test.local/app${i}:1`);

  before(async () => {
    const base = { 'usr/lib/base.bin': noise(1.5 * MiB, 'base'), 'usr/share/doc/base.txt': 'base text\n'.repeat(50_000) };
    const built = await buildImagesOnBase({
      outDir: join(tmp.path, 'src'),
      base,
      images: names.map((name, i) => ({ repoTags: [name], files: { 'bin/app': noise(1.1 * MiB, `app${i}`) } })),
    });
    const packInto = (outDir: string, specs: string[], bundle?: string) =>
      pack({
        specs,
        outDir,
        compression: { compression: 'zstd', level: 3, threads: 1, maxDecoderMemory: 8 << 20 },
        platform,
        socket: undefined,
        strict: false,
        tmpRoot: tmp.path,
        log: createLogger('error', { format: 'json', write: () => {} }),
        bundle,
      });
    const out = join(tmp.path, 'out');
    const result = await packInto(out, built.map((image) => `docker-archive:${image.path}`), 'apps');
    assert.equal(result.failed, 0);
    imagesDir = join(out, 'images');
    const single = await packInto(join(tmp.path, 'single'), [`docker-archive:${built[0]!.path}`]);
    assert.equal(single.failed, 0);
    SINGLE = 'single.tar.zst';
    copyFileSync(join(tmp.path, 'single', 'images', single.packed[0]!.file), join(imagesDir, SINGLE));
    toc = await tocOf(join(imagesDir, BUNDLE));
    writeFileSync(join(imagesDir, PLAIN), readFileSync(join(imagesDir, BUNDLE)).subarray(0, toc.framesBytes));
    const entries = tarEntries(execFileSync('zstd', ['-dc', join(imagesDir, BUNDLE)], { maxBuffer: 64 * MiB }));
    manifest = JSON.parse(entries[0]!.data.toString()) as ArchiveManifest[];
    diffIds = manifest.map((item) => diffIdsOfConfig(entries.find((e) => e.name === item.Config)!.data)!);
    ids = built.map((image) => image.imageId);
  });

  it('for every image and every store (empty, base, base and own layer, another image, no answer; thin and whole), the tar equals the whole-stream one', async () => {
    for (const [i, name] of names.entries()) {
      const other = diffIds[(i + 1) % names.length]!;
      const stores: Array<[string, string[][] | undefined, 'thin' | 'whole']> = [
        ['empty store', [], 'thin'],
        ['base present', [[diffIds[i]![0]!]], 'thin'],
        ['image present', [diffIds[i]!], 'thin'],
        ['another image on the base present', [other], 'thin'],
        ['engine without layer chains', undefined, 'thin'],
        ['whole (retry after a refused thin load)', [[diffIds[i]![0]!]], 'whole'],
      ];
      for (const [label, chains, mode] of stores) {
        // The first and last image chosen by their id=, the middle one by its name.
        const id = i % 2 === 0 ? ids[i] : undefined;
        const expected = await send(entryFor(imagesDir, PLAIN, name, id), chains, mode);
        const got = await send(entryFor(imagesDir, BUNDLE, name, id), chains, mode);
        assert.ok(got.tar.equals(expected.tar), `${name}, ${label}: the engine would get another tar (${got.tar.length} bytes against ${expected.tar.length})`);
        assert.deepEqual(got.result, expected.result, `${name}, ${label}`);
        assert.deepEqual([got.warnings, expected.warnings], [[], []]);
        assert.equal(expected.planned, undefined, 'the archive without a table of contents is read whole');
        assert.equal(got.planned?.sendBytes, got.tar.length, `${name}, ${label}: planned send`);
        assert.deepEqual(got.progress, { bytes: toc.tarBytes, total: toc.tarBytes }, `${name}, ${label}: progress ends at the whole tar`);
      }
    }
  });

  it('decodes only manifest, config and the layers sent: with the base present, one image costs its own layer', async () => {
    const base = await send(entryFor(imagesDir, BUNDLE, names[1]!), [[diffIds[1]![0]!]]);
    const ownFrame = toc.frames.find((frame) => frame.tarOffset === toc.members.find((m) => m.name === manifest[1]!.Layers[1])!.tarOffset)!;
    assert.equal(base.planned?.decodeBytes, toc.frames[0]!.tarLength + ownFrame.tarLength);
    const empty = await send(entryFor(imagesDir, BUNDLE, names[1]!), []);
    assert.ok(empty.planned!.decodeBytes < toc.tarBytes, 'the other images are not decoded even with an empty store');
    assert.ok(empty.planned!.decodeBytes > base.planned!.decodeBytes);
  });

  it('a frame nobody sends may be damaged: loading one image never reads it', async () => {
    const damaged = 'other-damaged.tar.zst';
    const bytes = readFileSync(join(imagesDir, BUNDLE));
    const otherLayer = toc.members.find((m) => m.name === manifest[2]!.Layers[1])!;
    const frame = toc.frames.find((f) => f.tarOffset === otherLayer.tarOffset)!;
    bytes[frame.offset + Math.floor(frame.length / 2)]! ^= 0xff;
    writeFileSync(join(imagesDir, damaged), bytes);
    const chains = [[diffIds[0]![0]!]];
    const got = await send(entryFor(imagesDir, damaged, names[0]!), chains);
    const expected = await send(entryFor(imagesDir, PLAIN, names[0]!), chains);
    assert.ok(got.tar.equals(expected.tar));
    assert.deepEqual(got.warnings, []);
  });

  it('a frame the entry needs that is damaged: one warning naming the archive, then the whole stream and zstd error as before anything was sent', async () => {
    const damaged = 'own-damaged.tar.zst';
    const bytes = readFileSync(join(imagesDir, BUNDLE));
    const ownLayer = toc.members.find((m) => m.name === manifest[0]!.Layers[1])!;
    const frame = toc.frames.find((f) => f.tarOffset === ownLayer.tarOffset)!;
    bytes[frame.offset + Math.floor(frame.length / 2)]! ^= 0xff;
    writeFileSync(join(imagesDir, damaged), bytes);
    const warnings: string[] = [];
    const stream = await openEntryStream(entryFor(imagesDir, damaged, names[0]!), contextWith([[diffIds[0]![0]!]], warnings), 'thin');
    try {
      assert.deepEqual(warnings, [`archive ${join(imagesDir, damaged)}: table of contents: the frame at byte ${frame.offset} does not have the digest the table of contents gives; reading it whole`]);
      assert.equal(stream.planned, undefined);
      await assert.rejects(async () => {
        for await (const chunk of stream.tar) chunk.release();
      }, /corrupt zstd data|checksum/i);
    } finally {
      await stream.close();
    }
  });

  it('the table of contents of another archive: one warning naming the archive, and the whole stream gives the same tar', async () => {
    const bytes = readFileSync(join(imagesDir, BUNDLE));
    const singleBytes = readFileSync(join(imagesDir, SINGLE));
    const foreign = 'foreign.tar.zst';
    const singleToc = await tocOf(join(imagesDir, SINGLE));
    writeFileSync(join(imagesDir, foreign), Buffer.concat([bytes.subarray(0, toc.framesBytes), singleBytes.subarray(singleToc.framesBytes)]));
    const chains = [[diffIds[2]![0]!]];
    const expected = await send(entryFor(imagesDir, PLAIN, names[2]!), chains);
    const got = await send(entryFor(imagesDir, foreign, names[2]!), chains);
    const why = `the table of contents describes ${singleToc.framesBytes} bytes of frames, the file has ${toc.framesBytes} before it`;
    assert.deepEqual(got.warnings, [`archive ${join(imagesDir, foreign)}: table of contents: ${why}; reading it whole`]);
    assert.ok(got.tar.equals(expected.tar));
    assert.equal(got.planned, undefined);
  });

  it('truncated inside the frames: no table of contents is found, and zstd reports the truncation as before', async () => {
    const cut = 'cut.tar.zst';
    writeFileSync(join(imagesDir, cut), readFileSync(join(imagesDir, BUNDLE)).subarray(0, 2 * MiB));
    await assert.rejects(send(entryFor(imagesDir, cut, names[0]!), []), /ends in the middle of a zstd frame/);
  });

  it('an entry that needs every frame (a single-image archive, empty store) is decoded as one stream, as before', async () => {
    const single = await tocOf(join(imagesDir, SINGLE));
    const got = await send(entryFor(imagesDir, SINGLE, names[0]!), []);
    assert.equal(got.planned?.decodeBytes, single.tarBytes);
    assert.equal(got.planned?.sendBytes, got.tar.length);
    const plan = await planSend(entryFor(imagesDir, BUNDLE, names[0]!), contextWith([[diffIds[0]![0]!]], []));
    const sent = await send(entryFor(imagesDir, BUNDLE, names[0]!), [[diffIds[0]![0]!]]);
    assert.deepEqual(plan, { mode: 'thin', tarBytes: sent.tar.length, decodeBytes: sent.planned!.decodeBytes, layersSkipped: 1 });
    assert.ok(plan.decodeBytes < 2 * MiB, `decodes ${plan.decodeBytes} bytes: frame 0 and its own layer`);
  });

  it('headers are remade only for archives whose own headers prove how (another writer, a long name: decoded whole)', async () => {
    const tar = execFileSync('zstd', ['-dc', join(imagesDir, BUNDLE)], { maxBuffer: 64 * MiB });
    const ours = new Map(toc.members.slice(0, 3).map((member) => [member.name, tar.subarray(member.tarOffset, member.tarOffset + 512)]));
    const make = emptyHeaderMaker(ours);
    assert.ok(make, 'headers that differ only in name and size');
    assert.equal(make('x'.repeat(101)), undefined, 'a name longer than the header field');
    const mixed = new Map([...ours, ['b.json', (await realTar({ 'b.json': '{}' })).subarray(0, 512)]]);
    assert.equal(emptyHeaderMaker(mixed), undefined, 'a header of another writer (another mtime and mode)');
  });
});
