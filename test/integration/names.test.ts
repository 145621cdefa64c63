// Name matrix: names as each engine stores them. Archives written the ways users write
// them — `docker save`, `podman save`, `skopeo copy … docker-archive:`, `preload-daemon pack` —
// for eight list spellings, loaded into each real engine: first run loads (from a list without
// id=), second run sends no load at all, a runtime replacement is kept, --reload restores (with
// id=), status finds every entry. Every cell holds: where the engine files the archive's RepoTag
// under another spelling, the list's name is tagged onto the loaded image.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, type CliResult } from '../helpers/cli.js';
import { ENGINE_KINDS, startEngine, type EngineKind, type TestEngine } from '../helpers/engines.js';
import { assertExit, summaryOf } from '../helpers/fault.js';
import { buildDockerArchive, type BuiltArchive } from '../helpers/fixtures.js';
import { withLoadCounter } from '../helpers/load-counter.js';
import { writeListDir } from '../helpers/lists.js';
import { readPackedList } from '../helpers/pack-output.js';
import type { StatusReport } from '../../src/commands/status.js';

const NAMES = [
  'app',
  'app:1.0',
  'org/app:1.0',
  'docker.io/org/app:1.0',
  'docker.io/library/app:1.0',
  'localhost/org/app:1.0',
  'quay.io/org/app:1.0',
  'registry.local:5000/org/app:1.0',
] as const;
type Name = (typeof NAMES)[number];
type Tool = 'docker save' | 'podman save' | 'skopeo' | 'pack';
const TOOLS: readonly Tool[] = ['docker save', 'podman save', 'skopeo', 'pack'];

/** The RepoTag each tool writes for each list name (measured; docs/image-names.md carries this table). */
const WRITTEN: Record<Tool, (name: Name) => string> = {
  'docker save': (n) => familiar(withTag(n)),
  'podman save': (n) => (hasRegistry(n) ? withTag(n) : `localhost/${withTag(n)}`),
  skopeo: (n) => (hasRegistry(n) ? withTag(n) : `docker.io/${n.includes('/') ? '' : 'library/'}${withTag(n)}`),
  pack: (n) => withTag(n),
};

// `app:1.0` and `docker.io/library/app:1.0` are one name (as are `org/app:1.0` and
// `docker.io/org/app:1.0`): in one list they would be one entry. On Podman `org/app:1.0` is
// also satisfied by `localhost/org/app:1.0`, and Podman 4 files docker save's `org/app:1.0`
// (listed as `docker.io/org/app:1.0`) under `localhost/org/app:1.0` too. So those run apart.
const GROUPS: readonly (readonly Name[])[] = [
  ['app', 'app:1.0', 'org/app:1.0', 'quay.io/org/app:1.0', 'registry.local:5000/org/app:1.0'],
  ['docker.io/org/app:1.0', 'docker.io/library/app:1.0'],
  ['localhost/org/app:1.0'],
];

function hasRegistry(name: string): boolean {
  const first = name.split('/')[0]!;
  return name.includes('/') && (/[.:]/.test(first) || first === 'localhost');
}
function withTag(name: string): string {
  return name.lastIndexOf(':') > name.lastIndexOf('/') ? name : `${name}:latest`;
}
function familiar(name: string): string {
  return name.replace(/^docker\.io\/(library\/)?/, '');
}
function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

interface Cell {
  tool: Tool;
  name: Name;
  /** Archive file (plain tar, or pack's .tar.zst) and the image it carries. */
  file: string;
  imageId: string;
}

let root: string;
const sources = new Map<Name, BuiltArchive>();
const cells: Cell[] = [];
let other: BuiltArchive;
/** The name pack wrote in its list, for each name it was given. */
const packedAs = new Map<Name, string>();

const made = (tool: Tool, i: number) => join(root, 'made', `${tool.replace(' ', '-')}-${i}.tar`);

