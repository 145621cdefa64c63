// How long the state remembers an image no list names any more. One rule, here, because two
// readers depend on it: the `changed` policy (after a rollback to the previous slot, its lists
// name the old image again, and only the record says it is ours to update) and `prune` (which
// removes images preload-daemon loaded and no list names: it learns them from these records).

/**
 * 90 days: longer than a usual OTA cadence (monthly to quarterly), so a rollback to the other
 * slot, or a prune run well after the update was committed, still finds the records; a record
 * is ~300 bytes, so even hundreds of them cost nothing meanwhile.
 */
export const UNLISTED_GRACE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The part of a record this rule reads and writes. */
export interface Retained {
  /** When a run first found no list naming the tag (ISO time); absent while some list names it. */
  unlistedSince?: string;
}

/**
 * The record as it should be kept after a run whose lists do (LISTED) or do not name its tag,
 * or undefined when it is to be forgotten: unlisted for UNLISTED_GRACE_DAYS or more. A tag
 * named again loses its mark. A mark in the future (the clock went back: a board without an
 * RTC before time sync) starts again from now, so a wrong clock never shortens the grace.
 */
export function retainRecord<R extends Retained>(record: R, listed: boolean, now: Date, graceDays = UNLISTED_GRACE_DAYS): R | undefined {
  if (listed) {
    if (record.unlistedSince === undefined) return record;
    const { unlistedSince: _dropped, ...rest } = record;
    return rest as R;
  }
  const since = Date.parse(record.unlistedSince ?? '');
  if (Number.isNaN(since) || since > now.getTime()) return { ...record, unlistedSince: now.toISOString() };
  return now.getTime() - since >= graceDays * DAY_MS ? undefined : record;
}
