// The one self-rewriting line (progress) at the bottom of a terminal. Log lines written
// meanwhile go above it: the line is cleared, the log line written, the line drawn again.

const CLEAR = '\r\x1b[K';

export interface LiveLine {
  show(text: string): void;
  clear(): void;
  /** Write a whole line (ending in \n) above the live line. */
  writeAbove(line: string): void;
}

export function liveLineOn(stream: { write(text: string): unknown }): LiveLine {
  let shown: string | undefined;
  return {
    show(text) {
      shown = text;
      stream.write(`${CLEAR}${text}`);
    },
    clear() {
      if (shown !== undefined) stream.write(CLEAR);
      shown = undefined;
    },
    writeAbove(line) {
      stream.write(shown === undefined ? line : `${CLEAR}${line}${shown}`);
    },
  };
}

/**
 * stderr's live line, shared by the logger and the progress reporters. process.stderr is only
 * touched at the first write: creating it loads node:net when stderr is a pipe or socket.
 */
export const stderrLine: LiveLine = liveLineOn({ write: (text: string) => process.stderr.write(text) });
