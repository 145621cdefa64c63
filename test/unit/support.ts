// Small helpers shared by the unit tests (not a test file itself).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import tar from 'tar-stream';
import type { ListEntry } from '../../src/list/entry.js';
import { parseReference } from '../../src/list/reference.js';

/** A fresh temp dir for the enclosing describe(), removed afterwards. Read `.path` inside tests. */
export function tempDirPerSuite(prefix: string): { path: string } {
  const holder = { path: '' };
  before(() => {
    holder.path = mkdtempSync(join(tmpdir(), `pd-unit-${prefix}-`));
  });
  after(() => rmSync(holder.path, { recursive: true, force: true }));
  return holder;
}

/**
 * A fresh /tmp/pd-unit-PREFIX-… dir for the enclosing describe(), with mounts below it (we run
 * as root). `mount` and `tmpfs` make a folder LABEL in it and mount there; after() unmounts them,
 * newest first (lazily if busy), then removes the dir. Read `.path` inside tests.
 */
export function mountDirPerSuite(prefix: string): {
  path: string;
  /** `mount ...ARGS <dir>/LABEL`; returns that folder. */
  mount(label: string, args: string[]): string;
  /** A private tmpfs of SIZE_MIB at <dir>/LABEL; returns that folder. */
  tmpfs(label: string, sizeMib: number): string;
} {
  const mounts: string[] = [];
  const suite = {
    path: '',
    mount(label: string, args: string[]): string {
      const dir = join(suite.path, label);
      mkdirSync(dir, { recursive: true });
      execFileSync('mount', [...args, dir]);
      mounts.push(dir);
      return dir;
    },
    tmpfs: (label: string, sizeMib: number): string => suite.mount(label, ['-t', 'tmpfs', '-o', `size=${sizeMib}m`, 'tmpfs']),
  };
  before(() => {
    suite.path = mkdtempSync(`/tmp/pd-unit-${prefix}-`);
  });
  after(() => {
    for (const dir of mounts.reverse()) {
      try {
        execFileSync('umount', [dir]);
      } catch {
        execFileSync('umount', ['-l', dir]);
      }
    }
    rmSync(suite.path, { recursive: true, force: true });
  });
  return suite;
}

/** Whether an executable is on PATH. */
export function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const HEX64 = '0123456789abcdef'.repeat(4);

/** A real tar (ustar header at offset 0, magic at 257) made by tar-stream. */
export async function realTar(entries: Record<string, string | Buffer> = { 'manifest.json': '[]' }): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, data] of Object.entries(entries)) pack.entry({ name }, data);
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const part of pack as AsyncIterable<Buffer>) parts.push(part);
  return Buffer.concat(parts);
}

/** Write files under root, creating folders; returns root. */
export function tree(root: string, files: Record<string, string>): string {
  for (const [relative, text] of Object.entries(files)) {
    const file = join(root, relative);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

/** This process's children: pid, program name, and whether it is a zombie. */
export function childProcesses(): { pid: number; comm: string; zombie: boolean }[] {
  const pids = readdirSync('/proc/self/task').flatMap((task) => readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  return pids.flatMap((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return [{ pid, comm: readFileSync(`/proc/${pid}/comm`, 'utf8').trim(), zombie: stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z') }];
    } catch {
      return [];
    }
  });
}

/** name → body of every member of a tar, read back by tar-stream (which checks every header checksum). */
export async function tarMembers(data: Buffer): Promise<Map<string, Buffer>> {
  const extract = tar.extract();
  const found = new Map<string, Buffer>();
  const done = (async () => {
    for await (const member of extract) {
      const parts: Buffer[] = [];
      for await (const part of member) parts.push(part as Buffer);
      found.set(member.header.name, Buffer.concat(parts));
    }
  })();
  extract.end(data);
  await done;
  return found;
}

/** A list line for NAME whose archive is ARCHIVEPATH (in its images/ folder, the list beside it); FIELDS override the rest. */
export function listEntry(name: string, archivePath = '/l/images/x.tar', fields: Partial<ListEntry> = {}): ListEntry {
  const parsed = parseReference(name);
  if (!parsed.ok) throw new Error(parsed.reason);
  const imagesDir = join(archivePath, '..');
  return {
    list: join(imagesDir, '..', 'image.list'),
    line: 1,
    archiveName: archivePath.slice(imagesDir.length + 1),
    archivePath,
    imagesDir,
    reference: parsed.ref,
    expectedId: undefined,
    size: undefined,
    archiveSha256: undefined,
    policy: undefined,
    deleteAfterLoad: undefined,
    ...fields,
  };
}
