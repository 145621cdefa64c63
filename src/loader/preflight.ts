import { stat, statfs } from 'node:fs/promises';
import { SpaceError } from '../errors.js';
import type { EngineKind } from '../engine/names.js';
import type { ListEntry } from '../list/entry.js';
import { formatMiB } from '../system/format-bytes.js';

// How much the engine writes while loading an image of N uncompressed bytes (measured,
// see facts): dockerd untars the upload under <data-root>/tmp and then stores the layers
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

/**
 * Refuse an entry that cannot fit, before sending a byte: needed vs available, per filesystem.
 * Sizes come from the list's size= (written by pack); without it nothing is checked. A place
 * this process cannot see (another mount namespace) is not checked either.
 */
export async function checkFreeSpace(entry: ListEntry, places: PreflightPlaces): Promise<void> {
  if (entry.size === undefined) return;
  const perDevice = new Map<number, { path: string; needed: number; available: number }>();
  for (const need of NEEDS[places.kind]) {
    const where = need.where === 'storage' ? places.storage : places.staging;
    if (where === undefined) continue;
    const info = await describe(where);
    if (!info) continue;
    const current = perDevice.get(info.device) ?? { path: where, needed: 0, available: info.available };
    current.needed += need.factor * entry.size;
    perDevice.set(info.device, current);
  }
  for (const { path, needed, available } of perDevice.values()) {
    if (needed > available) {
      throw new SpaceError(
        `not enough free space to load ${entry.reference.nameTag}: needs ${formatMiB(needed)} under ${path}, ${formatMiB(available)} available`,
        { context: entry, hint: 'free space there (old images: docker/podman image prune), or ship a smaller image' },
      );
    }
  }
}

async function describe(where: string): Promise<{ device: number; available: number } | undefined> {
  try {
    const [info, fs] = await Promise.all([stat(where), statfs(where)]);
    return { device: info.dev, available: fs.bavail * fs.bsize };
  } catch {
    return undefined;
  }
}

