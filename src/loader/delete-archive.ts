import { unlink } from 'node:fs/promises';
import type { ListEntry } from '../list/entry.js';
import type { LoadContext } from './context.js';
import { rememberDeleted } from './remember.js';

export type DeleteResult = { deleted: true } | { deleted: false; warning: string | undefined };

/**
 * ISAR's CONTAINER_DELETE_AFTER_LOAD, opt-in: the archive goes only once its image is verified
 * present with the list's id= (without id= there is nothing to verify against, so it stays).
 * A read-only root filesystem makes it a warning, never a failure.
 */
export async function deleteArchive(entry: ListEntry, verifiedId: string): Promise<DeleteResult> {
  if (entry.expectedId === undefined) {
    return { deleted: false, warning: `${entry.archivePath} kept: delete-after-load needs id= in the list to verify the image first` };
  }
  if (verifiedId !== entry.expectedId) return { deleted: false, warning: undefined };
  try {
    await unlink(entry.archivePath);
    return { deleted: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { deleted: true };
    return { deleted: false, warning: `${entry.archivePath} kept: cannot delete it (${code ?? (error as Error).message}; read-only filesystem?)` };
  }
}

/** After a verified load or skip: delete when the entry or the settings ask for it, and record it. */
export async function deleteIfAsked(entry: ListEntry, context: LoadContext, imageId: string): Promise<boolean> {
  if (!(entry.deleteAfterLoad ?? context.deleteAfterLoad) || context.dryRun) return false;
  const result = await deleteArchive(entry, imageId);
  if (result.deleted) await rememberDeleted(entry, context, imageId);
  else if (result.warning) context.warn(entry, result.warning);
  return result.deleted;
}
