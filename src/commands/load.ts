import type { Settings } from '../config/settings.js';
import { ExitCode } from '../errors.js';
import { readLists } from '../list/read.js';
import { acquireLock } from '../system/lock.js';
import type { Logger } from '../system/log.js';
import type { Notifier } from '../system/notify.js';
import type { Progress } from '../system/progress.js';
import type { ListEntry } from '../list/entry.js';
import type { SendPlan } from '../loader/entry-stream.js';
import { StateFile } from '../state/state-file.js';
import { UNLISTED_GRACE_DAYS } from '../state/retention.js';
import { inListOrder } from '../loader/in-list-order.js';
import { loadEntry, type LoadContext } from '../loader/load-entry.js';
import { connect } from './connect.js';
import { LayerArrivals } from '../loader/layer-arrivals.js';
import { prefetchPresence } from '../loader/prefetch.js';
import { tally, type EntryResult, type Outcome } from '../loader/outcome.js';
import { reportProblems, reportResult, reportSummary } from './report.js';
import { repeatConflicts } from '../loader/repeats.js';
import { ArchiveUsers } from '../loader/delete-archive.js';
import { listsInSlot } from '../loader/slot.js';

export type LoadSettings = Pick<
  Settings,
  'lists' | 'engine' | 'socket' | 'waitEngine' | 'lockFile' | 'lockTimeout' | 'maxDecoderMemory' | 'policy' | 'stateFile' | 'deleteAfterLoad' | 'jobs' | 'stagingDir' | 'minFree' | 'loadTimeout' | 'stallTimeout' | 'rateLimit'
>;

