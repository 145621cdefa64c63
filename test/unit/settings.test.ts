import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_MAX_DECODER_MEMORY, DEFAULT_MIN_FREE } from '../../src/archive/limits.js';
import { parseCli } from '../../src/cli/args.js';
import { defaultLockFile, defaults, envLayer, fileLayer, resolveSettings, type SettingsLayer } from '../../src/config/settings.js';
import { parseSize } from '../../src/config/size.js';
import { ExitCode, UsageError } from '../../src/errors.js';
import { DEFAULT_LIST_ROOT } from '../../src/list/discover.js';
import { tempDirPerSuite } from './support.js';

const MiB = 1024 * 1024;

/** Assert that `run` throws a UsageError whose message matches. */
async function rejectsUsage(run: () => unknown, message: RegExp): Promise<void> {
  await assert.rejects(async () => run(), (error: unknown) => {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    assert.equal(error.exitCode, ExitCode.usage);
    assert.match(error.message, message);
    return true;
  });
}

describe('parseSize', () => {
  const cases: Array<[text: string, bytes: number | undefined]> = [
    ['64M', 64 * MiB],
    ['128MiB', 128 * MiB],
    ['128mib', 128 * MiB],
    ['128MB', 128 * MiB],
    ['1G', 1024 * MiB],
    ['1g', 1024 * MiB],
    ['512K', 512 * 1024],
    ['8388608', 8 * MiB],
    ['100B', 100],
    [' 64 M ', 64 * MiB],
    ['1.5K', 1536],
    ['0', undefined],
    ['0M', undefined],
    ['abc', undefined],
    ['', undefined],
    ['-1', undefined],
    ['1T', undefined],
    ['M', undefined],
    ['1e6', undefined],
    ['64 MiB extra', undefined],
  ];
  for (const [text, bytes] of cases) {
    it(`${JSON.stringify(text)} → ${bytes}`, () => assert.equal(parseSize(text), bytes));
  }

  it('a size that rounds to 0 bytes is not a size', () => {
    assert.equal(parseSize('0.4'), undefined);
  });
});

describe('envLayer', () => {
  it('reads every PRELOAD_DAEMON_* variable', () => {
    const layer = envLayer({
      PRELOAD_DAEMON_LIST: '/a:/b',
      PRELOAD_DAEMON_ENGINE: 'podman',
      PRELOAD_DAEMON_SOCKET: '/run/podman/podman.sock',
      PRELOAD_DAEMON_WAIT_ENGINE: '5',
      PRELOAD_DAEMON_LOG_LEVEL: 'debug',
      PRELOAD_DAEMON_LOCK_FILE: '/tmp/lock',
      PRELOAD_DAEMON_LOCK_TIMEOUT: '1.5',
      PRELOAD_DAEMON_MAX_DECODER_MEMORY: '64M',
    });
    assert.deepEqual(layer, {
      lists: ['/a', '/b'],
      engine: 'podman',
      socket: '/run/podman/podman.sock',
      waitEngine: '5',
      logLevel: 'debug',
      lockFile: '/tmp/lock',
      lockTimeout: '1.5',
      maxDecoderMemory: '64M',
    });
  });

  it('splits PRELOAD_DAEMON_LIST on ":" and drops empty parts', () => {
    assert.deepEqual(envLayer({ PRELOAD_DAEMON_LIST: ':/a::/b/c:' }).lists, ['/a', '/b/c']);
    assert.deepEqual(envLayer({ PRELOAD_DAEMON_LIST: '/only' }).lists, ['/only']);
  });

  it('ignores unset, empty and unrelated variables', () => {
    assert.deepEqual(envLayer({ PRELOAD_DAEMON_ENGINE: '', HOME: '/root', PRELOAD_DAEMON_UNKNOWN: 'x' }), {});
  });

  const invalid: Array<[name: string, value: string, message: RegExp]> = [
    ['PRELOAD_DAEMON_ENGINE', 'containerd', /^PRELOAD_DAEMON_ENGINE: expected one of docker, podman or auto, not "containerd"$/],
    ['PRELOAD_DAEMON_LOG_LEVEL', 'loud', /^PRELOAD_DAEMON_LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace or silent/],
    ['PRELOAD_DAEMON_WAIT_ENGINE', 'soon', /^PRELOAD_DAEMON_WAIT_ENGINE: expected a number of seconds/],
    ['PRELOAD_DAEMON_LOCK_TIMEOUT', '-1', /^PRELOAD_DAEMON_LOCK_TIMEOUT: expected a number of seconds/],
    ['PRELOAD_DAEMON_MAX_DECODER_MEMORY', 'lots', /^PRELOAD_DAEMON_MAX_DECODER_MEMORY: expected a size .*, not "lots"$/],
    ['PRELOAD_DAEMON_LIST', ':::', /^PRELOAD_DAEMON_LIST: /],
  ];
  for (const [name, value, message] of invalid) {
    it(`rejects ${name}=${value} with a UsageError naming the variable`, async () => {
      await rejectsUsage(() => envLayer({ [name]: value }), message);
    });
  }
});

