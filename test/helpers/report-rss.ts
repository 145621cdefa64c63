// Preloaded into the daemon under test with `node --import file://…/report-rss.js`.
// On exit, writes the peak RSS (KiB) of the daemon's process tree to $PRELOAD_TEST_RSS_FILE:
// the node process's exact peak (getrusage) plus the decoder programs it started. Each child's
// own peak comes from the kernel (VmHWM, which only grows), read every few milliseconds while
// it lives; the peaks of children alive at the same time are added. Summing peaks that may
// have happened at different moments errs on the high side, never low. Imports only node:fs.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const SAMPLE_MS = 10;
const target = process.env.PRELOAD_TEST_RSS_FILE;

/** pid → that child's VmHWM in KiB, for every descendant seen so far. */
const childPeaks = new Map<number, number>();
let childrenPeakKb = 0;

function childrenOf(pid: number): number[] {
  const pids: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) pids.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    /* the process just ended */
  }
  return pids;
}

function peakOf(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function sample(): void {
  let alive = 0;
  const pending = childrenOf(process.pid);
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    const peak = peakOf(pid);
    if (peak === undefined) continue; // a zombie or gone: its last sample stands
    const known = Math.max(peak, childPeaks.get(pid) ?? 0);
    childPeaks.set(pid, known);
    alive += known;
    pending.push(...childrenOf(pid));
  }
  childrenPeakKb = Math.max(childrenPeakKb, alive);
}

if (target) {
  setInterval(sample, SAMPLE_MS).unref();
  process.on('exit', () => {
    try {
      sample();
      writeFileSync(target, `${process.resourceUsage().maxRSS + childrenPeakKb}\n`);
    } catch {
      /* best effort: the harness reports a missing file */
    }
  });
}
