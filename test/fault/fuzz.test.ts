// Fault matrix, case 11 (fuzz part, no engine): a seeded fuzz run of the magic-byte sniffer
// (src/archive/sniff.ts) and of the decoders through openArchive (src/archive/open.ts).
// Inputs: valid zstd / xz / gzip / tar archives mutated (bit flips, byte overwrites, cuts,
// insertions, magic splices) and random bytes. Every input must end with the plain tar or a
// DecodeError / PreloadError — no other exception, no crash, no hang (each bounded), and the
// output of one input is capped (a mutation can turn a block into a large RLE run).
// PRELOAD_FUZZ_SEED and PRELOAD_FUZZ_ITERATIONS change the run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DecodeError } from '../../src/archive/codecs/decode-error.js';
import { openArchive } from '../../src/archive/open.js';
import { SNIFF_BYTES, sniffFormat, type ArchiveFormat } from '../../src/archive/sniff.js';
import { PreloadError } from '../../src/errors.js';
import { buildDockerArchive, noise } from '../helpers/fixtures.js';

const SEED = Number(process.env.PRELOAD_FUZZ_SEED ?? 20241128);
const ITERATIONS = Number(process.env.PRELOAD_FUZZ_ITERATIONS ?? 3000);
const PER_INPUT_MS = 10_000;
const OUTPUT_CAP = 64 * 1024 * 1024;
const LIMITS = { maxDecoderMemory: 8 * 1024 * 1024 };