export interface LoadRun {
  settings: LoadSettings;
  reload: boolean;
  dryRun: boolean;
  /** A staged load: the next release's root filesystem, mounted here (--slot). */
  slot?: string;
  log: Logger;
  notifier: Notifier;
  /** Aborted by SIGTERM/SIGINT: the in-flight upload stops, nothing else starts. */
  signal: AbortSignal;
  /** Where --dry-run prints its plan (stdout). */
  print: (line: string) => void;
  /** A progress line per image on a terminal (absent otherwise, and with -q). */
  progress?: Progress;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

function planLine(entry: ListEntry, action: 'load' | 'retag', send: SendPlan | undefined): string {
  if (action === 'retag') return `retag ${entry.reference.nameTag} ${entry.expectedId}`;
  return `load ${entry.reference.nameTag} ${entry.archivePath}${send ? ` ${send.mode} ${send.tarBytes}` : ''}`;
}

/** The boot job: read the lists, then for each entry: decide (present, policy, state) and load what is needed. */
export async function runLoad(run: LoadRun): Promise<ExitCode> {
  const { settings, log, notifier, signal } = run;
  const started = performance.now();
  const listPaths = run.slot === undefined ? settings.lists : listsInSlot(run.slot, settings.lists);
  const lists = await readLists(listPaths, signal);
  let invalidLines = reportProblems(log, lists.problems);
  // A --list that could not be read was just reported as an error: "nothing to load" would contradict it.
  if (lists.files.length === 0 && invalidLines === 0) log.warn({ lists: listPaths }, `no image.list found in ${listPaths.join(', ')}: nothing to load`);

  const results: EntryResult[] = [];
  if (lists.entries.length > 0) {
    // The engine is asked for while the lock is taken (both wait on others): a warm boot is
    // start-up bound. Giving up on the lock gives up on the engine too.
    const lockLost = new AbortController();
    const engineReady = connect(settings, log, { signal: AbortSignal.any([signal, lockLost.signal]) });
    engineReady.catch(() => {}); // awaited below, once the lock is ours
    const lock = run.dryRun
      ? undefined
      : await acquireLock({
          file: settings.lockFile,
          timeoutSeconds: settings.lockTimeout,
          signal,
          onWaiting: (holder) => log.warn(`${holder}; waiting up to ${settings.lockTimeout} s for it`),
        }).catch((error: unknown) => {
          lockLost.abort(error);
          throw error;
        });
    try {
      const engine = await engineReady;
      log.debug({ engine: engine.kind, version: engine.version, socket: engine.socketPath }, 'engine answered');
      const context: LoadContext = {
        engine,
        state: await StateFile.open(settings.stateFile, (message) => log.warn(message), { readOnly: run.dryRun }),
        places: once(async () => ({ kind: engine.kind, storage: await engine.storageRoot().catch(() => undefined), staging: settings.stagingDir })),
        reload: run.reload,
        dryRun: run.dryRun,
        defaultPolicy: settings.policy,
        deleteAfterLoad: settings.deleteAfterLoad,
        limits: { maxDecoderMemory: settings.maxDecoderMemory },
        minFree: settings.minFree,
        slot: run.slot,
        rateLimit: settings.rateLimit,
        signal,
        warn: (entry, message) => log.warn({ list: entry.list, line: entry.line, image: entry.reference.nameTag }, message),
        info: (entry, message) => log.info({ list: entry.list, line: entry.line, image: entry.reference.nameTag }, message),
        debug: (entry, message) => log.debug({ list: entry.list, line: entry.line, image: entry.reference.nameTag }, message),
        prefetched: prefetchPresence(lists.entries, engine),
        layerChains: engine.layerChains?.bind(engine),
        arrivals: new LayerArrivals(),
        manifests: new Map(),
        archiveUsers: new ArchiveUsers(lists.entries),
        onProgress: run.progress && ((entry, measure) => run.progress!.update(entry.reference.nameTag, measure)),
      };
      // A staged load reads the next release's lists: the running release's records are not unlisted.
      if (!run.dryRun && run.slot === undefined) {
        const forgotten = context.state.retainListed(new Set(lists.entries.map((entry) => entry.reference.nameTag)));
        if (forgotten.length > 0) log.debug({ forgotten }, `state: forgot ${forgotten.length} images no list has named for ${UNLISTED_GRACE_DAYS} days`);
        // Where the engine writes (Podman's /info: 0.64 s on 4.3 with overlay storage) is asked
        // as soon as the presence check finds an image missing, while it goes on; a warm boot never asks.
        for (const answer of context.prefetched!.values()) answer.then((found) => found === undefined && void context.places().catch(() => {}), () => {});
      }
      let started = 0;
      await inListOrder(lists.entries, settings.jobs, signal, async (entry, index) => {
        notifier.status(`${run.reload ? 'reloading' : 'checking'} ${++started}/${lists.entries.length} ${entry.reference.nameTag}`);
        const result = { entry, outcome: await loadEntry(entry, context) };
        run.progress?.done(entry.reference.nameTag);
        results[index] = result;
        reportResult(log, result);
        // A staged load's failures belong to a release not running yet: its exit code and log say them, its first boot records its own.
        if (!run.dryRun && !(run.slot !== undefined && result.outcome.kind === 'failed')) await rememberOutcome(context.state, entry, result.outcome, signal);
        invalidLines += reportProblems(log, await repeatConflicts(entry, result.outcome, context.limits));
        if (result.outcome.kind === 'would-load') run.print(planLine(entry, result.outcome.action, result.outcome.send));
      });
      if (!run.dryRun) await context.state.flush();
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

/** What `wait` tells an application whose image is missing: the last failure, until the tag is fine again. */
async function rememberOutcome(state: StateFile, entry: ListEntry, outcome: Outcome, signal: AbortSignal): Promise<void> {
  if (outcome.kind !== 'failed') return state.clearFailure(entry.reference.nameTag);
  if (signal.aborted) return;
  const message = outcome.hint ? `${outcome.message}. ${outcome.hint}` : outcome.message;
  await state.recordFailure(entry.reference.nameTag, { archive: entry.archivePath, message });
}
