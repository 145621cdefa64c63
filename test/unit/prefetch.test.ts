import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineOn } from '../../src/engine/engine.js';
import type { EngineKind } from '../../src/engine/names.js';
import type { ListEntry } from '../../src/list/entry.js';
import { parseReference } from '../../src/list/reference.js';
import { prefetchPresence } from '../../src/loader/prefetch.js';
import { startFakeEngine, type FakeEngine, type FakeEngineOptions } from '../helpers/fake-engine.js';

const id = (n: number) => `sha256:${String(n).padStart(64, '0')}`;

function entry(name: string, line: number): ListEntry {
  const parsed = parseReference(name);
  if (!parsed.ok) throw new Error(parsed.reason);
  return { list: '/l/image.list', line, archiveName: 'a.tar', archivePath: '/l/images/a.tar', imagesDir: '/l/images', reference: parsed.ref, expectedId: undefined, size: undefined, archiveSha256: undefined, policy: undefined, deleteAfterLoad: undefined };
}

async function presence(kind: EngineKind, options: Omit<FakeEngineOptions, 'kind'>, names: string[], version = '1') {
  const fake = await startFakeEngine({ kind, ...options });
  try {
    const entries = names.map((name, i) => entry(name, i + 1));
    const engine = engineOn(fake.socketPath, kind, version, { apiVersion: '1.41' });
    const found = await Promise.all([...prefetchPresence(entries, engine).values()]);
    return { found: found.map((image) => (image ? [image.name, image.id] : undefined)), calls: calls(fake) };
  } finally {
    await fake.close();
  }
}

const calls = (fake: FakeEngine) => fake.calls.map((call) => `${call.method} ${call.path.replace(/\?.*/, '')}`);

describe('presence of every entry before the first load (prefetch)', () => {
  const stored = Array.from({ length: 30 }, (_, i) => ({ Id: id(i), RepoTags: [`reg.example/app-${i}:1`] }));
  const names = stored.map((image) => image.RepoTags[0]!);

  it('Docker: 30 present images are one filtered list request, no inspect', async () => {
    const { found, calls } = await presence('docker', { images: stored }, names);
    assert.deepEqual(found, stored.map((image) => [image.RepoTags[0], image.Id]));
    assert.deepEqual(calls, ['GET /images/json']);
  });

  it('Docker, names written in full or short: one list request sending the familiar spellings Docker matches', async () => {
    const images = [
      { Id: id(1), RepoTags: ['docker.io/library/x:1'] },
      { Id: id(2), RepoTags: ['docker.io/org/x:1'] },
      { Id: id(3), RepoTags: ['registry.local:5000/x:1'] },
      { Id: id(4), RepoTags: ['docker.io/library/short:2'] },
      { Id: id(5), RepoTags: ['docker.io/org/short:3'] },
      { Id: id(6), RepoTags: ['docker.io/library/nested/deep:4'] },
    ];
    const fake = await startFakeEngine({ kind: 'docker', images });
    try {
      const names = ['docker.io/library/x:1', 'docker.io/org/x:1', 'registry.local:5000/x:1', 'short:2', 'org/short:3', 'docker.io/library/nested/deep:4'];
      const engine = engineOn(fake.socketPath, 'docker', '1', { apiVersion: '1.41' });
      const found = await Promise.all([...prefetchPresence(names.map((name, i) => entry(name, i + 1)), engine).values()]);
      assert.deepEqual(found.map((image) => image?.id), images.map((image) => image.Id));
      assert.deepEqual(calls(fake), ['GET /images/json']);
      const sent = JSON.parse(new URL(fake.calls[0]!.path, 'http://x').searchParams.get('filters')!) as { reference: string[] };
      for (const familiar of ['x:1', 'org/x:1', 'registry.local:5000/x:1', 'short:2', 'org/short:3', 'library/nested/deep:4']) assert.ok(sent.reference.includes(familiar), `${familiar} not sent: ${sent.reference.join(' ')}`);
    } finally {
      await fake.close();
    }
  });

  it('Docker: what the list leaves out is asked by inspect, never taken as absent', async () => {
    const withMissing = [...names, 'reg.example/gone:1'];
    // A list answer that omits an image which is there: inspect still finds it.
    const partial = await presence(
      'docker',
      {
        images: stored,
        list: (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(stored.slice(1).map((image) => ({ Id: image.Id, RepoTags: image.RepoTags }))));
          return true;
        },
      },
      withMissing,
    );
    assert.deepEqual(partial.found.slice(0, 30), stored.map((image) => [image.RepoTags[0], image.Id]));
    assert.equal(partial.found[30], undefined);
    assert.deepEqual(partial.calls.slice(1).sort(), ['GET /images/reg.example/app-0:1/json', 'GET /images/reg.example/gone:1/json']);
  });

  it('Docker: a failing list request falls back to one inspect per entry', async () => {
    const failing = await presence(
      'docker',
      {
        images: stored.slice(0, 3),
        list: (_req, res) => {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end('{"message":"boom"}');
          return true;
        },
      },
      names.slice(0, 3),
    );
    assert.deepEqual(failing.found, stored.slice(0, 3).map((image) => [image.RepoTags[0], image.Id]));
    assert.equal(failing.calls.filter((call) => call.endsWith('/json') && call !== 'GET /images/json').length, 3);
  });

  it('Podman 5 (reference filters ORed, as measured on 5.4): one list request', async () => {
    const { found, calls } = await presence('podman', { images: stored, orFilters: true }, names, '5.4.2');
    assert.deepEqual(found, stored.map((image) => [image.RepoTags[0], image.Id]));
    assert.deepEqual(calls, ['GET /images/json']);
  });

  it('Podman 4 (reference filters ANDed in 4.3): one inspect per entry, no list request', async () => {
    const { found, calls } = await presence('podman', { images: stored.slice(0, 4) }, names.slice(0, 4), '4.3.1');
    assert.deepEqual(found, stored.slice(0, 4).map((image) => [image.RepoTags[0], image.Id]));
    assert.ok(!calls.includes('GET /images/json'), calls.join(', '));
    assert.equal(calls.length, 4);
  });
});
