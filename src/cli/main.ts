#!/usr/bin/env node
import { ExitCode, PreloadError, messageOf } from '../errors.js';
import type { Logger } from '../system/log.js';
import { HELP, parseCli } from './args.js';

/** Status is interactive: when the engine is down, say so after a few seconds, not a minute. */
const STATUS_WAIT_SECONDS = 5;

async function main(argv: readonly string[]): Promise<ExitCode> {
  // The build-time command and its libraries are loaded only when asked for.
  if (argv[0] === 'pack') return (await import('./pack-command.js')).packCommand(argv.slice(1));
  const args = parseCli(argv);
  if (args.command === 'help') return print(HELP.trimEnd());
  if (args.command === 'version') return print(version());
  // Everything else is loaded once it is known to be needed: --help and --version stay instant.
  const { DEFAULT_CONFIG_FILE, envLayer, fileLayer, resolveSettings, validate } = await import('../config/settings.js');
  const { createLogger } = await import('../system/log.js');
  const configFile = args.config ?? process.env.PRELOAD_DAEMON_CONFIG;
  const fileSettings = await fileLayer(configFile ?? DEFAULT_CONFIG_FILE, configFile !== undefined);
  const statusWait = args.command === 'status' && !args.waitGiven && !process.env.PRELOAD_DAEMON_WAIT_ENGINE ? { waitEngine: STATUS_WAIT_SECONDS } : {};
  const settings = resolveSettings(process.env, fileSettings, envLayer(process.env), statusWait, validate(args.flags, 'command line'));
  const log = await createLogger(settings.logLevel);
  if (args.command === 'status') return (await import('../status/status.js')).runStatus({ settings, json: args.json, log, print });
  const controller = new AbortController();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.warn(`${signal} received: stopping`);
      controller.abort(signal);
    });
  }
  if (args.command === 'wait') {
    const { DEFAULT_WAIT_SECONDS, runWait } = await import('../loader/wait.js');
    return runWait(settings, args.images, args.timeoutSeconds ?? DEFAULT_WAIT_SECONDS, log, controller.signal);
  }
  const [{ runLoad }, { createNotifier }] = await Promise.all([import('../loader/run.js'), import('../system/notify.js')]);
  return runLoad({ settings, reload: args.reload, dryRun: args.dryRun, log, notifier: createNotifier(log), signal: controller.signal, print });
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

/** Errors that end the whole run are one line on stderr (journald) with their own exit code. */
async function fail(error: unknown): Promise<ExitCode> {
  if (error instanceof PreloadError) {
    await reportFatal(error.line);
    return error.exitCode;
  }
  await reportFatal(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : messageOf(error)}`);
  return ExitCode.entriesFailed;
}

let fatalLogger: Logger | undefined;
async function reportFatal(line: string): Promise<void> {
  fatalLogger ??= await (await import('../system/log.js')).createLogger('info');
  fatalLogger.fatal(line);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  async (error) => (process.exitCode = await fail(error)),
);
