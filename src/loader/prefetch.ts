import type { Engine, FoundImage } from '../engine/engine.js';
import type { ListEntry } from '../list/entry.js';

/** Presence checks in flight at once: enough to hide the engine's per-request latency. */
const PREFETCH_CONCURRENCY = 8;

/**
 * Ask the engine about every entry up front: all in one request where the engine can answer
 * that (engine.findPresent), the others a few requests at a time instead of one after the
 * other, so a warm boot (everything present) is bound by the engine's concurrency, not by 20
 * round trips in a row (measured: Podman answers an inspect in ~15 ms).
 */
export function prefetchPresence(entries: readonly ListEntry[], engine: Engine): Map<ListEntry, Promise<FoundImage | undefined>> {
  const results = new Map<ListEntry, Promise<FoundImage | undefined>>();
  let running = 0;
  const waiting: Array<() => void> = [];
  const slot = async () => {
    if (running >= PREFETCH_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  // One request for all where the engine allows it; an error there only means asking each.
  const listed = engine.findPresent ? engine.findPresent(entries.map((entry) => entry.reference)).catch(() => []) : Promise.resolve([]);
  entries.forEach((entry, i) => {
    const result = listed.then((known) => known[i] ?? slot().then(() => engine.find(entry.reference).finally(release)));
    result.catch(() => {}); // reported when the entry is processed (it asks again)
    results.set(entry, result);
  });
  return results;
}