/** mulberry32: small, seeded, good enough for fuzzing. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAGICS = [
  Buffer.from([0x28, 0xb5, 0x2f, 0xfd]),
  Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]),
  Buffer.from([0x1f, 0x8b]),
  Buffer.from([0x50, 0x2a, 0x4d, 0x18]),
];

function mutate(input: Buffer, random: () => number): Buffer {
  const int = (n: number) => Math.floor(random() * n);
  let out = Buffer.from(input);
  const steps = 1 + int(4);
  for (let s = 0; s < steps; s++) {
    // Most mutations near the start (headers) where parsers decide the most.
    const pos = () => (random() < 0.5 ? int(Math.min(out.length, 64)) : int(Math.max(1, out.length)));
    switch (int(7)) {
      case 0: // bit flip
        if (out.length) out[pos()]! ^= 1 << int(8);
        break;
      case 1: // random byte
        if (out.length) out[pos()] = int(256);
        break;
      case 2: // cut the end
        out = out.subarray(0, int(out.length + 1));
        break;
      case 3: // cut a middle slice
        {
          const a = pos();
          out = Buffer.concat([out.subarray(0, a), out.subarray(a + 1 + int(256))]);
        }
        break;
      case 4: // insert random bytes
        {
          const a = pos();
          const ins = Buffer.from(Array.from({ length: 1 + int(32) }, () => int(256)));
          out = Buffer.concat([out.subarray(0, a), ins, out.subarray(a)]);
        }
        break;
      case 5: // overwrite with 0xff / 0x00 (huge sizes, zero sizes)
        {
          const a = pos();
          out.fill(random() < 0.5 ? 0xff : 0x00, a, Math.min(out.length, a + 1 + int(8)));
        }
        break;
      case 6: // splice a magic at the start
        out = Buffer.concat([MAGICS[int(MAGICS.length)]!, out.subarray(int(8))]);
        break;
    }
  }
  return out;
}

let root: string;
let images: string;
const seeds: { name: string; data: Buffer }[] = [];

before(async () => {
  root = mkdtempSync('/tmp/pd-fault-fuzz-');
  images = join(root, 'images');
  mkdirSync(images);
  const built = await buildDockerArchive({ repoTags: ['fuzz/app:1'], files: { 'etc/x': 'x\n', 'usr/blob': noise(20 * 1024, 'fuzz'), 'usr/zeros': Buffer.alloc(40 * 1024) }, outDir: root, fileName: 'app.tar' });
  const tar = execFileSync('cat', [built.path], { maxBuffer: 64 * 1024 * 1024 });
  seeds.push({ name: 'tar', data: tar });
  seeds.push({ name: 'zstd', data: execFileSync('zstd', ['-q', '-3', '-c'], { input: tar }) });
  seeds.push({ name: 'zstd-19', data: execFileSync('zstd', ['-q', '-19', '-c'], { input: tar }) });
  seeds.push({ name: 'xz', data: execFileSync('xz', ['-6', '-c'], { input: tar }) });
  seeds.push({ name: 'gzip', data: execFileSync('gzip', ['-c'], { input: tar }) });
});
after(() => rmSync(root, { recursive: true, force: true }));

describe('fuzz: sniffer', () => {
  it(`sniffFormat never throws and is decided by the first ${SNIFF_BYTES} bytes only (${ITERATIONS * 3} inputs)`, () => {
    const random = rng(SEED);
    const formats = new Set<ArchiveFormat>(['zstd', 'xz', 'gzip', 'tar', 'empty', 'unknown']);
    for (let i = 0; i < ITERATIONS * 3; i++) {
      const source = random() < 0.5 ? seeds[Math.floor(random() * seeds.length)]!.data : noise(1 + Math.floor(random() * 1024), `s${i}`);
      const head = mutate(source.subarray(0, 2048), random);
      const format = sniffFormat(head.subarray(0, SNIFF_BYTES));
      assert.ok(formats.has(format), `unknown format ${format}`);
      // Unaligned views (a Buffer slice of a bigger ArrayBuffer) give the same answer.
      const copy = new Uint8Array(head.length + 3);
      copy.set(head, 3);
      assert.equal(sniffFormat(copy.subarray(3, 3 + Math.min(head.length, SNIFF_BYTES))), format);
    }
  });

  it('sniffFormat of valid archives is their format', () => {
    for (const s of seeds) assert.equal(sniffFormat(s.data.subarray(0, SNIFF_BYTES)), s.name.replace(/-\d+$/, ''));
  });
});

describe('fuzz: openArchive + decoders', () => {
  it(`${ITERATIONS} mutated archives end in a tar or a DecodeError/PreloadError, none hangs`, { timeout: 15 * 60_000 }, async (t) => {
    const random = rng(SEED + 1);
    const outcomes: Record<string, number> = {};
    const started = Date.now();
    let slowest = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const seed = seeds[i % seeds.length]!;
      const data = random() < 0.05 ? noise(Math.floor(random() * 4096), `r${i}`) : mutate(seed.data, random);
      const file = join(images, `f${i % 8}`);
      writeFileSync(file, data);
      const t0 = Date.now();
      let outcome: string;
      let timer: NodeJS.Timeout | undefined;
      const controller = new AbortController();
      try {
        outcome = await Promise.race([
          (async () => {
            const archive = await openArchive({ archivePath: file, imagesDir: images, context: { list: 'fuzz', line: i } }, LIMITS, controller.signal);
            let bytes = 0;
            try {
              for await (const chunk of archive.tar) {
                bytes += chunk.data.length;
                chunk.release();
                if (bytes > OUTPUT_CAP) return `${archive.format}:capped`;
              }
            } finally {
              await archive.close();
            }
            return `${archive.format}:ok`;
          })(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`input ${i} (from ${seed.name}) did not finish within ${PER_INPUT_MS} ms`)), PER_INPUT_MS);
          }),
        ]);
      } catch (error) {
        if (error instanceof DecodeError) outcome = `${error.format}:DecodeError${error.memoryLimit ? '(memory cap)' : ''}`;
        else if (error instanceof PreloadError) outcome = 'PreloadError';
        else {
          writeFileSync(join(root, 'failing-input'), data);
          throw new Error(`input ${i} (mutated ${seed.name}, seed ${SEED}) threw ${(error as Error)?.name}: ${(error as Error)?.message}`, { cause: error });
        }
      } finally {
        clearTimeout(timer);
        controller.abort();
      }
      slowest = Math.max(slowest, Date.now() - t0);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    t.diagnostic(`seed ${SEED}, ${ITERATIONS} inputs in ${Date.now() - started} ms (slowest ${slowest} ms): ${JSON.stringify(outcomes)}`);
  });
});
