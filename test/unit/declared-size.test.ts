// What an archive declares it decodes to, read from its headers without decoding: zstd frame
// headers (RFC 8878 Frame_Content_Size, summed over frames), the xz index, a plain tar's size.
// Real files from Debian's zstd and xz, and hand-made frames for each size encoding.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseXzList } from '../../src/archive/codecs/xz-index.js';
import { declaredSize } from '../../src/archive/declared-size.js';
import { zstdContentSize } from '../../src/archive/zstd-frames.js';
import { tempDirPerSuite } from './support.js';

const fromBuffer = (data: Buffer) => (position: number, length: number) => Promise.resolve(data.subarray(position, position + length));
const sizeOf = (data: Buffer) => zstdContentSize(fromBuffer(data), data.length);

/** One frame: header with DESCRIPTOR and SIZE_FIELD, one raw last block of CONTENT, optional checksum. */
function frame(descriptor: number, sizeField: Buffer, content: Buffer, window = true): Buffer {
  const magic = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
  const block = Buffer.alloc(3);
  block.writeUIntLE(1 | (content.length << 3), 0, 3); // last, raw
  const checksum = descriptor & 0x04 ? Buffer.alloc(4) : Buffer.alloc(0);
  return Buffer.concat([magic, Buffer.from([descriptor]), window ? Buffer.from([0x00]) : Buffer.alloc(0), sizeField, block, content, checksum]);
}

const le = (bytes: number, value: number | bigint) => {
  const b = Buffer.alloc(bytes);
  if (bytes === 8) b.writeBigUInt64LE(BigInt(value));
  else b.writeUIntLE(Number(value), 0, bytes);
  return b;
};

describe('zstdContentSize (hand-made frames)', () => {
  const content = Buffer.from('hello');

  it('reads each Frame_Content_Size encoding: 1 byte (single segment), 2 bytes (+256), 4 and 8 bytes', async () => {
    assert.equal(await sizeOf(frame(0x20, le(1, 200), content, false)), 200);
    assert.equal(await sizeOf(frame(0x40, le(2, 1000), content)), 1256);
    assert.equal(await sizeOf(frame(0x80, le(4, 3 * 2 ** 30), content)), 3 * 2 ** 30);
    assert.equal(await sizeOf(frame(0xc0, le(8, 5n * 2n ** 32n), content)), 5 * 2 ** 32);
  });

  it('skips a dictionary ID and the content checksum', async () => {
    assert.equal(await sizeOf(frame(0x80 | 0x03 | 0x04, Buffer.concat([le(4, 7), le(4, 123456)]), content)), 123456);
  });

  it('a frame that does not declare its size (what zstd writes from a pipe) makes the total unknown', async () => {
    assert.equal(await sizeOf(frame(0x00, Buffer.alloc(0), content)), undefined);
    assert.equal(await sizeOf(Buffer.concat([frame(0x80, le(4, 10), content), frame(0x00, Buffer.alloc(0), content)])), undefined);
  });

  it('sums several frames and skips skippable frames', async () => {
    const skippable = Buffer.concat([le(4, 0x184d2a53), le(4, 6), Buffer.from('pzstd!')]);
    assert.equal(await sizeOf(Buffer.concat([skippable, frame(0x80, le(4, 10), content), skippable, frame(0x40, le(2, 0), content)])), 10 + 256);
  });

  it('an RLE block counts one stored byte, whatever it expands to', async () => {
    const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x80, 0x00, ...le(4, 100_000)]);
    const rle = Buffer.alloc(3);
    rle.writeUIntLE(1 | (1 << 1) | (100_000 << 3), 0, 3);
    assert.equal(await sizeOf(Buffer.concat([header, rle, Buffer.from([0])])), 100_000);
  });

  it('not a clean run of frames → unknown: truncated, trailing bytes, a bad magic, reserved bits', async () => {
    const good = frame(0x80, le(4, 10), content);
    assert.equal(await sizeOf(good.subarray(0, good.length - 1)), undefined);
    assert.equal(await sizeOf(Buffer.concat([good, Buffer.from([1, 2, 3])])), undefined);
    assert.equal(await sizeOf(Buffer.concat([good, Buffer.from('not a frame at all')])), undefined);
    assert.equal(await sizeOf(frame(0x80 | 0x08, le(4, 10), content)), undefined);
    const reservedBlock = Buffer.from(good);
    reservedBlock[10] = reservedBlock[10]! | 0x06;
    assert.equal(await sizeOf(reservedBlock), undefined);
    assert.equal(await sizeOf(Buffer.alloc(0)), undefined);
  });
});

