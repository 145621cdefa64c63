// Fault matrix, case 11 (properties, no engine): property-based tests of the list parser
// (src/list/parse.ts) and the reference validator (src/list/reference.ts) with fast-check.
// fast-check is not a devDependency yet: it is imported dynamically so this file compiles
// without it, and the suite is skipped with a clear message until `npm i -D fast-check`.
// FAST_CHECK_PATH may point at a fast-check copy elsewhere (its ESM entry file).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkArchiveName, parseList } from '../../src/list/parse.js';
import { dockerCanonical, parseReference, podmanCanonical } from '../../src/list/reference.js';

// The part of fast-check's API used here (typed loosely so no type package is needed).
/* eslint-disable @typescript-eslint/no-explicit-any */
type Arb<T> = { map<U>(f: (t: T) => U): Arb<U>; filter(f: (t: T) => boolean): Arb<T> };
interface FC {
  assert(property: unknown, params?: { numRuns?: number; seed?: number }): void;
  property(...args: any[]): unknown;
  string(c?: any): Arb<string>;
  fullUnicodeString?(c?: any): Arb<string>;
  stringMatching(re: RegExp): Arb<string>;
  array<T>(a: Arb<T>, c?: any): Arb<T[]>;
  constantFrom<T>(...v: T[]): Arb<T>;
  oneof<T>(...a: Arb<T>[]): Arb<T>;
  option<T>(a: Arb<T>, c?: any): Arb<T | null>;
  tuple<T extends unknown[]>(...a: { [K in keyof T]: Arb<T[K]> }): Arb<T>;
  integer(c?: any): Arb<number>;
  boolean(): Arb<boolean>;
  uint8Array(c?: any): Arb<Uint8Array>;
}

const fc: FC | undefined = await import(process.env.FAST_CHECK_PATH ?? 'fast-check').then(
  (m: any) => (m.default ?? m) as FC,
  () => undefined,
);
const SKIP = fc ? false : 'fast-check is not installed (npm i -D fast-check)';
/** Any code points: fullUnicodeString in fast-check 3, string({ unit: 'binary' }) in 4. */
const unicode = (c: { maxLength: number }): Arb<string> => (fc!.fullUnicodeString ? fc!.fullUnicodeString(c) : fc!.string({ ...c, unit: 'binary' }));
const RUNS = { numRuns: Number(process.env.PRELOAD_PBT_RUNS ?? 500), seed: Number(process.env.PRELOAD_PBT_SEED ?? 42) };

describe('properties: reference grammar', { skip: SKIP }, () => {
  const f = fc!;
  const component = () => f.stringMatching(/^[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+){0,3}$/).filter((s) => s.length <= 40);
  const domain = () =>
    f.oneof(
      f.constantFrom('localhost', 'registry.local', 'r.example.com', '[::1]'),
      f.tuple(f.stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,10}[a-zA-Z0-9])?$/), f.stringMatching(/^[a-z]{2,6}$/)).map(([a, b]) => `${a}.${b}`),
    );
  const port = () => f.option(f.integer({ min: 1, max: 65535 }), { nil: null });
  const tag = () => f.stringMatching(/^\w[\w.-]{0,127}$/);
  const digest = () => f.stringMatching(/^[0-9a-f]{64}$/).map((h) => `sha256:${h}`);
  const validRef = () =>
    f
      .tuple(f.option(f.tuple(domain(), port())), f.array(component(), { minLength: 1, maxLength: 4 }), f.option(tag()), f.option(digest()))
      .map(([d, path, t, dg]) => {
        const host = d ? `${d[0]}${d[1] !== null ? `:${d[1]}` : ''}/` : '';
        return { text: `${host}${path.join('/')}${t !== null ? `:${t}` : ''}${dg !== null ? `@${dg}` : ''}`, hasDomain: d !== null, tag: t, digest: dg };
      })
      // Without a registry, a first component with a dot or named localhost is a registry (Docker's rule).
      .filter((r) => r.hasDomain || !/^(?:[^/]*\.[^/]*|localhost)\//.test(r.text))
      .filter((r) => r.text.split('@')[0]!.replace(/:[^/:]*$/, '').length <= 255);

  it('every reference built from the grammar parses, keeping tag and digest', () => {
    f.assert(
      f.property(validRef(), (r: { text: string; hasDomain: boolean; tag: string | null; digest: string | null }) => {
        const parsed = parseReference(r.text);
        assert.ok(parsed.ok, `${r.text}: ${!parsed.ok ? parsed.reason : ''}`);
        assert.equal(parsed.ref.tag, r.tag ?? 'latest');
        assert.equal(parsed.ref.digest, r.digest ?? undefined);
        assert.equal(parsed.ref.domain !== undefined, r.hasDomain);
      }),
      RUNS,
    );
  });

  it('nameTag is a fixed point: parse(nameTag) gives the same nameTag and canonical names', () => {
    f.assert(
      f.property(validRef(), (r: { text: string }) => {
        const first = parseReference(r.text);
        assert.ok(first.ok);
        const again = parseReference(first.ref.nameTag);
        assert.ok(again.ok, first.ref.nameTag);
        assert.equal(again.ref.nameTag, first.ref.nameTag);
        assert.equal(dockerCanonical(again.ref), dockerCanonical(first.ref));
        assert.equal(podmanCanonical(again.ref), podmanCanonical(first.ref));
        // The canonical forms are themselves valid references that name the same image.
        for (const canonical of [dockerCanonical(first.ref), podmanCanonical(first.ref)]) {
          const c = parseReference(canonical);
          assert.ok(c.ok, canonical);
          assert.equal(dockerCanonical(c.ref) === canonical || podmanCanonical(c.ref) === canonical, true, canonical);
        }
      }),
      RUNS,
    );
  });

  it('parseReference never throws, and rejects what the grammar forbids', () => {
    f.assert(
      f.property(unicode({ maxLength: 300 }), (s: string) => {
        const r = parseReference(s);
        if (r.ok) {
          assert.doesNotMatch(s, /\s/, `accepted whitespace: ${JSON.stringify(s)}`);
          assert.ok(r.ref.tag.length <= 128);
          assert.match(r.ref.path, /^[a-z0-9._\-/]+$/, `path ${r.ref.path}`);
        } else {
          assert.ok(r.reason.length > 0);
        }
      }),
      RUNS,
    );
    f.assert(
      f.property(validRef(), f.constantFrom('A', ' ', '\t', '$', 'é', '..'), (r: { text: string }, bad: string) => {
        const path = r.text.split('@')[0]!;
        // An upper-case letter, a space, a symbol or '..' inside the last path component is always invalid.
        const slash = path.lastIndexOf('/');
        const broken = `${path.slice(0, slash + 1)}x${bad}y${path.slice(slash + 1)}`;
        assert.equal(parseReference(broken).ok, false, broken);
      }),
      RUNS,
    );
  });

  it('a tag of 129 characters or one starting with . or - is refused', () => {
    f.assert(
      f.property(component(), f.oneof(f.stringMatching(/^\w{129,140}$/), f.stringMatching(/^[.-][\w.-]{0,20}$/)), (name: string, t: string) => {
        assert.equal(parseReference(`${name}:${t}`).ok, false, `${name}:${t}`);
      }),
      RUNS,
    );
  });
});

