// The daemon's CLI contract, end to end, against a real Docker and a real Podman
// engine (same scenarios for both). Each engine runs privately for its describe().
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeRun, ERROR_LEVEL, runCli, type CliResult, type LogLine } from '../helpers/cli.js';
import { ENGINE_KINDS, enginePerSuite, shortRef, splitRef, type EngineKind, type TestEngine } from '../helpers/engines.js';
import {
  buildCompressedArchive,
  CODEC_EXT,
  CODEC_FORMAT,
  noise,
  type BuiltArchive,
  type Codec,
} from '../helpers/fixtures.js';
import { flipMiddleBytes, overwriteWithGarbage, truncateFile, writeListDir, type ListDir } from '../helpers/lists.js';
import { withLoadCounter, type LoadCounter } from '../helpers/load-counter.js';
import type { StatusReport } from '../../src/commands/status.js';

const TEST_TIMEOUT = { timeout: 180_000 };

// ---------------------------------------------------------------------------
// Fixtures, built once (no engine needed) and copied into each test's list folder.

interface Fixture extends BuiltArchive {
  /** the reference as written in image.list */
  ref: string;
  /** file name in images/ */
  archive: string;
  codec: Codec;
}

const FIXTURE_SPECS = {
  zstd: { ref: 'demo/zstd-app:1.0', codec: 'zstd', layers: 2 },
  xz: { ref: 'xz-app:2.0', codec: 'xz', layers: 1 },
  gzip: { ref: 'gz-app', codec: 'gzip', layers: 1 }, // no tag: latest
  tar: { ref: 'registry.example.com/team/tar-app:3', codec: 'none', layers: 3 },
  other: { ref: 'other-app:9', codec: 'none', layers: 1 },
  corrupt: { ref: 'corrupt-app:1', codec: 'zstd', layers: 1 },
  truncated: { ref: 'truncated-app:1', codec: 'xz', layers: 1 },
  escape: { ref: 'escape-app:1', codec: 'none', layers: 1 },
  absolute: { ref: 'absolute-app:1', codec: 'none', layers: 1 },
  suffix: { ref: 'suffix-app:1', codec: 'zstd', layers: 1 },
  decoy: { ref: 'demo/suffix-app:1', codec: 'none', layers: 1 },
} as const satisfies Record<string, { ref: string; codec: Codec; layers: number }>;

type FixtureName = keyof typeof FIXTURE_SPECS;
/** The four good entries of different formats that most scenarios load. */
const GOOD: FixtureName[] = ['zstd', 'xz', 'gzip', 'tar'];

let root: string;
const fx = {} as Record<FixtureName, Fixture>;

before(async () => {
  root = mkdtempSync('/tmp/pd-it-');
  for (const [name, spec] of Object.entries(FIXTURE_SPECS) as [FixtureName, (typeof FIXTURE_SPECS)[FixtureName]][]) {
    const tag = spec.ref.includes(':') ? spec.ref : `${spec.ref}:latest`;
    const fileName = `${name}-app.tar`;
    const built = await buildCompressedArchive(
      {
        repoTags: [tag],
        // 256 KiB of noise gives the compressed archives a real middle to corrupt.
        files: { 'etc/fixture': `${name}\n`, 'usr/share/fixture/blob': noise(256 * 1024, name) },
        layers: spec.layers,
        outDir: join(root, 'fixtures'),
        fileName,
      },
      spec.codec,
    );
    fx[name] = { ...built, ref: spec.ref, archive: fileName + CODEC_EXT[spec.codec], codec: spec.codec };
  }
});

after(() => rmSync(root, { recursive: true, force: true }));

let listCounter = 0;
/** A fresh list folder whose images/ holds the archives of FIXTURES; LINES default to one line per fixture. */
function listOf(fixtures: FixtureName[], lines?: string[]): ListDir {
  const dir = join(root, `list-${++listCounter}`);
  const archives = Object.fromEntries(fixtures.map((n) => [fx[n].archive, fx[n].path]));
  return writeListDir(dir, lines ?? fixtures.map((n) => `${fx[n].archive} ${fx[n].ref}`), archives);
}

// ---------------------------------------------------------------------------
// Assertion helpers over a run's logs.

function errorLogs(r: CliResult): LogLine[] {
  return r.logs.filter((l) => typeof l.level === 'number' && l.level >= ERROR_LEVEL);
}

function text(log: LogLine): string {
  return JSON.stringify(log);
}

