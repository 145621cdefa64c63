#!/usr/bin/env bash
# The main job on this machine, start to finish, with a private Podman service:
# ship two compressed image archives, boot (load), boot again (nothing to do),
# factory reset (wipe the store), restore with --reload, and show status.
# Touches no system-wide engine. Run as root: scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --engines podman

work=$(mktemp -d /tmp/preload-demo.XXXXXX)
service_pid=""
cleanup() {
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
daemon() { echo "\$ preload-daemon $*"; node dist/preload-daemon.cjs "$@" --socket "$work/podman.sock" --lock-file "$work/lock" --state-file "$work/state.json" --config "$work/config.json"; }
device_podman() { podman --storage-driver=vfs --root "$work/device/root" --runroot "$work/device/run" "$@"; }
build_podman() { podman --storage-driver=vfs --root "$work/build/root" --runroot "$work/build/run" "$@"; }

echo "{}" > "$work/config.json"
say "Build machine: make two small images, pack them into compressed archives + image.list"
mkdir -p "$work/rootfs/etc" "$work/pkg/images"
echo "hello from the factory image" > "$work/rootfs/etc/motd"
cp /etc/os-release "$work/rootfs/etc/os-release"
tar -C "$work/rootfs" -cf "$work/rootfs.tar" .
build_podman import -q "$work/rootfs.tar" localhost/demo/hello:1.0 >/dev/null
build_podman import -q --change 'ENV APP=web' "$work/rootfs.tar" localhost/demo/web:2.1 >/dev/null
build_podman save -q --format docker-archive -o "$work/hello.tar" localhost/demo/hello:1.0
build_podman save -q --format oci-archive -o "$work/web.oci.tar" localhost/demo/web:2.1
echo "\$ preload-daemon pack --out pkg docker-archive:hello.tar"
node dist/preload-daemon.cjs pack --out "$work/pkg" "docker-archive:$work/hello.tar"
echo "\$ preload-daemon pack --out pkg --compression xz oci-archive:web.oci.tar=localhost/demo/web:2.1"
node dist/preload-daemon.cjs pack --out "$work/pkg" --compression xz "oci-archive:$work/web.oci.tar=localhost/demo/web:2.1"
ls -l "$work/pkg/images"; cat "$work/pkg/image.list"

say "Device: start a private Podman API service (vfs storage, private socket)"
mkdir -p "$work/device/tmp"
TMPDIR="$work/device/tmp" podman --storage-driver=vfs --root "$work/device/root" --runroot "$work/device/run" \
  system service --time=0 "unix://$work/podman.sock" >"$work/podman.log" 2>&1 &
service_pid=$!
for _ in $(seq 100); do [ -S "$work/podman.sock" ] && break; sleep 0.1; done
echo "podman service pid $service_pid on $work/podman.sock"

say "First boot: both images are missing, so both are loaded"
daemon --list "$work/pkg"
say "Status"
daemon status --list "$work/pkg"

say "Second boot: everything is present; no archive is even opened"
time daemon --list "$work/pkg"

say "A runtime update: the user replaces demo/web:2.1; a normal boot keeps the user's image"
device_podman tag localhost/demo/hello:1.0 localhost/demo/web:2.1
daemon --list "$work/pkg"
daemon status --list "$work/pkg"

say "Factory reset: the engine's store is wiped; the archives are still in the firmware"
device_podman rmi -a -f >/dev/null
daemon status --list "$work/pkg" || true

say "preload-daemon --reload restores the shipped images"
daemon --reload --list "$work/pkg"
daemon status --list "$work/pkg" --json
say "Demo finished: the private Podman service is stopped and $work removed"
