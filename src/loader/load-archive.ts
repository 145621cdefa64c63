import { access } from 'node:fs/promises';
import { EngineHttpError } from '../engine/http.js';
import type { LoadReport } from '../engine/load-response.js';
import { engineFailure } from '../classify-error.js';
import { ArchiveError, EngineRefusedError } from '../errors.js';
import type { ListEntry } from '../list/entry.js';
import type { LoadContext } from './context.js';
import { openEntryStream } from './entry-stream.js';
import { checkFreeSpace } from './preflight.js';

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
export async function loadArchive(entry: ListEntry, context: LoadContext, deletedEarlier: boolean): Promise<ArchiveLoad> {
  await checkFreeSpace(entry, await context.places());
  if (deletedEarlier && !(await exists(entry.archivePath))) {
    throw new ArchiveError(
      `archive ${entry.archivePath} was deleted after an earlier load (delete-after-load), so ${entry.reference.nameTag} cannot be restored from this device`,
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
  const archive = await openEntryStream(entry, context, mode);
  try {
    const report = await engine.load(archive.tar, context.signal).catch((error: unknown) => {
      if (!(error instanceof EngineHttpError)) throw error;
      throw engineFailure(error, `loading ${entry.archivePath}: ${error.message}`, {
        context: entry,
        hint: 'check the engine (systemctl status docker or podman; did it restart?); the next run loads it',
      });
    });
    if (report.error !== undefined) {
      if (archive.result.layersSkipped > 0) throw new ThinLoadRefused(report.error, archive.result.layersSkipped);
      throw new EngineRefusedError(
        `${engine.kind} refused archive ${entry.archivePath} (${archive.format}): ${report.error}`,
        { context: entry, hint: 'check that it is a docker-archive (docker save / preload-daemon pack) and that the engine has disk space' },
      );
    }
    return { archiveBytes: archive.archiveBytes, report, layersSkipped: archive.result.layersSkipped, bytesSkipped: archive.result.bytesSkipped, renamedFrom: archive.result.renamedFrom };
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
