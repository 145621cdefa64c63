import { decodeMetadata, firstMemberName, readTarMetadata, type ArchiveMetadata } from '../archive/metadata.js';
import { inspectArchive, type ArchiveLocation } from '../archive/open.js';
import { MANIFEST_FILE } from '../archive/docker-archive.js';
import type { ListEntry } from '../list/entry.js';
import type { LoadContext } from './context.js';

export type MetadataPass = 'none' | 'seek' | 'decode';

/**
 * How the archive's metadata is learnt before its layers go by. Archives with manifest.json
 * first (pack) need nothing: one pass. A plain tar with it last is read header to header (one
 * read per member). A zstd or gzip one is decoded once without sending: decoding costs a
 * fraction of what the engine pays to extract and store the layers it already holds. xz is
 * sent as it comes: its decoding is as slow as the engine's work it would save.
 */
export async function metadataPass(location: ArchiveLocation, context: Pick<LoadContext, 'limits' | 'signal'>): Promise<MetadataPass> {
  const { format } = await inspectArchive(location);
  if (format === 'tar') return 'seek';
  if (format !== 'zstd' && format !== 'gzip') return 'none';
  const first = await firstMemberName(location, context.limits, context.signal).catch(() => undefined);
  return first === MANIFEST_FILE ? 'none' : 'decode';
}

/** The archive's metadata read ahead when it pays, or undefined (then one pass learns what it can). */
export async function readAhead(entry: ListEntry, context: Pick<LoadContext, 'limits' | 'signal'>): Promise<ArchiveMetadata | undefined> {
  const location = { archivePath: entry.archivePath, imagesDir: entry.imagesDir, context: entry };
  const pass = await metadataPass(location, context);
  if (pass === 'seek') return readTarMetadata(location);
  if (pass === 'decode') return decodeMetadata(location, context.limits, context.signal);
  return undefined;
}
