import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runStatus, type StatusReport } from '../../src/commands/status.js';
import { ExitCode } from '../../src/errors.js';
import { createLogger } from '../../src/system/log.js';
import { startFakeEngine } from '../helpers/fake-engine.js';
import { realTar, tempDirPerSuite } from './support.js';

const ID = `sha256:${'c'.repeat(64)}`;

describe('status (fake engine on a unix socket)', () => {
  const tmp = tempDirPerSuite('status');

  async function setUp() {
    const dir = join(tmp.path, 'pkg');
    mkdirSync(join(dir, 'images'), { recursive: true });
    writeFileSync(join(dir, 'images', 'a.tar'), await realTar());
    writeFileSync(join(dir, 'images', 'b.tar'), await realTar());
    writeFileSync(join(dir, 'image.list'), 'a.tar app:1 policy=changed\nb.tar other:2\n');
    const stateFile = join(tmp.path, 'state.json');
    const record = { archive: join(dir, 'images', 'a.tar'), fingerprint: `sha256:${'d'.repeat(64)}`, imageId: ID, loadedAt: '2026-11-30T10:00:00.000Z' };
    writeFileSync(stateFile, JSON.stringify({ version: 1, images: { 'app:1': record } }));
    return { dir, stateFile, record };
  }

  async function status(socket: string, dir: string, stateFile: string, json: boolean) {
    const out: string[] = [];
    const errors: string[] = [];
    const log = createLogger('info', { format: 'text', write: (line) => errors.push(line) });
    const code = await runStatus({
      settings: { lists: [dir], engine: 'docker', socket, waitEngine: 2, policy: 'missing', stateFile, maxDecoderMemory: 128 * 1024 * 1024 },
      json,
      log,
      print: (text) => out.push(text),
    });
    return { code, out: out.join('\n'), errors };
  }

  it("shows each entry's policy and what the state file remembers, in the table and in --json", async () => {
    const { dir, stateFile, record } = await setUp();
    const engine = await startFakeEngine({ kind: 'docker', images: [{ Id: ID, RepoTags: ['docker.io/library/app:1'] }] });
    try {
      const json = await status(engine.socketPath, dir, stateFile, true);
      const report = JSON.parse(json.out) as StatusReport;
      assert.equal(json.code, ExitCode.entriesFailed, 'other:2 is missing');
      assert.deepEqual(
        report.entries.map((e) => [e.reference, e.present, e.policy, e.lastLoad]),
        [
          ['app:1', true, 'changed', { at: record.loadedAt, archive: record.archive, fingerprint: record.fingerprint, imageId: ID, archiveDeleted: false }],
          ['other:2', false, 'missing', null],
        ],
      );
      assert.deepEqual(
        report.entries.map((e) => e.origin),
        ['loaded', null],
        'the present image is the one preload-daemon recorded loading; the missing one has no origin',
      );
      assert.deepEqual(report.engine, { kind: 'docker', socket: engine.socketPath, version: '20.10.24+dfsg1', apiVersion: '1.41' });
      const table = await status(engine.socketPath, dir, stateFile, false);
      assert.match(table.out, /^engine: docker 20\.10\.24\+dfsg1 \(API 1\.41\) on /);
      assert.match(table.out, /\napp:1 +present +cccccccccccc +changed +2026-11-30T10:00:00Z sha256:dddddddddddd /);
      assert.match(table.out, /\nother:2 +missing +- +missing +- /);
    } finally {
      await engine.close();
    }
  });

  it("says which other lines share an entry's archive (a bundle, several tags of one image)", async () => {
    const { dir, stateFile } = await setUp();
    writeFileSync(join(dir, 'image.list'), 'a.tar app:1\nb.tar other:2\na.tar app:latest\na.tar web:1\n');
    const engine = await startFakeEngine({ kind: 'docker' });
    try {
      const report = JSON.parse((await status(engine.socketPath, dir, stateFile, true)).out) as StatusReport;
      assert.deepEqual(
        report.entries.map((e) => [e.reference, e.sharedWith]),
        [
          ['app:1', ['app:latest', 'web:1']],
          ['other:2', []],
          ['app:latest', ['app:1', 'web:1']],
          ['web:1', ['app:1', 'app:latest']],
        ],
      );
      const table = await status(engine.socketPath, dir, stateFile, false);
      assert.match(table.out, /\nweb:1 +missing .*, shared with app:1 app:latest /);
    } finally {
      await engine.close();
    }
  });

  it('an engine failing midway is one error line, the JSON still one document, no stack', async () => {
    const { dir, stateFile } = await setUp();
    const engine = await startFakeEngine({
      kind: 'docker',
      inspect: (_req, res) => {
        res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"message":"database is locked"}');
        return true;
      },
    });
    try {
      const r = await status(engine.socketPath, dir, stateFile, true);
      const report = JSON.parse(r.out) as StatusReport;
      assert.ok('error' in report.engine);
      assert.match(report.engine.error, /inspecting docker.io\/library\/app:1 failed: database is locked/);
      assert.deepEqual(report.entries.map((e) => e.present), [null, null]);
      assert.equal(r.errors.length, 1, r.errors.join(''));
      assert.match(r.errors[0]!, /^error: inspecting docker.io\/library\/app:1 failed: database is locked\. Check the engine/);
      assert.notEqual(r.code, ExitCode.ok);
    } finally {
      await engine.close();
    }
  });
});
