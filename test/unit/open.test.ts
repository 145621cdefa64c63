import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { DecodeError } from '../../src/archive/codecs/decode-error.js';
import { DEFAULT_MAX_DECODER_MEMORY, type DecoderLimits } from '../../src/archive/limits.js';
import { inspectArchive, openArchive } from '../../src/archive/open.js';
import { PreloadError } from '../../src/errors.js';
import { hasCommand, realTar, tempDirPerSuite } from './support.js';

const DEFAULT_LIMITS: DecoderLimits = { maxDecoderMemory: DEFAULT_MAX_DECODER_MEMORY };
const SMALL_LIMITS: DecoderLimits = { maxDecoderMemory: 8 * 1024 * 1024 };
const CONTEXT = { list: '/lists/pkg/image.list', line: 7 };
/** Only catches a hang, never speed: a hang fails the test instead of blocking the run. */
const NO_HANG = { timeout: 600_000 };

/** A few MB that mix incompressible and very compressible regions. */
function sampleData(): Buffer {
  const pattern = Buffer.from('layer.tar manifest.json repositories 0123456789\n');
  return Buffer.concat([
    randomBytes(1024 * 1024),
    Buffer.alloc(2 * 1024 * 1024, pattern),
    Buffer.alloc(512 * 1024),
    randomBytes(700 * 1024 + 123),
  ]);
}

/** Run a compressor CLI as a filter: stdin → stdout (no size hint, so no window shrinking). */
function compress(command: string, args: string[], input: Buffer): Buffer {
  return execFileSync(command, args, { input, maxBuffer: 256 * 1024 * 1024 });
}

