#!/usr/bin/env bash
# Checks packaging/kiosk/chronoatlas-kiosk.service with systemd-analyze
# verify (keys, sections, the command). The unit runs /usr/bin/chronoatlas,
# which a build tree does not have: a copy naming the binary given (default
# target/debug/chronoatlas) is checked instead; nothing else is changed.
#
#   tools/verify_unit.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/debug/chronoatlas}")
[ -x "$bin" ] || { echo "verify_unit: no binary at $bin (build first)" >&2; exit 2; }
command -v systemd-analyze >/dev/null || { echo "verify_unit: systemd-analyze not found (apt-get install systemd)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unit=chronoatlas-kiosk.service
sed "s#/usr/bin/chronoatlas#$bin#" "packaging/kiosk/$unit" >"$tmp/$unit"
# verify prints warnings but exits 0 for some of them: any output is a failure.
out=$(cd "$tmp" && systemd-analyze verify "$tmp/$unit" 2>&1) || { echo "$out" >&2; exit 1; }
if [ -n "$out" ]; then
  echo "$out" >&2
  exit 1
fi
echo "verify_unit: $unit passes systemd-analyze verify"
