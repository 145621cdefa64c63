// Where image packages put their lists. A module of its own so the option table can name the
// default without loading the folder walker (and node:fs/promises) on the way to --version.

export const LIST_FILE_NAME = 'image.list';
/** Image packages install `/usr/share/preload-daemon/<package>/image.list` + `images/`. */
export const DEFAULT_LIST_ROOT = '/usr/share/preload-daemon';