describe('fileLayer', () => {
  const tmp = tempDirPerSuite('settings');
  const file = (name: string, text: string) => {
    const path = join(tmp.path, name);
    writeFileSync(path, text);
    return path;
  };

  it('a missing optional file is an empty layer', async () => {
    assert.deepEqual(await fileLayer(join(tmp.path, 'absent.json'), false), {});
  });

  it('a missing required file is a UsageError', async () => {
    await rejectsUsage(() => fileLayer(join(tmp.path, 'absent.json'), true), /cannot read config file .*absent\.json/);
  });

  it('an unreadable path (a folder) is a UsageError even when optional', async () => {
    await rejectsUsage(() => fileLayer(tmp.path, false), /cannot read config file/);
  });

  for (const text of ['', '  \n\t\n']) {
    it(`an empty file (${JSON.stringify(text)}) is an empty layer`, async () => {
      assert.deepEqual(await fileLayer(file('empty.json', text), true), {});
    });
  }

  it('reads a valid file', async () => {
    const path = file('ok.json', JSON.stringify({ lists: ['/x'], engine: 'docker', maxDecoderMemory: '32M', lockTimeout: 3 }));
    assert.deepEqual(await fileLayer(path, true), { lists: ['/x'], engine: 'docker', maxDecoderMemory: '32M', lockTimeout: 3 });
  });

  const invalid: Array<[label: string, text: string, message: RegExp]> = [
    ['invalid JSON', '{ "engine": ', /broken\.json: not valid JSON/],
    ['an unknown key', '{ "engines": "docker" }', /broken\.json: .*engines/],
    ['a wrong type', '{ "lists": "/x" }', /broken\.json: lists: /],
    ['an empty lists array', '{ "lists": [] }', /broken\.json: lists: /],
    ['a zero maxDecoderMemory', '{ "maxDecoderMemory": 0 }', /broken\.json: maxDecoderMemory: /],
    ['a JSON array', '[]', /broken\.json: \(top level\): /],
  ];
  for (const [label, text, message] of invalid) {
    it(`${label} is a UsageError naming the file`, async () => {
      await rejectsUsage(() => fileLayer(file('broken.json', text), false), message);
    });
  }
});

