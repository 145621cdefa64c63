// `preload-daemon pack` end to end: every source transport, platform choice and
// compression is packed, then loaded by the daemon into a real dockerd and a real Podman
// (started privately by this file), and the image ID each engine reports must be the
// source's config digest. Also: reproducibility, image.list merging, bad input.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { describeRun, ERROR_LEVEL, runCli, type CliResult, type LogLine } from '../helpers/cli.js';
import { ENGINE_KINDS, startEngine, tagSpellings, type EngineKind, type TestEngine } from '../helpers/engines.js';
import { buildDockerArchive, buildImagesOnBase, buildMultiImageArchive, noise, type BuiltArchive, type Codec } from '../helpers/fixtures.js';
import { overwriteWithGarbage, truncateFile } from '../helpers/lists.js';
import { buildMultiPlatformLayout, dirConfigDigest, ociLayoutConfigDigest, type MultiPlatformLayout } from '../helpers/oci.js';
import {
  codecOf,
  decompressArchive,
  imagesIn,
  PACK_EXTENSIONS,
  readPackedList,
  tarEntries,
  type ArchiveManifest,
  type PackedLine,
} from '../helpers/pack-output.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';

const TEST_TIMEOUT = { timeout: 180_000 };
const WARN_LEVEL = 40;
const run = promisify(execFile);
const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

// ---------------------------------------------------------------------------
// Shared state: fixtures (built once, no engine needed), both engines, the registry.

let root: string;
let app: BuiltArchive; // pd/app:1.0, two layers
let multi: BuiltArchive; // three images, one of them with two tags
const engines = {} as Record<EngineKind, TestEngine>;
let registryStarted: Promise<TestRegistry> | undefined;

let scratchCounter = 0;
/** A fresh folder under the file's root. */
function scratch(label: string): string {
  const dir = join(root, `${++scratchCounter}-${label.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 40)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The private registry, started on first use, holding pd/app:1.0 and pd/other:1.0. */
function registry(): Promise<TestRegistry> {
  registryStarted ??= (async () => {
    const reg = await startRegistry();
    await reg.push(`docker-archive:${app.path}`, 'pd/app:1.0');
    const other = await buildDockerArchive({ repoTags: ['pd/other:1.0'], files: { 'etc/other': 'other\n' }, outDir: scratch('other') });
    await reg.push(`docker-archive:${other.path}`, 'pd/other:1.0');
    return reg;
  })();
  return registryStarted;
}

before(async () => {
  root = mkdtempSync('/tmp/pd-pack-');
  app = await buildDockerArchive({
    repoTags: ['pd/app:1.0'],
    files: { 'etc/app': 'app 1.0\n', 'usr/share/app/blob': noise(64 * 1024, 'app') },
    layers: 2,
    outDir: join(root, 'fixtures'),
  });
  multi = await buildMultiImageArchive({
    images: [
      { repoTags: ['pd/multi-a:1'], files: { 'etc/a': 'a\n' } },
      { repoTags: ['pd/multi-b:2', 'pd/multi-b:latest'], files: { 'etc/b': 'b\n' }, layers: 2 },
      { repoTags: ['registry.example.com/team/multi-c:3'], files: { 'etc/c': 'c\n' } },
    ],
    outDir: join(root, 'fixtures'),
    fileName: 'multi.tar',
  });
  const started = await Promise.allSettled(ENGINE_KINDS.map((kind) => startEngine(kind)));
  for (const result of started) if (result.status === 'fulfilled') engines[result.value.kind] = result.value;
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
});

after(async () => {
  await Promise.all([...Object.values(engines).map((e) => e.stop()), registryStarted?.then((r) => r.stop(), () => undefined)]);
  rmSync(root, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// Running pack and reading its results.

/** `pack --out OUTDIR --tmpdir <fresh> ARGS…`; pack must leave nothing in its tmpdir. */
async function pack(outDir: string, args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
  const tmp = mkdtempSync(join(root, 'tmp-'));
  const r = await runCli(['pack', '--out', outDir, '--tmpdir', tmp, ...args], { env, timeoutMs: 150_000 });
  assert.deepEqual(readdirSync(tmp), [], `pack left temporary files in --tmpdir\n${describeRun(r)}`);
  rmSync(tmp, { recursive: true });
  return r;
}

function assertExit(r: CliResult, code: number): void {
  assert.equal(r.code, code, `expected exit ${code}\n${describeRun(r)}`);
}

function logsAtLeast(r: CliResult, level: number): LogLine[] {
  return r.logs.filter((l) => typeof l.level === 'number' && l.level >= level);
}

/** One log line at LEVEL or above whose message mentions every string in MENTIONS. */
function assertUsageLine(r: CliResult, mentions: string[]): void {
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one plain line on stderr\n${describeRun(r)}`);
  assert.match(lines[0]!, /^preload-daemon: /, describeRun(r));
  for (const m of mentions) assert.ok(lines[0]!.includes(m), `usage line does not mention "${m}"\n${describeRun(r)}`);
}

function assertLogged(r: CliResult, level: number, mentions: string[]): void {
  const found = logsAtLeast(r, level).some((l) => mentions.every((m) => String(l.msg ?? '').includes(m)));
  assert.ok(found, `expected a log line (level ≥ ${level}) mentioning ${mentions.map((m) => `"${m}"`).join(', ')}\n${describeRun(r)}`);
}

/** Only complete archives in images/: no temporary files, each one named in image.list. */
function assertOnlyCompleteArchives(outDir: string): void {
  const listed = new Set(readPackedList(outDir).map((l) => l.file));
  for (const file of imagesIn(outDir)) {
    assert.doesNotMatch(file, /\.partial-/, `temporary file left in ${outDir}/images`);
    assert.ok(listed.has(file), `${file} is in images/ but not in image.list`);
  }
}

