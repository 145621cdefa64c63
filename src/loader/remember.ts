import type { ListEntry } from '../list/entry.js';
import type { LoadContext } from './context.js';
import { fingerprintOf } from './fingerprint.js';

// The state file's bookkeeping: what was loaded for a tag, from which archive, and whether
// that archive was deleted since.

export async function remember(entry: ListEntry, context: LoadContext, imageId: string, deleted: boolean): Promise<void> {
  const fingerprint = await fingerprintOf(entry).catch(() => 'unknown');
  const previous = context.state.get(entry.reference.nameTag);
  const deletion = deleted && previous?.deleted ? { deletedAt: previous.deletedAt, deletedBy: previous.deletedBy } : {};
  await context.state.record(entry.reference.nameTag, { archive: entry.archivePath, fingerprint, imageId, deleted, ...deletion });
}

/** An image already present that matches the list: ours from now on, written at the end of the run. */
export async function adopt(entry: ListEntry, context: LoadContext, imageId: string): Promise<void> {
  const fingerprint = await fingerprintOf(entry).catch(() => 'unknown');
  context.state.adopt(entry.reference.nameTag, { archive: entry.archivePath, fingerprint, imageId, deleted: false });
}

/** BY names the run (`boot <id>, pid N`), so a later run can say who deleted the archive it needs. */
export async function rememberDeleted(entry: ListEntry, context: LoadContext, imageId: string, by: string): Promise<void> {
  const fingerprint = context.state.get(entry.reference.nameTag)?.fingerprint ?? 'unknown';
  await context.state.record(entry.reference.nameTag, { archive: entry.archivePath, fingerprint, imageId, deleted: true, deletedAt: new Date().toISOString(), deletedBy: by });
}
