import { ArchiveError } from '../../errors.js';

// The table of contents of a seekable .tar.zst: every tar member starts a zstd frame (small
// ones may share one), and a zstd *skippable* frame at the end says where each frame and
// member lies. Any zstd decoder (zstd -dc, pzstd -dc, the engines' own) skips that frame, so
// the file stays one ordinary zstd stream; containers-storage's zstd:chunked is the model.
//
// Layout of the last frame:  magic (u32 LE) | payload size (u32 LE) | TOC JSON | JSON size (u64 LE) | "PDTOC\0v1"
// The fixed tail lets a reader find the JSON from the last 16 bytes of the file.

/** A skippable frame magic (0x184D2A50–5F); not 0x…50, which pzstd reads as its own size hint. */
export const TOC_FRAME_MAGIC = 0x184d2a5e;
export const TOC_TAIL = Buffer.from('PDTOC\0v1', 'latin1');
export const TOC_TAIL_BYTES = 16;
export const SKIPPABLE_HEADER_BYTES = 8;
export const TOC_VERSION = 1;
/** A TOC larger than this is not ours (thousands of members fit in a few hundred KiB). */
export const TOC_MAX_BYTES = 16 * 1024 * 1024;
export const TAR_BLOCK = 512;

export interface TocFrame {
  /** Where the compressed frame lies in the file. */
  offset: number;
  length: number;
  /** What it decodes to: a range of the tar stream that starts on a member's header. */
  tarOffset: number;
  tarLength: number;
  /** sha256 of the compressed bytes: a frame is used only if it is the one the packer wrote. */
  sha256: string;
}

export interface TocMember {
  name: string;
  /** Where its 512-byte header starts in the tar stream; its data follows. */
  tarOffset: number;
  size: number;
}

export interface Toc {
  version: number;
  /** Bytes of zstd frames before the TOC's own frame. */
  framesBytes: number;
  /** Bytes of the whole tar stream, end-of-archive blocks included. */
  tarBytes: number;
  frames: TocFrame[];
  members: TocMember[];
}

/** The space a member takes in the tar stream: its header and its data padded to whole blocks. */
export function memberTarBytes(size: number): number {
  return TAR_BLOCK + Math.ceil(size / TAR_BLOCK) * TAR_BLOCK;
}

/** Where the last member ends in the tar stream: the end-of-archive blocks follow. */
export function membersEnd(toc: Toc): number {
  return toc.members.reduce((end, member) => Math.max(end, member.tarOffset + memberTarBytes(member.size)), 0);
}

/** The TOC's skippable frame, to append after the last data frame. */
export function encodeTocFrame(toc: Toc): Buffer {
  const json = Buffer.from(JSON.stringify(toc));
  const header = Buffer.alloc(SKIPPABLE_HEADER_BYTES);
  header.writeUInt32LE(TOC_FRAME_MAGIC, 0);
  header.writeUInt32LE(json.length + TOC_TAIL_BYTES, 4);
  const tail = Buffer.alloc(TOC_TAIL_BYTES);
  tail.writeBigUInt64LE(BigInt(json.length), 0);
  TOC_TAIL.copy(tail, 8);
  return Buffer.concat([header, json, tail]);
}

/**
 * Why a TOC cannot be trusted: a reader then reads the archive whole like any other. Should
 * one escape (a member's header found wrong while decoding), it is a damaged archive.
 */
export class TocMismatch extends ArchiveError {
  override name = 'TocMismatch';
  constructor(message: string) {
    super(`table of contents: ${message}`, { hint: 'the archive was damaged or edited after packing: restore it from the firmware image' });
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Check a parsed TOC against itself and the file's size: frames back to back from offset 0 up
 * to the TOC's frame, their tar ranges back to back up to tarBytes, every member inside one
 * frame, in order, without overlap, and each frame starting on a member's header.
 */
export function checkToc(value: unknown, tocFrameOffset: number): Toc {
  const fail = (why: string): never => {
    throw new TocMismatch(why);
  };
  if (typeof value !== 'object' || value === null) return fail('the table of contents is not an object');
  const toc = value as Partial<Toc>;
  if (toc.version !== TOC_VERSION) fail(`table of contents version ${String(toc.version)}, expected ${TOC_VERSION}`);
  if (!isCount(toc.framesBytes) || !isCount(toc.tarBytes) || !Array.isArray(toc.frames) || !Array.isArray(toc.members)) fail('the table of contents lacks its fields');
  if (toc.framesBytes !== tocFrameOffset) fail(`the table of contents describes ${toc.framesBytes} bytes of frames, the file has ${tocFrameOffset} before it`);
  let offset = 0;
  let tarOffset = 0;
  for (const frame of toc.frames!) {
    const f = frame as Partial<TocFrame>;
    if (!isCount(f.offset) || !isCount(f.length) || !isCount(f.tarOffset) || !isCount(f.tarLength) || typeof f.sha256 !== 'string' || !HEX64.test(f.sha256)) {
      fail('a frame entry lacks its fields');
    }
    if (f.offset !== offset || f.tarOffset !== tarOffset || f.length === 0 || f.tarLength! % TAR_BLOCK !== 0) fail(`frame at ${f.offset} is not where the previous one ends`);
    offset += f.length!;
    tarOffset += f.tarLength!;
  }
  if (offset !== toc.framesBytes) fail(`the frames cover ${offset} bytes, not ${toc.framesBytes}`);
  if (tarOffset !== toc.tarBytes) fail(`the frames decode to ${tarOffset} bytes, not ${toc.tarBytes}`);
  let end = 0;
  const starts = new Set(toc.frames!.map((f) => f.tarOffset));
  const covered = new Set<number>();
  for (const member of toc.members!) {
    const m = member as Partial<TocMember>;
    if (typeof m.name !== 'string' || m.name === '' || !isCount(m.tarOffset) || !isCount(m.size)) fail('a member entry lacks its fields');
    if (m.tarOffset! < end || m.tarOffset! % TAR_BLOCK !== 0) fail(`member ${m.name} overlaps the one before it`);
    const frame = frameAt(toc as Toc, m.tarOffset!);
    end = m.tarOffset! + memberTarBytes(m.size!);
    if (frame === undefined || end > frame.tarOffset + frame.tarLength) fail(`member ${m.name} does not lie inside one frame`);
    if (starts.has(m.tarOffset!)) covered.add(m.tarOffset!);
  }
  if (covered.size !== toc.frames!.length) fail('a frame does not start on a member');
  return toc as Toc;
}

/** The frame whose tar range holds this tar offset. */
export function frameAt(toc: Toc, tarOffset: number): TocFrame | undefined {
  let low = 0;
  let high = toc.frames.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const frame = toc.frames[mid]!;
    if (tarOffset < frame.tarOffset) high = mid - 1;
    else if (tarOffset >= frame.tarOffset + frame.tarLength) low = mid + 1;
    else return frame;
  }
  return undefined;
}
