// Small helpers shared by the unit tests (not a test file itself).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import tar from 'tar-stream';

/** A fresh temp dir for the enclosing describe(), removed afterwards. Read `.path` inside tests. */
export function tempDirPerSuite(prefix: string): { path: string } {
  const holder = { path: '' };
  before(() => {
    holder.path = mkdtempSync(join(tmpdir(), `pd-unit-${prefix}-`));
  });
  after(() => rmSync(holder.path, { recursive: true, force: true }));
  return holder;
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
