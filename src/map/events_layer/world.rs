//! Web Mercator world square to screen, for the dots and hexagons of point
//! files, which keep their positions in world units.
use egui::Pos2;
use walkers::{Projector, lon_lat};

use crate::map::view;

/// Web Mercator world square to screen: the projector's mapping, which is
/// a scale and a shift, taken from two points near the view's centre.
pub(super) struct WorldToScreen {
    origin: [f64; 2],
    at_origin: Pos2,
    scale: [f64; 2],
}

impl WorldToScreen {
    pub(super) fn new(projector: &Projector) -> Self {
        const D: f64 = 1e-3;
        let centre = projector.unproject(projector.clip_rect().center().to_vec2());
        let origin = {
            let (x, y) = view::world_xy(centre.x(), centre.y());
            [x, y]
        };
        let at = |w: [f64; 2]| {
            let p = view::lon_lat_of(w[0], w[1]);
            projector.project(lon_lat(p.lon, p.lat)).to_pos2()
        };
        let at_origin = at(origin);
        let moved = at([origin[0] + D, origin[1] + D]);
        WorldToScreen {
            origin,
            at_origin,
            scale: [
                f64::from(moved.x - at_origin.x) / D,
                f64::from(moved.y - at_origin.y) / D,
            ],
        }
    }

    /// The world point under a screen point, and pixels per world unit
    /// (the smaller of the two axes' scales).
    pub(super) fn invert(&self, p: Pos2) -> ([f64; 2], f64) {
        let w = [
            self.origin[0] + f64::from(p.x - self.at_origin.x) / self.scale[0],
            self.origin[1] + f64::from(p.y - self.at_origin.y) / self.scale[1],
        ];
        (w, self.scale[0].abs().min(self.scale[1].abs()))
    }

    #[inline]
    pub(super) fn apply(&self, w: [f64; 2]) -> Pos2 {
        Pos2::new(
            self.at_origin.x + ((w[0] - self.origin[0]) * self.scale[0]) as f32,
            self.at_origin.y + ((w[1] - self.origin[1]) * self.scale[1]) as f32,
        )
    }
}
