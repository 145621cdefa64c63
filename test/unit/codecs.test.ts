// The zstd and xz decoders run Debian's programs as child processes: every way a decode can
// end (the end, a consumer that stops, an abort, a child killed from outside, a program that
// is not installed) must leave no child running and no zombie, and say what happened.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { unpooled, type Chunk } from '../../src/archive/chunk.js';
import { DecodeError } from '../../src/archive/codecs/decode-error.js';
import type { DecoderInput } from '../../src/archive/codecs/input.js';
import { MissingProgramError } from '../../src/archive/codecs/programs.js';
import { decodeXz } from '../../src/archive/codecs/xz.js';
import { decodeZstd } from '../../src/archive/codecs/zstd.js';
import { DEFAULT_MAX_DECODER_MEMORY } from '../../src/archive/limits.js';
import { checkCompression, createCompressor, type CompressionSettings } from '../../src/pack/compress.js';
import { UsageError } from '../../src/errors.js';
import { tempDirPerSuite } from './support.js';

const LIMITS = { maxDecoderMemory: DEFAULT_MAX_DECODER_MEMORY };
// Only catches a hang, never speed: on a loaded 2-core machine the xz cases took over a minute.
const NO_HANG = { timeout: 600_000 };
const decoders = { zstd: decodeZstd, xz: decodeXz } as const;
type Format = keyof typeof decoders;