/** Does LOG point at LISTFILE:LINE, either as fields (list, line) or as text "…image.list:LINE"? */
function namesListLine(log: LogLine, list: ListDir, line: number): boolean {
  const listField = typeof log.list === 'string' ? log.list : '';
  const sameList = listField === list.listFile || listField.endsWith(`${list.dir.split('/').pop()}/image.list`);
  return (sameList && log.line === line) || text(log).includes(`${list.listFile}:${line}`) ||
    (sameList && text(log).includes(`image.list:${line}`));
}

function assertErrorFor(r: CliResult, list: ListDir, line: number, mustMention: string[] = []): LogLine {
  const found = errorLogs(r).find((l) => namesListLine(l, list, line) && mustMention.every((m) => text(l).includes(m)));
  assert.ok(
    found,
    `expected an error log (level ≥ ${ERROR_LEVEL}) naming ${list.listFile}:${line}` +
      (mustMention.length ? ` and mentioning ${mustMention.join(', ')}` : '') +
      `\n${describeRun(r)}`,
  );
  return found;
}

interface Summary {
  loaded: number;
  present: number;
  failed: number;
  seconds: number;
}

/** The final log line carries the run's counts. */
function summaryOf(r: CliResult): Summary {
  const last = r.logs.at(-1);
  assert.ok(last, `no JSON log line on stderr\n${describeRun(r)}`);
  for (const key of ['loaded', 'present', 'failed', 'seconds']) {
    assert.equal(typeof last[key], 'number', `final log line lacks numeric ${key}: ${text(last)}`);
  }
  return last as unknown as Summary;
}

/** `status --json` stdout must be exactly one JSON document. */
function parseStatus(r: CliResult): StatusReport {
  try {
    return JSON.parse(r.stdout) as StatusReport;
  } catch (err) {
    assert.fail(`stdout is not exactly one JSON document: ${(err as Error).message}\n${describeRun(r)}`);
  }
}

function assertExit(r: CliResult, code: number): void {
  assert.equal(r.code, code, `expected exit ${code}\n${describeRun(r)}`);
}

// ---------------------------------------------------------------------------

