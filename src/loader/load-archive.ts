import { access } from 'node:fs/promises';
import { openArchive, type OpenedArchive } from '../archive/open.js';
import { EngineHttpError } from '../engine/http.js';
import type { LoadReport } from '../engine/load-response.js';
import { engineFailure } from '../classify-error.js';
import { ArchiveError, EngineRefusedError } from '../errors.js';
import type { ListEntry } from '../list/entry.js';
import type { Reading } from '../system/progress.js';
import type { LoadContext } from './context.js';
import { checkFreeSpace } from './preflight.js';
import { throttled } from './throttle.js';

/** preflight → open (sniff, decoder) → stream into the engine; the engine's refusal is an error. */
export async function loadArchive(entry: ListEntry, context: LoadContext, deletedEarlier: boolean): Promise<{ archiveBytes: number; report: LoadReport }> {
  const { engine } = context;
  await checkFreeSpace(entry, await context.places());
  if (deletedEarlier && !(await exists(entry.archivePath))) {
    throw new ArchiveError(
      `archive ${entry.archivePath} was deleted after an earlier load (delete-after-load), so ${entry.reference.nameTag} cannot be restored from this device`,
      { context: entry, hint: 'reinstall the image package, or turn delete-after-load off for images that must survive a factory reset' },
    );
  }
  const archive = await openArchive({ archivePath: entry.archivePath, imagesDir: entry.imagesDir, context: entry }, context.limits, context.signal);
  try {
    const decoded = context.rateLimit ? throttled(archive.tar, context.rateLimit, { signal: context.signal }) : archive.tar;
    const tar = context.onProgress ? counted(decoded, (tarBytes) => context.onProgress!(entry, () => howFar(entry, archive, tarBytes))) : decoded;
    const report = await engine.load(tar, context.signal).catch((error: unknown) => {
      if (!(error instanceof EngineHttpError)) throw error;
      throw engineFailure(error, `loading ${entry.archivePath}: ${error.message}`, {
        context: entry,
        hint: 'check the engine (systemctl status docker or podman; did it restart?); the next run loads it',
      });
    });
    if (report.error !== undefined) {
      throw new EngineRefusedError(
        `${engine.kind} refused archive ${entry.archivePath} (${archive.format}): ${report.error}`,
        { context: entry, hint: 'check that it is a docker-archive (docker save / preload-daemon pack) and that the engine has disk space' },
      );
    }
    return { archiveBytes: archive.bytes, report };
  } finally {
    await archive.close();
  }
}

function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * For the progress line: the tar sent against the list's size= where it gives one, else the
 * archive bytes the decoder has read against the archive's size (ISAR's lists give no size=):
 * an honest percentage whatever the codec.
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
