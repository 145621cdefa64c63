import type { Writable } from 'node:stream';

/** Resolves once `stream` can take more, or has closed (then nothing more will be taken). */
export function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
