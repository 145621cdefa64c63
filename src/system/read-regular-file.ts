import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { readAtMost } from './read-at-most.js';

/**
 * Read at most LIMIT bytes of a file the daemon is given (a list, the state file) the way
 * archives are opened: non-blocking, so a FIFO in its place cannot hang the run (a blocked
 * open() also holds a libuv thread that even process.exit() waits for), and read only once the
 * open descriptor is known to be a regular file. Anything else throws `not a regular file`;
 * `over` says the file holds more than LIMIT.
 */
export async function readRegularFile(file: string, limit: number): Promise<{ text: string; over: boolean }> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    const { bytes, over } = await readAtMost(handle, limit);
    return { text: bytes.toString('utf8'), over };
  } finally {
    await handle.close();
  }
}
