// Every program runs through system/program.ts: to completion (skopeo, tar, dpkg-deb,
// systemd-notify, xz --list) or as a stream stage (the decoders and compressors). A stage must
// feed its input with backpressure, end however its reader ends with no child left, and fail
// with the program's own words; a missing program is one message naming its Debian package.
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, it } from 'node:test';
import { classifyError } from '../../src/classify-error.js';
import { PackError } from '../../src/errors.js';
import { createNotifier } from '../../src/system/notify.js';
import { notInstalled, programOutput, ProgramError, programStream, runProgram, type InputChunk, type Program } from '../../src/system/program.js';
import type { Logger } from '../../src/system/log.js';
import { childProcesses, tempDirPerSuite } from './support.js';

// Any program runs; the type lists the real ones, each with its Debian package.
const sh = 'sh' as Program;
const cat = 'cat' as Program;
const NO_HANG = { timeout: 60_000 };

function running(comm: string): number {
  return childProcesses().filter((child) => child.comm === comm).length;
}

async function withPath<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = dir;
  try {
    return await run();
  } finally {
    process.env.PATH = saved;
  }
}

describe('notInstalled: one message for every program, naming its Debian package', () => {
  const expected: Record<string, string> = { zstd: 'zstd', xz: 'xz-utils', skopeo: 'skopeo', 'dpkg-deb': 'dpkg', tar: 'tar', 'systemd-notify': 'systemd' };
  for (const [program, debianPackage] of Object.entries(expected)) {
    it(`${program} → ${debianPackage}, whether run to completion or as a stage`, NO_HANG, async () => {
      const { message, hint } = notInstalled(program as Program);
      assert.equal(message, `the ${program} program is not installed (not found in PATH)`);
      assert.equal(hint, `install the Debian package ${debianPackage} (apt-get install ${debianPackage}), then run again`);
      const result = await withPath('/nonexistent', () => runProgram(program as Program, ['--version']));
      assert.equal(result.ok, false);
      assert.deepEqual([result.failure?.message, result.failure?.hint, result.failure?.notInstalled], [message, hint, true]);
      await withPath('/nonexistent', () =>
        assert.rejects(drain(programOutput(program as Program, [])), (error: unknown) => error instanceof ProgramError && error.notInstalled && error.message === message && error.hint === hint),
      );
    });
  }
});

async function drain(output: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of output) parts.push(part);
  return Buffer.concat(parts);
}

describe('runProgram', () => {
  const tmp = tempDirPerSuite('run-program');

  it('returns stdout as bytes and ok on exit 0, with the extra env on top of ours', async () => {
    const r = await runProgram(sh, ['-c', 'printf "%s\\001" "$PD_X$PATH_SET"'], { env: { PD_X: 'x', PATH_SET: process.env.PATH ? 'p' : '' } });
    assert.equal(r.ok, true);
    assert.deepEqual(r.stdout, Buffer.from('xp\x01'));
    assert.equal(r.failure, undefined);
  });

  it('names the command, the exit code and the last stderr lines when it fails', async () => {
    const r = await runProgram(sh, ['-c', 'for i in 1 2 3 4 5; do echo line$i >&2; done; exit 3', 'arg with space']);
    assert.equal(r.ok, false);
    assert.deepEqual(r.failure?.exit, { code: 3, signal: null });
    assert.match(r.failure?.message ?? '', /^sh -c '.*' 'arg with space' failed with exit code 3: line3; line4; line5$/);
  });

  it('reports a signal', async () => {
    const r = await runProgram(sh, ['-c', 'kill -TERM $$']);
    assert.equal(r.failure?.exit?.signal, 'SIGTERM');
    assert.match(r.failure?.message ?? '', /was killed by SIGTERM$/);
  });

  it('kills a program whose stdout exceeds the limit', async () => {
    const r = await runProgram(sh, ['-c', 'head -c 100000 /dev/zero'], { maxStdoutBytes: 1000 });
    assert.equal(r.ok, false);
    assert.match(r.failure?.message ?? '', /wrote more than 1000 bytes to stdout/);
  });

  it('kills a program that outlives its timeout', NO_HANG, async () => {
    const r = await runProgram(sh, ['-c', 'exec sleep 30'], { timeoutMs: 200 });
    assert.equal(r.failure?.exit?.signal, 'SIGKILL');
  });

  it('reads an open file as its stdin', async () => {
    const path = join(tmp.path, 'input');
    writeFileSync(path, 'from the file');
    const handle = await open(path);
    try {
      const r = await runProgram(cat, [], { stdin: handle });
      assert.equal(r.stdout.toString(), 'from the file');
    } finally {
      await handle.close();
    }
  });
});

