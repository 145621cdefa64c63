import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { classifyError } from '../classify-error.js';
import { PackError } from '../errors.js';
import { parseReference } from '../list/reference.js';
import type { Logger } from '../system/log.js';
import { archiveFileName } from './archive-name.js';
import type { ArchiveImage } from './archive-contents.js';
import { checkCompression, EXTENSIONS, type CompressionSettings } from './compress.js';
import { mergeIntoList, type ListLine } from './list-file.js';
import type { PlatformChoice, SourceImage } from './source.js';
import { openSource, parseSourceSpec } from './transport.js';
import { writeDockerArchive } from './write-archive.js';
import { formatMiB } from '../system/format-bytes.js';
import type { Progress } from '../system/progress.js';

export interface PackRequest {
  /** `SOURCE` or `SOURCE=NAME:TAG` */
  specs: string[];
  outDir: string;
  compression: CompressionSettings;
  platform: PlatformChoice;
  socket: string | undefined;
  strict: boolean;
  tmpRoot: string;
  log: Logger;
  /** A progress line on a terminal (absent otherwise, and with -q). */
  progress?: Progress;
  /** Every image into one archive `images/<bundle><extension>`, each layer stored once. */
  bundle?: string;
}

export interface PackedImage {
  source: string;
  names: string[];
  file: string;
  imageId: string;
  tarBytes: number;
  archiveBytes: number;
  archiveSha256: string;
  seconds: number;
}

/** `SOURCE=NAME:TAG`: the name after the last '=' when it is a valid reference. */
export function splitSpec(spec: string): { source: string; name: string | undefined } {
  const eq = spec.lastIndexOf('=');
  if (eq > 0 && parseReference(spec.slice(eq + 1)).ok) return { source: spec.slice(0, eq), name: spec.slice(eq + 1) };
  return { source: spec, name: undefined };
}

/**
 * Turn each source into `images/<file>` + a line of `image.list` under outDir. One failing
 * source does not stop the others; the list only ever gets lines for archives that exist.
 */
export async function pack(request: PackRequest): Promise<{ packed: PackedImage[]; failed: number }> {
  checkCompression(request.compression);
  for (const spec of request.specs) parseSourceSpec(splitSpec(spec).source);
  const imagesDir = path.join(request.outDir, 'images');
  await mkdir(imagesDir, { recursive: true }).catch((error: Error) => {
    throw new PackError(`cannot create ${imagesDir}: ${error.message}`, { hint: 'choose a writable --out folder', cause: error });
  });
  const { packed, failed } = request.bundle !== undefined ? await packBundle(request.bundle, imagesDir, request) : await packEach(imagesDir, request);
  // An image with several names is one archive and one list line per name.
  const lines: ListLine[] = packed.flatMap((p) =>
    p.names.map((name) => ({ archive: p.file, name, fields: { id: p.imageId, size: p.tarBytes, sha256: p.archiveSha256 } })),
  );
  if (lines.length > 0) await mergeIntoList(path.join(request.outDir, 'image.list'), lines);
  return { packed, failed };
}

async function packEach(imagesDir: string, request: PackRequest): Promise<{ packed: PackedImage[]; failed: number }> {
  const packed: PackedImage[] = [];
  let failed = 0;
  for (const spec of request.specs) {
    const { source, name } = splitSpec(spec);
    try {
      const opened = await openNamed(source, name, request);
      try {
        for (const image of opened.images) packed.push(...(await packArchive([image], archiveFileName(image.names[0]!, request.compression.compression), imagesDir, request)));
      } finally {
        await opened.dispose();
      }
    } catch (error) {
      failed++;
      reportFailure(source, error, request.log);
    }
  }
  return { packed, failed };
}

/**
 * Every source's images in one archive. All sources stay open until it is written; if one
 * fails, no bundle is written: an archive without one of its images must not ship.
 */
async function packBundle(bundle: string, imagesDir: string, request: PackRequest): Promise<{ packed: PackedImage[]; failed: number }> {
  const opened: OpenedSource[] = [];
  let failed = 0;
  try {
    for (const spec of request.specs) {
      const { source, name } = splitSpec(spec);
      try {
        opened.push(await openNamed(source, name, request));
      } catch (error) {
        failed++;
        reportFailure(source, error, request.log);
      }
    }
    const file = `${bundle}${EXTENSIONS[request.compression.compression]}`;
    if (failed > 0) {
      request.log.error({ file }, `bundle ${file} not written: ${failed} of its ${request.specs.length} sources failed (see above)`);
      return { packed: [], failed };
    }
    try {
      const images = opened.flatMap((source) => source.images);
      checkNamesUnique(images, file);
      return { packed: await packArchive(images, file, imagesDir, request), failed };
    } catch (error) {
      reportFailure(bundle, error, request.log);
      return { packed: [], failed: 1 };
    }
  } finally {
    for (const source of opened) await source.dispose();
  }
}

