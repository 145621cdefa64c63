import { setImmediate as nextTurn } from 'node:timers/promises';
import v8 from 'node:v8';
import vm from 'node:vm';

// Decoders whose output is freshly allocated (pipe reads, zlib) leave every chunk as garbage
// once the engine has it. V8 only collects when ~64 MB of such external memory piled up,
// which alone would break the 80 MB budget of the process tree. So: collect every few MiB of
// output, then give the event loop one turn, because V8 frees ArrayBuffer memory in a task
// after the collection (measured on 128 MiB of xz zeros: 34 MB external without the turn, 11 with).
// Short-lived pipe reads die young: a minor collection (scavenge) frees them at a fraction of a
// full one's cost (183 MB of zstd output: 0.66 s and 53 MB RSS with a scavenge every MiB, against
// 1.2 s and 56 MB with a full collection every 4 MiB); the few that got promoted wait for the
// occasional full one. zlib's larger, longer-held buffers get promoted, so gzip keeps full ones.

type Collect = (options?: { type: 'minor' | 'major' }) => void;
let collect: Collect | undefined | null = null;

function collector(): Collect | undefined {
  if (collect === null) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as Collect;
    } catch {
      collect = undefined; // no forced GC available: memory stays bounded, only higher
    }
  }
  return collect;
}

export class GarbageBudget {
  private since = 0;
  private rounds = 0;
  /** Collect every `budget` bytes; all but every `fullEvery`-th collection are minor ones. */
  constructor(
    private readonly budget: number,
    private readonly fullEvery = 1,
  ) {}

  /** Count bytes that became garbage; past the budget, collect them before going on. */
  async spend(bytes: number): Promise<void> {
    this.since += bytes;
    if (this.since < this.budget) return;
    this.since = 0;
    const gc = collector();
    if (!gc) return;
    if (++this.rounds % this.fullEvery !== 0) return gc({ type: 'minor' });
    gc();
    await nextTurn();
  }
}
