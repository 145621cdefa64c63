import { inspectArchive } from '../archive/open.js';
import type { Settings } from '../config/settings.js';
import { connectEngine } from '../engine/connect.js';
import type { Engine } from '../engine/engine.js';
import { ExitCode, PreloadError, messageOf } from '../errors.js';
import type { ListEntry } from '../list/entry.js';
import { readLists } from '../list/read.js';
import { reportProblems } from './report.js';
import type { Logger } from '../system/log.js';
import { formatMiB } from '../system/format-bytes.js';

export interface EntryStatus {
  list: string;
  line: number;
  archive: string;
  reference: string;
  archiveFound: boolean;
  format: string | null;
  archiveBytes: number | null;
  archiveError: string | null;
  /** null when the engine could not be asked. */
  present: boolean | null;
  imageId: string | null;
  expectedId: string | null;
}

export interface StatusReport {
  engine: { kind: string; socket: string; version: string } | { error: string };
  entries: EntryStatus[];
  problems: Array<{ list: string; line: number | null; reason: string; severity: string }>;
}

export interface StatusRun {
  settings: Settings;
  json: boolean;
  log: Logger;
  print: (text: string) => void;
}

/** Everything `status` knows, without changing anything: no lock, no load. */
export async function runStatus(run: StatusRun): Promise<ExitCode> {
  const { settings, log } = run;
  const lists = await readLists(settings.lists);
  reportProblems(log, lists.problems);
  let engine: Engine | undefined;
  let engineError: PreloadError | undefined;
  try {
    engine = await connectEngine({ engine: settings.engine, socket: settings.socket, waitSeconds: settings.waitEngine });
  } catch (error) {
    if (!(error instanceof PreloadError)) throw error;
    engineError = error;
    log.error(error.line);
  }
  const entries: EntryStatus[] = [];
  for (const entry of lists.entries) entries.push(await entryStatus(entry, engine));
  const report: StatusReport = {
    engine: engine ? { kind: engine.kind, socket: engine.socketPath, version: engine.version } : { error: engineError!.message },
    entries,
    problems: lists.problems.map((p) => ({ list: p.list, line: p.line ?? null, reason: p.reason, severity: p.severity })),
  };
  run.print(run.json ? JSON.stringify(report, null, 2) : table(report));
  if (engineError) return engineError.exitCode;
  const allGood = entries.every((e) => e.present) && !lists.problems.some((p) => p.severity === 'error');
  return allGood ? ExitCode.ok : ExitCode.entriesFailed;
}

async function entryStatus(entry: ListEntry, engine: Engine | undefined): Promise<EntryStatus> {
  const status: EntryStatus = {
    list: entry.list,
    line: entry.line,
    archive: entry.archivePath,
    reference: entry.reference.nameTag,
    archiveFound: false,
    format: null,
    archiveBytes: null,
    archiveError: null,
    present: null,
    imageId: null,
    expectedId: entry.expectedId ?? null,
  };
  try {
    const info = await inspectArchive({ archivePath: entry.archivePath, imagesDir: entry.imagesDir, context: entry });
    Object.assign(status, { archiveFound: true, format: info.format, archiveBytes: info.bytes });
  } catch (error) {
    status.archiveError = messageOf(error);
  }
  if (engine) {
    const image = await engine.find(entry.reference);
    status.present = image !== undefined;
    status.imageId = image?.id ?? null;
  }
  return status;
}

function table(report: StatusReport): string {
  const engine = 'error' in report.engine ? `engine: not reachable (${report.engine.error})` : `engine: ${report.engine.kind} ${report.engine.version} on ${report.engine.socket}`;
  const rows = report.entries.map((e) => [
    e.reference,
    e.present === null ? '?' : e.present ? 'present' : 'missing',
    e.imageId ? e.imageId.replace(/^sha256:/, '').slice(0, 12) : '-',
    e.archiveFound ? `${e.format} ${formatBytes(e.archiveBytes ?? 0)}` : `archive problem: ${e.archiveError}`,
    `${e.list}:${e.line}`,
  ]);
  const header = ['IMAGE', 'STATE', 'ID', 'ARCHIVE', 'LIST'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [engine, line(header), ...rows.map(line)].join('\n');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return formatMiB(bytes);
}
