import { DEFAULT_MAX_DECODER_MEMORY, DEFAULT_MIN_FREE } from '../archive/limits.js';
import { DEFAULT_LOAD_TIMEOUT_SECONDS, DEFAULT_STALL_TIMEOUT_SECONDS } from '../engine/timeouts.js';
import { DEFAULT_LIST_ROOT } from '../list/list-root.js';
import { POLICIES } from '../list/policy.js';
import { DEFAULT_STATE_FILE } from '../state/state-path.js';
import { LOG_FORMATS, LOG_LEVELS } from '../system/log.js';
import { flag, oneOf, seconds, setting, size, sizeOrZero, text, texts, wholeNumber, yesNo, type CommandName } from './option.js';

// Every option of load, status and wait, once: flag, environment name, config key, default,
// validation and help line. `pack` has its own table (pack-options.ts) built the same way.

export const DEFAULT_CONFIG_FILE = '/etc/preload-daemon/config.json';
/** One image at a time until measurements show parallel loads help (docs/policies.md, "Parallel import"). */
export const DEFAULT_JOBS = 1;
/** How long `wait` waits for its images unless --timeout says otherwise. */
export const DEFAULT_WAIT_SECONDS = 300;

const ENGINE_COMMANDS: readonly CommandName[] = ['load', 'status', 'wait'];
const LOAD: readonly CommandName[] = ['load'];
const LOAD_STATUS: readonly CommandName[] = ['load', 'status'];
const LOAD_WAIT: readonly CommandName[] = ['load', 'wait'];

export function defaultLockFile(env: NodeJS.ProcessEnv = process.env): string {
  if (process.getuid?.() === 0 || !env.XDG_RUNTIME_DIR) return '/run/preload-daemon/lock';
  return `${env.XDG_RUNTIME_DIR}/preload-daemon.lock`;
}

/** The settings, in help order. */
export const SETTINGS = [
  setting({
    key: 'lists',
    flag: 'list',
    short: 'l',
    type: 'string',
    multiple: true,
    arg: 'PATH',
    env: 'PRELOAD_DAEMON_LIST',
    fromEnv: (value) => value.split(':').filter(Boolean),
    help: 'image.list file, or a folder holding one or <pkg>/image.list files\n(repeatable; in PRELOAD_DAEMON_LIST separated by \':\')',
    commands: LOAD_STATUS,
    parse: texts,
    default: () => [DEFAULT_LIST_ROOT],
    defaultText: DEFAULT_LIST_ROOT,
  }),
  setting({
    key: 'engine',
    flag: 'engine',
    type: 'string',
    arg: 'KIND',
    env: 'PRELOAD_DAEMON_ENGINE',
    help: 'docker, podman or auto',
    commands: ENGINE_COMMANDS,
    parse: oneOf(['docker', 'podman', 'auto'] as const),
    default: () => 'auto' as const,
    defaultText: 'auto',
  }),
  setting({
    key: 'socket',
    flag: 'socket',
    type: 'string',
    arg: 'PATH',
    env: 'PRELOAD_DAEMON_SOCKET',
    help: 'engine socket (default: DOCKER_HOST / CONTAINER_HOST, else the first\nthat answers of /run/docker.sock, /run/podman/podman.sock,\n$XDG_RUNTIME_DIR/podman/podman.sock)',
    commands: ENGINE_COMMANDS,
    parse: (raw): string | undefined => text(raw),
    default: () => undefined,
    defaultText: '',
  }),
  setting({
    key: 'waitEngine',
    flag: 'wait-engine',
    type: 'string',
    arg: 'SECONDS',
    env: 'PRELOAD_DAEMON_WAIT_ENGINE',
    help: 'how long to wait for the engine to answer',
    commands: ENGINE_COMMANDS,
    parse: seconds({ zeroAllowed: true }),
    default: () => 60,
    defaultText: '60; status 5',
  }),
  setting({
    key: 'logLevel',
    flag: 'log-level',
    type: 'string',
    arg: 'LEVEL',
    env: 'PRELOAD_DAEMON_LOG_LEVEL',
    help: 'fatal, error, warn, info, debug, trace or silent',
    commands: ENGINE_COMMANDS,
    parse: oneOf(LOG_LEVELS),
    default: () => 'info' as const,
    defaultText: 'info',
  }),
  setting({
    key: 'logFormat',
    flag: 'log-format',
    type: 'string',
    arg: 'FORMAT',
    env: 'PRELOAD_DAEMON_LOG_FORMAT',
    help: 'auto, text, journal or json (auto: readable lines on a terminal,\n<N> priorities for journald, plain lines otherwise)',
    commands: ENGINE_COMMANDS,
    parse: oneOf(LOG_FORMATS),
    default: () => 'auto' as const,
    defaultText: 'auto',
  }),
  setting({
    key: 'lockFile',
    flag: 'lock-file',
    type: 'string',
    arg: 'PATH',
    env: 'PRELOAD_DAEMON_LOCK_FILE',
    help: 'serialises runs (wait: tells whether a run is still loading)',
    commands: LOAD_WAIT,
    parse: text,
    default: defaultLockFile,
    defaultText: '/run/preload-daemon/lock',
  }),
  setting({
    key: 'lockTimeout',
    flag: 'lock-timeout',
    type: 'string',
    arg: 'SECONDS',
    env: 'PRELOAD_DAEMON_LOCK_TIMEOUT',
    help: 'how long to wait for another run',
    commands: LOAD,
    parse: seconds({ zeroAllowed: true }),
    default: () => 600,
    defaultText: '600',
  }),
  setting({
    key: 'maxDecoderMemory',
    flag: 'max-decoder-memory',
    type: 'string',
    arg: 'SIZE',
    env: 'PRELOAD_DAEMON_MAX_DECODER_MEMORY',
    help: 'cap on zstd window / xz dictionary memory',
    commands: LOAD,
    parse: size,
    default: () => DEFAULT_MAX_DECODER_MEMORY,
    defaultText: '128M',
  }),
  setting({
    key: 'policy',
    flag: 'policy',
    type: 'string',
    arg: 'POLICY',
    env: 'PRELOAD_DAEMON_POLICY',
    help: 'default for entries without policy=: missing, changed, always\nor never (see preload-daemon(1))',
    commands: LOAD_STATUS,
    parse: oneOf(POLICIES),
    default: () => 'missing' as const,
    defaultText: 'missing',
  }),
  setting({
    key: 'stateFile',
    flag: 'state-file',
    type: 'string',
    arg: 'PATH',
    env: 'PRELOAD_DAEMON_STATE_FILE',
    help: 'what was loaded from which archive, and the last failures',
    commands: ENGINE_COMMANDS,
    parse: text,
    default: () => DEFAULT_STATE_FILE,
    defaultText: DEFAULT_STATE_FILE,
  }),
  setting({
    key: 'deleteAfterLoad',
    flag: 'delete-after-load',
    type: 'boolean',
    env: 'PRELOAD_DAEMON_DELETE_AFTER_LOAD',
    help: "delete an archive once its image is verified with the list's id=",
    commands: LOAD,
    parse: yesNo,
    default: () => false,
    defaultText: '',
  }),
  setting({
    key: 'jobs',
    flag: 'jobs',
    short: 'j',
    type: 'string',
    arg: 'N',
    env: 'PRELOAD_DAEMON_JOBS',
    help: 'load up to N images at once',
    commands: LOAD,
    parse: wholeNumber(1, 16),
    default: () => DEFAULT_JOBS,
    defaultText: String(DEFAULT_JOBS),
  }),
  setting({
    key: 'stagingDir',
    flag: 'staging-dir',
    type: 'string',
    arg: 'PATH',
    env: 'PRELOAD_DAEMON_STAGING_DIR',
    help: 'where Podman stages uploads, for the free-space check',
    commands: LOAD,
    parse: text,
    default: () => '/var/tmp',
    defaultText: '/var/tmp',
  }),
  setting({
    key: 'minFree',
    flag: 'min-free',
    type: 'string',
    arg: 'SIZE',
    env: 'PRELOAD_DAEMON_MIN_FREE',
    help: "free space a load must leave on the engine's filesystems (0: off)",
    commands: LOAD,
    parse: sizeOrZero,
    default: () => DEFAULT_MIN_FREE,
    defaultText: '256M',
  }),
  setting({
    key: 'loadTimeout',
    flag: 'load-timeout',
    type: 'string',
    arg: 'SECONDS',
    env: 'PRELOAD_DAEMON_LOAD_TIMEOUT',
    help: 'how long the engine may take to answer a complete upload',
    commands: LOAD,
    parse: seconds({ zeroAllowed: false }),
    default: () => DEFAULT_LOAD_TIMEOUT_SECONDS,
    defaultText: String(DEFAULT_LOAD_TIMEOUT_SECONDS),
  }),
  setting({
    key: 'stallTimeout',
    flag: 'stall-timeout',
    type: 'string',
    arg: 'SECONDS',
    env: 'PRELOAD_DAEMON_STALL_TIMEOUT',
    help: 'give up an upload the engine has not read from for this long',
    commands: LOAD,
    parse: seconds({ zeroAllowed: false }),
    default: () => DEFAULT_STALL_TIMEOUT_SECONDS,
    defaultText: String(DEFAULT_STALL_TIMEOUT_SECONDS),
  }),
] as const;

