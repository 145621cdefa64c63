import type { Settings } from '../config/settings.js';
import { connectEngine } from '../engine/connect.js';
import { ExitCode } from '../errors.js';
import { readLists } from '../list/read.js';
import { acquireLock } from '../system/lock.js';
import type { Logger } from '../system/log.js';
import type { Notifier } from '../system/notify.js';
import { loadEntry } from './load-entry.js';
import { tally, type EntryResult } from './outcome.js';
import { reportProblems, reportResult, reportSummary } from './report.js';

export interface LoadRun {
  settings: Settings;
  reload: boolean;
  dryRun: boolean;
  log: Logger;
  notifier: Notifier;
  /** Aborted by SIGTERM/SIGINT: the in-flight upload stops, nothing else starts. */
  signal: AbortSignal;
  /** Where --dry-run prints its plan (stdout). */
  print: (line: string) => void;
}

/** The boot job: read the lists, then for each entry in order: present → skip, else load. */
export async function runLoad(run: LoadRun): Promise<ExitCode> {
  const { settings, log, notifier, signal } = run;
  const started = performance.now();
  const lists = await readLists(settings.lists);
  const invalidLines = reportProblems(log, lists.problems);
  if (lists.files.length === 0) log.warn({ lists: settings.lists }, `no image.list found in ${settings.lists.join(', ')}: nothing to load`);

  const results: EntryResult[] = [];
  if (lists.entries.length > 0) {
    const lock = run.dryRun
      ? undefined
      : await acquireLock({
          file: settings.lockFile,
          timeoutSeconds: settings.lockTimeout,
          signal,
          onWaiting: (pid) => log.warn(`another run (pid ${pid}) is loading images; waiting up to ${settings.lockTimeout} s for it`),
        });
    try {
      const engine = await connectEngine({
        engine: settings.engine,
        socket: settings.socket,
        waitSeconds: settings.waitEngine,
        signal,
        onWaiting: (socket, reason) => log.warn(`waiting up to ${settings.waitEngine} s for the engine on ${socket} (${reason})`),
      });
      log.debug({ engine: engine.kind, version: engine.version, socket: engine.socketPath }, 'engine answered');
      const mode = { reload: run.reload, dryRun: run.dryRun, limits: { maxDecoderMemory: settings.maxDecoderMemory }, signal };
      for (const [index, entry] of lists.entries.entries()) {
        if (signal.aborted) break;
        notifier.status(`${run.reload ? 'reloading' : 'checking'} ${index + 1}/${lists.entries.length} ${entry.reference.nameTag}`);
        const result = { entry, outcome: await loadEntry(entry, engine, mode) };
        results.push(result);
        reportResult(log, result);
        if (result.outcome.kind === 'would-load') run.print(`load ${entry.reference.nameTag} ${entry.archivePath}`);
      }
    } finally {
      await lock?.release();
    }
  }

  const counts = tally(results, invalidLines);
  const skipped = lists.entries.length - results.length;
  if (skipped > 0) {
    counts.failed += skipped;
    log.error(`stopped before ${skipped} entries (${signal.reason ?? 'interrupted'}); the next run loads them`);
  }
  notifier.status(reportSummary(log, counts, (performance.now() - started) / 1000));
  await notifier.flush();
  return counts.failed > 0 ? ExitCode.entriesFailed : ExitCode.ok;
}
