import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ListEntry, ListProblem } from '../../src/list/entry.js';
import { mergeDuplicates } from '../../src/list/duplicates.js';
import { checkArchiveName, parseList } from '../../src/list/parse.js';
import { HEX64 } from './support.js';

const LIST = '/usr/share/preload-daemon/pkg/image.list';
const IMAGES = '/usr/share/preload-daemon/pkg/images';

function only<T>(items: readonly T[], what: string): T {
  assert.equal(items.length, 1, `expected exactly one ${what}, got ${JSON.stringify(items)}`);
  return items[0]!;
}

/** Parse a single-line list and return its one entry (asserting there are no errors). */
function entryOf(line: string): ListEntry {
  const { entries, problems } = parseList(line, LIST);
  assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
  return only(entries, 'entry');
}

/** Parse a single-line list that must be rejected; return its one problem. */
function errorOf(line: string): ListProblem {
  const { entries, problems } = parseList(line, LIST);
  assert.deepEqual(entries, []);
  const problem = only(problems, 'problem');
  assert.equal(problem.severity, 'error');
  assert.equal(problem.list, LIST);
  assert.equal(problem.line, 1);
  return problem;
}

describe('parseList: layout', () => {
  it('parses a basic entry with paths beside the list', () => {
    assert.deepEqual(entryOf('app.tar.zst app:1.0'), {
      list: LIST,
      line: 1,
      archiveName: 'app.tar.zst',
      archivePath: `${IMAGES}/app.tar.zst`,
      imagesDir: IMAGES,
      reference: { domain: undefined, path: 'app', tag: '1.0', digest: undefined, nameTag: 'app:1.0' },
      expectedId: undefined,
      size: undefined,
      archiveSha256: undefined,
      policy: undefined,
      deleteAfterLoad: undefined,
    });
  });

  it('resolves archives in subfolders of images/', () => {
    assert.equal(entryOf('sub/dir/app.tar app').archivePath, `${IMAGES}/sub/dir/app.tar`);
  });

  it('resolves a relative list path relative to its own folder', () => {
    const { entries } = parseList('a.tar a', 'lists/image.list');
    assert.equal(only(entries, 'entry').archivePath, 'lists/images/a.tar');
  });

  it('defaults a missing tag to latest', () => {
    assert.equal(entryOf('a.tar library/debian').reference.nameTag, 'library/debian:latest');
  });

  it('skips comments and blank lines and counts every line from 1', () => {
    const text = ['# header', '', 'a.tar a:1', '   ', '  # indented comment', 'b.tar b:2', ''].join('\n');
    const { entries, problems } = parseList(text, LIST);
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => [e.line, e.reference.nameTag]), [[3, 'a:1'], [6, 'b:2']]);
  });

  it('accepts CRLF line endings and a UTF-8 BOM', () => {
    const { entries, problems } = parseList('\uFEFFa.tar a:1\r\n# c\r\nb.tar b:2\r\n', LIST);
    assert.deepEqual(problems, []);
    assert.deepEqual(entries.map((e) => [e.line, e.archiveName, e.reference.nameTag]), [[1, 'a.tar', 'a:1'], [3, 'b.tar', 'b:2']]);
  });

  it('accepts a BOM directly before a comment', () => {
    const { entries, problems } = parseList('\uFEFF# comment\na.tar a', LIST);
    assert.deepEqual(problems, []);
    assert.equal(only(entries, 'entry').line, 2);
  });

  it('splits on tabs and runs of spaces, and ignores surrounding whitespace', () => {
    const entry = entryOf(`\t a.tar \t\t app:2   size=10\tid=sha256:${HEX64}  `);
    assert.equal(entry.archiveName, 'a.tar');
    assert.equal(entry.reference.nameTag, 'app:2');
    assert.equal(entry.size, 10);
    assert.equal(entry.expectedId, `sha256:${HEX64}`);
  });

  it('keeps the last line even without a trailing newline', () => {
    const { entries } = parseList('a.tar a\nb.tar b', LIST);
    assert.deepEqual(entries.map((e) => e.line), [1, 2]);
  });

  it('reports each bad line at its own line number and keeps the good ones', () => {
    const text = ['# c', 'good.tar good', 'onlyonefield', '', 'bad.tar BAD', 'ok.tar ok:2'].join('\n');
    const { entries, problems } = parseList(text, LIST);
    assert.deepEqual(entries.map((e) => e.line), [2, 6]);
    assert.deepEqual(problems.map((p) => [p.line, p.severity]), [[3, 'error'], [5, 'error']]);
    assert.ok(problems.every((p) => p.list === LIST));
  });
});

