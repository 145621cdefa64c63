#!/usr/bin/env bash
# arm64 proof under qemu-user: in a Debian 13 arm64 root (debootstrap, cached) with Debian's own
# arm64 nodejs, zstd and xz-utils, run by systemd-nspawn through binfmt_misc:
#   1. the bundled program (dist/preload-daemon.cjs) packs an arm64 image into a zstd and an xz
#      archive (pack runs `zstd`/`xz` of the arm64 root);
#   2. it loads both archives into a real engine: a private Podman service on the host, its
#      socket bind-mounted into the container, and the host checks the images are there;
#   3. the Architecture: all .deb (given, else the newest ../preload-daemon_*_all.deb) installs
#      with dpkg in the root and `preload-daemon status` reports both images present.
# Every step is timed. Usage (root): scripts/arm64-check.sh [preload-daemon_*_all.deb]
#                                    scripts/arm64-check.sh --prepare   (only the cached root)
# Needs `npm run build` first. The root is built once into .cache/arm64/ and each run uses a
# throw-away overlay of it (--volatile=overlay).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
cache=$repo/.cache/arm64
mirror=${ARM64_CHECK_MIRROR:-http://deb.debian.org/debian}
packages=nodejs,zstd,xz-utils,ca-certificates
key=$(printf 'v1 %s' "$packages" | sha256sum | cut -c1-12)
root=$cache/root-trixie-$key
bundle=$repo/dist/preload-daemon.cjs
t_start=$(date +%s.%N)

die() { echo "arm64-check: $*" >&2; exit 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }
timings=()
timed() { local label=$1 t0; shift; t0=$(date +%s.%N); "$@"; timings+=("$(printf '%-44s %s' "$label" "$(since "$t0")")"); }

[ "$(id -u)" -eq 0 ] || die "run as root (binfmt_misc, debootstrap, systemd-nspawn)"
prepare=""
[ "${1:-}" = --prepare ] && { prepare=1; shift; }
[ -n "$prepare" ] || [ -f "$bundle" ] || die "$bundle is missing: run npm run build first"
deb=${1:-$(ls -t "$repo"/../preload-daemon_*_all.deb 2>/dev/null | head -1 || true)}
[ -z "$deb" ] || [ -f "$deb" ] || die "no such package: $deb"

want=()
command -v systemd-nspawn >/dev/null || want+=(systemd-container)
command -v debootstrap >/dev/null || want+=(debootstrap)
[ -e /usr/bin/qemu-aarch64-static ] || want+=(qemu-user-static binfmt-support)
[ -n "$prepare" ] || command -v podman >/dev/null || want+=(podman)   # --prepare needs no engine
if [ ${#want[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
fi
mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64 \
  || die "no qemu-aarch64 binfmt handler (install qemu-user-static binfmt-support)"

make_root() {
  [ -f "$root/.complete" ] && { echo "reusing $root"; return; }
  find "$cache" -maxdepth 1 -name 'root-trixie-*' ! -name "root-trixie-$key" -exec rm -rf {} + 2>/dev/null || true
  rm -rf "$root.tmp"; mkdir -p "$cache/debs"
  echo "debootstrap --arch=arm64 trixie ($packages) into $root"
  debootstrap --arch=arm64 --variant=minbase --cache-dir="$cache/debs" --include="$packages" trixie "$root.tmp" "$mirror" \
    >"$cache/debootstrap.log" 2>&1 || { tail -20 "$cache/debootstrap.log" >&2; die "debootstrap failed"; }
  chroot "$root.tmp" apt-get clean
  touch "$root.tmp/.complete"; mv "$root.tmp" "$root"
}

if [ -n "$prepare" ]; then timed "arm64 root (debootstrap or reuse)" make_root; printf '%s\n' "${timings[@]}"; exit 0; fi
work=$(mktemp -d /var/tmp/pd-arm64.XXXXXX)
service_pid=""
cleanup() {
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
in_arm64() { # the arm64 root, offline, on a throw-away overlay, /w = the work dir
  systemd-nspawn -q -D "$root" --register=no --keep-unit --private-network --volatile=overlay --pipe --bind="$work:/w" \
    --setenv=TMPDIR=/w/tmp "$@" 2> >(grep -v 'Attempted to remove disk file system under "/run/systemd/nspawn/propagate' >&2 || true)
}

timed "arm64 root (debootstrap or reuse)" make_root
mkdir -p "$work/tmp" "$work/rootfs/etc"
cp "$bundle" "$work/preload-daemon.cjs"
echo "{}" >"$work/config.json"
echo "machine: $(in_arm64 uname -m); $(in_arm64 node --version) ($(in_arm64 dpkg-query -W -f '${Version}' nodejs)); $(in_arm64 zstd --version | head -1); $(in_arm64 xz --version | head -1)"
[ "$(in_arm64 uname -m)" = aarch64 ] || die "the root does not run as aarch64"

host_podman="podman --storage-driver=vfs --root $work/host/root --runroot $work/host/run --tmpdir $work/host/tmp"
echo "arm64 image" >"$work/rootfs/etc/motd"
tar -C "$work/rootfs" -cf "$work/rootfs.tar" .
$host_podman import -q --arch arm64 "$work/rootfs.tar" localhost/arm64-check/app:1.0 >/dev/null
$host_podman import -q --arch arm64 --change 'ENV APP=web' "$work/rootfs.tar" localhost/arm64-check/web:2.1 >/dev/null
$host_podman save -q --format docker-archive -o "$work/app.tar" localhost/arm64-check/app:1.0
$host_podman save -q --format docker-archive -o "$work/web.tar" localhost/arm64-check/web:2.1

timed "node -e 0 (arm64, emulated)" in_arm64 node -e 0
timed "preload-daemon --version (arm64, emulated)" in_arm64 node /w/preload-daemon.cjs --version
timed "pack zstd (arm64)" in_arm64 node /w/preload-daemon.cjs pack --out /w/pkg --compression zstd docker-archive:/w/app.tar
timed "pack xz (arm64)" in_arm64 node /w/preload-daemon.cjs pack --out /w/pkg --compression xz docker-archive:/w/web.tar
cat "$work/pkg/image.list"
ls "$work/pkg/images" | grep -q '\.zst$' && ls "$work/pkg/images" | grep -q '\.xz$' || die "pack did not write a .zst and an .xz archive"

# The device's engine: a private Podman service on the host (its own store), socket under /w.
mkdir -p "$work/dev/tmp"
TMPDIR=$work/dev/tmp podman --storage-driver=vfs --root "$work/dev/root" --runroot "$work/dev/run" \
  system service --time=0 "unix://$work/podman.sock" >"$work/podman.log" 2>&1 &
service_pid=$!
for _ in $(seq 100); do [ -S "$work/podman.sock" ] && break; sleep 0.1; done
[ -S "$work/podman.sock" ] || die "podman service did not start: $(tail -5 "$work/podman.log")"
daemon_args=(--engine podman --socket /w/podman.sock --lock-file /w/lock --state-file /w/state.json --config /w/config.json --list /w/pkg)
timed "load zstd + xz into Podman (arm64)" in_arm64 node /w/preload-daemon.cjs "${daemon_args[@]}"
dev_podman="podman --storage-driver=vfs --root $work/dev/root --runroot $work/dev/run"
for ref in localhost/arm64-check/app:1.0 localhost/arm64-check/web:2.1; do
  $dev_podman image exists "$ref" || die "$ref is not in the engine after the load"
done
echo "engine lists: $($dev_podman images --format '{{.Repository}}:{{.Tag}}' | sort | tr '\n' ' ')"
timed "warm run, both present (arm64)" in_arm64 node /w/preload-daemon.cjs "${daemon_args[@]}"

if [ -n "$deb" ]; then
  cp "$deb" "$work/"
  check_installed() {
    in_arm64 sh -c "dpkg -i /w/$(basename "$deb") >/w/dpkg.log 2>&1 || { cat /w/dpkg.log; exit 1; }
      preload-daemon --version
      preload-daemon status --json --socket /w/podman.sock --engine podman --config /w/config.json --list /w/pkg >/w/status.json"
  }
  timed "dpkg -i $(basename "$deb") + status (arm64)" check_installed
  node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const missing = s.entries.filter((e) => !e.present).map((e) => e.reference);
    if (s.entries.length !== 2 || missing.length) { console.error("arm64-check: status:", JSON.stringify(s)); process.exit(1); }
    console.log("installed preload-daemon status: " + s.entries.map((e) => e.reference + " present").join(", "));
  ' "$work/status.json"
else
  echo "no preload-daemon_*_all.deb given or beside the repository: the .deb step was skipped" >&2
fi
printf '\n== timings\n'; printf '%s\n' "${timings[@]}"; printf '%-44s %s\n' total "$(since "$t_start")"
echo "arm64-check: OK"
