import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseSize } from '../config/size.js';
import { ExitCode, UsageError } from '../errors.js';
import { COMPRESSIONS, DEFAULT_PACK_DECODER_MEMORY, defaultThreads, type Compression } from '../pack/compress.js';
import { buildImageDeb, checkDebRequest } from '../pack/deb.js';
import { pack } from '../pack/pack.js';
import { hostPlatform } from '../pack/platform.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../system/log.js';

export const PACK_HELP = `Usage: preload-daemon pack --out DIR [options] SOURCE[=NAME:TAG]...

Turns images into the compressed docker-archives and image.list that a device package ships:
DIR/image.list (entries merged: same name:tag replaced in place) and DIR/images/<file>.

Sources (containers/image transport syntax):
  docker-archive:PATH[:NAME:TAG]   docker save / podman save output (multi-image too)
  oci-archive:PATH[:REF]           OCI archive        oci:DIR[:REF]   OCI image layout
  dir:DIR                          skopeo's dir format
  docker-daemon:NAME:TAG           export from Docker (--socket, default /run/docker.sock)
  podman:NAME:TAG                  export from Podman (--socket, default /run/podman/podman.sock)
  docker://REGISTRY/NAME:TAG[@sha256:DIGEST]   pull with skopeo

Options:
  --out DIR                   output folder (required)
  --compression KIND          zstd, xz, gzip or none (default zstd)
  --level N                   compression level (default zstd 19, xz 6, gzip 9)
  --threads N                 compression threads (default: all cores; output does not depend on it)
  --max-decoder-memory SIZE   refuse settings whose decoder needs more (default 8M)
  --arch ARCH, --variant V    platform to take from multi-platform sources (default: this machine's)
  --strict                    a docker:// reference without @sha256: digest is an error
  --socket PATH               engine socket for docker-daemon: / podman:
  --tmpdir DIR                where sources are unpacked (default $TMPDIR or /tmp)
  --log-level LEVEL           (default info)
  --deb NAME --version V      also build NAME_V_all.deb installing /usr/share/preload-daemon/NAME/
                              (image.list + images/; Depends: preload-daemon; not recompressed)
  --deb-dir DIR               where the .deb goes (default: the folder containing --out)
  --maintainer "NAME <MAIL>"  the .deb's Maintainer (default: $DEBFULLNAME <$DEBEMAIL>)
`;

export async function packCommand(argv: readonly string[]): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        compression: { type: 'string' },
        level: { type: 'string' },
        threads: { type: 'string' },
        'max-decoder-memory': { type: 'string' },
        arch: { type: 'string' },
        variant: { type: 'string' },
        strict: { type: 'boolean' },
        deb: { type: 'string' },
        version: { type: 'string' },
        'deb-dir': { type: 'string' },
        maintainer: { type: 'string' },
        socket: { type: 'string' },
        tmpdir: { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!, 'See `preload-daemon pack --help`');
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(PACK_HELP);
    return ExitCode.ok;
  }
  if (!values.out) throw new UsageError('pack needs --out DIR', 'See `preload-daemon pack --help`');
  if (positionals.length === 0) throw new UsageError('pack needs at least one SOURCE', 'See `preload-daemon pack --help`');
  const compression = (values.compression ?? 'zstd') as Compression;
  if (!COMPRESSIONS.includes(compression)) throw new UsageError(`--compression ${compression}: expected ${COMPRESSIONS.join(', ')}`);
  const logLevel = (values['log-level'] ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new UsageError(`--log-level ${logLevel}: expected ${LOG_LEVELS.join(', ')}`);
  const maxDecoderMemory = values['max-decoder-memory'] === undefined ? DEFAULT_PACK_DECODER_MEMORY : parseSize(values['max-decoder-memory']);
  if (maxDecoderMemory === undefined) throw new UsageError(`--max-decoder-memory ${values['max-decoder-memory']}: not a size (e.g. 8M)`);
  if (values.deb !== undefined) checkDebRequest(values.deb, values.version);
  const host = hostPlatform();
  // Absolute, so paths read from inside unpacked archives compare against it.
  const tmpRoot = path.resolve(values.tmpdir ?? process.env.TMPDIR ?? tmpdir());
  const log = await createLogger(logLevel);
  const result = await pack({
    specs: positionals,
    outDir: path.resolve(values.out),
    compression: {
      compression,
      level: wholeNumber(values.level, '--level'),
      threads: wholeNumber(values.threads, '--threads') ?? defaultThreads(),
      maxDecoderMemory,
    },
    platform: { architecture: values.arch ?? host.architecture, variant: values.variant ?? (values.arch ? undefined : host.variant) },
    socket: values.socket,
    strict: values.strict ?? false,
    tmpRoot,
    log,
  });
  for (const image of result.packed) process.stdout.write(`${image.file} ${image.names.join(',')} ${image.imageId}\n`);
  if (result.failed > 0) return ExitCode.entriesFailed;
  if (values.deb !== undefined) {
    const outDir = path.resolve(values.out);
    const debPath = await buildImageDeb({
      name: values.deb,
      version: values.version!,
      outDir,
      debDir: path.resolve(values['deb-dir'] ?? path.dirname(outDir)),
      maintainer: values.maintainer ?? defaultMaintainer(),
      tmpRoot,
    });
    log.info({ deb: debPath }, `built ${debPath}`);
    process.stdout.write(`${debPath}\n`);
  }
  return ExitCode.ok;
}

/** Like dch: DEBFULLNAME and DEBEMAIL when set. */
function defaultMaintainer(): string {
  const { DEBFULLNAME, DEBEMAIL } = process.env;
  return DEBEMAIL ? `${DEBFULLNAME ?? 'Image Builder'} <${DEBEMAIL}>` : 'Image Builder <image-builder@example.org>';
}

function wholeNumber(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} ${text}: expected a whole number`);
  return Number(text);
}
