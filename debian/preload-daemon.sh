#!/bin/sh
# preload-daemon: one bundled JavaScript file, run by Debian's nodejs.
exec /usr/bin/node /usr/lib/preload-daemon/preload-daemon.cjs "$@"
