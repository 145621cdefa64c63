import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { negotiateApiVersion, versioned } from '../../src/engine/api-version.js';
import { socketsToTry } from '../../src/engine/sockets.js';
import { PreloadError, UsageError } from '../../src/errors.js';

describe('socketsToTry: --socket, then DOCKER_HOST / CONTAINER_HOST, then the usual sockets', () => {
  const env = { DOCKER_HOST: 'unix:///d/docker.sock', CONTAINER_HOST: 'unix:///p/podman.sock', XDG_RUNTIME_DIR: '/run/user/1000' };

  it('--socket wins over the environment', () => {
    assert.deepEqual(socketsToTry('docker', '/s.sock', env), { sockets: ['/s.sock'], explicit: true });
  });

  it('DOCKER_HOST for docker, CONTAINER_HOST for podman, both (in that order) for auto', () => {
    assert.deepEqual(socketsToTry('docker', undefined, env).sockets, ['/d/docker.sock']);
    assert.deepEqual(socketsToTry('podman', undefined, env).sockets, ['/p/podman.sock']);
    assert.deepEqual(socketsToTry('auto', undefined, env), { sockets: ['/d/docker.sock', '/p/podman.sock'], explicit: true });
  });

  it("the other engine's variable is ignored", () => {
    assert.deepEqual(socketsToTry('podman', undefined, { DOCKER_HOST: 'unix:///d/docker.sock' }), {
      sockets: ['/run/podman/podman.sock'],
      explicit: false,
    });
  });

  it('without them, the usual sockets', () => {
    assert.deepEqual(socketsToTry('auto', undefined, { XDG_RUNTIME_DIR: '/run/user/1000' }), {
      sockets: ['/run/docker.sock', '/run/podman/podman.sock', '/run/user/1000/podman/podman.sock'],
      explicit: false,
    });
  });

  for (const value of ['tcp://10.0.0.1:2375', 'ssh://user@host', 'unix://relative.sock', '/no/scheme.sock']) {
    it(`DOCKER_HOST=${value} is a usage error naming the variable`, () => {
      assert.throws(() => socketsToTry('docker', undefined, { DOCKER_HOST: value }), (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.equal(error.exitCode, 2);
        assert.match(error.line, new RegExp(`^DOCKER_HOST=${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: only unix:///PATH sockets are supported\\. Unset DOCKER_HOST or pass --socket PATH$`));
        return true;
      });
    });
  }

  it('a bad variable does not matter when --socket is given', () => {
    assert.deepEqual(socketsToTry('docker', '/s.sock', { DOCKER_HOST: 'tcp://x:1' }).sockets, ['/s.sock']);
  });
});

describe('negotiateApiVersion', () => {
  const cases: Array<[announced: string | undefined, expected: string | undefined]> = [
    ['1.41', '1.41'], // Docker 20.10, Podman 4.3's compat API
    ['1.24', '1.24'],
    ['1.47', '1.47'],
    ['1.52', '1.47'], // Docker 29: capped at what we know (it serves down to 1.44)
    ['2.0', '1.47'],
    [undefined, undefined],
    ['garbage', undefined],
  ];
  for (const [announced, expected] of cases) {
    it(`${announced} → ${expected}`, () => assert.equal(negotiateApiVersion(announced, '/s.sock'), expected));
  }

  it('an engine older than 1.24 is one clear error (exit 3)', () => {
    assert.throws(() => negotiateApiVersion('1.23', '/s.sock'), (error: unknown) => {
      assert.ok(error instanceof PreloadError);
      assert.equal(error.code, 'engine-too-old');
      assert.equal(error.exitCode, 3);
      assert.match(error.line, /^the engine on \/s\.sock speaks API 1\.23; preload-daemon needs 1\.24 or newer\. Update the engine/);
      return true;
    });
  });

  it('versioned() prefixes the path only when a version was negotiated', () => {
    assert.equal(versioned('1.41', '/images/app:1/json'), '/v1.41/images/app:1/json');
    assert.equal(versioned(undefined, '/info'), '/info');
  });
});
