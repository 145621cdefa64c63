import { formatMiB } from './format-bytes.js';
import { stderrLine, type LiveLine } from './live-line.js';

// Progress of the image being loaded or packed, on a terminal only: one line redrawn in
// place (bytes, percentage, rate, time left). Off a terminal nothing is even created, so the
// boot path pays nothing for it.

/** How far one image has come: BYTES of TOTAL (when known). */
export interface Reading {
  bytes: number;
  total: number | undefined;
}

export interface Progress {
  /** LABEL has moved on; MEASURE is asked only when the line is redrawn (it may read /proc). */
  update(label: string, measure: () => Reading): void;
  /** LABEL is finished: its line goes away (the log line says the rest). */
  done(label: string): void;
}

const REDRAW_MS = 200;

export function progressOnTerminal(stream: { isTTY?: boolean } = process.stderr, line: LiveLine = stderrLine, now: () => number = () => performance.now()): Progress | undefined {
  if (!stream.isTTY) return undefined;
  const started = new Map<string, number>();
  let lastDrawn = -Infinity;
  return {
    update(label, measure) {
      const time = now();
      if (!started.has(label)) started.set(label, time);
      if (time - lastDrawn < REDRAW_MS) return;
      lastDrawn = time;
      const { bytes, total } = measure();
      line.show(progressText(label, bytes, total, (time - started.get(label)!) / 1000));
    },
    done(label) {
      started.delete(label);
      line.clear();
    },
  };
}

/** `app:1  42%  120.0 MiB of 285.7 MiB  35.2 MiB/s  0:05 left` (no percentage without a total). */
export function progressText(label: string, bytes: number, total: number | undefined, seconds: number): string {
  const rate = seconds > 0 ? bytes / seconds : 0;
  const rateText = `${formatMiB(rate)}/s`;
  if (total === undefined || total <= 0) return `${label}  ${formatMiB(bytes)}  ${rateText}`;
  const fraction = Math.min(bytes / total, 0.99);
  const left = rate > 0 ? Math.max(0, (total - bytes) / rate) : undefined;
  const leftText = left === undefined ? '' : `  ${clock(left)} left`;
  return `${label}  ${Math.floor(fraction * 100)}%  ${formatMiB(bytes)} of ${formatMiB(total)}  ${rateText}${leftText}`;
}

function clock(seconds: number): string {
  const whole = Math.ceil(seconds);
  const minutes = Math.floor(whole / 60);
  return `${minutes}:${String(whole % 60).padStart(2, '0')}`;
}
