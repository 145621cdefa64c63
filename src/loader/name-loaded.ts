import type { Engine, FoundImage } from '../engine/engine.js';
import type { LoadReport } from '../engine/load-response.js';
import { acceptedNames, canonicalTags } from '../engine/names.js';
import type { ListEntry } from '../list/entry.js';
import { parseReference } from '../list/reference.js';
import type { LoadContext } from './context.js';

/**
 * After a load, the list's name on the image the load brought. The engines do not always file
 * the archive's RepoTag where the list's name is: Podman 4.3 stores docker save's `org/app:1.0`
 * as `localhost/org/app:1.0`, which `docker.io/org/app:1.0` never matches, and Docker keeps
 * podman save's `localhost/app:1.0` apart from `app:1.0`. The list names the image, so once the
 * loaded image is known to be the entry's (the list's id=, or the archive's only image) the
 * name is tagged onto it through the engine. Where the load already put the name there, nothing
 * is sent; undefined when the name is nowhere and no image could be trusted with it.
 */
export async function nameLoadedImage(entry: ListEntry, context: LoadContext, report: LoadReport): Promise<FoundImage | undefined> {
  const { engine } = context;
  const loaded = canonicalTags(engine.kind, report.loaded);
  const found = await engine.find(entry.reference, loaded);
  if (found && (entry.expectedId !== undefined ? found.id === entry.expectedId : loaded.includes(found.name))) return found;
  const id = await entryImageOf(entry, engine, report);
  if (id === undefined || id === found?.id) return found;
  // Where the name is now (a runtime image the load replaces), else the engine's first spelling.
  const name = found?.name ?? acceptedNames(engine.kind, entry.reference)[0]!;
  await engine.tag(id, entry.reference, name);
  const carried = report.loaded.join(', ') || 'no tags';
  const note = `tagged ${name} onto ${id}, the image archive ${entry.archivePath} loaded (it carried ${carried})`;
  if (sameRepositoryAndTag(engine, entry, report.loaded)) context.debug?.(entry, `${note}: ${engine.kind} stored it under another spelling`);
  else context.info?.(entry, `${note}: the list names it ${entry.reference.nameTag}`);
  return engine.find(entry.reference, [name]);
}

/**
 * The loaded image that is certainly this entry's: the list's id= among the images the load
 * reported, else the only image it reported (Docker reports every RepoTag and every untagged
 * ID of the archive; Podman every name). Undefined when that cannot be told.
 */
async function entryImageOf(entry: ListEntry, engine: Engine, report: LoadReport): Promise<string | undefined> {
  const ids = new Set(report.loadedIds);
  for (const said of report.loaded) {
    const id = await imageIdOf(engine, said);
    if (id === undefined) return undefined;
    ids.add(id);
  }
  if (entry.expectedId !== undefined) return ids.has(entry.expectedId) ? entry.expectedId : undefined;
  return ids.size === 1 ? [...ids][0] : undefined;
}

/** The ID under a name as the engine wrote it in its load answer (Podman may write an untagged image's bare ID). */
async function imageIdOf(engine: Engine, said: string): Promise<string | undefined> {
  const hex = /^(?:sha256:)?([0-9a-f]{64})$/.exec(said)?.[1];
  if (hex !== undefined) return (await engine.findById(`sha256:${hex}`))?.id;
  const parsed = parseReference(said);
  return parsed.ok ? (await engine.find(parsed.ref, canonicalTags(engine.kind, [said])))?.id : undefined;
}

/** Whether the archive carried the list's repository and tag, only spelled another way (`localhost/`, `docker.io/`). */
function sameRepositoryAndTag(engine: Engine, entry: ListEntry, carried: readonly string[]): boolean {
  const bare = (name: string) => name.replace(/^(?:localhost|docker\.io)\/(?:library\/)?/, '');
  const wanted = canonicalTags(engine.kind, [entry.reference.nameTag]).map(bare);
  return canonicalTags(engine.kind, carried).some((name) => wanted.includes(bare(name)));
}
