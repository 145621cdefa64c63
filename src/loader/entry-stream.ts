import type { Chunk } from '../archive/chunk.js';
import { openArchive, type OpenedArchive } from '../archive/open.js';
import type { ArchiveFormat } from '../archive/sniff.js';
import { BrokenTarError, editTar } from '../archive/tar-edit.js';
import { ArchiveError } from '../errors.js';
import type { ListEntry } from '../list/entry.js';
import type { Reading } from '../system/progress.js';
import type { LoadContext } from './context.js';
import { entryTar, type EntryTarResult } from './entry-tar.js';
import { readAhead } from './metadata-first.js';

/** The entry's archive opened, decoded and edited (entry-tar.ts): the tar the engine is sent. */
export interface EntryStream {
  tar: AsyncIterable<Chunk>;
  /** Filled in as the tar is read. */
  result: EntryTarResult;
  format: ArchiveFormat;
  archiveBytes: number;
  close(): Promise<void>;
}

export type StreamContext = Pick<LoadContext, 'engine' | 'limits' | 'signal' | 'layerChains' | 'onProgress' | 'arrivals' | 'manifests'>;

/** `thin` leaves out the layers the engine holds (when it can say); `whole` sends every layer of the image. */
export async function openEntryStream(
  entry: ListEntry,
  context: StreamContext,
  mode: 'thin' | 'whole',
  /** Checks on the opened archive before a byte is sent; returns what wraps its decoded tar (load-archive.ts: free space, the size bound). */
  guard?: (archive: OpenedArchive) => Promise<(tar: AsyncIterable<Chunk>) => AsyncIterable<Chunk>>,
): Promise<EntryStream> {
  const layerChains = mode === 'thin' ? context.layerChains : undefined;
  let chains: string[][] | undefined;
  let known;
  if (layerChains) {
    chains = await layerChains().catch(() => []);
    // Nothing in the store, nothing to skip: no reason to read ahead.
    if (chains.length > 0) known = await readAhead(entry, context).catch(() => undefined);
  }
  const archive = await openArchive({ archivePath: entry.archivePath, imagesDir: entry.imagesDir, context: entry }, context.limits, context.signal);
  try {
    const decoded = guard ? (await guard(archive))(archive.tar) : archive.tar;
    const read = context.onProgress ? counted(decoded, (tarBytes) => context.onProgress!(entry, () => howFar(entry, archive, tarBytes))) : decoded;
    const edit = entryTar(entry, { kind: context.engine.kind, layerChains, chains, known, arrivals: context.arrivals, onManifest: (items) => context.manifests?.set(entry.archivePath, items) });
    const close = async () => {
      edit.finish();
      await archive.close();
    };
    return { tar: truncationNamed(editTar(read, edit.editor), entry, archive.format), result: edit.result, format: archive.format, archiveBytes: archive.bytes, close };
  } catch (error) {
    await archive.close();
    throw error;
  }
}

export interface SendPlan {
  mode: 'thin' | 'whole';
  /** Tar bytes the engine would be sent. */
  tarBytes: number;
  layersSkipped: number;
}

/** What a load would send now, found by reading the archive through without sending it (status, --dry-run). */
export async function planSend(entry: ListEntry, context: StreamContext): Promise<SendPlan> {
  const stream = await openEntryStream(entry, { ...context, onProgress: undefined, arrivals: undefined, manifests: undefined }, 'thin');
  try {
    let tarBytes = 0;
    for await (const chunk of stream.tar) {
      tarBytes += chunk.data.length;
      chunk.release();
    }
    return { mode: stream.result.layersSkipped > 0 ? 'thin' : 'whole', tarBytes, layersSkipped: stream.result.layersSkipped };
  } finally {
    await stream.close();
  }
}

/**
 * For the progress line: the tar read against the list's size= where it gives one, else the
 * archive bytes the decoder has read against the archive's size (ISAR's lists give no size=):
 * an honest percentage whatever the codec. Counted before the edit, so a thin load's skipped
 * layers count as done.
 */
function howFar(entry: ListEntry, archive: OpenedArchive, tarBytes: number): Reading {
  if (entry.size !== undefined) return { bytes: tarBytes, total: entry.size };
  const read = archive.bytesRead();
  return read === undefined ? { bytes: tarBytes, total: undefined } : { bytes: read, total: archive.bytes };
}

/** The decoded tar passes through untouched; `onBytes` hears how much has gone by. */
async function* counted<T extends { data: Buffer }>(tar: AsyncIterable<T>, onBytes: (bytes: number) => void): AsyncIterable<T> {
  let bytes = 0;
  for await (const chunk of tar) {
    bytes += chunk.data.length;
    onBytes(bytes);
    yield chunk;
  }
}

/** A tar that stops inside a member or has a damaged header: one line naming the archive, as a codec's error is. */
async function* truncationNamed(tar: AsyncIterable<Chunk>, entry: ListEntry, format: string): AsyncIterable<Chunk> {
  try {
    yield* tar;
  } catch (error) {
    if (!(error instanceof BrokenTarError)) throw error;
    throw new ArchiveError(`archive ${entry.archivePath} (${format}): ${error.message}`, {
      context: entry,
      hint: 'the archive is damaged: restore it from the firmware image',
    });
  }
}
