// Run the built daemon (the bundle, dist/preload-daemon.cjs: what the package ships) as a child process, the way systemd would,
// and collect what a test needs: exit status, output, parsed JSON logs, exact peak RSS.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { repoRoot } from './paths.js';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stderr lines that parse as JSON objects (--log-format json) */
  logs: LogLine[];
  /** peak RSS of the daemon's process tree in KiB (node's getrusage peak plus its decoder child's VmHWM, see report-rss), null if it did not exit normally */
  peakRssKb: number | null;
  durationMs: number;
}

export interface LogLine {
  level?: number;
  msg?: string;
  [key: string]: unknown;
}

export interface RunCliOptions {
  env?: NodeJS.ProcessEnv;
  /** default 120 s; on timeout the child is SIGKILLed and runCli rejects */
  timeoutMs?: number;
  /** Run node through this command first (e.g. a shell that joins a cgroup, then execs "$@"). */
  prefix?: string[];
  /**
   * Run the daemon without the coverage that `npm test` collects (NODE_V8_COVERAGE): for runs
   * that measure memory, since V8's counters and their report are not part of what ships.
   */
  withoutCoverage?: boolean;
}

/**
 * The memory budget of the daemon's process tree (node plus its decoder program): 80 MB, flat
 * whatever the image size. The tests fail above 85 MB: the 5 MB above the budget are headroom
 * for run-to-run noise, since the highest peaks measured for 1 GiB loads are 81 MB (Debian 12's
 * and 13's nodejs, xz; 77 MB with Node 20 from nodejs.org).
 */
export const MEMORY_BUDGET_MB = 80;
export const RSS_BOUND_MB = 85;

export const ERROR_LEVEL = 50;

/**
 * The bundle `npm run build` makes (dist/preload-daemon.cjs), the file the package ships, so the
 * tests run what the device runs; PRELOAD_TEST_CLI overrides it (e.g. the installed
 * /usr/lib/preload-daemon/preload-daemon.cjs).
 */
export function cliPath(): string {
  return process.env.PRELOAD_TEST_CLI ?? join(repoRoot(), 'dist', 'preload-daemon.cjs');
}

function rssHookUrl(): string {
  // Compiled next to this file (dist-test/test/helpers/report-rss.js).
  return new URL('./report-rss.js', import.meta.url).href;
}

export function parseLogs(stderr: string): LogLine[] {
  const logs: LogLine[] = [];
  for (const line of stderr.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) logs.push(parsed as LogLine);
    } catch {
      /* not JSON */
    }
  }
  return logs;
}

/** A daemon started by spawnCli(). */
export interface SpawnedCli {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** stderr so far */
  stderr(): string;
  /** the timeout in force: after it the child is SIGKILLed */
  timeoutMs: number;
  /** Once the process has closed (rejects only if it could not be spawned); its dir is gone by then. */
  ended: Promise<{ result: CliResult; timedOut: boolean }>;
}

/**
 * Start the built daemon with ARGS, the way systemd would: its cwd a fresh dir that also holds
 * the RSS file and an empty config, in a clean env, SIGKILLed after the timeout. WHO names the
 * caller in errors.
 */
export function spawnCli(who: string, args: string[], opts: RunCliOptions = {}): SpawnedCli {
  const main = cliPath();
  if (!existsSync(main)) throw new Error(`${who}: ${main} does not exist; run \`npm run build\` first`);
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const tmp = mkdtempSync('/tmp/pd-cli-');
  const rssFile = join(tmp, 'rss');
  // An empty private config, so the system's /etc/preload-daemon/config.json never leaks in
  // (an explicitly named config file that does not exist is a usage error, exit 2).
  const configFile = join(tmp, 'config.json');
  writeFileSync(configFile, '{}\n');
  const env: NodeJS.ProcessEnv = {
    // What /usr/bin/preload-daemon sets (debian/preload-daemon.sh): one malloc arena.
    MALLOC_ARENA_MAX: '1',
    ...process.env,
    PRELOAD_DAEMON_CONFIG: configFile,
    // The tests read the logs as JSON lines (level, msg and fields); a test may ask for another format.
    PRELOAD_DAEMON_LOG_FORMAT: 'json',
    ...opts.env,
    PRELOAD_TEST_RSS_FILE: rssFile,
  };
  // Keep the harness's own environment from leaking into the daemon.
  delete env.DOCKER_HOST;
  delete env.CONTAINER_HOST;
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;
  if (opts.withoutCoverage) delete env.NODE_V8_COVERAGE;

  const started = process.hrtime.bigint();
  const command = [...(opts.prefix ?? []), process.execPath, '--import', rssHookUrl(), main, ...args];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: tmp, // the daemon must not depend on the working directory
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const cleanUp = () => {
    clearTimeout(timer);
    rmSync(tmp, { recursive: true, force: true });
  };

  const ended = new Promise<{ result: CliResult; timedOut: boolean }>((resolve, reject) => {
    child.once('error', (error) => {
      cleanUp();
      reject(error);
    });
    child.once('close', (code, signal) => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim()) : NaN;
      cleanUp();
      resolve({
        result: { code, signal, stdout, stderr, logs: parseLogs(stderr), peakRssKb: Number.isFinite(rss) ? rss : null, durationMs },
        timedOut,
      });
    });
  });
  return { child, stderr: () => stderr, timeoutMs, ended };
}

export async function runCli(args: string[], opts: RunCliOptions = {}): Promise<CliResult> {
  const { timeoutMs, ended } = spawnCli('runCli', args, opts);
  const { result, timedOut } = await ended;
  if (timedOut) {
    throw new Error(
      `runCli: ${args.join(' ')} timed out after ${timeoutMs} ms and was killed\n` +
        `stdout:\n${result.stdout.slice(-4000)}\nstderr:\n${result.stderr.slice(-4000)}`,
    );
  }
  return result;
}

/** A compact description of a run for assertion messages. */
export function describeRun(r: CliResult): string {
  return `exit ${r.code} (signal ${r.signal}) in ${Math.round(r.durationMs)} ms\nstdout:\n${r.stdout.slice(-3000)}\nstderr:\n${r.stderr.slice(-6000)}`;
}