/** Options of one run that are not settings. */
export const COMMAND_FLAGS = {
  reload: flag({ flag: 'reload', type: 'boolean', help: 'load every entry even when present (after a factory reset)', commands: LOAD, parse: yesNo }),
  dryRun: flag({ flag: 'dry-run', short: 'n', type: 'boolean', help: 'say what would be loaded, load nothing', commands: LOAD, parse: yesNo }),
  json: flag({ flag: 'json', type: 'boolean', help: 'print one JSON document (and nothing else) on stdout', commands: ['status'], parse: yesNo }),
  timeout: flag({ flag: 'timeout', type: 'string', arg: 'SECONDS', help: `give up after this long (default ${DEFAULT_WAIT_SECONDS})`, commands: ['wait'], parse: seconds({ zeroAllowed: true }) }),
  quiet: flag({ flag: 'quiet', short: 'q', type: 'boolean', help: 'no progress and no info lines: warnings and errors only', commands: ['load', 'status', 'wait', 'pack'], parse: yesNo }),
  config: flag({
    flag: 'config',
    type: 'string',
    arg: 'PATH',
    help: `JSON settings (default ${DEFAULT_CONFIG_FILE}, optional;\nPRELOAD_DAEMON_CONFIG)`,
    commands: ENGINE_COMMANDS,
    parse: text,
  }),
  help: flag({ flag: 'help', short: 'h', type: 'boolean', help: 'this help; `help COMMAND` or `COMMAND --help` for one command', commands: ['load', 'status', 'wait', 'pack'], parse: yesNo }),
  version: flag({ flag: 'version', short: 'V', type: 'boolean', help: "this program's version", commands: [], parse: yesNo }),
};

type SettingSpecs = (typeof SETTINGS)[number];
export type SettingKey = SettingSpecs['key'];
export type Settings = { -readonly [S in SettingSpecs as S['key']]: ReturnType<S['parse']> };
