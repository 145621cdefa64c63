import { mkdtemp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { PackError } from '../errors.js';
import type { PackSource, SourceImage, SourceOptions } from './source.js';
import { dirImage } from './transports/dir.js';
import { dockerArchiveImages } from './transports/docker-archive.js';
import { engineExportImages } from './transports/engine-export.js';
import { ociArchiveImage } from './transports/oci-archive.js';
import { ociLayoutImage } from './transports/oci-layout.js';
import { registryImage } from './transports/registry.js';

// Sources are named the way skopeo and podman name them (containers/image transports),
// each transport parsing its own reference and saying which form it expected.

type Opener = (reference: string, options: SourceOptions, source: string) => Promise<SourceImage[]>;

interface Transport {
  form: string;
  /** Whether the reference is a local path that must exist. */
  local: boolean;
  open: Opener;
}

/** `PATH[:ref]`: the path is everything before the first ':' (as containers/image parses it). */
function splitPath(reference: string): [string, string | undefined] {
  const colon = reference.indexOf(':');
  return colon === -1 ? [reference, undefined] : [reference.slice(0, colon), reference.slice(colon + 1) || undefined];
}

const TRANSPORTS: Record<string, Transport> = {
  'docker-archive': {
    form: 'docker-archive:PATH[:NAME:TAG]',
    local: true,
    open: (ref, options, source) => {
      const [file, selector] = splitPath(ref);
      return dockerArchiveImages(file, selector, options.tmpDir, source);
    },
  },
  'oci-archive': {
    form: 'oci-archive:PATH[:REF]',
    local: true,
    open: async (ref, options, source) => {
      const [file, name] = splitPath(ref);
      return [await ociArchiveImage(file, name, options, source)];
    },
  },
  oci: {
    form: 'oci:DIR[:REF]',
    local: true,
    open: async (ref, options, source) => {
      const [dir, name] = splitPath(ref);
      return [await ociLayoutImage(dir, name, options, source)];
    },
  },
  dir: { form: 'dir:DIR', local: true, open: async (ref, options, source) => [await dirImage(ref, options, source)] },
  'docker-daemon': { form: 'docker-daemon:NAME:TAG', local: false, open: (ref, options, source) => engineExportImages('docker-daemon', ref, options, source) },
  podman: { form: 'podman:NAME:TAG', local: false, open: (ref, options, source) => engineExportImages('podman', ref, options, source) },
  docker: {
    form: 'docker://REGISTRY/NAME:TAG[@sha256:DIGEST]',
    local: false,
    open: async (ref, options, source) => {
      if (!ref.startsWith('//')) throw new UsageError(`${source}: expected the form docker://REGISTRY/NAME:TAG`);
      return [await registryImage(ref.slice(2), options, source)];
    },
  },
};

export function parseSourceSpec(spec: string): { transport: string; reference: string } {
  const colon = spec.indexOf(':');
  const transport = colon === -1 ? '' : spec.slice(0, colon);
  if (!TRANSPORTS[transport]) {
    throw new UsageError(`unknown source "${spec}": expected TRANSPORT:REFERENCE`, { hint: `transports: ${Object.values(TRANSPORTS).map((t) => t.form).join(', ')}` });
  }
  return { transport, reference: spec.slice(colon + 1) };
}

/** Open a source into images; temporary copies live in a folder removed by dispose(). */
export async function openSource(spec: string, options: Omit<SourceOptions, 'tmpDir'> & { tmpRoot: string }): Promise<PackSource> {
  const { transport, reference } = parseSourceSpec(spec);
  const definition = TRANSPORTS[transport]!;
  if (definition.local) {
    const [localPath] = transport === 'dir' ? [reference] : splitPath(reference);
    if (!localPath) throw new UsageError(`${spec}: expected the form ${definition.form}`);
    await stat(localPath).catch(() => {
      throw new PackError(`${localPath} does not exist`, { context: { image: spec }, hint: `expected the form ${definition.form}` });
    });
  }
  const tmpDir = await mkdtemp(path.join(options.tmpRoot, 'preload-pack-'));
  const dispose = () => rm(tmpDir, { recursive: true, force: true });
  try {
    const images = await definition.open(reference, { ...options, tmpDir }, spec);
    return { description: spec, images, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
