// Run the built daemon (dist/cli/main.js) as a child process, the way systemd would,
// and collect what a test needs: exit status, output, parsed JSON logs, exact peak RSS.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stderr lines that parse as JSON objects (pino logs) */
  logs: LogLine[];
  /** exact peak RSS of the daemon's node process in KiB (getrusage), null if it did not exit normally */
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
}

export const ERROR_LEVEL = 50;

/** dist/cli/main.js of this repo; PRELOAD_TEST_CLI overrides it (e.g. to test another build). */
export function cliPath(): string {
  return process.env.PRELOAD_TEST_CLI ?? join(repoRoot(), 'dist', 'cli', 'main.js');
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

export async function runCli(args: string[], opts: RunCliOptions = {}): Promise<CliResult> {
  const main = cliPath();
  if (!existsSync(main)) throw new Error(`runCli: ${main} does not exist; run \`npm run build\` first`);
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const tmp = mkdtempSync('/tmp/pd-cli-');
  const rssFile = join(tmp, 'rss');
  // An empty private config, so the system's /etc/preload-daemon/config.json never leaks in
  // (an explicitly named config file that does not exist is a usage error, exit 2).
  const configFile = join(tmp, 'config.json');
  writeFileSync(configFile, '{}\n');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PRELOAD_DAEMON_CONFIG: configFile,
    ...opts.env,
    PRELOAD_TEST_RSS_FILE: rssFile,
  };
  // Keep the harness's own environment from leaking into the daemon.
  delete env.DOCKER_HOST;
  delete env.CONTAINER_HOST;
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT;

  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', rssHookUrl(), main, ...args], {
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

  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
      (resolve, reject) => {
        child.once('error', reject);
        child.once('close', (code, signal) => resolve({ code, signal }));
      },
    );
    const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (timedOut) {
      throw new Error(
        `runCli: ${args.join(' ')} timed out after ${timeoutMs} ms and was killed\n` +
          `stdout:\n${stdout.slice(-4000)}\nstderr:\n${stderr.slice(-4000)}`,
      );
    }
    const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim()) : NaN;
    return {
      code,
      signal,
      stdout,
      stderr,
      logs: parseLogs(stderr),
      peakRssKb: Number.isFinite(rss) ? rss : null,
      durationMs,
    };
  } finally {
    clearTimeout(timer);
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A compact description of a run for assertion messages. */
export function describeRun(r: CliResult): string {
  return `exit ${r.code} (signal ${r.signal}) in ${Math.round(r.durationMs)} ms\nstdout:\n${r.stdout.slice(-3000)}\nstderr:\n${r.stderr.slice(-6000)}`;
}
