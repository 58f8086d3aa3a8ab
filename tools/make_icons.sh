#!/usr/bin/env bash
# Rebuilds the PNG icons (16 to 512 px, for the desktop menu, the task bar
# and the window) from assets/icons/chronoatlas.svg with rsvg-convert
# (Debian's librsvg2-bin, installed when missing).
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
command -v rsvg-convert >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq librsvg2-bin) >/dev/null
for s in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$s" -h "$s" chronoatlas.svg -o "chronoatlas-$s.png"
done
ls -la
