import { copyFile, link, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PackError, UsageError } from '../errors.js';
import { DEFAULT_LIST_ROOT, LIST_FILE_NAME } from '../list/discover.js';
import { parseList } from '../list/parse.js';
import { runProgram } from '../system/run-program.js';

export interface DebRequest {
  name: string;
  version: string;
  /** The pack --out folder: image.list + images/. */
  outDir: string;
  debDir: string;
  maintainer: string;
  tmpRoot: string;
}

const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;
/** Files get this mtime unless SOURCE_DATE_EPOCH says otherwise (fixed for reproducibility; 1970 upsets lintian). */
const DEFAULT_EPOCH = 1704067200; // 2024-01-01
const VERSION = /^(\d+:)?[0-9][A-Za-z0-9.+~-]*$/;

export function checkDebRequest(name: string, version: string | undefined): asserts version is string {
  if (!PACKAGE_NAME.test(name)) throw new UsageError(`--deb ${name}: not a Debian package name (lowercase letters, digits, + - .)`);
  if (version === undefined) throw new UsageError('--deb needs --deb-version');
  if (!VERSION.test(version)) throw new UsageError(`--deb-version ${version}: not a Debian version`);
}

/**
 * An image package without ISAR: installs /usr/share/preload-daemon/NAME/{image.list,images/}
 * and depends on preload-daemon, like ISAR's dpkg-raw recipe. The archives are already
 * compressed, so the package is not compressed again (-Znone); fixed owners and mtimes
 * (SOURCE_DATE_EPOCH, else 2024-01-01) keep it reproducible.
 */
export async function buildImageDeb(request: DebRequest): Promise<string> {
  const listPath = path.join(request.outDir, LIST_FILE_NAME);
  const listText = await readFile(listPath, 'utf8');
  const entries = parseList(listText, listPath).entries;
  const staging = await mkdtemp(path.join(request.tmpRoot, 'deb-'));
  try {
    const root = path.join(staging, 'root');
    const share = path.join(root, DEFAULT_LIST_ROOT.slice(1), request.name);
    await mkdir(path.join(share, 'images'), { recursive: true });
    await copyFile(listPath, path.join(share, LIST_FILE_NAME));
    let bytes = listText.length;
    for (const archive of new Set(entries.map((e) => e.archiveName))) {
      const from = path.join(request.outDir, 'images', archive);
      bytes += (await stat(from)).size;
      // A hard link when possible: images can be large.
      await link(from, path.join(share, 'images', archive)).catch(() => copyFile(from, path.join(share, 'images', archive)));
    }
    const names = entries.map((e) => e.reference.nameTag);
    const epoch = Number(process.env.SOURCE_DATE_EPOCH ?? DEFAULT_EPOCH);
    await writeDocs(root, request, names, epoch);
    await mkdir(path.join(root, 'DEBIAN'));
    await writeFile(
      path.join(root, 'DEBIAN', 'control'),
      [
        `Package: ${request.name}`,
        `Version: ${request.version}`,
        'Architecture: all',
        `Maintainer: ${request.maintainer}`,
        `Installed-Size: ${Math.ceil(bytes / 1024)}`,
        'Depends: preload-daemon',
        'Section: misc',
        'Priority: optional',
        `Description: container images loaded at boot by preload-daemon`,
        ` Images: ${names.join(', ') || '(none)'}.`,
        '',
      ].join('\n'),
    );
    await touchAll(root, new Date(epoch * 1000));
    const debPath = path.join(request.debDir, `${request.name}_${request.version.replace(/^\d+:/, '')}_all.deb`);
    await mkdir(request.debDir, { recursive: true });
    const result = await runProgram('dpkg-deb', ['--root-owner-group', '-Znone', '--build', root, debPath], {
      env: { SOURCE_DATE_EPOCH: String(epoch) },
    });
    if (!result.ok) throw new PackError(`dpkg-deb could not build ${debPath}: ${result.message}`, { hint: 'install dpkg-dev/dpkg and check the --deb name and --deb-version' });
    return debPath;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Debian wants a copyright file and a changelog in every package. */
async function writeDocs(root: string, request: DebRequest, names: string[], epoch: number): Promise<void> {
  const doc = path.join(root, 'usr/share/doc', request.name);
  await mkdir(doc, { recursive: true });
  await writeFile(
    path.join(doc, 'copyright'),
    `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nComment: Container images packed by preload-daemon pack: ${names.join(', ')}.\n The licenses of the software inside the images apply; see each image.\n`,
  );
  const date = new Date(epoch * 1000).toUTCString().replace('GMT', '+0000');
  const changelog = `${request.name} (${request.version}) unstable; urgency=medium\n\n  * Images: ${names.join(', ')}.\n\n -- ${request.maintainer}  ${date}\n`;
  await writeFile(path.join(doc, 'changelog.gz'), gzipSync(changelog, { level: 9 }));
  // Not compressing the already compressed archives again is the point (-Znone).
  const overrides = path.join(root, 'usr/share/lintian/overrides');
  await mkdir(overrides, { recursive: true });
  await writeFile(path.join(overrides, request.name), `${request.name}: uses-no-compression-for-control-tarball\n${request.name}: uses-no-compression-for-data-tarball\n`);
}

async function touchAll(dir: string, time: Date): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await touchAll(full, time);
    await utimes(full, time, time);
  }
  await utimes(dir, time, time);
}
