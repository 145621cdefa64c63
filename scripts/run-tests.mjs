#!/usr/bin/env node
// Runs the compiled test files under the given folders (default dist-test/test) with Node's test
// runner, one file at a time unless --parallel, on every Node from 18.19 on: Node 18's
// `node --test` takes neither globs nor --test-concurrency, but its run() API does.
// --coverage NAME: every process the tests start with the inherited environment (the test files
// themselves and the daemon they run) reports V8's coverage; at the end the line coverage of src/
// is printed and saved in .cache/coverage/NAME (scripts/coverage.mjs merges saved suites).
// Usage: node scripts/run-tests.mjs [--parallel] [--coverage NAME] [DIR|FILE]...
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { CoverageCollector, report, saveLines } from './coverage.mjs';

const args = process.argv.slice(2);
const parallel = args.includes('--parallel');
const coverageAt = args.indexOf('--coverage');
const coverageName = coverageAt >= 0 ? args[coverageAt + 1] : undefined;
if (coverageAt >= 0 && !coverageName) {
  console.error('run-tests: --coverage needs a NAME (e.g. unit)');
  process.exit(2);
}
const roots = args.filter((a, i) => a !== '--parallel' && (coverageAt < 0 || (i !== coverageAt && i !== coverageAt + 1)));

function collect(path, out) {
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) collect(join(path, name), out);
  else if (path.endsWith('.test.js')) out.push(path);
  return out;
}

const files = (roots.length > 0 ? roots : ['dist-test/test']).flatMap((r) => collect(r, [])).sort();
if (files.length === 0) {
  console.error(`run-tests: no *.test.js under ${roots.join(' ')} (run npm run build:test first)`);
  process.exit(2);
}
let coverage;
if (coverageName) {
  const dir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), '.cache', 'coverage', coverageName);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'raw'), { recursive: true });
  // Inherited by the test files the runner starts and by every process they start with it.
  process.env.NODE_V8_COVERAGE = join(dir, 'raw');
  const collector = new CoverageCollector();
  // Each daemon run leaves a few hundred KB of JSON: fold them in as they come.
  const timer = setInterval(() => collector.collect(join(dir, 'raw')), 15_000);
  coverage = { dir, collector, timer };
}
let failed = 0;
const stream = run({ files, concurrency: parallel ? Math.max(1, availableParallelism() - 1) : 1 });
stream.on('test:fail', (event) => {
  // A failing todo test does not fail the run (as with node --test).
  if (!event.todo) failed++;
});
const reporter = stream.compose(typeof spec === 'function' && spec.prototype ? new spec() : spec);
reporter.pipe(process.stdout);
stream.once('end', () => {
  if (failed > 0) process.exitCode = 1;
});
if (coverage) {
  reporter.once('end', () => {
    clearInterval(coverage.timer);
    coverage.collector.collect(join(coverage.dir, 'raw'), { all: true });
    const lines = coverage.collector.lines();
    saveLines(coverage.dir, lines);
    rmSync(join(coverage.dir, 'raw'), { recursive: true, force: true });
    console.log(`\n${report(`${coverageName}: ${coverage.collector.files} processes`, lines)}\n  (per line: node scripts/coverage.mjs --uncovered ${join('.cache', 'coverage', coverageName)})`);
  });
}
