// The option tables are the source; the man page is written by hand. These tests keep them
// in step: same options, same short flags, same defaults, every variable and config key.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commandHelp, HELP } from '../../src/cli/help.js';
import { PACK_HELP } from '../../src/cli/pack-help.js';
import type { FlagSpec } from '../../src/config/option.js';
import { COMMAND_FLAGS, SETTINGS } from '../../src/config/options.js';
import { PACK_OPTIONS } from '../../src/config/pack-options.js';
import { repoRoot } from '../helpers/paths.js';

const MAN = readFileSync(join(repoRoot(), 'man', 'preload-daemon.1'), 'utf8');
const DAEMON: FlagSpec[] = [...SETTINGS, ...Object.values(COMMAND_FLAGS)];
const PACK: FlagSpec[] = Object.values(PACK_OPTIONS).filter((spec) => spec.help !== '');

function section(name: string): string {
  const start = MAN.indexOf(`.SH ${name}\n`);
  assert.ok(start >= 0, `man page has no ${name} section`);
  const end = MAN.indexOf('\n.SH ', start + 1);
  return MAN.slice(start, end === -1 ? undefined : end);
}

/** roff to plain words: macros and font escapes dropped, \- as -. */
function plain(roff: string): string {
  return roff
    .split('\n')
    .map((line) => {
      const macro = /^\.(\w+)\s*(.*)$/.exec(line);
      if (!macro) return line;
      const args = [...macro[2]!.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
      // .IR/.BR/... alternate fonts without spaces; .B/.I keep them.
      return macro[1]!.length === 2 && /^[BIR]{2}$/.test(macro[1]!) ? args.join('') : args.join(' ');
    })
    .join(' ')
    .replace(/\\f[BIRP]/g, '')
    .replace(/\\-/g, '-')
    .replace(/\s+/g, ' ');
}

interface ManOption {
  longs: string[];
  shorts: string[];
  body: string;
}

function manOptions(name: string): ManOption[] {
  const blocks = section(name).split('\n.TP\n').slice(1);
  return blocks.map((block) => {
    const [header, ...body] = block.split('\n');
    const text = plain(header!);
    return {
      longs: [...text.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]!),
      shorts: [...text.matchAll(/(?:^|[\s,])-([a-zA-Z])(?=[\s,]|$)/g)].map((m) => m[1]!),
      body: plain(body.join('\n')),
    };
  });
}

function compare(name: string, specs: FlagSpec[]): void {
  const options = manOptions(name);
  it(`${name}: the same long flags as the table, in the table's order`, () => {
    assert.deepEqual(
      options.map((o) => o.longs[0]),
      specs.map((spec) => spec.flag),
    );
  });
  it(`${name}: the same short flags`, () => {
    for (const spec of specs) {
      const option = options.find((o) => o.longs[0] === spec.flag)!;
      assert.deepEqual(option.shorts, spec.short ? [spec.short] : [], spec.flag);
    }
  });
  it(`${name}: every setting's default as the help text shows it`, () => {
    for (const spec of specs) {
      if (!('defaultText' in spec) || spec.defaultText === '') continue;
      const option = options.find((o) => o.longs[0] === spec.flag)!;
      const expected = `default ${String(spec.defaultText)}`;
      assert.ok(option.body.toLowerCase().includes(expected.toLowerCase()) || option.body.includes('As above'), `${spec.flag}: "${expected}" not in "${option.body}"`);
    }
  });
}

describe('man page and option tables', () => {
  compare('OPTIONS', DAEMON);
  compare('PACK OPTIONS', PACK);

  it('ENVIRONMENT names every variable and config key', () => {
    const text = plain(section('ENVIRONMENT'));
    for (const spec of SETTINGS) {
      assert.ok(text.includes(spec.env), spec.env);
      assert.match(text, new RegExp(`\\b${spec.key}\\b`), spec.key);
    }
    for (const name of ['PRELOAD_DAEMON_CONFIG', 'DOCKER_HOST', 'CONTAINER_HOST', 'NO_COLOR', 'JOURNAL_STREAM']) assert.ok(text.includes(name), name);
  });
});

describe('help texts and option tables', () => {
  it('the general help shows every option and every variable', () => {
    for (const spec of DAEMON) assert.ok(HELP.includes(`--${spec.flag}`), spec.flag);
    for (const spec of SETTINGS) assert.ok(HELP.includes(spec.env), spec.env);
  });

  for (const command of ['load', 'status', 'wait', 'prune'] as const) {
    it(`${command} --help shows exactly the options of ${command}`, () => {
      const help = commandHelp(command);
      assert.match(help, new RegExp(`^Usage: preload-daemon ${command === 'load' ? '\\[load\\]' : command}`));
      for (const spec of DAEMON) {
        const shown = new RegExp(`--${spec.flag}\\b(?!-)`).test(help);
        assert.equal(shown, spec.commands.includes(command), `--${spec.flag} in ${command} --help`);
      }
    });
  }

  it("pack's help shows every pack option but the removed --version", () => {
    for (const spec of PACK) assert.ok(PACK_HELP.includes(`--${spec.flag}`), spec.flag);
    assert.ok(!/--version\b/.test(PACK_HELP));
  });
});

describe('docs/configuration.md and the option table', () => {
  const DOC = readFileSync(join(repoRoot(), 'docs', 'configuration.md'), 'utf8');
  it('names every flag, environment variable and config key', () => {
    for (const spec of DAEMON) {
      if (spec.flag === 'help' || spec.flag === 'version') continue;
      assert.ok(DOC.includes(`--${spec.flag}`), `docs/configuration.md lacks --${spec.flag}`);
      if (spec.short) assert.ok(DOC.includes(`-${spec.short}, --${spec.flag}`), `docs/configuration.md lacks -${spec.short}`);
    }
    for (const spec of SETTINGS) {
      assert.ok(DOC.includes(`\`${spec.env}\``), `docs/configuration.md lacks ${spec.env}`);
      assert.ok(DOC.includes(`\`${spec.key}\``), `docs/configuration.md lacks the config key ${spec.key}`);
    }
  });
});
