import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { parseReference } from '../../list/reference.js';
import { runProgram } from '../../system/run-program.js';
import { PackError } from '../../errors.js';
import type { SourceImage, SourceOptions } from '../source.js';
import { dirImage } from './dir.js';

/**
 * `docker://REF`: pulled with skopeo into a temporary dir: copy for the device's platform.
 * A reference without a digest can change under the build: a warning, an error with --strict.
 * skopeo refuses tag+digest, so the digest is pulled and the tag checked against it.
 */
export async function registryImage(ref: string, options: SourceOptions, source: string): Promise<SourceImage> {
  const parsed = parseReference(ref);
  if (!parsed.ok) throw new PackError(`invalid reference "${ref}": ${parsed.reason}`, { context: { image: source } });
  const { digest } = parsed.ref;
  const [nameTag] = ref.split('@') as [string];
  const hasTag = nameTag.lastIndexOf(':') > nameTag.lastIndexOf('/');
  const repository = hasTag ? nameTag.slice(0, nameTag.lastIndexOf(':')) : nameTag;
  if (digest === undefined) {
    const message = `${ref} has no @sha256: digest, so the build is not reproducible`;
    if (options.strict) throw new PackError(message, { context: { image: source }, hint: 'pin the image as name:tag@sha256:…' });
    options.warn(`${source}: ${message}`);
  }
  if (digest !== undefined && hasTag) await checkTagDigest(nameTag, digest, source);
  const pullRef = digest !== undefined ? `${repository}@${digest}` : ref;
  // dir:, not oci:, because converting to OCI rewrites a Docker image's config, which would
  // change the image ID the device ends up with (seen with skopeo 1.9).
  const dir = path.join(await mkdtemp(path.join(options.tmpDir, 'pull-')), 'image');
  const args = ['copy', '--quiet', '--override-arch', options.platform.architecture, '--override-os', 'linux'];
  if (options.platform.variant) args.push('--override-variant', options.platform.variant);
  const result = await runProgram('skopeo', [...args, `docker://${pullRef}`, `dir:${dir}`]);
  if (!result.ok) throw new PackError(`skopeo could not pull ${pullRef}: ${result.message}`, { context: { image: source } });
  const image = await dirImage(dir, options, source);
  return { ...image, names: digest !== undefined && !hasTag ? [] : [parsed.ref.nameTag] };
}

async function checkTagDigest(tagged: string, digest: string, source: string): Promise<void> {
  const result = await runProgram('skopeo', ['inspect', '--raw', `docker://${tagged}`]);
  if (!result.ok) throw new PackError(`skopeo could not inspect ${tagged}: ${result.message}`, { context: { image: source } });
  const actual = `sha256:${createHash('sha256').update(result.stdout).digest('hex')}`;
  if (actual !== digest) throw new PackError(`${tagged} is ${actual} in the registry, but the reference pins ${digest}`, { context: { image: source }, hint: 'update the digest or the tag so they agree' });
}