function archiveManifest(outDir: string, file: string): { entries: string[]; manifest: ArchiveManifest[] } {
  const entries = tarEntries(decompressArchive(join(outDir, 'images', file)));
  const first = entries[0];
  assert.ok(first, `${file} is an empty tar`);
  return { entries: entries.map((e) => e.name), manifest: JSON.parse(first.data.toString('utf8')) as ArchiveManifest[] };
}

/** Lines grouped by archive file, in list order. */
function byFile(lines: PackedLine[]): Map<string, PackedLine[]> {
  const groups = new Map<string, PackedLine[]>();
  for (const line of lines) groups.set(line.file, [...(groups.get(line.file) ?? []), line]);
  return groups;
}

// ---------------------------------------------------------------------------
// Scenarios: a source (or several) to pack, and the images it must yield.

interface Expected {
  /** the name in image.list (and in the archive's RepoTags) */
  name: string;
  /** the source's config digest: the image ID the engines must report */
  id: string;
}

interface Prepared {
  args: string[];
  env?: NodeJS.ProcessEnv;
  expected: Expected[];
}

interface Scenario {
  title: string;
  prepare(dir: string): Promise<Prepared>;
  /** set when the source's config digest is known not to survive: a product bug */
}

/** Put the app fixture into ENGINE's store (via its API), to be exported again. */
async function seedEngine(kind: EngineKind): Promise<void> {
  await engines[kind].load(readFileSync(app.path));
  assert.equal(await engines[kind].imageIdOf('pd/app:1.0'), app.imageId, `${kind}: seeding pd/app:1.0`);
}

async function skopeoCopy(from: string, to: string): Promise<void> {
  await run('skopeo', ['copy', '--quiet', from, to]);
}

const TRANSPORTS: Scenario[] = [
  {
    title: 'docker-archive:PATH',
    prepare: async () => ({ args: [`docker-archive:${app.path}`], expected: [{ name: 'pd/app:1.0', id: app.imageId }] }),
  },
  {
    title: 'docker-archive:PATH:NAME:TAG (one image of a multi-image archive)',
    prepare: async () => ({
      args: [`docker-archive:${multi.path}:pd/multi-b:2`],
      expected: [{ name: 'pd/multi-b:2', id: multi.images[1]!.imageId }],
    }),
  },
  {
    title: 'docker-archive:PATH (multi-image archive, every image and tag)',
    prepare: async () => ({
      args: [`docker-archive:${multi.path}`],
      expected: multi.images.flatMap((img) => img.repoTags.map((name) => ({ name, id: img.imageId }))),
    }),
  },
  {
    title: 'oci:DIR:REF',
    prepare: async (dir) => {
      const layout = join(dir, 'layout');
      await skopeoCopy(`docker-archive:${app.path}`, `oci:${layout}:pd/oci-app:1.0`);
      // skopeo rewrites the config when it converts to OCI: the layout's digest is the source's.
      return { args: [`oci:${layout}:pd/oci-app:1.0`], expected: [{ name: 'pd/oci-app:1.0', id: ociLayoutConfigDigest(layout, 'pd/oci-app:1.0') }] };
    },
  },
  {
    title: 'oci:DIR with a bare-tag ref, named =NAME:TAG',
    prepare: async (dir) => {
      const layout = join(dir, 'layout');
      await skopeoCopy(`docker-archive:${app.path}`, `oci:${layout}:latest`);
      return { args: [`oci:${layout}=pd/oci-named:2`], expected: [{ name: 'pd/oci-named:2', id: ociLayoutConfigDigest(layout) }] };
    },
  },
  {
    title: 'oci-archive:PATH',
    prepare: async (dir) => {
      const file = join(dir, 'app.oci.tar');
      const layout = join(dir, 'layout');
      await skopeoCopy(`docker-archive:${app.path}`, `oci-archive:${file}:pd/oci-archive-app:1.0`);
      await skopeoCopy(`oci-archive:${file}`, `oci:${layout}:x`); // only to read its config digest
      return { args: [`oci-archive:${file}`], expected: [{ name: 'pd/oci-archive-app:1.0', id: ociLayoutConfigDigest(layout) }] };
    },
  },
  {
    title: 'dir:DIR=NAME:TAG',
    prepare: async (dir) => {
      const folder = join(dir, 'dir');
      await skopeoCopy(`docker-archive:${app.path}`, `dir:${folder}`);
      return { args: [`dir:${folder}=pd/dir-app:1.0`], expected: [{ name: 'pd/dir-app:1.0', id: dirConfigDigest(folder) }] };
    },
  },
  {
    title: 'docker-daemon:NAME:TAG',
    prepare: async () => {
      await seedEngine('docker');
      return { args: ['--socket', engines.docker.socketPath, 'docker-daemon:pd/app:1.0'], expected: [{ name: 'pd/app:1.0', id: app.imageId }] };
    },
  },
  {
    title: 'podman:NAME:TAG',
    prepare: async () => {
      await seedEngine('podman');
      return { args: ['--socket', engines.podman.socketPath, 'podman:pd/app:1.0'], expected: [{ name: 'pd/app:1.0', id: app.imageId }] };
    },
  },
  {
    title: 'docker://REGISTRY/NAME:TAG@DIGEST',
    prepare: async () => {
      const reg = await registry();
      const digest = await reg.manifestDigest('pd/app:1.0');
      const config = (await reg.manifest('pd/app:1.0')).config?.digest;
      assert.ok(config, 'registry manifest has a config');
      return {
        args: [`docker://${reg.host}/pd/app:1.0@${digest}`],
        env: { HOME: reg.home },
        expected: [{ name: `${reg.host}/pd/app:1.0`, id: config }],
      };
    },
  },
];

