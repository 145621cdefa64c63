import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerCanonical, parseReference, podmanCanonical, type ImageReference } from '../../src/list/reference.js';
import { HEX64 } from './support.js';

function parsed(input: string): ImageReference {
  const result = parseReference(input);
  assert.ok(result.ok, `expected "${input}" to parse, got: ${result.ok ? '' : result.reason}`);
  return result.ref;
}

function reasonFor(input: string): string {
  const result = parseReference(input);
  assert.ok(!result.ok, `expected "${input}" to be rejected, got ${JSON.stringify(result)}`);
  return result.reason;
}

describe('parseReference: valid references', () => {
  const tag128 = `v${'1'.repeat(127)}`;
  const cases: Array<[input: string, expected: Partial<ImageReference>]> = [
    ['app', { domain: undefined, path: 'app', tag: 'latest', digest: undefined, nameTag: 'app:latest' }],
    ['app:1.0', { domain: undefined, path: 'app', tag: '1.0', nameTag: 'app:1.0' }],
    ['library/debian:bookworm', { domain: undefined, path: 'library/debian', tag: 'bookworm', nameTag: 'library/debian:bookworm' }],
    [
      'registry.example.com:5000/team/app:v1.2.3',
      { domain: 'registry.example.com:5000', path: 'team/app', tag: 'v1.2.3', nameTag: 'registry.example.com:5000/team/app:v1.2.3' },
    ],
    ['localhost/app', { domain: 'localhost', path: 'app', tag: 'latest', nameTag: 'localhost/app:latest' }],
    ['localhost:5000/a/b/c:tag', { domain: 'localhost:5000', path: 'a/b/c', tag: 'tag', nameTag: 'localhost:5000/a/b/c:tag' }],
    ['[::1]:5000/app:1', { domain: '[::1]:5000', path: 'app', tag: '1', nameTag: '[::1]:5000/app:1' }],
    ['a__b', { path: 'a__b', tag: 'latest' }],
    ['a-b---c', { path: 'a-b---c', tag: 'latest' }],
    ['a.b', { domain: undefined, path: 'a.b', tag: 'latest' }],
    ['a_b', { path: 'a_b' }],
    [`name:tag@sha256:${HEX64}`, { path: 'name', tag: 'tag', digest: `sha256:${HEX64}`, nameTag: 'name:tag' }],
    [`name@sha256:${HEX64}`, { path: 'name', tag: 'latest', digest: `sha256:${HEX64}`, nameTag: 'name:latest' }],
    [`app:${tag128}`, { path: 'app', tag: tag128 }],
    ['app:_underscore-first', { tag: '_underscore-first' }],
    ['quay.io/x/y:2', { domain: 'quay.io', path: 'x/y', tag: '2' }],
    ['Registry.Example.COM/app', { domain: 'Registry.Example.COM', path: 'app' }],
    ['ADV.local:5000/name:1', { domain: 'ADV.local:5000', path: 'name', tag: '1' }],
    ['example.com/app', { domain: 'example.com', path: 'app' }],
  ];
  for (const [input, expected] of cases) {
    it(input.length > 60 ? `${input.slice(0, 60)}…` : input, () => {
      const ref = parsed(input);
      for (const [key, value] of Object.entries(expected)) {
        assert.equal(ref[key as keyof ImageReference], value, `${key} of ${input}`);
      }
    });
  }

  it('accepts a name of exactly 255 characters', () => {
    const name = `${'a'.repeat(127)}/${'b'.repeat(127)}`;
    assert.equal(name.length, 255);
    assert.equal(parsed(name).nameTag, `${name}:latest`);
  });

  it('nameTag keeps the name as written (no registry added), without the digest', () => {
    assert.equal(parsed(`docker.io/library/app:1@sha256:${HEX64}`).nameTag, 'docker.io/library/app:1');
  });
});

