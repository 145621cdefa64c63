// runPrune against a fake engine on a unix socket: a removal the engine refuses is one error
// line and exit 1, the other names still go, and the state file forgets only what went.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runPrune, type PruneReport } from '../../src/commands/prune.js';
import { ExitCode } from '../../src/errors.js';
import { createLogger } from '../../src/system/log.js';
import { startFakeEngine } from '../helpers/fake-engine.js';
import { tempDirPerSuite } from './support.js';

const ID = (c: string) => `sha256:${c.repeat(64)}`;

describe('prune (fake engine on a unix socket)', () => {
  const tmp = tempDirPerSuite('prune');

  it('a refused removal does not stop the others; only removed names are forgotten', async () => {
    const lists = join(tmp.path, 'lists');
    mkdirSync(join(lists, 'images'), { recursive: true });
    writeFileSync(join(lists, 'image.list'), 'kept.tar kept:1\n');
    const stateFile = join(tmp.path, 'state.json');
    const record = (c: string) => ({ archive: '/x.tar', fingerprint: 'stat:1:1', imageId: ID(c), loadedAt: '2026-01-01T00:00:00.000Z' });
    writeFileSync(stateFile, JSON.stringify({ version: 1, images: { 'held:1': record('a'), 'gone:1': record('b'), 'kept:1': record('c') } }));
    const engine = await startFakeEngine({
      kind: 'docker',
      images: [
        { Id: ID('a'), RepoTags: ['docker.io/library/held:1'] },
        { Id: ID('b'), RepoTags: ['docker.io/library/gone:1'] },
        { Id: ID('c'), RepoTags: ['docker.io/library/kept:1'] },
      ],
      remove: (req, res) => {
        if (!req.url?.includes('held')) return false;
        res.writeHead(409, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: 'conflict: unable to remove repository reference "held:1" (must force) - container 3f2a is using its referenced image' }));
        return true;
      },
    });
    try {
      const out: string[] = [];
      const errors: string[] = [];
      const code = await runPrune({
        settings: { lists: [lists], engine: 'docker', socket: engine.socketPath, waitEngine: 2, lockFile: join(tmp.path, 'lock'), lockTimeout: 1, stateFile },
        keepLists: [],
        dryRun: false,
        json: true,
        log: createLogger('info', { format: 'text', write: (line) => errors.push(line) }),
        signal: new AbortController().signal,
        print: (text) => out.push(text),
      });
      assert.equal(code, ExitCode.entriesFailed);
      const report = JSON.parse(out.join('\n')) as PruneReport;
      assert.deepEqual(
        report.names.map((n) => [n.name, n.action, n.done]),
        [
          ['held:1', 'remove', false],
          ['gone:1', 'remove', true],
        ],
      );
      const failed = errors.filter((line) => line.includes('held:1'));
      assert.equal(failed.length, 1, errors.join('\n'));
      assert.match(failed[0]!, /removing docker\.io\/library\/held:1 failed: .*container 3f2a is using its referenced image.*prune again/i);
      assert.deepEqual(Object.keys((JSON.parse(readFileSync(stateFile, 'utf8')) as { images: object }).images).sort(), ['held:1', 'kept:1']);
      assert.equal(engine.images.has('docker.io/library/gone:1'), false);
    } finally {
      await engine.close();
    }
  });
});
