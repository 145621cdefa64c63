// A device root for the Quadlet generator (systemd/generator/preload-daemon-generator), shared by
// its unit tests and by the benchmark that measures its cost (bench/run.mjs).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export const GENERATOR = join(repoRoot(), 'systemd/generator/preload-daemon-generator');
export const PULL_NEVER = join(repoRoot(), 'systemd/generator/pull-never.containers.conf');
/** What systemd runs the generator with on Debian. */
export const SHELL = existsSync('/bin/dash') ? '/bin/dash' : '/bin/sh';

function writeTree(root: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    const file = join(root, relative);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
}

/** A Quadlet .container unit running IMAGE. */
export const container = (image: string, extra = '') => `[Unit]\nDescription=test\n\n[Container]\nImage=${image}\n${extra}\n[Install]\nWantedBy=default.target\n`;

/** A device root with the pull-never file installed and one list carrying these lines. */
export function device(root: string, listLines: string[], units: Record<string, string> = {}): string {
  writeTree(root, { 'usr/share/preload-daemon/base/image.list': listLines.join('\n') + '\n', ...units });
  mkdirSync(join(root, 'usr/lib/preload-daemon'), { recursive: true });
  copyFileSync(PULL_NEVER, join(root, 'usr/lib/preload-daemon/pull-never.containers.conf'));
  return root;
}

/**
 * A busy device: 21 lists (20 of 5 entries) and 10 .container files in 6 folders, 6 of which run
 * a listed image. Returns the services that must get a drop-in.
 */
export function busyDevice(root: string): string[] {
  const files: Record<string, string> = {};
  for (let l = 0; l < 20; l++) {
    files[`usr/share/preload-daemon/pkg${l}/image.list`] = Array.from({ length: 5 }, (_, e) => `img${e}.tar.zst registry.local/pkg${l}/img${e}:1.${e} id=sha256:${'e'.repeat(64)}`).join('\n') + '\n';
  }
  const listed: string[] = [];
  for (let u = 0; u < 10; u++) {
    const dir = u % 2 ? 'etc/containers/systemd' : `usr/share/containers/systemd/vendor${u}`;
    // Units 0, 3, 6, 9 run an image no list ships.
    files[`${dir}/app${u}.container`] = container(u % 3 ? `registry.local/pkg${u}/img${u % 5}:1.${u % 5}` : `other/app${u}:1`);
    if (u % 3) listed.push(`app${u}.service`);
  }
  device(root, ['a.tar one:1'], files);
  return listed;
}

/**
 * Run the generator (or another SCRIPT) RUNS times inside one shell (so node's spawn cost is not
 * counted) into OUT, removing OUT before each run. `times` reports the CPU of the shell's children (the generator
 * and what it starts); wall time is measured here. Both per run, in ms.
 */
export function generatorCost(root: string, runs: number, script = GENERATOR): { cpuMs: number; wallMs: number } {
  const out = join(root, 'out');
  const loop = `i=0; while [ $i -lt ${runs} ]; do rm -rf "$OUT"; ${SHELL} "$GEN" "$OUT" || exit 1; i=$((i+1)); done; times`;
  const started = process.hrtime.bigint();
  const result = spawnSync(SHELL, ['-c', loop], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PRELOAD_DAEMON_GENERATOR_ROOT: root, GEN: script, OUT: out }, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6 / runs;
  if (result.status !== 0) throw new Error(`generator loop failed (${result.status}): ${result.stderr}`);
  // `times` prints the shell's own times, then its children's: "0m0.012s 0m0.004s".
  const [user, system] = [...(result.stdout.trim().split('\n').pop() ?? '').matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (user === undefined || system === undefined) throw new Error(`generator loop: cannot read \`times\`: ${result.stdout}`);
  return { cpuMs: ((user + system) * 1000) / runs, wallMs };
}
