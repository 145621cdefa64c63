import type { SourceImage, SourceOptions } from '../source.js';
import { extractArchive } from './extract.js';
import { ociLayoutImage } from './oci-layout.js';

/** `oci-archive:PATH[:ref]`: a tar of an OCI image layout (podman save --format oci-archive). */
export async function ociArchiveImage(file: string, ref: string | undefined, options: SourceOptions, source: string): Promise<SourceImage> {
  const dir = await extractArchive(file, options.tmpDir, source);
  return ociLayoutImage(dir, ref, options, source);
}
