import { openArchive } from '../archive/open.js';
import { DecodeError } from '../archive/codecs/decode-error.js';
import type { DecoderLimits } from '../archive/limits.js';
import type { Engine } from '../engine/engine.js';
import type { LoadReport } from '../engine/load-response.js';
import { PreloadError, messageOf } from '../errors.js';
import type { ListEntry } from '../list/entry.js';
import type { Outcome } from './outcome.js';

export interface LoadMode {
  /** Load even when present (factory reset, restore the shipped version). */
  reload: boolean;
  dryRun: boolean;
  limits: DecoderLimits;
  signal?: AbortSignal;
}

/** One entry, as the job reads: check → skip | open → decode → load → verify. */
export async function loadEntry(entry: ListEntry, engine: Engine, mode: LoadMode): Promise<Outcome> {
  try {
    if (!mode.reload) {
      const present = await engine.find(entry.reference);
      if (present) return presentOutcome(entry, present.id);
    }
    if (mode.dryRun) return { kind: 'would-load' };
    const started = performance.now();
    const { archiveBytes, report } = await loadArchive(entry, engine, mode);
    const id = await verify(entry, engine, report);
    return { kind: 'loaded', id, seconds: (performance.now() - started) / 1000, archiveBytes };
  } catch (error) {
    return failure(error, entry);
  }
}

/** A runtime update of the tag is the user's choice: it is never overwritten by a normal run. */
function presentOutcome(entry: ListEntry, id: string): Outcome {
  return { kind: 'present', id, differsFromShipped: entry.expectedId !== undefined && entry.expectedId !== id };
}

async function loadArchive(entry: ListEntry, engine: Engine, mode: LoadMode): Promise<{ archiveBytes: number; report: LoadReport }> {
  const archive = await openArchive(
    { archivePath: entry.archivePath, imagesDir: entry.imagesDir, context: entry },
    mode.limits,
    mode.signal,
  );
  try {
    const report = await engine.load(archive.tar, mode.signal);
    if (report.error !== undefined) {
      throw new PreloadError(
        `${engine.kind} refused archive ${entry.archivePath} (${archive.format}): ${report.error}`,
        entry,
        'check that it is a docker-archive (docker save / preload-daemon pack) and that the engine has disk space',
      );
    }
    return { archiveBytes: archive.bytes, report };
  } finally {
    await archive.close();
  }
}

/** Success means the engine now has name:tag (and the shipped ID when the list gives one). */
async function verify(entry: ListEntry, engine: Engine, report: LoadReport): Promise<string> {
  const { reference, expectedId } = entry;
  const image = await engine.find(reference);
  if (!image) {
    const carried = [...report.loaded, ...report.loadedIds];
    throw new PreloadError(
      `archive ${entry.archivePath} loaded, but it does not carry ${reference.nameTag}; it carried: ${carried.join(', ') || 'no tags'}`,
      entry,
      'fix the name in the list, or re-create the archive with that tag (preload-daemon pack)',
    );
  }
  if (expectedId !== undefined && image.id !== expectedId) {
    throw new PreloadError(
      `archive ${entry.archivePath} loaded ${reference.nameTag} as ${image.id}, but the list expects id=${expectedId}`,
      entry,
      'the archive does not match the list: rebuild the image package',
    );
  }
  return image.id;
}

function failure(error: unknown, entry: ListEntry): Outcome {
  if (error instanceof PreloadError) return { kind: 'failed', message: error.message, hint: error.hint };
  if (error instanceof DecodeError) {
    return { kind: 'failed', message: `archive ${entry.archivePath} (${error.format}): ${error.message}`, hint: error.hint };
  }
  if ((error as Error).name === 'AbortError') return { kind: 'failed', message: 'interrupted', hint: 'the next run loads it' };
  return { kind: 'failed', message: `${entry.archivePath}: ${messageOf(error)}`, hint: undefined };
}