describe('resolveSettings', () => {
  const env = { XDG_RUNTIME_DIR: '/run/user/1000' };

  it('uses the defaults without layers', () => {
    assert.deepEqual(resolveSettings(env), defaults(env));
    assert.deepEqual(resolveSettings(env), {
      lists: [DEFAULT_LIST_ROOT],
      engine: 'auto',
      socket: undefined,
      waitEngine: 60,
      logLevel: 'info',
      logFormat: 'auto',
      lockFile: defaultLockFile(env),
      lockTimeout: 600,
      maxDecoderMemory: DEFAULT_MAX_DECODER_MEMORY,
      policy: 'missing',
      stateFile: '/var/lib/preload-daemon/state.json',
      deleteAfterLoad: false,
      jobs: 1,
      stagingDir: '/var/tmp',
      minFree: DEFAULT_MIN_FREE,
      loadTimeout: 1800,
      stallTimeout: 120,
    });
  });

  it('defaults < file < env < flags', () => {
    const file: SettingsLayer = { engine: 'docker', waitEngine: 1, lockTimeout: 1, logLevel: 'warn' };
    const environment: SettingsLayer = { waitEngine: 2, lockTimeout: 2 };
    const flags: SettingsLayer = { lockTimeout: 3 };
    const settings = resolveSettings(env, file, environment, flags);
    assert.equal(settings.lockTimeout, 3, 'flags win');
    assert.equal(settings.waitEngine, 2, 'env beats file');
    assert.equal(settings.engine, 'docker', 'file beats defaults');
    assert.equal(settings.logLevel, 'warn');
    assert.equal(settings.maxDecoderMemory, DEFAULT_MAX_DECODER_MEMORY, 'defaults remain');
  });

  it('undefined values in a higher layer do not erase lower ones', () => {
    const settings = resolveSettings(env, { engine: 'podman', lists: ['/f'] }, { engine: undefined, lists: undefined });
    assert.equal(settings.engine, 'podman');
    assert.deepEqual(settings.lists, ['/f']);
  });

  it('converts sizes and numbers given as strings', () => {
    const settings = resolveSettings(env, envLayer({ PRELOAD_DAEMON_MAX_DECODER_MEMORY: '64M', PRELOAD_DAEMON_WAIT_ENGINE: '7', PRELOAD_DAEMON_LOCK_TIMEOUT: '0.5' }));
    assert.equal(settings.maxDecoderMemory, 64 * MiB);
    assert.equal(settings.waitEngine, 7);
    assert.equal(settings.lockTimeout, 0.5);
    assert.equal(resolveSettings(env, { maxDecoderMemory: 8388608 }).maxDecoderMemory, 8 * MiB);
  });

  it('--min-free takes a size or 0 (off), from flags, the environment or the config file', () => {
    assert.equal(DEFAULT_MIN_FREE, 256 * MiB);
    assert.equal(resolveSettings(env, envLayer({ PRELOAD_DAEMON_MIN_FREE: '1G' })).minFree, 1024 * MiB);
    assert.equal(resolveSettings(env, { minFree: 0 }).minFree, 0);
    assert.equal(resolveSettings(env, { minFree: '512M' }).minFree, 512 * MiB);
    assert.equal(resolveSettings(env, parseCli(['--min-free', '0']).flags).minFree, 0);
    assert.equal(resolveSettings(env, parseCli(['--min-free', '0M']).flags).minFree, 0);
    assert.throws(() => resolveSettings(env, parseCli(['--min-free', 'lots']).flags), /^UsageError: --min-free: expected a size/);
  });

  it('takes layers from files, the environment and the command line together', async () => {
    const fromCli = parseCli(['--list', '/cli', '--max-decoder-memory', '16MiB']).flags;
    const settings = resolveSettings(env, { lists: ['/file'], engine: 'docker' }, envLayer({ PRELOAD_DAEMON_LIST: '/e1:/e2', PRELOAD_DAEMON_ENGINE: 'podman' }), fromCli);
    assert.deepEqual(settings.lists, ['/cli']);
    assert.equal(settings.engine, 'podman');
    assert.equal(settings.maxDecoderMemory, 16 * MiB);
  });

  // A bad flag value is a usage error (exit 2, one line) naming the flag as typed (the message
  // used to name internal keys such as logLevel).
  const badFlags: Array<[argv: string[], key: RegExp]> = [
    [['--engine', 'containerd'], /^--engine: expected one of docker, podman or auto/],
    [['--lock-timeout', 'soon'], /^--lock-timeout: expected a number of seconds/],
    [['--max-decoder-memory', 'lots'], /^--max-decoder-memory: expected a size/],
    [['--log-level', 'loud'], /^--log-level: expected one of fatal, error, warn, info, debug, trace or silent, not "loud"$/],
  ];
  for (const [argv, key] of badFlags) {
    it(`an invalid flag value (${argv.join(' ')}) is a UsageError`, async () => {
      await rejectsUsage(() => resolveSettings(env, parseCli(argv).flags), key);
    });
  }
});

describe('defaultLockFile', () => {
  it('uses /run/preload-daemon/lock without XDG_RUNTIME_DIR', () => {
    assert.equal(defaultLockFile({}), '/run/preload-daemon/lock');
  });

  it('uses XDG_RUNTIME_DIR for non-root users, /run for root', () => {
    const expected = process.getuid?.() === 0 ? '/run/preload-daemon/lock' : '/run/user/1000/preload-daemon.lock';
    assert.equal(defaultLockFile({ XDG_RUNTIME_DIR: '/run/user/1000' }), expected);
  });
});