function skippableFrame(payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(0x184d2a50, 0);
  header.writeUInt32LE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function flipMiddle(bytes: Buffer, count = 64): Buffer {
  const copy = Buffer.from(bytes);
  const start = Math.floor(copy.length / 2);
  for (let i = start; i < start + count; i++) copy[i] = copy[i]! ^ 0xff;
  return copy;
}

describe('openArchive / inspectArchive', () => {
  const tmp = tempDirPerSuite('open');
  let images: string;
  let data: Buffer;
  let zstd: Buffer;
  let xz: Buffer;
  let gzip: Buffer;

  const location = (name: string) => ({ archivePath: join(images, name), imagesDir: images, context: CONTEXT });
  const put = (name: string, bytes: Buffer | string) => {
    writeFileSync(join(images, name), bytes);
    return name;
  };

  /** Decode the whole archive, copying and releasing every chunk. */
  async function decodeAll(name: string, limits: DecoderLimits = DEFAULT_LIMITS): Promise<Buffer> {
    const opened = await openArchive(location(name), limits);
    try {
      const parts: Buffer[] = [];
      for await (const chunk of opened.tar) {
        parts.push(Buffer.from(chunk.data));
        chunk.release();
      }
      return Buffer.concat(parts);
    } finally {
      await opened.close();
    }
  }

  async function decodeFailure(name: string, limits: DecoderLimits = DEFAULT_LIMITS): Promise<DecodeError> {
    let caught: unknown;
    await decodeAll(name, limits).catch((error: unknown) => (caught = error));
    assert.ok(caught instanceof DecodeError, `expected a DecodeError, got ${String(caught)}`);
    return caught;
  }

  async function openFailure(name: string, action: 'open' | 'inspect'): Promise<PreloadError> {
    let caught: unknown;
    const attempt = action === 'open' ? openArchive(location(name), DEFAULT_LIMITS) : inspectArchive(location(name));
    await attempt.catch((error: unknown) => (caught = error));
    assert.ok(caught instanceof PreloadError, `expected a PreloadError, got ${String(caught)}`);
    assert.deepEqual(caught.context, CONTEXT);
    return caught;
  }

  before(() => {
    images = join(tmp.path, 'pkg', 'images');
    mkdirSync(images, { recursive: true });
    mkdirSync(join(tmp.path, 'outside'));
    data = sampleData();
    zstd = compress('zstd', ['-q', '-c'], data);
    xz = compress('xz', ['-q', '-c', '-3'], data);
    gzip = compress('gzip', ['-c'], data);
  });

  describe('where the archive lives', () => {
    for (const action of ['open', 'inspect'] as const) {
      it(`${action}: rejects a symlink that points outside images/`, async () => {
        writeFileSync(join(tmp.path, 'outside', 'secret.tar'), 'x');
        symlinkSync('../../outside/secret.tar', join(images, `out-${action}.tar`));
        const error = await openFailure(`out-${action}.tar`, action);
        assert.match(error.message, /resolves to .*outside\/secret\.tar, outside .*images/);
        assert.ok(error.line.startsWith(`${CONTEXT.list}:${CONTEXT.line}: `));
      });

      it(`${action}: rejects a symlink to a sibling folder whose name starts with "images"`, async () => {
        mkdirSync(join(tmp.path, 'pkg', `images-evil-${action}`));
        writeFileSync(join(tmp.path, 'pkg', `images-evil-${action}`, 'a.tar'), 'x');
        symlinkSync(`../images-evil-${action}/a.tar`, join(images, `evil-${action}.tar`));
        assert.match((await openFailure(`evil-${action}.tar`, action)).message, /outside/);
      });

      it(`${action}: accepts a symlink that stays inside images/`, async () => {
        mkdirSync(join(images, `real-${action}`));
        writeFileSync(join(images, `real-${action}`, 'a.tar.gz'), gzip);
        symlinkSync(`real-${action}/a.tar.gz`, join(images, `link-${action}.tar.gz`));
        const name = `link-${action}.tar.gz`;
        if (action === 'inspect') {
          assert.deepEqual(await inspectArchive(location(name)), { format: 'gzip', bytes: gzip.length });
        } else {
          const opened = await openArchive(location(name), DEFAULT_LIMITS);
          await opened.close();
          assert.deepEqual([opened.format, opened.bytes], ['gzip', gzip.length]);
        }
      });

      it(`${action}: rejects a directory`, async () => {
        mkdirSync(join(images, `dir-${action}.tar`));
        assert.match((await openFailure(`dir-${action}.tar`, action)).message, /is not a regular file/);
      });

      it(`${action}: rejects a FIFO without hanging`, NO_HANG, async () => {
        execFileSync('mkfifo', [join(images, `fifo-${action}.tar`)]);
        assert.match((await openFailure(`fifo-${action}.tar`, action)).message, /is not a regular file/);
      });

      it(`${action}: a missing file "does not exist"`, async () => {
        const error = await openFailure(`missing-${action}.tar`, action);
        assert.match(error.message, /archive .*missing-.*\.tar does not exist/);
        assert.match(error.hint ?? '', /check the file name/);
      });

      it(`${action}: a dangling symlink "does not exist"`, async () => {
        symlinkSync('nowhere.tar', join(images, `dangling-${action}.tar`));
        assert.match((await openFailure(`dangling-${action}.tar`, action)).message, /does not exist/);
      });
    }

    it('rejects the images/ folder itself as archive', async () => {
      assert.match((await openFailure('.', 'inspect')).message, /outside|not a regular file/);
    });

    it('accepts archives when images/ itself is a symlink', async () => {
      const realImages = join(tmp.path, 'real-images');
      mkdirSync(realImages);
      writeFileSync(join(realImages, 'a.tar.zst'), zstd);
      const linked = join(tmp.path, 'linked-images');
      symlinkSync(realImages, linked);
      const info = await inspectArchive({ archivePath: join(linked, 'a.tar.zst'), imagesDir: linked, context: {} });
      assert.deepEqual(info, { format: 'zstd', bytes: zstd.length });
    });

    it('accepts a file whose name starts with ".." inside images/', async () => {
      put('..app.tar.gz', gzip);
      assert.deepEqual(await inspectArchive(location('..app.tar.gz')), { format: 'gzip', bytes: gzip.length });
    });
  });

  describe('what the archive holds', () => {
    it('inspect reports format and size for each format', async () => {
      const tar = await realTar({ 'manifest.json': '[]' });
      const files: Array<[string, Buffer, string]> = [
        ['i.zst', zstd, 'zstd'],
        ['i.xz', xz, 'xz'],
        ['i.gz', gzip, 'gzip'],
        ['i.tar', tar, 'tar'],
        ['i.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'unknown'],
        ['i.empty', Buffer.alloc(0), 'empty'],
      ];
      for (const [name, bytes, format] of files) {
        put(name, bytes);
        assert.deepEqual(await inspectArchive(location(name)), { format, bytes: bytes.length }, name);
      }
    });

    it('openArchive rejects a PNG: "is not a zstd, xz, gzip or tar file"', async () => {
      put('picture.tar', Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(2000)]));
      const error = await openFailure('picture.tar', 'open');
      assert.match(error.message, /picture\.tar is not a zstd, xz, gzip or tar file/);
      assert.match(error.hint ?? '', /restore it/);
    });

    it('openArchive rejects random garbage the same way', async () => {
      put('garbage.tar', Buffer.concat([Buffer.from('garbage!'), randomBytes(4000)]));
      assert.match((await openFailure('garbage.tar', 'open')).message, /is not a zstd, xz, gzip or tar file/);
    });

    it('openArchive rejects an empty file: "is empty"', async () => {
      put('empty.tar.zst', Buffer.alloc(0));
      assert.match((await openFailure('empty.tar.zst', 'open')).message, /empty\.tar\.zst is empty/);
    });
  });

  describe('decoding round trips', () => {
    const roundTrips: Array<[label: string, make: () => Buffer]> = [
      ['zstd', () => zstd],
      ['xz', () => xz],
      ['gzip', () => gzip],
      ['zstd, two concatenated frames', () => Buffer.concat([compress('zstd', ['-q', '-c'], data.subarray(0, 1_000_000)), compress('zstd', ['-q', '-c'], data.subarray(1_000_000))])],
      ['zstd, skippable frame then a zstd frame (pzstd layout, by hand)', () => Buffer.concat([skippableFrame(Buffer.from([0x10, 0, 0, 0])), zstd])],
      ['zstd without content checksum', () => compress('zstd', ['-q', '-c', '--no-check'], data)],
      ['xz, two concatenated streams', () => Buffer.concat([compress('xz', ['-c', '-0'], data.subarray(0, 1_000_000)), compress('xz', ['-c', '-0'], data.subarray(1_000_000))])],
      ['gzip, two members', () => Buffer.concat([compress('gzip', ['-c'], data.subarray(0, 1_000_000)), compress('gzip', ['-c'], data.subarray(1_000_000))])],
    ];
    for (const [label, make] of roundTrips) {
      it(`${label} yields exactly the original bytes`, NO_HANG, async () => {
        const decoded = await decodeAll(put(`rt-${label.replace(/\W+/g, '-')}`, make()));
        assert.equal(decoded.length, data.length);
        assert.ok(decoded.equals(data), 'decoded bytes differ from the original');
      });
    }

    it('a plain tar is passed through unchanged', NO_HANG, async () => {
      const tar = Buffer.concat([await realTar({ 'manifest.json': '[]', 'layer.tar': data.subarray(0, 1_500_000) }), data]);
      assert.ok((await decodeAll(put('plain.tar', tar))).equals(tar));
    });

    it('pzstd output (real pzstd) yields exactly the original bytes', { ...NO_HANG, skip: hasCommand('pzstd') ? false : 'pzstd not installed' }, async () => {
      const input = join(tmp.path, 'pzstd-input');
      writeFileSync(input, data);
      execFileSync('pzstd', ['-q', '-p', '2', '-f', '-o', join(images, 'p.tar.zst'), input]);
      const bytes = readFileSync(join(images, 'p.tar.zst'));
      assert.equal(bytes.readUInt32LE(0) & 0xfffffff0, 0x184d2a50, 'pzstd output starts with a skippable frame');
      assert.ok((await decodeAll('p.tar.zst')).equals(data));
    });

    it('a zstd archive of zeros that fills many output buffers decodes (pool recycling)', NO_HANG, async () => {
      const zeros = Buffer.alloc(16 * 1024 * 1024);
      put('zeros.tar.zst', compress('zstd', ['-q', '-c', '-19'], zeros));
      const decoded = await decodeAll('zeros.tar.zst');
      assert.equal(decoded.length, zeros.length);
      assert.ok(decoded.equals(zeros));
    });
  });

  describe('damaged archives', () => {
    const formats: Array<[label: string, bytes: () => Buffer]> = [
      ['zstd', () => zstd],
      ['xz', () => xz],
      ['gzip', () => gzip],
    ];
    for (const [label, bytes] of formats) {
      for (const fraction of [0.5, 0.999]) {
        it(`truncated ${label} (${fraction * 100}%) → DecodeError mentioning "truncated"`, NO_HANG, async () => {
          const whole = bytes();
          const name = put(`cut-${fraction}.${label}`, whole.subarray(0, Math.floor(whole.length * fraction)));
          const error = await decodeFailure(name);
          assert.equal(error.format, label);
          assert.match(error.message, /truncated/);
          assert.equal(error.memoryLimit, false);
        });
      }

      it(`${label} with flipped bytes in the middle → DecodeError, no hang`, NO_HANG, async () => {
        const name = put(`flipped.${label}`, flipMiddle(bytes()));
        const error = await decodeFailure(name);
        assert.equal(error.format, label);
        assert.match(error.hint, /damaged/);
      });

      it(`${label} with garbage after its header → DecodeError, no hang`, NO_HANG, async () => {
        const name = put(`header-only.${label}`, Buffer.concat([bytes().subarray(0, 12), randomBytes(64 * 1024)]));
        assert.equal((await decodeFailure(name)).format, label);
      });
    }
  });

  describe('decoder memory cap', () => {
    let longZstd: Buffer;
    let bigXz: Buffer;
    before(() => {
      longZstd = compress('zstd', ['-q', '-c', '--long=27'], data);
      bigXz = compress('xz', ['-q', '-c', '-9'], data);
      put('long.tar.zst', longZstd);
      put('big.tar.xz', bigXz);
    });

    it('zstd --long=27 (128 MiB window) with an 8 MiB cap → error about the decoder memory cap', NO_HANG, async () => {
      const error = await decodeFailure('long.tar.zst', SMALL_LIMITS);
      assert.equal(error.format, 'zstd');
      assert.equal(error.memoryLimit, true);
      assert.match(error.message, /decoder memory cap/);
      assert.match(error.hint, /--max-decoder-memory/);
    });

    it('zstd --long=27 decodes with the default 128 MiB cap', NO_HANG, async () => {
      assert.ok((await decodeAll('long.tar.zst')).equals(data));
    });

    it('xz -9 (64 MiB dictionary) with an 8 MiB cap → error about the cap', NO_HANG, async () => {
      const error = await decodeFailure('big.tar.xz', SMALL_LIMITS);
      assert.equal(error.format, 'xz');
      assert.equal(error.memoryLimit, true);
      assert.match(error.message, /decoder memory than the cap \(8 MiB\)/);
      assert.match(error.hint, /--max-decoder-memory/);
    });

    it('xz -9 decodes with the default 128 MiB cap', NO_HANG, async () => {
      assert.ok((await decodeAll('big.tar.xz')).equals(data));
    });

    it('an ordinary zstd archive (small window) fits the 8 MiB cap', NO_HANG, async () => {
      put('small-window.tar.zst', compress('zstd', ['-q', '-c', '-3'], data));
      assert.ok((await decodeAll('small-window.tar.zst', SMALL_LIMITS)).equals(data));
    });
  });

  describe('how far the archive has been read (the progress line without size=)', () => {
    for (const codec of ['zstd', 'xz', 'gzip', 'tar'] as const) {
      it(`${codec}: the file offset rises from inside the file to its size as the tar is read`, NO_HANG, async () => {
        const bytes = { zstd: () => zstd, xz: () => xz, gzip: () => gzip, tar: () => realTar({ 'layer.tar': data }) }[codec];
        const archive = put(`progress.${codec}`, await bytes());
        const size = (await inspectArchive(location(archive))).bytes;
        const opened = await openArchive(location(archive), DEFAULT_LIMITS);
        const seen: number[] = [];
        try {
          for await (const chunk of opened.tar) {
            chunk.release();
            const read = opened.bytesRead();
            assert.ok(read !== undefined, 'the offset could not be read');
            seen.push(read);
          }
          const end = opened.bytesRead();
          assert.equal(end, size, 'the whole archive has been read at the end');
        } finally {
          await opened.close();
        }
        assert.ok(seen[0]! > 0 && seen[0]! < size, `first reading ${seen[0]} of ${size}: not in the middle`);
        assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'never goes back');
      });
    }
  });
});
