#!/bin/sh
# Bundles the daemon (src/cli/main.ts and everything it imports, dependencies included) into ONE
# ES module for Node >= 18.19, so nothing is resolved from node_modules at run time.
# Usage: scripts/bundle.sh [OUTFILE] [EXTRA ESBUILD ARGS...]   (default dist/preload-daemon.mjs)
# ESBUILD: the esbuild to run. Default: node_modules/.bin/esbuild (npm run build), else the one in
# PATH (Debian's esbuild package: debian/rules runs this with NODE_PATH=vendor). The command works
# with esbuild 0.17 (Debian 12) and newer.
set -eu
cd "$(dirname "$0")/.."
out=${1:-dist/preload-daemon.mjs}
[ $# -gt 0 ] && shift
if [ -z "${ESBUILD:-}" ]; then
  if [ -x node_modules/.bin/esbuild ]; then ESBUILD=node_modules/.bin/esbuild; else ESBUILD=esbuild; fi
fi
version=$(node -p 'require("./package.json").version')
# CommonJS dependencies (pino) call require() for Node's built-ins: give the ES module one.
"$ESBUILD" src/cli/main.ts --bundle --platform=node --format=esm --target=node18 \
  --outfile="$out" --log-level=warning --charset=utf8 \
  --define:PRELOAD_DAEMON_VERSION="\"$version\"" \
  --banner:js="import { createRequire as __preloadCreateRequire } from 'node:module'; const require = __preloadCreateRequire(import.meta.url);" \
  "$@"
chmod 755 "$out"