// Multi-platform OCI layouts, written blob by blob.
const HOST_ARCH = process.arch === 'x64' ? 'amd64' : process.arch;
let layoutsBuilt: Promise<{ index: MultiPlatformLayout; flat: MultiPlatformLayout }> | undefined;
function layouts(): Promise<{ index: MultiPlatformLayout; flat: MultiPlatformLayout }> {
  layoutsBuilt ??= (async () => ({
    index: await buildMultiPlatformLayout({
      dir: scratch('layout-index'),
      refName: 'pd/multiarch:1.0',
      form: 'index',
      platforms: [{ architecture: 'amd64', gzip: true }, { architecture: 'arm64' }, { architecture: 'arm', variant: 'v7', gzip: true }],
    }),
    flat: await buildMultiPlatformLayout({
      dir: scratch('layout-flat'),
      refName: 'pd/multiarch-flat:1.0',
      form: 'flat',
      platforms: [{ architecture: 'amd64' }, { architecture: 'arm64', gzip: true }],
    }),
  }))();
  return layoutsBuilt;
}

function platformImage(layout: MultiPlatformLayout, platform: string): Expected {
  const image = layout.images.find((i) => i.platform === platform);
  assert.ok(image, `${layout.dir} has no ${platform} image`);
  return { name: layout.refName, id: image.configDigest };
}

const PLATFORM_PICKS: Scenario[] = [
  {
    title: 'oci image index, default platform (this machine)',
    prepare: async () => {
      const { index } = await layouts();
      return { args: [`oci:${index.dir}`], expected: [platformImage(index, `linux/${HOST_ARCH}`)] };
    },
  },
  {
    title: 'oci image index, --arch arm64',
    prepare: async () => {
      const { index } = await layouts();
      return { args: ['--arch', 'arm64', `oci:${index.dir}`], expected: [platformImage(index, 'linux/arm64')] };
    },
  },
  {
    title: 'oci image index, --arch arm --variant v7',
    prepare: async () => {
      const { index } = await layouts();
      return { args: ['--arch', 'arm', '--variant', 'v7', `oci:${index.dir}:pd/multiarch:1.0`], expected: [platformImage(index, 'linux/arm/v7')] };
    },
  },
  {
    title: 'one index.json entry per platform, --arch arm64',
    prepare: async () => {
      const { flat } = await layouts();
      return { args: ['--arch', 'arm64', `oci:${flat.dir}:pd/multiarch-flat:1.0`], expected: [platformImage(flat, 'linux/arm64')] };
    },
  },
];

const CODECS: Codec[] = ['zstd', 'xz', 'gzip', 'none'];
const compressionScenario = (codec: Codec): Scenario => ({
  title: `--compression ${codec}`,
  prepare: async () => ({
    args: ['--compression', codec, `docker-archive:${app.path}=pd/compressed-${codec}:1`],
    expected: [{ name: `pd/compressed-${codec}:1`, id: app.imageId }],
  }),
});
const COMPRESSIONS = Object.fromEntries(CODECS.map((c) => [c, compressionScenario(c)])) as Record<Codec, Scenario>;

const SCENARIOS: Scenario[] = [...TRANSPORTS, ...PLATFORM_PICKS, ...Object.values(COMPRESSIONS)];

interface Packed {
  outDir: string;
  run: CliResult;
  lines: PackedLine[];
  expected: Expected[];
}

// Each scenario is packed once (on first use) and shared by the checks and the engine loads.
const packedScenarios = new Map<Scenario, Promise<Packed>>();
function packed(scenario: Scenario): Promise<Packed> {
  let result = packedScenarios.get(scenario);
  if (!result) {
    result = (async () => {
      const dir = scratch(scenario.title);
      const { args, env, expected } = await scenario.prepare(dir);
      const outDir = join(dir, 'out');
      const r = await pack(outDir, args, env);
      assertExit(r, 0);
      return { outDir, run: r, lines: readPackedList(outDir), expected };
    })();
    packedScenarios.set(scenario, result);
  }
  return result;
}

// ---------------------------------------------------------------------------

describe('pack: what each source yields', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.title}: one list line per name, with the archive's sha256 and size; stdout names each archive`, TEST_TIMEOUT, async () => {
      const { outDir, run: r, lines, expected } = await packed(scenario);
      assert.deepEqual(lines.map((l) => l.name).sort(), expected.map((e) => e.name).sort(), `image.list names\n${describeRun(r)}`);
      assert.deepEqual(imagesIn(outDir), [...new Set(lines.map((l) => l.file))].sort(), 'images/ holds exactly the listed archives');
      for (const line of lines) {
        const bytes = readFileSync(join(outDir, 'images', line.file));
        assert.equal(line.fields.sha256, sha256Hex(bytes), `${line.file}: sha256=`);
        assert.equal(Number(line.fields.size), decompressArchive(join(outDir, 'images', line.file)).length, `${line.file}: size= is the uncompressed tar`);
        assert.match(line.fields.id ?? '', /^sha256:[0-9a-f]{64}$/);
      }
      const stdout = r.stdout.split('\n').filter((l) => l !== '');
      const wanted = [...byFile(lines)].map(([file, group]) => `${file} ${group.map((l) => l.name).join(',')} ${group[0]!.fields.id}`);
      assert.deepEqual(stdout.sort(), wanted.sort(), 'stdout: one line per archive');
    });

    it(`${scenario.title}: id= is the source's config digest`, TEST_TIMEOUT, async () => {
      const { lines, expected } = await packed(scenario);
      for (const { name, id } of expected) assert.equal(lines.find((l) => l.name === name)?.fields.id, id, `id= of ${name}`);
    });

    it(`${scenario.title}: the archive's first entry is manifest.json, its RepoTags the listed names`, TEST_TIMEOUT, async () => {
      const { outDir, lines } = await packed(scenario);
      for (const [file, group] of byFile(lines)) {
        const { entries, manifest } = archiveManifest(outDir, file);
        assert.equal(entries[0], 'manifest.json', `${file}: entries ${entries.join(', ')}`);
        assert.equal(manifest.length, 1, `${file}: one image per archive`);
        assert.deepEqual(manifest[0]!.RepoTags, group.map((l) => l.name), `${file}: RepoTags`);
        assert.equal(manifest[0]!.Config, `${group[0]!.fields.id!.slice('sha256:'.length)}.json`, `${file}: Config is the image ID`);
        for (const layer of manifest[0]!.Layers) assert.ok(entries.includes(layer), `${file}: layer ${layer} is in the archive`);
      }
    });
  }
});

