import { stat } from 'node:fs/promises';
import { DecodeError } from '../archive/codecs/decode-error.js';
import type { DecoderLimits } from '../archive/limits.js';
import { openArchive } from '../archive/open.js';
import type { Engine, FoundImage } from '../engine/engine.js';
import { EngineHttpError } from '../engine/http.js';
import type { LoadReport } from '../engine/load-response.js';
import { acceptedNames, canonicalTags, spellingMismatch } from '../engine/names.js';
import { messageOf, PreloadError } from '../errors.js';
import type { ListEntry } from '../list/entry.js';
import type { Policy } from '../list/policy.js';
import type { StateFile } from '../state/state-file.js';
import { decide } from './decide.js';
import { deleteArchive } from './delete-archive.js';
import type { Outcome } from './outcome.js';
import { checkFreeSpace, type PreflightPlaces } from './preflight.js';

export interface LoadContext {
  engine: Engine;
  state: StateFile;
  /** Where the engine writes, asked for only when something is loaded (Podman's /info takes ~190 ms). */
  places: () => Promise<PreflightPlaces>;
  /** Load even when present (factory reset, restore the shipped version). */
  reload: boolean;
  dryRun: boolean;
  defaultPolicy: Policy;
  deleteAfterLoad: boolean;
  limits: DecoderLimits;
  signal?: AbortSignal;
  warn: (entry: ListEntry, message: string) => void;
  debug?: (entry: ListEntry, message: string) => void;
  /** Presence asked for ahead of time (prefetch.ts); absent answers are asked again. */
  prefetched?: Map<ListEntry, Promise<FoundImage | undefined>>;
}

/** One entry, as the job reads: check → decide → skip | re-tag | (preflight → open → decode → load → verify) → record. */
export async function loadEntry(entry: ListEntry, context: LoadContext): Promise<Outcome> {
  const { engine, state } = context;
  try {
    const present = await presenceOf(entry, context);
    if (present) noteSpelling(entry, present, context);
    const record = state.get(entry.reference.nameTag);
    const policy = entry.policy ?? context.defaultPolicy;
    const expectedInStore =
      entry.expectedId !== undefined && present?.id !== entry.expectedId && (await engine.findById(entry.expectedId)) !== undefined;
    const needsFingerprint = policy === 'changed' && present !== undefined && record !== undefined;
    const decision = decide({
      policy,
      reload: context.reload,
      presentId: present?.id,
      expectedId: entry.expectedId,
      expectedIdInStore: expectedInStore,
      record,
      fingerprint: needsFingerprint ? await fingerprintOf(entry).catch(() => undefined) : undefined,
    });
    if (decision.action === 'skip') {
      if (present && present.id === entry.expectedId && !record && !context.dryRun) await remember(entry, context, present.id, false);
      return { kind: 'present', id: present?.id, reason: decision.reason, deleted: present ? await maybeDelete(entry, context, present.id) : false };
    }
    if (context.dryRun) return { kind: 'would-load', action: decision.action };
    if (decision.action === 'retag') {
      // Where the name is now (the runtime update being replaced), else the engine's first spelling.
      const name = present?.name ?? acceptedNames(engine.kind, entry.reference)[0]!;
      await engine.tag(entry.expectedId!, entry.reference, name);
      const image = await verify(entry, engine, { loaded: [name], loadedIds: [], error: undefined });
      await remember(entry, context, image.id, record?.deleted === true);
      return { kind: 'retagged', id: image.id, deleted: await maybeDelete(entry, context, image.id) };
    }
    const started = performance.now();
    const { archiveBytes, report } = await loadArchive(entry, context, record?.deleted === true);
    const image = await verify(entry, engine, report);
    await remember(entry, context, image.id, false);
    const deleted = await maybeDelete(entry, context, image.id);
    return { kind: 'loaded', id: image.id, seconds: (performance.now() - started) / 1000, archiveBytes, reason: decision.reason, deleted };
  } catch (error) {
    return failure(error, entry, context.signal);
  }
}

/**
 * A prefetched "present" is trusted; "absent" (or a failed prefetch) is asked again, since an
 * earlier entry's archive may have carried this name too.
 */
async function presenceOf(entry: ListEntry, context: LoadContext): Promise<FoundImage | undefined> {
  const early = await context.prefetched?.get(entry)?.catch(() => undefined);
  return early ?? context.engine.find(entry.reference);
}

/** Podman can hold both spellings of a short name; which one counts is worth a debug line. */
function noteSpelling(entry: ListEntry, image: FoundImage, context: LoadContext): void {
  if (image.alsoAs.length === 0) return;
  const others = image.alsoAs.map((other) => `${other.name} (${other.id})`).join(', ');
  context.debug?.(entry, `${entry.reference.nameTag} is both ${image.name} (${image.id}) and ${others}; using ${image.name}, as the engine's short-name lookup does`);
}

