import { rename, writeFile } from 'node:fs/promises';

/** Written aside, then renamed over the target: a reader (or a power cut) never sees half a file. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const aside = `${file}.${process.pid}.tmp`;
  await writeFile(aside, text, { mode: 0o644 });
  await rename(aside, file);
}
