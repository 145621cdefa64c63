import { longestPrefix } from './entry-tar.js';

/**
 * Loads in flight and the layers they bring, so that with --jobs N the images sharing a base
 * do not all send it: the first one to start brings it, the others wait for it and go thin.
 * A load is registered only once it has decided not to wait, so two never wait on each other.
 */
export class LayerArrivals {
  private readonly loads = new Set<{ diffIds: readonly string[]; done: Promise<void> }>();

  /** A load in flight that leaves DIFF_IDS a longer present prefix than HAVE: wait for it, then ask the engine again. */
  bringing(diffIds: readonly string[], have: number): Promise<void> | undefined {
    for (const load of this.loads) if (longestPrefix(diffIds, [load.diffIds]) > have) return load.done;
    return undefined;
  }

  /** Register a load bringing DIFF_IDS; call the result when it is over, whatever the outcome. */
  begin(diffIds: readonly string[]): () => void {
    let finish!: () => void;
    const load = { diffIds, done: new Promise<void>((resolve) => (finish = resolve)) };
    this.loads.add(load);
    return () => {
      this.loads.delete(load);
      finish();
    };
  }
}
