import type { ListEntry } from '../list/entry.js';

export type Outcome =
  | { kind: 'present'; id: string; differsFromShipped: boolean }
  | { kind: 'would-load' }
  | { kind: 'loaded'; id: string; seconds: number; archiveBytes: number }
  | { kind: 'failed'; message: string; hint: string | undefined };

export interface EntryResult {
  entry: ListEntry;
  outcome: Outcome;
}

export interface Tally {
  loaded: number;
  present: number;
  failed: number;
}

export function tally(results: readonly EntryResult[], invalidLines: number): Tally {
  const count = (kind: Outcome['kind']) => results.filter((r) => r.outcome.kind === kind).length;
  return { loaded: count('loaded'), present: count('present'), failed: count('failed') + invalidLines };
}
