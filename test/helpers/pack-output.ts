// Reading what `preload-daemon pack` wrote, independently of the product's code:
// image.list lines, the archives' compression (by magic bytes, decoded with the system
// CLIs) and their tar entries.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Codec } from './fixtures.js';

export interface PackedLine {
  file: string;
  name: string;
  fields: Record<string, string>;
}

/** Non-comment, non-blank lines of OUTDIR/image.list. */
export function readPackedList(outDir: string): PackedLine[] {
  const path = join(outDir, 'image.list');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'))
    .map((l) => {
      const [file = '', name = '', ...rest] = l.trim().split(/\s+/);
      return { file, name, fields: Object.fromEntries(rest.map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)])) };
    });
}

/** Files in OUTDIR/images/ (empty if the folder does not exist). */
export function imagesIn(outDir: string): string[] {
  const dir = join(outDir, 'images');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

export const PACK_EXTENSIONS: Record<Codec, string> = { zstd: '.tar.zst', xz: '.tar.xz', gzip: '.tar.gz', none: '.tar' };

/** Which compression the bytes start with; 'none' means a ustar tar (magic at 257). */
export function codecOf(bytes: Buffer): Codec | 'unknown' {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))) return 'zstd';
  if (bytes.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (bytes.subarray(0, 2).equals(Buffer.from([0x1f, 0x8b]))) return 'gzip';
  if (bytes.subarray(257, 262).toString('latin1') === 'ustar') return 'none';
  return 'unknown';
}

const DECODERS: Record<Exclude<Codec, 'none'>, [string, string[]]> = {
  zstd: ['zstd', ['-dc']],
  xz: ['xz', ['-dc']],
  gzip: ['gzip', ['-dc']],
};

/** The uncompressed tar of an archive (small archives only), decoded by the system CLI. */
export function decompressArchive(path: string): Buffer {
  const bytes = readFileSync(path);
  const codec = codecOf(bytes);
  if (codec === 'unknown') throw new Error(`${path}: not zstd, xz, gzip or tar`);
  if (codec === 'none') return bytes;
  const [cmd, args] = DECODERS[codec];
  return execFileSync(cmd, args, { input: bytes, maxBuffer: 512 * 1024 * 1024 });
}

export interface TarEntry {
  name: string;
  data: Buffer;
}

/** The entries of a plain ustar tar (names under 100 bytes, as pack writes them). */
export function tarEntries(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) => header.subarray(start, start + length).toString('latin1').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    entries.push({ name, data: tar.subarray(off + 512, off + 512 + size) });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** manifest.json of a docker-archive. */
export interface ArchiveManifest {
  Config: string;
  RepoTags: string[] | null;
  Layers: string[];
}