describe('parseList: fields', () => {
  it('parses id=, size= and sha256=', () => {
    const entry = entryOf(`a.tar a:1 id=sha256:${HEX64} size=12345 sha256=${HEX64}`);
    assert.equal(entry.expectedId, `sha256:${HEX64}`);
    assert.equal(entry.size, 12345);
    assert.equal(entry.archiveSha256, HEX64);
  });

  it('accepts size=0', () => {
    assert.equal(entryOf('a.tar a size=0').size, 0);
  });

  const invalid: Array<[field: string, reason: RegExp]> = [
    ['id=sha256:abc', /^invalid field id: .*64 lowercase hex/],
    [`id=${HEX64}`, /^invalid field id/],
    [`id=sha256:${HEX64.toUpperCase()}`, /^invalid field id/],
    [`id=sha512:${HEX64}`, /^invalid field id/],
    ['id=', /^invalid field id/],
    ['size=abc', /^invalid field size/],
    ['size=-1', /^invalid field size/],
    ['size=1.5', /^invalid field size/],
    ['sha256=xyz', /^invalid field sha256: .*64 lowercase hex/],
    [`sha256=sha256:${HEX64}`, /^invalid field sha256/],
  ];
  for (const [field, reason] of invalid) {
    it(`rejects ${field.length > 30 ? `${field.slice(0, 30)}…` : field} with file:line`, () => {
      assert.match(errorOf(`a.tar a:1 ${field}`).reason, reason);
    });
  }

  it('rejects an empty size=', () => {
    assert.match(errorOf('a.tar a:1 size=').reason, /^invalid field size/);
  });

  it('warns about an unknown key but keeps the entry and the known fields', () => {
    const { entries, problems } = parseList('a.tar a:1 colour=blue size=7', LIST);
    assert.equal(only(entries, 'entry').size, 7);
    const warning = only(problems, 'problem');
    assert.equal(warning.severity, 'warning');
    assert.equal(warning.line, 1);
    assert.match(warning.reason, /unknown field "colour"/);
  });

  for (const token of ['loose', '=value']) {
    it(`rejects a field without a key: "${token}"`, () => {
      assert.match(errorOf(`a.tar a:1 ${token}`).reason, new RegExp(`unexpected field "${token}".*key=value`));
    });
  }

  it('rejects a line with only one field', () => {
    assert.match(errorOf('app.tar').reason, /expected "<archive> <name\[:tag\]>", got "app.tar"/);
  });

  it('rejects an invalid reference, quoting it', () => {
    assert.match(errorOf('a.tar Bad/UPPER:1').reason, /^invalid reference "Bad\/UPPER:1": .*lowercase/);
  });

  it('keeps an entry with a digest but warns that the digest is ignored', () => {
    const { entries, problems } = parseList(`a.tar a:1@sha256:${HEX64}`, LIST);
    assert.equal(only(entries, 'entry').reference.digest, `sha256:${HEX64}`);
    const warning = only(problems, 'problem');
    assert.equal(warning.severity, 'warning');
    assert.match(warning.reason, /digest .* ignored; use id=sha256/);
  });
});

describe('parseList / checkArchiveName: archives stay inside images/', () => {
  const rejected: Array<[name: string, reason: RegExp]> = [
    ['/etc/passwd', /must be relative/],
    ['../other/app.tar', /leaves the images\/ folder/],
    ['sub/../../app.tar', /leaves the images\/ folder/],
    ['sub/..', /leaves the images\/ folder/],
  ];
  for (const [name, reason] of rejected) {
    it(`rejects ${name}`, () => {
      assert.match(checkArchiveName(name) ?? '', reason);
      assert.match(errorOf(`${name} app:1`).reason, reason);
    });
  }

  for (const name of ['app.tar', 'sub/app.tar', '..app.tar', 'a..b.tar', './app.tar']) {
    it(`accepts ${name}`, () => {
      assert.equal(checkArchiveName(name), undefined);
    });
  }
});

