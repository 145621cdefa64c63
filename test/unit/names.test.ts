import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalTags, hasTag, storedName, type EngineKind } from '../../src/engine/names.js';
import { parseReference, type ImageReference } from '../../src/list/reference.js';

function ref(text: string): ImageReference {
  const result = parseReference(text);
  assert.ok(result.ok, text);
  return result.ref;
}

describe('storedName', () => {
  const cases: Array<[input: string, docker: string, podman: string]> = [
    ['app:1.0', 'docker.io/library/app:1.0', 'localhost/app:1.0'],
    ['demo/app:1.0', 'docker.io/demo/app:1.0', 'localhost/demo/app:1.0'],
    ['localhost/app:1.0', 'localhost/app:1.0', 'localhost/app:1.0'],
    ['quay.io/org/app:2', 'quay.io/org/app:2', 'quay.io/org/app:2'],
    ['docker.io/app', 'docker.io/library/app:latest', 'docker.io/library/app:latest'],
  ];
  for (const [input, docker, podman] of cases) {
    it(input, () => {
      assert.equal(storedName('docker', ref(input)), docker);
      assert.equal(storedName('podman', ref(input)), podman);
    });
  }
});

describe('canonicalTags', () => {
  it('expands the short forms each engine reports and drops unparsable tags', () => {
    assert.deepEqual(canonicalTags('docker', ['app:1', 'team/app:2', '<none>:<none>', 'quay.io/x:3']), [
      'docker.io/library/app:1',
      'docker.io/team/app:2',
      'quay.io/x:3',
    ]);
    assert.deepEqual(canonicalTags('podman', ['localhost/app:1', 'docker.io/library/app:1']), ['localhost/app:1', 'docker.io/library/app:1']);
  });
});

describe('hasTag', () => {
  const cases: Array<[kind: EngineKind, tags: string[], wanted: string, expected: boolean, why: string]> = [
    ['docker', ['app:1.0'], 'app:1.0', true, 'Docker reports library images by short name'],
    ['docker', ['app:1.0'], 'docker.io/library/app:1.0', true, 'full and short names are the same image'],
    ['docker', ['docker.io/library/app:1.0'], 'app:1.0', true, 'either spelling in RepoTags'],
    ['docker', ['app:1.0'], 'app:2.0', false, 'other tag'],
    ['docker', ['app:latest'], 'app', true, 'missing tag means latest'],
    ['docker', ['team/app:1.0'], 'app:1.0', false, 'different repository'],
    ['docker', ['localhost/app:1.0'], 'app:1.0', false, 'localhost/ is another name for Docker'],
    ['docker', [], 'app:1.0', false, 'no tags'],
    ['podman', ['localhost/app:1.0'], 'app:1.0', true, 'Podman stores short names under localhost/'],
    ['podman', ['localhost/app:1.0'], 'localhost/app:1.0', true, 'written with localhost/'],
    ['podman', ['localhost/demo/app:1.0'], 'app:1.0', false, 'Podman quirk: short-name lookup finds localhost/demo/app, which is not app'],
    ['podman', ['localhost/demo/app:1.0'], 'demo/app:1.0', true, 'the namespaced name itself matches'],
    ['podman', ['docker.io/library/app:1.0'], 'app:1.0', false, 'a Docker Hub image is not the loaded localhost/ one'],
    ['podman', ['docker.io/library/app:1.0'], 'docker.io/app:1.0', true, 'explicit docker.io matches'],
    ['podman', ['localhost/app:1.0', 'localhost/other:1'], 'other:1', true, 'any of several tags'],
  ];
  for (const [kind, tags, wanted, expected, why] of cases) {
    it(`${kind}: ${JSON.stringify(tags)} has ${wanted}? ${expected} (${why})`, () => {
      assert.equal(hasTag(kind, tags, ref(wanted)), expected);
    });
  }
});
