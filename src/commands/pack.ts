import type { PackArgs } from '../cli/pack-args.js';
import { ExitCode } from '../errors.js';
import { defaultThreads } from '../pack/compress.js';
import { buildImageDeb, checkDebRequest } from '../pack/deb.js';
import { pack } from '../pack/pack.js';
import { hostPlatform } from '../pack/platform.js';
import type { Logger } from '../system/log.js';
import { progressOnTerminal } from '../system/progress.js';

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
    bundle: args.bundle,
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
