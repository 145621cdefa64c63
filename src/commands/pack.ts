import type { Compression } from '../config/compression.js';
import { ExitCode } from '../errors.js';
import { defaultThreads } from '../pack/compress.js';
import { buildImageDeb, checkDebRequest } from '../pack/deb.js';
import { pack } from '../pack/pack.js';
import { hostPlatform } from '../pack/platform.js';
import type { Logger, LogFormat, LogLevel } from '../system/log.js';
import { progressOnTerminal } from '../system/progress.js';

/** What `pack` is asked to do, as its command line (cli/pack-args.ts) says it. */
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

/** `pack`: archives + image.list under --out, then the .deb when asked; one stdout line per archive. */
export async function runPack(args: PackArgs, log: Logger, print: (line: string) => void): Promise<ExitCode> {
  if (args.deb !== undefined) checkDebRequest(args.deb.name, args.deb.version);
  const host = hostPlatform();
  const result = await pack({
    specs: args.specs,
    outDir: args.outDir,
    compression: { compression: args.compression, level: args.level, threads: args.threads ?? defaultThreads(), maxDecoderMemory: args.maxDecoderMemory },
    platform: { architecture: args.arch ?? host.architecture, variant: args.variant ?? (args.arch ? undefined : host.variant) },
    socket: args.socket,
    strict: args.strict,
    tmpRoot: args.tmpRoot,
    log,
    progress: args.quiet ? undefined : progressOnTerminal(),
  });
  for (const image of result.packed) print(`${image.file} ${image.names.join(',')} ${image.imageId}`);
  if (result.failed > 0) return ExitCode.entriesFailed;
  if (args.deb !== undefined) {
    const debPath = await buildImageDeb({ ...args.deb, outDir: args.outDir, tmpRoot: args.tmpRoot });
    log.info({ deb: debPath }, `built ${debPath}`);
    print(debPath);
  }
  return ExitCode.ok;
}
