import { imageIdOf } from '../archive/docker-archive.js';
import { classifyError } from '../classify-error.js';
import { acceptedNames } from '../engine/names.js';
import type { ListEntry } from '../list/entry.js';
import type { LoadContext } from './context.js';
import { deleteIfAsked } from './delete-archive.js';
import { planSend } from './entry-stream.js';
import { chooseImage } from './entry-tar.js';
import { loadArchive } from './load-archive.js';
import { nameLoadedImage } from './name-loaded.js';
import type { Outcome } from './outcome.js';
import { planEntry } from './plan.js';
import { adopt, remember } from './remember.js';
import { checkFound, verify } from './verify.js';

export type { LoadContext } from './context.js';

/** One entry, as the job reads: plan → skip | re-tag | (load → name → verify) → remember → delete if asked. */
export async function loadEntry(entry: ListEntry, context: LoadContext): Promise<Outcome> {
  const { engine } = context;
  try {
    const { decision, present, record } = await planEntry(entry, context);
    if (decision.action === 'skip') {
      // An image that already matches the list becomes ours: `changed` can update it later.
      if (present && present.id === entry.expectedId && !record && !context.dryRun) await adopt(entry, context, present.id);
      return { kind: 'present', id: present?.id, reason: decision.reason, deleted: present ? await deleteIfAsked(entry, context, present.id) : false };
    }
    if (context.dryRun) {
      const send = decision.action === 'load' ? await planSend(entry, context).catch(() => undefined) : undefined;
      return { kind: 'would-load', action: decision.action, ...(send ? { send } : {}) };
    }
    const retag = async (id: string): Promise<Outcome> => {
      // Where the name is now (the runtime update being replaced), else the engine's first spelling.
      const name = present?.name ?? acceptedNames(engine.kind, entry.reference)[0]!;
      await engine.tag(id, entry.reference, name);
      const image = await verify(entry, engine, { loaded: [name], loadedIds: [], error: undefined });
      await remember(entry, context, image.id, record?.deleted === true);
      return { kind: 'retagged', id: image.id, deleted: await deleteIfAsked(entry, context, image.id) };
    };
    if (decision.action === 'retag') return await retag(entry.expectedId!);
    // A line without id= whose image this run already loaded from the same archive is only tagged:
    // each load sends one image under one name, and the archive need not be read again.
    const loadedAlready = await loadedThisRun(entry, context);
    if (loadedAlready !== undefined) return await retag(loadedAlready);
    const started = performance.now();
    const { archiveBytes, report, layersSkipped, bytesSkipped, renamedFrom } = await loadArchive(entry, context);
    if (renamedFrom) context.info?.(entry, `the image of archive ${entry.archivePath} carried ${renamedFrom.join(', ') || 'no tags'}; the list names it ${entry.reference.nameTag}, so it is loaded under that name`);
    const image = checkFound(entry, engine, report, await nameLoadedImage(entry, context, report));
    await remember(entry, context, image.id, false);
    const deleted = await deleteIfAsked(entry, context, image.id);
    return { kind: 'loaded', id: image.id, seconds: (performance.now() - started) / 1000, archiveBytes, layersSkipped, bytesSkipped, reason: decision.reason, deleted };
  } catch (error) {
    const failure = classifyError(error, { list: entry.list, line: entry.line, archive: entry.archivePath, image: entry.reference.nameTag }, context.signal);
    return { kind: 'failed', code: failure.code, message: failure.message, hint: failure.hint };
  }
}

/** The ID of the entry's image when this run has read its archive's manifest and that image is in the store. */
async function loadedThisRun(entry: ListEntry, context: LoadContext): Promise<string | undefined> {
  const items = context.manifests?.get(entry.archivePath);
  if (!items) return undefined;
  let id: string | undefined;
  try {
    id = imageIdOf(chooseImage(items, entry, context.engine.kind));
  } catch {
    return undefined; // the load says why
  }
  return id !== undefined && (await context.engine.findById(id)) !== undefined ? id : undefined;
}