for (const kind of ENGINE_KINDS) {
  describe(`pack → daemon → ${kind}: the engine reports the listed image ID`, () => {
    /** The loading daemon, as on the device: --reload so every entry is loaded. */
    async function loadList(outDir: string): Promise<CliResult> {
      const engine = engines[kind];
      return runCli(['--engine', kind, '--socket', engine.socketPath, '--lock-file', join(root, `lock-${kind}`), '--wait-engine', '20', '--reload', '--list', outDir]);
    }

    for (const scenario of SCENARIOS) {
      it(scenario.title, TEST_TIMEOUT, async () => {
        const { outDir, lines } = await packed(scenario);
        const engine = engines[kind];
        await engine.wipe();
        const r = await loadList(outDir);
        assertExit(r, 0);
        for (const line of lines) {
          assert.equal(await engine.imageIdOf(line.name), line.fields.id, `${kind}: ${line.name}; tags: ${(await engine.repoTags()).join(', ')}`);
        }
      });
    }
  });
}

describe('pack: platforms of a multi-platform OCI layout', () => {
  const offered = ['linux/amd64', 'linux/arm64'];

  it('--arch riscv64 fails, naming the source and the platforms the image index offers', TEST_TIMEOUT, async () => {
    const { index } = await layouts();
    const out = scratch('riscv-index');
    const source = `oci:${index.dir}`;
    const r = await pack(out, ['--arch', 'riscv64', source]);
    assertExit(r, 1);
    assertLogged(r, ERROR_LEVEL, [source, 'riscv64', ...offered, 'linux/arm/v7']);
    assert.deepEqual(imagesIn(out), []);
  });

  it(
    '--arch riscv64 fails, naming the platforms offered by per-platform index.json entries',
    TEST_TIMEOUT,
    async () => {
      const { flat } = await layouts();
      const out = scratch('riscv-flat');
      const source = `oci:${flat.dir}:${flat.refName}`;
      const r = await pack(out, ['--arch', 'riscv64', source]);
      assertExit(r, 1);
      assert.deepEqual(imagesIn(out), []);
      assertLogged(r, ERROR_LEVEL, [source, 'riscv64', ...offered]);
    },
  );
});

describe('pack: compression', () => {
  const MAGIC: Record<Codec, string> = { zstd: '28 b5 2f fd', xz: 'fd 37 7a 58 5a 00', gzip: '1f 8b', none: '"ustar" at 257' };
  for (const codec of CODECS) {
    it(`--compression ${codec}: the file ends in ${PACK_EXTENSIONS[codec]} and starts with ${MAGIC[codec]}`, TEST_TIMEOUT, async () => {
      const { outDir, lines } = await packed(COMPRESSIONS[codec]);
      const file = lines[0]!.file;
      assert.ok(file.endsWith(PACK_EXTENSIONS[codec]), file);
      assert.equal(file, `pd_compressed-${codec}_1${PACK_EXTENSIONS[codec]}`);
      assert.equal(codecOf(readFileSync(join(outDir, 'images', file))), codec);
    });
  }
});

describe('pack: reproducible output', () => {
  let big: BuiltArchive;
  before(async () => {
    // 12 MiB, so that zstd (1 MiB window → ~4 MiB jobs) and xz -1 (3 MiB blocks) split the work.
    big = await buildDockerArchive({ repoTags: ['pd/big:1'], files: { 'usr/share/big': noise(12 * 1024 * 1024, 'big') }, outDir: scratch('big') });
  });

  /** Pack SOURCE once per thread setting; return each out dir's image.list and archive bytes. */
  async function packEach(source: string, settings: string[], threadSettings: string[][]): Promise<{ list: string; archives: Map<string, Buffer> }[]> {
    const results = [];
    for (const threads of threadSettings) {
      const out = scratch(`repro-${threads.join('') || 'default'}`);
      assertExit(await pack(out, [...settings, ...threads, source]), 0);
      const archives = new Map(imagesIn(out).map((f) => [f, readFileSync(join(out, 'images', f))]));
      results.push({ list: readFileSync(join(out, 'image.list'), 'utf8'), archives });
    }
    return results;
  }

  const CASES: { title: string; settings: string[] }[] = [
    { title: 'zstd -3, 1 MiB window', settings: ['--compression', 'zstd', '--level', '3', '--max-decoder-memory', '1M'] },
    { title: 'xz -1', settings: ['--compression', 'xz', '--level', '1'] },
    { title: 'gzip', settings: ['--compression', 'gzip'] },
    { title: 'none', settings: ['--compression', 'none'] },
  ];
  for (const { title, settings } of CASES) {
    it(`${title}: byte-identical archives and image.list with default, 1 and 3 threads`, TEST_TIMEOUT, async () => {
      const [first, ...others] = await packEach(`docker-archive:${big.path}`, settings, [[], ['--threads', '1'], ['--threads', '3']]);
      assert.equal(first!.archives.size, 1);
      for (const other of others) {
        assert.equal(other.list, first!.list, 'image.list');
        assert.deepEqual([...other.archives.keys()], [...first!.archives.keys()]);
        for (const [file, bytes] of first!.archives) assert.ok(other.archives.get(file)!.equals(bytes), `${file} differs`);
      }
    });
  }

  it('default settings (zstd 19): packing twice into two folders gives identical bytes', TEST_TIMEOUT, async () => {
    const runs = await packEach(`docker-archive:${multi.path}`, [], [[], []]);
    assert.equal(runs[0]!.list, runs[1]!.list);
    assert.equal(runs[0]!.archives.size, multi.images.length);
    for (const [file, bytes] of runs[0]!.archives) assert.ok(runs[1]!.archives.get(file)!.equals(bytes), `${file} differs`);
  });
});

