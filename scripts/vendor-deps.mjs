#!/usr/bin/env node
// The production dependencies, as files committed under vendor/, so that the Debian build (no
// network, Debian's own esbuild) can bundle them: vendor/NAME is node_modules/NAME as npm ci laid it
// out for package-lock.json, nested versions stay nested (vendor/A/node_modules/B).
//
//   node scripts/vendor-deps.mjs          after `npm ci`: rewrite vendor/ and vendor/STAMP
//   node scripts/vendor-deps.mjs --check  one line and exit 1 if vendor/ is missing, stale or edited
//
// vendor/STAMP records a hash of the production entries of package-lock.json (name, version,
// integrity: a devDependency bump does not make it stale) and a hash of every file in vendor/.
// Pure JavaScript only: a package with an install script, a .node file or any other compiled
// binary is refused (the package is Architecture: all). Left out, because no build needs them:
// tests, docs, benchmarks, examples, source maps, and prebuilds/ folders (binaries for other
// runtimes, e.g. the Bare runtime's .bare addons of bare-fs, which Node never loads).
// Runs on Node 18.
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const VENDOR = join(ROOT, 'vendor');
const STAMP = join(VENDOR, 'STAMP');
const REFRESH = 'run `npm ci && node scripts/vendor-deps.mjs` (npm run vendor) and commit vendor/';

/** Production packages of the lock file: [{ lockPath, vendorPath, name, version, integrity, ... }]. */
export function productionPackages(lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'))) {
  const out = [];
  for (const [lockPath, entry] of Object.entries(lock.packages ?? {})) {
    if (lockPath === '' || entry.dev || entry.link) continue;
    const name = entry.name ?? lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length);
    out.push({
      lockPath,
      vendorPath: `vendor/${lockPath.replace(/^node_modules\//, '')}`,
      name,
      version: entry.version,
      integrity: entry.integrity ?? '',
      license: entry.license ?? '',
      hasInstallScript: Boolean(entry.hasInstallScript),
    });
  }
  return out.sort((a, b) => (a.lockPath < b.lockPath ? -1 : 1));
}

export function lockHash(packages) {
  const h = createHash('sha256');
  for (const p of packages) h.update(`${p.lockPath}\0${p.version}\0${p.integrity}\n`);
  return h.digest('hex');
}

/** Every file under DIR except STAMP, sorted, as paths relative to DIR. */
function walk(dir, base = dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, base, out);
    else if (full !== STAMP) out.push(relative(base, full));
  }
  return out;
}

export function filesHash(dir = VENDOR) {
  const h = createHash('sha256');
  for (const file of walk(dir)) {
    const mode = lstatSync(join(dir, file)).mode & 0o111 ? 'x' : '-';
    h.update(`${file}\0${mode}\0`).update(readFileSync(join(dir, file))).update('\n');
  }
  return h.digest('hex');
}

function stampText(packages) {
  return `lock-sha256 ${lockHash(packages)}\nfiles-sha256 ${filesHash()}\n`;
}

/** null when vendor/ matches package-lock.json, else the reason. */
export function staleness() {
  if (!existsSync(STAMP)) return 'vendor/ is missing';
  const stamp = Object.fromEntries(readFileSync(STAMP, 'utf8').trim().split('\n').map((l) => l.split(' ')));
  const packages = productionPackages();
  if (stamp['lock-sha256'] !== lockHash(packages)) return 'vendor/ is stale: package-lock.json changed since it was made';
  for (const p of packages) if (!existsSync(join(ROOT, p.vendorPath, 'package.json'))) return `vendor/ lacks ${p.lockPath}`;
  if (stamp['files-sha256'] !== filesHash()) return 'vendor/ was edited by hand (its files do not match vendor/STAMP)';
  return null;
}

const SKIPPED_DIRS = new Set(['node_modules', 'prebuilds', 'test', 'tests', '__tests__', 'fixture', 'fixtures', 'docs', 'doc', 'bench', 'benchmark', 'benchmarks', 'example', 'examples', '.github', '.vscode']);
const SKIPPED_FILES = /\.map$/;
// ELF, Mach-O (both byte orders, fat), PE/COFF.
const BINARY_MAGIC = [Buffer.from('\x7fELF', 'latin1'), Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.from([0xfe, 0xed, 0xfa, 0xcf]), Buffer.from([0xca, 0xfe, 0xba, 0xbe]), Buffer.from('MZ', 'latin1')];

function isBinary(file) {
  const head = readFileSync(file).subarray(0, 4);
  return BINARY_MAGIC.some((m) => head.subarray(0, m.length).equals(m)) && !/\.(js|cjs|mjs|json|ts|txt|md)$/.test(file);
}

function refuseNative(pkg, dir) {
  if (pkg.hasInstallScript) throw new Error(`${pkg.lockPath} has an install script (native code?): the runtime must be JavaScript only`);
  for (const file of walk(dir)) {
    if (file.endsWith('.node')) throw new Error(`${pkg.lockPath}/${file} is a native addon: the runtime must be JavaScript only`);
  }
}

/**
 * Copy DIR's files to DEST, without what no build needs (SKIPPED_*) and without its
 * node_modules (nested packages are vendored on their own). A compiled binary is refused.
 */
function copyPackage(from, to, lockPath) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIPPED_DIRS.has(entry.name)) continue;
    if (SKIPPED_FILES.test(entry.name)) continue;
    const src = join(from, entry.name);
    const dest = join(to, entry.name);
    if (entry.isDirectory()) copyPackage(src, dest, lockPath);
    else if (entry.isFile()) {
      if (isBinary(src)) throw new Error(`${src} is a compiled binary: vendor/ holds JavaScript and text only`);
      copyFileSync(src, dest);
      chmodSync(dest, lstatSync(src).mode & 0o111 ? 0o755 : 0o644);
    } else throw new Error(`${src}: not a regular file (symlink?); vendor/ holds plain files only`);
  }
}

function vendor() {
  const packages = productionPackages();
  for (const p of packages) {
    const dir = join(ROOT, p.lockPath);
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) throw new Error(`${p.lockPath} is not installed: run npm ci first`);
    const installed = JSON.parse(readFileSync(manifest, 'utf8')).version;
    if (installed !== p.version) throw new Error(`${p.lockPath} is ${installed}, package-lock.json says ${p.version}: run npm ci first`);
    refuseNative(p, dir);
  }
  rmSync(VENDOR, { recursive: true, force: true });
  for (const p of packages) copyPackage(join(ROOT, p.lockPath), join(ROOT, p.vendorPath), p.lockPath);
  writeFileSync(STAMP, stampText(packages));
  console.log(`vendor/: ${walk(VENDOR).length} files, ${packages.length} packages (${packages.map((p) => `${p.name}@${p.version}`).join(', ')})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    if (process.argv[2] === '--check') {
      const reason = staleness();
      if (reason) {
        console.error(`${reason}: ${REFRESH}`);
        process.exit(1);
      }
    } else vendor();
  } catch (error) {
    console.error(`vendor-deps: ${error.message}`);
    process.exit(1);
  }
}
