#!/usr/bin/env bash
# Boot test: the whole chain under a real systemd. A Debian 13 or 12 rootfs (cached) gets the daemon,
# unit and image packages installed with dpkg, then boots three times in systemd-nspawn:
#   boot 1  the preload unit succeeds and the engine lists every image.list entry
#   boot 2  the unit succeeds and loads nothing ("loaded 0")
#   reset   the engine's store is deleted from the host (factory reset)
#   boot 3  the unit loads every entry again
#   purge   dpkg --purge of the daemon and its unit package removes /var/lib/preload-daemon (the
#           state file) and leaves the image packages' archives in /usr/share/preload-daemon
# A probe unit ordered after the preload unit records the outcome under /var/lib/boot-test/ and
# powers off; the host asserts on it. Every boot runs under a timeout, so nothing can hang CI.
#
# Usage (root): test/boot/run.sh [PACKAGE.deb]...
#   The packages are installed together with dpkg -i: the daemon, its unit package, image packages.
#   No packages given: the newest ../preload-daemon_*.deb and ../preload-daemon-$ENGINE_*.deb beside
#   the repository (what dpkg-buildpackage leaves there), else a stand-in daemon
#   (BOOT_TEST_STANDIN=shell, podman only, or tree: this repository's build; setting it forces it).
#   No package that ships /usr/share/preload-daemon/*/image.list: a stand-in image package is added
#   (two tiny images, zstd and xz, packed with this repository's pack).
# Environment:
#   BOOT_TEST_SUITE    trixie (Debian 13, default) or bookworm (Debian 12, its own nodejs 18)
#   BOOT_TEST_ENGINE   podman (default) or docker; the unit is preload-daemon-$ENGINE.service
#   BOOT_TEST_UNIT     override the unit name
#   BOOT_TEST_STORAGE  overlay, vfs or auto (default: overlay unless the cache sits on overlayfs/tmpfs)
#   BOOT_TEST_TIMEOUT  seconds per boot (default 180)
#   BOOT_TEST_KEEP=1   keep the work directory (rootfs copy, console logs, probe results)
#   BOOT_TEST_PREPARE=1  only build the cached rootfs of BOOT_TEST_SUITE, then exit (CI, early)
set -euo pipefail

# Bump when the package set or the preparation of the cached rootfs changes.
ROOTFS_VERSION=2
SUITE=${BOOT_TEST_SUITE:-trixie}
MIRROR=${BOOT_TEST_MIRROR:-http://deb.debian.org/debian}
# zstd and xz-utils: the daemon's Depends (it decodes with them). Debian 12's docker.io carries
# its CLI (Debian 13 splits it into docker-cli), and its podman depends on the virtual
# container-network-stack, which debootstrap cannot resolve: netavark provides it.
PACKAGES=systemd-sysv,dbus,nodejs,zstd,xz-utils,podman,docker.io
case "$SUITE" in
  trixie) PACKAGES=$PACKAGES,docker-cli ;;
  bookworm) PACKAGES=$PACKAGES,netavark ;;
  *) echo "BOOT_TEST_SUITE must be trixie or bookworm, not '$SUITE'" >&2; exit 1 ;;
esac

repo=$(cd "$(dirname "$0")/../.." && pwd)
here=$repo/test/boot
cache=$repo/.cache/boot
rootfs_cache=$cache/rootfs-$SUITE-v$ROOTFS_VERSION
engine=${BOOT_TEST_ENGINE:-podman}
unit=${BOOT_TEST_UNIT:-preload-daemon-$engine.service}
boot_timeout=${BOOT_TEST_TIMEOUT:-180}
t_start=$(date +%s.%N)

say() { printf '\n== %s\n' "$*"; }
die() { printf '\nBOOT TEST FAILED: %s\n' "$*" >&2; exit 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }
timings=()
timed() { # timed LABEL COMMAND...: run, record the wall time
  local label=$1 t0; shift; t0=$(date +%s.%N)
  "$@"
  timings+=("$(printf '%-34s %s' "$label" "$(since "$t0")")")
}

