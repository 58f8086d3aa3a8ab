#!/usr/bin/env bash
# Builds the Debian package, installs it, and runs the installed program
# as a user would: from a folder outside the checkout, with nothing of the
# checkout in reach (no CHRONOATLAS_ASSETS), `validate` and `render`, and
# checks that the frame has the base map in it (a frame without its map is
# refused, and the land's relief gives many colours).
#
#   tools/check_package.sh            needs root (or sudo) and cargo-deb
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
command -v cargo-deb >/dev/null || cargo install cargo-deb --locked
cargo deb
deb=$(ls -t "${CARGO_TARGET_DIR:-target}"/debian/chronoatlas_*.deb | head -1)
echo "== $deb"
dpkg-deb -c "$deb" | awk '{print $3, $6}'
export DEBIAN_FRONTEND=noninteractive
case $deb in /*) ;; *) deb=./$deb ;; esac   # apt takes a file by its path
$SUDO apt-get install -y -q --no-install-recommends "$deb"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
unset CHRONOATLAS_ASSETS
echo "== $(command -v chronoatlas) from $work"
chronoatlas validate
chronoatlas render --at 1938-07-10 --out frame.png
command -v python3 >/dev/null || { echo "check_package: python3 is needed to count the frame's colours" >&2; exit 2; }
python3 - frame.png <<'PY'
import sys, zlib, struct
# Count the distinct colours of the PNG (no imaging library needed).
data = open(sys.argv[1], 'rb').read()
w, h, depth, kind = struct.unpack('>IIBB', data[16:26])
idat = b''
i = 8
while i < len(data):
    n, t = struct.unpack('>I4s', data[i:i + 8])
    if t == b'IDAT':
        idat += data[i + 8:i + 8 + n]
    i += 12 + n
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}[kind]
stride = w * bpp
colours = set()
prev = bytearray(stride)
at = 0
for y in range(h):
    f = raw[at]; line = bytearray(raw[at + 1:at + 1 + stride]); at += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 8 == 0:
        for x in range(0, stride, bpp * 8):
            colours.add(bytes(line[x:x + 3]))
print(f"frame {w}x{h}: {len(colours)} colours sampled")
# Plain land and sea with the events give a few dozen; the relief, hundreds.
sys.exit(0 if len(colours) > 300 else 1)
PY
echo "== the installed package works"