describe('parseReference: invalid references', () => {
  const cases: Array<[label: string, input: string, reason: RegExp]> = [
    ['uppercase path after a registry-like first component', 'Bad/UPPER:1', /lowercase/],
    ['an upper-case first component without a dot or port is no registry', 'ADV/name:1', /repository name must be lowercase \("ADV\/name"\); a registry name needs a dot or a port/],
    ['single uppercase component', 'UPPER', /lowercase/],
    ['empty string', '', /empty/],
    ['empty tag', 'app:', /invalid tag ""/],
    ['tag without name', ':tag', /missing repository name/],
    ['tag starting with "-"', 'app:-bad', /invalid tag "-bad"/],
    ['tag starting with "."', 'app:.bad', /invalid tag "\.bad"/],
    ['tag of 129 characters', `app:${'t'.repeat(129)}`, /invalid tag .*up to 128/],
    ['tag with a forbidden character', 'app:a+b', /invalid tag/],
    ['short digest', 'app@sha256:short', /invalid digest "sha256:short"/],
    ['digest without algorithm', `app@${HEX64}`, /invalid digest/],
    ['component starting with "-"', '-app', /invalid repository name component "-app"/],
    ['component ending with "-"', 'app-', /invalid repository name component "app-"/],
    ['double dot', 'a..b', /invalid repository name component "a\.\.b"/],
    ['triple underscore', 'a___b', /invalid repository name component/],
    ['empty path component', 'team//app', /invalid repository name component ""/],
    ['trailing slash', 'team/', /invalid repository name component ""/],
    ['name longer than 255 characters', `${'a'.repeat(128)}/${'b'.repeat(127)}`, /longer than 255/],
    ['registry with a non-numeric port', 'host:port/app', /invalid registry "host:port"/],
    ['registry label ending with "-"', 'host-.example.com/app', /invalid registry/],
    ['whitespace', 'app 1', /invalid repository name component/],
  ];
  for (const [label, input, reason] of cases) {
    it(`${label}: ${input.length > 40 ? `${input.slice(0, 40)}…` : JSON.stringify(input)}`, () => {
      assert.match(reasonFor(input), reason);
    });
  }

  // distribution/reference parses the digest with digest.Parse, which only accepts known
  // algorithms with their exact length: sha256 is exactly 64 lowercase hex digits.
  const badDigests: Array<[label: string, digest: string]> = [
    ['sha256 with 32 hex digits', `sha256:${'a'.repeat(32)}`],
    ['sha256 with uppercase hex', `sha256:${'A'.repeat(64)}`],
    ['sha256 with 65 hex digits', `sha256:${'a'.repeat(65)}`],
  ];
  for (const [label, digest] of badDigests) {
    it(`digest that Docker rejects: ${label}`, () => {
      assert.match(reasonFor(`app@${digest}`), /invalid digest/);
    });
  }
});

describe('dockerCanonical / podmanCanonical', () => {
  const cases: Array<[input: string, docker: string, podman: string]> = [
    ['app:1', 'docker.io/library/app:1', 'localhost/app:1'],
    ['app', 'docker.io/library/app:latest', 'localhost/app:latest'],
    ['team/app:1', 'docker.io/team/app:1', 'localhost/team/app:1'],
    ['quay.io/x/y:2', 'quay.io/x/y:2', 'quay.io/x/y:2'],
    ['docker.io/app:1', 'docker.io/library/app:1', 'docker.io/library/app:1'],
    ['docker.io/library/app:1', 'docker.io/library/app:1', 'docker.io/library/app:1'],
    ['localhost/app:1', 'localhost/app:1', 'localhost/app:1'],
    ['localhost:5000/a/b:3', 'localhost:5000/a/b:3', 'localhost:5000/a/b:3'],
    [`app:1@sha256:${HEX64}`, 'docker.io/library/app:1', 'localhost/app:1'],
  ];
  for (const [input, docker, podman] of cases) {
    it(`${input.slice(0, 40)} → ${docker} / ${podman}`, () => {
      const ref = parsed(input);
      assert.equal(dockerCanonical(ref), docker);
      assert.equal(podmanCanonical(ref), podman);
    });
  }
});
