import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Chunk } from '../../src/archive/chunk.js';
import { EMPTY, editTar, KEEP, BrokenTarError, type TarEditor } from '../../src/archive/tar-edit.js';
import { realTar, tarMembers, tempDirPerSuite } from './support.js';

/** The tar cut into chunks of SIZE bytes, each counting its releases. */
function chunked(data: Buffer, size: number): { chunks: AsyncIterable<Chunk>; releases: number[] } {
  const releases: number[] = [];
  async function* chunks() {
    for (let at = 0, i = 0; at < data.length; at += size, i++) {
      releases.push(0);
      const index = i;
      yield { data: Buffer.from(data.subarray(at, at + size)), release: () => releases[index]!++ };
    }
  }
  return { chunks: chunks(), releases };
}

async function run(data: Buffer, size: number, editor: TarEditor): Promise<{ out: Buffer; releases: number[] }> {
  const { chunks, releases } = chunked(data, size);
  const parts: Buffer[] = [];
  for await (const chunk of editTar(chunks, editor)) {
    parts.push(Buffer.from(chunk.data));
    chunk.release();
  }
  return { out: Buffer.concat(parts), releases };
}


const LONG = `${'deep/'.repeat(30)}layer.tar`;

describe('editTar: a streaming editor of the decoded tar', () => {
  const tmp = tempDirPerSuite('tar-edit');

  it('keeping every member gives the same bytes, whatever the chunk size, and releases each chunk once', async () => {
    const data = await realTar({ 'manifest.json': '[1]', 'a/layer.tar': Buffer.alloc(5000, 1), [LONG]: Buffer.alloc(700, 2) });
    for (const size of [1, 7, 512, 513, 4096, data.length]) {
      const { out, releases } = await run(data, size, () => KEEP);
      assert.ok(out.equals(data), `chunks of ${size}`);
      assert.ok(releases.every((count) => count === 1), `chunks of ${size}: ${releases.join(',')}`);
    }
  });

  it('an emptied member keeps its header with size 0 and its bytes are not sent; the names are the long ones', async () => {
    const data = await realTar({ 'manifest.json': '[1]', [LONG]: Buffer.alloc(100_000, 3), 'b.json': '{}' });
    const seen: string[] = [];
    for (const size of [3, 1000, 65536]) {
      seen.length = 0;
      const { out, releases } = await run(data, size, (member) => {
        seen.push(member.name);
        return member.name === LONG ? EMPTY : KEEP;
      });
      assert.ok(out.length < data.length - 99_000);
      const read = await tarMembers(out);
      assert.equal(read.get(LONG)?.length, 0);
      assert.equal(read.get('b.json')?.toString(), '{}');
      assert.ok(releases.every((count) => count === 1));
    }
    assert.deepEqual(seen, ['manifest.json', LONG, 'b.json']);
  });

  it('a held member goes last, before the end blocks, with the body settled once the rest has gone by', async () => {
    const data = await realTar({ 'index.json': '{"old":1}', 'x.tar': Buffer.alloc(1500, 4), 'manifest.json': '[1]' });
    for (const size of [1, 100, data.length]) {
      let sawManifest = false;
      const { out, releases } = await run(data, size, (member) => {
        if (member.name === 'manifest.json') sawManifest = true;
        return member.name === 'index.json' ? { kind: 'hold', max: 1024, settle: (body) => (sawManifest ? Buffer.from(`${body.toString()}+`) : undefined) } : KEEP;
      });
      const read = await tarMembers(out);
      assert.deepEqual([...read.keys()], ['x.tar', 'manifest.json', 'index.json'], `chunks of ${size}`);
      assert.equal(read.get('index.json')?.toString(), '{"old":1}+');
      assert.equal(read.get('x.tar')?.length, 1500);
      assert.ok(out.subarray(-1024).every((byte) => byte === 0), 'the end-of-archive blocks stay last');
      assert.ok(releases.every((count) => count === 1));
    }
    // A tar that stops after its last member without end blocks still gets the held member.
    const bare = data.subarray(0, data.length - 1024);
    const { out } = await run(Buffer.from(bare.subarray(0, bare.length - (bare.length % 512))), 512, (member) =>
      member.name === 'index.json' ? { kind: 'hold', max: 1024, settle: () => undefined } : KEEP,
    );
    assert.equal((await tarMembers(Buffer.concat([out, Buffer.alloc(1024)]))).get('index.json')?.toString(), '{"old":1}');
  });

  it('a read member is replaced by a body of another size, with a valid header', async () => {
    const data = await realTar({ 'manifest.json': '["old"]', 'x.tar': Buffer.alloc(1500, 4) });
    const { out } = await run(data, 100, (member) =>
      member.name === 'manifest.json' ? { kind: 'read', max: 1024, replace: (body) => Buffer.from(`${body.toString()} and a much longer replacement`.repeat(30)) } : KEEP,
    );
    const read = await tarMembers(out);
    assert.equal(read.get('manifest.json')?.toString(), '["old"] and a much longer replacement'.repeat(30));
    assert.equal(read.get('x.tar')?.length, 1500);
  });

  it('GNU long names (as GNU tar writes them) are read and stay in front of their member', async () => {
    const dir = join(tmp.path, 'gnu');
    mkdirSync(join(dir, ...LONG.split('/').slice(0, -1)), { recursive: true });
    writeFileSync(join(dir, LONG), Buffer.alloc(3000, 5));
    writeFileSync(join(dir, 'manifest.json'), '[]');
    execFileSync('tar', ['--format=gnu', '-cf', join(tmp.path, 'gnu.tar'), '-C', dir, 'manifest.json', LONG]);
    const data = readFileSync(join(tmp.path, 'gnu.tar'));
    const seen: string[] = [];
    const { out } = await run(data, 333, (member) => {
      seen.push(member.name);
      return member.name === LONG ? EMPTY : KEEP;
    });
    assert.deepEqual(seen, ['manifest.json', LONG]);
    assert.equal((await tarMembers(out)).get(LONG)?.length, 0);
  });

  it('a header whose checksum does not match is an error naming its offset, whatever the edit', async () => {
    const data = Buffer.from(await realTar({ 'a.tar': Buffer.alloc(600, 1), 'b.tar': Buffer.alloc(10, 2) }));
    data[1536 + 10] = 0x41; // a byte of the second header's name
    for (const editor of [() => KEEP, () => EMPTY]) {
      await assert.rejects(run(data, 512, editor), (error: Error) => error instanceof BrokenTarError && /tar header at byte 1536 is damaged/.test(error.message));
    }
  });

  it('an input that stops inside a member is an error', async () => {
    const data = await realTar({ 'a.tar': Buffer.alloc(5000, 1) });
    for (const editor of [() => KEEP, () => EMPTY]) {
      await assert.rejects(run(data.subarray(0, 2048), 512, editor), BrokenTarError);
    }
    // Ending at a header boundary without the end blocks is what some writers do: accepted.
    const whole = data.subarray(0, 512 + 5120);
    assert.equal((await run(whole, 512, () => KEEP)).out.length, whole.length);
  });
});