interface NamedImage extends ArchiveImage {
  source: string;
}

interface OpenedSource {
  images: NamedImage[];
  dispose(): Promise<void>;
}

/** A source opened, each of its images with the names it will carry. */
async function openNamed(spec: string, explicitName: string | undefined, request: PackRequest): Promise<OpenedSource> {
  const source = await openSource(spec, {
    platform: request.platform,
    socket: request.socket,
    strict: request.strict,
    tmpRoot: request.tmpRoot,
    warn: (message) => request.log.warn({ source: spec }, message),
  });
  try {
    if (explicitName !== undefined && source.images.length > 1) {
      throw new PackError(`holds ${source.images.length} images, so one name cannot be given to all`, { context: { image: spec }, hint: 'pick one image with docker-archive:PATH:NAME:TAG' });
    }
    const images = source.images.map((image) => ({ image, names: namesFor(image, explicitName, spec, request.log), source: spec }));
    return { images, dispose: () => source.dispose() };
  } catch (error) {
    await source.dispose();
    throw error;
  }
}

/** One name on two different images would make the engine's result depend on load order. */
function checkNamesUnique(images: NamedImage[], file: string): void {
  const owner = new Map<string, NamedImage>();
  for (const image of images) {
    for (const name of image.names) {
      const other = owner.get(name);
      if (other && other.image.configBytes.compare(image.image.configBytes) !== 0) {
        throw new PackError(`${name} names two different images in bundle ${file} (also ${other.source})`, { context: { image: image.source }, hint: 'give each image its own name' });
      }
      owner.set(name, image);
    }
  }
}

function reportFailure(source: string, error: unknown, log: Logger): void {
  const failure = classifyError(error, { image: source });
  log.error({ source, code: failure.code }, failure.line);
}

/** One archive holding these images: one PackedImage (and list lines) per image. */
async function packArchive(images: NamedImage[], file: string, imagesDir: string, request: PackRequest): Promise<PackedImage[]> {
  const started = performance.now();
  const label = images.length === 1 ? images[0]!.names[0]! : file;
  const layers = images.flatMap(({ image }) => image.layers);
  const known = layers.every((layer) => layer.size !== undefined);
  const total = known ? layers.reduce((sum, layer) => sum + layer.size!, 0) + images.reduce((sum, { image }) => sum + image.configBytes.length, 0) : undefined;
  const progress = request.progress;
  const source = images.map((image) => image.source).join(' ');
  const written = await writeDockerArchive(images, path.join(imagesDir, file), request.compression, source, (bytes) => progress?.update(label, () => ({ bytes, total })));
  progress?.done(label);
  const seconds = (performance.now() - started) / 1000;
  const ratio = written.archiveBytes > 0 ? written.tarBytes / written.archiveBytes : 0;
  const names = images.flatMap((image) => image.names);
  request.log.info(
    { source, file, ids: written.imageIds, tarBytes: written.tarBytes, archiveBytes: written.archiveBytes, seconds: Math.round(seconds * 100) / 100 },
    `${names.join(', ')}: ${formatMiB(written.tarBytes)} → ${file} ${formatMiB(written.archiveBytes)} (ratio ${ratio.toFixed(2)}) in ${seconds.toFixed(1)} s`,
  );
  const { tarBytes, archiveBytes, archiveSha256 } = written;
  return images.map((image, index) => ({ source: image.source, names: image.names, file, seconds, imageId: written.imageIds[index]!, tarBytes, archiveBytes, archiveSha256 }));
}

/**
 * The name written in image.list is exactly the one stored in the archive, always with a tag:
 * both engines refuse a RepoTag without one, and a missing tag means `latest` everywhere else.
 */
function namesFor(image: SourceImage, explicitName: string | undefined, spec: string, log: Logger): string[] {
  const given = explicitName !== undefined ? [explicitName] : image.names;
  const valid = given.flatMap((name) => {
    const parsed = parseReference(name);
    if (!parsed.ok) log.warn({ source: spec }, `${spec}: ignoring the source's name "${name}": not a valid reference`);
    return parsed.ok ? [parsed.ref.nameTag] : [];
  });
  if (valid.length === 0) throw new PackError('the source does not name the image', { context: { image: spec }, hint: 'name it on the command line: SOURCE=NAME:TAG' });
  return [...new Set(valid)];
}
