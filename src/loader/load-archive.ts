import { access } from 'node:fs/promises';
import { openArchive, type OpenedArchive } from '../archive/open.js';
import { EngineHttpError } from '../engine/http.js';
import type { LoadReport } from '../engine/load-response.js';
import { engineFailure } from '../classify-error.js';
import { ArchiveError, EngineRefusedError } from '../errors.js';
import type { ListEntry } from '../list/entry.js';
import type { Reading } from '../system/progress.js';
import type { LoadContext } from './context.js';
import { boundedTar } from './bounded-tar.js';
import { checkFreeSpace, checkReserve, declaredBy, freeSpace, spaceReturned, type ExpectedSize } from './preflight.js';
import { bootId } from '../system/boot-id.js';
import { throttled } from './throttle.js';

/** preflight → open (sniff, decoder) → stream into the engine; the engine's refusal is an error. */
export async function loadArchive(entry: ListEntry, context: LoadContext): Promise<{ archiveBytes: number; report: LoadReport }> {
  const { engine } = context;
  const deletion = context.state.deletionOf(entry.archivePath);
  if (deletion && !(await exists(entry.archivePath))) {
    const by = deletion.nameTag === entry.reference.nameTag ? '' : ` after loading ${deletion.nameTag}`;
    throw new ArchiveError(
      `archive ${entry.archivePath} was deleted by delete-after-load${by} (the run of ${deletion.deletedAt ?? deletion.loadedAt}${deletion.deletedBy ? `, ${await describeRun(deletion.deletedBy)}` : ''}), so ${entry.reference.nameTag} cannot be restored from this device`,
      { context: entry, hint: 'reinstall the image package, or turn delete-after-load off for images that must survive a factory reset' },
    );
  }
  const archive = await openArchive({ archivePath: entry.archivePath, imagesDir: entry.imagesDir, context: entry }, context.limits, context.signal);
  try {
    const places = await context.places();
    const expected: ExpectedSize | undefined = entry.size !== undefined ? { bytes: entry.size, source: 'size=' } : await archive.declared();
    await checkFreeSpace(entry, places, expected, context.minFree);
    const before = await freeSpace(places);
    let stopped = false;
    const decoded = context.rateLimit ? throttled(archive.tar, context.rateLimit, { signal: context.signal }) : archive.tar;
    const bounded = boundedTar(decoded, {
      expected,
      tooBig: (limit, sent) => ((stopped = true), tooBig(entry, archive.format, limit, sent)),
      recheck: () => checkReserve(entry, places, context.minFree).catch((error: unknown) => ((stopped = true), Promise.reject(error))),
    });
    const tar = context.onProgress ? counted(bounded, (tarBytes) => context.onProgress!(entry, () => howFar(entry, archive, tarBytes))) : bounded;
    const report = await engine.load(tar, context.signal).catch(async (error: unknown) => {
      if (stopped) await spaceReturned(places, before);
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

function tooBig(entry: ListEntry, format: string, expected: ExpectedSize, sent: number): ArchiveError {
  const hint =
    expected.source === 'size=' ? 'a decompression bomb or a wrong size=: re-create the archive and its line with preload-daemon pack' : 'the archive is damaged or forged: restore it from the firmware image';
  return new ArchiveError(`archive ${entry.archivePath} (${format}) decodes to more than the ${expected.bytes} bytes declared by ${declaredBy(expected)}: stopped after ${sent} bytes, nothing loaded`, { context: entry, hint });
}

/** `boot <id>, pid N` as recorded, with whether that boot is this one. */
async function describeRun(by: string): Promise<string> {
  const boot = await bootId();
  return boot !== undefined && by.startsWith(`boot ${boot},`) ? `${by}: this boot` : `${by}: an earlier boot`;
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
