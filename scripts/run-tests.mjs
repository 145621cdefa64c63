#!/usr/bin/env node
// Runs the compiled test files under the given folders (default dist-test/test) with Node's test
// runner, one file at a time unless --parallel, on every Node from 18.19 on: Node 18's
// `node --test` takes neither globs nor --test-concurrency, but its run() API does.
// Usage: node scripts/run-tests.mjs [--parallel] [DIR|FILE]...
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const args = process.argv.slice(2);
const parallel = args.includes('--parallel');
const roots = args.filter((a) => a !== '--parallel');

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
let failed = 0;
const stream = run({ files, concurrency: parallel ? Math.max(1, availableParallelism() - 1) : 1 });
stream.on('test:fail', (event) => {
  // A failing todo test does not fail the run (as with node --test).
  if (!event.todo) failed++;
});
stream.compose(typeof spec === 'function' && spec.prototype ? new spec() : spec).pipe(process.stdout);
stream.once('end', () => {
  if (failed > 0) process.exitCode = 1;
});
