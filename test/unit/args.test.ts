import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HELP, parseCli, type CliArgs } from '../../src/cli/args.js';
import { ExitCode, UsageError } from '../../src/errors.js';

describe('parseCli', () => {
  it('defaults to the load command with nothing set', () => {
    const args = parseCli([]);
    assert.equal(args.command, 'load');
    assert.deepEqual({ ...args, flags: undefined }, {
      command: 'load',
      helpTopic: undefined,
      reload: false,
      dryRun: false,
      json: false,
      quiet: false,
      config: undefined,
      flags: undefined,
      waitGiven: false,
      images: [],
      timeoutSeconds: undefined,
    } satisfies Record<keyof CliArgs, unknown>);
    assert.ok(Object.values(args.flags).every((value) => value === undefined));
  });

  const commands: Array<[argv: string[], expected: Partial<CliArgs>]> = [
    [['load'], { command: 'load' }],
    [['status'], { command: 'status', json: false }],
    [['status', '--json'], { command: 'status', json: true }],
    [['--json', 'status'], { command: 'status', json: true }],
    [['--reload'], { command: 'load', reload: true }],
    [['load', '--reload', '--dry-run'], { command: 'load', reload: true, dryRun: true }],
    [['-n'], { dryRun: true }],
    [['help'], { command: 'help' }],
    [['--help'], { command: 'help' }],
    [['-h', 'status'], { command: 'help' }],
    [['--version'], { command: 'version' }],
    [['-V'], { command: 'version' }],
    [['version'], { command: 'version' }],
    [['--config', '/etc/x.json'], { config: '/etc/x.json' }],
    [['status', '--wait-engine', '3'], { waitGiven: true }],
  ];
  for (const [argv, expected] of commands) {
    it(`${argv.join(' ')} → ${JSON.stringify(expected)}`, () => {
      const args = parseCli(argv);
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(args[key as keyof CliArgs], value, key);
    });
  }

  it('collects a repeatable --list / -l in order', () => {
    assert.deepEqual(parseCli(['--list', '/a', '-l', '/b', '--list=/c']).flags.lists, ['/a', '/b', '/c']);
  });

  it('passes setting flags through as a settings layer', () => {
    const { flags } = parseCli([
      '--engine', 'podman',
      '--socket', '/s.sock',
      '--wait-engine', '9',
      '--log-level', 'debug',
      '--lock-file', '/l',
      '--lock-timeout', '4',
      '--max-decoder-memory', '32M',
      '--policy', 'changed',
      '--state-file', '/st.json',
      '--delete-after-load',
      '--jobs', '2',
      '--staging-dir', '/stage',
      '--min-free', '1G',
      '--load-timeout', '60',
    ]);
    assert.deepEqual(flags, {
      lists: undefined,
      engine: 'podman',
      socket: '/s.sock',
      waitEngine: '9',
      logLevel: 'debug',
      logFormat: undefined,
      lockFile: '/l',
      lockTimeout: '4',
      maxDecoderMemory: '32M',
      policy: 'changed',
      stateFile: '/st.json',
      deleteAfterLoad: true,
      jobs: '2',
      stagingDir: '/stage',
      minFree: '1G',
      loadTimeout: '60',
      stallTimeout: undefined,
    });
  });

  const usageErrors: Array<[argv: string[], message: RegExp]> = [
    [['--bogus'], /bogus/],
    [['-x'], /-x/],
    [['--json'], /--json goes with the status command/],
    [['load', '--json'], /--json goes with the status command/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['status', 'extra'], /unexpected argument "extra"/],
    [['status', '--reload'], /--reload and --dry-run go with the load command/],
    [['status', '--dry-run'], /--reload and --dry-run go with the load command/],
    [['--list'], /list/],
    [['--reload=yes'], /reload/],
  ];
  for (const [argv, message] of usageErrors) {
    it(`${argv.join(' ')} → UsageError`, () => {
      assert.throws(() => parseCli(argv), (error: unknown) => {
        assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
        assert.equal(error.exitCode, ExitCode.usage);
        assert.match(error.message, message);
        assert.ok(!error.message.includes('\n'), 'one line');
        assert.match(error.line, /See `preload-daemon --help`$/);
        return true;
      });
    });
  }

  it('HELP mentions every command and option it parses', () => {
    for (const word of ['status', '--json', '--list', '--reload', '--dry-run', '--engine', '--socket', '--wait-engine', '--log-level', '--lock-file', '--lock-timeout', '--max-decoder-memory', '--config', '--version', '--help']) {
      assert.ok(HELP.includes(word), word);
    }
  });
});
