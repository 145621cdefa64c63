/** What an archive file holds, told by its first bytes, never by its name. */
export type ArchiveFormat = 'zstd' | 'xz' | 'gzip' | 'tar' | 'empty' | 'unknown';

/** Bytes needed to recognise every format (tar's magic sits at offset 257). */
export const SNIFF_BYTES = 512;

const ZSTD_FRAME = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
const XZ = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
const GZIP = Buffer.from([0x1f, 0x8b]);
const USTAR = Buffer.from('ustar');
const TAR_MAGIC_OFFSET = 257;

export function sniffFormat(head: Uint8Array): ArchiveFormat {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, ZSTD_FRAME) || isZstdSkippableFrame(bytes)) return 'zstd';
  if (startsWith(bytes, XZ)) return 'xz';
  if (startsWith(bytes, GZIP)) return 'gzip';
  if (bytes.subarray(TAR_MAGIC_OFFSET, TAR_MAGIC_OFFSET + USTAR.length).equals(USTAR)) return 'tar';
  return 'unknown';
}

function startsWith(bytes: Buffer, magic: Buffer): boolean {
  return bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);
}

/** pzstd (ISAR's compressor) starts its output with a skippable frame: 0x184D2A50..5F little-endian. */
function isZstdSkippableFrame(bytes: Buffer): boolean {
  return bytes.length >= 4 && (bytes.readUInt32LE(0) & 0xfffffff0) === 0x184d2a50;
}
