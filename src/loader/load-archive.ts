import { access } from 'node:fs/promises';
import type { Chunk } from '../archive/chunk.js';
import type { OpenedArchive } from '../archive/open.js';
import { EngineHttpError } from '../engine/http.js';
import type { LoadReport } from '../engine/load-response.js';
import { engineFailure } from '../classify-error.js';
import { ArchiveError, EngineRefusedError } from '../errors.js';
import type { ListEntry } from '../list/entry.js';
import type { LoadContext } from './context.js';
import { boundedTar } from './bounded-tar.js';
import { openEntryStream } from './entry-stream.js';
import { checkFreeSpace, checkReserve, declaredBy, freeSpace, spaceReturned, type ExpectedSize } from './preflight.js';
import { bootId } from '../system/boot-id.js';
import { throttled } from './throttle.js';

/** What one load sent: the archive's size, the engine's report, and what the engine already had. */
export interface ArchiveLoad {
  archiveBytes: number;
  report: LoadReport;
  layersSkipped: number;
  bytesSkipped: number;
  /** The image's own tags in the archive, when none is the list's name. */
  renamedFrom: string[] | undefined;
}

/**
 * preflight → open (sniff, decoder) → stream the entry's image into the engine (entry-tar.ts:
 * only its name, only the layers the engine lacks); the engine's refusal is an error. A thin
 * load the engine refuses (a base layer removed since it was asked for, an engine that
 * behaves otherwise) is sent again whole, once, in the same run.
 */
export async function loadArchive(entry: ListEntry, context: LoadContext): Promise<ArchiveLoad> {
  const deletion = context.state.deletionOf(entry.archivePath);
  if (deletion && !(await exists(entry.archivePath))) {
    const by = deletion.nameTag === entry.reference.nameTag ? '' : ` after loading ${deletion.nameTag}`;
    throw new ArchiveError(
      `archive ${entry.archivePath} was deleted by delete-after-load${by} (the run of ${deletion.deletedAt ?? deletion.loadedAt}${deletion.deletedBy ? `, ${await describeRun(deletion.deletedBy)}` : ''}), so ${entry.reference.nameTag} cannot be restored from this device`,
      { context: entry, hint: 'reinstall the image package, or turn delete-after-load off for images that must survive a factory reset' },
    );
  }
  try {
    return await sendArchive(entry, context, 'thin');
  } catch (error) {
    if (!(error instanceof ThinLoadRefused)) throw error;
    // Podman lists one reason per format it tried, on separate lines: the journal gets one.
    const reason = error.reason.replace(/\s*\n\s*/g, ' ');
    context.warn(entry, `${context.engine.kind} refused the load without the ${error.layersSkipped} layers it held when asked (${reason}); sending the whole archive`);
    return sendArchive(entry, context, 'whole');
  }
}

class ThinLoadRefused extends Error {
  constructor(
    readonly reason: string,
    readonly layersSkipped: number,
  ) {
    super(reason);
  }
}

async function sendArchive(entry: ListEntry, context: LoadContext, mode: 'thin' | 'whole'): Promise<ArchiveLoad> {
  const { engine } = context;
  let stopped = false;
  let places: Awaited<ReturnType<LoadContext['places']>> | undefined;
  let before: Awaited<ReturnType<typeof freeSpace>> | undefined;
  // Free space and the decompression-bomb bound are checked on the decoded tar, before the edit.
  const guard = async (archive: OpenedArchive) => {
    const where = (places = await context.places());
    // A seekable archive decodes only the entry's part (its size= is the whole tar's): that part is what the engine can be sent.
    const expected: ExpectedSize | undefined = archive.decodes ?? (entry.size !== undefined ? { bytes: entry.size, source: 'size=' } : await archive.declared());
    await checkFreeSpace(entry, where, expected, context.minFree);
    before = await freeSpace(where);
    return (tar: AsyncIterable<Chunk>) =>
      boundedTar(tar, {
        expected,
        tooBig: (limit, sent) => ((stopped = true), tooBig(entry, archive.format, limit, sent)),
        recheck: () => checkReserve(entry, where, context.minFree).catch((error: unknown) => ((stopped = true), Promise.reject(error))),
      });
  };
  const archive = await openEntryStream(entry, context, mode, guard);
  try {
    // A rate cap holds back what is sent (skipped layers cost nothing); backpressure passes it on to the engine's writes.
    const sent = context.rateLimit ? throttled(archive.tar, context.rateLimit, { signal: context.signal }) : archive.tar;
    const report = await engine.load(sent, context.signal).catch(async (error: unknown) => {
      if (stopped && places && before) await spaceReturned(places, before);
      if (!(error instanceof EngineHttpError)) throw error;
      throw engineFailure(error, `loading ${entry.archivePath}: ${error.message}`, {
        context: entry,
        hint: 'check the engine (systemctl status docker or podman; did it restart?); the next run loads it',
      });
    });
    if (report.error !== undefined) {
      if (archive.result.layersSkipped > 0) throw new ThinLoadRefused(report.error, archive.result.layersSkipped);
      throw new EngineRefusedError(`${engine.kind} refused archive ${entry.archivePath} (${archive.format}): ${report.error}`, {
        context: entry,
        hint: 'check that it is a docker-archive (docker save / preload-daemon pack) and that the engine has disk space',
      });
    }
    return { archiveBytes: archive.archiveBytes, report, layersSkipped: archive.result.layersSkipped, bytesSkipped: archive.result.bytesSkipped, renamedFrom: archive.result.renamedFrom };
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
