import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** Whether CHILD is strictly inside PARENT (both real paths). */
export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * Why IMAGES_DIR (a list's images/ folder) cannot be trusted, or undefined. Archives are kept
 * inside images/, so images/ itself must resolve inside the list's own folder: an `images`
 * symlink to `/` would otherwise let a line open (and delete-after-load unlink) any file.
 * A folder that does not exist is not this check's business: each archive then says it is missing.
 */
export async function imagesFolderEscape(imagesDir: string): Promise<string | undefined> {
  const packageDir = path.dirname(imagesDir);
  let real: string;
  let realPackage: string;
  try {
    [real, realPackage] = await Promise.all([realpath(imagesDir), realpath(packageDir)]);
  } catch {
    return undefined;
  }
  if (isInside(real, realPackage)) return undefined;
  return `the images folder ${imagesDir} resolves to ${real}, outside the package folder ${realPackage}`;
}
