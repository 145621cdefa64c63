import type { FoundImage } from '../engine/engine.js';
import type { ListEntry } from '../list/entry.js';
import type { ImageRecord } from '../state/state-file.js';
import type { LoadContext } from './context.js';
import { decide, type Decision } from './decide.js';
import { fingerprintOf } from './fingerprint.js';

export interface Plan {
  decision: Decision;
  present: FoundImage | undefined;
  record: ImageRecord | undefined;
}

/** Ask the engine and the state file what is there, then decide (decide.ts holds the table). */
export async function planEntry(entry: ListEntry, context: LoadContext): Promise<Plan> {
  const present = await presenceOf(entry, context);
  if (present) noteSpelling(entry, present, context);
  const record = context.state.get(entry.reference.nameTag);
  const policy = entry.policy ?? context.defaultPolicy;
  const expectedInStore =
    entry.expectedId !== undefined && present?.id !== entry.expectedId && (await context.engine.findById(entry.expectedId)) !== undefined;
  const needsFingerprint = policy === 'changed' && present !== undefined && record !== undefined;
  const decision = decide({
    policy,
    reload: context.reload,
    presentId: present?.id,
    expectedId: entry.expectedId,
    expectedIdInStore: expectedInStore,
    record,
    fingerprint: needsFingerprint ? await fingerprintOf(entry).catch(() => undefined) : undefined,
    staged: context.slot !== undefined,
  });
  return { decision, present, record };
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
