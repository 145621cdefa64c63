import { classifyError } from '../classify-error.js';
import type { Settings } from '../config/settings.js';
import type { Engine } from '../engine/engine.js';
import { ExitCode, ListError } from '../errors.js';
import { readLists } from '../list/read.js';
import { listsInSlot } from '../loader/slot.js';
import { planPrune, short, unlisted, type PruneStep } from '../prune/plan.js';
import { StateFile } from '../state/state-file.js';
import { acquireLock } from '../system/lock.js';
import type { Logger } from '../system/log.js';
import { connect } from './connect.js';
import { reportProblems } from './report.js';

export type PruneSettings = Pick<Settings, 'lists' | 'engine' | 'socket' | 'waitEngine' | 'lockFile' | 'lockTimeout' | 'stateFile'>;

export interface PruneRun {
  settings: PruneSettings;
  /** Another slot's lists (a rollback target): what they name stays too. */
  keepLists: readonly string[];
  /** The next release's root filesystem, mounted here: what its lists name stays too. */
  slot?: string;
  dryRun: boolean;
  json: boolean;
  log: Logger;
  signal: AbortSignal;
  print: (text: string) => void;
}

/** One name in `prune --json`: the plan, and in a real run whether it was done. */
export type PruneResult = PruneStep & { done?: boolean; error?: string };

export interface PruneReport {
  dryRun: boolean;
  engine: { kind: string; socket: string; version: string };
  lists: string[];
  names: PruneResult[];
}

/**
 * Remove the names this daemon loaded that no kept list names any more (after an update, the
 * old release's images). Never forces: what anyone else may still need stays, one line each.
 */
export async function runPrune(run: PruneRun): Promise<ExitCode> {
  const { settings, log } = run;
  const paths = [...settings.lists, ...run.keepLists, ...(run.slot === undefined ? [] : listsInSlot(run.slot, settings.lists))];
  const lists = await readLists(paths);
  // A list that cannot be read may name any recorded image: nothing is removed on a guess.
  if (reportProblems(log, lists.problems) > 0) {
    throw new ListError('prune removes nothing while a list it keeps has errors (above)', { hint: 'fix or restore the list, then prune again' });
  }
  if (lists.files.length === 0) {
    throw new ListError(`no image.list found in ${paths.join(', ')}: prune would treat every image it loaded as unlisted`, { hint: 'check --list and --keep-list; to remove them all, point --list at an empty image.list' });
  }
  const engine = await connect(settings, log, { signal: run.signal });
  const lock = run.dryRun
    ? undefined
    : await acquireLock({
        file: settings.lockFile,
        timeoutSeconds: settings.lockTimeout,
        signal: run.signal,
        onWaiting: (pid) => log.warn(`another run (pid ${pid}) is loading images; waiting up to ${settings.lockTimeout} s for it`),
      });
  try {
    const state = await StateFile.open(settings.stateFile, (message) => log.warn(message), { readOnly: run.dryRun });
    const steps = await plan(engine, state, lists.entries.map((entry) => entry.reference));
    const names: PruneResult[] = [];
    for (const step of steps) names.push(run.dryRun ? step : await carryOut(step, engine, state, log));
    await state.flush();
    const report: PruneReport = { dryRun: run.dryRun, engine: { kind: engine.kind, socket: engine.socketPath, version: engine.version }, lists: lists.files, names };
    run.print(run.json ? JSON.stringify(report, null, 2) : lines(report));
    return names.some((name) => name.done === false) ? ExitCode.entriesFailed : ExitCode.ok;
  } finally {
    await lock?.release();
  }
}

async function plan(engine: Engine, state: StateFile, listed: Parameters<typeof unlisted>[2]): Promise<PruneStep[]> {
  const records = state.records();
  const candidates = unlisted(engine.kind, records, listed);
  const found = await Promise.all(candidates.map((candidate) => engine.find(candidate.ref)));
  // Asked only when something could go: a warm device with nothing to prune makes no container request.
  const containers = candidates.length > 0 ? await engine.containers() : [];
  return planPrune({ kind: engine.kind, records, candidates: candidates.map((candidate, i) => ({ ...candidate, found: found[i] })), containers });
}

/** One step; a failed removal is one error line and the next name goes on. */
async function carryOut(step: PruneStep, engine: Engine, state: StateFile, log: Logger): Promise<PruneResult> {
  if (step.action === 'keep') return step;
  if (step.action === 'forget') {
    await state.forget(step.name);
    return { ...step, done: true };
  }
  let imageGoes = false;
  try {
    for (const spelling of step.spellings) imageGoes = (await engine.removeName(spelling)).imageDeleted || imageGoes;
  } catch (error) {
    const failure = classifyError(error, { image: step.name });
    // One line: the name, the engine's refusal, what to do; the other names still go.
    log.error({ image: step.name, code: failure.code }, failure.line);
    return { ...step, done: false, error: failure.message };
  }
  await state.forget(step.name);
  return { ...step, imageGoes, done: true };
}

function lines(report: PruneReport): string {
  const text = report.names.map((step) => {
    const would = report.dryRun;
    switch (step.action) {
      case 'remove':
        if (step.done === false) return `failed ${step.name}: ${step.error}`;
        return `${would ? 'would remove' : 'removed'} ${step.name} (image ${short(step.imageId)} ${step.imageGoes ? (would ? 'goes too' : 'deleted') : (would ? 'keeps' : 'kept') + ' its other names'})`;
      case 'keep':
        return `kept ${step.name}: ${step.detail}`;
      case 'forget':
        return `${would ? 'would forget' : 'forgot'} ${step.name}: no longer in the engine`;
    }
  });
  return text.length > 0 ? text.join('\n') : 'nothing to prune: every name preload-daemon loaded is still listed';
}
