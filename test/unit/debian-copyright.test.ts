// debian/copyright must name every third-party component the package ships: the generator's
// output is what is committed, and every npm package bundled into dist/preload-daemon.cjs (per
// esbuild's metafile from npm run build) and every folder in vendor/ has its Files: paragraph.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';

interface CopyrightScript {
  generate(): string;
  bundledPackages(meta: unknown): string[];
  uncovered(copyright: string, packages: string[]): string[];
}

const root = repoRoot();
const script = (): Promise<CopyrightScript> => import(pathToFileURL(join(root, 'scripts', 'debian-copyright.mjs')).href) as Promise<CopyrightScript>;
const copyright = (): string => readFileSync(join(root, 'debian', 'copyright'), 'utf8');

function vendoredPackages(dir = join(root, 'vendor'), prefix = 'vendor'): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    if (!name.isDirectory()) continue;
    if (name.name.startsWith('@')) {
      out.push(...vendoredPackages(join(dir, name.name), `${prefix}/${name.name}`));
      continue;
    }
    const pkg = `${prefix}/${name.name}`;
    out.push(pkg);
    const nested = join(dir, name.name, 'node_modules');
    if (existsSync(nested)) out.push(...vendoredPackages(nested, `${pkg}/node_modules`));
  }
  return out;
}

describe('debian/copyright', () => {
  it('is what scripts/debian-copyright.mjs generates from package-lock.json and vendor/', async () => {
    assert.ok(copyright() === (await script()).generate(), 'debian/copyright is stale: run node scripts/debian-copyright.mjs');
  });

  it('has a paragraph for every npm package bundled into the shipped file', async () => {
    const metaFile = join(root, 'dist', 'preload-daemon.meta.json');
    assert.ok(existsSync(metaFile), `${metaFile} is missing: run npm run build`);
    const { bundledPackages, uncovered } = await script();
    const bundled = bundledPackages(JSON.parse(readFileSync(metaFile, 'utf8')));
    const deps = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: object }).dependencies ?? {});
    if (deps.length > 0) assert.ok(bundled.length > 0, 'the metafile names no npm package: is it the bundle of this tree?');
    assert.deepEqual(uncovered(copyright(), bundled), []);
  });

  it('has a paragraph for every package in vendor/ (the source carries them all)', async () => {
    const { uncovered } = await script();
    const vendored = vendoredPackages();
    assert.ok(vendored.length > 10);
    assert.deepEqual(uncovered(copyright(), vendored), []);
  });

  it('the check catches a missing paragraph', async () => {
    const { uncovered } = await script();
    const [first, second] = vendoredPackages();
    assert.ok(first && second, 'needs two vendored packages');
    const text = copyright().replace(`Files: ${first}/*`, 'Files: vendor/not-it/*');
    assert.deepEqual(uncovered(text, [first, second]), [first]);
  });
});
