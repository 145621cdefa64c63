import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { messageOf } from '../errors.js';
import { writeFileAtomically } from '../system/write-atomically.js';

// What the daemon did, per image: which archive it loaded (its fingerprint) and the image ID
// that produced. It lets the `changed` policy tell a firmware update (new archive, our image
// still there) from a runtime update (someone else's image under the tag). Losing the file
// is harmless: entries then fall back to the cautious choice (keep what is there).

export { DEFAULT_STATE_FILE } from './state-path.js';

export interface ImageRecord {
  archive: string;
  fingerprint: string;
  imageId: string;
  loadedAt: string;
  deleted?: boolean;
}

function isRecord(value: unknown): value is ImageRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const texts = ['archive', 'fingerprint', 'imageId', 'loadedAt'].every((key) => typeof record[key] === 'string');
  return texts && (record.deleted === undefined || typeof record.deleted === 'boolean');
}

/** `{ version: 1, images: { name:tag: record } }`, checked by hand (no schema library at boot). */
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

  private constructor(
    readonly file: string,
    private readonly images: Record<string, ImageRecord>,
    private readonly warn: (message: string) => void,
  ) {}

  /** A missing file is an empty state; an unreadable or corrupt one is a warning and an empty state. */
  static async open(file: string, warn: (message: string) => void): Promise<StateFile> {
    let images: Record<string, ImageRecord> = {};
    try {
      const parsed = imagesOf(JSON.parse(await readFile(file, 'utf8')));
      if (parsed) images = parsed;
      else warn(`${file}: not a preload-daemon state file; starting from an empty state`);
    } catch (error) {
      // ENOTDIR: a path under a file; the write will say so once.
      if (!['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) warn(`${file}: ${messageOf(error)}; starting from an empty state`);
    }
    return new StateFile(file, images, warn);
  }

  get(nameTag: string): ImageRecord | undefined {
    return this.images[nameTag];
  }

  /** Record and write at once (atomically: aside, then rename), so a power cut loses at most this entry. */
  record(nameTag: string, record: Omit<ImageRecord, 'loadedAt'> & { loadedAt?: string }): Promise<void> {
    this.images[nameTag] = { ...record, loadedAt: record.loadedAt ?? new Date().toISOString() };
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  private async write(): Promise<void> {
    const text = `${JSON.stringify({ version: 1, images: this.images }, null, 2)}\n`;
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
