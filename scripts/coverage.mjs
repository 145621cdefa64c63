#!/usr/bin/env node
// Line coverage of src/ from V8's own counters (NODE_V8_COVERAGE), the same on Node 18 and 20:
// Node 18's test runner has no coverage option for run(), and c8 would be one more dependency.
// The tests reach src/ two ways, both counted: the bundle dist/preload-daemon.cjs that they run
// as a child process (mapped back through dist/preload-daemon.cjs.map, which `npm run build`
// writes beside it), and the compiled modules under dist-test/src/ that unit tests import
// (through tsc's .js.map files). A src/ line counts once it has code (a mapping from either
// build) and is covered when any process ran any of that code.
//
//   node scripts/coverage.mjs [--uncovered] DIR...   print the coverage of src/ over the suites
//                                                    whose results run-tests.mjs saved in DIR
//                                                    (e.g. .cache/coverage/unit), merged
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src') + '/';

/** The scripts whose coverage maps to src/: the bundle and the compiled modules. */
function isOurs(path) {
  return path === join(ROOT, 'dist', 'preload-daemon.cjs') || (path.startsWith(join(ROOT, 'dist-test', 'src') + '/') && path.endsWith('.js'));
}

/** Collects V8 coverage files as processes write them, into one "ran" bit per character per script. */
export class CoverageCollector {
  constructor() {
    /** script path → Uint8Array, 1 where some process ran that character */
    this.ran = new Map();
    this.files = 0;
  }

  /** Fold the finished coverage files in DIR into the totals and delete them. */
  collect(dir, { all = false } = {}) {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      if (!name.startsWith('coverage-') || !name.endsWith('.json')) continue;
      const file = join(dir, name);
      // A process writes its file when it exits; one still being written is left for later.
      if (!all && Date.now() - statSync(file).mtimeMs < 2000) continue;
      let report;
      try {
        report = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        if (!all) continue;
        report = { result: [] };
      }
      for (const script of report.result ?? []) this.#add(script);
      rmSync(file, { force: true });
      this.files++;
    }
  }

  #add(script) {
    if (!script.url.startsWith('file://')) return;
    const path = fileURLToPath(script.url);
    if (!isOurs(path)) return;
    let ran = this.ran.get(path);
    if (!ran) {
      ran = new Uint8Array(readFileSync(path, 'utf8').length);
      this.ran.set(path, ran);
    }
    // Ranges nest; the innermost one says whether a character ran. Paint outer ranges first.
    const ranges = script.functions.flatMap((f) => f.ranges).sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
    const mine = new Uint8Array(ran.length);
    for (const r of ranges) mine.fill(r.count > 0 ? 1 : 0, r.startOffset, Math.min(r.endOffset, mine.length));
    for (let i = 0; i < ran.length; i++) ran[i] |= mine[i];
  }

  /** src/ file (relative) → Map(line → covered), through the source maps; code no process loaded counts as not run. */
  lines() {
    const out = new Map();
    for (const path of new Set([...builtScripts(), ...this.ran.keys()])) {
      const ran = this.ran.get(path) ?? new Uint8Array(0);
      forEachCodeSegment(path, (file, line, offset) => {
        let lines = out.get(file);
        if (!lines) out.set(file, (lines = new Map()));
        lines.set(line, (lines.get(line) ?? false) || ran[offset] === 1);
      });
    }
    return out;
  }
}

function builtScripts() {
  return [join(ROOT, 'dist', 'preload-daemon.cjs'), ...compiled(join(ROOT, 'dist-test', 'src'))].filter((p) => existsSync(p));
}

/**
 * Call FN(src file, line, offset in the script) for each mapping of the script at PATH to a
 * src/ line, skipping what is not code: comments (tsc keeps and maps them), imports and
 * `export {};` (the whole output of a module of types).
 */
