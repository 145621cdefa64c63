/** Where the state file lives unless --state-file says otherwise (kept apart so the option table loads no schema). */
export const DEFAULT_STATE_FILE = '/var/lib/preload-daemon/state.json';
