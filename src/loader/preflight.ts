import { stat, statfs } from 'node:fs/promises';
import { SpaceError } from '../errors.js';
import type { EngineKind } from '../engine/names.js';
import type { ListEntry } from '../list/entry.js';
import { formatMiB } from '../system/format-bytes.js';

// How much the engine writes while loading an image of N uncompressed bytes (measured on
// dockerd 20.10 and Podman 4.3, one load of a plain tar): dockerd untars the upload under <data-root>/tmp and then stores the layers
// (≈2N in its data root); Podman writes the body to its TMPDIR, unpacks it again under
// /var/tmp (Podman 4.3) and stores the layers (≈2N in /var/tmp plus N in its graph root).
const NEEDS: Record<EngineKind, Array<{ where: 'storage' | 'staging'; factor: number }>> = {
  docker: [{ where: 'storage', factor: 2 }],
  podman: [
    { where: 'storage', factor: 1 },
    { where: 'staging', factor: 2 },
  ],
};

export interface PreflightPlaces {
  kind: EngineKind;
  storage: string | undefined;
  /** Podman's upload staging folder (its TMPDIR; the shipped drop-in sets /var/tmp). */
  staging: string;
}

/** The tar's size as known before loading: the list's size=, else what the archive declares. */
export interface ExpectedSize {
  bytes: number;
  /** Where it was read: `size=`, `its zstd frame headers`, … */
  source: string;
}

/** `its zstd frame headers`, or `the list's size=`. */
export function declaredBy(expected: ExpectedSize): string {
  return expected.source === 'size=' ? "the list's size=" : expected.source;
}

const HINT = 'free space there (old images: docker/podman image prune), or ship a smaller image';

/**
 * Refuse an entry that cannot fit, before sending a byte: per filesystem the engine writes to,
 * what the load needs plus the MIN_FREE reserve (--min-free) against what is available. With
 * no expected size only the reserve is checked; a place this process cannot see (another mount
 * namespace) is not checked at all.
 */
export async function checkFreeSpace(entry: ListEntry, places: PreflightPlaces, expected: ExpectedSize | undefined, minFree: number): Promise<void> {
  for (const { path, needed, available } of await perFilesystem(places, expected?.bytes ?? 0)) {
    if (needed + minFree <= available) continue;
    if (expected === undefined || needed === 0) throw belowReserve(entry, path, available, minFree);
    const reserve = minFree > 0 ? `, plus the ${formatMiB(minFree)} --min-free reserve` : '';
    throw new SpaceError(
      `not enough free space to load ${entry.reference.nameTag} from ${entry.archivePath}: needs ${formatMiB(needed + minFree)} under ${path}, ${formatMiB(available)} available (${formatMiB(expected.bytes)} of tar, declared by ${declaredBy(expected)}${reserve})`,
      { context: entry, hint: HINT },
    );
  }
}

/** While the tar streams: refuse to go on once a filesystem the engine writes to is below MIN_FREE. */
export async function checkReserve(entry: ListEntry, places: PreflightPlaces, minFree: number): Promise<void> {
  if (minFree === 0) return;
  for (const { path, available } of await perFilesystem(places, 0)) {
    if (available < minFree) throw belowReserve(entry, path, available, minFree, true);
  }
}

/** Free bytes per filesystem the engine writes to, by the path that names it. */
export async function freeSpace(places: PreflightPlaces): Promise<Map<string, number>> {
  return new Map((await perFilesystem(places, 0)).map(({ path, available }) => [path, available]));
}

/** How much of a stopped upload the engine may keep for good before the next entry goes on. */
const SETTLE_SLACK = 16 * 1024 * 1024;

/**
 * After a load we stopped, the engine drops what it had staged, though not at once (dockerd
 * 20.10: ~0.2 s after the abort; Podman 4.3 keeps it until the service restarts). Wait, at most
 * TIMEOUT_MS, until every filesystem is back near its free space BEFORE the load, so the next
 * entry's check sees what the stopped one gave back.
 */
export async function spaceReturned(places: PreflightPlaces, before: Map<string, number>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await freeSpace(places);
    if ([...before].every(([path, free]) => (now.get(path) ?? free) >= free - SETTLE_SLACK) || Date.now() >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function belowReserve(entry: ListEntry, path: string, available: number, minFree: number, streaming = false): SpaceError {
  const stopped = streaming ? 'stopped loading' : 'not loading';
  return new SpaceError(
    `${stopped} ${entry.reference.nameTag} from ${entry.archivePath}: ${formatMiB(available)} free under ${path}, below the ${formatMiB(minFree)} the engine's filesystem must keep (--min-free)`,
    { context: entry, hint: `${HINT}; a lower --min-free risks a full disk` },
  );
}

async function perFilesystem(places: PreflightPlaces, bytes: number): Promise<Array<{ path: string; needed: number; available: number }>> {
  const perDevice = new Map<number, { path: string; needed: number; available: number }>();
  for (const need of NEEDS[places.kind]) {
    const where = need.where === 'storage' ? places.storage : places.staging;
    if (where === undefined) continue;
    const info = await describe(where);
    if (!info) continue;
    const current = perDevice.get(info.device) ?? { path: where, needed: 0, available: info.available };
    current.needed += need.factor * bytes;
    perDevice.set(info.device, current);
  }
  return [...perDevice.values()];
}

async function describe(where: string): Promise<{ device: number; available: number } | undefined> {
  try {
    const [info, fs] = await Promise.all([stat(where), statfs(where)]);
    return { device: info.dev, available: fs.bavail * fs.bsize };
  } catch {
    return undefined;
  }
}
