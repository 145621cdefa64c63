// Small, real, deterministic container images built without an engine:
// docker-archive tars (manifest.json first, `repositories`, config JSON,
// `<sha256>/layer.tar` layers), written with tar-stream, mtime 0.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack as tarPack, type Pack } from 'tar-stream';
import { repoRoot } from './paths.js';

export type Codec = 'zstd' | 'xz' | 'gzip' | 'none';
export const CODEC_EXT: Record<Codec, string> = { zstd: '.zst', xz: '.xz', gzip: '.gz', none: '' };
/** The `format` the daemon should report for each codec in `status --json`. */
export const CODEC_FORMAT: Record<Codec, string> = { zstd: 'zstd', xz: 'xz', gzip: 'gzip', none: 'tar' };

export interface ImageSpec {
  repoTags: string[];
  /** path inside the image → content */
  files: Record<string, string | Buffer>;
  /** how many layers to spread the files over (default 1) */
  layers?: number;
  /** What tells the layers apart (default: the tags): the same seed and files give the same layers under another tag. */
  layerSeed?: string;
}

export interface BuiltImage {
  imageId: string;
  repoTags: string[];
}

export interface BuiltArchive {
  path: string;
  imageId: string;
  images: BuiltImage[];
}

const EPOCH = new Date(0);
const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

function goArch(): string {
  return process.arch === 'x64' ? 'amd64' : process.arch === 'arm64' ? 'arm64' : 'amd64';
}

/** Collect a tar-stream pack into one Buffer (small layers only). */
async function packToBuffer(fill: (p: Pack) => Promise<void>): Promise<Buffer> {
  const p = tarPack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const c of p as unknown as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
  })();
  await fill(p);
  p.finalize();
  await collected;
  return Buffer.concat(chunks);
}

function addEntry(p: Pack, name: string, content: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    p.entry({ name, mtime: EPOCH, mode: 0o644, uid: 0, gid: 0 }, content, (err) => (err ? reject(err) : resolve()));
  });
}

function addDir(p: Pack, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    p.entry({ name, type: 'directory', mtime: EPOCH, mode: 0o755, uid: 0, gid: 0 }, (err) =>
      err ? reject(err) : resolve(),
    );
  });
}

/** A layer tar holding FILES (with their parent directories), deterministic. */
async function buildLayer(files: [string, string | Buffer][]): Promise<Buffer> {
  return packToBuffer(async (p) => {
    const dirs = new Set<string>();
    for (const [path] of files) {
      const parts = path.replace(/^\/+/, '').split('/').slice(0, -1);
      for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join('/') + '/');
    }
    for (const d of [...dirs].sort()) await addDir(p, d);
    for (const [path, content] of files) await addEntry(p, path.replace(/^\/+/, ''), content);
  });
}

interface ArchiveImage {
  config: Buffer;
  configHex: string;
  repoTags: string[];
  layers: { hex: string; data?: Buffer; size: number; write?: (p: Pack, name: string) => Promise<void> }[];
}

function makeConfig(repoTags: string[], diffIds: string[]): Buffer {
  const config = {
    architecture: goArch(),
    os: 'linux',
    created: EPOCH.toISOString(),
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['/bin/true'],
      // Makes images with the same files but different tags distinct.
      Labels: { 'org.preload-daemon.test.fixture': repoTags.join(',') },
    },
    rootfs: { type: 'layers', diff_ids: diffIds.map((h) => `sha256:${h}`) },
    history: diffIds.map(() => ({ created: EPOCH.toISOString(), created_by: 'preload-daemon test fixture' })),
  };
  return Buffer.from(JSON.stringify(config));
}

/** docker save's `repositories` file: {"name": {"tag": "<top layer id>"}} (familiar names). */
function repositoriesJson(images: ArchiveImage[]): string {
  const repos: Record<string, Record<string, string>> = {};
  for (const img of images) {
    const top = img.layers[img.layers.length - 1]?.hex ?? '';
    for (const t of img.repoTags) {
      const colon = t.lastIndexOf(':');
      const name = colon > t.lastIndexOf('/') ? t.slice(0, colon) : t;
      const tag = colon > t.lastIndexOf('/') ? t.slice(colon + 1) : 'latest';
      (repos[name] ??= {})[tag] = top;
    }
  }
  return JSON.stringify(repos);
}

