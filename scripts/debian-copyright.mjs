#!/usr/bin/env node
// debian/copyright, generated from package-lock.json and vendor/ so that it cannot drift: our
// own code, then one Files: paragraph per vendored npm package (each bundled into the shipped
// preload-daemon.cjs or kept in the source) with the copyright lines and licence text of the
// package's own LICENSE file, or a /usr/share/common-licenses reference for Apache-2.0.
//
//   node scripts/debian-copyright.mjs                  rewrite debian/copyright
//   node scripts/debian-copyright.mjs --check          exit 1 if debian/copyright is out of date
//   node scripts/debian-copyright.mjs --bundle META    exit 1 if a package bundled into the file
//                                                      described by esbuild's metafile META has no
//                                                      paragraph in debian/copyright
// Runs on Node 18 (the Debian build runs --check and --bundle).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { productionPackages } from './vendor-deps.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = join(ROOT, 'debian', 'copyright');
const REFRESH = 'run `node scripts/debian-copyright.mjs` (npm run vendor does it) and commit debian/copyright';
/** Licences Debian ships in /usr/share/common-licenses: referenced, not copied. */
const COMMON = new Set(['Apache-2.0', 'GPL-2', 'GPL-3', 'LGPL-2.1', 'LGPL-3', 'MPL-2.0', 'CC0-1.0']);

const MIT = `Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE.`;

/** Text as a deb822 continuation: every line indented, blank lines as " .". */
function indent(text) {
  return text
    .replace(/\r/g, '')
    .replace(/\t/g, '    ')
    .split('\n')
    .map((l) => (l.trim() === '' ? ' .' : ` ${l.trimEnd()}`))
    .join('\n');
}

/** SPDX expression → Debian short names: `(MIT OR WTFPL)` → `MIT or WTFPL`. */
function debianLicense(spdx) {
  return spdx.replace(/[()]/g, '').replace(/\bOR\b/g, 'or').replace(/\bAND\b/g, 'and').trim();
}

function licenseFiles(dir) {
  return readdirSync(dir)
    .filter((f) => /^(licen[cs]e|copying|notice)([.-].*)?$/i.test(f))
    .sort();
}

function copyrightLines(text, manifest, name) {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^copyright\b.*(\(c\)|©|\d{4})/i.test(l) || /^(\(c\)|©)\s*\d{4}/i.test(l))
    .map((l) => l.replace(/^copyright\s*/i, '').replace(/^(\(c\)|©)\s*/i, '').trim())
    .filter(Boolean);
  if (lines.length > 0) return [...new Set(lines)];
  const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
  return [author ? `${author} (package.json author; the package states no copyright line)` : `the ${name} authors (the package states no copyright line)`];
}

function paragraph(pkg) {
  const dir = join(ROOT, pkg.vendorPath);
  if (!existsSync(join(dir, 'package.json'))) throw new Error(`${pkg.vendorPath} is missing: run node scripts/vendor-deps.mjs first`);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const spdx = pkg.license || manifest.license;
  if (!spdx) throw new Error(`${pkg.name}@${pkg.version} declares no licence: find it and add it by hand`);
  const license = debianLicense(spdx);
  const files = licenseFiles(dir);
  const texts = files.map((f) => readFileSync(join(dir, f), 'utf8'));
  let body;
  // The Apache licence text names no holder (its "(c)" is a list item): NOTICE or package.json do.
  const own = COMMON.has(license) ? files.filter((f) => /^notice/i.test(f)) : files;
  const holders = copyrightLines(own.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n'), manifest, pkg.name);
  if (COMMON.has(license)) {
    body = `On Debian systems, the full text of the ${license} licence is in\n/usr/share/common-licenses/${license}.`;
    const notice = files.filter((f) => /^notice/i.test(f));
    if (notice.length > 0) body += `\n\n${notice.map((f) => readFileSync(join(dir, f), 'utf8').trim()).join('\n\n')}`;
  } else if (texts.length > 0) {
    body = texts.map((t) => t.trim()).join('\n\n');
  } else if (license === 'MIT') {
    body = MIT; // the package carries no licence file; its package.json says MIT
  } else {
    throw new Error(`${pkg.name}@${pkg.version} (${license}) ships no licence file: add its text by hand`);
  }
  return [
    `Files: ${pkg.vendorPath}/*`,
    `Copyright: ${holders.join('\n ')}`,
    `License: ${license}`,
    indent(body),
    `Comment: npm package ${pkg.name} ${pkg.version}${files.length ? ` (licence from ${files.join(', ')})` : ''}`,
  ].join('\n');
}

export function generate() {
  const header = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: preload-daemon
Source: https://example.org/preload-daemon
Comment: Generated by scripts/debian-copyright.mjs from package-lock.json and vendor/: do not
 edit by hand. The program ships as one JavaScript file,
 /usr/lib/preload-daemon/preload-daemon.cjs, which bundles our code (src/) with the npm
 packages under vendor/ that it imports; each has its paragraph below.

Files: *
Copyright: 2026 preload-daemon developers
License: MIT

Files: debian/*
Copyright: 2026 preload-daemon developers
License: MIT`;
  const vendored = productionPackages().map(paragraph);
  return `${[header, ...vendored, `License: MIT\n${indent(MIT)}`].join('\n\n')}\n`;
}

/** Package folders (vendor/NAME, vendor/A/node_modules/B) of the inputs of an esbuild metafile. */
export function bundledPackages(meta) {
  const out = new Set();
  for (const input of Object.keys(meta.inputs)) {
    const path = input.replace(/^(\.\.\/)*/, '').replace(/^node_modules\//, 'vendor/');
    const m = /^(vendor\/(?:@[^/]+\/)?[^/]+(?:\/node_modules\/(?:@[^/]+\/)?[^/]+)*)\//.exec(path);
    if (m) out.add(m[1]);
    else if (/(^|\/)node_modules\//.test(path)) out.add(path); // from outside vendor/: never covered
  }
  return [...out].sort();
}

export function uncovered(copyrightText, packages) {
  const covered = new Set([...copyrightText.matchAll(/^Files: (.+)\/\*$/gm)].map((m) => m[1]));
  return packages.filter((p) => !covered.has(p));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const [mode, arg] = process.argv.slice(2);
    if (mode === '--check') {
      if (!existsSync(TARGET) || readFileSync(TARGET, 'utf8') !== generate()) {
        console.error(`debian/copyright does not match package-lock.json and vendor/: ${REFRESH}`);
        process.exit(1);
      }
    } else if (mode === '--bundle') {
      const missing = uncovered(readFileSync(TARGET, 'utf8'), bundledPackages(JSON.parse(readFileSync(arg, 'utf8'))));
      if (missing.length > 0) {
        console.error(`debian/copyright has no paragraph for bundled ${missing.join(', ')}: vendor them (npm run vendor) or drop the import`);
        process.exit(1);
      }
    } else {
      writeFileSync(TARGET, generate());
      console.log(`debian/copyright: ${productionPackages().length} vendored packages`);
    }
  } catch (error) {
    console.error(`debian-copyright: ${error.message}`);
    process.exit(1);
  }
}
