import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { classifyError } from '../classify-error.js';
import { PackError } from '../errors.js';
import { parseReference } from '../list/reference.js';
import type { Logger } from '../system/log.js';
import { archiveFileName } from './archive-name.js';
import { checkCompression, type CompressionSettings } from './compress.js';
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
  const packed: PackedImage[] = [];
  let failed = 0;
  for (const spec of request.specs) {
    const { source, name } = splitSpec(spec);
    try {
      packed.push(...(await packSource(source, name, imagesDir, request)));
    } catch (error) {
      failed++;
      const failure = classifyError(error, { image: source });
      request.log.error({ source, code: failure.code }, failure.line);
    }
  }
  // An image with several names is one archive and one list line per name.
  const lines: ListLine[] = packed.flatMap((p) =>
    p.names.map((name) => ({ archive: p.file, name, fields: { id: p.imageId, size: p.tarBytes, sha256: p.archiveSha256 } })),
  );
  if (lines.length > 0) await mergeIntoList(path.join(request.outDir, 'image.list'), lines);
  return { packed, failed };
}

async function packSource(spec: string, explicitName: string | undefined, imagesDir: string, request: PackRequest): Promise<PackedImage[]> {
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
    const results: PackedImage[] = [];
    for (const image of source.images) results.push(await packImage(image, explicitName, spec, imagesDir, request));
    return results;
  } finally {
    await source.dispose();
  }
}

async function packImage(image: SourceImage, explicitName: string | undefined, spec: string, imagesDir: string, request: PackRequest): Promise<PackedImage> {
  const names = namesFor(image, explicitName, spec, request.log);
  const file = archiveFileName(names[0]!, request.compression.compression);
  const started = performance.now();
  const label = names[0]!;
  const known = image.layers.every((layer) => layer.size !== undefined);
  const total = known ? image.layers.reduce((sum, layer) => sum + layer.size!, image.configBytes.length) : undefined;
  const progress = request.progress;
  const written = await writeDockerArchive(image, names, path.join(imagesDir, file), request.compression, spec, (bytes) => progress?.update(label, () => ({ bytes, total })));
  progress?.done(label);
  const seconds = (performance.now() - started) / 1000;
  const ratio = written.archiveBytes > 0 ? written.tarBytes / written.archiveBytes : 0;
  request.log.info(
    { source: spec, file, id: written.imageId, tarBytes: written.tarBytes, archiveBytes: written.archiveBytes, seconds: Math.round(seconds * 100) / 100 },
    `${names.join(', ')}: ${formatMiB(written.tarBytes)} → ${file} ${formatMiB(written.archiveBytes)} (ratio ${ratio.toFixed(2)}) in ${seconds.toFixed(1)} s`,
  );
  return { source: spec, names, file, seconds, ...written };
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
