import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connectEngine } from '../../src/engine/connect.js';
import { PreloadError } from '../../src/errors.js';
import { tempDirPerSuite } from './support.js';

/** Sockets answering /_ping the way each engine does (Podman adds Libpod-Api-Version). */
describe('connectEngine against fake /_ping answers', () => {
  const dir = tempDirPerSuite('connect');
  const servers: http.Server[] = [];
  const sockets = { docker: '', podman: '', broken: '' };
  const headers = {
    docker: { Server: 'Docker/20.10.24+dfsg1 (linux)', 'Api-Version': '1.41' },
    podman: { Server: 'Libpod/4.3.1 (linux)', 'Api-Version': '1.41', 'Libpod-Api-Version': '4.3.1' },
    broken: {},
  };
  before(async () => {
    for (const kind of ['docker', 'podman', 'broken'] as const) {
      const server = http.createServer((req, res) => {
        if (kind === 'broken') return res.writeHead(503).end('starting');
        res.writeHead(200, headers[kind]).end('OK');
      });
      sockets[kind] = join(dir.path, `${kind}.sock`);
      server.listen(sockets[kind]);
      await once(server, 'listening');
      servers.push(server);
    }
  });
  after(() => servers.forEach((server) => server.close()));

  it('recognises Docker by the missing Libpod header and takes its version from Server', async () => {
    const engine = await connectEngine({ engine: 'auto', socket: sockets.docker, waitSeconds: 30 });
    assert.equal(engine.kind, 'docker');
    assert.equal(engine.version, '20.10.24+dfsg1');
    assert.equal(engine.socketPath, sockets.docker);
    assert.equal(engine.apiVersion, '1.41', 'negotiated from Api-Version');
  });

  it('DOCKER_HOST names the socket when --socket is not given', async () => {
    const engine = await connectEngine({ engine: 'docker', socket: undefined, waitSeconds: 30, env: { DOCKER_HOST: `unix://${sockets.docker}` } });
    assert.equal(engine.socketPath, sockets.docker);
  });

  it('recognises Podman by Libpod-Api-Version', async () => {
    const engine = await connectEngine({ engine: 'podman', socket: sockets.podman, waitSeconds: 30 });
    assert.equal(engine.kind, 'podman');
    assert.equal(engine.version, '4.3.1');
  });

  it('--engine docker on a Podman socket is a usage error naming both', async () => {
    await assert.rejects(connectEngine({ engine: 'docker', socket: sockets.podman, waitSeconds: 30 }), (error: unknown) => {
      assert.ok(error instanceof PreloadError);
      assert.equal(error.code, 'usage');
      assert.match(error.message, /--engine docker was asked for, but .*podman\.sock is podman 4\.3\.1/);
      return true;
    });
  });

  it('an engine that keeps answering 503 is engine-unreachable after --wait-engine, with the reason, and says it waits', async () => {
    const waited: string[] = [];
    const started = Date.now();
    await assert.rejects(
      connectEngine({ engine: 'auto', socket: sockets.broken, waitSeconds: 0.5, onWaiting: (socket, reason) => waited.push(`${socket} ${reason}`) }),
      (error: unknown) => {
        assert.ok(error instanceof PreloadError);
        assert.equal(error.code, 'engine-unreachable');
        assert.equal(error.exitCode, 3);
        assert.match(error.message, /no container engine answered on .*broken\.sock within 0\.5 s: GET \/_ping answered HTTP 503/);
        return true;
      },
    );
    // The promise is --wait-engine: it gives up after the 0.5 s asked for instead of retrying on
    // (the default is 60 s); 9.5 s of headroom covers a saturated machine.
    assert.ok(Date.now() - started < 10_000, `gave up after ${Date.now() - started} ms`);
    assert.equal(waited.length, 1);
    assert.match(waited[0]!, /broken\.sock GET \/_ping answered HTTP 503/);
  });

  it('a socket that does not exist is engine-unreachable', async () => {
    await assert.rejects(connectEngine({ engine: 'auto', socket: join(dir.path, 'none.sock'), waitSeconds: 0.2 }), (error: unknown) => {
      assert.ok(error instanceof PreloadError);
      assert.equal(error.code, 'engine-unreachable');
      assert.match(error.message, /the socket does not exist/);
      return true;
    });
  });
});
