#!/usr/bin/env node
import type { CommandName } from '../config/option.js';
import { ExitCode } from '../errors.js';
import type { Logger, LogLevel } from '../system/log.js';
import { parseCli, type CliArgs } from './args.js';
import { commandHelp, HELP } from './help.js';

/** Status is interactive: when the engine is down, say so after a few seconds, not a minute. */
const STATUS_WAIT_SECONDS = 5;

/**
 * After the first SIGTERM/SIGINT everything in flight is aborted and a run ends in well under
 * a second; whatever still holds it then (a file system that does not answer) gets this long
 * before the process exits anyway, far inside systemd's stop timeout (90 s by default), so a
 * stop never ends in SIGKILL.
 */
const STOP_GRACE_MS = 5_000;

/** The logger of this run, once settings chose its level and format; fail() uses it too. */
let log: Logger | undefined;
/** Armed by the first signal; unref'd once main() is over. */
let stopDeadline: NodeJS.Timeout | undefined;
/** Aborted by the first signal: fail() names it (`interrupted (SIGTERM)`). */
let stopping: AbortSignal | undefined;

async function main(argv: readonly string[]): Promise<ExitCode> {
  // The build-time command and its libraries are loaded only when asked for.
  if (argv[0] === 'pack') return packMain(argv.slice(1));
  const args = parseCli(argv);
  if (args.command === 'help') return print(await helpText(args.helpTopic));
  if (args.command === 'version') return print(version());
  // Everything else is loaded once it is known to be needed: --help and --version stay instant.
  const { DEFAULT_CONFIG_FILE, envLayer, fileLayer, resolveSettings } = await import('../config/settings.js');
  const { createLogger } = await import('../system/log.js');
  const configFile = args.config ?? process.env.PRELOAD_DAEMON_CONFIG;
  const fileSettings = await fileLayer(configFile ?? DEFAULT_CONFIG_FILE, configFile !== undefined);
  const statusWait = args.command === 'status' && !args.waitGiven && !process.env.PRELOAD_DAEMON_WAIT_ENGINE ? { waitEngine: STATUS_WAIT_SECONDS } : {};
  const settings = resolveSettings(process.env, fileSettings, envLayer(process.env), statusWait, args.flags);
  log = createLogger(quieter(settings.logLevel, args), { format: settings.logFormat });
  const run = log;
  const controller = stopOnSignals(run);
  if (args.command === 'status') return (await import('../commands/status.js')).runStatus({ settings, json: args.json, log: run, print, signal: controller.signal });
  if (args.command === 'wait') {
    const [{ runWait }, { DEFAULT_WAIT_SECONDS }] = await Promise.all([import('../commands/wait.js'), import('../config/options.js')]);
    return runWait(settings, args.images, args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS, run, controller.signal);
  }
  const [{ runLoad }, { createNotifier }, { progressOnTerminal }] = await Promise.all([
    import('../commands/load.js'),
    import('../system/notify.js'),
    import('../system/progress.js'),
  ]);
  return runLoad({
    settings,
    reload: args.reload,
    dryRun: args.dryRun,
    log: run,
    notifier: createNotifier(run),
    signal: controller.signal,
    print,
    progress: args.quiet ? undefined : progressOnTerminal(),
  });
}

/**
 * The first SIGTERM or SIGINT aborts everything in flight (list reading, engine requests, the
 * lock wait, decoder children); a second one, or the grace time running out, exits at once.
 */
function stopOnSignals(run: Logger): AbortController {
  const controller = new AbortController();
  stopping = controller.signal;
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      run.error(`${signal} received again: exiting at once; the next run loads what is left`);
      process.exit(ExitCode.entriesFailed);
    }
    run.warn(`${signal} received: stopping (a second ${signal} exits at once)`);
    controller.abort(signal);
    stopDeadline = setTimeout(() => {
      run.error(`still stopping ${STOP_GRACE_MS / 1000} s after ${signal}: exiting now; the next run loads what is left`);
      process.exit(ExitCode.entriesFailed);
    }, STOP_GRACE_MS);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return controller;
}

async function packMain(argv: readonly string[]): Promise<ExitCode> {
  const { parsePackCli } = await import('./pack-args.js');
  const args = parsePackCli(argv);
  if (args.help) return print(await helpText('pack'));
  const [{ runPack }, { createLogger }] = await Promise.all([import('../commands/pack.js'), import('../system/log.js')]);
  log = createLogger(quieter(args.logLevel, args), { format: args.logFormat });
  return runPack(args, log, print);
}

/** -q: warnings and errors only (a level already quieter stays). */
function quieter(level: LogLevel, args: Pick<CliArgs, 'quiet'>): LogLevel {
  return args.quiet && ['info', 'debug', 'trace'].includes(level) ? 'warn' : level;
}

async function helpText(topic: CommandName | undefined): Promise<string> {
  if (topic === 'pack') return (await import('./pack-help.js')).PACK_HELP.trimEnd();
  return (topic === undefined ? HELP : commandHelp(topic)).trimEnd();
}

function print(text: string): ExitCode {
  process.stdout.write(`${text}\n`);
  return ExitCode.ok;
}

// Written in by the bundler (scripts/bundle.sh, from package.json): nothing is read at run time.
declare const PRELOAD_DAEMON_VERSION: string;
function version(): string {
  return `preload-daemon ${PRELOAD_DAEMON_VERSION}`;
}

/**
 * Errors that end the whole run: a usage or config error is one plain line on stderr (exit 2)
 * whatever stderr is; anything else goes through the log (journald priority), with its own exit code.
 */
async function fail(error: unknown): Promise<ExitCode> {
  const { classifyError } = await import('../classify-error.js');
  const failure = classifyError(error, {}, stopping);
  if (failure.code === 'usage' || failure.code === 'config') {
    process.stderr.write(`preload-daemon: ${failure.line}\n`);
    return failure.exitCode;
  }
  log ??= (await import('../system/log.js')).createLogger('info');
  const cause = failure.cause;
  log.fatal({ code: failure.code }, failure.code === 'internal' && cause instanceof Error ? `unexpected error: ${cause.stack ?? cause.message}` : failure.line);
  return failure.exitCode;
}

main(process.argv.slice(2))
  .then(
    (code) => (process.exitCode = code),
    async (error) => (process.exitCode = await fail(error)),
  )
  // Not cleared: should anything still hold the process after a signal, the deadline ends it.
  .finally(() => stopDeadline?.unref());