/** load → tag → save with an engine's own CLI, against a private engine of that kind. */
async function saveWithCli(tool: 'docker save' | 'podman save', kind: EngineKind, cli: (socket: string) => string[], saveFlags: string[]): Promise<void> {
  const engine = await startEngine(kind);
  try {
    const [cmd, ...base] = cli(engine.socketPath) as [string, ...string[]];
    for (const [i, name] of NAMES.entries()) {
      run(cmd, [...base, 'load', '-q', '-i', sources.get(name)!.path]);
      run(cmd, [...base, 'tag', `matrix/src:${i}`, name]);
      run(cmd, [...base, 'save', ...saveFlags, '-o', made(tool, i), name]);
      cells.push({ tool, name, file: made(tool, i), imageId: sources.get(name)!.imageId });
    }
  } finally {
    await engine.stop();
  }
}

/**
 * One distinct image per name, so every entry must really load its own archive, written by each
 * tool the way users write it: docker save (the Debian docker CLI against a private dockerd),
 * podman save (the podman CLI against a private Podman service), skopeo copy docker-archive: →
 * docker-archive:PATH:NAME, and preload-daemon pack docker-archive:PATH=NAME.
 */
before(async () => {
  root = mkdtempSync('/var/tmp/pd-names-');
  for (const [i, name] of NAMES.entries()) {
    sources.set(name, await buildDockerArchive({ repoTags: [`matrix/src:${i}`], files: { 'etc/name': `${name}\n` }, outDir: join(root, 'src'), fileName: `src-${i}.tar` }));
  }
  other = await buildDockerArchive({ repoTags: ['matrix/other:1'], files: { 'etc/name': 'runtime update\n' }, outDir: join(root, 'src'), fileName: 'other.tar' });
  mkdirSync(join(root, 'made'), { recursive: true });
  await saveWithCli('docker save', 'docker', (socket) => ['/usr/bin/docker', '-H', `unix://${socket}`], []);
  await saveWithCli('podman save', 'podman', (socket) => ['podman', '--url', `unix://${socket}`], ['--format', 'docker-archive']);
  for (const [i, name] of NAMES.entries()) {
    run('skopeo', ['--insecure-policy', 'copy', '-q', `docker-archive:${sources.get(name)!.path}`, `docker-archive:${made('skopeo', i)}:${name}`]);
    cells.push({ tool: 'skopeo', name, file: made('skopeo', i), imageId: sources.get(name)!.imageId });
  }
  for (const [i, name] of NAMES.entries()) {
    const dir = join(root, 'made', `pack-${i}`);
    const r = await runCli(['pack', '--out', dir, '--compression', 'zstd', '--level', '3', `docker-archive:${sources.get(name)!.path}=${name}`]);
    assertExit(r, 0);
    const [line] = readPackedList(dir);
    assert.ok(line, `pack ${name}: no list line`);
    cells.push({ tool: 'pack', name, file: join(dir, 'images', line.file), imageId: sources.get(name)!.imageId });
    packedAs.set(name, line.name);
  }
}, { timeout: 15 * 60_000 });
after(() => rmSync(root, { recursive: true, force: true }));

describe('archives as each tool writes them', () => {
  for (const tool of TOOLS) {
    it(`${tool}: each archive carries the RepoTag the table says`, () => {
      const mine = cells.filter((c) => c.tool === tool);
      assert.equal(mine.length, NAMES.length);
      for (const cell of mine) assert.deepEqual(archiveManifest(cell.file), [WRITTEN[tool](cell.name)], `${tool} ${cell.name}`);
    });
  }

  it('pack writes a missing tag as latest in its list', () => {
    for (const name of NAMES) assert.equal(packedAs.get(name), withTag(name), name);
  });
});

function archiveManifest(file: string): string[] {
  const tar = file.endsWith('.zst') ? execFileSync('zstd', ['-dc', file], { maxBuffer: 64 << 20 }) : readFileSync(file);
  const json = execFileSync('tar', ['-xOf', '-', 'manifest.json'], { input: tar }).toString();
  return (JSON.parse(json) as Array<{ RepoTags: string[] }>).flatMap((m) => m.RepoTags);
}

