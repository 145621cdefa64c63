#!/usr/bin/env bash
# The README's quick-start commands as a new user runs them: in a fresh Debian root (debootstrap
# minbase + ca-certificates, cached in .cache/quickstart/), booted with nothing else installed,
# under systemd-nspawn (its /tmp is a RAM tmpfs, as on a default Debian 13), a copy of this
# repository runs the given commands as root. setup.sh installs what is missing from Debian's
# archive and npm ci fetches from the npm registry: this check has network.
# Usage (root): scripts/quickstart-check.sh SUITE [COMMAND]...
#   SUITE bookworm or trixie; COMMANDs default to "scripts/demo.sh" "scripts/test.sh"
# Example: scripts/quickstart-check.sh trixie scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
suite=${1:?usage: scripts/quickstart-check.sh bookworm|trixie [COMMAND]...}
shift
commands=("$@")
[ ${#commands[@]} -gt 0 ] || commands=(scripts/demo.sh scripts/test.sh)
case "$suite" in bookworm|trixie) ;; *) echo "quickstart-check: SUITE is bookworm or trixie" >&2; exit 2 ;; esac
[ "$(id -u)" -eq 0 ] || { echo "quickstart-check: run as root" >&2; exit 2; }
cache=$repo/.cache/quickstart
root=$cache/root-$suite-v1
mirror=${QUICKSTART_MIRROR:-http://deb.debian.org/debian}
t0=$(date +%s)

if [ ! -f "$root/.complete" ]; then
  rm -rf "$root.tmp"; mkdir -p "$cache/debs-$suite"
  echo "debootstrap $suite (minbase + ca-certificates) into $root"
  debootstrap --variant=minbase --cache-dir="$cache/debs-$suite" --include=ca-certificates "$suite" "$root.tmp" "$mirror" \
    >"$cache/debootstrap-$suite.log" 2>&1 || { tail -20 "$cache/debootstrap-$suite.log" >&2; exit 1; }
  chroot "$root.tmp" apt-get clean
  touch "$root.tmp/.complete"; mv "$root.tmp" "$root"
fi

work=$(mktemp -d "$cache/run.XXXXXX")
trap 'rm -rf "$work"' EXIT
# A copy of the root for this run (the commands install packages into it) and of the source.
cp -a --reflink=auto "$root" "$work/root"
mkdir -p "$work/root/src"
if [ "$(git rev-parse --show-toplevel 2>/dev/null)" = "$repo" ]; then
  # Tracked and new files as they are now (a file deleted but not yet committed is left out).
  git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
    | tar --null -T - -cf - | tar -C "$work/root/src" -xf -
else
  tar --exclude=./node_modules --exclude=./.cache --exclude=./dist --exclude=./dist-test -cf - . | tar -C "$work/root/src" -xf -
fi
# Engines inside need the host's capabilities; the container shares the host network and,
# read-only, the host's CA bundle for npm (behind a TLS-inspecting proxy the fresh root's own
# bundle would not do; elsewhere it changes nothing).
systemd-nspawn -q -D "$work/root" --register=no --keep-unit --pipe --capability=all \
  --bind-ro=/etc/ssl/certs/ca-certificates.crt:/etc/host-ca-certificates.crt \
  --setenv=NODE_EXTRA_CA_CERTS=/etc/host-ca-certificates.crt \
  --system-call-filter='@keyring bpf' \
  --setenv=CI=true bash -c "set -e; cd /src; df -h /tmp /var/tmp | sed 's/^/quickstart-check: /'; $(for c in "${commands[@]}"; do printf 'echo "== quickstart-check: %s"; bash %s; ' "$c" "$c"; done)" \
  2> >(grep -v 'Attempted to remove disk file system under "/run/systemd/nspawn/propagate' >&2 || true)
echo "quickstart-check: ${commands[*]} passed in a fresh $suite root in $(( $(date +%s) - t0 )) s"
