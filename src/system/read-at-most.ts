import type { FileHandle } from 'node:fs/promises';

/** Small steps: a list of a few KiB costs a few KiB, and a file that never ends stops at the cap. */
const STEP_BYTES = 64 * 1024;

/**
 * Up to LIMIT bytes of an open file, read in order from its current position; `over` says it
 * holds more. Never asks the size first: /dev/zero, a FIFO or a file still growing are
 * bounded by what is read, not by what fstat claims.
 */
export async function readAtMost(file: FileHandle, limit: number): Promise<{ bytes: Buffer; over: boolean }> {
  const parts: Buffer[] = [];
  let total = 0;
  while (total <= limit) {
    const buffer = Buffer.allocUnsafe(Math.min(STEP_BYTES, limit + 1 - total));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
    if (bytesRead === 0) break;
    parts.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
    total += bytesRead;
  }
  const over = total > limit;
  return { bytes: Buffer.concat(parts).subarray(0, Math.min(total, limit)), over };
}