function forEachCodeSegment(path, fn) {
  const mapFile = `${path}.map`;
  if (!existsSync(mapFile)) throw new Error(`coverage: ${relative(ROOT, mapFile)} is missing (npm run build writes it)`);
  const map = JSON.parse(readFileSync(mapFile, 'utf8'));
  const sources = map.sources.map((s) => resolve(dirname(mapFile), map.sourceRoot ?? '', s));
  const text = readFileSync(path, 'utf8');
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const generated = text.split('\n');
  for (const [genLine, genCol, source, origLine] of segments(map.mappings)) {
    const file = sources[source];
    if (!file?.startsWith(SRC)) continue;
    const code = generated[genLine]?.slice(genCol).trimStart() ?? '';
    if (code === '' || /^(\/\/|\/\*|\*|import[\s{*]|export \{\};)/.test(code) || /^\s*(import[\s{*]|export \{\};)/.test(generated[genLine])) continue;
    fn(relative(ROOT, file), origLine + 1, lineStarts[genLine] + genCol);
  }
}

/** The src/ lines that have code in the current builds (what a saved suite is counted against). */
function codeLines() {
  const out = new Map();
  for (const path of builtScripts()) {
    forEachCodeSegment(path, (file, line) => {
      let lines = out.get(file);
      if (!lines) out.set(file, (lines = new Set()));
      lines.add(line);
    });
  }
  return out;
}

function compiled(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? compiled(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The source map's segments as [generated line, generated column, source index, original line]. */
function* segments(mappings) {
  let source = 0;
  let origLine = 0;
  let origCol = 0;
  let genLine = 0;
  for (const line of mappings.split(';')) {
    let genCol = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      genCol += fields[0];
      if (fields.length < 4) continue;
      source += fields[1];
      origLine += fields[2];
      origCol += fields[3];
      yield [genLine, genCol, source, origLine];
    }
    genLine++;
  }
}

/** Save a suite's per-line result, so suites run apart can be merged (scripts/coverage.mjs DIR...). */
export function saveLines(dir, lines) {
  mkdirSync(dir, { recursive: true });
  const json = Object.fromEntries([...lines].map(([file, byLine]) => [file, Object.fromEntries(byLine)]));
  writeFileSync(join(dir, 'lines.json'), JSON.stringify(json) + '\n');
}

function loadLines(dirs) {
  const out = new Map();
  for (const dir of dirs) {
    const file = join(dir, 'lines.json');
    if (!existsSync(file)) throw new Error(`coverage: ${file} is missing (run the suite with node scripts/run-tests.mjs --coverage NAME first)`);
    for (const [src, byLine] of Object.entries(JSON.parse(readFileSync(file, 'utf8')))) {
      let lines = out.get(src);
      if (!lines) out.set(src, (lines = new Map()));
      for (const [line, covered] of Object.entries(byLine)) lines.set(Number(line), (lines.get(Number(line)) ?? false) || covered);
    }
  }
  return out;
}

/** Every src/*.ts file, so one no process loaded shows as 0 % rather than not at all. */
function allSources(dir = join(ROOT, 'src')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allSources(join(dir, e.name)) : e.name.endsWith('.ts') ? [relative(ROOT, join(dir, e.name))] : []));
}

const pct = (covered, total) => (total === 0 ? '  –  ' : `${((100 * covered) / total).toFixed(1).padStart(5)}%`);

/** The report: one line per src/ folder and the total; with UNCOVERED, the lines no test ran, per file. */
export function report(label, lines, { uncovered = false } = {}) {
  const out = [`line coverage of src/ (${label}):`];
  const code = codeLines();
  const folders = new Map();
  let covered = 0;
  let total = 0;
  const missed = [];
  for (const file of allSources().sort()) {
    // Lines of code in the current builds only (a suite saved before a rebuild may name others).
    const has = code.get(file) ?? new Set();
    const byLine = new Map([...has].map((line) => [line, lines.get(file)?.get(line) ?? false]));
    const t = byLine.size;
    const c = [...byLine.values()].filter(Boolean).length;
    const folder = dirname(file);
    const f = folders.get(folder) ?? { covered: 0, total: 0, files: 0 };
    folders.set(folder, { covered: f.covered + c, total: f.total + t, files: f.files + 1 });
    covered += c;
    total += t;
    const lost = [...byLine].filter(([, ran]) => !ran).map(([line]) => line).sort((a, b) => a - b);
    if (lost.length > 0) missed.push(`  ${file} ${pct(c, t).trim()}: ${ranges(lost)}`);
  }
  for (const [folder, f] of [...folders].sort()) out.push(`  ${folder.padEnd(22)} ${pct(f.covered, f.total)}  ${String(f.covered).padStart(5)}/${String(f.total).padEnd(5)} lines, ${f.files} files`);
  out.push(`  ${'all of src/'.padEnd(22)} ${pct(covered, total)}  ${String(covered).padStart(5)}/${String(total).padEnd(5)} lines`);
  if (uncovered) out.push('lines no test ran:', ...missed);
  return out.join('\n');
}

/** 3,4,5,9 → "3-5, 9" */
function ranges(lines) {
  const parts = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    parts.push(i === j ? `${lines[i]}` : `${lines[i]}-${lines[j]}`);
    i = j;
  }
  return parts.join(', ');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const dirs = args.filter((a) => a !== '--uncovered');
  if (dirs.length === 0) {
    console.error('usage: node scripts/coverage.mjs [--uncovered] DIR...   (DIR: what run-tests.mjs --coverage NAME saved, e.g. .cache/coverage/unit)');
    process.exit(2);
  }
  console.log(report(dirs.map((d) => d.split('/').pop()).join(' + '), loadLines(dirs), { uncovered: args.includes('--uncovered') }));
}
