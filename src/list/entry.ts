import type { Policy } from './policy.js';
import type { ImageReference } from './reference.js';

/** One valid line of an image.list. */
export interface ListEntry {
  /** The image.list file this came from. */
  list: string;
  line: number;
  /** Archive path as written in the list (relative to images/). */
  archiveName: string;
  /** Absolute path: `<dir of list>/images/<archiveName>`, checked to stay inside images/. */
  archivePath: string;
  imagesDir: string;
  reference: ImageReference;
  /** Expected image ID (`id=`), verified after a load. */
  expectedId: string | undefined;
  /** Uncompressed size in bytes (`size=`, written by `pack`). */
  size: number | undefined;
  /** Digest of the archive file (`sha256=`, written by `pack`). */
  archiveSha256: string | undefined;
  /** `policy=`: when to load; undefined takes the configured default. */
  policy: Policy | undefined;
  /** `delete=yes|no`: delete the archive once its image is verified; undefined takes the default. */
  deleteAfterLoad: boolean | undefined;
  /** Later lines naming the same image that agree with this one (duplicates.ts): checked against the loaded image's ID. */
  alsoListed?: ListEntry[];
}

/** A line that cannot be used, reported as `file:line: reason` and skipped. */
export interface ListProblem {
  list: string;
  line: number | undefined;
  reason: string;
  /** Warnings are reported but the line still loads; info is a note (a repeated line that agrees). */
  severity: 'error' | 'warning' | 'info';
  /** What to do, when the reason does not say it. */
  hint?: string;
}
