import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import type { SettingsLayer } from '../config/settings.js';

export type Command = 'load' | 'status' | 'wait' | 'help' | 'version';

export interface CliArgs {
  command: Command;
  reload: boolean;
  dryRun: boolean;
  json: boolean;
  config: string | undefined;
  /** Settings given as flags, the highest layer. */
  flags: SettingsLayer;
  /** Whether --wait-engine was given (status waits less by default). */
  waitGiven: boolean;
  /** wait: the images to wait for, and for how long. */
  images: string[];
  timeoutSeconds: number | undefined;
}

const COMMANDS: readonly Command[] = ['load', 'status', 'wait', 'help', 'version'];

export function parseCli(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        list: { type: 'string', multiple: true, short: 'l' },
        engine: { type: 'string' },
        socket: { type: 'string' },
        'wait-engine': { type: 'string' },
        reload: { type: 'boolean' },
        'dry-run': { type: 'boolean', short: 'n' },
        json: { type: 'boolean' },
        'log-level': { type: 'string' },
        'lock-file': { type: 'string' },
        'lock-timeout': { type: 'string' },
        'max-decoder-memory': { type: 'string' },
        config: { type: 'string' },
        policy: { type: 'string' },
        'state-file': { type: 'string' },
        'delete-after-load': { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
        'staging-dir': { type: 'string' },
        'load-timeout': { type: 'string' },
        'stall-timeout': { type: 'string' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  const { values, positionals } = parsed;
  const named = positionals[0];
  if (positionals.length > 1 && named !== 'wait') throw new UsageError(`unexpected argument "${positionals[1]}"`);
  if (named !== undefined && !COMMANDS.includes(named as Command)) {
    throw new UsageError(`unknown command "${named}" (commands: load, status, wait, pack, help, version)`);
  }
  const command: Command = values.help ? 'help' : values.version ? 'version' : ((named as Command | undefined) ?? 'load');
  if (values.json && command !== 'status') throw new UsageError('--json goes with the status command');
  if ((values.reload || values['dry-run']) && command !== 'load') throw new UsageError('--reload and --dry-run go with the load command');
  if (command === 'wait' && positionals.length < 2) throw new UsageError('wait needs at least one NAME:TAG');
  if (values.timeout !== undefined && command !== 'wait') throw new UsageError('--timeout goes with the wait command');
  const timeoutSeconds = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds >= 0)) throw new UsageError(`--timeout ${values.timeout}: expected seconds`);
  const flags: SettingsLayer = {
    lists: values.list,
    engine: values.engine as SettingsLayer['engine'],
    socket: values.socket,
    waitEngine: values['wait-engine'] as unknown as number | undefined,
    logLevel: values['log-level'] as SettingsLayer['logLevel'],
    lockFile: values['lock-file'],
    lockTimeout: values['lock-timeout'] as unknown as number | undefined,
    maxDecoderMemory: values['max-decoder-memory'],
    policy: values.policy as SettingsLayer['policy'],
    stateFile: values['state-file'],
    deleteAfterLoad: values['delete-after-load'],
    jobs: values.jobs as unknown as number | undefined,
    stagingDir: values['staging-dir'],
    loadTimeout: values['load-timeout'] as unknown as number | undefined,
    stallTimeout: values['stall-timeout'] as unknown as number | undefined,
  };
  return {
    command,
    reload: values.reload ?? false,
    dryRun: values['dry-run'] ?? false,
    json: values.json ?? false,
    config: values.config,
    flags,
    waitGiven: values['wait-engine'] !== undefined,
    images: command === 'wait' ? positionals.slice(1) : [],
    timeoutSeconds,
  };
}

export const HELP = `Usage: preload-daemon [load] [options]     load missing images from the lists
       preload-daemon status [--json] [options]  show every entry; changes nothing
       preload-daemon wait [--timeout SECONDS] NAME:TAG...  wait until these images are present
       preload-daemon pack --out DIR SOURCE[=NAME:TAG]...  build archives + image.list (pack --help)
       preload-daemon --version | --help

Options:
  -l, --list PATH            image.list file, or a folder holding one or <pkg>/image.list
                             files (repeatable; default /usr/share/preload-daemon)
      --engine KIND          docker, podman or auto (default auto)
      --socket PATH          engine socket (default: /run/docker.sock, /run/podman/podman.sock,
                             $XDG_RUNTIME_DIR/podman/podman.sock, first that answers)
      --wait-engine SECONDS  how long to wait for the engine to answer (default 60; status 5)
      --reload               load every entry even when present (after a factory reset)
  -n, --dry-run              say what would be loaded, load nothing
      --json                 status: print one JSON document
      --log-level LEVEL      fatal, error, warn, info, debug, trace or silent (default info)
      --lock-file PATH       serialises runs (default /run/preload-daemon/lock)
      --lock-timeout SECONDS how long to wait for another run (default 600)
      --max-decoder-memory SIZE  cap on zstd window / xz dictionary memory (default 128M)
      --config PATH          JSON settings (default /etc/preload-daemon/config.json, optional)
      --policy POLICY        default for entries without policy=: missing (default), changed,
                             always or never (see README, "Policies")
      --state-file PATH      what was loaded from which archive (default /var/lib/preload-daemon/state.json)
      --delete-after-load    delete an archive once its image is verified with the list's id=
  -j, --jobs N               load up to N images at once (default 1)
      --staging-dir PATH     where Podman stages uploads, for the free-space check (default /var/tmp)
      --load-timeout SECONDS how long the engine may take to answer a complete upload (default 1800)
      --stall-timeout SECONDS abort a load when the engine takes no upload bytes for this long (default 120)
      --timeout SECONDS      wait: give up after this long (default 300)

Environment: PRELOAD_DAEMON_LIST (paths separated by ':'), PRELOAD_DAEMON_ENGINE,
PRELOAD_DAEMON_SOCKET, PRELOAD_DAEMON_WAIT_ENGINE, PRELOAD_DAEMON_LOG_LEVEL,
PRELOAD_DAEMON_LOCK_FILE, PRELOAD_DAEMON_LOCK_TIMEOUT, PRELOAD_DAEMON_MAX_DECODER_MEMORY,
PRELOAD_DAEMON_POLICY, PRELOAD_DAEMON_STATE_FILE, PRELOAD_DAEMON_DELETE_AFTER_LOAD,
PRELOAD_DAEMON_JOBS, PRELOAD_DAEMON_STAGING_DIR, PRELOAD_DAEMON_LOAD_TIMEOUT,
PRELOAD_DAEMON_STALL_TIMEOUT, PRELOAD_DAEMON_CONFIG.
Flags win over the environment, which wins over the config file.

Exit codes: 0 every image present or loaded; 1 some entries failed; 2 usage or config
error; 3 engine unreachable; 4 another run held the lock too long.
`;
