import type { FileHandle } from 'node:fs/promises';
import { unpooled, type Chunk } from '../chunk.js';
import type { DecoderLimits } from '../limits.js';
import { decodeMembers, type MemberBytes } from './read.js';
import { frameAt, memberTarBytes, membersEnd, TAR_BLOCK, TocMismatch, type Toc, type TocFrame, type TocMember } from './toc.js';

// The tar of a seekable archive as one entry's load needs it, with only some frames decoded:
// the members those frames hold as they lie in the tar, every other member as its header with
// size 0 (what the tar editor sends for a member it empties), then the end-of-archive blocks.
// Passed through the entry's editor, it gives the bytes the whole tar would have given.

export interface SparseTar {
  tar: AsyncIterable<Chunk>;
  /** Bytes `tar` yields. */
  bytes: number;
  /** Bytes the decoder outputs: the frames' tar ranges. */
  decodedBytes: number;
  /** How far into the archive's own tar the output has come (for progress against toc.tarBytes). */
  position(): number;
}

export function sparseTar(
  file: FileHandle,
  toc: Toc,
  /** The frames to decode, in file order, already checked by verifyFrames. */
  frames: TocFrame[],
  emptyHeader: (member: TocMember) => Buffer,
  limits: DecoderLimits,
  signal?: AbortSignal,
): SparseTar {
  const decoded = new Set(frames);
  const isDecoded = (member: TocMember) => decoded.has(frameAt(toc, member.tarOffset)!);
  const endBlocks = toc.tarBytes - membersEnd(toc);
  let position = 0;

  async function* walk(): AsyncGenerator<Chunk> {
    const wanted = new Set(toc.members.filter(isDecoded).map((member) => member.name));
    const pieces = decodeMembers(file, toc, frames, wanted, limits, signal);
    try {
      for (const member of toc.members) {
        if (!isDecoded(member)) {
          position = member.tarOffset + memberTarBytes(member.size);
          yield unpooled(emptyHeader(member));
          continue;
        }
        for (let left = memberTarBytes(member.size); left > 0; ) {
          const piece = await nextPiece(pieces, member);
          left -= piece.data.length;
          position += piece.data.length;
          yield unpooled(piece.data);
        }
      }
      // The decoder's own end: it checks that the frames held nothing more.
      if (!(await pieces.next()).done) throw new TocMismatch('the frames decode to more than the table of contents says');
    } finally {
      await pieces.return(undefined);
    }
    if (endBlocks > 0) yield unpooled(Buffer.alloc(endBlocks));
    position = toc.tarBytes;
  }

  const inDecoded = toc.members.filter(isDecoded).reduce((sum, member) => sum + memberTarBytes(member.size), 0);
  const others = toc.members.length - toc.members.filter(isDecoded).length;
  return {
    tar: walk(),
    bytes: inDecoded + others * TAR_BLOCK + endBlocks,
    decodedBytes: frames.reduce((sum, frame) => sum + frame.tarLength, 0),
    position: () => position,
  };
}

async function nextPiece(pieces: AsyncGenerator<MemberBytes>, member: TocMember): Promise<MemberBytes> {
  const next = await pieces.next();
  if (next.done) throw new TocMismatch('the frames decode to less than the table of contents says');
  if (next.value.member !== member) throw new TocMismatch(`the frames hold ${next.value.member.name} where the table of contents says ${member.name}`);
  return next.value;
}
