import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { messageOf } from '../errors.js';
import { quoted } from '../system/quote.js';
import { readRegularFile } from '../system/read-regular-file.js';
import { syncPath, writeFileAtomically } from '../system/write-atomically.js';
import { retainRecord, type Retained } from './retention.js';

// What the daemon did, per image: which archive it loaded (its fingerprint) and the image ID
// that produced. It lets the `changed` policy tell a firmware update (new archive, our image
// still there) from a runtime update (someone else's image under the tag). Losing the file
// is harmless: entries then fall back to the cautious choice (keep what is there).

export { DEFAULT_STATE_FILE } from './state-path.js';

/**
 * What a state file may hold. A record is ~370 bytes and the records are bounded by the lists
 * (retention.ts), so 2 MiB is ~5,000 images, far past any device (tens). Parsing and writing
 * back that much adds ~12 MB to a run (measured: a 3.9 MB state, 22 MB), where a 240 MB one
 * took 1.3 GB of RSS and 8 s.
 */
export const MAX_STATE_BYTES = 2 * 1024 * 1024;
/** Failures kept for `wait` (the newest): one per listed tag at most in practice. */
export const MAX_FAILURES = 100;
/** A failure's message as kept: enough for the one error line, not for what a hostile file quotes. */
export const MAX_FAILURE_MESSAGE = 1000;

export interface ImageRecord extends Retained {
  archive: string;
  fingerprint: string;
  imageId: string;
  loadedAt: string;
  deleted?: boolean;
  /** When delete-after-load removed the archive, and which run did (`boot <boot id>, pid N`). */
  deletedAt?: string;
  deletedBy?: string;
}

function isRecord(value: unknown): value is ImageRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const texts = ['archive', 'fingerprint', 'imageId', 'loadedAt'].every((key) => typeof record[key] === 'string');
  const optional = (key: string, type: string) => record[key] === undefined || typeof record[key] === type;
  return texts && optional('deleted', 'boolean') && ['unlistedSince', 'deletedAt', 'deletedBy'].every((key) => optional(key, 'string'));
}

/** The last run's failure for a tag, so `wait` can say why an app's image is missing. */
export interface FailureRecord {
  archive: string;
  message: string;
  at: string;
}

function isFailure(value: unknown): value is FailureRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['archive', 'message', 'at'].every((key) => typeof record[key] === 'string');
}

/** Failures are a note for `wait`, never a reason to distrust the images: a malformed part is dropped. */
function failuresOf(value: unknown): Record<string, FailureRecord> {
  const failures = (value as { failures?: unknown } | null)?.failures;
  if (typeof failures !== 'object' || failures === null) return {};
  return newestFailures(Object.fromEntries(Object.entries(failures).filter(([, record]) => isFailure(record))) as Record<string, FailureRecord>);
}

/** At most MAX_FAILURES, the newest kept (ISO times sort as text). */
function newestFailures(failures: Record<string, FailureRecord>): Record<string, FailureRecord> {
  const all = Object.entries(failures);
  if (all.length <= MAX_FAILURES) return failures;
  return Object.fromEntries(all.sort(([, a], [, b]) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, MAX_FAILURES));
}

/** `{ version: 1, images: { name:tag: record }, failures?: { name:tag: failure } }`, checked by hand (no schema library at boot). */
function imagesOf(value: unknown): Record<string, ImageRecord> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const state = value as Record<string, unknown>;
  const images = state.images;
  if (state.version !== 1 || typeof images !== 'object' || images === null || Array.isArray(images)) return undefined;
  return Object.values(images).every(isRecord) ? (images as Record<string, ImageRecord>) : undefined;
}

export class StateFile {
  private writing: Promise<void> = Promise.resolve();
  private warned = false;
  /** Records noted but not written yet (adopt()); the next write or flush() carries them. */
  private unwritten = false;

  private constructor(
    readonly file: string,
    private readonly images: Record<string, ImageRecord>,
    private failures: Record<string, FailureRecord>,
    private readonly warn: (message: string) => void,
  ) {}

