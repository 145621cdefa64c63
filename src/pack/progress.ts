/** On a terminal, one self-rewriting line per image (bytes and rate); elsewhere nothing (the log line at the end says it all). */
export function progressReporter(label: string, stream: NodeJS.WriteStream = process.stderr): { update: (bytes: number) => void; done: () => void } {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  const started = performance.now();
  let last = 0;
  return {
    update(bytes) {
      const now = performance.now();
      if (now - last < 200) return;
      last = now;
      const seconds = (now - started) / 1000;
      stream.write(`\r\x1b[K${label}: ${(bytes / 1048576).toFixed(1)} MiB  ${(bytes / 1048576 / Math.max(seconds, 0.001)).toFixed(1)} MiB/s`);
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
