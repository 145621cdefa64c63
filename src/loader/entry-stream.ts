import type { Chunk } from '../archive/chunk.js';
import { openArchive, type OpenedArchive } from '../archive/open.js';
import type { ArchiveFormat } from '../archive/sniff.js';
import { TocMismatch } from '../archive/seekable/toc.js';
import { BrokenTarError, editTar, type TarEditor } from '../archive/tar-edit.js';
import { ArchiveError } from '../errors.js';
import type { ListEntry } from '../list/entry.js';
import type { Reading } from '../system/progress.js';
import type { LoadContext } from './context.js';
import { entryTar, type EntryTar, type EntryTarOptions, type EntryTarResult } from './entry-tar.js';
import { readAhead } from './metadata-first.js';
import { planSeekable, type SeekablePlan } from './seekable-entry.js';

/** The entry's archive opened, decoded and edited (entry-tar.ts): the tar the engine is sent. */
export interface EntryStream {
  tar: AsyncIterable<Chunk>;
  /** Filled in as the tar is read. */
  result: EntryTarResult;
  format: ArchiveFormat;
  archiveBytes: number;
  /** Decoded tar bytes read so far (before the edit). */
  decodedBytes(): number;
  /** Known before reading, from a seekable archive's table of contents: what the load decodes and sends. */
  planned: { decodeBytes: number; sendBytes: number } | undefined;
  close(): Promise<void>;
}

export type StreamContext = Pick<LoadContext, 'engine' | 'limits' | 'signal' | 'layerChains' | 'onProgress' | 'arrivals' | 'manifests'> & Partial<Pick<LoadContext, 'warn'>>;

/** `thin` leaves out the layers the engine holds (when it can say); `whole` sends every layer of the image. */
export async function openEntryStream(
  entry: ListEntry,
  context: StreamContext,
  mode: 'thin' | 'whole',
  /** Checks on the opened archive before a byte is sent; returns what wraps its decoded tar (load-archive.ts: free space, the size bound). */
  guard?: (archive: OpenedArchive) => Promise<(tar: AsyncIterable<Chunk>) => AsyncIterable<Chunk>>,
): Promise<EntryStream> {
  const source = await entrySource(entry, context, mode);
  const { archive, edit } = source;
  try {
    const decoded = guard ? (await guard(archive))(archive.tar) : archive.tar;
    let decodedBytes = 0;
    const read = counted(decoded, (tarBytes) => {
      decodedBytes = tarBytes;
      context.onProgress?.(entry, () => howFar(entry, archive, tarBytes));
    });
    const close = async () => {
      edit.finish();
      await archive.close();
    };
    return {
      tar: truncationNamed(editTar(read, source.editor), entry, archive.format),
      result: edit.result,
      format: archive.format,
      archiveBytes: archive.bytes,
      decodedBytes: () => decodedBytes,
      planned: source.planned,
      close,
    };
  } catch (error) {
    edit.finish();
    await archive.close();
    throw error;
  }
}

interface EntrySource {
  archive: OpenedArchive;
  edit: EntryTar;
  editor: TarEditor;
  planned: EntryStream['planned'];
}

/**
 * A seekable zstd (pack's) is decoded only as far as the entry needs (seekable-entry.ts); a
 * table of contents that does not match its archive is one warning, and then, like every other
 * archive, it is decoded whole through the same editor.
 */
async function entrySource(entry: ListEntry, context: StreamContext, mode: 'thin' | 'whole'): Promise<EntrySource> {
  const layerChains = mode === 'thin' ? context.layerChains : undefined;
  const chains = layerChains ? await layerChains().catch(() => []) : undefined;
  const options: EntryTarOptions = { kind: context.engine.kind, layerChains, chains, arrivals: context.arrivals, onManifest: (items) => context.manifests?.set(entry.archivePath, items) };
  const readWhole = (mismatch: string) => context.warn?.(entry, `archive ${entry.archivePath}: ${mismatch}; reading it whole`);
  let plan: SeekablePlan | undefined;
  try {
    const seekable = await planSeekable(entry, options, context.limits, context.signal);
    if (seekable && 'mismatch' in seekable) readWhole(seekable.mismatch);
    plan = seekable && 'plan' in seekable ? seekable.plan : undefined;
    if (plan) return { archive: await plan.open(), edit: plan.edit, editor: plan.editor, planned: { decodeBytes: plan.decodeBytes, sendBytes: plan.sendBytes } };
  } catch (error) {
    await plan?.discard();
    if (!(error instanceof TocMismatch)) throw error;
    readWhole(error.message);
  }
  // Nothing in the store, nothing to skip: no reason to read ahead.
  const known = chains && chains.length > 0 ? await readAhead(entry, context).catch(() => undefined) : undefined;
  const archive = await openArchive({ archivePath: entry.archivePath, imagesDir: entry.imagesDir, context: entry }, context.limits, context.signal);
  try {
    const edit = entryTar(entry, { ...options, known });
    return { archive, edit, editor: edit.editor, planned: undefined };
  } catch (error) {
    await archive.close();
    throw error;
  }
}

export interface SendPlan {
  mode: 'thin' | 'whole';
  /** Tar bytes the engine would be sent. */
  tarBytes: number;
  /** Tar bytes the decoder would output (a seekable archive: only the frames the entry needs). */
  decodeBytes: number;
  layersSkipped: number;
}

/**
 * What a load would send now (status, --dry-run): a seekable archive says it from its table of
 * contents and frame 0 (no layer decoded); any other is read through once without sending.
 */
export async function planSend(entry: ListEntry, context: StreamContext): Promise<SendPlan> {
  const stream = await openEntryStream(entry, { ...context, onProgress: undefined, arrivals: undefined, manifests: undefined, warn: undefined }, 'thin');
  try {
    const mode = () => (stream.result.layersSkipped > 0 ? 'thin' : 'whole');
    if (stream.planned) return { mode: mode(), tarBytes: stream.planned.sendBytes, decodeBytes: stream.planned.decodeBytes, layersSkipped: stream.result.layersSkipped };
    let tarBytes = 0;
    for await (const chunk of stream.tar) {
      tarBytes += chunk.data.length;
      chunk.release();
    }
    return { mode: mode(), tarBytes, decodeBytes: stream.decodedBytes(), layersSkipped: stream.result.layersSkipped };
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
  if (archive.reading) return archive.reading();
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
    // A table of contents found wrong only while decoding (a member's header is not the one it names).
    if (!(error instanceof BrokenTarError || error instanceof TocMismatch)) throw error;
    throw new ArchiveError(`archive ${entry.archivePath} (${format}): ${error.message}`, {
      context: entry,
      hint: 'the archive is damaged: restore it from the firmware image',
    });
  }
}
