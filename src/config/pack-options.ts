import { COMPRESSIONS, DEFAULT_LEVELS, DEFAULT_PACK_DECODER_MEMORY } from './compression.js';
import { COMMAND_FLAGS, SETTINGS } from './options.js';
import { flag, InvalidValue, oneOf, size, text, wholeNumber, yesNo, type SettingSpec } from './option.js';

// `pack`'s options, built like the daemon's (options.ts) and parsed by the same code.

const PACK = ['pack'] as const;
const byKey = (key: string): SettingSpec => ({ ...SETTINGS.find((spec) => spec.key === key)!, commands: PACK });

export const PACK_OPTIONS = {
  out: flag({ flag: 'out', short: 'o', type: 'string', arg: 'DIR', help: 'output folder (required)', commands: PACK, parse: text }),
  compression: flag({ flag: 'compression', type: 'string', arg: 'KIND', help: 'zstd, xz, gzip or none (default zstd)', commands: PACK, parse: oneOf(COMPRESSIONS) }),
  level: flag({ flag: 'level', type: 'string', arg: 'N', help: `compression level (default zstd ${DEFAULT_LEVELS.zstd}, xz ${DEFAULT_LEVELS.xz}, gzip ${DEFAULT_LEVELS.gzip})`, commands: PACK, parse: wholeNumber(0, 22) }),
  threads: flag({ flag: 'threads', type: 'string', arg: 'N', help: "compression threads (default: all cores; output does not depend on it)", commands: PACK, parse: wholeNumber(1, 1024) }),
  maxDecoderMemory: flag({
    flag: 'max-decoder-memory',
    type: 'string',
    arg: 'SIZE',
    help: `refuse settings whose decoder needs more (default ${DEFAULT_PACK_DECODER_MEMORY / 1048576}M)`,
    commands: PACK,
    parse: size,
  }),
  arch: flag({ flag: 'arch', type: 'string', arg: 'ARCH', help: "platform to take from multi-platform sources (default: this machine's)", commands: PACK, parse: text }),
  variant: flag({ flag: 'variant', type: 'string', arg: 'V', help: 'platform variant (arm: v6, v7, v8)', commands: PACK, parse: text }),
  strict: flag({ flag: 'strict', type: 'boolean', help: 'a docker:// reference without @sha256: digest is an error', commands: PACK, parse: yesNo }),
  socket: flag({
    flag: 'socket',
    type: 'string',
    arg: 'PATH',
    help: 'engine socket for docker-daemon: / podman: (then DOCKER_HOST /\nCONTAINER_HOST, then the usual sockets)',
    commands: PACK,
    parse: text,
  }),
  tmpdir: flag({ flag: 'tmpdir', type: 'string', arg: 'DIR', help: 'where sources are unpacked (default $TMPDIR or /tmp)', commands: PACK, parse: text }),
  logLevel: byKey('logLevel'),
  logFormat: byKey('logFormat'),
  quiet: { ...COMMAND_FLAGS.quiet },
  deb: flag({
    flag: 'deb',
    type: 'string',
    arg: 'NAME',
    help: 'also build NAME_VERSION_all.deb installing /usr/share/preload-daemon/NAME/\n(image.list + images/; Depends: preload-daemon; not recompressed)',
    commands: PACK,
    parse: text,
  }),
  debVersion: flag({ flag: 'deb-version', type: 'string', arg: 'VERSION', help: "the .deb's version (needed with --deb)", commands: PACK, parse: text }),
  debDir: flag({ flag: 'deb-dir', type: 'string', arg: 'DIR', help: 'where the .deb goes (default: the folder containing --out)', commands: PACK, parse: text }),
  maintainer: flag({ flag: 'maintainer', type: 'string', arg: '"NAME <MAIL>"', help: "the .deb's Maintainer (default: $DEBFULLNAME <$DEBEMAIL>)", commands: PACK, parse: text }),
  help: { ...COMMAND_FLAGS.help },
  /** The .deb version's old spelling: it clashed with the program's --version. */
  version: flag({
    flag: 'version',
    type: 'boolean',
    help: '',
    commands: PACK,
    parse: () => {
      throw new InvalidValue("pack's .deb version is now given with --deb-version VERSION (--version is the program's own)");
    },
  }),
};

export const PACK_USAGE = 'preload-daemon pack --out DIR [options] SOURCE[=NAME:TAG]...';

export const PACK_ABOUT = `Turns images into the compressed docker-archives and image.list that a device package ships:
DIR/image.list (entries merged: same name:tag replaced in place) and DIR/images/<file>.

Sources (containers/image transport syntax):
  docker-archive:PATH[:NAME:TAG]   docker save / podman save output (multi-image too)
  oci-archive:PATH[:REF]           OCI archive        oci:DIR[:REF]   OCI image layout
  dir:DIR                          skopeo's dir format
  docker-daemon:NAME:TAG           export from Docker
  podman:NAME:TAG                  export from Podman
  docker://REGISTRY/NAME:TAG[@sha256:DIGEST]   pull with skopeo`;