/** Write the outer docker-archive: manifest.json first, repositories, configs, layers. */
async function writeArchive(images: ArchiveImage[], out: Writable): Promise<void> {
  const p = tarPack();
  const done = pipeline(packReadable(p), out);
  const manifest = images.map((img) => ({
    Config: `${img.configHex}.json`,
    RepoTags: img.repoTags,
    Layers: img.layers.map((l) => `${l.hex}/layer.tar`),
  }));
  await addEntry(p, 'manifest.json', JSON.stringify(manifest));
  await addEntry(p, 'repositories', repositoriesJson(images));
  const written = new Set<string>();
  for (const img of images) {
    if (!written.has(img.configHex)) {
      written.add(img.configHex);
      await addEntry(p, `${img.configHex}.json`, img.config);
    }
  }
  for (const img of images) {
    for (const layer of img.layers) {
      if (written.has(layer.hex)) continue;
      written.add(layer.hex);
      await addDir(p, `${layer.hex}/`);
      await addEntry(p, `${layer.hex}/VERSION`, '1.0');
      if (layer.data) await addEntry(p, `${layer.hex}/layer.tar`, layer.data);
      else if (layer.write) await layer.write(p, `${layer.hex}/layer.tar`);
    }
  }
  p.finalize();
  await done;
}

async function prepareImage(spec: ImageSpec): Promise<ArchiveImage> {
  const n = Math.max(1, spec.layers ?? 1);
  const entries = Object.entries(spec.files).sort(([a], [b]) => a.localeCompare(b));
  const groups: [string, string | Buffer][][] = Array.from({ length: n }, () => []);
  entries.forEach((e, i) => groups[i % n]!.push(e));
  // A marker per layer so no two layers (nor two images' layers) are empty or identical by accident.
  groups.forEach((g, i) => g.push([`.fixture/layer-${i}`, `${spec.layerSeed ?? spec.repoTags.join(',')} layer ${i}\n`]));
  const layers = [];
  for (const g of groups) {
    const data = await buildLayer(g);
    layers.push({ hex: sha256(data), data, size: data.length });
  }
  const config = makeConfig(spec.repoTags, layers.map((l) => l.hex));
  return { config, configHex: sha256(config), repoTags: spec.repoTags, layers };
}

/** Deterministic incompressible bytes (a SHA-256 counter stream), for archives with a real middle. */
export function noise(bytes: number, seed = 'noise'): Buffer {
  const out = Buffer.alloc(bytes);
  for (let off = 0, i = 0; off < bytes; off += 32, i++) {
    createHash('sha256').update(`${seed}:${i}`).digest().copy(out, off);
  }
  return out;
}

function safeName(tag: string): string {
  return tag.replace(/[^A-Za-z0-9_.-]+/g, '_');
}

/** One image → a plain docker-archive tar in OUTDIR. */
export async function buildDockerArchive(opts: ImageSpec & { outDir: string; fileName?: string }): Promise<BuiltArchive> {
  return buildMultiImageArchive({
    images: [{ repoTags: opts.repoTags, files: opts.files, layers: opts.layers, layerSeed: opts.layerSeed }],
    outDir: opts.outDir,
    fileName: opts.fileName,
  });
}

/** Several images (each with its tags) in one docker-archive tar. `imageId` is the first image's. */
export async function buildMultiImageArchive(opts: {
  images: ImageSpec[];
  outDir: string;
  fileName?: string;
}): Promise<BuiltArchive> {
  if (opts.images.length === 0) throw new Error('buildMultiImageArchive: no images');
  const prepared = [];
  for (const spec of opts.images) prepared.push(await prepareImage(spec));
  mkdirSync(opts.outDir, { recursive: true });
  const fileName = opts.fileName ?? `${safeName(opts.images[0]!.repoTags[0] ?? 'image')}.tar`;
  const path = join(opts.outDir, fileName);
  await writeArchive(prepared, createWriteStream(path));
  const images = prepared.map((img) => ({ imageId: `sha256:${img.configHex}`, repoTags: img.repoTags }));
  return { path, imageId: images[0]!.imageId, images };
}

/**
 * Images on one shared base layer, each in its own docker-archive (OUTDIR/<tag>.tar): layer 0
 * is BASE (identical bytes in every image), layer 1 the image's own FILES.
 */
