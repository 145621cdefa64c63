import type { ImageRecord } from '../state/state-file.js';

/**
 * Who put a present image under its list name, as far as the state file tells: `loaded` by
 * preload-daemon (prune may remove it once no list names it), `adopted` (already there and
 * matching the list's id=), `updated-at-runtime` (someone else's image under the name), or
 * `unknown` (no record, nothing to compare).
 */
export type Origin = 'loaded' | 'adopted' | 'updated-at-runtime' | 'unknown';

export function originOf(presentId: string, expectedId: string | undefined, record: ImageRecord | undefined): Origin {
  if (record?.imageId === presentId) return record.adopted ? 'adopted' : 'loaded';
  if (record !== undefined) return 'updated-at-runtime';
  return expectedId !== undefined && expectedId !== presentId ? 'updated-at-runtime' : 'unknown';
}
