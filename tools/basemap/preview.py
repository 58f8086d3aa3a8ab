#!/usr/bin/env python3
"""Stitch tiles of a .pmtiles file into a PNG, to look at the result.

  preview.py assets/basemap.pmtiles ZOOM LON0 LAT0 LON1 LAT1 OUT.png
"""

import io
import os
import sys

from PIL import Image
from pmtiles.reader import MmapSource, Reader

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import TILE, tiles_for_zoom  # noqa: E402


def main():
    path, z = sys.argv[1], int(sys.argv[2])
    box = tuple(float(v) for v in sys.argv[3:7])
    out = sys.argv[7]
    tiles = tiles_for_zoom(z, box)
    xs = sorted({x for x, _ in tiles})
    ys = sorted({y for _, y in tiles})
    canvas = Image.new("RGB", (len(xs) * TILE, len(ys) * TILE), "#ff00ff")  # magenta = missing tile
    with open(path, "rb") as f:
        reader = Reader(MmapSource(f))
        for x, y in tiles:
            data = reader.get(z, x, y)
            if data:
                canvas.paste(Image.open(io.BytesIO(data)).convert("RGB"), ((x - xs[0]) * TILE, (y - ys[0]) * TILE))
    canvas.save(out)
    print(out, canvas.size)


if __name__ == "__main__":
    main()
