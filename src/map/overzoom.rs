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

/// Wraps a tile source that has nothing beyond `max_zoom`.
pub struct Overzoom<T> {
    pub inner: T,
    pub max_zoom: u8,
}

impl<T: Tiles> Tiles for Overzoom<T> {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        let (parent, uv) = covering_tile(tile_id, self.max_zoom);
        let piece = self.inner.at(parent)?;
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
    fn uv_composes() {
        let outer = Rect::from_min_max(pos2(0.5, 0.0), pos2(1.0, 0.5));
        let inner = Rect::from_min_max(pos2(0.5, 0.5), pos2(1.0, 1.0));
        assert_eq!(
            compose_uv(outer, inner),
            Rect::from_min_max(pos2(0.75, 0.25), pos2(1.0, 0.5))
        );
    }
}