[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap, dpkg in a chroot, systemd-nspawn)"
case "$engine" in
  podman) store=var/lib/containers/storage ;;
  docker) store=var/lib/docker ;;
  *) die "BOOT_TEST_ENGINE must be podman or docker, not '$engine'" ;;
esac

host_packages() {
  local want=()
  command -v systemd-nspawn >/dev/null || want+=(systemd-container)
  command -v debootstrap >/dev/null || want+=(debootstrap)
  [ ${#want[@]} -eq 0 ] && return
  echo "installing on the host: ${want[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
}

# Runs a command inside the rootfs without booting it (no network, host untouched).
in_root() {
  systemd-nspawn -q -D "$1" --register=no --keep-unit --private-network "${@:2}" 2> >(quiet_nspawn >&2)
}
# systemd-nspawn 252 warns about its own propagation directory on every exit; harmless.
quiet_nspawn() { grep -v 'Attempted to remove disk file system under "/run/systemd/nspawn/propagate' || true; }

build_rootfs() {
  if [ -f "$rootfs_cache/.boot-test-complete" ]; then echo "reusing $rootfs_cache"; return; fi
  local tmp=$rootfs_cache.tmp
  rm -rf "$tmp"
  # Older cache versions of this suite are dead weight (~800 MB each).
  find "$cache" -maxdepth 1 -name "rootfs-$SUITE-v*" ! -name "rootfs-$SUITE-v$ROOTFS_VERSION" -exec rm -rf {} +
  mkdir -p "$cache/debs-$SUITE"
  echo "debootstrap $SUITE ($PACKAGES) into $tmp"
  debootstrap --variant=minbase --cache-dir="$cache/debs-$SUITE" --include="$PACKAGES" \
    "$SUITE" "$tmp" "$MIRROR" >"$cache/debootstrap-$SUITE.log" 2>&1 \
    || { tail -20 "$cache/debootstrap-$SUITE.log" >&2; die "debootstrap failed (log: $cache/debootstrap-$SUITE.log)"; }
  # Engines start only when a test unit pulls them in (the packages enable docker at boot).
  in_root "$tmp" systemctl disable -q docker.service docker.socket containerd.service
  # A fixed machine id: no first-boot preset run, one persistent journal directory.
  printf '%s\n' 0123456789abcdef0123456789abcdef >"$tmp/etc/machine-id"
  echo boot-test >"$tmp/etc/hostname"
  in_root "$tmp" apt-get clean
  touch "$tmp/.boot-test-complete"
  mv "$tmp" "$rootfs_cache"
}

storage_driver() {
  case "${BOOT_TEST_STORAGE:-auto}" in
    overlay|vfs) echo "$BOOT_TEST_STORAGE" ;;
    # The engine's overlay mounts need a lower file system that is not itself overlayfs or tmpfs.
    auto) case "$(stat -f -c %T "$cache")" in overlayfs|tmpfs) echo vfs ;; *) echo overlay ;; esac ;;
    *) die "BOOT_TEST_STORAGE must be overlay, vfs or auto" ;;
  esac
}

configure_engine() {
  local driver=$1
  mkdir -p "$root/etc/containers" "$root/etc/docker"
  printf '[storage]\ndriver = "%s"\nrunroot = "/run/containers/storage"\ngraphroot = "/var/lib/containers/storage"\n' \
    "$driver" >"$root/etc/containers/storage.conf"
  [ "$driver" = overlay ] && driver=overlay2
  printf '{ "storage-driver": "%s" }\n' "$driver" >"$root/etc/docker/daemon.json"
}