for (const kind of ENGINE_KINDS) {
  describe(`loader against ${kind}`, () => {
    let engine: TestEngine;
    let work: string;

    /** Run the daemon against SOCKET (default: the engine's) with the lists in LISTS. */
    function daemon(lists: ListDir[], extra: string[] = [], socket = engine.socketPath): Promise<CliResult> {
      const args = ['--engine', kind, '--socket', socket, '--lock-file', join(work, 'lock'), '--wait-engine', '20'];
      for (const l of lists) args.push('--list', l.dir);
      return runCli([...extra, ...args]);
    }

    const withCounter = <T>(fn: (counter: LoadCounter) => Promise<T>): Promise<T> => withLoadCounter(engine.socketPath, fn);

    async function assertLoaded(name: FixtureName): Promise<void> {
      assert.equal(await engine.imageIdOf(fx[name].ref), fx[name].imageId, `${kind}: ${fx[name].ref} should be the archive's image`);
    }

    async function assertAbsent(ref: string): Promise<void> {
      assert.equal(await engine.hasTag(ref), false, `${kind}: ${ref} should not be present; tags: ${await engine.repoTags()}`);
    }

    async function loadAllGood(list: ListDir): Promise<void> {
      const r = await daemon([list]);
      assertExit(r, 0);
      for (const n of GOOD) await assertLoaded(n);
    }

    enginePerSuite(kind, `pd-${kind}-work-`, (e, w) => {
      engine = e;
      work = w;
    });

    it('first run loads every entry (zstd, xz, gzip, tar) with the archive image IDs', TEST_TIMEOUT, async () => {
      const list = listOf(GOOD);
      const r = await daemon([list]);
      assertExit(r, 0);
      assert.equal(r.stdout, '', 'a normal load prints nothing on stdout');
      assert.deepEqual(errorLogs(r), []);
      const s = summaryOf(r);
      assert.equal(s.loaded, GOOD.length);
      assert.equal(s.failed, 0);
      for (const n of GOOD) await assertLoaded(n);
    });

    it('second run makes no load request, even with the archives overwritten by garbage', TEST_TIMEOUT, async () => {
      const list = listOf(GOOD);
      await loadAllGood(list);
      await withCounter(async (counter) => {
        const second = await daemon([list], ['load'], counter.socketPath);
        assertExit(second, 0);
        assert.ok(counter.requests.length > 0, 'the daemon did not talk through the counting proxy');
        assert.equal(counter.loadCount, 0, `load requests: ${JSON.stringify(counter.requests)}`);
        const s = summaryOf(second);
        assert.equal(s.present, GOOD.length);
        assert.equal(s.loaded, 0);

        for (const n of GOOD) overwriteWithGarbage(list.archivePath(fx[n].archive));
        counter.reset();
        const third = await daemon([list], [], counter.socketPath);
        assertExit(third, 0);
        assert.equal(counter.loadCount, 0, `load requests: ${JSON.stringify(counter.requests)}`);
      });
      for (const n of GOOD) await assertLoaded(n);
    });

    it('a warm boot of present images named in full or short asks once on Docker and Podman 5 (counted requests), one inspect per name on Podman 4', TEST_TIMEOUT, async () => {
      await loadAllGood(listOf(GOOD));
      // Each list name points at one of the loaded images, tagged through the engine's API.
      const names: Array<[FixtureName, string]> = [
        ['zstd', 'docker.io/library/warm-a:1'],
        ['xz', 'docker.io/warmorg/warm-b:1'],
        ['gzip', 'registry.local:5000/warm-c:1'],
        ['tar', 'docker.io/library/warm-d:1'],
        ['zstd', 'docker.io/warmorg/warm-e:1'],
        ['xz', 'warm-f:1'],
        ['gzip', 'warmorg/warm-g:1'],
      ];
      for (const [n, name] of names) {
        const colon = name.lastIndexOf(':');
        const res = await engine.request('POST', `/images/${fx[n].imageId}/tag?repo=${encodeURIComponent(name.slice(0, colon))}&tag=${name.slice(colon + 1)}`);
        assert.ok(res.status < 300, `tag ${name}: ${res.status} ${res.body}`);
      }
      const lines = names.map(([n, name]) => `${fx[n].archive} ${name}`);
      const list = listOf(['zstd', 'xz', 'gzip', 'tar'], lines);
      const version = JSON.parse((await engine.request('GET', '/version')).body) as { Version?: string };
      const orsFilters = kind === 'docker' || Number(version.Version?.split('.')[0]) >= 5;
      // Podman 4 ANDs reference filters: one inspect per accepted spelling (a short name has two: localhost/ and docker.io/).
      const inspects = names.reduce((sum, [, name]) => sum + (name.includes('.') ? 1 : 2), 0);
      const expected = orsFilters ? ['GET /_ping', 'GET /images/json'] : ['GET /_ping', ...Array<string>(inspects).fill('GET /images/NAME/json')];
      await withCounter(async (counter) => {
        const r = await daemon([list], [], counter.socketPath);
        assertExit(r, 0);
        assert.equal(summaryOf(r).present, lines.length);
        const seen = counter.requests.map((q) => `${q.method} ${q.path.replace(/^\/v[\d.]+/, '').replace(/\?.*$/, '').replace(/^\/images\/(?!json$).+\/json$/, '/images/NAME/json')}`);
        assert.deepEqual(seen.sort(), expected.sort(), JSON.stringify(counter.requests));
      });
    });

    it('a tag replaced at runtime survives a normal run and is restored by --reload', TEST_TIMEOUT, async () => {
      const list = listOf(GOOD);
      await loadAllGood(list);
      await engine.load(readFileSync(fx.other.path));
      const { name, tag } = splitRef(fx.xz.ref);
      await engine.tag(fx.other.ref, name, tag);
      assert.equal(await engine.imageIdOf(fx.xz.ref), fx.other.imageId);

      assertExit(await daemon([list]), 0);
      assert.equal(await engine.imageIdOf(fx.xz.ref), fx.other.imageId, 'a normal run must not touch a present tag');

      const reload = await daemon([list], ['--reload']);
      assertExit(reload, 0);
      for (const n of GOOD) await assertLoaded(n);
    });

    it('factory reset (wipe), then --reload restores everything', TEST_TIMEOUT, async () => {
      const list = listOf(GOOD);
      await loadAllGood(list);
      await engine.wipe();
      for (const n of GOOD) await assertAbsent(fx[n].ref);
      const r = await daemon([list], ['--reload']);
      assertExit(r, 0);
      for (const n of GOOD) await assertLoaded(n);
    });

    it('corrupt, truncated and missing archives fail their own entries only', TEST_TIMEOUT, async () => {
      const list = listOf(['zstd', 'corrupt', 'xz', 'truncated', 'tar'], [
        `${fx.zstd.archive} ${fx.zstd.ref}`,
        `${fx.corrupt.archive} ${fx.corrupt.ref}`,
        `${fx.xz.archive} ${fx.xz.ref}`,
        `${fx.truncated.archive} ${fx.truncated.ref}`,
        `missing-app.tar.zst missing-app:1`,
        `${fx.tar.archive} ${fx.tar.ref}`,
      ]);
      flipMiddleBytes(list.archivePath(fx.corrupt.archive));
      truncateFile(list.archivePath(fx.truncated.archive));

      const r = await daemon([list]);
      assertExit(r, 1);
      assertErrorFor(r, list, 2, [fx.corrupt.archive]);
      assertErrorFor(r, list, 4, [fx.truncated.archive]);
      assertErrorFor(r, list, 5, ['missing-app.tar.zst']);
      for (const n of ['zstd', 'xz', 'tar'] as const) await assertLoaded(n);
      for (const ref of [fx.corrupt.ref, fx.truncated.ref, 'missing-app:1']) await assertAbsent(ref);
      assert.equal(summaryOf(r).failed, 3);
    });

    it("an archive under another name: its only image gets the list's name, said at info; with the line's id= not in it, it fails naming the tags it carried", TEST_TIMEOUT, async () => {
      const list = listOf(['other', 'gzip'], [`${fx.other.archive} wanted-app:5`, `${fx.gzip.archive} ${fx.gzip.ref}`]);
      const r = await daemon([list]);
      assertExit(r, 0);
      assert.equal(await engine.imageIdOf('wanted-app:5'), fx.other.imageId);
      assert.ok(r.logs.some((l) => text(l).includes('the list names it wanted-app:5') && text(l).includes(shortRef(fx.other.ref))), describeRun(r));
      await assertLoaded('gzip');

      const strict = listOf(['other'], [`${fx.other.archive} wanted-app:6 id=sha256:${'c'.repeat(64)}`]);
      const refused = await daemon([strict]);
      assertExit(refused, 1);
      assertErrorFor(refused, strict, 1, ['does not carry wanted-app:6', shortRef(fx.other.ref)]);
      await assertAbsent('wanted-app:6');
    });

    it('id= mismatch fails naming the expected and actual IDs; a matching id= loads', TEST_TIMEOUT, async () => {
      const wrong = `sha256:${'a'.repeat(64)}`;
      const list = listOf(['zstd', 'xz'], [
        `${fx.zstd.archive} ${fx.zstd.ref} id=${wrong}`,
        `${fx.xz.archive} ${fx.xz.ref} id=${fx.xz.imageId}`,
      ]);
      const r = await daemon([list]);
      assertExit(r, 1);
      assertErrorFor(r, list, 1, ['a'.repeat(64), fx.zstd.imageId.slice('sha256:'.length)]);
      await assertLoaded('xz');
    });

    it('malformed list lines are reported as file:line; valid lines still load', TEST_TIMEOUT, async () => {
      const outside = listOf(['absolute']); // an archive at an absolute path, outside images/
      const list = listOf(['zstd', 'xz', 'other'], [
        '# malformed lines: each must be reported with its line number',
        `${fx.zstd.archive} ${fx.zstd.ref}`,
        `${fx.other.archive} Bad/UPPER:1`,
        `${fx.other.archive}`,
        `../escape.tar ${fx.escape.ref}`,
        `${outside.archivePath(fx.absolute.archive)} ${fx.absolute.ref}`,
        '',
        `${fx.xz.archive} ${fx.xz.ref}`,
      ]);
      // The escaping archive really exists (beside image.list), so only the path rule can stop it.
      copyFileSync(fx.escape.path, join(list.dir, 'escape.tar'));

      const r = await daemon([list]);
      assertExit(r, 1);
      for (const line of [3, 4, 5, 6]) assertErrorFor(r, list, line);
      await assertLoaded('zstd');
      await assertLoaded('xz');
      for (const ref of [fx.escape.ref, fx.absolute.ref, fx.other.ref]) await assertAbsent(ref);
    });

    it('an image whose name merely ends like the entry does not count as present', TEST_TIMEOUT, async () => {
      // Podman's inspect of `suffix-app:1` answers 200 with localhost/demo/suffix-app:1.
      await engine.load(readFileSync(fx.decoy.path));
      const list = listOf(['suffix']);
      const r = await daemon([list]);
      assertExit(r, 0);
      await assertLoaded('suffix');
      await assertLoaded('decoy');
    });

    it('status --json prints one JSON document, reports presence, and loads nothing', TEST_TIMEOUT, async () => {
      const list = listOf(GOOD);
      const status = async (expectPresent: boolean) =>
        withCounter(async (counter) => {
          const r = await daemon([list], ['status', '--json'], counter.socketPath);
          // docs/configuration.md: status exits 0 when every entry is present, 1 otherwise.
          assertExit(r, expectPresent ? 0 : 1);
          assert.equal(counter.loadCount, 0);
          const doc = parseStatus(r);
          assert.ok('kind' in doc.engine, `no engine in the report: ${r.stdout}`);
          assert.equal(doc.engine.kind, kind);
          assert.equal(doc.engine.socket, counter.socketPath);
          assert.equal(doc.entries.length, GOOD.length);
          GOOD.forEach((n, i) => {
            const entry = doc.entries.find((e) => e.line === i + 1);
            assert.ok(entry, `no status entry for line ${i + 1}: ${r.stdout}`);
            assert.equal(entry.list, list.listFile);
            assert.equal(entry.archive.split('/').pop(), fx[n].archive);
            assert.equal(shortRef(entry.reference), shortRef(fx[n].ref));
            assert.equal(entry.archiveFound, true);
            assert.equal(entry.format, CODEC_FORMAT[fx[n].codec]);
            assert.equal(entry.archiveBytes, statSync(fx[n].path).size);
            assert.equal(entry.present, expectPresent, `${fx[n].ref} present`);
            assert.equal(entry.imageId ?? null, expectPresent ? fx[n].imageId : null);
          });
        });

      await status(false);
      for (const n of GOOD) await assertAbsent(fx[n].ref);
      await loadAllGood(list);
      await status(true);
    });

    it('status --json reports a missing archive', TEST_TIMEOUT, async () => {
      const list = listOf([], ['missing-app.tar.zst missing-app:1']);
      const r = await daemon([list], ['status', '--json']);
      assertExit(r, 1);
      const doc = parseStatus(r);
      const entry = doc.entries[0];
      assert.ok(entry, describeRun(r));
      assert.equal(entry.archiveFound, false);
      assert.equal(entry.format, null);
      assert.equal(entry.present, false);
    });

    it('--dry-run loads nothing and names each image it would load', TEST_TIMEOUT, async () => {
      const list = listOf(GOOD);
      await engine.load(readFileSync(fx.tar.path)); // already present: dry-run must not name it
      await withCounter(async (counter) => {
        const r = await daemon([list], ['--dry-run'], counter.socketPath);
        assertExit(r, 0);
        assert.equal(counter.loadCount, 0);
        const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
        for (const n of ['zstd', 'xz', 'gzip'] as const) {
          const repo = shortRef(fx[n].ref).split(':')[0]!;
          assert.ok(lines.some((l) => l.includes(repo)), `stdout should name ${fx[n].ref}:\n${r.stdout}`);
        }
        const tarRepo = shortRef(fx.tar.ref).split(':')[0]!;
        assert.ok(!lines.some((l) => l.includes(tarRepo)), `stdout names the present ${fx.tar.ref}:\n${r.stdout}`);
      });
      for (const n of ['zstd', 'xz', 'gzip'] as const) await assertAbsent(fx[n].ref);
    });
  });
}

describe('without an engine', () => {
  it('exits 3 once --wait-engine is over, with one error line naming the socket', TEST_TIMEOUT, async () => {
    const list = listOf(GOOD);
    const lock = mkdtempSync('/tmp/pd-lock-');
    try {
      const r = await runCli(['--socket', '/nonexistent/sock', '--wait-engine', '2', '--lock-file', join(lock, 'lock'), '--list', list.dir], {
        timeoutMs: 30_000,
      });
      assertExit(r, 3);
      // The promise is --wait-engine (2 s), not the 60 s default; 8 s of headroom for node's
      // start on a loaded machine.
      assert.ok(r.durationMs < 10_000, `took ${Math.round(r.durationMs)} ms`);
      const errors = errorLogs(r);
      assert.equal(errors.length, 1, `expected exactly one error line\n${describeRun(r)}`);
      assert.ok(text(errors[0]!).includes('/nonexistent/sock'), text(errors[0]!));
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  });
});