  /**
   * A missing file is an empty state. An unreadable one is a warning and an empty state; a
   * corrupt one (not JSON, not our schema) is also moved aside to `<file>.corrupt-<time>`, so
   * the next write does not destroy what someone may want to look at; so is one over
   * MAX_STATE_BYTES, of which no more is read. With `readOnly` (a dry run, which holds no
   * lock) nothing on disk is changed.
   */
  static async open(file: string, warn: (message: string) => void, options: { readOnly?: boolean } = {}): Promise<StateFile> {
    let images: Record<string, ImageRecord> = {};
    let failures: Record<string, FailureRecord> = {};
    let read: { text: string } | 'oversized' | undefined;
    try {
      const { text, over } = await readRegularFile(file, MAX_STATE_BYTES);
      read = over ? 'oversized' : { text };
    } catch (error) {
      // ENOTDIR: a path under a file; the write will say so once.
      if (!['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) warn(`${file}: ${messageOf(error)}; starting from an empty state`);
    }
    if (read !== undefined) {
      const problem = read === 'oversized' ? `larger than ${MAX_STATE_BYTES >> 20} MiB, the most a state file may hold (about 5,000 images)` : problemOf(read.text);
      if (typeof problem !== 'string') ({ images, failures } = problem);
      else warn(`${file}: ${problem}; ${options.readOnly ? 'left as it is (dry run)' : await moveAside(file)}; starting from an empty state`);
    }
    if (!options.readOnly) await removeDeadTemporaries(file);
    return new StateFile(file, images, failures, warn);
  }

  get(nameTag: string): ImageRecord | undefined {
    return this.images[nameTag];
  }

  /** The record of the delete-after-load that removed ARCHIVE, under whichever tag it was made. */
  deletionOf(archive: string): (ImageRecord & { nameTag: string }) | undefined {
    const found = Object.entries(this.images).find(([, record]) => record.archive === archive && record.deleted === true);
    return found && { ...found[1], nameTag: found[0] };
  }

  /** Every tag whose last load failed, with why. */
  failed(): ReadonlyMap<string, FailureRecord> {
    return new Map(Object.entries(this.failures));
  }

  /** The tag is fine now (present, loaded by someone): forget its failure. Writes only if there was one. */
  async clearFailure(nameTag: string): Promise<void> {
    if (!(nameTag in this.failures)) return;
    delete this.failures[nameTag];
    return this.schedule();
  }

  recordFailure(nameTag: string, failure: Omit<FailureRecord, 'at'>): Promise<void> {
    const message = failure.message.length > MAX_FAILURE_MESSAGE ? `${failure.message.slice(0, MAX_FAILURE_MESSAGE - 1)}…` : failure.message;
    this.failures[nameTag] = { ...failure, message, at: new Date().toISOString() };
    this.failures = newestFailures(this.failures);
    return this.schedule();
  }

  /**
   * Apply the retention rule (retention.ts) to every record, given the tags this run's lists
   * name: marks what is newly unlisted, unmarks what is named again, forgets what stayed
   * unlisted past the grace period. Written with the run's next write or flush(); returns the
   * forgotten tags.
   */
  retainListed(listed: ReadonlySet<string>, now = new Date()): string[] {
    const forgotten: string[] = [];
    for (const [nameTag, record] of Object.entries(this.images)) {
      const kept = retainRecord(record, listed.has(nameTag), now);
      if (kept === record) continue;
      this.unwritten = true;
      if (kept) this.images[nameTag] = kept;
      else {
        delete this.images[nameTag];
        forgotten.push(nameTag);
      }
    }
    return forgotten;
  }

  /** Record and write at once (durably: aside, fsync, rename, fsync the folder), so a power cut loses at most this entry. */
  record(nameTag: string, record: Omit<ImageRecord, 'loadedAt'> & { loadedAt?: string }): Promise<void> {
    this.images[nameTag] = { ...record, loadedAt: record.loadedAt ?? new Date().toISOString() };
    delete this.failures[nameTag];
    return this.schedule();
  }

  /**
   * Record without writing now: for what a later run can learn again (an image already
   * present that matches the list). 20 such images after a state reset were 20 durable
   * writes (40 fsyncs) on a warm boot; now they are one, at flush() or with the next record().
   */
  adopt(nameTag: string, record: Omit<ImageRecord, 'loadedAt'>): void {
    this.images[nameTag] = { ...record, loadedAt: new Date().toISOString() };
    this.unwritten = true;
  }

  /** Write what adopt() noted, if anything (end of a run). */
  async flush(): Promise<void> {
    if (this.unwritten) await this.schedule();
    await this.writing;
  }

  /** Writes run one after the other (--jobs records concurrently), each with the whole state. */
  private schedule(): Promise<void> {
    this.unwritten = false;
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  private async write(): Promise<void> {
    const failures = Object.keys(this.failures).length > 0 ? { failures: this.failures } : {};
    const text = `${JSON.stringify({ version: 1, images: this.images, ...failures }, null, 2)}\n`;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomically(this.file, text);
    } catch (error) {
      // A read-only /var (or a test without one) must not fail the boot.
      if (!this.warned) this.warn(`cannot write state ${this.file}: ${messageOf(error)}; the changed policy will be cautious`);
      this.warned = true;
    }
  }
}

/** The file's text, or 'oversized' past MAX_STATE_BYTES (no more is read, whatever the file is). */
/** The parsed state, or why TEXT is not a state file. */
function problemOf(text: string): { images: Record<string, ImageRecord>; failures: Record<string, FailureRecord> } | string {
  if (text.trim() === '') return 'the state file is empty';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the start of the text raw: NUL bytes and escapes must not reach the journal.
    return `not valid JSON: ${quoted(messageOf(error))}`;
  }
  const images = imagesOf(json);
  return images ? { images, failures: failuresOf(json) } : 'not a preload-daemon state file';
}

async function moveAside(file: string): Promise<string> {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(file, aside);
    await syncPath(path.dirname(file)).catch(() => {});
    return `moved aside to ${aside}`;
  } catch (error) {
    return `could not move it aside (${messageOf(error)})`;
  }
}

/** A run killed while writing leaves `<file>.<pid>.tmp`; the lock says no other run is writing now. */
async function removeDeadTemporaries(file: string): Promise<void> {
  const base = path.basename(file);
  const names = await readdir(path.dirname(file)).catch(() => [] as string[]);
  for (const name of names) {
    const pid = name.startsWith(`${base}.`) && name.endsWith('.tmp') ? name.slice(base.length + 1, -4) : '';
    if (/^\d+$/.test(pid) && !isRunning(Number(pid))) await rm(path.join(path.dirname(file), name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
