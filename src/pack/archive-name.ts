import type { Compression } from '../config/compression.js';
import { EXTENSIONS } from './compress.js';

/** `registry.local:5000/team/app:1.2` → `registry.local_5000_team_app_1.2.tar.zst`: stable, flat, shell-safe. */
export function archiveFileName(name: string, compression: Compression): string {
  return `${name.replace(/[/:@]/g, '_')}${EXTENSIONS[compression]}`;
}
