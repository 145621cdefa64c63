// Engine timeouts, apart from the client so the option table can show them without loading it.

/** Quick calls (ping, inspect) must never hang a boot: each is bounded. */
export const REQUEST_TIMEOUT_MS = 15_000;
/**
 * After the upload, Podman unpacks and stores the whole image before it answers (minutes for
 * a large image on slow eMMC); an engine silent for longer than this is stuck. Matches the
 * units' TimeoutStartSec; --load-timeout changes it.
 */
export const DEFAULT_LOAD_TIMEOUT_SECONDS = 30 * 60;
/** An engine that takes no upload bytes for this long is stuck (frozen storage); --stall-timeout changes it. */
export const DEFAULT_STALL_TIMEOUT_SECONDS = 120;
