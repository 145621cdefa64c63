import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { ArchiveError, type ErrorContext } from '../errors.js';
import { imagesFolderEscape, isInside } from '../list/images-folder.js';
import type { Chunk } from './chunk.js';
import { decoderFor } from './codecs/index.js';
import { declaredSize, type DeclaredSize } from './declared-size.js';
import { fileOffset } from './file-offset.js';
import type { DecoderLimits } from './limits.js';
import type { Reading } from '../system/progress.js';
import { SNIFF_BYTES, sniffFormat, type ArchiveFormat } from './sniff.js';

export interface ArchiveInfo {
  format: ArchiveFormat;
  bytes: number;
}

export interface OpenedArchive extends ArchiveInfo {
  /** The plain tar, decoded as it is read. */
  tar: AsyncIterable<Chunk>;
  /** The uncompressed size the archive declares, read when asked (declared-size.ts). */
  declared(): Promise<DeclaredSize | undefined>;
  /** Archive bytes the decoder has read so far, whatever the codec (undefined if unknown); only while open. */
  bytesRead(): number | undefined;
  /**
   * Exactly what this load decodes, when the archive says (a seekable zstd's table of contents,
   * loader/seekable-entry.ts): the free-space need and the bound, in place of size= and declared().
   */
  decodes?: DeclaredSize;
  /** How far the load has come, when the archive knows better than its decoder's offset. */
  reading?(): Reading;
  close(): Promise<void>;
}

export interface ArchiveLocation {
  archivePath: string;
  imagesDir: string;
  context: ErrorContext;
}

/** Open, check and sniff an archive; the file is closed again unless the caller reads it. */
export async function inspectArchive(location: ArchiveLocation): Promise<ArchiveInfo> {
  const file = await openInsideImages(location);
  try {
    return await sniff(file);
  } finally {
    await file.close();
  }
}

export async function openArchive(location: ArchiveLocation, limits: DecoderLimits, signal?: AbortSignal): Promise<OpenedArchive> {
  const file = await openInsideImages(location);
  try {
    const info = await sniff(file);
    const decoder = await decoderFor(info.format);
    if (!decoder) throw unusable(info.format, location);
    const tar = decoder({ file }, limits, signal);
    // Every decoder reads the file at its own offset (a program through its stdin), so the offset is the progress.
    // declared() reads with positioned reads (pread), which leave that offset alone.
    return { ...info, tar, declared: () => declaredSize(file, info.format, info.bytes), bytesRead: () => fileOffset(file.fd), close: () => file.close() };
  } catch (error) {
    await file.close();
    throw error;
  }
}

/**
 * The archive must resolve (symlinks included) to a regular file inside images/. It is opened
 * non-blocking so a FIFO in its place cannot hang the boot, then checked on the open descriptor.
 */
export async function openInsideImages({ archivePath, imagesDir, context }: ArchiveLocation): Promise<FileHandle> {
  let real: string;
  let realImages: string;
  try {
    real = await realpath(archivePath);
    realImages = await realpath(imagesDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ArchiveError(`archive ${archivePath} does not exist`, { context, hint: 'check the file name in the list, or reinstall the image package' });
    }
    throw new ArchiveError(`cannot open archive ${archivePath}: ${(error as Error).message}`, { context, cause: error });
  }
  // Checked again here, not only when the list was read: the folder may have been replaced since.
  const escape = await imagesFolderEscape(imagesDir);
  if (escape) throw new ArchiveError(`archive ${archivePath}: ${escape}`, { context, hint: 'make images/ a real folder inside the package folder' });
  if (!isInside(real, realImages)) {
    throw new ArchiveError(`archive ${archivePath} resolves to ${real}, outside ${realImages}`, { context, hint: 'archives must live inside the images/ folder beside the list' });
  }
  let file: FileHandle;
  try {
    file = await open(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new ArchiveError(`cannot open archive ${archivePath}: ${(error as Error).message}`, { context, cause: error });
  }
  const info = await file.stat();
  if (!info.isFile()) {
    await file.close();
    throw new ArchiveError(`archive ${archivePath} is not a regular file`, { context, hint: 'replace it with the archive file' });
  }
  return file;
}

/** The format from the first bytes, and the size, of an opened archive. */
export async function sniff(file: FileHandle): Promise<ArchiveInfo> {
  const head = Buffer.alloc(SNIFF_BYTES);
  const { bytesRead } = await file.read(head, 0, SNIFF_BYTES, 0);
  const { size } = await file.stat();
  return { format: sniffFormat(head.subarray(0, bytesRead)), bytes: size };
}

function unusable(format: ArchiveFormat, { archivePath, context }: ArchiveLocation): ArchiveError {
  const what = format === 'empty' ? 'is empty' : 'is not a zstd, xz, gzip or tar file';
  return new ArchiveError(`archive ${archivePath} ${what}`, { context, hint: 'restore it from the firmware image, or re-create it with preload-daemon pack' });
}
