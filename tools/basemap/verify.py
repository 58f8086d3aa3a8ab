#!/usr/bin/env python3
"""Step 3 of the base map: check the .pmtiles file as a reader sees it.

  verify.py assets/basemap.pmtiles [--max-zoom 9] [--baoding-png OUT.png]

Checks the header (PMTiles v3, PNG tiles, no tile compression, zooms,
bounds, centre), that every tile of the covered box is there at every zoom
and nothing else, that each tile is a 256x256 PNG, and that the z9 tile over
Baoding (115.46E 38.87N) exists and shows land there, sea in the Bohai Gulf
tile, and a river pixel near the Zhang River. Exits non-zero on a failure.
"""

import argparse
import collections
import io
import os
import sys

import numpy as np
from PIL import Image
from pmtiles.reader import MmapSource, Reader, all_tiles
from pmtiles.tile import Compression, TileType

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import style  # noqa: E402
from common import COVER, MIN_ZOOM, TILE, lonlat_to_global_px, tiles_for_zoom  # noqa: E402

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def pixel_at(reader, z, lon, lat):
    gx, gy = lonlat_to_global_px(lon, lat, z)
    x, y = int(gx // TILE), int(gy // TILE)
    data = reader.get(z, x, y)
    if data is None:
        return None, None, (x, y)
    im = Image.open(io.BytesIO(data)).convert("RGB")
    return im, im.getpixel((int(gx) - x * TILE, int(gy) - y * TILE)), (x, y)


def dist(a, b):
    return float(np.linalg.norm(np.subtract(a, b, dtype=float)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--max-zoom", type=int, default=9)
    ap.add_argument("--baoding-png")
    args = ap.parse_args()

    with open(args.path, "rb") as f:
        get = MmapSource(f)
        reader = Reader(get)
        h = reader.header()
        meta = reader.metadata()
        check(f.read(8)[:7] == b"PMTiles" and h.get("version", 3) == 3, "PMTiles v3 magic")
        check(h["tile_type"] == TileType.PNG, f"tile type png ({h['tile_type']})")
        check(h["tile_compression"] == Compression.NONE, f"tile compression none ({h['tile_compression']})")
        check(h["internal_compression"] in (Compression.GZIP, Compression.NONE), "directories gzip or none")
        check((h["min_zoom"], h["max_zoom"]) == (MIN_ZOOM, args.max_zoom),
              f"zooms {h['min_zoom']}-{h['max_zoom']}")
        bounds = (h["min_lon_e7"] / 1e7, h["min_lat_e7"] / 1e7, h["max_lon_e7"] / 1e7, h["max_lat_e7"] / 1e7)
        check(bounds == COVER, f"bounds {bounds}")
        centre = (h["center_lon_e7"] / 1e7, h["center_lat_e7"] / 1e7, h["center_zoom"])
        check(COVER[0] < centre[0] < COVER[2] and COVER[1] < centre[1] < COVER[3]
              and MIN_ZOOM <= centre[2] <= args.max_zoom, f"centre {centre}")
        print(f"     metadata: {meta.get('name')!r}, attribution {meta.get('attribution')!r}")

        per_zoom = collections.Counter()
        bytes_zoom = collections.Counter()
        seen = collections.defaultdict(set)
        bad = []
        unique = set()
        for (z, x, y), data in all_tiles(get):
            per_zoom[z] += 1
            bytes_zoom[z] += len(data)
            seen[z].add((x, y))
            unique.add(hash(data))
            try:
                im = Image.open(io.BytesIO(data))
                if im.format != "PNG" or im.size != (TILE, TILE):
                    bad.append((z, x, y))
            except Exception:  # noqa: BLE001
                bad.append((z, x, y))
        check(not bad, f"every tile is a {TILE}x{TILE} PNG ({len(bad)} bad)")
        for z in range(MIN_ZOOM, args.max_zoom + 1):
            want = set(tiles_for_zoom(z))
            check(seen[z] == want, f"z{z}: {per_zoom[z]} tiles, cover box complete ({len(want)} expected), "
                                   f"{bytes_zoom[z] / 1e6:.2f} MB before deduplication")
        total = sum(per_zoom.values())
        check(total == h["addressed_tiles_count"], f"{total} tiles addressed, {len(unique)} distinct contents")
        size = os.path.getsize(args.path)
        check(size <= 20 * 1000 * 1000, f"file size {size} bytes ({size / 1e6:.2f} MB, budget 20 MB)")

        land = style.hex_rgb(style.LAND)
        sea = style.hex_rgb(style.SEA)
        im, px, xy = pixel_at(reader, 9, 115.46, 38.87)
        check(im is not None, f"z9 tile over Baoding exists: 9/{xy[0]}/{xy[1]}")
        if im is not None:
            check(dist(px, land) < 25 and dist(px, land) < dist(px, sea), f"Baoding pixel {px} is land")
            if args.baoding_png:
                im.save(args.baoding_png)
                print(f"     wrote {args.baoding_png}")
        _, px, xy = pixel_at(reader, 9, 119.5, 39.0)  # Bohai Gulf, off Qinhuangdao
        check(px is not None and dist(px, sea) < 6, f"Bohai Gulf pixel {px} is sea (9/{xy[0]}/{xy[1]})")
        _, px, xy = pixel_at(reader, 7, 112.55, 37.87)  # Taiyuan, on the Taihang/Luliang relief
        check(px is not None and dist(px, sea) > dist(px, land), f"Taiyuan pixel {px} is land (7/{xy[0]}/{xy[1]})")
        # The Yellow River at Kaifeng must be drawn in river blue at z8: look for a blue pixel near it.
        im, _, xy = pixel_at(reader, 8, 114.35, 34.9)
        arr = np.asarray(im, dtype=float)
        blue = (arr[:, :, 2] - arr[:, :, 0] > 30).sum()
        check(blue > 100, f"river pixels in the Yellow River tile 8/{xy[0]}/{xy[1]}: {blue}")

    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
