#!/usr/bin/env bash
# THIRD_PARTY_LICENSES.md: every crate compiled into chronoatlas, its
# licence, and each licence's text, by cargo-about (about.toml, about.hbs).
# The About view and the packages show it.
#
#   tools/licences.sh            rewrite the file
#   tools/licences.sh --check    fail if the committed file is not current (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-about >/dev/null || cargo install cargo-about --locked --features cli
out=THIRD_PARTY_LICENSES.md
if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp)
  trap 'rm -f "$tmp"' EXIT
  cargo about generate --fail about.hbs -o "$tmp"
  if ! diff -q "$out" "$tmp" >/dev/null; then
    diff -u "$out" "$tmp" | head -40 >&2
    echo "licences: $out is not current; run tools/licences.sh and commit it" >&2
    exit 1
  fi
  echo "licences: $out is current"
else
  cargo about generate --fail about.hbs -o "$out"
  echo "licences: wrote $out ($(grep -c '^| ' "$out") rows)"
fi