for (const kind of ENGINE_KINDS) {
  describe(`${kind}: every tool × every list name`, { timeout: 20 * 60_000 }, () => {
    let engine: TestEngine;
    before(async () => {
      engine = await startEngine(kind);
    });
    after(async () => engine?.stop());

    for (const tool of TOOLS) {
      for (const [g, group] of GROUPS.entries()) {
        it(`${tool}, names ${group.join(' ')}`, { timeout: 5 * 60_000 }, async (t) => {
          const ok = cells.filter((c) => c.tool === tool && group.includes(c.name));
          assert.equal(ok.length, group.length, 'archives were made');
          await engine.wipe();
          const dir = join(root, `${kind}-${tool.replace(' ', '-')}-${g}`);
          const args = (list: string, ...extra: string[]) => ['--engine', kind, '--socket', engine.socketPath, '--lock-file', join(dir, 'lock'), '--state-file', join(dir, 'state.json'), '--list', list, ...extra];

          // The first runs from a list without id= (as ISAR writes them: the archive's only image
          // is the one the list names), --reload from one with id=.
          const bare = listFor(join(dir, 'bare'), ok, false);
          const list = listFor(join(dir, 'ok'), ok);
          const first = await runCli(args(bare));
          assertExit(first, 0);
          assert.equal(summaryOf(first).loaded, ok.length, 'each entry loads its own archive');
          const stored = await presentAs(args(list), ok);

          await withLoadCounter(engine.socketPath, async (counter) => {
            const second = await runCli(['--engine', kind, '--socket', counter.socketPath, ...args(bare).slice(4)]);
            assertExit(second, 0);
            assert.equal(counter.loadCount, 0, `second run loaded again\n${second.stderr}`);
            assert.equal(summaryOf(second).present, ok.length);
          });

          // A runtime update of every image (as `docker pull`/`podman pull` would leave it): kept.
          const updated = await engine.load(readFileSync(other.path));
          assert.ok(updated.status < 300);
          for (const cell of ok) await tagAs(engine, other.imageId, stored.get(cell.name)!);
          const kept = await runCli(args(bare));
          assertExit(kept, 0);
          assert.equal(summaryOf(kept).loaded, 0, 'a runtime update is never overwritten');
          for (const [name, id] of await presentAs(args(list), ok, false)) assert.equal(id.id, other.imageId, `${name} was overwritten`);

          const reload = await runCli(args(list, '--reload'));
          assertExit(reload, 0);
          const restored = await presentAs(args(list), ok);
          for (const cell of ok) assert.equal(restored.get(cell.name)!.id, cell.imageId, `${cell.name}: --reload did not restore it`);
          t.diagnostic(`${kind} ${tool}: ${[...restored].map(([n, s]) => `${n} → ${s.name}`).join(', ')}`);
        });
      }
    }
  });
}

function listFor(dir: string, cells: readonly Cell[], withId = true): string {
  const archives: Record<string, string> = {};
  const lines = cells.map((cell, i) => {
    const file = `${i}-${cell.file.split('/').pop()}`;
    archives[file] = cell.file;
    return `${file} ${cell.name}${withId ? ` id=${cell.imageId}` : ''}`;
  });
  return writeListDir(dir, lines, archives).dir;
}

/** `status --json`: every entry present (with the shipped id unless told otherwise); where the engine holds it. */
async function presentAs(args: string[], cells: readonly Cell[], shipped = true): Promise<Map<Name, { name: string; id: string }>> {
  const r: CliResult = await runCli(['status', '--json', ...args]);
  const report = JSON.parse(r.stdout) as StatusReport;
  const found = new Map<Name, { name: string; id: string }>();
  for (const cell of cells) {
    const entry = report.entries.find((e) => e.reference === withTag(cell.name));
    assert.ok(entry?.present, `status: ${cell.name} not present\n${r.stdout}`);
    if (shipped) assert.equal(entry.imageId, cell.imageId, `${cell.name}: id= not verified`);
    found.set(cell.name, { name: entry.storedAs!, id: entry.imageId! });
  }
  return found;
}

/** Point the stored spelling at another image through the engine's own API. */
async function tagAs(engine: TestEngine, id: string, spelling: { name: string }): Promise<void> {
  const colon = spelling.name.lastIndexOf(':');
  const res = await engine.request('POST', `/images/${id}/tag?repo=${encodeURIComponent(spelling.name.slice(0, colon))}&tag=${encodeURIComponent(spelling.name.slice(colon + 1))}`);
  assert.ok(res.status === 201 || res.status === 200, `tag ${spelling.name}: ${res.status} ${res.body}`);
}
