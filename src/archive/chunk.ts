// The load pipeline passes chunks that may borrow a buffer from a fixed pool: the engine
// writer hands it back once the kernel has taken the bytes. A fixed pool is what keeps
// memory flat (measured: a fresh 128 KiB buffer per chunk left ~35 MB of garbage per GiB
// before V8 collected it; a recycled one, none), and waiting for a free buffer is the
// backpressure between disk, decoder and engine.

export interface Chunk {
  data: Buffer;
  /** Return the buffer to its pool; a no-op for buffers that a library allocated. */
  release(): void;
}

const noop = () => {};

export function unpooled(data: Buffer): Chunk {
  return { data, release: noop };
}

export class BufferPool {
  private readonly free: Buffer[] = [];
  private readonly waiting: Array<(buffer: Buffer) => void> = [];

  constructor(
    readonly bufferSize: number,
    count: number,
  ) {
    for (let i = 0; i < count; i++) this.free.push(Buffer.allocUnsafeSlow(bufferSize));
  }

  /** A whole pool buffer; resolves when one is free. */
  async acquire(): Promise<Buffer> {
    const buffer = this.free.pop();
    if (buffer) return buffer;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Wrap `length` bytes of a pool buffer as a chunk that gives the buffer back on release. */
  chunk(buffer: Buffer, length: number): Chunk {
    let released = false;
    return {
      data: buffer.subarray(0, length),
      release: () => {
        if (released) return;
        released = true;
        this.put(buffer);
      },
    };
  }

  put(buffer: Buffer): void {
    const next = this.waiting.shift();
    if (next) next(buffer);
    else this.free.push(buffer);
  }
}