describe('pack: merging into an existing image.list', () => {
  it('appends new names, replaces a re-packed name in place, keeps comments', TEST_TIMEOUT, async () => {
    const fixtures = scratch('merge-fixtures');
    const version = (n: number) =>
      buildDockerArchive({ repoTags: ['pd/merge-a:1'], files: { 'etc/version': `${n}\n` }, outDir: join(fixtures, `a${n}`) });
    const [a1, a2] = [await version(1), await version(2)];
    const b = await buildDockerArchive({ repoTags: ['pd/merge-b:1'], files: { 'etc/b': 'b\n' }, outDir: fixtures });
    assert.notEqual(a1.imageId, a2.imageId);

    const out = scratch('merge-out');
    const listFile = join(out, 'image.list');
    const rows = () => readFileSync(listFile, 'utf8').split('\n').slice(0, -1);
    const lineOf = (name: string) => readPackedList(out).find((l) => l.name === name);

    assertExit(await pack(out, [`docker-archive:${a1.path}`]), 0);
    assert.deepEqual(readPackedList(out).map((l) => l.name), ['pd/merge-a:1']);
    writeFileSync(listFile, `# images for the test device\n${rows().join('\n')}\n# end of the first batch\n`);

    assertExit(await pack(out, [`docker-archive:${b.path}`]), 0);
    const afterB = rows();
    assert.equal(afterB.length, 4, afterB.join('\n'));
    assert.equal(afterB[0], '# images for the test device');
    assert.match(afterB[1]!, /^\S+ pd\/merge-a:1 /);
    assert.equal(afterB[2], '# end of the first batch');
    assert.match(afterB[3]!, /^\S+ pd\/merge-b:1 /);
    assert.equal(lineOf('pd/merge-a:1')?.fields.id, a1.imageId);
    assert.equal(lineOf('pd/merge-b:1')?.fields.id, b.imageId);

    assertExit(await pack(out, [`docker-archive:${a2.path}`]), 0);
    const afterA2 = rows();
    assert.deepEqual([afterA2[0], afterA2[2], afterA2[3]], [afterB[0], afterB[2], afterB[3]], 'everything but A\'s line is unchanged');
    assert.match(afterA2[1]!, /^\S+ pd\/merge-a:1 /);
    const a = lineOf('pd/merge-a:1')!;
    assert.equal(a.fields.id, a2.imageId, 'A\'s line now describes the new content');
    assert.equal(a.fields.sha256, sha256Hex(readFileSync(join(out, 'images', a.file))), 'and its archive was replaced');
    assertOnlyCompleteArchives(out);
  });
});

