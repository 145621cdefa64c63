import type { Settings } from '../config/settings.js';
import { connectEngine } from '../engine/connect.js';
import { ExitCode } from '../errors.js';
import { readLists } from '../list/read.js';
import { acquireLock } from '../system/lock.js';
import type { Logger } from '../system/log.js';
import type { Notifier } from '../system/notify.js';
import type { ListEntry } from '../list/entry.js';
import { StateFile } from '../state/state-file.js';
import { loadEntry, type LoadContext } from '../loader/load-entry.js';
import { prefetchPresence } from '../loader/prefetch.js';
import { tally, type EntryResult } from '../loader/outcome.js';
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

/**
 * List order is priority: entries start in order, up to --jobs at once (decoding one while
 * the engine ingests another); nothing new starts once the run is being stopped.
 */
async function inListOrder<T>(items: readonly T[], jobs: number, signal: AbortSignal, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal.aborted) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

function planLine(entry: ListEntry, action: 'load' | 'retag'): string {
  return action === 'retag' ? `retag ${entry.reference.nameTag} ${entry.expectedId}` : `load ${entry.reference.nameTag} ${entry.archivePath}`;
}

/** The boot job: read the lists, then for each entry: decide (present, policy, state) and load what is needed. */
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
        loadTimeoutSeconds: settings.loadTimeout,
        signal,
        onWaiting: (socket, reason) => log.warn(`waiting up to ${settings.waitEngine} s for the engine on ${socket} (${reason})`),
      });
      log.debug({ engine: engine.kind, version: engine.version, socket: engine.socketPath }, 'engine answered');
      const context: LoadContext = {
        engine,
        state: await StateFile.open(settings.stateFile, (message) => log.warn(message)),
        places: once(async () => ({ kind: engine.kind, storage: await engine.storageRoot().catch(() => undefined), staging: settings.stagingDir })),
        reload: run.reload,
        dryRun: run.dryRun,
        defaultPolicy: settings.policy,
        deleteAfterLoad: settings.deleteAfterLoad,
        limits: { maxDecoderMemory: settings.maxDecoderMemory },
        signal,
        warn: (entry, message) => log.warn({ list: entry.list, line: entry.line, image: entry.reference.nameTag }, message),
        prefetched: prefetchPresence(lists.entries, engine),
      };
      let started = 0;
      await inListOrder(lists.entries, settings.jobs, signal, async (entry, index) => {
        notifier.status(`${run.reload ? 'reloading' : 'checking'} ${++started}/${lists.entries.length} ${entry.reference.nameTag}`);
        const result = { entry, outcome: await loadEntry(entry, context) };
        results[index] = result;
        reportResult(log, result);
        if (result.outcome.kind === 'would-load') run.print(planLine(entry, result.outcome.action));
      });
    } finally {
      await lock?.release();
    }
  }

  const done = results.filter(Boolean);
  const counts = tally(done, invalidLines);
  const skipped = lists.entries.length - done.length;
  if (skipped > 0) {
    counts.failed += skipped;
    log.error(`stopped before ${skipped} entries (${signal.reason ?? 'interrupted'}); the next run loads them`);
  }
  notifier.status(reportSummary(log, counts, (performance.now() - started) / 1000));
  await notifier.flush();
  return counts.failed > 0 ? ExitCode.entriesFailed : ExitCode.ok;
}
