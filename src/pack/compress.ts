import { cpus } from 'node:os';
import { PassThrough, type Duplex, type Transform } from 'node:stream';
import { createGzip } from 'node:zlib';
import { programStream } from '../archive/codecs/program-stream.js';
import { installHint, isInstalled, PROGRAMS } from '../archive/codecs/programs.js';
import { UsageError } from '../errors.js';

export const COMPRESSIONS = ['zstd', 'xz', 'gzip', 'none'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

export interface CompressionSettings {
  compression: Compression;
  level: number | undefined;
  threads: number;
  /** What the device's decoder may need: the zstd window, the xz dictionary. */
  maxDecoderMemory: number;
}

/** So that a 256 MB board can always decode what the packer wrote. */
export const DEFAULT_PACK_DECODER_MEMORY = 8 * 1024 * 1024;
export const DEFAULT_LEVELS: Record<Compression, number | undefined> = { zstd: 19, xz: 6, gzip: 9, none: undefined };
export const EXTENSIONS: Record<Compression, string> = { zstd: '.tar.zst', xz: '.tar.xz', gzip: '.tar.gz', none: '.tar' };

// xz presets 0–9 use these dictionaries (liblzma's table); the decoder needs about that much.
const XZ_DICTIONARY = [256 << 10, 1 << 20, 2 << 20, 4 << 20, 4 << 20, 8 << 20, 8 << 20, 16 << 20, 32 << 20, 64 << 20];
const ZSTD_LEVELS = { min: 1, max: 22 };
const ZSTD_MIN_WINDOW_LOG = 10;

export function defaultThreads(): number {
  return Math.max(1, cpus().length);
}

/** Refuse settings whose decoder would need more memory than the device allows. */
export function checkCompression(settings: CompressionSettings): void {
  const { compression, level, maxDecoderMemory } = settings;
  if (compression === 'zstd' || compression === 'xz') {
    const { command } = PROGRAMS[compression];
    if (!isInstalled(command)) throw new UsageError(`--compression ${compression} needs the ${command} program, which is not installed`, { hint: installHint(compression) });
  }
  if (compression === 'xz') {
    const preset = level ?? DEFAULT_LEVELS.xz!;
    if (!Number.isInteger(preset) || preset < 0 || preset > 9) throw new UsageError(`xz level ${preset} is not 0-9`);
    if (XZ_DICTIONARY[preset]! > maxDecoderMemory) {
      throw new UsageError(
        `xz level ${preset} uses a ${XZ_DICTIONARY[preset]! >> 20} MiB dictionary, more than --max-decoder-memory ${maxDecoderMemory} bytes`,
        { hint: 'choose a lower --level or raise --max-decoder-memory (the device must have that much memory free to decode)' },
      );
    }
  }
  if (compression === 'zstd') {
    const value = level ?? DEFAULT_LEVELS.zstd!;
    if (!Number.isInteger(value) || value < ZSTD_LEVELS.min || value > ZSTD_LEVELS.max) throw new UsageError(`zstd level ${value} is not ${ZSTD_LEVELS.min}-${ZSTD_LEVELS.max}`);
    if (maxDecoderMemory < 1 << ZSTD_MIN_WINDOW_LOG) throw new UsageError(`--max-decoder-memory ${maxDecoderMemory} is below zstd's smallest window (1 KiB)`);
  }
  if (compression === 'gzip') {
    const value = level ?? DEFAULT_LEVELS.gzip!;
    if (!Number.isInteger(value) || value < 1 || value > 9) throw new UsageError(`gzip level ${value} is not 1-9`);
  }
}

/**
 * A compressor whose output depends only on the input and the settings, never on the machine
 * or the time. zstd and xz run as Debian's programs, reading a pipe (so no content size goes
 * into the header) in their multi-threaded formats, which split the input into jobs/blocks of
 * a size fixed by the level: the thread count changes only the speed (measured with zstd
 * 1.5.4 and xz 5.4.1: -T1, -T2, -T3, -T4, -T0 and a one-core -T0 give identical bytes, except
 * xz -T1, which writes one block: hence -T+N). gzip's header carries no time stamp (Node writes mtime 0).
 */
export function createCompressor(settings: CompressionSettings): Transform | Duplex {
  const { compression } = settings;
  const threads = Math.max(1, settings.threads);
  const level = settings.level ?? DEFAULT_LEVELS[compression]!;
  switch (compression) {
    case 'zstd':
      return programStream('zstd', [
        '-c',
        '-q',
        `-${level}`,
        ...(level > 19 ? ['--ultra'] : []),
        `-T${threads}`,
        '--check',
        // The window is what the decoder must hold: cap it at the device's budget.
        `--zstd=wlog=${Math.min(27, Math.floor(Math.log2(settings.maxDecoderMemory)))}`,
      ]);
    case 'xz':
      return programStream('xz', ['-c', '-q', `-${level}`, `-T+${threads}`, '--check=crc64']);
    case 'gzip':
      return createGzip({ level });
    case 'none':
      return new PassThrough();
  }
}
