import { parseSize } from './size.js';

// What one command-line option is: its flag, how it reads its value and its help line. A
// setting adds where else it can come from (environment, config file) and its default. The
// parser, the settings layers and the help text are all derived from these records.

/** A value as written: a flag's text, an environment variable's, or a config file's JSON value. */
export type RawValue = string | number | boolean | readonly string[];

export type CommandName = 'load' | 'status' | 'wait' | 'pack';

/** Thrown by a value parser; the caller says where the value came from (flag, variable, file). */
export class InvalidValue extends Error {
  override name = 'InvalidValue';
}

export interface FlagSpec<T = unknown> {
  /** Long flag without the dashes. */
  flag: string;
  short?: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** Placeholder in the help text (PATH, SECONDS). */
  arg?: string;
  /** One help line; more lines with '\n'. */
  help: string;
  /** The commands whose help lists it. */
  commands: readonly CommandName[];
  /** Check and convert; throws InvalidValue("expected …"). */
  parse: (raw: RawValue) => T;
}

export interface SettingSpec<K extends string = string, T = unknown> extends FlagSpec<T> {
  /** Key in the config file and in Settings. */
  key: K;
  env: string;
  default: (env: NodeJS.ProcessEnv) => T;
  /** The default as the help text shows it. */
  defaultText: string;
  /** How the environment variable's text becomes a value (PRELOAD_DAEMON_LIST is split on ':'). */
  fromEnv?: (text: string) => RawValue;
}

export function setting<K extends string, T>(spec: SettingSpec<K, T>): SettingSpec<K, T> {
  return spec;
}

export function flag<T>(spec: FlagSpec<T>): FlagSpec<T> {
  return spec;
}

/** How a value is named in an error: the flag as typed, the variable, or the file and key. */
export function invalidLine(where: string, error: unknown, raw: RawValue): string {
  const got = raw === true ? '' : `, not ${JSON.stringify(raw)}`;
  return `${where}: ${error instanceof Error ? error.message : String(error)}${got}`;
}

// Value parsers.

function list(values: readonly string[]): string {
  return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}` : values.join('');
}

export function oneOf<T extends string>(values: readonly T[]): (raw: RawValue) => T {
  return (raw) => {
    const found = values.find((value) => value === raw);
    if (found === undefined) throw new InvalidValue(`expected one of ${list(values)}`);
    return found;
  };
}

function numberOf(raw: RawValue): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw)) return Number(raw);
  return Number.NaN;
}

export function seconds(options: { zeroAllowed: boolean }): (raw: RawValue) => number {
  return (raw) => {
    const value = numberOf(raw);
    if (!Number.isFinite(value) || value < 0 || (!options.zeroAllowed && value === 0)) {
      throw new InvalidValue(options.zeroAllowed ? 'expected a number of seconds (0 or more)' : 'expected a number of seconds above 0');
    }
    return value;
  };
}

export function wholeNumber(min: number, max: number): (raw: RawValue) => number {
  return (raw) => {
    const value = numberOf(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new InvalidValue(`expected a whole number from ${min} to ${max}`);
    return value;
  };
}

export function size(raw: RawValue): number {
  const bytes = typeof raw === 'number' ? (Number.isSafeInteger(raw) && raw > 0 ? raw : undefined) : typeof raw === 'string' ? parseSize(raw) : undefined;
  if (bytes === undefined) throw new InvalidValue('expected a size (e.g. 64M, 1G, 8388608)');
  return bytes;
}

/** A size, or 0 (`0` turns a reserve off). */
export function sizeOrZero(raw: RawValue): number {
  return raw === 0 || (typeof raw === 'string' && /^\s*0+\s*([kmg]?(i?b)?)?\s*$/i.test(raw)) ? 0 : size(raw);
}

export function text(raw: RawValue): string {
  if (typeof raw !== 'string' || raw === '') throw new InvalidValue('expected a non-empty text');
  return raw;
}

export function texts(raw: RawValue): string[] {
  const items: unknown[] = Array.isArray(raw) ? raw : [];
  const paths = items.filter((item): item is string => typeof item === 'string' && item !== '');
  if (paths.length === 0 || paths.length !== items.length) throw new InvalidValue('expected a list of one or more paths');
  return paths;
}

const TRUE = ['true', 'yes', '1'];
const FALSE = ['false', 'no', '0'];

export function yesNo(raw: RawValue): boolean {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string' && TRUE.includes(raw)) return true;
  if (typeof raw === 'string' && FALSE.includes(raw)) return false;
  throw new InvalidValue('expected true or false (yes/no, 1/0)');
}
