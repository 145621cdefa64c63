import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { InvalidValue, invalidLine, type RawValue } from './option.js';
import { SETTINGS, type SettingKey, type Settings } from './options.js';

// Settings come from, highest first: command-line flags, PRELOAD_DAEMON_* environment
// variables, the JSON config file, built-in defaults. Each layer is checked on its own so an
// error names where the bad value came from; it is kept as written (sizes as text) until the
// layers are merged.

export { DEFAULT_CONFIG_FILE, DEFAULT_JOBS, defaultLockFile } from './options.js';
export type { Settings } from './options.js';

export type SettingsLayer = { [K in SettingKey]?: RawValue | undefined };

const BY_KEY = new Map<string, (typeof SETTINGS)[number]>(SETTINGS.map((spec) => [spec.key, spec]));

export function defaults(env: NodeJS.ProcessEnv = process.env): Settings {
  return resolveSettings(env);
}

export function envLayer(env: NodeJS.ProcessEnv): SettingsLayer {
  const layer: SettingsLayer = {};
  for (const spec of SETTINGS) {
    const value = env[spec.env];
    if (value === undefined || value === '') continue;
    const raw = spec.fromEnv ? spec.fromEnv(value) : value;
    check(spec.key, raw, spec.env);
    layer[spec.key] = raw;
  }
  return layer;
}

export async function fileLayer(file: string, required: boolean): Promise<SettingsLayer> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return {};
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`, { hint: 'fix the path given with --config / PRELOAD_DAEMON_CONFIG', cause: error });
  }
  if (content.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON: ${(error as Error).message}`, { hint: 'see preload-daemon(1), FILES, for the config file format', cause: error });
  }
  return validate(json, file);
}

/** Check a config file's object: known keys, valid values. */
export function validate(raw: unknown, source: string): SettingsLayer {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${source}: (top level): expected a JSON object of settings`);
  const layer: SettingsLayer = {};
  for (const [key, value] of Object.entries(raw)) {
    const spec = BY_KEY.get(key);
    if (!spec) throw new ConfigError(`${source}: ${key}: not a setting (settings: ${SETTINGS.map((s) => s.key).join(', ')})`);
    if (!isRaw(value)) throw new ConfigError(`${source}: ${key}: expected a text, number, true/false or a list of texts`);
    check(spec.key, value, `${source}: ${key}`);
    layer[spec.key] = value;
  }
  return layer;
}

function isRaw(value: unknown): value is RawValue {
  return ['string', 'number', 'boolean'].includes(typeof value) || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

/** Validate one value; `where` is how the user wrote it (flag, variable, file and key). */
export function check(key: SettingKey, raw: RawValue, where: string): void {
  try {
    BY_KEY.get(key)!.parse(raw);
  } catch (error) {
    if (!(error instanceof InvalidValue)) throw error;
    throw new ConfigError(invalidLine(where, error, raw));
  }
}

/** Merge layers (later wins) over the defaults and convert each value. */
export function resolveSettings(env: NodeJS.ProcessEnv, ...layers: SettingsLayer[]): Settings {
  const settings: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    const raw = layers.reduce<RawValue | undefined>((found, layer) => layer[spec.key] ?? found, undefined);
    try {
      settings[spec.key] = raw === undefined ? spec.default(env) : spec.parse(raw);
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      throw new ConfigError(invalidLine(`settings: ${spec.key}`, error, raw!));
    }
  }
  // Each key was filled by its own spec's parse(), which is what Settings is derived from.
  return settings as Settings;
}
