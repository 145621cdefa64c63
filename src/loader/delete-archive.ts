import { unlink } from 'node:fs/promises';
import type { ListEntry } from '../list/entry.js';
import { imagesFolderEscape } from '../list/images-folder.js';
import { bootId } from '../system/boot-id.js';
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
  // The unlink follows images/: a folder replaced by a link out of the package must not lead it elsewhere.
  const escape = await imagesFolderEscape(entry.imagesDir);
  if (escape) return { deleted: false, warning: `${entry.archivePath} kept: ${escape}` };
  try {
    await unlink(entry.archivePath);
    return { deleted: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { deleted: true };
    return { deleted: false, warning: `${entry.archivePath} kept: cannot delete it (${code ?? (error as Error).message}; read-only filesystem?)` };
  }
}

/**
 * Every line of the run naming each archive (repeated lines merged into one entry included).
 * An archive shared by several lines (a multi-image archive) goes only when every one of them
 * asks for deletion and has its image verified, this run or already present: the last of them
 * to be verified deletes it. Otherwise a line that keeps its archive would lose it.
 */
export class ArchiveUsers {
  private readonly users = new Map<string, ListEntry[]>();
  /** Lines whose image is verified with their id=, with that ID. */
  private readonly verified = new Map<ListEntry, string>();

  constructor(entries: readonly ListEntry[]) {
    for (const entry of entries) {
      for (const line of [entry, ...(entry.alsoListed ?? [])]) {
        const users = this.users.get(line.archivePath);
        if (users) users.push(line);
        else this.users.set(line.archivePath, [line]);
      }
    }
  }

  /** ENTRY's image is verified as ID (so are its repeated lines that expect that ID). */
  noteVerified(entry: ListEntry, id: string): void {
    for (const line of [entry, ...(entry.alsoListed ?? [])]) if (line.expectedId === id) this.verified.set(line, id);
  }

  /** The lines naming ENTRY's archive: those that do not ask for deletion, and those whose image is not verified yet. */
  pending(entry: ListEntry, deleteByDefault: boolean): { keeping: ListEntry[]; unverified: ListEntry[]; all: ListEntry[] } {
    const all = this.users.get(entry.archivePath) ?? [entry];
    return {
      keeping: all.filter((line) => !(line.deleteAfterLoad ?? deleteByDefault)),
      unverified: all.filter((line) => !this.verified.has(line)),
      all,
    };
  }

  idOf(line: ListEntry): string | undefined {
    return this.verified.get(line);
  }
}

/** After a verified load or skip: delete when every line naming the archive asks for it and has its image, and record it. */
export async function deleteIfAsked(entry: ListEntry, context: LoadContext, imageId: string): Promise<boolean> {
  if (!(entry.deleteAfterLoad ?? context.deleteAfterLoad) || context.dryRun) return false;
  const users = context.archiveUsers ?? new ArchiveUsers([entry]);
  users.noteVerified(entry, imageId);
  const { keeping, unverified, all } = users.pending(entry, context.deleteAfterLoad);
  if (keeping.length > 0) {
    const other = keeping[0]!;
    context.warn(entry, `${entry.archivePath} kept: ${other.list}:${other.line} (${other.reference.nameTag}) names it too and does not ask for delete-after-load`);
    return false;
  }
  // Not verified yet: the last line of this archive deletes it. Not verified at all (no id=, another image): deleteArchive says why.
  if (unverified.some((line) => line !== entry)) return false;
  const result = await deleteArchive(entry, imageId);
  if (!result.deleted) {
    if (result.warning) context.warn(entry, result.warning);
    return false;
  }
  const by = await thisRun();
  for (const line of all) await rememberDeleted(line, context, users.idOf(line) ?? imageId, by);
  return true;
}

/** How the state names the run that deleted an archive: the boot (kernel boot ID) and pid. */
async function thisRun(): Promise<string> {
  return `boot ${(await bootId()) ?? 'unknown'}, pid ${process.pid}`;
}
