"""The base map's style: colours, line widths per zoom, relief strength.

A calm, muted base for coloured event symbols and black/red railway lines:
pale warm land, soft blue-grey sea, thin darker shore, soft blue rivers whose
width grows with the zoom, faint country borders, gentle relief shading,
no labels and no modern provincial borders.

Mapnik draws two layer stacks per tile: FILL (sea, land, lakes), which the
relief shading is then applied to, and LINES (rivers, shores, borders), drawn
over the shaded fill so the lines stay crisp and evenly coloured.
"""

import os
from xml.sax.saxutils import escape

from common import MIN_ZOOM, STYLE_MAX_ZOOM, scale_denominator

# --- colours --------------------------------------------------------------
# These two are also the colours the app should paint beyond the tiles.
SEA = "#c6d3db"   # soft blue-grey
LAND = "#efe8d8"  # pale warm paper
LAKE = SEA
SHORE = "#7d93a0"      # coast and lake shores: a darker sea tone
RIVER = "#6e99bd"      # soft blue, darker than the sea so thin lines read
CANAL = "#86a7c2"      # the Grand Canal: a touch paler than rivers
BORDER = "#a99aa6"     # faint grey-mauve, dashed

# --- widths in pixels of a 256 px tile, per zoom --------------------------
#            z4    z5    z6    z7    z8    z9    z10
Z = list(range(MIN_ZOOM, STYLE_MAX_ZOOM + 1))
COAST_W = [0.45, 0.55, 0.65, 0.75, 0.85, 1.0, 1.1]
LAKE_W = [0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]
RIVER_W = {
    1: [0.9, 1.2, 1.4, 1.7, 2.1, 2.6, 3.1],   # permanent major rivers (Yellow River, Yangtze, ...)
    2: [0.0, 0.55, 0.8, 1.05, 1.35, 1.75, 2.15],  # additional major rivers (Fen, Zhang, Wei, Sanggan, ...)
    3: [0.0, 0.0, 0.5, 0.7, 0.95, 1.2, 1.45],  # additional rivers (Hutuo, Ziya, ...)
    4: [0.0, 0.0, 0.0, 0.5, 0.65, 0.85, 1.05],  # minor rivers
    8: [0.0, 0.0, 0.45, 0.6, 0.8, 1.0, 1.2],    # major canals (Grand Canal)
}
RIVER_OPACITY = [0.6, 0.7, 0.8, 0.9, 1.0, 1.0, 1.0]
BORDER_W = [0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2]
BORDER_DASH = ["3,1.5", "3,1.5", "4,2", "5,2.5", "6,3", "7,3", "8,3.5"]
BORDER_OPACITY = 0.75

# --- relief shading -------------------------------------------------------
# The shade field is about -0.3..+0.3 on slopes. It is multiplied by GAIN,
# small values (noise of the source JPEG on the plains) are dropped, then
# shadows darken the land towards SHADOW by up to SHADOW_MAX and lit slopes
# lighten it towards white by up to LIGHT_MAX.
SHADE_GAIN = [2.4, 2.6, 2.8, 2.6, 2.2, 1.8, 1.6]
SHADE_DEADZONE = 0.03
SHADOW = "#5b5142"  # warm brown-grey shadows rather than grey ones
SHADOW_MAX = 0.22
LIGHT_MAX = 0.4


def hex_rgb(h):
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) for i in (0, 2, 4))


def _layer(name, path, style):
    return f"""  <Layer name="{name}" srs="epsg:3857">
    <StyleName>{style}</StyleName>
    <Datasource>
      <Parameter name="type">geojson</Parameter>
      <Parameter name="file">{escape(path)}</Parameter>
      <Parameter name="cache_features">true</Parameter>
    </Datasource>
  </Layer>
"""


def _zoom_rule(z, body, filt=None):
    sd = scale_denominator(z)
    f = f"<Filter>{filt}</Filter>" if filt else ""
    return (f"    <Rule><MaxScaleDenominator>{sd * 1.41:.1f}</MaxScaleDenominator>"
            f"<MinScaleDenominator>{sd / 1.41:.1f}</MinScaleDenominator>{f}{body}</Rule>\n")


def _style(name, rules, extra=""):
    return f'  <Style name="{name}"{extra}>\n{"".join(rules)}  </Style>\n'


def fill_xml(data_dir):
    """Sea (background), land, lakes."""
    d = lambda n: os.path.join(data_dir, n)  # noqa: E731
    styles = (
        _style("land", [f'    <Rule><PolygonSymbolizer fill="{LAND}" gamma="0.7"/></Rule>\n'])
        + _style("lakes", [f'    <Rule><PolygonSymbolizer fill="{LAKE}" gamma="0.7"/></Rule>\n'])
    )
    layers = _layer("land", d("land.geojson"), "land") + _layer("lakes", d("lakes.geojson"), "lakes")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<Map srs="epsg:3857" background-color="{SEA}" buffer-size="8">\n'
            f"{styles}{layers}</Map>\n")


def lines_xml(data_dir):
    """Rivers, canals, lake shores, coast, country borders; transparent background."""
    d = lambda n: os.path.join(data_dir, n)  # noqa: E731
    river_rules = []
    # Draw the small classes first so the big rivers lie on top where they meet.
    for level in (4, 3, 8, 2, 1):
        colour = CANAL if level == 8 else RIVER
        for i, z in enumerate(Z):
            w = RIVER_W[level][i]
            if w <= 0:
                continue
            river_rules.append(_zoom_rule(
                z,
                f'<LineSymbolizer stroke="{colour}" stroke-width="{w}" stroke-opacity="{RIVER_OPACITY[i]}" '
                f'stroke-linecap="round" stroke-linejoin="round" smooth="0.3"/>',
                f"[level] = {level}"))
    lake_rules = [_zoom_rule(z, f'<LineSymbolizer stroke="{SHORE}" stroke-width="{LAKE_W[i]}" stroke-linejoin="round"/>')
                  for i, z in enumerate(Z) if LAKE_W[i] > 0]
    coast_rules = [_zoom_rule(z, f'<LineSymbolizer stroke="{SHORE}" stroke-width="{COAST_W[i]}" '
                                 f'stroke-linejoin="round" stroke-linecap="round"/>')
                   for i, z in enumerate(Z)]
    border_rules = [_zoom_rule(z, f'<LineSymbolizer stroke="{BORDER}" stroke-width="{BORDER_W[i]}" '
                                  f'stroke-opacity="{BORDER_OPACITY}" stroke-dasharray="{BORDER_DASH[i]}" '
                                  f'stroke-linejoin="round"/>')
                    for i, z in enumerate(Z)]
    styles = (_style("rivers", river_rules) + _style("lakeshore", lake_rules)
              + _style("coast", coast_rules) + _style("borders", border_rules))
    layers = (_layer("rivers", d("rivers.geojson"), "rivers")
              + _layer("lakeshore", d("lakes.geojson"), "lakeshore")
              + _layer("coast", d("coast.geojson"), "coast")
              + _layer("borders", d("borders.geojson"), "borders"))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<Map srs="epsg:3857" buffer-size="16">\n'
            f"{styles}{layers}</Map>\n")
