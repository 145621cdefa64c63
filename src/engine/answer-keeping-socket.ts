import { Socket } from 'node:net';

// An engine that rejects an upload early (a bad archive) answers and closes the connection
// while we are still sending. Our next write then fails with EPIPE, and a plain net.Socket
// destroys itself at once, dropping the answer that is already in its receive buffer
// (measured against a fake engine: 15-23 % of uploads lost it). This socket keeps reading
// instead: a write to a peer that is gone only sets `writeError` and emits `peer-gone`, and
// the caller stops sending and waits (briefly) for the answer.

type WriteCallback = (error?: Error | null) => void;

const PEER_GONE = new Set(['EPIPE', 'ECONNRESET']);

export class AnswerKeepingSocket extends Socket {
  writeError: (Error & { code?: string }) | undefined;

  override _write(data: Buffer, encoding: BufferEncoding, callback: WriteCallback): void {
    super._write(data, encoding, (error?: Error | null) => callback(this.keep(error)));
  }

  override _writev(chunks: Array<{ chunk: Buffer; encoding: BufferEncoding }>, callback: WriteCallback): void {
    // @ts-expect-error net.Socket implements _writev; its typings leave it out
    super._writev(chunks, (error?: Error | null) => callback(this.keep(error)));
  }

  /** A peer that is gone is not an error of the stream yet: its answer may still be readable. */
  private keep(error: (Error & { code?: string }) | null | undefined): Error | null | undefined {
    if (!error || !PEER_GONE.has(error.code ?? '')) return error;
    if (!this.writeError) {
      this.writeError = error;
      this.emit('peer-gone', error);
    }
    return null;
  }
}
