import assert from 'node:assert/strict';
import { mkdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Chunk } from '../../src/archive/chunk.js';
import { runLoad } from '../../src/commands/load.js';
import type { Engine, ImageInfo } from '../../src/engine/engine.js';
import type { LoadReport } from '../../src/engine/load-response.js';
import { EngineRefusedError, ExitCode } from '../../src/errors.js';
import { ENGINE_HINT } from '../../src/engine/http.js';
import type { ListEntry } from '../../src/list/entry.js';
import { parseReference } from '../../src/list/reference.js';
import type { LoadContext } from '../../src/loader/context.js';
import { ArchiveUsers } from '../../src/loader/delete-archive.js';
import { loadEntry } from '../../src/loader/load-entry.js';
import { StateFile } from '../../src/state/state-file.js';
import { createLogger } from '../../src/system/log.js';
import { HEX64, listEntry, realTar, tempDirPerSuite } from './support.js';

const ID_A = `sha256:${'a'.repeat(64)}`;
const ID_B = `sha256:${'b'.repeat(64)}`;

/** An engine in memory: a store of name:tag → image, and what each load would add. */
function memoryEngine(options: { store?: Record<string, string>; carries?: Record<string, string>; refuse?: string; findFails?: boolean } = {}) {
  const store = new Map(Object.entries(options.store ?? {}));
  const calls: string[] = [];
  let uploadedBytes = 0;
  const info = (nameTag: string): ImageInfo | undefined => (store.has(nameTag) ? { id: store.get(nameTag)!, repoTags: [nameTag] } : undefined);
  const engine: Engine = {
    kind: 'docker',
    socketPath: '/memory.sock',
    version: 'memory',
    apiVersion: undefined,
    async find(ref) {
      calls.push(`find ${ref.nameTag}`);
      if (options.findFails) throw new EngineRefusedError(`inspecting ${ref.nameTag} failed: HTTP 500 boom`, { hint: ENGINE_HINT });
      const image = info(ref.nameTag);
      return image && { ...image, name: ref.nameTag, alsoAs: [] };
    },
    async findById(id) {
      const name = [...store.entries()].find(([, stored]) => stored === id)?.[0];
      return name === undefined ? undefined : { id, repoTags: [name] };
    },
    async tag(id, ref) {
      calls.push(`tag ${ref.nameTag}`);
      store.set(ref.nameTag, id);
    },
    async storageRoot() {
      return undefined;
    },
    async containers() {
      return [];
    },
    async removeName() {
      throw new Error('the loader never removes a name');
    },
    async load(tar: AsyncIterable<Chunk>): Promise<LoadReport> {
      calls.push('load');
      for await (const chunk of tar) {
        uploadedBytes += chunk.data.length;
        chunk.release();
      }
      if (options.refuse) return { loaded: [], loadedIds: [], error: options.refuse };
      for (const [name, id] of Object.entries(options.carries ?? {})) store.set(name, id);
      return { loaded: Object.keys(options.carries ?? {}), loadedIds: [], error: undefined };
    },
  };
  return { engine, store, calls, uploaded: () => uploadedBytes };
}

