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

# Debian 13 ships the docker CLI (docker save, used by the name tests) apart from docker.io.
case ",$engines," in *,docker,*)
  if [ ! -x /usr/bin/docker ]; then
    apt-cache show docker-cli >/dev/null 2>&1 || apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-cli >/dev/null
  fi ;;
esac

if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 18 || (a === 18 && b >= 19) ? 0 : 1)'; then
  echo "setup.sh: Node.js $(node --version) is too old: preload-daemon needs Node.js 18.19 or newer" >&2
  echo "  (Debian 12's own nodejs is 18.20, Debian 13's is 20.19)" >&2
  exit 2
fi

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup.sh: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent build
