#!/usr/bin/env bash
# For people with Rust and no root: `cargo install` from this checkout, and
# the base map, menu entry and icons into the user's own folders, where the
# installed program looks for them ($XDG_DATA_HOME/chronoatlas, default
# ~/.local/share/chronoatlas). The checkout can be deleted afterwards.
#
#   tools/install_user.sh          (tools/install_user.sh --uninstall undoes it)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${XDG_DATA_HOME:-$HOME/.local/share}
if [ "${1:-}" = "--uninstall" ]; then
  cargo uninstall chronoatlas || true
  rm -rf "$data/chronoatlas" "$data/applications/chronoatlas.desktop"
  rm -f "$data"/icons/hicolor/*/apps/chronoatlas.png "$data/icons/hicolor/scalable/apps/chronoatlas.svg"
  exit 0
fi
cargo install --locked --path .
mkdir -p "$data/chronoatlas/basemap" "$data/applications" "$data/icons/hicolor/scalable/apps"
cp assets/basemap.pmtiles assets/kiosk.example.toml "$data/chronoatlas/"
cp assets/basemap/LICENSES.md "$data/chronoatlas/basemap/"
cp packaging/linux/chronoatlas.desktop "$data/applications/"
cp assets/icons/chronoatlas.svg "$data/icons/hicolor/scalable/apps/"
for s in 16 24 32 48 64 128 256 512; do
  mkdir -p "$data/icons/hicolor/${s}x${s}/apps"
  cp "assets/icons/chronoatlas-$s.png" "$data/icons/hicolor/${s}x${s}/apps/chronoatlas.png"
done
echo "installed: ${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin/chronoatlas, assets in $data/chronoatlas"
