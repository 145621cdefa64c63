import type { ManifestItem } from '../archive/docker-archive.js';
import type { DecoderLimits } from '../archive/limits.js';
import type { Engine, FoundImage } from '../engine/engine.js';
import type { ListEntry } from '../list/entry.js';
import type { Policy } from '../list/policy.js';
import type { StateFile } from '../state/state-file.js';
import type { LayerArrivals } from './layer-arrivals.js';
import type { ArchiveUsers } from './delete-archive.js';
import type { Reading } from '../system/progress.js';
import type { PreflightPlaces } from './preflight.js';

/** What every step of one entry's load may use. */
export interface LoadContext {
  engine: Engine;
  state: StateFile;
  /** Where the engine writes, asked for only when something is loaded (Podman's /info takes ~190 ms). */
  places: () => Promise<PreflightPlaces>;
  /** Load even when present (factory reset, restore the shipped version). */
  reload: boolean;
  dryRun: boolean;
  defaultPolicy: Policy;
  deleteAfterLoad: boolean;
  limits: DecoderLimits;
  /** Bytes the engine's filesystems must keep free (--min-free). */
  minFree: number;
  signal?: AbortSignal;
  warn: (entry: ListEntry, message: string) => void;
  info?: (entry: ListEntry, message: string) => void;
  debug?: (entry: ListEntry, message: string) => void;
  /** Presence asked for ahead of time (prefetch.ts); absent answers are asked again. */
  prefetched?: Map<ListEntry, Promise<FoundImage | undefined>>;
  /** The store's layer chains (Engine.layerChains), asked before each load: layers it holds are not sent. */
  layerChains?: () => Promise<string[][]>;
  /** Loads in flight and the layers they bring (--jobs): a load sharing one's base waits for it. */
  arrivals?: LayerArrivals;
  /** manifest.json of each archive loaded in this run: a later line naming an image already loaded from it is only tagged. */
  manifests?: Map<string, ManifestItem[]>;
  /** Every line naming each archive: delete-after-load waits for all of them (delete-archive.ts). */
  archiveUsers?: ArchiveUsers;
  /** A staged load (--slot): the next release's root filesystem, mounted here; absent at boot. */
  slot?: string;
  /** Bytes a second into the engine (--rate-limit); absent: as fast as the engine reads. */
  rateLimit?: number;
  /** An archive's load has moved on; MEASURE says how far (load-archive.ts), asked only when a progress line is drawn. */
  onProgress?: (entry: ListEntry, measure: () => Reading) => void;
}
