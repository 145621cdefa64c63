import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { SNIFF_BYTES, sniffFormat, type ArchiveFormat } from '../../src/archive/sniff.js';
import { realTar } from './support.js';

function skippableFrame(magicLowNibble: number, payload = Buffer.from([1, 2, 3, 4])): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32LE(0x184d2a50 + magicLowNibble, 0);
  header.writeUInt32LE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');

describe('sniffFormat', () => {
  const cases: Array<[label: string, head: Buffer, format: ArchiveFormat]> = [
    ['zstd frame magic', hex('28b52ffd 0458 1100'), 'zstd'],
    ['zstd frame magic alone', hex('28b52ffd'), 'zstd'],
    ['xz', hex('fd377a585a00 0004e6d6b446'), 'xz'],
    ['gzip', hex('1f8b0800 00000000 0003'), 'gzip'],
    ['empty', Buffer.alloc(0), 'empty'],
    ['PNG', hex('89504e470d0a1a0a 0000000d49484452'), 'unknown'],
    ['ASCII text', Buffer.from('a.tar app:1\n'), 'unknown'],
    ['zeros', Buffer.alloc(SNIFF_BYTES), 'unknown'],
    ['truncated zstd magic', hex('28b52f'), 'unknown'],
    ['truncated xz magic', hex('fd377a585a'), 'unknown'],
    ['a single gzip byte', hex('1f'), 'unknown'],
    ['zstd magic with a wrong byte', hex('28b52ffe'), 'unknown'],
    ['nearly skippable (0x184D2A60)', hex('602a4d18 04000000'), 'unknown'],
    ['nearly skippable (0x184D2B50)', hex('502b4d18 04000000'), 'unknown'],
  ];
  for (const [label, head, format] of cases) {
    it(`${label} → ${format}`, () => assert.equal(sniffFormat(head), format));
  }

  for (let nibble = 0; nibble <= 0xf; nibble++) {
    it(`zstd skippable frame 0x184D2A5${nibble.toString(16).toUpperCase()} (pzstd) → zstd`, () => {
      assert.equal(sniffFormat(skippableFrame(nibble)), 'zstd');
    });
  }

  it('ustar tar made by tar-stream → tar', async () => {
    const bytes = await realTar();
    assert.equal(bytes.subarray(257, 262).toString('latin1'), 'ustar');
    assert.equal(sniffFormat(bytes.subarray(0, SNIFF_BYTES)), 'tar');
  });

  it('a tar header cut before the magic → unknown', async () => {
    assert.equal(sniffFormat((await realTar()).subarray(0, 260)), 'unknown');
  });

  it('looks at the view, not the whole underlying ArrayBuffer', () => {
    const backing = Buffer.concat([hex('28b52ffd'), Buffer.from('not an archive')]);
    assert.equal(sniffFormat(backing.subarray(4)), 'unknown');
    assert.equal(sniffFormat(new Uint8Array(backing.buffer, backing.byteOffset, 4)), 'zstd');
  });

  it('never throws on short random inputs', () => {
    const formats = new Set<ArchiveFormat>(['zstd', 'xz', 'gzip', 'tar', 'empty', 'unknown']);
    for (let length = 0; length <= 16; length++) {
      for (let round = 0; round < 50; round++) {
        assert.ok(formats.has(sniffFormat(randomBytes(length))));
      }
    }
    for (const length of [255, 256, 257, 258, 261, 262, 511, 512]) assert.ok(formats.has(sniffFormat(randomBytes(length))));
  });
});
