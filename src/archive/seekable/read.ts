import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { BufferPool, type Chunk } from '../chunk.js';
import { decodeZstd } from '../codecs/zstd.js';
import { READ_CHUNK_BYTES, type DecoderLimits } from '../limits.js';
import { frameHeader } from '../zstd-frames.js';
import {
  checkToc,
  frameAt,
  memberTarBytes,
  SKIPPABLE_HEADER_BYTES,
  TAR_BLOCK,
  TOC_FRAME_MAGIC,
  TOC_MAX_BYTES,
  TOC_TAIL,
  TOC_TAIL_BYTES,
  TocMismatch,
  type Toc,
  type TocFrame,
  type TocMember,
} from './toc.js';

// Reading a seekable .tar.zst (toc.ts) a piece at a time: find and check its table of contents,
// check the frames an entry needs, and decode only those through Debian's `zstd -dc` (fed just
// their bytes: concatenated frames decode as one stream). Whatever does not match sends the
// caller back to reading the archive whole, as any other.

export type TocReading = { toc: Toc } | { mismatch: string } | { none: true };

/** The archive's table of contents; `none` when it has none (any other zstd or tar file). */
export async function readToc(file: FileHandle): Promise<TocReading> {
  const { size } = await file.stat();
  if (size < SKIPPABLE_HEADER_BYTES + TOC_TAIL_BYTES) return { none: true };
  const tail = await readAt(file, size - TOC_TAIL_BYTES, TOC_TAIL_BYTES);
  if (!tail.subarray(8).equals(TOC_TAIL)) return { none: true };
  try {
    const jsonBytes = Number(tail.readBigUInt64LE(0));
    const frameOffset = size - TOC_TAIL_BYTES - jsonBytes - SKIPPABLE_HEADER_BYTES;
    if (jsonBytes > TOC_MAX_BYTES || frameOffset < 0) throw new TocMismatch(`the table of contents claims ${jsonBytes} bytes, the file has ${size}`);
    const header = await readAt(file, frameOffset, SKIPPABLE_HEADER_BYTES);
    if (header.readUInt32LE(0) !== TOC_FRAME_MAGIC || header.readUInt32LE(4) !== jsonBytes + TOC_TAIL_BYTES) {
      throw new TocMismatch('the table of contents is not inside its own frame (truncated or edited?)');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse((await readAt(file, frameOffset + SKIPPABLE_HEADER_BYTES, jsonBytes)).toString('utf8'));
    } catch {
      throw new TocMismatch('the table of contents is not valid JSON');
    }
    return { toc: checkToc(parsed, frameOffset) };
  } catch (error) {
    if (error instanceof TocMismatch) return { mismatch: error.message };
    throw error;
  }
}

/** The frames holding these members (and every member they hold), in file order. */
export function framesFor(toc: Toc, names: Iterable<string>): TocFrame[] {
  const byName = new Map(toc.members.map((member) => [member.name, member]));
  const chosen = new Set<TocFrame>();
  for (const name of names) {
    const member = byName.get(name);
    if (member === undefined) throw new TocMismatch(`the table of contents has no member ${name}`);
    chosen.add(frameAt(toc, member.tarOffset)!);
  }
  return toc.frames.filter((frame) => chosen.has(frame));
}

/**
 * Before anything is decoded or sent: each frame starts with a zstd frame header that declares
 * the size the TOC says it decodes to, and its bytes have the digest the TOC gives. A TOC from
 * another archive, or an archive edited after packing, fails here.
 */
export async function verifyFrames(file: FileHandle, frames: TocFrame[], signal?: AbortSignal): Promise<void> {
  for (const frame of frames) {
    // 18 bytes hold the longest frame header; the TOC's own frame follows every data frame, so they exist.
    const head = await readAt(file, frame.offset, 18);
    const declared = frameHeader(head)?.contentSize;
    if (declared !== frame.tarLength) throw new TocMismatch(`the frame at byte ${frame.offset} is not the one the table of contents describes`);
    const hash = createHash('sha256');
    for await (const chunk of readRanges(file, [frame], signal)) {
      hash.update(chunk.data);
      chunk.release();
    }
    if (hash.digest('hex') !== frame.sha256) throw new TocMismatch(`the frame at byte ${frame.offset} does not have the digest the table of contents gives`);
  }
}

export interface MemberBytes {
  member: TocMember;
  /** A piece of the member as it lies in the tar: its header, its data, its padding. */
  data: Buffer;
}

/**
 * Decode `frames` (checked with verifyFrames) and yield the bytes of the members in `wanted`,
 * in archive order; the other members those frames hold are decoded and dropped. Each member's
 * header must decode to the name and size the TOC gives, or the archive is not what it says.
 */
export async function* decodeMembers(
  file: FileHandle,
  toc: Toc,
  frames: TocFrame[],
  wanted: ReadonlySet<string>,
  limits: DecoderLimits,
  signal?: AbortSignal,
): AsyncGenerator<MemberBytes> {
  const walker = new MemberWalker(toc, frames);
  for await (const chunk of decodeZstd(readRanges(file, frames, signal), limits, signal)) {
    for (const piece of walker.split(chunk.data)) if (wanted.has(piece.member.name)) yield piece;
    chunk.release();
  }
  walker.finish();
}

/** manifest.json and configs are a few KiB; a table claiming more is not to be held in memory. */
export const METADATA_MAX_BYTES = 4 * 1024 * 1024;

