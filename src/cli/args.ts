import type { CommandName, FlagSpec } from '../config/option.js';
import { COMMAND_FLAGS, SETTINGS } from '../config/options.js';
import type { SettingsLayer } from '../config/settings.js';
import { UsageError } from '../errors.js';
import { parseFlags } from './parse-flags.js';

export { HELP } from './help.js';

export type Command = Exclude<CommandName, 'pack'> | 'help' | 'version';

export interface CliArgs {
  command: Command;
  /** help: the command asked about (`help pack`, `status --help`). */
  helpTopic: CommandName | undefined;
  reload: boolean;
  dryRun: boolean;
  json: boolean;
  quiet: boolean;
  config: string | undefined;
  /** Settings given as flags, the highest layer. */
  flags: SettingsLayer;
  /** wait: the images to wait for, and for how long. */
  images: string[];
  timeoutSeconds: number | undefined;
  /** load --slot: the next release's root filesystem, mounted here. */
  slot: string | undefined;
  /** prune: other lists whose names stay. */
  keepLists: string[];
}

const COMMANDS: readonly Command[] = ['load', 'status', 'wait', 'prune', 'help', 'version'];
const TOPICS: readonly CommandName[] = ['load', 'status', 'wait', 'prune', 'pack'];
const SPECS: readonly FlagSpec[] = [...SETTINGS, ...Object.values(COMMAND_FLAGS)];

/** The command line of load, status, wait, prune, help and version (pack has its own, pack-args.ts). */
export function parseCli(argv: readonly string[]): CliArgs {
  const { values, positionals } = parseFlags(argv, SPECS);
  const given = (spec: FlagSpec) => values.get(spec.flag);
  const named = positionals[0];
  const asked = COMMANDS.find((command) => command === (named ?? 'load'));
  if (asked === undefined) throw new UsageError(`unknown command "${named}" (commands: load, status, wait, prune, pack, help, version)`);
  if (named === 'help' && positionals[1] !== undefined && topicOf(positionals[1]) === undefined) {
    throw new UsageError(`help: unknown command "${positionals[1]}" (commands: ${TOPICS.join(', ')})`);
  }
  if (positionals.length > (named === 'help' ? 2 : 1) && named !== 'wait') throw new UsageError(`unexpected argument "${positionals.at(-1)}"`);
  const command: Command = given(COMMAND_FLAGS.help) ? 'help' : given(COMMAND_FLAGS.version) ? 'version' : asked;
  if (command !== 'help' && command !== 'version') checkCommandFlags(command, values);
  if (given(COMMAND_FLAGS.slot) !== undefined && given(COMMAND_FLAGS.reload) === true) throw new UsageError('--reload cannot go with --slot: a staged load never replaces an image the running release has');
  if (command === 'wait' && positionals.length < 2) throw new UsageError('wait needs at least one NAME:TAG');
  const timeout = given(COMMAND_FLAGS.timeout);
  const flags: SettingsLayer = {};
  for (const spec of SETTINGS) flags[spec.key] = given(spec);
  return {
    command,
    helpTopic: command === 'help' ? topicOf(named === 'help' ? positionals[1] : named) : undefined,
    reload: given(COMMAND_FLAGS.reload) === true,
    dryRun: given(COMMAND_FLAGS.dryRun) === true,
    json: given(COMMAND_FLAGS.json) === true,
    quiet: given(COMMAND_FLAGS.quiet) === true,
    config: typeof given(COMMAND_FLAGS.config) === 'string' ? String(given(COMMAND_FLAGS.config)) : undefined,
    flags,
    images: command === 'wait' ? positionals.slice(1) : [],
    timeoutSeconds: timeout === undefined ? undefined : COMMAND_FLAGS.timeout.parse(timeout),
    slot: typeof given(COMMAND_FLAGS.slot) === 'string' ? String(given(COMMAND_FLAGS.slot)) : undefined,
    keepLists: given(COMMAND_FLAGS.keepList) === undefined ? [] : COMMAND_FLAGS.keepList.parse(given(COMMAND_FLAGS.keepList)!),
  };
}

function topicOf(word: string | undefined): CommandName | undefined {
  return TOPICS.find((topic) => topic === word);
}

/** A flag that belongs to other commands: `--reload and --dry-run go with the load command`. */
function checkCommandFlags(command: Exclude<CommandName, 'pack'>, values: ReadonlyMap<string, unknown>): void {
  for (const spec of Object.values(COMMAND_FLAGS)) {
    if (!values.has(spec.flag) || spec.commands.includes(command)) continue;
    const group = Object.values(COMMAND_FLAGS).filter((other) => other.commands.join() === spec.commands.join());
    const names = group.map((other) => `--${other.flag}`);
    const owners = spec.commands.filter((c) => c !== 'pack').join(' or ');
    throw new UsageError(`${names.join(' and ')} ${names.length > 1 ? 'go' : 'goes'} with the ${owners} command`);
  }
}