describe('loadEntry and the run loop against an in-memory engine', () => {
  const tmp = tempDirPerSuite('load-entry');
  let n = 0;

  /** A list folder with one plain-tar archive; the entry for NAME in it. */
  async function entryFor(name: string, fields: Partial<ListEntry> = {}): Promise<ListEntry> {
    const dir = join(tmp.path, `list-${n++}`);
    const imagesDir = join(dir, 'images');
    mkdirSync(imagesDir, { recursive: true });
    writeFileSync(join(imagesDir, 'app.tar'), await realTar({ 'manifest.json': '[]', 'layer.tar': Buffer.alloc(10_000, 7) }));
    writeFileSync(join(dir, 'image.list'), `app.tar ${name}\n`);
    return listEntry(name, join(imagesDir, 'app.tar'), fields);
  }

  async function contextFor(engine: Engine, overrides: Partial<LoadContext> = {}): Promise<LoadContext & { warnings: string[] }> {
    const warnings: string[] = [];
    return {
      engine,
      state: await StateFile.open(join(tmp.path, `state-${n++}.json`), (message) => warnings.push(message)),
      places: async () => ({ kind: engine.kind, storage: undefined, staging: tmp.path }),
      reload: false,
      dryRun: false,
      defaultPolicy: 'missing',
      deleteAfterLoad: false,
      limits: { maxDecoderMemory: 128 * 1024 * 1024 },
      minFree: 0,
      warn: (_entry, message) => warnings.push(message),
      warnings,
      ...overrides,
    };
  }

  it('a missing image is loaded, verified and remembered', async () => {
    const entry = await entryFor('app:1', { expectedId: ID_A });
    const memory = memoryEngine({ carries: { 'app:1': ID_A } });
    const context = await contextFor(memory.engine);
    const outcome = await loadEntry(entry, context);
    assert.equal(outcome.kind, 'loaded', JSON.stringify(outcome));
    assert.ok(memory.uploaded() > 10_000, 'the whole tar went to the engine');
    assert.equal(context.state.get('app:1')?.imageId, ID_A);
    assert.equal(context.state.get('app:1')?.archive, entry.archivePath);
    assert.ok(!memory.calls.some((call) => call.startsWith('tag')), 'the load put the name there: nothing to tag');
  });

  it('a tar that decodes past size= is stopped before the chunk that passes it: an archive failure, nothing loaded', async () => {
    const entry = await entryFor('app:1', { size: 4096 });
    const memory = memoryEngine({ carries: { 'app:1': ID_A } });
    const outcome = await loadEntry(entry, await contextFor(memory.engine));
    assert.ok(outcome.kind === 'failed', JSON.stringify(outcome));
    assert.equal(outcome.code, 'archive');
    assert.match(outcome.message, /archive .*app\.tar \(tar\) decodes to more than the 4096 bytes declared by the list's size=: stopped after 0 bytes, nothing loaded/);
    assert.match(outcome.hint ?? '', /decompression bomb or a wrong size=/);
    assert.ok(memory.uploaded() <= 4096, `sent ${memory.uploaded()} bytes`);
    assert.equal(memory.store.get('app:1'), undefined);
  });

  it('size= equal to the tar loads; without size= a plain tar is held to its own file size', async () => {
    const exact = await entryFor('app:1');
    const size = statSync(exact.archivePath).size;
    for (const entry of [{ ...exact, size }, exact]) {
      const memory = memoryEngine({ carries: { 'app:1': ID_A } });
      assert.equal((await loadEntry(entry, await contextFor(memory.engine))).kind, 'loaded');
      assert.equal(memory.uploaded(), size);
    }
  });

  it('--min-free: an engine filesystem below the reserve refuses the entry before anything is sent', async () => {
    const entry = await entryFor('app:1');
    const memory = memoryEngine({ carries: { 'app:1': ID_A } });
    const context = await contextFor(memory.engine, { places: async () => ({ kind: 'docker', storage: tmp.path, staging: tmp.path }), minFree: 2 ** 52 });
    const outcome = await loadEntry(entry, context);
    assert.ok(outcome.kind === 'failed', JSON.stringify(outcome));
    assert.equal(outcome.code, 'space');
    assert.match(outcome.message, /not enough free space to load app:1 from .*app\.tar: .*plus the .* MiB --min-free reserve\)/);
    assert.ok(!memory.calls.includes('load'));
  });

  it('a present image is skipped without a load', async () => {
    const entry = await entryFor('app:1');
    const memory = memoryEngine({ store: { 'app:1': ID_A } });
    const outcome = await loadEntry(entry, await contextFor(memory.engine));
    assert.deepEqual(outcome, { kind: 'present', id: ID_A, reason: 'present', deleted: false });
    assert.ok(!memory.calls.includes('load'));
  });

  it("the engine's refusal is an engine-refused failure naming the archive", async () => {
    const entry = await entryFor('app:1');
    const outcome = await loadEntry(entry, await contextFor(memoryEngine({ refuse: 'no space left on device' }).engine));
    assert.equal(outcome.kind, 'failed');
    assert.ok(outcome.kind === 'failed');
    assert.equal(outcome.code, 'engine-refused');
    assert.match(outcome.message, /docker refused archive .*app\.tar \(tar\): no space left on device/);
  });

  it('an inspect failure is an engine failure with an engine hint, not an archive problem', async () => {
    const entry = await entryFor('app:1');
    const outcome = await loadEntry(entry, await contextFor(memoryEngine({ findFails: true }).engine));
    assert.ok(outcome.kind === 'failed');
    assert.equal(outcome.code, 'engine-refused');
    assert.match(outcome.message, /^inspecting app:1 failed: HTTP 500 boom$/);
    assert.match(outcome.hint ?? '', /check the engine/);
  });

  it("the archive's only image gets the list's name when the engine stored it under another", async () => {
    const entry = await entryFor('app:1');
    const memory = memoryEngine({ carries: { 'localhost/app:1': ID_B } });
    const debug: string[] = [];
    const context = await contextFor(memory.engine, { debug: (_entry, message) => debug.push(message) });
    const outcome = await loadEntry(entry, context);
    assert.equal(outcome.kind, 'loaded', JSON.stringify(outcome));
    assert.equal(memory.store.get('app:1'), ID_B);
    assert.ok(memory.calls.includes('tag app:1'));
    assert.match(debug.join('\n'), /tagged docker\.io\/library\/app:1 onto sha256:b+, .* \(it carried localhost\/app:1\): docker stored it under another spelling/);
  });

  it('an archive of one image under another name: the list names it, said at info', async () => {
    const entry = await entryFor('app:1');
    const memory = memoryEngine({ carries: { 'other:2': ID_B } });
    const info: string[] = [];
    const outcome = await loadEntry(entry, await contextFor(memory.engine, { info: (_entry, message) => info.push(message) }));
    assert.equal(outcome.kind, 'loaded', JSON.stringify(outcome));
    assert.equal(memory.store.get('app:1'), ID_B);
    assert.match(info.join('\n'), /\(it carried other:2\): the list names it app:1/);
  });

  it('an archive of several images, none under the name and no id= to choose: verification fails, nothing tagged', async () => {
    const entry = await entryFor('app:1');
    const memory = memoryEngine({ carries: { 'other:2': ID_B, 'third:3': ID_A } });
    const outcome = await loadEntry(entry, await contextFor(memory.engine));
    assert.ok(outcome.kind === 'failed');
    assert.equal(outcome.code, 'verify');
    assert.match(outcome.message, /does not carry app:1; it carried: other:2, third:3/);
    assert.ok(!memory.calls.some((call) => call.startsWith('tag')), memory.calls.join(', '));
  });

  it("id= chooses among the archive's images; an id= the archive lacks tags nothing", async () => {
    const chosen = memoryEngine({ carries: { 'other:2': ID_B, 'third:3': ID_A } });
    const outcome = await loadEntry(await entryFor('app:1', { expectedId: ID_A }), await contextFor(chosen.engine));
    assert.equal(outcome.kind, 'loaded', JSON.stringify(outcome));
    assert.equal(chosen.store.get('app:1'), ID_A);

    const lacking = memoryEngine({ carries: { 'other:2': ID_B } });
    const failed = await loadEntry(await entryFor('app:1', { expectedId: ID_A }), await contextFor(lacking.engine));
    assert.ok(failed.kind === 'failed');
    assert.equal(failed.code, 'verify');
    assert.ok(!lacking.calls.some((call) => call.startsWith('tag')), lacking.calls.join(', '));
  });

  it('--reload moves the name from a runtime image to the one the load brought under another spelling', async () => {
    const entry = await entryFor('app:1', { expectedId: ID_A });
    const memory = memoryEngine({ store: { 'app:1': ID_B }, carries: { 'localhost/app:1': ID_A } });
    const outcome = await loadEntry(entry, await contextFor(memory.engine, { reload: true }));
    assert.equal(outcome.kind, 'loaded', JSON.stringify(outcome));
    assert.equal(memory.store.get('app:1'), ID_A);
  });

  it('progress: without size= the archive bytes read against the archive size; with size= the tar sent against it', async () => {
    const readings = async (fields: Partial<ListEntry>) => {
      const entry = await entryFor('app:1', fields);
      const seen: Array<{ bytes: number; total: number | undefined }> = [];
      const context = await contextFor(memoryEngine({ carries: { 'app:1': ID_A } }).engine, { onProgress: (_entry, measure) => seen.push(measure()) });
      assert.equal((await loadEntry(entry, context)).kind, 'loaded');
      return { seen, archiveSize: statSync(entry.archivePath).size };
    };
    const bare = await readings({});
    assert.ok(bare.seen.length > 0);
    assert.ok(bare.seen.every((r) => r.total === bare.archiveSize && r.bytes <= bare.archiveSize), JSON.stringify(bare.seen));
    assert.equal(bare.seen.at(-1)!.bytes, bare.archiveSize);
    const sized = await readings({ size: 123_456 });
    assert.ok(sized.seen.every((r) => r.total === 123_456));
    assert.equal(sized.seen.at(-1)!.bytes, sized.archiveSize, 'a plain tar: all of it sent');
  });

  it('the image still in the store under its id= is re-tagged, not loaded', async () => {
    const entry = await entryFor('app:1', { expectedId: ID_B });
    const memory = memoryEngine({ store: { 'old:1': ID_B } });
    const outcome = await loadEntry(entry, await contextFor(memory.engine));
    assert.equal(outcome.kind, 'retagged');
    assert.ok(memory.calls.includes('tag app:1') && !memory.calls.includes('load'));
  });

  it('delete-after-load removes the archive only once the id= is verified', async () => {
    const entry = await entryFor('app:1', { expectedId: ID_A, deleteAfterLoad: true });
    const context = await contextFor(memoryEngine({ carries: { 'app:1': ID_A } }).engine);
    const outcome = await loadEntry(entry, context);
    assert.ok(outcome.kind === 'loaded' && outcome.deleted);
    assert.ok(!existsSync(entry.archivePath));
    assert.equal(context.state.get('app:1')?.deleted, true);
    // A reload after the user removed the image cannot restore it: one clear line.
    const again = await loadEntry(entry, { ...context, engine: memoryEngine().engine, reload: true });
    assert.ok(again.kind === 'failed');
    assert.equal(again.code, 'archive');
    assert.match(again.message, /was deleted by delete-after-load/);
  });

  it('an archive shared by two lines goes only once both ask for deletion and both images are verified', async () => {
    const a = await entryFor('adv/a:1', { expectedId: ID_A, deleteAfterLoad: true });
    const b = { ...a, line: 2, reference: (parseReference('adv/b:1') as { ok: true; ref: ListEntry['reference'] }).ref, expectedId: ID_B, deleteAfterLoad: false };
    const engine = memoryEngine({ carries: { 'adv/a:1': ID_A, 'adv/b:1': ID_B } }).engine;
    const keeps = await contextFor(engine, { archiveUsers: new ArchiveUsers([a, b]) });
    assert.ok((await loadEntry(a, keeps)).kind === 'loaded');
    assert.ok(existsSync(a.archivePath), 'b (delete=no) still needs it');
    assert.match(keeps.warnings.join('\n'), /kept: .*image\.list:2 \(adv\/b:1\) names it too and does not ask for delete-after-load/);

    const both = { ...b, deleteAfterLoad: true };
    const context = await contextFor(engine, { archiveUsers: new ArchiveUsers([a, both]) });
    const first = await loadEntry(a, context);
    assert.ok(first.kind === 'present' && !first.deleted && existsSync(a.archivePath), 'b is not verified yet');
    const second = await loadEntry(both, context);
    assert.ok(second.kind === 'present' && second.deleted && !existsSync(a.archivePath), 'the last verified line deletes it');
    for (const tag of ['adv/a:1', 'adv/b:1']) {
      const record = context.state.get(tag);
      assert.equal(record?.deleted, true, tag);
      assert.match(record?.deletedBy ?? '', /^boot \S+, pid \d+$/);
    }
    // A factory reset: the line that did not delete it says who did.
    const again = await loadEntry(both, { ...context, engine: memoryEngine().engine, reload: true });
    assert.ok(again.kind === 'failed');
    assert.match(again.message, /was deleted by delete-after-load(?: after loading adv\/a:1)? \(the run of \S+, boot \S+, pid \d+: this boot\)/);
  });

  it('an aborted run reports the entry as interrupted', async () => {
    const entry = await entryFor('app:1');
    const controller = new AbortController();
    controller.abort('SIGTERM');
    const outcome = await loadEntry(entry, await contextFor(memoryEngine({ carries: { 'app:1': ID_A } }).engine, { signal: controller.signal }));
    assert.ok(outcome.kind === 'failed');
    assert.equal(outcome.code, 'interrupted');
  });

  it('HEX64 fixture is a sha256 digest', () => assert.equal(HEX64.length, 64));
});

