#!/usr/bin/env bash
# Stand-in packages for the boot test while the real ones are being written:
#   OUTDIR/preload-daemon_0~standin_all.deb  /usr/bin/preload-daemon (shell, local podman CLI) and
#                                            preload-daemon-podman.service, enabled in postinst the
#                                            way dh_installsystemd does it
#   OUTDIR/boot-test-images_1_all.deb        /usr/share/preload-daemon/boot-test/{image.list,images/}
#                                            packed with this repository's `preload-daemon pack`
#   OUTDIR/preload-daemon_0~tree_all.deb     this repository's built daemon (the bundle,
#                                            dist/preload-daemon.cjs) in /usr/lib/preload-daemon, the
#                                            README's unit for $BOOT_TEST_ENGINE (podman or docker),
#                                            enabled in postinst
# Usage (root, from anywhere): test/boot/make-standins.sh OUTDIR [daemon|daemon_tree|images]...
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$1; shift
what=${*:-daemon images}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

daemon_deb() {
  local d=$tmp/daemon
  mkdir -p "$d/DEBIAN" "$d/usr/bin" "$d/usr/lib/systemd/system"
  cat >"$d/DEBIAN/control" <<'CTL'
Package: preload-daemon
Version: 0~standin
Architecture: all
Maintainer: boot test <root@localhost>
Depends: podman
Description: stand-in for preload-daemon (boot test only)
CTL
  cat >"$d/DEBIAN/postinst" <<'SH'
#!/bin/sh
set -e
if [ "$1" = configure ]; then deb-systemd-helper enable preload-daemon-podman.service >/dev/null || true; fi
SH
  chmod 755 "$d/DEBIAN/postinst"
  cat >"$d/usr/lib/systemd/system/preload-daemon-podman.service" <<'UNIT'
[Unit]
Description=Load shipped container images (stand-in)
Requires=podman.socket
After=podman.socket

[Service]
Type=oneshot
RemainAfterExit=yes
Environment=TMPDIR=/var/tmp
ExecStart=/usr/bin/preload-daemon --engine podman

[Install]
WantedBy=multi-user.target
UNIT
  cat >"$d/usr/bin/preload-daemon" <<'SH'
#!/bin/sh
# Stand-in: load each image.list entry that podman does not have; print the real daemon's summary.
start=$(date +%s.%N); loaded=0; present=0; failed=0
for list in /usr/share/preload-daemon/*/image.list; do
  [ -f "$list" ] || continue
  dir=$(dirname "$list")/images
  while read -r file name rest; do
    case "$file" in ''|'#'*) continue ;; esac
    if podman image exists "$name"; then present=$((present + 1)); continue; fi
    if podman load -q -i "$dir/$file" >&2; then loaded=$((loaded + 1)); else failed=$((failed + 1)); echo "$list: $name: load failed" >&2; fi
  done <"$list"
done
secs=$(echo "$(date +%s.%N) $start" | awk '{printf "%.1f", $1 - $2}')
echo "loaded $loaded, already present $present, failed $failed in $secs s" >&2
[ "$failed" -eq 0 ]
SH
  chmod 755 "$d/usr/bin/preload-daemon"
  dpkg-deb --root-owner-group -Zxz --build "$d" "$out/preload-daemon_0~standin_all.deb" >/dev/null
}

pack() {
  node "$repo/dist/preload-daemon.cjs" pack "$@" >/dev/null 2>"$tmp/pack.log" || { cat "$tmp/pack.log" >&2; return 1; }
}

daemon_tree_deb() {
  [ -f "$repo/dist/preload-daemon.cjs" ] || bash "$repo/scripts/setup.sh" --engines podman
  local engine=${BOOT_TEST_ENGINE:-podman} d=$tmp/tree path arch requires
  local lib=$d/usr/lib/preload-daemon
  arch=$(dpkg --print-architecture)
  case "$engine" in
    podman) requires=podman.socket ;;
    docker) requires=docker.service ;;
  esac
  mkdir -p "$d/DEBIAN" "$d/usr/bin" "$d/usr/lib/systemd/system" "$lib"
  cp "$repo/dist/preload-daemon.cjs" "$lib/"
  cat >"$d/DEBIAN/control" <<CTL
Package: preload-daemon
Version: 0~tree
Architecture: all
Maintainer: boot test <root@localhost>
Depends: nodejs (>= 18.19), zstd, xz-utils
Description: stand-in for preload-daemon built from the working tree (boot test only)
CTL
  cat >"$d/DEBIAN/postinst" <<SH
#!/bin/sh
set -e
if [ "\$1" = configure ]; then deb-systemd-helper enable preload-daemon-$engine.service >/dev/null || true; fi
SH
  chmod 755 "$d/DEBIAN/postinst"
  cat >"$d/usr/lib/systemd/system/preload-daemon-$engine.service" <<UNIT
[Unit]
Description=Load shipped container images into $engine
Requires=$requires
After=$requires

[Service]
Type=oneshot
RemainAfterExit=yes
NotifyAccess=all
Environment=TMPDIR=/var/tmp
ExecStart=/usr/bin/preload-daemon --engine $engine
TimeoutStartSec=30min

[Install]
WantedBy=multi-user.target
UNIT
  cp "$repo/debian/preload-daemon.sh" "$d/usr/bin/preload-daemon" # the package's own wrapper
  chmod 755 "$d/usr/bin/preload-daemon"
  dpkg-deb --root-owner-group -Znone --build "$d" "$out/preload-daemon_0~tree_all.deb" >/dev/null
}

images_deb() {
  [ -f "$repo/dist/preload-daemon.cjs" ] || bash "$repo/scripts/setup.sh" --engines podman
  local p="podman --storage-driver=vfs --root $tmp/store --runroot $tmp/run" d=$tmp/images
  local share=$d/usr/share/preload-daemon/boot-test
  mkdir -p "$tmp/rootfs/etc" "$d/DEBIAN" "$share"
  echo "hello from the boot test" >"$tmp/rootfs/etc/motd"
  tar -C "$tmp/rootfs" -cf "$tmp/rootfs.tar" .
  $p import -q "$tmp/rootfs.tar" localhost/boot-test/hello:1.0 >/dev/null
  $p import -q --change 'ENV APP=web' "$tmp/rootfs.tar" localhost/boot-test/web:2.1 >/dev/null
  $p save -q --format docker-archive -o "$tmp/hello.tar" localhost/boot-test/hello:1.0
  $p save -q --format docker-archive -o "$tmp/web.tar" localhost/boot-test/web:2.1
  $p rmi -a -f >/dev/null
  pack --out "$share" "docker-archive:$tmp/hello.tar"
  pack --out "$share" --compression xz "docker-archive:$tmp/web.tar"
  cat >"$d/DEBIAN/control" <<'CTL'
Package: boot-test-images
Version: 1
Architecture: all
Maintainer: boot test <root@localhost>
Depends: preload-daemon
Description: images shipped for the boot test (stand-in for pack --deb)
CTL
  dpkg-deb --root-owner-group -Zxz --build "$d" "$out/boot-test-images_1_all.deb" >/dev/null
}

for w in $what; do "${w}_deb"; done