describe('pack: bad input', () => {
  let good: string;
  before(() => {
    good = `docker-archive:${app.path}=pd/good:1`;
  });

  // A plain-tar layer (size known up front) is first read while it is written into the archive;
  // a compressed one is read once before, to measure it, and fails cleanly there.

  interface BadCase {
    title: string;
    /** the failing source and its options (and --out, when the case is about it) */
    args(dir: string): Promise<{ args: string[]; out?: string }>;
    code: 1 | 2;
    /** what one error line must mention: the source, and the reason */
    mentions(dir: string): string[];
    /** add a good source after the bad one: it must still be packed and listed */
    withGood?: boolean;
    todo?: string;
  }

  /** A copy of the app fixture whose second layer has one byte flipped (so its diff_id no longer matches). */
  async function corruptLayerArchive(dir: string): Promise<string> {
    const unpacked = join(dir, 'unpacked');
    mkdirSync(unpacked);
    await run('tar', ['-x', '-f', app.path, '-C', unpacked]);
    const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as ArchiveManifest[];
    const layerPath = join(unpacked, manifest[0]!.Layers.at(-1)!);
    const layer = readFileSync(layerPath);
    const at = Math.floor(layer.length / 2); // inside the 64 KiB noise file's content
    layer[at] = layer[at]! ^ 0x01;
    writeFileSync(layerPath, layer);
    const file = join(dir, 'corrupt-layer.tar');
    await run('tar', ['-c', '-f', file, '-C', unpacked, ...readdirSync(unpacked)]);
    return file;
  }

  /** Flip one byte in the middle of the biggest blob of an OCI layout (its only or largest layer). */
  function corruptBiggestBlob(layout: string): string {
    const blobs = join(layout, 'blobs', 'sha256');
    const biggest = readdirSync(blobs)
      .map((name) => ({ path: join(blobs, name), bytes: readFileSync(join(blobs, name)) }))
      .sort((a, b) => b.bytes.length - a.bytes.length)[0]!;
    const at = Math.floor(biggest.bytes.length / 2);
    biggest.bytes[at] = biggest.bytes[at]! ^ 0x01;
    writeFileSync(biggest.path, biggest.bytes);
    return layout;
  }

  function copyOfApp(dir: string, name: string, damage: (path: string) => void): string {
    const file = join(dir, name);
    copyFileSync(app.path, file);
    damage(file);
    return file;
  }

  const CASES: BadCase[] = [
    {
      title: 'a missing source path',
      args: async (dir) => ({ args: [`docker-archive:${join(dir, 'missing.tar')}`] }),
      code: 1,
      mentions: (dir) => [`docker-archive:${join(dir, 'missing.tar')}`, 'does not exist'],
      withGood: true,
    },
    {
      title: 'an unknown transport (foo:bar) is a usage error',
      args: async () => ({ args: ['foo:bar'] }),
      code: 2,
      mentions: () => ['foo:bar', 'docker-archive:'],
    },
    {
      title: 'a docker-archive whose layer bytes do not match the config\'s diff_id',
      args: async (dir) => ({ args: [`docker-archive:${await corruptLayerArchive(dir)}`] }),
      code: 1,
      mentions: (dir) => [`docker-archive:${join(dir, 'corrupt-layer.tar')}`, 'corrupt layer', 'digest'],
      withGood: true,
    },
    {
      title: 'an OCI layout whose gzip layer blob is damaged',
      args: async (dir) => {
        const layout = join(dir, 'layout');
        await skopeoCopy(`docker-archive:${app.path}`, `oci:${layout}:pd/app:1.0`);
        return { args: [`oci:${corruptBiggestBlob(layout)}:pd/app:1.0`] };
      },
      code: 1,
      mentions: (dir) => [`oci:${join(dir, 'layout')}:pd/app:1.0`, 'corrupt'],
      withGood: true,
    },
    {
      title: 'an OCI layout whose plain-tar layer blob does not match its digest',
      args: async (dir) => {
        const layout = await buildMultiPlatformLayout({ dir: join(dir, 'layout'), refName: 'pd/plain:1', form: 'flat', platforms: [{ architecture: HOST_ARCH }] });
        return { args: [`oci:${corruptBiggestBlob(layout.dir)}`] };
      },
      code: 1,
      mentions: (dir) => [`oci:${join(dir, 'layout')}`, 'digest'],
      withGood: true,
    },
    {
      title: 'a truncated docker-archive',
      args: async (dir) => ({ args: [`docker-archive:${copyOfApp(dir, 'truncated.tar', (f) => truncateFile(f, 0.6))}`] }),
      code: 1,
      mentions: (dir) => [`docker-archive:${join(dir, 'truncated.tar')}`],
      withGood: true,
    },
    {
      title: 'garbage instead of a docker-archive',
      args: async (dir) => ({ args: [`docker-archive:${copyOfApp(dir, 'garbage.tar', overwriteWithGarbage)}`] }),
      code: 1,
      mentions: (dir) => [`docker-archive:${join(dir, 'garbage.tar')}`],
      withGood: true,
    },
    {
      title: 'an unwritable --out (under a regular file)',
      args: async (dir) => {
        writeFileSync(join(dir, 'file'), 'not a folder\n');
        return { args: [good], out: join(dir, 'file', 'out') };
      },
      code: 1,
      mentions: (dir) => [join(dir, 'file', 'out')],
    },
    {
      title: '--compression xz --level 9 with the default 8M decoder cap',
      args: async () => ({ args: ['--compression', 'xz', '--level', '9', good] }),
      code: 2,
      mentions: () => ['dictionary', '--max-decoder-memory'],
    },
    {
      title: 'a source that does not name its image, without =NAME:TAG',
      args: async (dir) => {
        const nameless = await buildDockerArchive({ repoTags: [], files: { 'etc/x': 'x\n' }, outDir: dir, fileName: 'nameless.tar' });
        return { args: [`docker-archive:${nameless.path}`] };
      },
      code: 1,
      mentions: (dir) => [`docker-archive:${join(dir, 'nameless.tar')}`, 'NAME:TAG'],
      withGood: true,
    },
    {
      title: 'a NAME:TAG that the multi-image archive does not hold',
      args: async () => ({ args: [`docker-archive:${multi.path}:pd/absent:1`] }),
      code: 1,
      mentions: () => [`docker-archive:${multi.path}:pd/absent:1`, 'pd/multi-a:1'],
      withGood: true,
    },
    {
      title: 'one =NAME:TAG for a multi-image archive',
      args: async () => ({ args: [`docker-archive:${multi.path}=pd/one-name:1`] }),
      code: 1,
      mentions: () => [`docker-archive:${multi.path}`, '3 images'],
      withGood: true,
    },
    {
      title: 'docker-daemon: an image the engine does not have',
      args: async () => ({ args: ['--socket', engines.docker.socketPath, 'docker-daemon:pd/absent:1'] }),
      code: 1,
      mentions: () => ['docker-daemon:pd/absent:1', 'pd/absent:1'],
      withGood: true,
    },
    {
      title: 'podman: an engine socket that does not exist',
      args: async (dir) => ({ args: ['--socket', join(dir, 'no.sock'), 'podman:pd/app:1.0'] }),
      code: 1,
      mentions: (dir) => ['podman:pd/app:1.0', join(dir, 'no.sock')],
      withGood: true,
    },
  ];

  for (const c of CASES) {
    it(`${c.title}: exit ${c.code}, a clear error, only complete archives left`, { ...TEST_TIMEOUT, todo: c.todo }, async () => {
      const dir = scratch(c.title);
      const { args, out = join(dir, 'out') } = await c.args(dir);
      const r = await pack(out, c.withGood ? [...args, good] : args);
      assertExit(r, c.code);
      // A usage error is one plain line on stderr whatever the log format; the rest are logged.
      if (c.code === 2) assertUsageLine(r, c.mentions(dir));
      else assertLogged(r, ERROR_LEVEL, c.mentions(dir));
      assertOnlyCompleteArchives(out);
      const names = readPackedList(out).map((l) => l.name);
      // One failing source does not stop the others.
      assert.deepEqual(names, c.withGood ? ['pd/good:1'] : []);
    });
  }

  it(
    'a relative --tmpdir works',
    TEST_TIMEOUT,
    async () => {
      const out = scratch('relative-tmpdir');
      // runCli runs pack in a private temporary working directory: "." is safe to use.
      const r = await runCli(['pack', '--out', out, '--tmpdir', '.', `docker-archive:${app.path}`]);
      assertExit(r, 0);
      assert.deepEqual(readPackedList(out).map((l) => [l.name, l.fields.id]), [['pd/app:1.0', app.imageId]]);
    },
  );

  it('the nameless source packs once it is named on the command line', TEST_TIMEOUT, async () => {
    const dir = scratch('nameless-named');
    const nameless = await buildDockerArchive({ repoTags: [], files: { 'etc/x': 'x\n' }, outDir: dir, fileName: 'nameless.tar' });
    const out = join(dir, 'out');
    assertExit(await pack(out, [`docker-archive:${nameless.path}=pd/named:1`]), 0);
    assert.deepEqual(readPackedList(out).map((l) => [l.name, l.fields.id]), [['pd/named:1', nameless.imageId]]);
  });
});