describe('properties: image.list parser', { skip: SKIP }, () => {
  const f = fc!;
  const anyLine = () =>
    f.oneof(
      unicode({ maxLength: 80 }).map((s) => s.replace(/[\r\n]/g, '')),
      f.constantFrom('', '   ', '# comment', '\t# indented comment', 'a.tar app:1', 'a.tar app:1 id=sha256:' + 'a'.repeat(64), 'a.tar App:1', '../a.tar app:1', '/a.tar app:1', 'a.tar app:1 size=12 sha256=' + 'b'.repeat(64), 'a.tar app:1 what=ever', 'a.tar app:1 id=nope', 'only'),
    );

  it('never throws; each non-blank, non-comment line gives exactly one entry or one error', () => {
    f.assert(
      f.property(f.array(anyLine(), { maxLength: 60 }), (lines: string[]) => {
        const { entries, problems } = parseList(lines.join('\n'), '/pkg/image.list');
        const content = lines.map((l, i) => ({ l: l.trim(), n: i + 1 })).filter((x) => x.l !== '' && !x.l.startsWith('#'));
        const errors = problems.filter((p) => p.severity === 'error');
        assert.equal(entries.length + errors.length, content.length);
        const used = new Set([...entries.map((e) => e.line), ...errors.map((p) => p.line)]);
        assert.equal(used.size, content.length, 'one outcome per line');
        for (const x of content) assert.ok(used.has(x.n), `line ${x.n} has no outcome`);
        for (const e of entries) {
          assert.equal(checkArchiveName(e.archiveName), undefined);
          assert.ok(e.archivePath.startsWith('/pkg/images/'), e.archivePath);
        }
      }),
      RUNS,
    );
  });

  it('CRLF line ends, a BOM, trailing blanks and comments change nothing', () => {
    f.assert(
      f.property(f.array(anyLine(), { maxLength: 30 }), (lines: string[]) => {
        const plain = parseList(lines.join('\n'), '/p/image.list');
        const crlf = parseList(`\uFEFF${lines.join('\r\n')}\r\n\r\n# end\n`, '/p/image.list');
        assert.deepEqual(crlf.entries, plain.entries);
        assert.deepEqual(crlf.problems, plain.problems);
      }),
      RUNS,
    );
  });

  it('arbitrary bytes decoded as UTF-8 never throw', () => {
    f.assert(
      f.property(f.uint8Array({ maxLength: 2000 }), (bytes: Uint8Array) => {
        const r = parseList(Buffer.from(bytes).toString('utf8'), '/p/image.list');
        for (const p of r.problems) assert.ok(p.line === undefined || p.line >= 1);
      }),
      RUNS,
    );
  });
});

describe('list parser at scale (no fast-check needed)', () => {
  // Its speed is the benchmark's (npm run bench, section 8), not a test's.
  it('parses a 10,000-line list', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `img-${i % 20}.tar.zst registry.local:5000/team/app-${i % 20}:v${i} id=sha256:${'a'.repeat(64)} size=${i} sha256=${'b'.repeat(64)}`);
    const r = parseList(lines.join('\n'), '/p/image.list');
    assert.equal(r.entries.length, 10_000);
    assert.equal(r.problems.length, 0);
    assert.deepEqual([r.entries[9_999]!.line, r.entries[9_999]!.reference.nameTag], [10_000, 'registry.local:5000/team/app-19:v9999']);
  });
});
