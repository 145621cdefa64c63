import { formatErrorLine } from '../errors.js';
import type { ListEntry, ListProblem } from '../list/entry.js';
import type { Logger } from '../system/log.js';
import type { EntryResult, Tally } from './outcome.js';

/** Invalid list lines: `file:line: reason`, one line each; the rest still loads. */
export function reportProblems(log: Logger, problems: readonly ListProblem[]): number {
  let errors = 0;
  for (const problem of problems) {
    const fields = { list: problem.list, line: problem.line };
    const text = formatErrorLine(problem.reason, fields);
    if (problem.severity === 'error') {
      errors++;
      log.error(fields, text);
    } else {
      log.warn(fields, text);
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
      if (outcome.differsFromShipped) {
        log.info({ ...fields, id: outcome.id }, `${image} is present as ${outcome.id}, updated at runtime: kept (--reload restores the shipped image)`);
      } else {
        log.info({ ...fields, id: outcome.id }, `${image} is present`);
      }
      return;
    case 'would-load':
      log.info(fields, `${image} would be loaded from ${entry.archivePath}`);
      return;
    case 'loaded':
      log.info(
        { ...fields, id: outcome.id, seconds: round(outcome.seconds), archiveBytes: outcome.archiveBytes },
        `${image} loaded from ${entry.archiveName} in ${round(outcome.seconds)} s`,
      );
      return;
    case 'failed':
      log.error(fields, formatErrorLine(`${image}: ${outcome.message}`, { list: entry.list, line: entry.line }, outcome.hint));
  }
}

export function reportSummary(log: Logger, counts: Tally, seconds: number): string {
  const text = `loaded ${counts.loaded}, already present ${counts.present}, failed ${counts.failed} in ${round(seconds)} s`;
  const fields = { ...counts, seconds: round(seconds) };
  if (counts.failed > 0) log.error(fields, text);
  else log.info(fields, text);
  return text;
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