/** What identifies the shipped archive: its digest from the list, else its size and mtime. */
async function fingerprintOf(entry: ListEntry): Promise<string> {
  if (entry.archiveSha256 !== undefined) return `sha256:${entry.archiveSha256}`;
  const info = await stat(entry.archivePath);
  return `stat:${info.size}:${Math.trunc(info.mtimeMs)}`;
}

async function remember(entry: ListEntry, context: LoadContext, imageId: string, deleted: boolean): Promise<void> {
  const fingerprint = await fingerprintOf(entry).catch(() => 'unknown');
  await context.state.record(entry.reference.nameTag, { archive: entry.archivePath, fingerprint, imageId, deleted });
}

async function maybeDelete(entry: ListEntry, context: LoadContext, imageId: string): Promise<boolean> {
  if (!(entry.deleteAfterLoad ?? context.deleteAfterLoad) || context.dryRun) return false;
  const result = await deleteArchive(entry, imageId);
  if (result.deleted) {
    const fingerprint = context.state.get(entry.reference.nameTag)?.fingerprint ?? 'unknown';
    await context.state.record(entry.reference.nameTag, { archive: entry.archivePath, fingerprint, imageId, deleted: true });
  } else if (result.warning) {
    context.warn(entry, result.warning);
  }
  return result.deleted;
}

async function loadArchive(entry: ListEntry, context: LoadContext, deletedEarlier: boolean): Promise<{ archiveBytes: number; report: LoadReport }> {
  const { engine } = context;
  await checkFreeSpace(entry, await context.places());
  let archive;
  try {
    archive = await openArchive({ archivePath: entry.archivePath, imagesDir: entry.imagesDir, context: entry }, context.limits, context.signal);
  } catch (error) {
    if (deletedEarlier && error instanceof PreloadError && /does not exist/.test(error.message)) {
      throw new PreloadError(
        `archive ${entry.archivePath} was deleted after an earlier load (delete-after-load), so ${entry.reference.nameTag} cannot be restored from this device`,
        entry,
        'reinstall the image package, or turn delete-after-load off for images that must survive a factory reset',
      );
    }
    throw error;
  }
  try {
    const report = await engine.load(archive.tar, context.signal);
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

/**
 * Success means the engine now has name:tag under an accepted spelling (names.ts), preferring
 * the one this load reported, and the shipped ID when the list gives one.
 */
async function verify(entry: ListEntry, engine: Engine, report: LoadReport): Promise<FoundImage> {
  const { reference, expectedId } = entry;
  const loaded = canonicalTags(engine.kind, report.loaded);
  const image = await engine.find(reference, loaded);
  if (!image) {
    const carried = [...report.loaded, ...report.loadedIds];
    const lookedFor = acceptedNames(engine.kind, reference).join(' or ');
    throw new PreloadError(
      `archive ${entry.archivePath} loaded, but ${engine.kind} holds no ${lookedFor} for ${reference.nameTag}; the archive carried: ${carried.join(', ') || 'no tags'}`,
      entry,
      spellingMismatch(engine.kind, reference, loaded) ?? 'fix the name in the list, or re-create the archive with that tag (preload-daemon pack)',
    );
  }
  if (expectedId !== undefined && image.id !== expectedId) {
    throw new PreloadError(
      `archive ${entry.archivePath} loaded ${reference.nameTag} as ${image.id}, but the list expects id=${expectedId}`,
      entry,
      'the archive does not match the list: rebuild the image package',
    );
  }
  return image;
}

function failure(error: unknown, entry: ListEntry, signal: AbortSignal | undefined): Outcome {
  if (signal?.aborted) return { kind: 'failed', message: `interrupted (${String(signal.reason)})`, hint: 'the next run loads it' };
  if (error instanceof PreloadError) return { kind: 'failed', message: error.message, hint: error.hint };
  if (error instanceof EngineHttpError) {
    return {
      kind: 'failed',
      message: `loading ${entry.archivePath}: ${error.message}`,
      hint: 'check the engine (systemctl status docker or podman; did it restart?); the next run loads it',
    };
  }
  if (error instanceof DecodeError) {
    return { kind: 'failed', message: `archive ${entry.archivePath} (${error.format}): ${error.message}`, hint: error.hint };
  }
  if ((error as Error).name === 'AbortError') return { kind: 'failed', message: 'interrupted', hint: 'the next run loads it' };
  return { kind: 'failed', message: `${entry.archivePath}: ${messageOf(error)}`, hint: undefined };
}
