#!/usr/bin/env bash
# Builds the Debian packages from this tree offline in fresh Debian 12 and 13 roots
# (scripts/deb-offline-check.sh: no network, reproducible, lintian --fail-on warning), checks
# the units with systemd-analyze, installs the Debian 12 build on this machine with dpkg -i, and
# runs the installed preload-daemon (pack --deb an image package, install it, load it) against
# a private Podman service. Then boots each release's packages three times in a rootfs of that
# release under systemd-nspawn, on Podman and Docker, and purges the daemon there
# (test/boot/run.sh; set PACKAGE_CHECK_BOOT=0 to skip).
# CI runs it after the test suite. Run as root: scripts/package-check.sh
# PACKAGE_CHECK_DEBS_OUT=DIR keeps the built packages in DIR/<suite>/ (CI hands them to the arm64 check).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
bash scripts/setup.sh --engines podman --tools
for pkg in lintian dpkg-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq --no-install-recommends lintian dpkg-dev >/dev/null; break; }
done

work=$(mktemp -d /tmp/preload-pkg.XXXXXX)
service_pid=""
cleanup() {
  if [ -n "$service_pid" ]; then kill "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
  dpkg --purge pd-check-images preload-daemon-podman preload-daemon-docker preload-daemon >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== package-check: %s\n' "$*"; }

step "offline, reproducible, lintian-clean builds in fresh Debian 12 and 13 roots"
DEB_CHECK_OUT="$work/debs" bash scripts/deb-offline-check.sh bookworm trixie
ls -l "$work"/debs/*/
if [ -n "${PACKAGE_CHECK_DEBS_OUT:-}" ]; then rm -rf "$PACKAGE_CHECK_DEBS_OUT" && mkdir -p "$PACKAGE_CHECK_DEBS_OUT" && cp -r "$work"/debs/* "$PACKAGE_CHECK_DEBS_OUT/"; fi

step "dpkg -i (the Debian 12 build)"
debs=$work/debs/bookworm
dpkg -i "$debs"/preload-daemon_*_all.deb "$debs"/preload-daemon-podman_*.deb "$debs"/preload-daemon-docker_*.deb
preload-daemon --version

step "systemd-analyze verify and security of the installed units"
found=()
for name in preload-daemon-docker.service preload-daemon-podman.service; do
  found+=("$(ls /lib/systemd/system/$name /usr/lib/systemd/system/$name 2>/dev/null | head -n1)")
done
found+=(/usr/lib/systemd/user/preload-daemon.service)
out=$(systemd-analyze verify "${found[@]}" 2>&1 || true)
echo "${out:-verify: no findings}"
if echo "$out" | grep -v "docker.service\|podman.socket\|podman.service" | grep -q .; then
  echo "package-check: systemd-analyze verify reported problems" >&2; exit 1
fi
for unit in "${found[@]:0:2}"; do
  level=$(systemd-analyze security --offline=yes "$unit" 2>/dev/null | sed -n 's/.*exposure level for .*: \([0-9.]*\).*/\1/p')
  echo "$(basename "$unit"): exposure $level"
  awk -v l="$level" 'BEGIN { exit !(l <= 3.0) }' || { echo "package-check: exposure $level above 3.0" >&2; exit 1; }
done

step "the installed preload-daemon packs an image package, which installs and loads"
mkdir -p "$work/rootfs/etc" && echo "packaged" >"$work/rootfs/etc/motd"
tar -C "$work/rootfs" -cf "$work/rootfs.tar" .
build="podman --storage-driver=vfs --root $work/build/root --runroot $work/build/run"
$build import -q "$work/rootfs.tar" localhost/pd-check/app:1.0 >/dev/null
$build save -q --format docker-archive -o "$work/app.tar" localhost/pd-check/app:1.0
preload-daemon pack --out "$work/pkg" --deb pd-check-images --deb-version 1.0 "docker-archive:$work/app.tar"
dpkg -i "$work"/pd-check-images_1.0_all.deb
cat /usr/share/preload-daemon/pd-check-images/image.list

echo "{}" > "$work/config.json"
mkdir -p "$work/device/tmp"
TMPDIR="$work/device/tmp" podman --storage-driver=vfs --root "$work/device/root" --runroot "$work/device/run" \
  system service --time=0 "unix://$work/podman.sock" >"$work/podman.log" 2>&1 &
service_pid=$!
for _ in $(seq 100); do [ -S "$work/podman.sock" ] && break; sleep 0.1; done
preload-daemon --socket "$work/podman.sock" --lock-file "$work/lock" --state-file "$work/state.json" --config "$work/config.json" 2>&1 | tail -2 || true
preload-daemon status --json --socket "$work/podman.sock" --config "$work/config.json" >"$work/status.json" || true
node -e '
const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const e = s.entries.find((x) => x.reference === "localhost/pd-check/app:1.0");
if (!e || !e.present) { console.error("package-check: the packaged image is not present after the load", JSON.stringify(s)); process.exit(1); }
console.log("package-check: loaded", e.reference, e.imageId);
' "$work/status.json"
step "boot test: each release's packages in its own rootfs under systemd-nspawn, on Podman and Docker"
if [ "${PACKAGE_CHECK_BOOT:-1}" = 1 ]; then
  for suite in bookworm trixie; do
    for engine in podman docker; do
      BOOT_TEST_SUITE=$suite BOOT_TEST_ENGINE=$engine bash test/boot/run.sh "$work/debs/$suite"/preload-daemon_*_all.deb \
        "$work/debs/$suite"/preload-daemon-"$engine"_*.deb "$work"/pd-check-images_1.0_all.deb
    done
  done
else
  echo "skipped (PACKAGE_CHECK_BOOT=0)"
fi
step "ok"
