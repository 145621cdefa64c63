import { readFile } from 'node:fs/promises';

/** The kernel's ID of this boot (a new one each boot), or undefined where /proc does not say. */
export async function bootId(): Promise<string | undefined> {
  const id = await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => '');
  return id.trim() || undefined;
}
