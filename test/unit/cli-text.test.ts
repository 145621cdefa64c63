// The shipped bundle's command line where no engine answers: --version, help per command, the
// usage errors of the help topics and of pack's old .deb version flag, and status without an engine.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commandHelp, HELP } from '../../src/cli/help.js';
import { PACK_HELP } from '../../src/cli/pack-help.js';
import type { StatusReport } from '../../src/commands/status.js';
import { cliPath } from '../helpers/cli.js';
import { writeListDir } from '../helpers/lists.js';
import { repoRoot } from '../helpers/paths.js';
import { tempDirPerSuite } from './support.js';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, PRELOAD_DAEMON_CONFIG: '/nonexistent/config.json' };
  delete env.NODE_OPTIONS;
  return spawnSync(process.execPath, [cliPath(), ...args], { encoding: 'utf8', env, timeout: 60_000 });
}

describe('the command line without an engine', () => {
  const tmp = tempDirPerSuite('cli');

  it("--version and version print the package's version", () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['version']]) {
      const r = cli(...args);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, `preload-daemon ${version}\n`);
    }
  });

  it('help, --help and help COMMAND print the help texts', () => {
    for (const [args, text] of [
      [['help'], HELP],
      [['--help'], HELP],
      [['help', 'status'], commandHelp('status')],
      [['help', 'wait'], commandHelp('wait')],
      [['help', 'pack'], PACK_HELP],
    ] as const) {
      const r = cli(...args);
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, `${text.trimEnd()}\n`, args.join(' '));
    }
  });

  it('help of an unknown command is a usage error naming the commands', () => {
    const r = cli('help', 'nosuch');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^preload-daemon: help: unknown command "nosuch" \(commands: .*pack/);
  });

  it("pack's old --version VERSION says to use --deb-version", () => {
    const r = cli('pack', '--out', '/nonexistent/out', '--deb', 'app-images', '--version', '1.0', 'docker-archive:/nonexistent.tar');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--deb-version VERSION/);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  });

  it('status with no engine exits 3 and still reports the archives (configuration.md)', () => {
    const archive = join(tmp.path, 'big.tar');
    writeFileSync(archive, Buffer.alloc(2 * 1024 * 1024));
    const l = writeListDir(join(tmp.path, 'list'), ['big.tar app:1'], { 'big.tar': archive });
    writeFileSync(join(tmp.path, 'config.json'), '{}\n');
    const offline = ['--config', join(tmp.path, 'config.json'), '--socket', join(tmp.path, 'no.sock'), '--wait-engine', '0', '--list', l.dir, '--state-file', join(tmp.path, 'state.json')];
    const json = cli('status', '--json', ...offline);
    assert.equal(json.status, 3, json.stderr);
    const report = JSON.parse(json.stdout) as StatusReport;
    assert.ok('error' in report.engine && report.engine.error.includes('no.sock'), json.stdout);
    assert.deepEqual(report.entries.map((e) => [e.reference, e.archiveFound, e.archiveBytes, e.present]), [['app:1', true, 2 * 1024 * 1024, null]]);
    const text = cli('status', ...offline);
    assert.equal(text.status, 3, text.stderr);
    assert.match(text.stdout, /app:1/);
    assert.match(text.stdout, /2\.0 MiB/);
  });
});
