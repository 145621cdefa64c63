#!/usr/bin/env bash
# Proves the Debian build the way sbuild and ISAR run it: in a fresh Debian root that has only
# build-essential, debhelper and the Build-Depends of debian/control (all from Debian's archive),
# with no network at all (systemd-nspawn --private-network: the container has only "lo"), then
# checks that a second build of the same source, in another build path, on another date (the
# clock moved 3 years ahead by libfaketime, taken read-only from the host: the root stays as it
# was), with another umask and time zone, gives byte-identical .debs (cmp), and runs lintian on
# them (--fail-on warning).
#
# Usage (root): scripts/deb-offline-check.sh [--prepare] [SUITE]...   (default: bookworm trixie)
#   --prepare only makes the cached roots (CI starts it early, in the background)
# Environment:
#   DEB_CHECK_OUT=DIR    copy each suite's .debs to DIR/SUITE/ (package-check installs them)
#   DEB_CHECK_REPRO=0    skip the second build
#   DEB_CHECK_MIRROR     Debian mirror for the cached roots (default deb.debian.org)
# The roots are built once with debootstrap (network) into .cache/deb-build/ and reused; each build
# runs on a throw-away overlay of the root (--volatile=overlay), so the cache stays clean.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
prepare=""
[ "${1:-}" = --prepare ] && { prepare=1; shift; }
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(bookworm trixie)
mirror=${DEB_CHECK_MIRROR:-http://deb.debian.org/debian}
cache=$repo/.cache/deb-build
t_start=$(date +%s)

die() { echo "deb-offline-check: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap, systemd-nspawn)"
want=()
command -v systemd-nspawn >/dev/null || want+=(systemd-container)
command -v debootstrap >/dev/null || want+=(debootstrap)
command -v lintian >/dev/null || want+=(lintian)
faketime_lib=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)/faketime
[ -f "$faketime_lib/libfaketime.so.1" ] || want+=(libfaketime)
if [ ${#want[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi

# Build-Depends of debian/control as package names (versions are checked by dpkg-checkbuilddeps
# inside the root; this is what goes into it).
build_depends() {
  sed -n '/^Build-Depends:/,/^[A-Z]/p' debian/control | sed '1s/^Build-Depends://; /^[A-Z]/d' | tr '\n' ' ' \
    | sed 's/([^)]*)//g; s/\[[^]]*\]//g; s/<[^>]*>//g' | tr ',|' '\n\n' | awk 'NF { print $1 }' \
    | grep -v '^debhelper-compat$' | sort -u | paste -sd,
}
packages="build-essential,debhelper,$(build_depends)"
key=$(printf 'v1 %s' "$packages" | sha256sum | cut -c1-12)

nspawn() { # nspawn ROOT ARGS...: offline, not registered, on a throw-away overlay of ROOT
  systemd-nspawn -q -D "$1" --register=no --keep-unit --private-network --volatile=overlay --pipe "${@:2}" \
    2> >(grep -v 'Attempted to remove disk file system under "/run/systemd/nspawn/propagate' >&2 || true)
}

root_for() { # root_for SUITE: the cached build root, made when missing
  local suite=$1 root=$cache/root-$1-$key
  if [ ! -f "$root/.complete" ]; then
    find "$cache" -maxdepth 1 -name "root-$suite-*" ! -name "root-$suite-$key" -exec rm -rf {} + 2>/dev/null || true
    rm -rf "$root.tmp"; mkdir -p "$cache/debs-$suite"
    echo "debootstrap $suite ($packages) into $root" >&2
    debootstrap --variant=minbase --cache-dir="$cache/debs-$suite" --include="$packages" "$suite" "$root.tmp" "$mirror" \
      >"$cache/debootstrap-$suite.log" 2>&1 || { tail -20 "$cache/debootstrap-$suite.log" >&2; die "debootstrap $suite failed"; }
    chroot "$root.tmp" apt-get clean
    touch "$root.tmp/.complete"
    mv "$root.tmp" "$root"
  fi
  echo "$root"
}

# The source as a source package would carry it: tracked and new files, nothing ignored.
copy_source() { # copy_source DEST
  mkdir -p "$1"
  if [ "$(git rev-parse --show-toplevel 2>/dev/null)" = "$repo" ]; then
    git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
      | tar --null -T - -cf - | tar -C "$1" -xf -
  else
    tar --exclude=./node_modules --exclude=./.cache --exclude=./dist --exclude=./dist-test -cf - . | tar -C "$1" -xf -
  fi
}

version=$(dpkg-parsechangelog -S Version 2>/dev/null || sed -n '1s/.*(\(.*\)).*/\1/p' debian/changelog)

build() { # build ROOT HOSTDIR INSIDE_PATH UMASK TZ [CLOCK_OFFSET]: dpkg-buildpackage -us -uc -b, offline
  local root=$1 dir=$2 inside=$3 mask=$4 tz=$5 offset=${6:-}
  copy_source "$dir/src/preload-daemon-$version"
  local t0; t0=$(date +%s)
  local clock=()
  # libfaketime shifts what every C program and node see as the date (Go's esbuild reads the
  # clock without libc, and writes no dates); the monotonic clock stays real for timers.
  [ -z "$offset" ] || clock=(--bind-ro="$faketime_lib:/run/faketime" --setenv=LD_PRELOAD=/run/faketime/libfaketime.so.1
    --setenv=FAKETIME="$offset" --setenv=FAKETIME_DONT_FAKE_MONOTONIC=1)
  nspawn "$root" --bind="$dir/src:$inside" --chdir="$inside/preload-daemon-$version" --setenv=TZ="$tz" --setenv=LC_ALL=C.UTF-8 "${clock[@]}" \
    sh -c "umask $mask; echo \"network interfaces: \$(ls /sys/class/net | paste -sd' ')\"; node --version; esbuild --version; echo \"date: \$(date -u +%F)\"; dpkg-buildpackage -us -uc -b" \
    >"$dir/build.log" 2>&1 || { tail -40 "$dir/build.log" >&2; die "dpkg-buildpackage failed in $(basename "$root") (log: $dir/build.log)"; }
  grep -qx 'network interfaces: lo' "$dir/build.log" || die "the build container had a network: $(grep '^network' "$dir/build.log")"
  echo "  built in $inside in $(( $(date +%s) - t0 )) s ($(sed -n '2p;3p;4p' "$dir/build.log" | tr '\n' ' ')); offline: $(sed -n 1p "$dir/build.log")"
}

if [ -n "$prepare" ]; then
  for suite in "${suites[@]}"; do echo "$suite: $(root_for "$suite")"; done
  echo "deb-offline-check --prepare: roots ready in $(( $(date +%s) - t_start )) s"; exit 0
fi
work=$(mktemp -d "$cache/run.XXXXXX")
trap 'rm -rf "$work"' EXIT
for suite in "${suites[@]}"; do
  echo "== $suite"
  root=$(root_for "$suite")
  build "$root" "$work/$suite-1" /build/preload-daemon 022 UTC
  ls "$work/$suite-1/src"/*.deb >/dev/null 2>&1 || die "no .deb produced"
  for deb in "$work/$suite-1/src"/*.deb; do echo "  $(basename "$deb") $(stat -c %s "$deb") bytes sha256 $(sha256sum "$deb" | cut -c1-16)"; done
  if [ "${DEB_CHECK_REPRO:-1}" = 1 ]; then
    # Another date (3 years on), path, umask and zone.
    build "$root" "$work/$suite-2" /srv/elsewhere/a-much-longer-build-path 002 Pacific/Kiritimati +1095d
    [ "$(sed -n 's/^date: //p' "$work/$suite-2/build.log")" != "$(sed -n 's/^date: //p' "$work/$suite-1/build.log")" ] \
      || die "$suite: the second build did not run on another date (libfaketime)"
    for deb in "$work/$suite-1/src"/*.deb; do
      cmp "$deb" "$work/$suite-2/src/$(basename "$deb")" || die "$suite: $(basename "$deb") differs between two builds (not reproducible)"
    done
    echo "  reproducible: the second build's .debs are byte-identical (cmp)"
  fi
  lintian --fail-on warning --info "$work/$suite-1/src"/*.deb || die "$suite: lintian reported warnings or errors"
  echo "  lintian $(lintian --version | cut -d' ' -f2): no errors, no warnings"
  if [ -n "${DEB_CHECK_OUT:-}" ]; then mkdir -p "$DEB_CHECK_OUT/$suite" && cp "$work/$suite-1/src"/*.deb "$DEB_CHECK_OUT/$suite/"; fi
done
echo "deb-offline-check: OK (${suites[*]}) in $(( $(date +%s) - t_start )) s"
