// vendor/ (what the offline Debian build bundles) must match package-lock.json: a dependency
// change without `npm run vendor` fails here before it fails a package build.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { tempDirPerSuite } from './support.js';

interface LockPackage {
  lockPath: string;
  version: string;
}
interface VendorScript {
  staleness(): string | null;
  productionPackages(lock?: unknown): LockPackage[];
  lockHash(packages: LockPackage[]): string;
  filesHash(dir?: string): string;
}

const root = repoRoot();
const script = (): Promise<VendorScript> => import(pathToFileURL(join(root, 'scripts', 'vendor-deps.mjs')).href) as Promise<VendorScript>;

describe('vendor/', () => {
  const tmp = tempDirPerSuite('vendor');

  it('matches package-lock.json and vendor/STAMP (else: npm run vendor)', async () => {
    assert.equal((await script()).staleness(), null);
  });

  it('holds production packages only, and no native addon', async () => {
    const { productionPackages } = await script();
    const names = productionPackages().map((p) => p.lockPath);
    for (const dev of ['node_modules/typescript', 'node_modules/esbuild', 'node_modules/fast-check']) assert.ok(!names.includes(dev), dev);
    for (const gone of ['node_modules/zstd-napi', 'node_modules/lzma-native', 'node_modules/execa']) assert.ok(!names.includes(gone), gone);
  });

  it('a changed production entry or an edited vendored file changes the stamp hashes', async () => {
    const { productionPackages, lockHash, filesHash } = await script();
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    const [first] = productionPackages(lock);
    assert.ok(first, 'no production package in package-lock.json');
    const before = lockHash(productionPackages(lock));
    lock.packages[first.lockPath]!.version = '0.0.0-changed';
    assert.notEqual(lockHash(productionPackages(lock)), before);

    const copy = join(tmp.path, 'vendor');
    cpSync(join(root, first.lockPath.replace(/^node_modules\//, 'vendor/')), copy, { recursive: true });
    const clean = filesHash(copy);
    writeFileSync(join(copy, 'package.json'), `${readFileSync(join(copy, 'package.json'), 'utf8')} `);
    assert.notEqual(filesHash(copy), clean);
  });
});
