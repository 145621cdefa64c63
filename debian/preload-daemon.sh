#!/bin/sh
# preload-daemon: the compiled CLI lives with its node_modules in /usr/lib/preload-daemon.
exec /usr/bin/node /usr/lib/preload-daemon/dist/cli/main.js "$@"
