// Claims in the docs and comments that the repository itself can check, so they stay true: one
// memory budget and one test bound everywhere, the engine client's size in design.md, every
// reference to a doc section names one that exists, and nothing points outside the repository.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MEMORY_BUDGET_MB, RSS_BOUND_MB } from '../helpers/cli.js';
import { repoRoot } from '../helpers/paths.js';

const ROOT = repoRoot();
/** Tracked text files, minus what others wrote (vendored code, recorded benchmark output). */
const FILES = execFileSync('git', ['-C', ROOT, 'ls-files'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !/^(vendor\/|bench\/results\/|package-lock\.json$|debian\/copyright$)/.test(f))
  .filter((f) => /\.(ts|mjs|js|md|sh|service|conf|container|1)$|^systemd\/generator\/|^debian\/|^scripts\//.test(f))
  .filter((f) => existsSync(join(ROOT, f)));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Every match of RE in the files, as `file:line: text` with the captured number. */
function claims(re: RegExp): Array<{ where: string; value: number }> {
  const found: Array<{ where: string; value: number }> = [];
  for (const file of FILES) {
    read(file)
      .split('\n')
      .forEach((line, i) => {
        for (const m of line.matchAll(re)) found.push({ where: `${file}:${i + 1}: ${m[0]}`, value: Number(m[1]) });
      });
  }
  return found;
}

describe('docs agree with the code', () => {
  it(`the memory budget of the process tree is ${MEMORY_BUDGET_MB} MB wherever a budget is named`, () => {
    const found = [...claims(/\b(\d+) MB (?:memory )?budget/g), ...claims(/budget of (\d+) MB/g), ...claims(/peak RSS[^|]*?[Tt]arget ≤ (\d+) MB/g)];
    assert.ok(found.length >= 3, `the budget is named in few places: ${found.map((f) => f.where).join('\n')}`);
    assert.deepEqual(found.filter((f) => f.value !== MEMORY_BUDGET_MB), []);
  });

  it(`the tests' RSS bound is ${RSS_BOUND_MB} MB wherever a doc states it`, () => {
    const found = [...claims(/peak RSS(?: of the process tree)? [≤<] (\d+) MB/g), ...claims(/fail above (\d+) MB/g)];
    assert.ok(found.length >= 3, found.map((f) => f.where).join('\n'));
    assert.deepEqual(found.filter((f) => f.value !== RSS_BOUND_MB), []);
  });

  it("design.md's size of the engine client is within 15 % of the files it names", () => {
    const m = /client of ~(\d+) lines on `node:http` \(`([^`]+)`, `([^`]+)`\)/.exec(read('docs/design.md').replace(/\n/g, ' '));
    assert.ok(m, 'design.md no longer states the client size in the form this test reads');
    const lines = [m[2]!, m[3]!].reduce((n, file) => n + read(file).split('\n').length - 1, 0);
    const claimed = Number(m[1]);
    assert.ok(Math.abs(lines - claimed) <= claimed * 0.15, `design.md says ~${claimed} lines; ${m[2]} and ${m[3]} have ${lines}`);
  });

  it('every reference to a doc names a file that exists, and a section in it that exists', () => {
    const broken: string[] = [];
    for (const file of FILES) {
      const text = read(file);
      for (const m of text.matchAll(/\b(README(?:\.md)?|(?:docs|bench|test\/boot)\/[\w-]+\.md)\b(?:,? (?:section )?"([^"]+)")?/g)) {
        const target = m[1] === 'README' ? 'README.md' : m[1]!;
        if (!existsSync(join(ROOT, target))) {
          broken.push(`${file}: ${m[0]} (no such file)`);
          continue;
        }
        const section = m[2];
        if (section === undefined) continue;
        const headings = read(target)
          .split('\n')
          .flatMap((l) => [/^#+ (.*)$/.exec(l)?.[1], /^\*\*([^*]+)\*\*/.exec(l)?.[1]])
          .filter((h): h is string => h !== undefined);
        if (!headings.some((h) => h.toLowerCase().startsWith(section.toLowerCase()))) broken.push(`${file}: ${m[0]} (no such section in ${target})`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('nothing points outside the repository: no paths on a developer machine, no issue numbers, no notes kept elsewhere', () => {
    const outside = /\/work\/|\/home\/[a-z]|facts\.md|\bthe facts\b|\bsee facts\b|\bissue \d+|\(issue\b|\btask \d+/gi;
    const found = FILES.filter((f) => f !== 'test/unit/docs.test.ts').flatMap((file) =>
      read(file)
        .split('\n')
        .flatMap((line, i) => [...line.matchAll(outside)].map((m) => `${file}:${i + 1}: ${m[0]}`)),
    );
    assert.deepEqual(found, []);
  });
});
