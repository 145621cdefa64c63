import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Read a file the daemon is given (a list, the state file) the way archives are opened:
 * non-blocking, so a FIFO in its place cannot hang the run (a blocked open() also holds a
 * libuv thread that even process.exit() waits for), and read only once the open descriptor
 * is known to be a regular file. Anything else throws `not a regular file`.
 */
export async function readRegularFile(file: string): Promise<string> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
