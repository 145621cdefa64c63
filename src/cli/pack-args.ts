import { tmpdir } from 'node:os';
import path from 'node:path';
import { PACK_OPTIONS } from '../config/pack-options.js';
import type { FlagSpec } from '../config/option.js';
import { envLayer, resolveSettings } from '../config/settings.js';
import type { Compression } from '../pack/compress.js';
import { DEFAULT_PACK_DECODER_MEMORY } from '../pack/compress.js';
import { UsageError } from '../errors.js';
import type { LogFormat, LogLevel } from '../system/log.js';
import { parseFlags } from './parse-flags.js';

export interface PackArgs {
  help: boolean;
  specs: string[];
  outDir: string;
  compression: Compression;
  level: number | undefined;
  threads: number | undefined;
  maxDecoderMemory: number;
  arch: string | undefined;
  variant: string | undefined;
  strict: boolean;
  socket: string | undefined;
  /** Absolute, so paths read from inside unpacked archives compare against it. */
  tmpRoot: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
  quiet: boolean;
  deb: { name: string; version: string; debDir: string; maintainer: string } | undefined;
}

const HINT = 'See `preload-daemon pack --help`';

export function parsePackCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): PackArgs {
  const { values, positionals } = parseFlags(argv, Object.values(PACK_OPTIONS), HINT);
  const o = PACK_OPTIONS;
  const get = <T>(spec: FlagSpec<T>): T | undefined => {
    const raw = values.get(spec.flag);
    return raw === undefined ? undefined : spec.parse(raw);
  };
  const help = get(o.help) === true;
  const out = get(o.out);
  if (!help && out === undefined) throw new UsageError('pack needs --out DIR', { hint: HINT });
  if (!help && positionals.length === 0) throw new UsageError('pack needs at least one SOURCE', { hint: HINT });
  const deb = get(o.deb);
  const debVersion = get(o.debVersion);
  if (deb !== undefined && debVersion === undefined) throw new UsageError('--deb needs --deb-version VERSION', { hint: HINT });
  const outDir = path.resolve(out ?? '.');
  // Logging follows the daemon's environment variables too (PRELOAD_DAEMON_LOG_FORMAT=json).
  const logSpecs = [o.logLevel, o.logFormat];
  const fromEnv = envLayer(Object.fromEntries(logSpecs.map((spec) => [spec.env, env[spec.env]])));
  const logging = resolveSettings(env, fromEnv, { logLevel: values.get(o.logLevel.flag), logFormat: values.get(o.logFormat.flag) });
  return {
    help,
    specs: positionals,
    outDir,
    compression: get(o.compression) ?? 'zstd',
    level: get(o.level),
    threads: get(o.threads),
    maxDecoderMemory: get(o.maxDecoderMemory) ?? DEFAULT_PACK_DECODER_MEMORY,
    arch: get(o.arch),
    variant: get(o.variant),
    strict: get(o.strict) === true,
    socket: get(o.socket),
    tmpRoot: path.resolve(get(o.tmpdir) ?? env.TMPDIR ?? tmpdir()),
    logLevel: logging.logLevel,
    logFormat: logging.logFormat,
    quiet: get(o.quiet) === true,
    deb:
      deb === undefined
        ? undefined
        : { name: deb, version: debVersion!, debDir: path.resolve(get(o.debDir) ?? path.dirname(outDir)), maintainer: get(o.maintainer) ?? defaultMaintainer(env) },
  };
}

/** Like dch: DEBFULLNAME and DEBEMAIL when set. */
function defaultMaintainer(env: NodeJS.ProcessEnv): string {
  const { DEBFULLNAME, DEBEMAIL } = env;
  return DEBEMAIL ? `${DEBFULLNAME ?? 'Image Builder'} <${DEBEMAIL}>` : 'Image Builder <image-builder@example.org>';
}
