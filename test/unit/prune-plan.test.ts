// planPrune(): which recorded names prune removes and why the others stay, without an engine.
// The expectations come from the promise in docs/ota.md: only a name preload-daemon loaded,
// still on the image it loaded, on an image no container uses and nobody else named, goes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContainerInfo, FoundImage } from '../../src/engine/engine.js';
import type { EngineKind } from '../../src/engine/names.js';
import { parseReference, type ImageReference } from '../../src/list/reference.js';
import { planPrune, unlisted, type PruneStep } from '../../src/prune/plan.js';
import type { ImageRecord } from '../../src/state/state-file.js';

const ID = (c: string) => `sha256:${c.repeat(64)}`;
const ref = (name: string): ImageReference => {
  const parsed = parseReference(name);
  assert.ok(parsed.ok);
  return parsed.ref;
};
const record = (imageId: string, extra: Partial<ImageRecord> = {}): ImageRecord => ({ archive: '/a.tar', fingerprint: 'stat:1:1', imageId, loadedAt: '2026-01-01T00:00:00Z', ...extra });
const found = (name: string, id: string, repoTags: string[], alsoAs: FoundImage['alsoAs'] = []): FoundImage => ({ name, id, repoTags, alsoAs });

function run(kind: EngineKind, records: Record<string, ImageRecord>, engine: Record<string, FoundImage | undefined>, containers: ContainerInfo[] = [], listed: string[] = []): PruneStep[] {
  const map = new Map(Object.entries(records));
  const candidates = unlisted(kind, map, listed.map(ref)).map((c) => ({ ...c, found: engine[c.name] }));
  return planPrune({ kind, records: map, candidates, containers });
}

describe('unlisted', () => {
  it('a recorded name a list still names, in any spelling the engine accepts, is no candidate', () => {
    const records = new Map(Object.entries({ 'app:1': record(ID('a')), 'app:2': record(ID('b')), 'docker.io/library/tool:1': record(ID('c')) }));
    assert.deepEqual(unlisted('podman', records, [ref('docker.io/library/app:1'), ref('tool:1')]).map((c) => c.name), ['app:2']);
    assert.deepEqual(unlisted('docker', records, [ref('app:1')]).map((c) => c.name), ['app:2', 'docker.io/library/tool:1']);
  });
});

describe('planPrune', () => {
  it('removes an unlisted name still on the image it loaded; the image goes with its last name', () => {
    const steps = run('docker', { 'app:1': record(ID('a')) }, { 'app:1': found('docker.io/library/app:1', ID('a'), ['app:1']) });
    assert.deepEqual(steps, [{ name: 'app:1', action: 'remove', imageId: ID('a'), spellings: ['docker.io/library/app:1'], imageGoes: true }]);
  });

  it('two unlisted names of one image: both go, the image with the second', () => {
    const image = (name: string) => found(`docker.io/library/${name}`, ID('a'), ['app:1', 'app:latest']);
    const steps = run('docker', { 'app:1': record(ID('a')), 'app:latest': record(ID('a')) }, { 'app:1': image('app:1'), 'app:latest': image('app:latest') });
    assert.deepEqual(
      steps.map((s) => s.action === 'remove' && s.imageGoes),
      [false, true],
    );
  });

  it('a listed name of ours on the same image: the unlisted one goes, the image stays', () => {
    const image = (name: string) => found(`docker.io/library/${name}`, ID('a'), ['app:1', 'app:2']);
    const steps = run('docker', { 'app:1': record(ID('a')), 'app:2': record(ID('a')) }, { 'app:1': image('app:1') }, [], ['app:2']);
    assert.deepEqual(steps, [{ name: 'app:1', action: 'remove', imageId: ID('a'), spellings: ['docker.io/library/app:1'], imageGoes: false }]);
  });

  it('Podman: both spellings of the name on our image go', () => {
    const steps = run('podman', { 'app:1': record(ID('a')) }, { 'app:1': found('localhost/app:1', ID('a'), ['localhost/app:1', 'docker.io/library/app:1'], [{ name: 'docker.io/library/app:1', id: ID('a') }]) });
    assert.equal(steps[0]!.action, 'remove');
    assert.deepEqual(steps[0]!.action === 'remove' && steps[0]!.spellings, ['localhost/app:1', 'docker.io/library/app:1']);
  });

  it('keeps a name the user moved to another image', () => {
    const [step] = run('docker', { 'app:1': record(ID('a')) }, { 'app:1': found('docker.io/library/app:1', ID('b'), ['app:1']) });
    assert.equal(step!.action === 'keep' && step!.reason, 'moved');
  });

  it('keeps an image a container uses, created or running alike', () => {
    const container: ContainerInfo = { id: 'f'.repeat(64), name: 'web', imageId: ID('a') };
    const [step] = run('docker', { 'app:1': record(ID('a')) }, { 'app:1': found('docker.io/library/app:1', ID('a'), ['app:1']) }, [container]);
    assert.equal(step!.action === 'keep' && step!.reason, 'container');
    assert.match(step!.action === 'keep' ? step!.detail : '', /container web \(ffffffffffff\) uses image a{12}/);
  });

  it('keeps an image that also has a name preload-daemon did not give it', () => {
    const [step] = run('docker', { 'app:1': record(ID('a')) }, { 'app:1': found('docker.io/library/app:1', ID('a'), ['app:1', 'mine:prod']) });
    assert.equal(step!.action === 'keep' && step!.reason, 'user-name');
    assert.match(step!.action === 'keep' ? step!.detail : '', /docker\.io\/library\/mine:prod/);
  });

  it('keeps a name it found present and only adopted', () => {
    const [step] = run('docker', { 'app:1': record(ID('a'), { adopted: true }) }, { 'app:1': found('docker.io/library/app:1', ID('a'), ['app:1']) });
    assert.equal(step!.action === 'keep' && step!.reason, 'adopted');
  });

  it('forgets the record of a name no longer in the engine', () => {
    assert.deepEqual(run('podman', { 'app:1': record(ID('a')) }, {}), [{ name: 'app:1', action: 'forget', imageId: ID('a') }]);
  });
});
