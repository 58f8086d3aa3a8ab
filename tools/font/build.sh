#!/usr/bin/env bash
# Rebuild assets/fonts/ (Noto Sans SC subsets + OFL.txt) from the pinned npm
# package, with pinned fonttools in a venv under /tmp. Needs python3 (3.9+)
# and npm; reaches only the npm registry and PyPI, and only on the first run.
#
#   tools/font/build.sh            # build, write assets/fonts/, render a sample PNG
#   tools/font/build.sh --check    # build in memory, fail if assets/fonts/ is stale
#
# Environment: FONT_VENV (default /tmp/font-venv), FONT_SRC (default
# /tmp/font-src: where the package is packed and unpacked), FONT_SAMPLE
# (default /tmp/font-sample.png).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${FONT_VENV:-/tmp/font-venv}"
src="${FONT_SRC:-/tmp/font-src}"
sample="${FONT_SAMPLE:-/tmp/font-sample.png}"
pkg="@expo-google-fonts/noto-sans-sc"
version="$(sed -n 's/^SOURCE_VERSION = "\([^"]*\)".*/\1/p' "$here/build_font.py")"
tgz="expo-google-fonts-noto-sans-sc-${version}.tgz"

# 1. The pinned tools.
if ! "$venv/bin/python" -c 'import fontTools, PIL' 2>/dev/null; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"

# 2. The source fonts (the .ttf checksums are checked by build_font.py).
mkdir -p "$src"
if [ ! -f "$src/$tgz" ]; then
    (cd "$src" && npm pack --silent "$pkg@$version" >/dev/null)
fi
if [ ! -f "$src/package/.unpacked-$version" ]; then
    rm -rf "$src/package"
    tar -xzf "$src/$tgz" -C "$src"
    touch "$src/package/.unpacked-$version"
fi

# 3. Subset, verify, write. PYTHONHASHSEED fixed for good measure (the
# output does not depend on it; checked when this script was written).
cd "$root"
if [ "${1:-}" = "--check" ]; then
    PYTHONHASHSEED=0 "$venv/bin/python" "$here/build_font.py" --source "$src/package" --check
else
    PYTHONHASHSEED=0 "$venv/bin/python" "$here/build_font.py" --source "$src/package" --sample "$sample" "$@"
fi
