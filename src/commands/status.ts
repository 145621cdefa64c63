import { inspectArchive } from '../archive/open.js';
import { classifyError } from '../classify-error.js';
import type { Settings } from '../config/settings.js';
import type { Engine } from '../engine/engine.js';
import { ExitCode, PreloadError, messageOf } from '../errors.js';
import type { ListEntry } from '../list/entry.js';
import type { Policy } from '../list/policy.js';
import { readLists } from '../list/read.js';
import { planSend } from '../loader/entry-stream.js';
import { prefetchPresence } from '../loader/prefetch.js';
import { StateFile, type FailureRecord, type ImageRecord } from '../state/state-file.js';
import { connect } from './connect.js';
import { originOf, type Origin } from './origin.js';
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
  /** The spelling the engine holds it under (Podman: `localhost/app:1` or `docker.io/library/app:1`). */
  storedAs: string | null;
  expectedId: string | null;
  /** The entry's policy= or the configured default. */
  policy: Policy;
  /** What the state file remembers of the last load of this tag, if anything. */
  lastLoad: { at: string; archive: string; fingerprint: string; imageId: string; archiveDeleted: boolean } | null;
  /** The last run's failure for this tag (cleared once it is fine again). */
  lastFailure: { at: string; message: string } | null;
  /** Who put the present image there (null when not present or not known): origin.ts. */
  origin: Origin | null;
  /** The other lines' names loaded from the same archive (a bundle, several tags of one image); empty when none. */
  sharedWith: string[];
  /**
   * For a missing image: whether a load now would go thin (without the layers the engine holds)
   * or whole, the tar bytes it would send, and the tar bytes it would decode (a seekable zstd:
   * only the frames it sends, from its table of contents; any other archive: all of it).
   */
  send: { mode: 'thin' | 'whole'; tarBytes: number; decodeBytes: number } | null;
}

export interface StatusReport {
  engine: { kind: string; socket: string; version: string; apiVersion: string | null } | { error: string };
  entries: EntryStatus[];
  problems: Array<{ list: string; line: number | null; reason: string; severity: string }>;
}

export interface StatusRun {
  settings: Pick<Settings, 'lists' | 'engine' | 'socket' | 'waitEngine' | 'policy' | 'stateFile' | 'maxDecoderMemory'>;
  json: boolean;
  log: Logger;
  print: (text: string) => void;
  /** Aborted by SIGTERM/SIGINT. */
  signal?: AbortSignal;
}

/** Everything `status` knows, without changing anything: no lock, no load. */
export async function runStatus(run: StatusRun): Promise<ExitCode> {
  const { settings, log } = run;
  const lists = await readLists(settings.lists, run.signal);
  reportProblems(log, lists.problems);
  let engine: Engine | undefined;
  let engineError: PreloadError | undefined;
  try {
    engine = await connect(settings, log, { signal: run.signal });
  } catch (error) {
    engineError = classifyError(error);
    log.error(engineError.line);
  }
  const state = await StateFile.open(settings.stateFile, (message) => log.warn(message));
  const entries: EntryStatus[] = [];
  // All presence questions at once (one list request on Docker), answered in list order.
  const presence = engine ? prefetchPresence(lists.entries, engine) : undefined;
  const namesByArchive = new Map<string, string[]>();
  for (const entry of lists.entries) namesByArchive.set(entry.archivePath, [...(namesByArchive.get(entry.archivePath) ?? []), entry.reference.nameTag]);
  for (const entry of lists.entries) {
    const status = await entryStatus(entry, settings.policy, state.get(entry.reference.nameTag), state.failed().get(entry.reference.nameTag));
    status.sharedWith = namesByArchive.get(entry.archivePath)!.filter((name) => name !== entry.reference.nameTag);
    if (engine && !engineError) {
      // An engine that stops answering midway is one line, and the remaining entries stay unknown.
      try {
        const image = await presence!.get(entry);
        Object.assign(status, { present: image !== undefined, imageId: image?.id ?? null, storedAs: image?.name ?? null, origin: image ? originOf(image.id, entry.expectedId, state.get(entry.reference.nameTag)) : null });
        if (!image && status.archiveFound) status.send = await sendOf(entry, engine, settings.maxDecoderMemory);
      } catch (error) {
        engineError = classifyError(error);
        log.error(engineError.line);
      }
    }
    entries.push(status);
  }
  const report: StatusReport = {
    engine: engine && !engineError ? { kind: engine.kind, socket: engine.socketPath, version: engine.version, apiVersion: engine.apiVersion ?? null } : { error: engineError!.message },
    entries,
    problems: lists.problems.map((p) => ({ list: p.list, line: p.line ?? null, reason: p.reason, severity: p.severity })),
  };
  run.print(run.json ? JSON.stringify(report, null, 2) : table(report));
  if (engineError) return engineError.exitCode;
  const allGood = entries.every((e) => e.present) && !lists.problems.some((p) => p.severity === 'error');
  return allGood ? ExitCode.ok : ExitCode.entriesFailed;
}

