import type { CommandName, FlagSpec, SettingSpec } from '../config/option.js';
import { COMMAND_FLAGS, CONFIG_FILE_ENV, SETTINGS } from '../config/options.js';

// Help texts, derived from the option tables: an option's help line is written once.

const WIDTH = 29;
const MAX_LINE = 100;

function isSetting(spec: FlagSpec): spec is SettingSpec {
  return 'env' in spec;
}

/** `  -l, --list PATH            help (default X)`, continuation lines indented under the help. */
export function optionLines(specs: readonly FlagSpec[]): string {
  return specs
    .filter((spec) => spec.help !== '')
    .map((spec) => {
      const name = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.flag}${spec.arg ? ` ${spec.arg}` : ''}`;
      const fallback = isSetting(spec) && spec.defaultText ? `(default ${spec.defaultText})` : '';
      const lines = spec.help.split('\n');
      // The default goes at the end of the last line, or on a line of its own when that is full.
      if (fallback && lines.at(-1)!.length + fallback.length + 1 + WIDTH <= MAX_LINE) lines[lines.length - 1] += ` ${fallback}`;
      else if (fallback) lines.push(fallback);
      const [first, ...more] = lines;
      const head = name.length + 2 < WIDTH ? `  ${name.padEnd(WIDTH - 2)}${first}` : `  ${name}  ${first}`;
      return [head, ...more.map((line) => `${' '.repeat(WIDTH)}${line}`)].join('\n');
    })
    .join('\n');
}

const USAGE: Record<CommandName, string> = {
  load: 'preload-daemon [load] [options]     load missing images from the lists',
  status: 'preload-daemon status [--json] [options]  show every entry; changes nothing',
  wait: 'preload-daemon wait [--timeout SECONDS] NAME:TAG...  wait until these images are present',
  prune: 'preload-daemon prune [--dry-run] [--json] [--keep-list PATH]...  remove unlisted images',
  pack: 'preload-daemon pack --out DIR SOURCE[=NAME:TAG]...  build archives + image.list',
};

const ABOUT: Record<Exclude<CommandName, 'pack'>, string> = {
  load: 'Reads the image.list files and loads every image the engine lacks (per its policy).',
  status: 'Shows every entry: archive, presence, image ID, policy and what the state file remembers.\nExit 0 when every image is present.',
  wait: 'Waits until the engine has every NAME:TAG (exit 0), or gives up after --timeout (exit 1).\nStops at once, with the reason, when this boot\'s load run failed the image and no run is\nloading any more. For ExecStartPre= of an application unit.',
  prune:
    'Removes the names preload-daemon loaded that no list (--list, --keep-list, --slot) names any\nmore, without force: the engine deletes an image with its last name. A name someone moved, an\nimage a container uses or that has a name preload-daemon did not give it stay, one line each.',
};

const EXIT_CODES = `Exit codes: 0 every image present or loaded; 1 some entries failed; 2 usage or config
error; 3 engine unreachable or too old; 4 another run held the lock too long.`;

function daemonOptions(command?: CommandName): FlagSpec[] {
  const specs: FlagSpec[] = [...SETTINGS, ...Object.values(COMMAND_FLAGS)];
  return command === undefined ? specs : specs.filter((spec) => spec.commands.includes(command));
}

function environment(specs: readonly FlagSpec[]): string {
  const names = specs.filter(isSetting).map((spec) => spec.env);
  const words = [...names, CONFIG_FILE_ENV].join(', ');
  const lines: string[] = [];
  let line = 'Environment:';
  for (const word of words.split(' ')) {
    if (line.length + word.length + 1 > 92) {
      lines.push(line);
      line = word;
    } else line = `${line} ${word}`;
  }
  lines.push(line);
  return `${lines.join('\n')}\nFlags win over the environment, which wins over the config file.`;
}

export const HELP = `Usage: ${USAGE.load}
       ${USAGE.status}
       ${USAGE.wait}
       ${USAGE.prune}
       ${USAGE.pack}
       preload-daemon help [COMMAND] | COMMAND --help | --version

Options:
${optionLines(daemonOptions())}

${environment(SETTINGS)}

${EXIT_CODES}
`;

/** `help COMMAND` and `COMMAND --help`: that command's usage and only its options. */
export function commandHelp(command: Exclude<CommandName, 'pack'>): string {
  const specs = daemonOptions(command);
  return `Usage: ${USAGE[command]}

${ABOUT[command]}

Options:
${optionLines(specs)}

${environment(specs)}

${EXIT_CODES}
`;
}
