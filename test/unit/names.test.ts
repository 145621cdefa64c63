import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptedNames, canonicalTags, hasTag, matchingName, spellingMismatch, storedName, type EngineKind } from '../../src/engine/names.js';
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
    ['podman', ['docker.io/library/app:1.0'], 'app:1.0', true, 'skopeo and podman save write docker.io/library/: Podman keeps it, a short name accepts it'],
    ['podman', ['docker.io/org/app:1.0'], 'org/app:1.0', true, 'the same for a namespaced Docker Hub name'],
    ['podman', ['localhost/org/app:1.0'], 'docker.io/org/app:1.0', false, 'a qualified docker.io name matches only itself'],
    ['podman', ['quay.io/org/app:1.0'], 'org/app:1.0', false, 'another registry is another image'],
    ['docker', ['org/app:1.0'], 'docker.io/org/app:1.0', true, 'Docker: org/x is docker.io/org/x'],
    ['podman', ['docker.io/library/app:1.0'], 'docker.io/app:1.0', true, 'explicit docker.io matches'],
    ['podman', ['localhost/app:1.0', 'localhost/other:1'], 'other:1', true, 'any of several tags'],
  ];
  for (const [kind, tags, wanted, expected, why] of cases) {
    it(`${kind}: ${JSON.stringify(tags)} has ${wanted}? ${expected} (${why})`, () => {
      assert.equal(hasTag(kind, tags, ref(wanted)), expected);
    });
  }
});

describe('acceptedNames', () => {
  const cases: Array<[input: string, docker: string[], podman: string[]]> = [
    ['app', ['docker.io/library/app:latest'], ['localhost/app:latest', 'docker.io/library/app:latest']],
    ['org/app:1.0', ['docker.io/org/app:1.0'], ['localhost/org/app:1.0', 'docker.io/org/app:1.0']],
    ['docker.io/org/app:1.0', ['docker.io/org/app:1.0'], ['docker.io/org/app:1.0']],
    ['docker.io/library/app:1.0', ['docker.io/library/app:1.0'], ['docker.io/library/app:1.0']],
    ['localhost/org/app:1.0', ['localhost/org/app:1.0'], ['localhost/org/app:1.0']],
    ['registry.local:5000/org/app:1.0', ['registry.local:5000/org/app:1.0'], ['registry.local:5000/org/app:1.0']],
  ];
  for (const [input, docker, podman] of cases) {
    it(input, () => {
      assert.deepEqual(acceptedNames('docker', ref(input)), docker);
      assert.deepEqual(acceptedNames('podman', ref(input)), podman);
    });
  }

  it('prefers localhost/ on Podman when both spellings are present, like its short-name lookup', () => {
    assert.equal(matchingName('podman', ['docker.io/library/app:1.0', 'localhost/app:1.0'], ref('app:1.0')), 'localhost/app:1.0');
  });
});

describe('spellingMismatch', () => {
  it('Docker: a localhost/ archive never satisfies a short list name, and says what to write', () => {
    const line = spellingMismatch('docker', ref('org/app:1.0'), ['localhost/org/app:1.0']);
    assert.match(line ?? '', /Docker has no localhost\/ short-name rule/);
    assert.match(line ?? '', /write localhost\/org\/app:1.0 in the list/);
  });

  it('Podman: an unqualified archive name is filed under localhost/, which docker.io/… never matches', () => {
    const line = spellingMismatch('podman', ref('docker.io/library/app:1.0'), ['localhost/app:1.0']);
    assert.match(line ?? '', /Podman files the archive's unqualified name under localhost\//);
    assert.match(line ?? '', /write app:1.0 in the list/);
  });

  it('says nothing when the archive carried another repository or tag', () => {
    assert.equal(spellingMismatch('docker', ref('app:1.0'), ['localhost/app:2.0', 'docker.io/library/other:1.0']), undefined);
  });
});