describe('pack: docker:// from a private registry', () => {
  let reg: TestRegistry;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    reg = await registry();
    env = { HOME: reg.home };
  });

  it('without registries.conf, a plain-HTTP registry is a clear error naming the source (pack has no TLS option)', TEST_TIMEOUT, async () => {
    const out = scratch('registry-https');
    const source = `docker://${reg.host}/pd/app:1.0`;
    const r = await pack(out, [source], { HOME: scratch('empty-home') });
    assertExit(r, 1);
    assertLogged(r, ERROR_LEVEL, [source, 'skopeo', 'HTTPS']);
    assert.deepEqual(imagesIn(out), []);
  });

  it('a reference without @sha256: packs under its name with a warning naming the source', TEST_TIMEOUT, async () => {
    const out = scratch('registry-tag');
    const source = `docker://${reg.host}/pd/app:1.0`;
    const r = await pack(out, [source], env);
    assertExit(r, 0);
    assertLogged(r, WARN_LEVEL, [source, 'no @sha256: digest']);
    assert.deepEqual(readPackedList(out).map((l) => l.name), [`${reg.host}/pd/app:1.0`]);
  });

  it('--strict: a reference without @sha256: fails and writes nothing', TEST_TIMEOUT, async () => {
    const out = scratch('registry-strict');
    const source = `docker://${reg.host}/pd/app:1.0`;
    const r = await pack(out, ['--strict', source], env);
    assertExit(r, 1);
    assertLogged(r, ERROR_LEVEL, [source, '@sha256:']);
    assert.deepEqual(imagesIn(out), []);
    assert.deepEqual(readPackedList(out), []);
  });

  it('--strict: name:tag@digest that agree packs under name:tag without a warning', TEST_TIMEOUT, async () => {
    const out = scratch('registry-pinned');
    const digest = await reg.manifestDigest('pd/app:1.0');
    const r = await pack(out, ['--strict', `docker://${reg.host}/pd/app:1.0@${digest}`], env);
    assertExit(r, 0);
    assert.deepEqual(logsAtLeast(r, WARN_LEVEL), [], 'no warning');
    assert.deepEqual(readPackedList(out).map((l) => l.name), [`${reg.host}/pd/app:1.0`]);
  });

  it('a tag whose registry digest is not the pinned one fails, naming both digests', TEST_TIMEOUT, async () => {
    const out = scratch('registry-mismatch');
    const [actual, pinned] = [await reg.manifestDigest('pd/app:1.0'), await reg.manifestDigest('pd/other:1.0')];
    const source = `docker://${reg.host}/pd/app:1.0@${pinned}`;
    const r = await pack(out, [source], env);
    assertExit(r, 1);
    assertLogged(r, ERROR_LEVEL, [source, actual, pinned]);
    assert.deepEqual(imagesIn(out), []);
  });

  it('a digest-only reference needs =NAME:TAG', TEST_TIMEOUT, async () => {
    const digest = await reg.manifestDigest('pd/app:1.0');
    const source = `docker://${reg.host}/pd/app@${digest}`;
    const unnamed = await pack(scratch('registry-digest'), [source], env);
    assertExit(unnamed, 1);
    assertLogged(unnamed, ERROR_LEVEL, [source, 'NAME:TAG']);
    const out = scratch('registry-digest-named');
    assertExit(await pack(out, [`${source}=pd/pinned:1`], env), 0);
    assert.deepEqual(readPackedList(out).map((l) => l.name), ['pd/pinned:1']);
  });

  it('a multi-platform image: --arch arm64 pulls the arm64 image', TEST_TIMEOUT, async () => {
    const { index } = await layouts();
    await reg.push(`oci:${index.dir}:${index.refName}`, 'pd/multiarch:1.0');
    const out = scratch('registry-arm64');
    const r = await pack(out, ['--arch', 'arm64', `docker://${reg.host}/pd/multiarch:1.0`], env);
    assertExit(r, 0);
    assert.deepEqual(readPackedList(out).map((l) => [l.name, l.fields.id]), [[`${reg.host}/pd/multiarch:1.0`, platformImage(index, 'linux/arm64').id]]);
  });
});