describe('mergeDuplicates (a name listed more than once)', () => {
  const ID_A = `sha256:${'a'.repeat(64)}`;
  const ID_B = `sha256:${'b'.repeat(64)}`;

  it('keeps the first of each name:tag and notes the later agreeing lines as info', () => {
    const first = parseList('a.tar app:1\nb.tar other:1', '/x/image.list').entries;
    const second = parseList('# dup\na.tar app:1\nd.tar app:2', '/x/image.list').entries;
    const { entries, problems } = mergeDuplicates([...first, ...second]);
    assert.deepEqual(entries.map((e) => `${e.list}:${e.line}`), ['/x/image.list:1', '/x/image.list:2', '/x/image.list:3']);
    const note = only(problems, 'note');
    assert.deepEqual({ ...note, reason: undefined }, { list: '/x/image.list', line: 1, severity: 'info', reason: undefined });
    assert.equal(note.reason, 'app:1 is listed again at /x/image.list:2: the same image, loaded once');
    assert.deepEqual(entries[0]!.alsoListed!.map((e) => e.line), [2]);
  });

  it('treats a missing tag, :latest and the docker.io spellings as the same name', () => {
    const { entries, problems } = mergeDuplicates(parseList('a.tar app\na.tar app:latest\na.tar docker.io/library/app\nb.tar localhost/app', LIST).entries);
    assert.deepEqual(entries.map((e) => e.reference.nameTag), ['app:latest', 'localhost/app:latest']);
    assert.equal(only(problems, 'note').severity, 'info');
  });

  it('agrees on the same id= or the same archive digest, across archives', () => {
    const text = `a.tar app:1 id=${ID_A}\nb.tar app:1 id=${ID_A}\nc.tar x:1 sha256=${'c'.repeat(64)}\nd.tar x:1 sha256=${'c'.repeat(64)}`;
    const { entries, problems } = mergeDuplicates(parseList(text, LIST).entries);
    assert.equal(entries.length, 2);
    assert.ok(problems.every((p) => p.severity === 'info' && p.reason.includes('the same image, loaded once')), JSON.stringify(problems));
  });

  it('merges lines it cannot compare yet and says their id= is checked once loaded', () => {
    const { entries, problems } = mergeDuplicates(parseList(`a.tar app:1\nb.tar app:1 id=${ID_B}`, LIST).entries);
    assert.equal(entries.length, 1);
    assert.match(only(problems, 'note').reason, /checked against the loaded image, loaded once/);
  });

  it('reports different id= values as a conflict naming both lines; the first wins', () => {
    const { entries, problems } = mergeDuplicates(parseList(`a.tar app:1 id=${ID_A}\nb.tar app:1 id=${ID_B}`, LIST).entries);
    assert.deepEqual(entries.map((e) => e.archiveName), ['a.tar']);
    const problem = only(problems, 'problem');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.line, 2);
    assert.ok(problem.reason.includes(`${LIST}:1`) && problem.reason.includes(ID_A) && problem.reason.includes(ID_B), problem.reason);
  });

  it('names a few repeated lines and counts the rest (one note per image, not per line)', () => {
    const text = Array.from({ length: 500 }, () => 'a.tar app:1').join('\n');
    const { entries, problems } = mergeDuplicates(parseList(text, LIST).entries);
    assert.equal(entries.length, 1);
    assert.match(only(problems, 'note').reason, /listed again at .*:2, .*:3, .*:4 and 496 more lines/);
  });

  it('returns no problems when all names differ', () => {
    const all = parseList('a.tar a\nb.tar b\nc.tar a:2', LIST).entries;
    assert.deepEqual(mergeDuplicates(all), { entries: all, problems: [] });
  });
});
