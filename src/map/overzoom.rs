//! Past the deepest bundled zoom the map still shows: the deepest tile that
//! covers the requested one is drawn, scaled up, instead of a blank.
use egui::{Rect, pos2};
use walkers::{Stats, TileId, TilePiece, Tiles, sources::Attribution};

/// The tile at `max_zoom` that covers `tile`, and the part of it (as UV
/// coordinates 0..1) that `tile` covers. Tiles at or above `max_zoom` map
/// to themselves with the full UV square.
pub fn covering_tile(tile: TileId, max_zoom: u8) -> (TileId, Rect) {
    if tile.zoom <= max_zoom {
        return (tile, Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)));
    }
    let shift = u32::from(tile.zoom - max_zoom).min(31);
    let n = 1u32 << shift;
    let parent = TileId {
        x: tile.x >> shift,
        y: tile.y >> shift,
        zoom: max_zoom,
    };
    let step = 1.0 / n as f32;
    let (ox, oy) = ((tile.x % n) as f32 * step, (tile.y % n) as f32 * step);
    (
        parent,
        Rect::from_min_max(pos2(ox, oy), pos2(ox + step, oy + step)),
    )
}

/// The part `inner` (UV of a UV) of the region `outer`.
pub fn compose_uv(outer: Rect, inner: Rect) -> Rect {
    let w = outer.width();
    let h = outer.height();
    Rect::from_min_max(
        pos2(outer.min.x + inner.min.x * w, outer.min.y + inner.min.y * h),
        pos2(outer.min.x + inner.max.x * w, outer.min.y + inner.max.y * h),
    )
}

/// Whether a base map file holding the tiles of `zooms` that touch `bounds`
/// (min lon, min lat, max lon, max lat), as `tools/basemap` writes it
/// (`tiles_for_zoom`), has `tile`. The box is shrunk by a hair so that a
/// tile only touching its edge is not expected.
pub fn file_has(tile: TileId, zooms: (u8, u8), bounds: [f64; 4]) -> bool {
    if tile.zoom < zooms.0 || tile.zoom > zooms.1 {
        return false;
    }
    let eps = 1e-6;
    let n = f64::from(1u32 << u32::from(tile.zoom.min(31)));
    let x = |lon: f64| (lon + 180.0) / 360.0 * n;
    let y = |lat: f64| {
        let s = lat.to_radians().sin();
        (0.5 - ((1.0 + s) / (1.0 - s)).ln() / (4.0 * std::f64::consts::PI)) * n
    };
    let (x0, x1) = (x(bounds[0] + eps), x(bounds[2] - eps));
    let (y0, y1) = (y(bounds[3] - eps), y(bounds[1] + eps));
    let (tx, ty) = (f64::from(tile.x), f64::from(tile.y));
    tx + 1.0 > x0 && tx < x1 && ty + 1.0 > y0 && ty < y1
}

/// The whole of a tile, as UV coordinates.
const FULL_UV: Rect = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));

/// Wraps a tile source that has nothing beyond `max_zoom`, and notes which
/// tiles each frame asked for and whether it got them themselves or only a
/// coarser stand-in while they load (exports wait for the real ones).
pub struct Overzoom<T> {
    pub inner: T,
    pub max_zoom: u8,
    asked: Vec<(TileId, bool)>,
}

impl<T> Overzoom<T> {
    pub fn new(inner: T, max_zoom: u8) -> Self {
        Overzoom {
            inner,
            max_zoom,
            asked: Vec::new(),
        }
    }

    /// Forgets what the last frame asked for (call before drawing the map).
    pub fn begin_pass(&mut self) {
        self.asked.clear();
    }

    /// The tiles (at most `max_zoom`) asked for since [`Self::begin_pass`],
    /// each with whether it was drawn itself.
    pub fn asked(&self) -> &[(TileId, bool)] {
        &self.asked
    }
}

impl<T: Tiles> Tiles for Overzoom<T> {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        let (parent, uv) = covering_tile(tile_id, self.max_zoom);
        let piece = self.inner.at(parent);
        let itself = piece.as_ref().is_some_and(|p| p.uv == FULL_UV);
        if !self.asked.iter().any(|(t, _)| *t == parent) {
            self.asked.push((parent, itself));
        }
        let piece = piece?;
        Some(TilePiece {
            tile: piece.tile,
            uv: compose_uv(piece.uv, uv),
        })
    }

    fn attribution(&self) -> Attribution {
        self.inner.attribution()
    }

    fn tile_size(&self) -> u32 {
        self.inner.tile_size()
    }

    fn stats(&self) -> Stats {
        self.inner.stats()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deeper_tiles_map_to_a_quarter_of_their_parent() {
        let (p, uv) = covering_tile(
            TileId {
                x: 845,
                y: 387,
                zoom: 10,
            },
            9,
        );
        assert_eq!(
            p,
            TileId {
                x: 422,
                y: 193,
                zoom: 9
            }
        );
        assert_eq!(uv, Rect::from_min_max(pos2(0.5, 0.5), pos2(1.0, 1.0)));
        let (p, uv) = covering_tile(
            TileId {
                x: 1690,
                y: 772,
                zoom: 11,
            },
            9,
        );
        assert_eq!(
            p,
            TileId {
                x: 422,
                y: 193,
                zoom: 9
            }
        );
        assert_eq!(uv, Rect::from_min_max(pos2(0.5, 0.0), pos2(0.75, 0.25)));
        let t = TileId { x: 3, y: 4, zoom: 5 };
        assert_eq!(covering_tile(t, 9).0, t);
    }

    #[test]
    fn the_file_has_the_tiles_touching_its_box_at_its_zooms() {
        // China's box at zoom 4: x 11..13 (lon 67.5-135), y 5..6.
        let cover = [73.0, 18.0, 135.0, 54.0];
        let t = |zoom, x, y| TileId { x, y, zoom };
        assert!(file_has(t(4, 12, 6), (2, 9), cover));
        assert!(
            file_has(t(4, 11, 5), (2, 9), cover),
            "touches the box's corner tile"
        );
        assert!(!file_has(t(4, 10, 6), (2, 9), cover), "west of the box");
        assert!(!file_has(t(4, 12, 2), (2, 9), cover), "north of it");
        assert!(!file_has(t(1, 1, 0), (2, 9), cover), "above the file's zooms");
        assert!(!file_has(t(10, 845, 387), (2, 9), cover), "below them");
        // Tiles whose edge is the box's edge are not expected: lon 90 and
        // the equator; the one inside them is.
        let edge = [90.0, 0.0, 135.0, 54.0];
        assert!(!file_has(t(2, 2, 1), (2, 9), edge));
        assert!(!file_has(t(2, 3, 2), (2, 9), edge));
        assert!(file_has(t(2, 3, 1), (2, 9), edge));
    }

    #[test]
    fn uv_composes() {
        let outer = Rect::from_min_max(pos2(0.5, 0.0), pos2(1.0, 0.5));
        let inner = Rect::from_min_max(pos2(0.5, 0.5), pos2(1.0, 1.0));
        assert_eq!(
            compose_uv(outer, inner),
            Rect::from_min_max(pos2(0.75, 0.25), pos2(1.0, 0.5))
        );
    }
}
