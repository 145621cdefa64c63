// OCI image layouts for pack tests: hand-written multi-platform layouts (every blob
// written here, so every digest is known), and readers for the config digest of what
// skopeo wrote (oci: layouts, dir: folders), which is the image ID a source carries.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';

const MEDIA = {
  index: 'application/vnd.oci.image.index.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  config: 'application/vnd.oci.image.config.v1+json',
  layer: 'application/vnd.oci.image.layer.v1.tar',
  layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;
const REF_NAME = 'org.opencontainers.image.ref.name';

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { architecture: string; os: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface PlatformSpec {
  architecture: string;
  variant?: string;
  /** store the layer gzip-compressed (default: plain tar) */
  gzip?: boolean;
}

export interface PlatformImage {
  /** linux/ARCH[/VARIANT] */
  platform: string;
  /** sha256:… of the config blob: the image ID once loaded */
  configDigest: string;
}

export interface MultiPlatformLayout {
  dir: string;
  refName: string;
  images: PlatformImage[];
}

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** A one-file layer tar (mtime 0): etc/platform holding TEXT. */
async function layerTar(text: string): Promise<Buffer> {
  const p = tarPack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const c of p as unknown as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
  })();
  const entry = (header: Parameters<typeof p.entry>[0], content = '') =>
    new Promise<void>((resolve, reject) => p.entry(header, content, (err) => (err ? reject(err) : resolve())));
  const common = { mtime: new Date(0), uid: 0, gid: 0 };
  await entry({ ...common, name: 'etc/', type: 'directory', mode: 0o755 });
  await entry({ ...common, name: 'etc/platform', mode: 0o644 }, text);
  p.finalize();
  await collected;
  return Buffer.concat(chunks);
}

function writeBlob(dir: string, bytes: Buffer, mediaType: string): Descriptor {
  const digest = sha256(bytes);
  writeFileSync(join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), bytes);
  return { mediaType, digest, size: bytes.length };
}

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

/**
 * An OCI layout holding one image for several platforms, named REFNAME in index.json:
 * 'index' form: index.json → one image index → a manifest per platform (what skopeo and
 * buildx write); 'flat' form: one index.json entry per platform manifest, all with REFNAME.
 */
export async function buildMultiPlatformLayout(opts: {
  dir: string;
  refName: string;
  platforms: PlatformSpec[];
  form: 'index' | 'flat';
}): Promise<MultiPlatformLayout> {
  mkdirSync(join(opts.dir, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(opts.dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  const images: PlatformImage[] = [];
  const manifests: Descriptor[] = [];
  for (const spec of opts.platforms) {
    const platformName = ['linux', spec.architecture, spec.variant].filter(Boolean).join('/');
    const tar = await layerTar(`${platformName}\n`);
    const layer = writeBlob(opts.dir, spec.gzip ? gzipSync(tar) : tar, spec.gzip ? MEDIA.layerGzip : MEDIA.layer);
    const config = writeBlob(
      opts.dir,
      json({
        architecture: spec.architecture,
        os: 'linux',
        ...(spec.variant ? { variant: spec.variant } : {}),
        created: '1970-01-01T00:00:00Z',
        config: { Cmd: ['/bin/true'], Labels: { 'org.preload-daemon.test.platform': platformName } },
        rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
        history: [{ created: '1970-01-01T00:00:00Z', created_by: 'preload-daemon test' }],
      }),
      MEDIA.config,
    );
    const manifest = writeBlob(opts.dir, json({ schemaVersion: 2, mediaType: MEDIA.manifest, config, layers: [layer] }), MEDIA.manifest);
    const platform = { architecture: spec.architecture, os: 'linux', ...(spec.variant ? { variant: spec.variant } : {}) };
    manifests.push({ ...manifest, platform });
    images.push({ platform: platformName, configDigest: config.digest });
  }
  const annotations = { [REF_NAME]: opts.refName };
  const top =
    opts.form === 'index'
      ? [{ ...writeBlob(opts.dir, json({ schemaVersion: 2, mediaType: MEDIA.index, manifests }), MEDIA.index), annotations }]
      : manifests.map((m) => ({ ...m, annotations }));
  writeFileSync(join(opts.dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.index, manifests: top }));
  return { dir: opts.dir, refName: opts.refName, images };
}

/** The config digest of the image REF (or the only image) in an OCI layout, following single-manifest entries. */
export function ociLayoutConfigDigest(dir: string, ref?: string): string {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { manifests: Descriptor[] };
  const entries = ref === undefined ? index.manifests : index.manifests.filter((m) => m.annotations?.[REF_NAME] === ref);
  if (entries.length !== 1) throw new Error(`${dir}: expected one index.json entry${ref ? ` named ${ref}` : ''}, found ${entries.length}`);
  const manifest = JSON.parse(readFileSync(join(dir, 'blobs', ...entries[0]!.digest.split(':')), 'utf8')) as { config?: Descriptor };
  if (!manifest.config) throw new Error(`${dir}: ${entries[0]!.digest} is not an image manifest`);
  return manifest.config.digest;
}

/** The config digest of the image in a skopeo dir: folder. */
export function dirConfigDigest(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { config: Descriptor }).config.digest;
}