export async function buildImagesOnBase(opts: { outDir: string; base: Record<string, string | Buffer>; images: ImageSpec[] }): Promise<BuiltArchive[]> {
  const baseData = await buildLayer(Object.entries(opts.base).sort(([a], [b]) => a.localeCompare(b)));
  const base = { hex: sha256(baseData), data: baseData, size: baseData.length };
  mkdirSync(opts.outDir, { recursive: true });
  const built: BuiltArchive[] = [];
  for (const spec of opts.images) {
    const files: [string, string | Buffer][] = [...Object.entries(spec.files), [`.fixture/${spec.repoTags.join(',')}`, 'own layer\n']];
    const own = await buildLayer(files.sort(([a], [b]) => a.localeCompare(b)));
    const layers = [base, { hex: sha256(own), data: own, size: own.length }];
    const config = makeConfig(spec.repoTags, layers.map((l) => l.hex));
    const image: ArchiveImage = { config, configHex: sha256(config), repoTags: spec.repoTags, layers };
    const path = join(opts.outDir, `${safeName(spec.repoTags[0] ?? 'image')}.tar`);
    await writeArchive([image], createWriteStream(path));
    built.push({ path, imageId: `sha256:${image.configHex}`, images: [{ imageId: `sha256:${image.configHex}`, repoTags: spec.repoTags }] });
  }
  return built;
}

function compressorArgs(codec: Exclude<Codec, 'none'>): [string, string[]] {
  switch (codec) {
    case 'zstd':
      return ['zstd', ['-q', '-3', '-c']];
    case 'xz':
      return ['xz', ['-T0', '-c']];
    case 'gzip':
      return ['gzip', ['-c']];
  }
}

