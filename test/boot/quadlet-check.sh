#!/bin/sh
# Boot-test proof for the Quadlet generator and the preload-image@.service template.
# Three steps, for test/boot/run.sh to call around one extra boot:
#
#   quadlet-check.sh setup ROOT       host, before the boot: into the installed rootfs ROOT, add
#                                     - an image package whose only archive is broken
#                                       (quadlet-check/broken:1, a corrupt zstd stream),
#                                     - qc-good.container (/etc/containers/systemd/): Image= the first
#                                       entry of the installed lists, which loads,
#                                     - qc-broken.container (/usr/share/containers/systemd/apps/):
#                                       Image=localhost/quadlet-check/broken:1,
#                                     - qc-plain.service: a plain unit that Requires=/After= the
#                                       template instance for the good image,
#                                     - a drop-in ordering boot-test-probe.service after those
#                                       and running `quadlet-check.sh probe` before the probe.
#                                     The generator, template and pull-never file come from the
#                                     packages; when they are absent (stand-in daemon), from this tree.
#   quadlet-check.sh probe            inside the booted system: records into /var/lib/boot-test/quadlet/
#   quadlet-check.sh check DIR        host, after the boot: asserts on DIR/quadlet/ (DIR is the copy of
#                                     /var/lib/boot-test run.sh makes, e.g. "$work/boot4")
#
# What it proves: the generated drop-ins are in the units systemd loaded (Wants=/After= the boot
# unit, the wait, the pull policy); the good app's start ran after the boot unit finished and its
# wait succeeded; the broken app waited and failed with one line naming its image, and podman run
# never started for it; the boot unit's journal names the broken archive and its summary counts
# both; the plain unit ran after its template instance became active; with the pull-never file,
# podman does not try a registry for a missing image.
# Limit: containers cannot run in this sandbox (systemd-nspawn, no cgroup delegation for crun), so
# the good app's `podman run` itself fails; the check stops at "ExecStartPre passed, ExecStart ran".
# The real daemon is needed (the shell stand-in has no `wait`): pass the packages or
# BOOT_TEST_STANDIN=tree. The broken app waits 30 s after the boot unit: keep BOOT_TEST_TIMEOUT at 120 or more.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
engine_unit=preload-daemon-podman.service
broken_name=quadlet-check/broken:1
broken_image=localhost/$broken_name
broken_archive=broken.tar.zst

die() { printf 'QUADLET CHECK FAILED: %s\n' "$*" >&2; exit 1; }

