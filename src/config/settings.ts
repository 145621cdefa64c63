import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { DEFAULT_MAX_DECODER_MEMORY } from '../archive/limits.js';
import { UsageError } from '../errors.js';
import { DEFAULT_LOAD_TIMEOUT_SECONDS, DEFAULT_STALL_TIMEOUT_SECONDS } from '../engine/engine.js';
import { DEFAULT_LIST_ROOT } from '../list/discover.js';
import { POLICIES } from '../list/policy.js';
import { DEFAULT_STATE_FILE } from '../state/state-file.js';
import { LOG_LEVELS } from '../system/log.js';
import { parseSize } from './size.js';

// Settings come from, highest first: command-line flags, PRELOAD_DAEMON_* environment
// variables, the JSON config file, built-in defaults. Each layer is validated on its own
// so an error names where the bad value came from.

export const DEFAULT_CONFIG_FILE = '/etc/preload-daemon/config.json';
/** One image at a time until measurements show parallel loads help (README, "Parallel import"). */
export const DEFAULT_JOBS = 1;

const size = z.union([z.number().int().positive(), z.string()]).transform((value, ctx) => {
  const bytes = typeof value === 'number' ? value : parseSize(value);
  if (bytes === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a size (e.g. 64M, 1G, 8388608)` });
    return z.NEVER;
  }
  return bytes;
});
const seconds = z.coerce.number().nonnegative();

const layerSchema = z
  .object({
    lists: z.array(z.string().min(1)).min(1),
    engine: z.enum(['docker', 'podman', 'auto']),
    socket: z.string().min(1),
    waitEngine: seconds,
    logLevel: z.enum(LOG_LEVELS),
    lockFile: z.string().min(1),
    lockTimeout: seconds,
    maxDecoderMemory: size,
    policy: z.enum(POLICIES),
    stateFile: z.string().min(1),
    deleteAfterLoad: z.union([z.boolean(), z.enum(['true', 'false', 'yes', 'no', '1', '0'])]).transform((v) => v === true || v === 'true' || v === 'yes' || v === '1'),
    jobs: z.coerce.number().int().min(1).max(16),
    stagingDir: z.string().min(1),
    loadTimeout: z.coerce.number().positive(),
    stallTimeout: z.coerce.number().positive(),
  })
  .partial()
  .strict();

export type SettingsLayer = z.input<typeof layerSchema>;
export type Settings = Required<Omit<z.output<typeof layerSchema>, 'socket'>> & { socket: string | undefined };

export function defaultLockFile(env: NodeJS.ProcessEnv = process.env): string {
  if (process.getuid?.() === 0 || !env.XDG_RUNTIME_DIR) return '/run/preload-daemon/lock';
  return `${env.XDG_RUNTIME_DIR}/preload-daemon.lock`;
}

export function defaults(env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    lists: [DEFAULT_LIST_ROOT],
    engine: 'auto',
    socket: undefined,
    waitEngine: 60,
    logLevel: 'info',
    lockFile: defaultLockFile(env),
    lockTimeout: 600,
    maxDecoderMemory: DEFAULT_MAX_DECODER_MEMORY,
    policy: 'missing',
    stateFile: DEFAULT_STATE_FILE,
    deleteAfterLoad: false,
    jobs: DEFAULT_JOBS,
    stagingDir: '/var/tmp',
    loadTimeout: DEFAULT_LOAD_TIMEOUT_SECONDS,
    stallTimeout: DEFAULT_STALL_TIMEOUT_SECONDS,
  };
}

const ENV_NAMES: Record<keyof SettingsLayer, string> = {
  lists: 'PRELOAD_DAEMON_LIST',
  engine: 'PRELOAD_DAEMON_ENGINE',
  socket: 'PRELOAD_DAEMON_SOCKET',
  waitEngine: 'PRELOAD_DAEMON_WAIT_ENGINE',
  logLevel: 'PRELOAD_DAEMON_LOG_LEVEL',
  lockFile: 'PRELOAD_DAEMON_LOCK_FILE',
  lockTimeout: 'PRELOAD_DAEMON_LOCK_TIMEOUT',
  maxDecoderMemory: 'PRELOAD_DAEMON_MAX_DECODER_MEMORY',
  policy: 'PRELOAD_DAEMON_POLICY',
  stateFile: 'PRELOAD_DAEMON_STATE_FILE',
  deleteAfterLoad: 'PRELOAD_DAEMON_DELETE_AFTER_LOAD',
  jobs: 'PRELOAD_DAEMON_JOBS',
  stagingDir: 'PRELOAD_DAEMON_STAGING_DIR',
  loadTimeout: 'PRELOAD_DAEMON_LOAD_TIMEOUT',
  stallTimeout: 'PRELOAD_DAEMON_STALL_TIMEOUT',
};

/** PRELOAD_DAEMON_LIST holds several paths separated by ':' like PATH. */
export function envLayer(env: NodeJS.ProcessEnv): SettingsLayer {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    raw[key] = key === 'lists' ? value.split(':').filter(Boolean) : value;
  }
  return validate(raw, 'environment');
}

export async function fileLayer(file: string, required: boolean): Promise<SettingsLayer> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return {};
    throw new UsageError(`cannot read config file ${file}: ${(error as Error).message}`, 'fix the path given with --config / PRELOAD_DAEMON_CONFIG');
  }
  if (text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON: ${(error as Error).message}`, 'see the README for the config file format');
  }
  return validate(json, file);
}

/** Check one layer; it is kept unconverted (sizes as written) until the layers are merged. */
export function validate(raw: unknown, source: string): SettingsLayer {
  validateParsed(raw, source);
  return raw as SettingsLayer;
}

function validateParsed(raw: unknown, source: string): z.output<typeof layerSchema> {
  const result = layerSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = issue.path.join('.') || '(top level)';
  throw new UsageError(`${source}: ${key}: ${issue.message}`);
}

/** Merge layers (later wins) and produce final, typed settings. */
export function resolveSettings(env: NodeJS.ProcessEnv, ...layers: SettingsLayer[]): Settings {
  const merged: Record<string, unknown> = { ...defaults(env) };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) merged[key] = value;
  }
  const parsed = validateParsed(merged, 'settings');
  return { ...(parsed as Required<typeof parsed>), socket: parsed.socket };
}
