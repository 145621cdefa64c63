#!/bin/bash
# Build the bench's realistic images once, offline after the first debootstrap, cached in .cache/bench/:
#   large.tar  bench.local/deb:large  one layer: debootstrap --variant=minbase bookworm + a few packages
#   multi.tar  bench.local/deb:multi  that layer + 2 more (python stdlib copy, 8 MB of random bytes)
# Uses a private, throw-away Podman store (vfs); touches no system engine. Needs root, debootstrap, podman.
set -euo pipefail
C="$(cd "$(dirname "$0")/.." && pwd)/.cache/bench"
mkdir -p "$C" && cd "$C"
if [ -e large.tar ] && [ -e multi.tar ]; then echo "cached: $C/large.tar $C/multi.tar"; exit 0; fi
if [ ! -e rootfs-bookworm/.done ]; then
  rm -rf rootfs-bookworm
  debootstrap --variant=minbase --include=ca-certificates,curl,python3,procps,iproute2,less \
    bookworm rootfs-bookworm "${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
  touch rootfs-bookworm/.done
fi
S=$C/podman-build; rm -rf "$S"; mkdir -p "$S"
trap 'rm -rf "$S" "$C/ctx" "$C/rootfs.tar"' EXIT
P="podman --storage-driver=vfs --root $S/root --runroot $S/run --tmpdir $S/tmp --events-backend=none --cgroup-manager=cgroupfs"
tar -C rootfs-bookworm --numeric-owner --exclude=./.done --exclude='./var/cache/apt/archives/*.deb' \
  --exclude='./var/lib/apt/lists/*_Packages' -cf rootfs.tar .
$P import rootfs.tar bench.local/deb:large
rm -rf ctx && mkdir ctx && cp -a rootfs-bookworm/usr/lib/python3.11 ctx/app && head -c 8000000 /dev/urandom > ctx/blob.bin
printf 'FROM bench.local/deb:large\nCOPY app /opt/app\nCOPY blob.bin /opt/blob.bin\n' > ctx/Containerfile
$P build --isolation=chroot -t bench.local/deb:multi ctx
$P save --format docker-archive -o large.tar.tmp bench.local/deb:large && mv large.tar.tmp large.tar
$P save --format docker-archive -o multi.tar.tmp bench.local/deb:multi && mv multi.tar.tmp multi.tar
ls -la "$C/large.tar" "$C/multi.tar"
