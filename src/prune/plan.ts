import type { ContainerInfo, FoundImage } from '../engine/engine.js';
import { acceptedNames, canonicalTags, type EngineKind } from '../engine/names.js';
import { parseReference, type ImageReference } from '../list/reference.js';
import type { ImageRecord } from '../state/state-file.js';

// What prune would do with each name the state file records and no kept list names, decided
// from what the engine holds now. A pure function, so every rule is tested without an engine.
// The rule above all: only a name this daemon loaded, still on the image it loaded, on an
// image no container uses and nobody else named, is removed; everything else stays.

export type KeepReason = 'moved' | 'adopted' | 'container' | 'user-name';

export type PruneStep =
  | { name: string; action: 'remove'; imageId: string; spellings: string[]; imageGoes: boolean }
  | { name: string; action: 'keep'; reason: KeepReason; imageId: string; detail: string }
  /** The name is no longer in the engine: only its record goes. */
  | { name: string; action: 'forget'; imageId: string };

/** The recorded names that no kept list names any more, in any spelling the engine accepts. */
export function unlisted(kind: EngineKind, records: ReadonlyMap<string, ImageRecord>, listed: readonly ImageReference[]): Array<{ name: string; ref: ImageReference }> {
  const listedNames = new Set(listed.flatMap((ref) => acceptedNames(kind, ref)));
  return [...records.keys()].flatMap((name) => {
    const parsed = parseReference(name);
    // A record whose key no longer parses names nothing prune could remove safely.
    if (!parsed.ok) return [];
    return acceptedNames(kind, parsed.ref).some((spelling) => listedNames.has(spelling)) ? [] : [{ name, ref: parsed.ref }];
  });
}

export interface PruneFacts {
  kind: EngineKind;
  records: ReadonlyMap<string, ImageRecord>;
  /** The candidates (unlisted()) with what the engine holds under each now. */
  candidates: ReadonlyArray<{ name: string; ref: ImageReference; found: FoundImage | undefined }>;
  containers: readonly ContainerInfo[];
}

export function planPrune(facts: PruneFacts): PruneStep[] {
  const { kind, records } = facts;
  // Every spelling of a recorded name, per image the record says it names: the names that are not the user's.
  const ours = new Map<string, Set<string>>();
  for (const [name, record] of records) {
    const parsed = parseReference(name);
    if (!parsed.ok) continue;
    const set = ours.get(record.imageId) ?? new Set<string>();
    for (const spelling of acceptedNames(kind, parsed.ref)) set.add(spelling);
    ours.set(record.imageId, set);
  }
  // What each image keeps once the planned removals are done, to tell whether it goes too.
  const remaining = new Map<string, Set<string>>();
  const steps: PruneStep[] = [];
  for (const { name, found } of facts.candidates) {
    const record = records.get(name)!;
    const imageId = record.imageId;
    const spellings = found ? [found, ...found.alsoAs].filter((image) => image.id === imageId).map((image) => image.name) : [];
    if (!found) {
      steps.push({ name, action: 'forget', imageId });
      continue;
    }
    if (spellings.length === 0) {
      steps.push({ name, action: 'keep', reason: 'moved', imageId: found.id, detail: `it now names image ${short(found.id)}, not the ${short(imageId)} preload-daemon loaded (updated at runtime)` });
      continue;
    }
    if (record.adopted) {
      steps.push({ name, action: 'keep', reason: 'adopted', imageId, detail: `preload-daemon found image ${short(imageId)} already present under this name and did not load it` });
      continue;
    }
    const users = facts.containers.filter((container) => container.imageId === imageId);
    if (users.length > 0) {
      const named = users.map((c) => `${c.name || short(c.id)} (${c.id.slice(0, 12)})`).join(', ');
      steps.push({ name, action: 'keep', reason: 'container', imageId, detail: `container${users.length > 1 ? 's' : ''} ${named} use${users.length > 1 ? '' : 's'} image ${short(imageId)}; remove ${users.length > 1 ? 'them' : 'it'}, then prune again` });
      continue;
    }
    const tags = canonicalTags(kind, found.repoTags);
    const others = tags.filter((tag) => !ours.get(imageId)?.has(tag));
    if (others.length > 0) {
      steps.push({ name, action: 'keep', reason: 'user-name', imageId, detail: `image ${short(imageId)} is also named ${others.join(', ')}, which preload-daemon did not load` });
      continue;
    }
    const left = remaining.get(imageId) ?? new Set(tags);
    for (const spelling of spellings) left.delete(spelling);
    remaining.set(imageId, left);
    steps.push({ name, action: 'remove', imageId, spellings, imageGoes: left.size === 0 });
  }
  return steps;
}

/** `0123456789ab` of `sha256:0123456789ab…`. */
export function short(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
