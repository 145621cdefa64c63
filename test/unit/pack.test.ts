import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pack } from '../../src/pack/pack.js';
import { createLogger } from '../../src/system/log.js';
import { buildDockerArchive } from '../helpers/fixtures.js';
import { tempDirPerSuite } from './support.js';

function collectingLog() {
  const lines: Array<{ level: number; msg: string }> = [];
  const log = createLogger('info', { format: 'json', write: (line) => lines.push(JSON.parse(line) as { level: number; msg: string }) });
  return { log, lines };
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

const platform = { architecture: process.arch === 'arm64' ? 'arm64' : 'amd64', variant: undefined };

describe('pack against fixture archives (no engine)', () => {
  const tmp = tempDirPerSuite('pack');
  let archive: { path: string; imageId: string };
  before(async () => {
    archive = await buildDockerArchive({ repoTags: ['docker.io/library/app:1'], files: { 'etc/app.conf': 'x=1\n', 'bin/app': Buffer.alloc(50_000, 3) }, outDir: tmp.path, fileName: 'app.tar' });
  });

  const request = (outDir: string, specs: string[], log = collectingLog().log) => ({
    specs,
    outDir,
    compression: { compression: 'gzip' as const, level: 1, threads: 1, maxDecoderMemory: 8 << 20 },
    platform,
    socket: undefined,
    strict: false,
    tmpRoot: tmp.path,
    log,
  });

  it('writes the archive and an image.list line with id=, size= and the archive digest', async () => {
    const out = join(tmp.path, 'out-1');
    const result = await pack(request(out, [`docker-archive:${archive.path}`]));
    assert.equal(result.failed, 0);
    assert.equal(result.packed.length, 1);
    const [image] = result.packed;
    assert.equal(image!.imageId, archive.imageId, 'the image ID is the config digest, unchanged');
    const file = join(out, 'images', image!.file);
    assert.equal(statSync(file).size, image!.archiveBytes);
    const list = readFileSync(join(out, 'image.list'), 'utf8');
    assert.match(list, new RegExp(`^${image!.file} docker\\.io/library/app:1 id=${archive.imageId} size=${image!.tarBytes} sha256=${sha256(file)}\\n$`, 'm'));
  });

  it('SOURCE=NAME:TAG renames; one failing source does not stop the others and is one error line naming it', async () => {
    const out = join(tmp.path, 'out-2');
    const { log, lines } = collectingLog();
    const missing = `docker-archive:${join(tmp.path, 'absent.tar')}`;
    const result = await pack(request(out, [missing, `docker-archive:${archive.path}=registry.local/other:2`], log));
    assert.equal(result.failed, 1);
    assert.deepEqual(result.packed.map((p) => p.names), [['registry.local/other:2']]);
    const errors = lines.filter((line) => line.level >= 50);
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.msg, new RegExp(`^${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*absent\\.tar does not exist`));
  });
});

describe('pack docker-daemon: through the engine client (fake engine on a unix socket)', () => {
  const tmp = tempDirPerSuite('pack-export');
  const seen: string[] = [];
  let socket = '';
  let archivePath = '';
  let server: http.Server;
  before(async () => {
    archivePath = (await buildDockerArchive({ repoTags: ['app:1'], files: { 'a.txt': 'a' }, outDir: tmp.path, fileName: 'export.tar' })).path;
    server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.url === '/_ping') return res.writeHead(200, { Server: 'Docker/20.10.24 (linux)', 'Api-Version': '1.41' }).end('OK');
      if (req.url === '/v1.41/images/app:1/get') return void createReadStream(archivePath).pipe(res);
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"reference does not exist"}');
    });
    socket = join(tmp.path, 'docker.sock');
    server.listen(socket);
    await once(server, 'listening');
  });
  after(() => server.close());

  it('exports with a versioned streaming GET and packs the result', async () => {
    const out = join(tmp.path, 'out');
    const result = await pack({
      specs: ['docker-daemon:app:1'],
      outDir: out,
      compression: { compression: 'none', level: undefined, threads: 1, maxDecoderMemory: 8 << 20 },
      platform,
      socket,
      strict: false,
      tmpRoot: tmp.path,
      log: collectingLog().log,
    });
    assert.equal(result.failed, 0);
    assert.deepEqual(result.packed[0]!.names, ['app:1']);
    assert.deepEqual(seen, ['GET /_ping', 'GET /v1.41/images/app:1/get']);
  });

  it("an image the engine does not have is one error naming the source and the engine's message", async () => {
    const { log, lines } = collectingLog();
    const result = await pack({
      specs: ['docker-daemon:nothere:1'],
      outDir: join(tmp.path, 'out-missing'),
      compression: { compression: 'none', level: undefined, threads: 1, maxDecoderMemory: 8 << 20 },
      platform,
      socket,
      strict: false,
      tmpRoot: tmp.path,
      log,
    });
    assert.equal(result.failed, 1);
    assert.match(lines.find((line) => line.level >= 50)!.msg, /^docker-daemon:nothere:1: cannot export nothere:1: GET \/v1\.41\/images\/nothere:1\/get answered: reference does not exist/);
  });
});
