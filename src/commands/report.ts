import { formatErrorLine, type ErrorCode } from '../errors.js';
import { formatMiB } from '../system/format-bytes.js';
import type { ListEntry, ListProblem } from '../list/entry.js';
import type { Logger } from '../system/log.js';
import type { EntryResult, SkipReason, Tally } from '../loader/outcome.js';

/** Invalid list lines: `file:line: reason`, one line each; the rest still loads. */
export function reportProblems(log: Logger, problems: readonly ListProblem[]): number {
  let errors = 0;
  for (const problem of problems) {
    const fields = { list: problem.list, line: problem.line };
    const text = formatErrorLine(problem.reason, fields, problem.hint);
    if (problem.severity === 'error') {
      errors++;
      log.error({ ...fields, code: 'list' satisfies ErrorCode }, text);
    } else if (problem.severity === 'warning') {
      log.warn(fields, text);
    } else {
      log.info(fields, text);
    }
  }
  return errors;
}

function entryFields(entry: ListEntry) {
  return { list: entry.list, line: entry.line, image: entry.reference.nameTag, archive: entry.archivePath };
}

export function reportResult(log: Logger, { entry, outcome }: EntryResult): void {
  const fields = entryFields(entry);
  const image = entry.reference.nameTag;
  switch (outcome.kind) {
    case 'present':
      log.info({ ...fields, id: outcome.id, reason: outcome.reason }, `${image} ${presentText(entry, outcome.id, outcome.reason)}${deletedText(outcome.deleted)}`);
      return;
    case 'would-load':
      log.info(
        { ...fields, ...(outcome.send ? { send: outcome.send.mode, tarBytes: outcome.send.tarBytes } : {}) },
        outcome.action === 'retag'
          ? `${image} would be re-tagged from ${entry.expectedId}`
          : `${image} would be loaded from ${entry.archivePath}${outcome.send ? ` (${outcome.send.mode}: ${formatMiB(outcome.send.tarBytes)} to send)` : ''}`,
      );
      return;
    case 'retagged':
      log.info({ ...fields, id: outcome.id }, `${image} re-tagged: the image ${outcome.id} was still in the store${deletedText(outcome.deleted)}`);
      return;
    case 'loaded':
      log.info(
        { ...fields, id: outcome.id, seconds: round(outcome.seconds), archiveBytes: outcome.archiveBytes, layersSkipped: outcome.layersSkipped, bytesSkipped: outcome.bytesSkipped, reason: outcome.reason },
        `${image} loaded from ${entry.archiveName} in ${round(outcome.seconds)} s${thinText(outcome.layersSkipped, outcome.bytesSkipped)}${outcome.reason === 'changed' ? ' (the firmware shipped a new archive)' : ''}${deletedText(outcome.deleted)}`,
      );
      return;
    case 'failed':
      log.error({ ...fields, code: outcome.code }, formatErrorLine(`${image}: ${outcome.message}`, { list: entry.list, line: entry.line }, outcome.hint));
  }
}

function presentText(entry: ListEntry, id: string | undefined, reason: SkipReason): string {
  const shipped = entry.expectedId;
  switch (reason) {
    case 'never':
      return 'is not loaded by this daemon (policy=never)';
    case 'up-to-date':
      return 'is present and up to date';
    case 'user-updated':
      return `was replaced at runtime (now ${id}): kept; --reload restores the shipped image`;
    case 'next-boot':
      return `is present as ${id}, which the new release replaces: left for its first boot (a staged load never changes a name the running release may use)`;
    case 'origin-unknown':
      return `is present as ${id}, not the shipped ${shipped}, and nothing records who put it there: kept; --reload restores the shipped image`;
    case 'present':
      return shipped !== undefined && id !== shipped ? `is present as ${id}, updated at runtime: kept (--reload restores the shipped image)` : 'is present';
  }
}

function thinText(layers: number, bytes: number): string {
  return layers > 0 ? ` (${layers} layer${layers === 1 ? '' : 's'} already in the store, ${formatMiB(bytes)} not sent)` : '';
}

function deletedText(deleted: boolean): string {
  return deleted ? '; archive deleted (delete-after-load)' : '';
}

export function reportSummary(log: Logger, counts: Tally, seconds: number): string {
  const retagged = counts.retagged > 0 ? `, re-tagged ${counts.retagged}` : '';
  const text = `loaded ${counts.loaded}${retagged}, already present ${counts.present}, failed ${counts.failed} in ${round(seconds)} s`;
  const fields = { ...counts, seconds: round(seconds) };
  if (counts.failed > 0) log.error(fields, text);
  else log.info(fields, text);
  return text;
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