/** Pipe SOURCE through the codec's CLI into DEST (atomically: temp file then rename). */
async function compressStream(source: Readable, codec: Exclude<Codec, 'none'>, dest: string): Promise<void> {
  const [cmd, args] = compressorArgs(codec);
  const tmp = `${dest}.partial-${process.pid}`;
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  try {
    await Promise.all([pipeline(source, child.stdin), pipeline(child.stdout, createWriteStream(tmp))]);
    const code = await exited;
    if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr}`);
    renameSync(tmp, dest);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Compress PATH with the system CLI (zstd -q -3, xz -T0, gzip); keeps the original. Returns the new path. */
export async function compressFile(path: string, codec: Codec): Promise<string> {
  if (codec === 'none') return path;
  const dest = `${path}${CODEC_EXT[codec]}`;
  await compressStream(createReadStream(path), codec, dest);
  return dest;
}

/** Build an image archive and compress it: convenience for list fixtures. */
export async function buildCompressedArchive(
  spec: ImageSpec & { outDir: string; fileName?: string },
  codec: Codec,
): Promise<BuiltArchive> {
  const built = await buildDockerArchive(spec);
  if (codec === 'none') return built;
  const path = await compressFile(built.path, codec);
  rmSync(built.path);
  return { ...built, path };
}

// ---------------------------------------------------------------------------
// Zero bomb: one layer holding one file of N zero bytes, built streaming.

const ZERO_CHUNK = Buffer.alloc(1 << 20);

function zeros(bytes: number): Readable {
  let left = bytes;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const n = Math.min(left, ZERO_CHUNK.length);
      left -= n;
      this.push(n === ZERO_CHUNK.length ? ZERO_CHUNK : ZERO_CHUNK.subarray(0, n));
    },
  });
}

/** Stream the layer tar (one file `zeros` of BYTES zeros) into OUT. */
async function writeZeroLayer(bytes: number, out: Writable): Promise<void> {
  const p = tarPack();
  const done = pipeline(packReadable(p), out);
  await streamEntry(p, 'zeros', bytes, zeros(bytes));
  p.finalize();
  await done;
}

/** Add one entry of SIZE bytes whose content comes from SOURCE, honouring backpressure. */
async function streamEntry(p: Pack, name: string, size: number, source: AsyncIterable<Buffer>): Promise<void> {
  let finished!: Promise<void>;
  const entry = await new Promise<ReturnType<Pack['entry']>>((resolveEntry) => {
    finished = new Promise<void>((resolve, reject) => {
      resolveEntry(
        p.entry({ name, size, mtime: EPOCH, mode: 0o644, uid: 0, gid: 0 }, (err) => (err ? reject(err) : resolve())),
      );
    });
  });
  for await (const chunk of source) {
    if (!entry.write(chunk)) await new Promise<void>((resolve) => entry.once('drain', () => resolve()));
  }
  (entry as unknown as { end(): void }).end();
  await finished;
}

/** tar-stream packs are streamx streams: adapt to a Node Readable for pipeline(). */
function packReadable(p: Pack): Readable {
  return Readable.from(p as unknown as AsyncIterable<Buffer>, { objectMode: false });
}

class Hasher extends Writable {
  readonly hash = createHash('sha256');
  size = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    cb();
  }
}

export interface ZeroBomb extends BuiltArchive {
  repoTag: string;
  bytes: number;
  codec: Codec;
}

export const GiB = 1024 * 1024 * 1024;

/**
 * A docker-archive whose single layer holds one file of BYTES zeros, compressed with CODEC.
 * Never held in memory and no uncompressed intermediate on disk: the layer is generated twice
 * (once to hash it, once into the compressor). Cached under <repo>/.cache/fixtures/.
 */
export async function zeroBombArchive(
  bytes: number = GiB,
  codec: Codec = 'zstd',
  cacheDir: string = join(repoRoot(), '.cache', 'fixtures'),
): Promise<ZeroBomb> {
  const repoTag = `preload-test/zeros:${bytes}`;
  const base = join(cacheDir, `zeros-${bytes}-v1.tar${CODEC_EXT[codec]}`);
  const metaPath = `${base}.meta.json`;
  if (existsSync(base) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { imageId: string; archiveBytes: number };
    if (statSync(base).size === meta.archiveBytes) {
      return { path: base, imageId: meta.imageId, images: [{ imageId: meta.imageId, repoTags: [repoTag] }], repoTag, bytes, codec };
    }
  }
  mkdirSync(dirname(base), { recursive: true });

  const hasher = new Hasher();
  await writeZeroLayer(bytes, hasher);
  const layerHex = hasher.hash.digest('hex');
  const layerSize = hasher.size;
  const config = makeConfig([repoTag], [layerHex]);
  const image: ArchiveImage = {
    config,
    configHex: sha256(config),
    repoTags: [repoTag],
    layers: [
      {
        hex: layerHex,
        size: layerSize,
        write: async (p, name) => {
          // Generate the layer tar again, straight into the outer entry.
          const layer = new PassThrough({ highWaterMark: 1 << 20 });
          await Promise.all([writeZeroLayer(bytes, layer), streamEntry(p, name, layerSize, layer)]);
        },
      },
    ],
  };

  if (codec === 'none') {
    const tmp = `${base}.partial-${process.pid}`;
    await writeArchive([image], createWriteStream(tmp));
    renameSync(tmp, base);
  } else {
    const through = new PassThrough({ highWaterMark: 1 << 20 });
    await Promise.all([writeArchive([image], through), compressStream(through, codec, base)]);
  }
  const imageId = `sha256:${image.configHex}`;
  writeFileSync(metaPath, JSON.stringify({ imageId, archiveBytes: statSync(base).size, repoTag }));
  return { path: base, imageId, images: [{ imageId, repoTags: [repoTag] }], repoTag, bytes, codec };
}

/**
 * Images built from explicit layers (path → content per layer), in one docker-archive: the same
 * files give the same layer, so images can share a base as `FROM base` images do.
 */
export async function buildLayeredArchive(opts: {
  images: Array<{ repoTags: string[]; layers: Array<Record<string, string | Buffer>> }>;
  outDir: string;
  fileName: string;
}): Promise<BuiltArchive> {
  const prepared: ArchiveImage[] = [];
  for (const spec of opts.images) {
    const layers = [];
    for (const files of spec.layers) {
      const data = await buildLayer(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
      layers.push({ hex: sha256(data), data, size: data.length });
    }
    const config = makeConfig(spec.repoTags, layers.map((l) => l.hex));
    prepared.push({ config, configHex: sha256(config), repoTags: spec.repoTags, layers });
  }
  mkdirSync(opts.outDir, { recursive: true });
  const path = join(opts.outDir, opts.fileName);
  await writeArchive(prepared, createWriteStream(path));
  const images = prepared.map((img) => ({ imageId: `sha256:${img.configHex}`, repoTags: img.repoTags }));
  return { path, imageId: images[0]!.imageId, images };
}
