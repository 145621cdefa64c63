// The uncompressed size a .zst file declares: the sum of its frames' Frame_Content_Size
// (RFC 8878 §3.1.1), found by walking the frame and block headers without decoding anything.
// `zstd` writes the size when it compresses a file; from a pipe (docker save | zstd) it cannot,
// and such a file declares nothing.

/** Bytes at POSITION, fewer at the end of the file. */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

const FRAME_MAGIC = 0xfd2fb528;
/** Skippable frames (pzstd's, or metadata): 0x184D2A50 to 0x184D2A5F. */
const SKIPPABLE_MAGIC = 0x184d2a50;
/** Magic, descriptor, window, dictionary ID (4) and content size (8) at most. */
const FRAME_HEADER_MAX = 18;
const DICTIONARY_ID_BYTES = [0, 1, 2, 4] as const;
/** A walk longer than this (a file of tiny blocks) is not worth it: the stream is capped anyway. */
const MAX_BLOCKS = 1_000_000;

/**
 * The total uncompressed size the frames of a FILE_SIZE-byte .zst declare, or undefined when any
 * frame does not declare one, or the file is not a clean sequence of frames (the decoder then
 * says what is wrong). A lying header is caught later: the decoded stream is capped at this size.
 */
export async function zstdContentSize(readAt: ReadAt, fileSize: number): Promise<number | undefined> {
  let position = 0;
  let total = 0;
  let frames = 0;
  let blocks = 0;
  while (position < fileSize) {
    const head = await readAt(position, FRAME_HEADER_MAX);
    if (head.length < 8) return undefined;
    const magic = head.readUInt32LE(0);
    if ((magic & 0xfffffff0) >>> 0 === SKIPPABLE_MAGIC) {
      position += 8 + head.readUInt32LE(4);
      continue;
    }
    if (magic !== FRAME_MAGIC) return undefined;
    const descriptor = head[4]!;
    if (descriptor & 0x08) return undefined; // reserved bit: not a frame this decoder accepts
    const singleSegment = (descriptor >> 5) & 1;
    const sizeFlag = descriptor >> 6;
    const sizeBytes = sizeFlag === 0 ? singleSegment : [0, 2, 4, 8][sizeFlag]!;
    if (sizeBytes === 0) return undefined; // this frame does not say
    const at = 5 + (singleSegment ? 0 : 1) + DICTIONARY_ID_BYTES[descriptor & 3]!;
    if (head.length < at + sizeBytes) return undefined;
    total += contentSize(head, at, sizeBytes);
    position += at + sizeBytes;
    for (let last = false; !last; ) {
      if (++blocks > MAX_BLOCKS) return undefined;
      const block = await readAt(position, 3);
      if (block.length < 3) return undefined;
      const header = block.readUIntLE(0, 3);
      const type = (header >> 1) & 3;
      if (type === 3) return undefined; // reserved block type
      last = (header & 1) === 1;
      // An RLE block stores one byte, whatever it expands to.
      position += 3 + (type === 1 ? 1 : header >>> 3);
    }
    if (descriptor & 0x04) position += 4; // content checksum
    frames++;
  }
  return position === fileSize && frames > 0 ? total : undefined;
}

function contentSize(head: Buffer, at: number, bytes: number): number {
  if (bytes === 1) return head[at]!;
  if (bytes === 2) return head.readUInt16LE(at) + 256; // the format's offset for 2-byte sizes
  if (bytes === 4) return head.readUInt32LE(at);
  return Number(head.readBigUInt64LE(at));
}
