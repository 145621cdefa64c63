/**
 * When an entry is loaded (`policy=` in the list, default from the settings):
 * - missing: only when the tag is absent (the ISAR loader's behaviour)
 * - changed: also when a firmware update shipped a different archive for the tag, unless
 *   the user replaced the image at runtime since our last load
 * - always:  on every run
 * - never:   not by this daemon (the entry documents an image managed elsewhere)
 */
export const POLICIES = ['missing', 'changed', 'always', 'never'] as const;
export type Policy = (typeof POLICIES)[number];