/** This process's children: pid, program name, and whether it is a zombie. */
function children(): { pid: number; comm: string; zombie: boolean }[] {
  const pids = readdirSync('/proc/self/task').flatMap((task) => readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  return pids.flatMap((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return [{ pid, comm: readFileSync(`/proc/${pid}/comm`, 'utf8').trim(), zombie: stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z') }];
    } catch {
      return [];
    }
  });
}

/** The thread count of a process (0 once it is gone). */
function threadsOf(pid: number): number {
  try {
    return Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // it just ended
  }
}

function decoderChildren(): { pid: number; comm: string; zombie: boolean }[] {
  return children().filter((c) => c.comm === 'zstd' || c.comm === 'xz');
}

function compress(command: string, args: string[], input: Buffer): Buffer {
  return execFileSync(command, args, { input, maxBuffer: 256 * 1024 * 1024 });
}

async function* chunksFrom(bytes: Buffer, size = 64 * 1024): AsyncGenerator<Chunk> {
  for (let i = 0; i < bytes.length; i += size) yield unpooled(bytes.subarray(i, i + size));
}

async function collect(stream: AsyncIterable<Chunk>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) {
    parts.push(Buffer.from(chunk.data));
    chunk.release();
  }
  return Buffer.concat(parts);
}

async function failure(stream: AsyncIterable<Chunk>): Promise<unknown> {
  try {
    await collect(stream);
  } catch (error) {
    return error;
  }
  assert.fail('expected the decode to fail');
}

describe('decoder programs', () => {
  const tmp = tempDirPerSuite('codecs');
  const data = Buffer.concat([randomBytes(512 * 1024), Buffer.alloc(3 * 1024 * 1024, 'layer.tar ')]);
  const archives: Record<Format, () => Buffer> = {
    zstd: () => compress('zstd', ['-q', '-c'], data),
    xz: () => compress('xz', ['-q', '-c', '-1'], data),
  };
  /** 256 MiB of zeros: takes long enough to decode that it can be interrupted. */
  const bombs: Record<Format, () => Buffer> = {
    zstd: () => compress('zstd', ['-q', '-c', '-3'], Buffer.alloc(256 * 1024 * 1024)),
    xz: () => compress('xz', ['-q', '-c', '-0', '-T2'], Buffer.alloc(256 * 1024 * 1024)),
  };
  const file = async (name: string, bytes: Buffer) => {
    const path = join(tmp.path, name);
    writeFileSync(path, bytes);
    return open(path);
  };

  for (const format of ['zstd', 'xz'] as const) {
    describe(format, () => {
      it('decodes chunks fed through a pipe (how pack reads layers) to the original bytes', NO_HANG, async () => {
        assert.ok((await collect(decoders[format](chunksFrom(archives[format]()), LIMITS))).equals(data));
        assert.deepEqual(decoderChildren(), []);
      });

      it('decodes the file handed over as stdin to the original bytes', NO_HANG, async () => {
        const handle = await file(`whole.${format}`, archives[format]());
        try {
          assert.ok((await collect(decoders[format]({ file: handle }, LIMITS))).equals(data));
        } finally {
          await handle.close();
        }
        assert.deepEqual(decoderChildren(), []);
      });

      it('a consumer that stops early leaves no child behind', NO_HANG, async () => {
        const handle = await file(`early.${format}`, bombs[format]());
        try {
          for await (const chunk of decoders[format]({ file: handle }, LIMITS)) {
            chunk.release();
            assert.equal(decoderChildren().length, 1, 'the program runs while decoding');
            break;
          }
        } finally {
          await handle.close();
        }
        assert.deepEqual(decoderChildren(), []);
      });

      it('an abort kills the child and rejects with the abort reason', NO_HANG, async () => {
        const handle = await file(`abort.${format}`, bombs[format]());
        const controller = new AbortController();
        let seen = 0;
        let caught: unknown;
        try {
          for await (const chunk of decoders[format]({ file: handle }, LIMITS, controller.signal)) {
            chunk.release();
            if (++seen === 3) controller.abort(new Error('SIGTERM from systemd'));
          }
        } catch (error) {
          caught = error;
        } finally {
          await handle.close();
        }
        assert.equal((caught as Error | undefined)?.message, 'SIGTERM from systemd');
        assert.deepEqual(decoderChildren(), []);
      });

      it('an abort while the pack side feeds chunks ends the feeding too', NO_HANG, async () => {
        const controller = new AbortController();
        async function* slowSource(): AsyncGenerator<Chunk> {
          yield* chunksFrom(archives[format]().subarray(0, 1024));
          controller.abort(new Error('stop'));
          await sleep(50);
          yield* chunksFrom(archives[format]().subarray(1024));
        }
        const error = await failure(decoders[format](slowSource(), LIMITS, controller.signal));
        assert.equal((error as Error).message, 'stop');
        assert.deepEqual(decoderChildren(), []);
      });

      it('a child killed from outside → DecodeError naming the signal; no zombie', NO_HANG, async () => {
        const handle = await file(`killed.${format}`, bombs[format]());
        let caught: unknown;
        try {
          for await (const chunk of decoders[format]({ file: handle }, LIMITS)) {
            chunk.release();
            const [child] = decoderChildren();
            if (child) process.kill(child.pid, 'SIGKILL');
          }
        } catch (error) {
          caught = error;
        } finally {
          await handle.close();
        }
        assert.ok(caught instanceof DecodeError, String(caught));
        assert.match(caught.message, /decoder was killed \(SIGKILL\)/);
        assert.match(caught.hint, /memory/);
        assert.deepEqual(decoderChildren(), []);
      });

      it('a corrupt archive fed as chunks → DecodeError; the child is reaped', NO_HANG, async () => {
        const bytes = Buffer.concat([archives[format]().subarray(0, 40), randomBytes(256 * 1024)]);
        const error = await failure(decoders[format](chunksFrom(bytes), LIMITS));
        assert.ok(error instanceof DecodeError, String(error));
        assert.equal(error.format, format);
        assert.deepEqual(decoderChildren(), []);
      });

      it(`a missing ${format} program: named with its Debian package, in full only the first time`, NO_HANG, async () => {
        const bytes = archives[format]();
        const savedPath = process.env.PATH;
        process.env.PATH = tmp.path; // no programs there
        try {
          const errors = [];
          for (let i = 0; i < 2; i++) errors.push(await failure(decoders[format](chunksFrom(bytes), LIMITS)));
          const [first, second] = errors as [MissingProgramError, MissingProgramError];
          assert.ok(first instanceof MissingProgramError && second instanceof MissingProgramError);
          const pkg = format === 'zstd' ? 'zstd' : 'xz-utils';
          assert.match(first.message, new RegExp(`needs the ${format} program, which is not installed`));
          assert.match(first.hint, new RegExp(`install the Debian package ${pkg}`));
          assert.match(second.message, /missing \(reported above\)/);
          assert.match(second.hint, new RegExp(pkg));
          assert.equal(first.memoryLimit, false);
        } finally {
          process.env.PATH = savedPath;
        }
        assert.deepEqual(decoderChildren(), []);
      });
    });
  }

  it('a multi-block .xz (xz -T2) is decoded on several threads', { ...NO_HANG, skip: availableParallelism() < 2 ? 'one core' : false }, async () => {
    // 1 MiB dictionary, 3 MiB blocks: within the threading budget several blocks fit at once.
    const handle = await file('multi.xz', compress('xz', ['-q', '-c', '-1', '-T2'], Buffer.concat([randomBytes(8 << 20), randomBytes(8 << 20)])));
    let threads = 0;
    try {
      for await (const chunk of decodeXz({ file: handle }, LIMITS)) {
        chunk.release();
        // Workers start as blocks arrive and end with them: keep the most seen at once.
        threads = Math.max(threads, ...decoderChildren().map((child) => threadsOf(child.pid)));
      }
    } finally {
      await handle.close();
    }
    assert.ok(threads >= 3, `xz ran with ${threads} threads (main + workers)`);
  });

  it('an .xz of big blocks (24 MiB, as xz -6 -T0 writes) decodes on one thread: two would not fit the memory budget', NO_HANG, async () => {
    const handle = await file('big-blocks.xz', compress('xz', ['-q', '-c', '-0', '-T2', '--block-size=24MiB'], Buffer.alloc(96 << 20)));
    let threads = 0;
    let bytes = 0;
    try {
      for await (const chunk of decodeXz({ file: handle }, LIMITS)) {
        bytes += chunk.data.length;
        chunk.release();
        threads = Math.max(threads, ...decoderChildren().map((child) => threadsOf(child.pid)));
      }
    } finally {
      await handle.close();
    }
    assert.equal(bytes, 96 << 20);
    assert.equal(threads, 1);
  });
});

describe('pack compressors', () => {
  const tmp = tempDirPerSuite('compress');
  const input = Buffer.concat([randomBytes(2 << 20), Buffer.alloc(6 << 20, 'manifest.json '), randomBytes(5 << 20)]);
  const settings = (compression: 'zstd' | 'xz', threads: number): CompressionSettings => ({
    compression,
    level: compression === 'zstd' ? 3 : 1,
    threads,
    maxDecoderMemory: 1 << 20,
  });

  async function compressed(s: CompressionSettings): Promise<Buffer> {
    const parts: Buffer[] = [];
    await pipeline(chunksOfBuffer(input), createCompressor(s), async (source: AsyncIterable<Buffer>) => {
      for await (const part of source) parts.push(part);
    });
    return Buffer.concat(parts);
  }

  async function* chunksOfBuffer(bytes: Buffer): AsyncGenerator<Buffer> {
    for (let i = 0; i < bytes.length; i += 100_000) yield bytes.subarray(i, i + 100_000);
  }

  for (const compression of ['zstd', 'xz'] as const) {
    it(`${compression}: the same bytes with 1, 2 and 3 threads, and they decode to the input`, NO_HANG, async () => {
      const [one, two, three] = [await compressed(settings(compression, 1)), await compressed(settings(compression, 2)), await compressed(settings(compression, 3))];
      assert.ok(one.equals(two) && one.equals(three), 'thread count changed the output');
      assert.ok(compress(compression, ['-d', '-c'], one).equals(input));
      assert.deepEqual(decoderChildren(), []);
    });
  }

  it('xz output is multi-block even with one thread, so the device decodes it on several cores', NO_HANG, async () => {
    const bytes = await compressed(settings('xz', 1));
    const path = join(tmp.path, 'one-thread.xz');
    writeFileSync(path, bytes);
    const listing = execFileSync('xz', ['--robot', '--list', path], { encoding: 'utf8' });
    const blocks = Number(/^file\t\d+\t(\d+)/m.exec(listing)?.[1]);
    assert.ok(blocks > 1, `${blocks} block(s)`);
  });

  it('a compressor program that fails → the stream fails with its message', NO_HANG, async () => {
    // A 32-byte window is below zstd's minimum: the program refuses it (checkCompression would too).
    await assert.rejects(compressed({ ...settings('zstd', 1), maxDecoderMemory: 32 }), /zstd .*failed \(exit 11\): .*out of bound/);
    assert.deepEqual(decoderChildren(), []);
  });

  it('checkCompression names the Debian package when the program is missing', () => {
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      assert.throws(() => checkCompression(settings('xz', 1)), (error: unknown) => error instanceof UsageError && /needs the xz program/.test(error.message) && /xz-utils/.test(error.hint ?? ''));
      assert.throws(() => checkCompression(settings('zstd', 1)), (error: unknown) => error instanceof UsageError && /install the Debian package zstd/.test(error.hint ?? ''));
      checkCompression({ ...settings('zstd', 1), compression: 'gzip', level: 6 }); // gzip is in Node
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