describe('programOutput: a program as a stream stage', () => {
  /** Chunks that record when the pipe gave them back. */
  function tracked(count: number, size: number): { chunks: AsyncGenerator<InputChunk>; released: () => number; produced: () => number } {
    let released = 0;
    let produced = 0;
    async function* chunks(): AsyncGenerator<InputChunk> {
      for (let i = 0; i < count; i++) {
        produced++;
        yield { data: Buffer.alloc(size, i % 256), release: () => released++ };
      }
    }
    return { chunks: chunks(), released: () => released, produced: () => produced };
  }

  it('feeds chunks to stdin and gives each back once written; stdout is the output', NO_HANG, async () => {
    const input = tracked(64, 64 * 1024);
    const output = await drain(programOutput(cat, [], { input: input.chunks }));
    assert.equal(output.length, 64 * 64 * 1024);
    assert.equal(output[65 * 1024], 1);
    assert.equal(input.released(), 64);
    assert.equal(running('cat'), 0);
  });

  it('backpressure: a reader that stops reading stops the feeding', NO_HANG, async () => {
    const input = tracked(4096, 64 * 1024); // 256 MiB if nothing held it back
    const output = programOutput(cat, [], { input: input.chunks });
    await output.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Two pipes of 64 KiB, Node's stream buffers and one write in flight: a few MiB at most.
    assert.ok(input.produced() < 128, `${input.produced()} chunks read while nobody read the output`);
    await output.return(undefined);
    assert.equal(running('cat'), 0);
  });

  it('a reader that stops early leaves no child behind', NO_HANG, async () => {
    for await (const _ of programOutput(sh, ['-c', 'yes'])) break;
    assert.equal(running('sh'), 0);
    assert.equal(running('yes'), 0);
  });

  it('an abort kills the child and rejects with the reason', NO_HANG, async () => {
    const controller = new AbortController();
    const zeros = await open('/dev/zero');
    let seen = 0;
    try {
      await assert.rejects(
        (async () => {
          for await (const _ of programOutput(cat, [], { input: zeros, signal: controller.signal })) {
            if (++seen === 3) controller.abort(new Error('stop'));
          }
        })(),
        /stop/,
      );
    } finally {
      await zeros.close();
    }
    assert.equal(running('cat'), 0);
  });

  it('fails after its output with the exit status and its last stderr lines', NO_HANG, async () => {
    const output = programOutput(sh, ['-c', 'echo out; echo broken >&2; exit 4']);
    const first = await output.next();
    assert.equal(String(first.value), 'out\n');
    await assert.rejects(output.next(), (error: unknown) => error instanceof ProgramError && error.exit?.code === 4 && error.stderr === 'broken' && /exit code 4: broken$/.test(error.message));
    assert.equal(running('sh'), 0);
  });

  it('a failing input is the error reported, and the child is killed', NO_HANG, async () => {
    async function* failing(): AsyncGenerator<InputChunk> {
      yield { data: Buffer.from('x'), release: () => {} };
      throw new Error('the layer file went away');
    }
    await assert.rejects(drain(programOutput(cat, [], { input: failing() })), /the layer file went away/);
    assert.equal(running('cat'), 0);
  });
});