install_debs() {
  mkdir -p "$root/var/cache/boot-test-debs"
  cp "${debs[@]}" "$root/var/cache/boot-test-debs/"
  in_root "$root" sh -c 'dpkg -i /var/cache/boot-test-debs/*.deb' >"$work/dpkg.log" 2>&1 \
    || { cat "$work/dpkg.log" >&2; die "dpkg -i of the packages failed inside the rootfs"; }
  rm -rf "$root/var/cache/boot-test-debs"
  if in_root "$root" systemctl is-enabled -q "$unit"; then
    echo "$unit: enabled by its package"
  else
    echo "WARNING: no package enabled $unit; enabling it for the test" >&2
    in_root "$root" systemctl enable -q "$unit" || die "none of the packages installs $unit"
  fi
  install -D -m 755 "$here/probe.sh" "$root/usr/local/libexec/boot-test-probe"
  sed -e "s/@ENGINE@/$engine/g" -e "s/@UNIT@/$unit/g" "$here/boot-test-probe.service" \
    >"$root/etc/systemd/system/boot-test-probe.service"
  in_root "$root" systemctl enable -q boot-test-probe.service
}

boot() { # boot N: one boot, probe results copied to $work/bootN/
  local n=$1 rc=0
  rm -rf "$root/var/lib/boot-test"
  timeout --kill-after=15 "$boot_timeout" systemd-nspawn -D "$root" --boot --register=no --keep-unit \
    --private-network --console=pipe -q >"$work/boot$n.console" 2>&1 || rc=$?
  rm -rf "$work/boot$n"; cp -a "$root/var/lib/boot-test" "$work/boot$n" 2>/dev/null || mkdir -p "$work/boot$n"
  if [ ! -f "$work/boot$n/done" ]; then
    [ $rc -eq 124 ] && echo "boot $n timed out after $boot_timeout s" >&2
    echo "--- console (tail)" >&2; tail -30 "$work/boot$n.console" >&2
    echo "--- journal (tail)" >&2
    journalctl -D "$root/var/log/journal" -o short-monotonic --no-pager -n 60 >&2 || true
    die "boot $n: the probe did not record a result (systemd-nspawn exit $rc)"
  fi
  [ $rc -ne 124 ] || die "boot $n: the container did not power off within $boot_timeout s (console: $work/boot$n.console)"
}

# Expected entries from the installed lists: "name id" (id may be empty), first line per name wins.
expected_entries() {
  cat "$root"/usr/share/preload-daemon/*/image.list 2>/dev/null | tr -d '\r' | sed 's/^\xef\xbb\xbf//' \
    | awk '$1 !~ /^#/ && NF >= 2 { id = ""; for (i = 3; i <= NF; i++) if ($i ~ /^id=/) id = substr($i, 4)
                                   if (!seen[$2]++) print $2, id }'
}

# Engine spellings of a list name: Podman prefixes localhost/ or docker.io/library/, Docker's CLI
# shows the familiar name.
name_variants() {
  local n=$1 last=${1##*/}
  [[ $last == *:* || $n == *@* ]] || n=$n:latest
  echo "$n"; echo "localhost/$n"; echo "docker.io/$n"; echo "docker.io/library/$n"
}

summary() { { grep -o 'loaded [0-9]*, already present [0-9]*, failed [0-9]*' "$work/boot$1/journal" || true; } | tail -1; }

