import type { ErrorCode } from '../errors.js';
import type { ListEntry } from '../list/entry.js';
import type { Decision } from './decide.js';
import type { SendPlan } from './entry-stream.js';

export type SkipReason = Extract<Decision, { action: 'skip' }>['reason'];

export type Outcome =
  | { kind: 'present'; id: string | undefined; reason: SkipReason; deleted: boolean }
  /** `send`: what a load would send now (thin or whole, tar bytes), when the archive could be read. */
  | { kind: 'would-load'; action: 'load' | 'retag'; send?: SendPlan }
  | {
      kind: 'loaded';
      id: string;
      seconds: number;
      archiveBytes: number;
      /** Layers the engine already held, sent as empty members, and the tar bytes not sent. */
      layersSkipped: number;
      bytesSkipped: number;
      reason: string;
      deleted: boolean;
    }
  | { kind: 'retagged'; id: string; deleted: boolean }
  | { kind: 'failed'; code: ErrorCode; message: string; hint: string | undefined };

export interface EntryResult {
  entry: ListEntry;
  outcome: Outcome;
}

export interface Tally {
  loaded: number;
  retagged: number;
  present: number;
  failed: number;
}

export function tally(results: readonly EntryResult[], invalidLines: number): Tally {
  const count = (kind: Outcome['kind']) => results.filter((r) => r.outcome.kind === kind).length;
  return { loaded: count('loaded'), retagged: count('retagged'), present: count('present'), failed: count('failed') + invalidLines };
}