first_listed() { # the first image name of the installed lists (what the good app runs)
  cat "$1"/usr/share/preload-daemon/*/image.list 2>/dev/null | tr -d '\r' | sed 's/^\xef\xbb\xbf//' \
    | awk '$1 !~ /^#/ && NF >= 2 { print $2; exit }'
}

setup() {
  root=$1
  good=$(first_listed "$root")
  [ -n "$good" ] || die "setup: no image.list entry under $root/usr/share/preload-daemon"
  gen=$root/usr/lib/systemd/system-generators/preload-daemon-generator
  if [ ! -x "$gen" ]; then
    echo "quadlet-check: no generator installed by the packages; using this tree's"
    install -D -m 755 "$repo/systemd/generator/preload-daemon-generator" "$gen"
    install -D -m 644 "$repo/systemd/generator/pull-never.containers.conf" "$root/usr/lib/preload-daemon/pull-never.containers.conf"
  fi
  [ -f "$root/usr/lib/systemd/system/preload-image@.service" ] \
    || install -D -m 644 "$repo/systemd/preload-image@.service" "$root/usr/lib/systemd/system/preload-image@.service"

  pkg=$root/usr/share/preload-daemon/zz-quadlet-check
  mkdir -p "$pkg/images"
  # zstd magic, then bytes no zstd frame header allows: the loader must fail on this entry only.
  printf '\050\265\057\375\377\377\377\377not a zstd frame\n' >"$pkg/images/$broken_archive"
  printf '# quadlet-check: an archive that cannot load\n%s %s\n' "$broken_archive" "$broken_name" >"$pkg/image.list"

  mkdir -p "$root/etc/containers/systemd" "$root/usr/share/containers/systemd/apps"
  cat >"$root/etc/containers/systemd/qc-good.container" <<EOF
[Unit]
Description=quadlet-check: app whose shipped image loads

[Container]
Image=$good
Exec=/bin/true

[Install]
WantedBy=multi-user.target
EOF
  cat >"$root/usr/share/containers/systemd/apps/qc-broken.container" <<EOF
[Unit]
Description=quadlet-check: app whose shipped archive is broken

[Container]
Image=$broken_image
Exec=/bin/true

[Install]
WantedBy=multi-user.target
EOF
  instance=$(systemd-escape --template=preload-image@.service "$good")
  cat >"$root/etc/systemd/system/qc-plain.service" <<EOF
[Unit]
Description=quadlet-check: plain unit depending on one image through the template
Requires=$instance
After=$instance

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/true

[Install]
WantedBy=multi-user.target
EOF
  mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
  ln -sf ../qc-plain.service "$root/etc/systemd/system/multi-user.target.wants/qc-plain.service"
  install -D -m 755 "$0" "$root/usr/local/libexec/quadlet-check"
  mkdir -p "$root/etc/systemd/system/boot-test-probe.service.d"
  cat >"$root/etc/systemd/system/boot-test-probe.service.d/quadlet-check.conf" <<EOF
[Unit]
After=qc-good.service qc-broken.service qc-plain.service $instance

[Service]
ExecStartPre=-/usr/local/libexec/quadlet-check probe
EOF
  mkdir -p "$root/var/lib/quadlet-check"
  # Single quotes: the escaped instance name has backslashes (\x2d) that the probe must keep.
  printf "good='%s'\ninstance='%s'\n" "$good" "$instance" >"$root/var/lib/quadlet-check/names"
  echo "quadlet-check: qc-good.container runs $good, qc-broken.container runs $broken_image ($broken_archive is corrupt), qc-plain.service needs $instance"
}

probe() {
  . /var/lib/quadlet-check/names
  out=/var/lib/boot-test/quadlet
  mkdir -p "$out"
  cp /var/lib/quadlet-check/names "$out/names"
  export PODMAN_IGNORE_CGROUPSV1_WARNING=1
  props='-p LoadState -p ActiveState -p Result -p Wants -p Requires -p After -p Environment -p ExecStartPre
    -p InactiveExitTimestampMonotonic -p ExecMainStartTimestampMonotonic -p ExecMainExitTimestampMonotonic
    -p ActiveEnterTimestampMonotonic -p DropInPaths -p StatusText'
  for unit in qc-good.service qc-broken.service qc-plain.service "$instance" "$engine_unit"; do
    # shellcheck disable=SC2086
    systemctl show $props "$unit" >"$out/$unit.show" 2>&1 || true
    journalctl -b -u "$unit" -o cat --no-pager >"$out/$unit.journal" 2>&1 || true
  done
  # What an operator finds by priority (the daemon writes <N> prefixes under systemd).
  journalctl -b -u "$engine_unit" -p err -o cat --no-pager >"$out/err.journal" 2>&1 || true
  journalctl -b -u "$engine_unit" -p info -o cat --no-pager >"$out/info.journal" 2>&1 || true
  systemctl cat qc-good.service >"$out/qc-good.cat" 2>&1 || true
  podman images --format '{{.Repository}}:{{.Tag}}' >"$out/images" 2>&1 || true
  # Never pull: with the file the drop-ins point at, a missing image is "not known", no registry asked.
  CONTAINERS_CONF_OVERRIDE=/usr/lib/preload-daemon/pull-never.containers.conf \
    podman create --name qc-pull-never localhost:1/quadlet-check/absent:1 >"$out/pull-never" 2>&1 || true
  podman rm -f qc-pull-never >/dev/null 2>&1 || true
}

value() { sed -n "s/^$2=//p" "$1" | head -1; }

check() {
  d=$1/quadlet errors=
  fail() { errors="$errors
  - $*"; }
  [ -d "$d" ] || die "check: $d missing (did the probe run quadlet-check probe?)"
  good=$(value "$d/names" good | tr -d "'")
  good_show=$d/qc-good.service.show broken_show=$d/qc-broken.service.show boot_show=$d/$engine_unit.show

  for show in "$good_show" "$broken_show"; do
    name=$(basename "$show" .show)
    [ "$(value "$show" LoadState)" = loaded ] || fail "$name is not loaded (Quadlet generated nothing?)"
    value "$show" Wants | grep -qw "$engine_unit" || fail "$name: Wants= lacks $engine_unit"
    value "$show" After | grep -qw "$engine_unit" || fail "$name: After= lacks $engine_unit"
    value "$show" Requires | grep -qw "$engine_unit" && fail "$name: Requires= $engine_unit (must be Wants=)"
    value "$show" DropInPaths | grep -q "$name.d/preload-daemon.conf" || fail "$name: no preload-daemon.conf drop-in loaded"
    value "$show" Environment | grep -q 'CONTAINERS_CONF_OVERRIDE=/usr/lib/preload-daemon/pull-never.containers.conf' \
      || fail "$name: no CONTAINERS_CONF_OVERRIDE in Environment="
    value "$show" ExecStartPre | grep -q 'preload-daemon wait' || fail "$name: no preload-daemon wait in ExecStartPre="
  done
  boot_exit=$(value "$boot_show" ExecMainExitTimestampMonotonic)
  [ "${boot_exit:-0}" -gt 0 ] || fail "$engine_unit did not run"

  # Good app: its wait started after the boot unit finished, passed, and podman run started.
  start=$(value "$good_show" InactiveExitTimestampMonotonic)
  [ "${start:-0}" -ge "${boot_exit:-0}" ] || fail "qc-good started at $start, before $engine_unit finished at $boot_exit"
  value "$good_show" ExecStartPre | grep -q 'status=0[^0-9]' || fail "qc-good: the wait did not pass: $(value "$good_show" ExecStartPre)"
  [ "$(value "$good_show" ExecMainStartTimestampMonotonic)" -gt 0 ] || fail "qc-good: ExecStart (podman run) never ran"
  grep -qi 'trying to pull' "$d/qc-good.service.journal" && fail "qc-good tried to pull its image"

  # Broken app: waited, failed with one line naming its image, podman run never started.
  value "$broken_show" ExecStartPre | grep -q 'status=0[^0-9]' && fail "qc-broken: the wait passed for an image that cannot load"
  [ "$(value "$broken_show" Result)" = exit-code ] || fail "qc-broken: Result=$(value "$broken_show" Result), not exit-code"
  [ "$(value "$broken_show" ExecMainStartTimestampMonotonic)" = 0 ] || fail "qc-broken: podman run started although the wait failed"
  grep -q "$broken_image is missing: this boot's load run failed it.*$broken_archive" "$d/qc-broken.service.journal" \
    || fail "qc-broken: no line naming $broken_image and its broken archive $broken_archive in its journal"

  # The boot unit: names the broken archive and counts the good entries and the failed one.
  grep -q "$broken_archive" "$d/$engine_unit.journal" || fail "$engine_unit journal does not name $broken_archive"
  grep -Eq 'failed [1-9]' "$d/$engine_unit.journal" || fail "$engine_unit summary does not count the failed entry"
  grep -Eq 'loaded [0-9]+, already present [0-9]+' "$d/$engine_unit.journal" || fail "$engine_unit has no summary line"

  # journalctl -p err finds the broken archive's line (and not the good entries); -p info has the summary.
  grep -q "$broken_archive" "$d/err.journal" || fail "journalctl -p err -u $engine_unit does not show the broken archive's line"
  grep -q 'is present\|loaded from' "$d/err.journal" && fail "journalctl -p err shows info lines: priorities are not passed to journald"
  grep -Eq 'loaded [0-9]+, already present [0-9]+, failed [1-9]' "$d/info.journal" || fail "journalctl -p info -u $engine_unit has no summary line"

  # Template: qc-plain ran after its image's instance became active.
  inst_show=$(ls "$d"/preload-image@*.service.show 2>/dev/null | head -1)
  if [ -z "$inst_show" ]; then fail "no preload-image@….service recorded"
  else
    [ "$(value "$inst_show" ActiveState)" = active ] || fail "$(basename "$inst_show" .show) is $(value "$inst_show" ActiveState)"
    [ "$(value "$d/qc-plain.service.show" ActiveState)" = active ] || fail "qc-plain.service is $(value "$d/qc-plain.service.show" ActiveState)"
    [ "$(value "$d/qc-plain.service.show" InactiveExitTimestampMonotonic)" -ge "$(value "$inst_show" ActiveEnterTimestampMonotonic)" ] \
      || fail "qc-plain started before its image's template instance was active"
  fi

  grep -q 'image not known' "$d/pull-never" || fail "podman with pull-never.containers.conf did not answer 'image not known': $(tail -1 "$d/pull-never")"
  grep -qi 'pinging container registry\|trying to pull' "$d/pull-never" && fail "podman tried a registry despite pull_policy=never"

  if [ -n "$errors" ]; then
    for f in "$d"/*.journal; do echo "--- $(basename "$f")"; tail -15 "$f"; done
    die "$errors"
  fi
  echo "quadlet check: OK (qc-good waited for ${good:-its image} after $engine_unit and passed; qc-broken failed naming $broken_image; qc-plain ran after its preload-image@ instance; no pull)"
}

case ${1-} in
  setup) [ $# -eq 2 ] || die "usage: $0 setup ROOT"; setup "$2" ;;
  probe) probe ;;
  check) [ $# -eq 2 ] || die "usage: $0 check DIR"; check "$2" ;;
  *) die "usage: $0 setup ROOT | probe | check DIR" ;;
esac