describe('declaredSize (real files)', () => {
  const tmp = tempDirPerSuite('declared');
  const data = Buffer.concat([randomBytes(300_000), Buffer.alloc(700_000)]);

  async function declared(file: string, format: 'zstd' | 'xz' | 'tar') {
    const handle = await open(file, 'r');
    try {
      return await declaredSize(handle, format, (await handle.stat()).size);
    } finally {
      await handle.close();
    }
  }

  it('zstd from a file declares its size; from a pipe it does not; two frames are summed', async () => {
    const input = join(tmp.path, 'data');
    writeFileSync(input, data);
    execFileSync('zstd', ['-q', '-f', '-3', input, '-o', `${input}.zst`]);
    assert.deepEqual(await declared(`${input}.zst`, 'zstd'), { bytes: data.length, source: 'its zstd frame headers' });
    writeFileSync(`${input}.piped.zst`, execFileSync('zstd', ['-q', '-3', '-c'], { input: data }));
    assert.equal(await declared(`${input}.piped.zst`, 'zstd'), undefined);
    writeFileSync(`${input}.twice.zst`, Buffer.concat([readFileSync(`${input}.zst`), readFileSync(`${input}.zst`)]));
    assert.deepEqual(await declared(`${input}.twice.zst`, 'zstd'), { bytes: 2 * data.length, source: 'its zstd frame headers' });
    // --stream-size: a pipe whose size is given, as pack or a build script may do.
    writeFileSync(`${input}.sized.zst`, execFileSync('zstd', ['-q', '-3', '-c', `--stream-size=${data.length}`], { input: data }));
    assert.equal((await declared(`${input}.sized.zst`, 'zstd'))?.bytes, data.length);
  });

  it('xz: the index, whether written from a file or a pipe, multi-block and concatenated', async () => {
    const single = join(tmp.path, 'single.xz');
    writeFileSync(single, execFileSync('xz', ['-1', '-c'], { input: data }));
    assert.deepEqual(await declared(single, 'xz'), { bytes: data.length, source: 'its xz index' });
    const blocks = join(tmp.path, 'blocks.xz');
    writeFileSync(blocks, execFileSync('xz', ['-1', '-c', '--block-size=100000'], { input: data }));
    assert.equal((await declared(blocks, 'xz'))?.bytes, data.length);
    const twice = join(tmp.path, 'twice.xz');
    writeFileSync(twice, Buffer.concat([readFileSync(single), readFileSync(blocks)]));
    assert.equal((await declared(twice, 'xz'))?.bytes, 2 * data.length);
    const cut = join(tmp.path, 'cut.xz');
    writeFileSync(cut, readFileSync(single).subarray(0, 1000));
    assert.equal(await declared(cut, 'xz'), undefined, 'no index at the end: unknown');
  });

  it('a plain tar declares its own size', async () => {
    const tar = join(tmp.path, 'plain.tar');
    writeFileSync(tar, Buffer.alloc(10240));
    assert.deepEqual(await declared(tar, 'tar'), { bytes: 10240, source: 'its file size' });
  });
});

describe('parseXzList', () => {
  it('reads blocks and uncompressed bytes from the totals line of xz --robot --list', () => {
    const out = 'name\t/dev/stdin\nfile\t2\t3\t10360\t3221225472\t0.404\tCRC64\t0\ntotals\t2\t3\t10360\t3221225472\t0.000\tCRC64\t0\t1\n';
    assert.deepEqual(parseXzList(out), { blocks: 3, uncompressed: 3 * 2 ** 30 });
    assert.equal(parseXzList('xz: (stdin): File format not recognized\n'), undefined);
  });
});
