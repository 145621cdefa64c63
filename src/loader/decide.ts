import type { Policy } from '../list/policy.js';
import type { ImageRecord } from '../state/state-file.js';

export type Decision =
  | { action: 'skip'; reason: 'present' | 'never' | 'up-to-date' | 'user-updated' | 'origin-unknown' }
  | { action: 'retag' }
  | { action: 'load'; reason: 'missing' | 'reload' | 'always' | 'changed' };

export interface DecisionInput {
  policy: Policy;
  reload: boolean;
  /** The engine's image under name:tag now, if any. */
  presentId: string | undefined;
  /** The list's `id=`, and whether the engine has that image while the tag does not point at it. */
  expectedId: string | undefined;
  expectedIdInStore: boolean;
  /** What this daemon loaded last time for the tag. */
  record: ImageRecord | undefined;
  /** Fingerprint of the archive shipped now (only needed for `changed` with a record). */
  fingerprint: string | undefined;
}

/**
 * The decision table (docs/policies.md, "Policies"), a pure function so every row is tested without
 * an engine. The one rule above all: an image someone replaced at runtime is never
 * overwritten except by --reload or policy=always.
 */
export function decide(input: DecisionInput): Decision {
  const { policy, presentId, expectedId, record } = input;
  // Whenever the shipped image is wanted and still in the store, pointing the tag at it is
  // enough (and works even after delete-after-load removed the archive).
  const restore = (reason: 'missing' | 'reload' | 'changed'): Decision => (input.expectedIdInStore ? { action: 'retag' } : { action: 'load', reason });
  if (policy === 'never') return { action: 'skip', reason: 'never' };
  if (input.reload) return restore('reload');
  if (presentId === undefined) return restore('missing');
  if (policy === 'always') return { action: 'load', reason: 'always' };
  if (policy === 'missing') return { action: 'skip', reason: 'present' };
  // policy === 'changed'
  if (expectedId !== undefined && presentId === expectedId) return { action: 'skip', reason: 'up-to-date' };
  if (record === undefined) return { action: 'skip', reason: expectedId === undefined ? 'present' : 'origin-unknown' };
  if (record.imageId !== presentId) return { action: 'skip', reason: 'user-updated' };
  // Our image, as we recorded it: a new archive, or a list now naming another id=, is an update
  // (a reproducible build can keep the archive's size and mtime).
  const archiveChanged = input.fingerprint !== undefined && input.fingerprint !== record.fingerprint;
  if (archiveChanged || (expectedId !== undefined && expectedId !== presentId)) return restore('changed');
  return { action: 'skip', reason: 'up-to-date' };
}