describe('programStream: a stage in a stream pipeline', () => {
  it('passes the bytes through the program', NO_HANG, async () => {
    const parts: Buffer[] = [];
    await pipeline(Readable.from([Buffer.from('a'), Buffer.from('b')]), programStream(cat, []), async (source: AsyncIterable<Buffer>) => {
      for await (const part of source) parts.push(part);
    });
    assert.equal(Buffer.concat(parts).toString(), 'ab');
  });

  it('destroyed by a failure further down the pipeline: the program is killed', NO_HANG, async () => {
    await assert.rejects(
      pipeline(
        Readable.from(endless()),
        programStream(cat, []),
        new Writable({
          write: (_chunk, _encoding, callback) => callback(new Error('disk full')),
        }),
      ),
      /disk full/,
    );
    // The pipeline rejects as the kill is sent; the child is reaped a moment later.
    for (let i = 0; i < 100 && running('cat') > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(running('cat'), 0);
  });

  it('destroyed by a failure further up (a corrupt layer): the program is killed', NO_HANG, async () => {
    const source = new PassThrough();
    const done = pipeline(source, programStream(cat, []), async (output: AsyncIterable<Buffer>) => {
      for await (const _ of output) await new Promise((resolve) => setTimeout(resolve, 10));
    });
    source.write(Buffer.alloc(1 << 20));
    setTimeout(() => source.destroy(new Error('corrupt layer')), 50);
    await assert.rejects(done, /corrupt layer/);
    for (let i = 0; i < 100 && running('cat') > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(running('cat'), 0);
  });

  it('a missing compressor becomes pack\'s error naming the Debian package', NO_HANG, async () => {
    const error = await withPath('/nonexistent', () =>
      pipeline(Readable.from([Buffer.from('a')]), programStream('zstd', ['-c']), async (source: AsyncIterable<Buffer>) => {
        for await (const _ of source);
      }).then(
        () => assert.fail('expected a failure'),
        (caught: unknown) => caught,
      ),
    );
    const failure = classifyError(error, { image: 'docker-archive:a.tar' });
    assert.ok(failure instanceof PackError, String(failure));
    assert.equal(failure.line, 'docker-archive:a.tar: the zstd program is not installed (not found in PATH). Install the Debian package zstd (apt-get install zstd), then run again');
  });
});

async function* endless(): AsyncGenerator<Buffer> {
  for (;;) yield Buffer.alloc(64 * 1024);
}

describe('createNotifier', () => {
  const tmp = tempDirPerSuite('notify');
  const debugs: unknown[] = [];
  const log = { debug: (o: unknown) => debugs.push(o) } as unknown as Logger;

  it('runs systemd-notify --pid=OURS --status=TEXT in order, under systemd only', async () => {
    const record = join(tmp.path, 'calls');
    const fake = join(tmp.path, 'systemd-notify');
    writeFileSync(fake, `#!/bin/sh\nprintf '%s|%s|%s\\n' "$NOTIFY_SOCKET" "$1" "$2" >>${record}\n`);
    chmodSync(fake, 0o755);
    const env = { ...process.env, PATH: `${tmp.path}:${process.env.PATH}`, NOTIFY_SOCKET: '/run/x' };
    const saved = process.env.PATH;
    process.env.PATH = env.PATH; // spawn looks the program up in our own PATH
    try {
      const n = createNotifier(log, env);
      n.status('loading 1/2');
      n.status('loaded 2, already present 0, failed 0');
      await n.flush();
    } finally {
      process.env.PATH = saved;
    }
    assert.equal(
      readFileSync(record, 'utf8'),
      `/run/x|--pid=${process.pid}|--status=loading 1/2\n/run/x|--pid=${process.pid}|--status=loaded 2, already present 0, failed 0\n`,
    );
    const silent = createNotifier(log, {});
    silent.status('ignored');
    await silent.flush();
    assert.equal(readFileSync(record, 'utf8').split('\n').length, 3, 'no NOTIFY_SOCKET: nothing runs');
  });

  it('a failing systemd-notify is a debug line, not an error', async () => {
    const n = createNotifier(log, { NOTIFY_SOCKET: '/run/x', PATH: '/nonexistent' });
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      n.status('x');
      await n.flush();
    } finally {
      process.env.PATH = saved;
    }
    assert.match(JSON.stringify(debugs.at(-1)), /the systemd-notify program is not installed/);
  });
});
