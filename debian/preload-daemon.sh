#!/bin/sh
# preload-daemon: one bundled JavaScript file, run by Debian's nodejs.
# One malloc arena: node's helper threads would each grow their own, ~3-4 MB of a small
# board's RSS for nothing this program needs (measured on 1 GiB loads; speed unchanged).
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-1}
export MALLOC_ARENA_MAX
exec /usr/bin/node /usr/lib/preload-daemon/preload-daemon.cjs "$@"