describe('runLoad without an engine socket', () => {
  const tmp = tempDirPerSuite('run-load');

  it('an unreachable engine ends the run with exit 3 and one line naming the socket', async () => {
    const dir = join(tmp.path, 'list');
    mkdirSync(join(dir, 'images'), { recursive: true });
    writeFileSync(join(dir, 'images', 'a.tar'), await realTar());
    writeFileSync(join(dir, 'image.list'), 'a.tar app:1\n');
    const lines: string[] = [];
    const log = createLogger('info', { format: 'text', write: (line) => lines.push(line), isTTY: false });
    await assert.rejects(
      runLoad({
        settings: {
          lists: [dir],
          engine: 'auto',
          socket: join(tmp.path, 'absent.sock'),
          waitEngine: 0.2,
          lockFile: join(tmp.path, 'lock'),
          lockTimeout: 1,
          maxDecoderMemory: 1 << 27,
          policy: 'missing',
          stateFile: join(tmp.path, 'state.json'),
          deleteAfterLoad: false,
          stallTimeout: 120,
          jobs: 1,
          stagingDir: tmp.path,
          minFree: 0,
          loadTimeout: 60,
          rateLimit: undefined,
        },
        reload: false,
        dryRun: false,
        log,
        notifier: { status: () => {}, flush: async () => {} },
        signal: new AbortController().signal,
        print: () => {},
      }),
      (error: unknown) => {
        assert.equal((error as { exitCode?: number }).exitCode, ExitCode.engineUnreachable);
        assert.match((error as Error).message, /absent\.sock/);
        return true;
      },
    );
  });
});