check_boot() { # check_boot N EXPECTED_LOADED
  local n=$1 want=$2 d=$work/boot$1 name id found v line errors=()
  local active; active=$(cat "$d/active")
  echo "boot $n: $unit is $active; summary: $(summary "$n")"
  [ "$active" = active ] || errors+=("$unit is '$active', not active")
  while read -r name id; do
    found=
    while read -r v; do
      line=$(awk -v v="$v" '$1 == v' "$d/images" | head -1)
      [ -n "$line" ] && { found=$line; break; }
    done < <(name_variants "$name")
    if [ -z "$found" ]; then errors+=("$name is not in the engine's image list")
    elif [ -n "$id" ] && [[ ${id#sha256:} != "${found#* }"* ]]; then
      errors+=("$name has ID ${found#* }, the list says $id")
    fi
  done < <(expected_entries)
  summary "$n" | grep -q "^loaded $want," || errors+=("summary line should say 'loaded $want' (got '$(summary "$n")')")
  # The daemon's STATUS= lines (systemd-notify, NotifyAccess=all): the last one is the summary.
  grep -q '^MemoryMax=134217728$' "$d/show" || errors+=("$unit does not run under the MemoryMax=128M drop-in ($(grep '^MemoryMax=' "$d/show"))")
  if [ "${BOOT_TEST_STANDIN:-}" = "" ] && ! grep -q '^StatusText=loaded [0-9]' "$d/show"; then
    errors+=("systemctl status should show the summary as StatusText (got '$(grep '^StatusText=' "$d/show")')")
  fi
  if [ ${#errors[@]} -gt 0 ]; then
    echo "--- $unit journal"; cat "$d/journal"
    echo "--- engine images"; cat "$d/images" "$d/images.err"
    echo "--- failed units"; cat "$d/failed"
    die "boot $n: $(printf '%s; ' "${errors[@]}")"
  fi
  echo "boot $n: OK ($entries images listed, loaded $want; unit ran $(unit_seconds "$d"))"
}

unit_seconds() {
  awk -F= '/^ExecMainStartTimestampMonotonic=/ { s = $2 } /^ExecMainExitTimestampMonotonic=/ { e = $2 }
           END { if (s && e) printf "%.2f s", (e - s) / 1e6; else print "?" }' "$1/show"
}

# --- main
host_packages
mkdir -p "$cache"
if [ -n "${BOOT_TEST_PREPARE:-}" ]; then timed "rootfs (build or reuse)" build_rootfs; printf '%s\n' "${timings[@]}"; exit 0; fi
debs=("$@")
work=$(mktemp -d "$cache/run.XXXXXX")
root=$work/root
if [ -n "${BOOT_TEST_KEEP:-}" ]; then trap 'echo "work directory kept: $work"' EXIT
else trap 'rm -rf "$work"' EXIT; fi
newest() { ls -t "$@" 2>/dev/null | head -1 || true; }
if [ ${#debs[@]} -eq 0 ] && [ -z "${BOOT_TEST_STANDIN:-}" ]; then
  real=$(newest "$repo"/../preload-daemon_*.deb)
  if [ -n "$real" ]; then
    debs+=("$real")
    real=$(newest "$repo"/../preload-daemon-"$engine"_*.deb)
    [ -z "$real" ] || debs+=("$real")
  fi
fi
shell_standin=
if [ ${#debs[@]} -eq 0 ]; then
  case "${BOOT_TEST_STANDIN:-shell}" in
    shell) shell_standin=1; [ "$engine" = podman ] || die "the shell stand-in only knows podman: pass the packages or BOOT_TEST_STANDIN=tree"
           "$here/make-standins.sh" "$work/debs" daemon ;;
    tree) BOOT_TEST_ENGINE=$engine "$here/make-standins.sh" "$work/debs" daemon_tree ;;
    *) die "BOOT_TEST_STANDIN must be shell or tree" ;;
  esac
  debs+=("$(ls "$work"/debs/preload-daemon_*.deb)")
fi
for f in "${debs[@]}"; do [ -f "$f" ] || die "no such package: $f"; done
ships_list() { dpkg-deb -c "$1" | grep -q '/usr/share/preload-daemon/[^/]*/image\.list$'; }
has_images=
for f in "${debs[@]}"; do ships_list "$f" && has_images=1; done
if [ -z "$has_images" ]; then
  "$here/make-standins.sh" "$work/debs" images; debs+=("$work/debs/boot-test-images_1_all.deb")
fi
printf 'package: %s\n' "${debs[@]}"
echo "suite: $SUITE, engine: $engine, unit: $unit"

say "rootfs ($SUITE, cache key v$ROOTFS_VERSION)"
timed "rootfs (build or reuse)" build_rootfs
timed "copy of the cached rootfs" cp -a --reflink=auto "$rootfs_cache" "$root"
driver=$(storage_driver)
echo "storage driver: $driver"
configure_engine "$driver"

say "install the packages with dpkg inside the rootfs"
timed "dpkg -i + enable" install_debs
entries=$(expected_entries | wc -l)
[ "$entries" -gt 0 ] || die "the image package installed no /usr/share/preload-daemon/*/image.list entries"
echo "$entries image.list entries: $(expected_entries | cut -d' ' -f1 | tr '\n' ' ')"

# The budget of a small board's service (the units document it): every boot runs under it.
mkdir -p "$root/etc/systemd/system/$unit.d"
printf '[Service]\nMemoryHigh=96M\nMemoryMax=128M\n' >"$root/etc/systemd/system/$unit.d/memory.conf"

say "boot 1: first boot loads every shipped image"
timed "boot 1 (wall)" boot 1
check_boot 1 "$entries"

say "boot 2: nothing to load"
timed "boot 2 (wall)" boot 2
check_boot 2 0

say "factory reset: delete /$store, then boot 3 loads everything again"
rm -rf "${root:?}/$store"
timed "boot 3 (wall)" boot 3
check_boot 3 "$entries"

# Quadlet (Podman >= 4.4, so Debian 13) with the real daemon: apps wait for their own image, one
# broken archive fails its app alone, journalctl -p err finds it (test/boot/quadlet-check.sh).
if [ "$engine" = podman ] && [ "$SUITE" != bookworm ] && [ -z "$shell_standin" ] && [ -z "${BOOT_TEST_NO_QUADLET:-}" ]; then
  say "boot 4: Quadlet apps wait for their own image; a broken archive fails its app alone"
  "$here/quadlet-check.sh" setup "$root"
  timed "boot 4 (wall)" boot 4
  "$here/quadlet-check.sh" check "$work/boot4"
fi

say "purge: the state directory goes, the image packages' archives stay"
purge_daemon() {
  [ -f "$root/var/lib/preload-daemon/state.json" ] || die "no /var/lib/preload-daemon/state.json after three boots"
  local archives; archives=$(find "$root/usr/share/preload-daemon" -path '*/images/*' -type f | wc -l)
  # The image packages depend on the daemon: remove it alone, as an engineer swapping it would.
  in_root "$root" dpkg --purge --force-depends "preload-daemon-$engine" preload-daemon >"$work/purge.log" 2>&1 \
    || { cat "$work/purge.log" >&2; die "dpkg --purge failed"; }
  [ ! -e "$root/var/lib/preload-daemon" ] || die "purge left /var/lib/preload-daemon: $(ls -A "$root/var/lib/preload-daemon")"
  [ ! -e "$root/usr/lib/preload-daemon" ] || die "purge left /usr/lib/preload-daemon"
  [ "$(find "$root/usr/share/preload-daemon" -path '*/images/*' -type f | wc -l)" -eq "$archives" ] \
    || die "purging the daemon removed image archives from /usr/share/preload-daemon"
  echo "purged: /var/lib/preload-daemon gone, $archives image archives still in /usr/share/preload-daemon"
}
case "$(dpkg-deb -f "${debs[0]}" Version)" in 0~*) purge_ok=;; *) purge_ok=1;; esac
if [ -n "$purge_ok" ]; then
  timed "purge" purge_daemon
else
  echo "skipped with a stand-in daemon"
fi

say "timings"
printf '%s\n' "${timings[@]}"
printf '%-34s %s\n' "total" "$(since "$t_start")"
echo
echo "BOOT TEST PASSED ($SUITE, $engine, $entries images, 3 boots)"
