/**
 * List order is priority: entries start in order, up to `jobs` at once (decoding one while
 * the engine ingests another); nothing new starts once the run is being stopped.
 */
export async function inListOrder<T>(items: readonly T[], jobs: number, signal: AbortSignal, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal.aborted) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
}
