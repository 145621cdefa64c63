// Fault matrix, case 10 against the real engines: an archive whose first tar header is invalid
// (its checksum is wrong), followed by 256 MiB of zeros. Before the daemon read tar headers,
// dockerd rejected it after 512 bytes and answered while the daemon was still sending, and
// Podman staged the whole upload before answering. The daemon's tar editor now checks every
// header's checksum, so it refuses the archive itself at once: one line naming the archive and
// the damaged header, no transport error, and the next entry loads. (The early-answer race
// itself is reproduced with the fake engine, which answers while the body is being sent.)
import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { ENGINE_KINDS, startEngine, type TestEngine } from '../helpers/engines.js';
import { assertExit, assertOneError, MiB, seconds } from '../helpers/fault.js';
import { buildCompressedArchive, compressFile, type BuiltArchive } from '../helpers/fixtures.js';
import { writeListDir } from '../helpers/lists.js';

const BROKEN_REF = 'fault/broken-header:1';
const GOOD_REF = 'fault/after-broken:1';
const RUNS = 3;

let root: string;
let broken: string;
let good: BuiltArchive;

/** A tar whose first header says ustar but has a wrong checksum, then ZEROS bytes of zeros, zstd-compressed. */
async function brokenHeaderArchive(dir: string, zeros: number): Promise<string> {
  const header = Buffer.alloc(512);
  header.write('manifest.json', 0);
  header.write('0000644\0', 100);
  header.write('00000000100\0', 124);
  header.write('01234567', 148); // not the checksum of this header
  header.write('ustar\u000000', 257);
  const raw = join(dir, 'broken-header.tar');
  const out = createWriteStream(raw);
  out.write(header);
  const block = Buffer.alloc(MiB);
  for (let written = 0; written < zeros; written += block.length) {
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end(() => resolve()).once('error', reject));
  return compressFile(raw, 'zstd');
}

before(async () => {
  root = mkdtempSync('/tmp/pd-fault-early-');
  broken = await brokenHeaderArchive(root, 256 * MiB);
  good = await buildCompressedArchive({ repoTags: [GOOD_REF], files: { 'etc/good': 'good\n' }, outDir: join(root, 'fx'), fileName: 'good.tar' }, 'zstd');
});
after(() => rmSync(root, { recursive: true, force: true }));

for (const kind of ENGINE_KINDS) {
  describe(`early answer, real ${kind}`, { timeout: 5 * 60_000 }, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await startEngine(kind);
    });
    after(async () => engine?.stop());

    it(`an invalid tar header (${kind}): refused by the daemon with one line naming it (${RUNS} runs), the next entry loads`, async () => {
      for (let run = 0; run < RUNS; run++) {
        await engine.wipe();
        const l = writeListDir(join(root, `${kind}-${run}`), [`broken.tar.zst ${BROKEN_REF}`, `good.tar.zst ${GOOD_REF}`], {
          'broken.tar.zst': broken,
          'good.tar.zst': good.path,
        });
        const r = await runCli(['--engine', kind, '--socket', engine.socketPath, '--lock-file', join(l.dir, 'lock'), '--list', l.dir, '--wait-engine', '30'], {
          timeoutMs: 120_000,
        });
        assertExit(r, 1);
        const line = assertOneError(r, `${l.listFile}:1`, [BROKEN_REF, 'broken.tar.zst (zstd): the tar header at byte 0 is damaged (its checksum does not match)', 'restore it from the firmware image']);
        assert.doesNotMatch(line, /EPIPE|ECONNRESET|closed the connection/);
        assert.ok(await engine.hasTag(GOOD_REF), 'the next entry loads');
        console.log(`# ${kind} run ${run + 1}: ${seconds(r.durationMs)} s: ${line.slice(line.indexOf('broken.tar.zst'), line.indexOf('broken.tar.zst') + 110)}`);
      }
    });
  });
}
