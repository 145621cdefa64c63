import { parseArgs } from 'node:util';
import { InvalidValue, invalidLine, type FlagSpec, type RawValue } from '../config/option.js';
import { UsageError } from '../errors.js';

export interface ParsedFlags {
  /** Values by long flag name, as written; each already checked by its spec. */
  values: Map<string, RawValue>;
  /** How each given flag was typed (`-j` or `--jobs`), for messages. */
  typed: Map<string, string>;
  positionals: string[];
}

/** Parse ARGV against option records; a bad flag or value is one UsageError naming the flag as typed. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], hint?: string): ParsedFlags {
  const options = Object.fromEntries(
    specs.map((spec) => [spec.flag, { type: spec.type, multiple: spec.multiple ?? false, ...(spec.short === undefined ? {} : { short: spec.short }) }]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!, { hint, cause: error });
  }
  const typed = new Map<string, string>();
  for (const token of parsed.tokens) if (token.kind === 'option') typed.set(token.name, token.rawName);
  const values = new Map<string, RawValue>();
  for (const spec of specs) {
    const value = parsed.values[spec.flag];
    if (value === undefined) continue;
    const raw: RawValue = Array.isArray(value) ? value.map(String) : value;
    const where = typed.get(spec.flag) ?? `--${spec.flag}`;
    try {
      spec.parse(raw);
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      throw new UsageError(invalidLine(where, error, raw), { hint });
    }
    values.set(spec.flag, raw);
  }
  return { values, typed, positionals: parsed.positionals };
}
