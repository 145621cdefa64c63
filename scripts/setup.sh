#!/usr/bin/env bash
# Installs what preload-daemon needs to build, demo and test on a fresh Debian 12/13, as root.
# Idempotent and quick when everything is there. Usage: scripts/setup.sh [--engines docker,podman] [--tools]
set -euo pipefail
cd "$(dirname "$0")/.."

engines="podman"
tools=""
while [ $# -gt 0 ]; do
  case "$1" in
    --engines) engines="$2"; shift 2 ;;
    --tools) tools=1; shift ;;
    *) echo "setup.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ "$(id -u)" -ne 0 ]; then
  echo "setup.sh: run as root (it installs Debian packages and starts private engines)" >&2
  exit 2
fi

want=()
need() { dpkg -s "$1" >/dev/null 2>&1 || want+=("$1"); }
command -v node >/dev/null || need nodejs
command -v npm >/dev/null || need npm
need zstd
need xz-utils
need ca-certificates
case ",$engines," in *,podman,*) need podman ;; esac
case ",$engines," in *,docker,*) need docker.io ;; esac
if [ -n "$tools" ]; then need skopeo; need docker-registry; need pigz; need curl; need strace; fi
# zstd-napi builds from source with node-gyp.
command -v make >/dev/null || need make
command -v g++ >/dev/null || need g++
command -v python3 >/dev/null || need python3

if [ ${#want[@]} -gt 0 ]; then
  echo "setup.sh: installing ${want[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the packages from starting system-wide engines: demo and tests start private ones.
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "setup.sh: Node.js $(node --version) is too old: preload-daemon needs Node.js 20 or newer" >&2
  echo "  (Debian 13 ships 20.19; on Debian 12 install Node.js 20 from another source)" >&2
  exit 2
fi

# node-gyp must find Node's headers on this machine: nothing may be downloaded.
if [ ! -e /usr/include/node/node_api.h ] && ! dpkg -s libnode-dev >/dev/null 2>&1; then
  if apt-cache show libnode-dev >/dev/null 2>&1; then
    apt-get install -y -qq --no-install-recommends libnode-dev >/dev/null
  fi
fi
if [ -e /usr/include/node/common.gypi ]; then export npm_config_nodedir=/usr; fi

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup.sh: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
