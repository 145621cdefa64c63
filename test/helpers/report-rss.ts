// Preloaded into the daemon under test with `node --import file://…/report-rss.js`.
// On exit, writes the peak RSS (KiB) of the daemon's process tree to $PRELOAD_TEST_RSS_FILE:
// the node process's exact peak (getrusage) plus the decoder programs it started. Each child's
// own peak comes from the kernel (VmHWM, which only grows), read every few milliseconds while
// it lives; the peaks of children alive at the same time are added. Summing peaks that may
// have happened at different moments errs on the high side, never low. Imports only node:fs.
// The hook must not weigh on what it measures: /proc files are read into one reused buffer.
// (readFileSync on Node 18 allocates 64 KiB per /proc read; at 100 samples a second that
// garbage raised node's own peak by ~25 MB: 57 MB measured from outside without the hook,
// 82 MB with it.)
import { closeSync, openSync, readdirSync, readSync, writeFileSync } from 'node:fs';

const SAMPLE_MS = 10;
const scratch = Buffer.alloc(8192);

/** A small /proc file's text, through the reused buffer; undefined when it is gone. */
function readProc(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    let length = 0;
    for (let n; length < scratch.length && (n = readSync(fd, scratch, length, scratch.length - length, null)) > 0; ) length += n;
    return scratch.toString('latin1', 0, length);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
const target = process.env.PRELOAD_TEST_RSS_FILE;

/** pid → that child's VmHWM in KiB, for every descendant seen so far. */
const childPeaks = new Map<number, number>();
let childrenPeakKb = 0;

function childrenOf(pid: number): number[] {
  const pids: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = (readProc(`/proc/${pid}/task/${task}/children`) ?? '').trim();
      if (text) pids.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    /* the process just ended */
  }
  return pids;
}

function peakOf(pid: number): number | undefined {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readProc(`/proc/${pid}/status`) ?? '');
  return match ? Number(match[1]) : undefined;
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