async function entryStatus(entry: ListEntry, defaultPolicy: Policy, record: ImageRecord | undefined, failure: FailureRecord | undefined): Promise<EntryStatus> {
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
    storedAs: null,
    expectedId: entry.expectedId ?? null,
    policy: entry.policy ?? defaultPolicy,
    lastFailure: failure ? { at: failure.at, message: failure.message } : null,
    origin: null,
    sharedWith: [],
    send: null,
    lastLoad: record ? { at: record.loadedAt, archive: record.archive, fingerprint: record.fingerprint, imageId: record.imageId, archiveDeleted: record.deleted === true } : null,
  };
  try {
    const info = await inspectArchive({ archivePath: entry.archivePath, imagesDir: entry.imagesDir, context: entry });
    Object.assign(status, { archiveFound: true, format: info.format, archiveBytes: info.bytes });
  } catch (error) {
    status.archiveError = messageOf(error);
  }
  return status;
}

/** From the table of contents of a seekable zstd, else read through once (decoded, not sent); an archive that cannot be read says so in archiveError already. */
async function sendOf(entry: ListEntry, engine: Engine, maxDecoderMemory: number): Promise<EntryStatus['send']> {
  const plan = await planSend(entry, { engine, limits: { maxDecoderMemory }, layerChains: engine.layerChains?.bind(engine) }).catch(() => undefined);
  return plan ? { mode: plan.mode, tarBytes: plan.tarBytes, decodeBytes: plan.decodeBytes } : null;
}

function table(report: StatusReport): string {
  const engine = 'error' in report.engine ? `engine: not reachable (${report.engine.error})` : `engine: ${report.engine.kind} ${report.engine.version}${report.engine.apiVersion ? ` (API ${report.engine.apiVersion})` : ''} on ${report.engine.socket}`;
  const rows = report.entries.map((e) => [
    e.reference,
    e.present === null ? '?' : e.present ? 'present' : e.lastFailure ? 'failed' : 'missing',
    e.imageId ? e.imageId.replace(/^sha256:/, '').slice(0, 12) : '-',
    e.policy,
    e.lastLoad ? `${e.lastLoad.at.replace(/\.\d+Z$/, 'Z')} ${shortDigest(e.lastLoad.fingerprint)}${e.lastLoad.archiveDeleted ? ' (archive deleted)' : ''}` : '-',
    e.archiveFound ? `${e.format} ${formatBytes(e.archiveBytes ?? 0)}${e.send ? ` (${e.send.mode}: ${formatBytes(e.send.tarBytes)} to send${decodedText(e.send)})` : ''}${e.sharedWith.length > 0 ? `, shared with ${e.sharedWith.join(' ')}` : ''}` : `archive problem: ${e.archiveError}`,
    `${e.list}:${e.line}`,
  ]);
  const header = ['IMAGE', 'STATE', 'ID', 'POLICY', 'LAST LOADED', 'ARCHIVE', 'LIST'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const failures = report.entries.flatMap((e) => (e.lastFailure && !e.present ? [`${e.reference}: last run failed it (${e.lastFailure.at}): ${e.lastFailure.message}`] : []));
  return [engine, line(header), ...rows.map(line), ...failures].join('\n');
}

/** What is decoded beyond what is sent (the whole of a bundle when it is not seekable). */
function decodedText(send: NonNullable<EntryStatus['send']>): string {
  return send.decodeBytes > send.tarBytes ? `, ${formatBytes(send.decodeBytes)} decoded` : '';
}

/** `sha256:0123456789ab` of a fingerprint; a stat fingerprint as it is. */
function shortDigest(fingerprint: string): string {
  return fingerprint.startsWith('sha256:') ? fingerprint.slice(0, 19) : fingerprint;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return formatMiB(bytes);
}