describe('pack --bundle: several images on one base in one seekable .tar.zst', () => {
  let outDir: string;
  let built: BuiltArchive[];
  let bundlePath: string;

  before(async () => {
    const base = { 'usr/lib/base.bin': noise(1536 * 1024, 'bundle-base'), 'usr/share/doc/base': 'base\n'.repeat(20_000) };
    built = await buildImagesOnBase({
      outDir: scratch('bundle-src'),
      base,
      images: [1, 2, 3].map((i) => ({ repoTags: [`pd/onbase-${i}:1`], files: { 'bin/app': noise(1100 * 1024, `onbase-${i}`) } })),
    });
    outDir = scratch('bundle-out');
    const r = await pack(outDir, ['--level', '3', '--bundle', 'onbase', ...built.map((b) => `docker-archive:${b.path}`)]);
    assertExit(r, 0);
    bundlePath = join(outDir, 'images', 'onbase.tar.zst');
  });

  it('one archive, one list line per image with its id=, and --deb ships it once', TEST_TIMEOUT, async () => {
    assert.deepEqual(imagesIn(outDir), ['onbase.tar.zst']);
    assert.deepEqual(
      readPackedList(outDir).map((l) => [l.file, l.name, l.fields.id]),
      built.map((b) => ['onbase.tar.zst', b.images[0]!.repoTags[0], b.imageId]),
    );
    const debDir = scratch('bundle-deb');
    const r = await pack(scratch('bundle-deb-out'), ['--level', '3', '--bundle', 'onbase', '--deb', 'onbase-images', '--deb-version', '1.0', '--deb-dir', debDir, ...built.map((b) => `docker-archive:${b.path}`)]);
    assertExit(r, 0);
    const { stdout } = await run('dpkg-deb', ['-c', join(debDir, 'onbase-images_1.0_all.deb')]);
    assert.equal(stdout.split('\n').filter((l) => l.includes('/images/')).filter((l) => !l.endsWith('/')).length, 1, stdout);
    assert.match(stdout, /\/usr\/share\/preload-daemon\/onbase-images\/images\/onbase\.tar\.zst\n/);
  });

  for (const kind of ENGINE_KINDS) {
    for (const decoder of [['pzstd', '-dc', '-q'], ['zstd', '-dc', '-q']]) {
      it(`${kind}: \`${decoder[0]} -dc onbase.tar.zst\` POSTed as it is (as ISAR's loader does) loads every image under its ID`, TEST_TIMEOUT, async () => {
        const engine = engines[kind];
        await engine.wipe();
        const child = spawn(decoder[0]!, [...decoder.slice(1), bundlePath], { stdio: ['ignore', 'pipe', 'inherit'] });
        const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
        await engine.load(child.stdout);
        assert.equal(await exited, 0);
        for (const b of built) assert.equal(await engine.imageIdOf(b.images[0]!.repoTags[0]!), b.imageId, `${kind}: ${b.images[0]!.repoTags[0]}`);
      });
    }

    it(`${kind}: the daemon loads every image of the bundle from its list`, TEST_TIMEOUT, async () => {
      const engine = engines[kind];
      await engine.wipe();
      const r = await runCli(['--engine', kind, '--socket', engine.socketPath, '--lock-file', join(root, `lock-bundle-${kind}`), '--wait-engine', '20', '--list', outDir]);
      assertExit(r, 0);
      for (const b of built) assert.equal(await engine.imageIdOf(b.images[0]!.repoTags[0]!), b.imageId, `${kind}: ${b.images[0]!.repoTags[0]}\n${describeRun(r)}`);
    });
  }
});

describe('one image out of a seekable bundle: only what the engine lacks is decoded', () => {
  let outDir: string;
  let built: BuiltArchive[];
  let bundleBytes: number;
  /** Bytes of the third image's own layer member in the tar. */
  let ownLayerBytes: number;
  const names = [1, 2, 3].map((i) => `pd/big-${i}:1`);

  before(async () => {
    // A base large enough that decoding it would dwarf everything else the run reads.
    built = await buildImagesOnBase({
      outDir: scratch('big-src'),
      base: { 'usr/lib/base.bin': noise(24 * 1024 * 1024, 'big-base') },
      images: names.map((name, i) => ({ repoTags: [name], files: { 'bin/app': noise(1024 * 1024, `big-${i}`) } })),
    });
    outDir = scratch('big-out');
    assertExit(await pack(outDir, ['--level', '3', '--bundle', 'big', ...built.map((b) => `docker-archive:${b.path}`)]), 0);
    bundleBytes = readFileSync(join(outDir, 'images', 'big.tar.zst')).length;
    const members = tarEntries(decompressArchive(join(outDir, 'images', 'big.tar.zst')));
    const manifest = JSON.parse(members[0]!.data.toString()) as ArchiveManifest[];
    ownLayerBytes = members.find((m) => m.name === manifest[2]!.Layers[1])!.data.length;
  });

  for (const kind of ENGINE_KINDS) {
    it(`${kind}: with the base present, loading one image reads its own layer, not the bundle, and moves no other name`, TEST_TIMEOUT, async () => {
      const engine = engines[kind];
      await engine.wipe();
      // big-1 brings the base; the user points big-2's name at it at runtime.
      await engine.load(readFileSync(built[0]!.path));
      await engine.tag(tagSpellings(kind, names[0]!)[0]!, 'pd/big-2', '1');
      // The daemon's process tree: /proc/PID/io of the shell that ran it counts it and its decoder once reaped.
      const io = '"$@"; status=$?; grep -E "^rchar" /proc/$$/io >&2; exit $status';
      const r = await runCli(['--engine', kind, '--socket', engine.socketPath, '--lock-file', join(root, `lock-big-${kind}`), '--state-file', join(scratch(`big-state-${kind}`), 'state.json'), '--wait-engine', '20', '--list', outDir], {
        prefix: ['sh', '-c', io, 'sh'],
      });
      assertExit(r, 0);
      assert.equal(await engine.imageIdOf(names[2]!), built[2]!.imageId, describeRun(r));
      assert.equal(await engine.imageIdOf(names[0]!), built[0]!.imageId);
      assert.equal(await engine.imageIdOf(names[1]!), built[0]!.imageId, "the user's big-2 is still the image the user put there");
      const loaded = r.logs.find((line) => line.image === names[2] && typeof line.layersSkipped === 'number');
      assert.equal(loaded?.layersSkipped, 1, describeRun(r));
      const rchar = Number(/^rchar: (\d+)$/m.exec(r.stderr)?.[1]);
      assert.ok(Number.isFinite(rchar), r.stderr.slice(-2000));
      // Whole, the bundle is read at least once as archive and once as decoded tar (> 50 MiB).
      assert.ok(rchar <= 3 * ownLayerBytes + 8 * 1024 * 1024, `the run read ${rchar} bytes; its own layer is ${ownLayerBytes}, the bundle ${bundleBytes}`);
      assert.ok(rchar < bundleBytes / 2, `the run read ${rchar} bytes of a ${bundleBytes}-byte bundle`);
    });
  }
});
