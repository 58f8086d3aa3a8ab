#!/usr/bin/env bash
# The portable build: one folder, `chronoatlas/`, holding the program and
# its assets, packed as target/chronoatlas-VERSION-ARCH-linux.tar.gz. It runs
# from wherever it is unpacked (a USB stick, a home folder), without root:
# the program finds `assets/` beside itself. Then checks the unpacked copy
# from another folder with every other place it could look emptied.
#
#   tools/make_portable.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target=${CARGO_TARGET_DIR:-target}
cargo build --release
version=$(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)
name="chronoatlas-$version-$(uname -m)-linux"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dir=$stage/chronoatlas
mkdir -p "$dir/assets/basemap" "$dir/kiosk"
cp "$target/release/chronoatlas" "$dir/"
cp assets/basemap.pmtiles assets/kiosk.example.toml "$dir/assets/"
cp assets/basemap/LICENSES.md "$dir/assets/basemap/"
cp assets/icons/chronoatlas.svg "$dir/"
cp packaging/kiosk/* "$dir/kiosk/"
cp README.md ATTRIBUTION.md LICENSE docs/KIOSK.md "$dir/"
cp assets/fonts/OFL.txt "$dir/fonts-OFL.txt"
[ -f THIRD_PARTY_LICENSES.md ] && cp THIRD_PARTY_LICENSES.md "$dir/"
tar -C "$stage" -czf "$target/$name.tar.gz" chronoatlas
echo "== $target/$name.tar.gz ($(du -h "$target/$name.tar.gz" | cut -f1))"

# Unpacked elsewhere and run from a third folder: only assets/ beside the
# program can be found.
check=$(mktemp -d)
trap 'rm -rf "$stage" "$check"' EXIT
tar -C "$check" -xzf "$target/$name.tar.gz"
mkdir "$check/elsewhere"
cd "$check/elsewhere"
env -u CHRONOATLAS_ASSETS XDG_DATA_HOME="$check/none" XDG_DATA_DIRS="$check/none" \
  "$check/chronoatlas/chronoatlas" render --at 1938-07-10 --out frame.png
echo "== the unpacked copy runs from $check/chronoatlas"
