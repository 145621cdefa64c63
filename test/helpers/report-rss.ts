// Preloaded into the daemon under test with `node --import file://…/report-rss.js`.
// On exit, writes the process's exact peak RSS (KiB, from getrusage) to
// $PRELOAD_TEST_RSS_FILE. Imports nothing but node:fs, to stay out of the way.
import { writeFileSync } from 'node:fs';

const target = process.env.PRELOAD_TEST_RSS_FILE;
if (target) {
  process.on('exit', () => {
    try {
      writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      /* best effort: the harness reports a missing file */
    }
  });
}