/** The whole content of small members (manifest.json, configs), each as one buffer. */
export async function readMembers(file: FileHandle, toc: Toc, names: string[], limits: DecoderLimits, signal?: AbortSignal): Promise<Map<string, Buffer>> {
  const contents = new Map<string, Buffer>();
  for (const [name, { content }] of await readMemberBlocks(file, toc, names, limits, signal)) contents.set(name, content);
  return contents;
}

/** Small members as they lie in the tar (header, data, padding) and their content alone, their frames checked first. */
export async function readMemberBlocks(
  file: FileHandle,
  toc: Toc,
  names: string[],
  limits: DecoderLimits,
  signal?: AbortSignal,
): Promise<Map<string, { member: TocMember; block: Buffer; content: Buffer }>> {
  for (const name of names) {
    const member = toc.members.find((m) => m.name === name);
    if (member !== undefined && member.size > METADATA_MAX_BYTES) throw new TocMismatch(`${name} would be ${member.size} bytes, too large for metadata`);
  }
  const frames = framesFor(toc, names);
  await verifyFrames(file, frames, signal);
  const parts = new Map<string, { member: TocMember; pieces: Buffer[] }>();
  for await (const { member, data } of decodeMembers(file, toc, frames, new Set(names), limits, signal)) {
    const entry = parts.get(member.name) ?? { member, pieces: [] };
    entry.pieces.push(Buffer.from(data));
    parts.set(member.name, entry);
  }
  return new Map(
    [...parts].map(([name, { member, pieces }]) => {
      const block = Buffer.concat(pieces);
      return [name, { member, block, content: block.subarray(TAR_BLOCK, TAR_BLOCK + member.size) }];
    }),
  );
}

/** Follows the decoded tar of some frames: which member each byte belongs to, headers checked. */
class MemberWalker {
  private readonly spans: { start: number; end: number; member?: TocMember }[] = [];
  private span = 0;
  private position: number;
  private header = Buffer.alloc(0);

  constructor(toc: Toc, frames: TocFrame[]) {
    for (const frame of frames) {
      let at = frame.tarOffset;
      const end = frame.tarOffset + frame.tarLength;
      for (const member of toc.members) {
        if (member.tarOffset < frame.tarOffset || member.tarOffset >= end) continue;
        const memberEnd = member.tarOffset + memberTarBytes(member.size);
        this.spans.push({ start: member.tarOffset, end: memberEnd, member });
        at = memberEnd;
      }
      // What follows the last member: the end-of-archive blocks in the last frame.
      if (at < end) this.spans.push({ start: at, end });
    }
    this.position = this.spans[0]?.start ?? 0;
  }

  *split(data: Buffer): Generator<MemberBytes> {
    let rest = data;
    while (rest.length > 0) {
      const span = this.spans[this.span];
      if (span === undefined) throw new TocMismatch('the frames decode to more than the table of contents says');
      const take = Math.min(rest.length, span.end - this.position);
      const piece = rest.subarray(0, take);
      if (span.member) {
        this.checkHeader(span.member, span.start, piece);
        yield { member: span.member, data: piece };
      }
      this.position += take;
      rest = rest.subarray(take);
      if (this.position === span.end) this.position = this.spans[++this.span]?.start ?? this.position;
    }
  }

  finish(): void {
    if (this.span !== this.spans.length) throw new TocMismatch('the frames decode to less than the table of contents says');
  }

  private checkHeader(member: TocMember, start: number, piece: Buffer): void {
    const offset = this.position - start;
    if (offset >= TAR_BLOCK) return;
    this.header = Buffer.concat([this.header, piece.subarray(0, TAR_BLOCK - offset)]);
    if (this.header.length < TAR_BLOCK) return;
    const decoded = decodeHeader(this.header);
    this.header = Buffer.alloc(0);
    if (decoded.name !== member.name || decoded.size !== member.size) {
      throw new TocMismatch(`the table of contents says ${member.name} (${member.size} bytes) where the tar holds ${decoded.name} (${decoded.size} bytes)`);
    }
  }
}

/** Name and size of a ustar header (the only kind pack writes). */
export function decodeHeader(block: Buffer): { name: string; size: number } {
  const text = (from: number, length: number) => {
    const field = block.subarray(from, from + length);
    const end = field.indexOf(0);
    return field.subarray(0, end === -1 ? length : end).toString('utf8');
  };
  const prefix = block.subarray(257, 262).toString('latin1') === 'ustar' ? text(345, 155) : '';
  const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
  const size = parseInt(text(124, 12).trim() || '0', 8);
  return { name, size };
}

/** The bytes of these frames, in order, as pooled chunks (adjacent frames read as one range). */
async function* readRanges(file: FileHandle, frames: TocFrame[], signal?: AbortSignal): AsyncGenerator<Chunk> {
  const pool = new BufferPool(READ_CHUNK_BYTES, 2);
  const ranges: { start: number; end: number }[] = [];
  for (const frame of frames) {
    const last = ranges.at(-1);
    if (last && last.end === frame.offset) last.end += frame.length;
    else ranges.push({ start: frame.offset, end: frame.offset + frame.length });
  }
  for (const range of ranges) {
    let position = range.start;
    while (position < range.end) {
      signal?.throwIfAborted();
      const buffer = await pool.acquire();
      const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, range.end - position), position);
      if (bytesRead === 0) {
        pool.put(buffer);
        throw new TocMismatch(`the file ends at byte ${position}, inside a frame the table of contents lists`);
      }
      position += bytesRead;
      yield pool.chunk(buffer, bytesRead);
    }
  }
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}
