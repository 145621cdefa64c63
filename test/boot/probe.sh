#!/bin/sh
# Runs inside the booted rootfs after the preload unit (boot-test-probe.service); records what the
# host asserts on into /var/lib/boot-test/; its unit powers the container off when it ends.
# Usage: boot-test-probe ENGINE UNIT
engine=$1 unit=$2 out=/var/lib/boot-test
mkdir -p "$out"
export PODMAN_IGNORE_CGROUPSV1_WARNING=1
systemctl is-active "$unit" >"$out/active" 2>&1
systemctl show -p Result -p ExecMainStatus -p StatusText -p ExecMainStartTimestampMonotonic \
  -p ExecMainExitTimestampMonotonic -p MemoryMax -p MemoryHigh "$unit" >"$out/show" 2>&1
journalctl -b -u "$unit" -o cat --no-pager >"$out/journal" 2>&1
"$engine" images --format '{{.Repository}}:{{.Tag}} {{.ID}}' >"$out/images" 2>"$out/images.err"
systemctl list-unit-files 'preload-daemon*' --no-legend >"$out/unit-files" 2>&1
systemctl --failed --no-legend >"$out/failed" 2>&1
touch "$out/done"
