//! Many points at low zoom: counts in hexagons.
//!
//! Tens of thousands of dots at once draw as one solid blot; counted into
//! hexagons of a fixed size on screen they show where events are dense. The
//! hexagons are laid on the Web Mercator world square (not the screen), so
//! they stay put while the map pans, and are counted again each frame from
//! the events shown, so they play with time. Colours follow a fixed log
//! scale (1, 10, 100, 1,000 and more), the same at every date and in every
//! export, so that growth shows as colour.
//!
//! The binning is plain arithmetic on world coordinates and is tested here
//! without a window; `events_layer` draws the result.

pub use crate::state::{AUTO_HEXES_ABOVE, PointStyle};

/// A hexagon's radius on screen, in points.
pub const HEX_RADIUS_PX: f64 = 14.0;

/// A pointy-top hexagon grid of the world square.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HexGrid {
    /// Centre-to-corner radius, in world units.
    pub radius: f64,
}

/// A cell in axial coordinates (q, r).
pub type Cell = (i32, i32);

const SQRT3: f64 = 1.732_050_807_568_877_2;

impl HexGrid {
    /// The grid whose hexagons are `radius_px` wide at `px_per_world`.
    /// The radius is rounded to a power of two of world units so that small
    /// zoom steps do not reshuffle every hexagon.
    pub fn for_scale(px_per_world: f64, radius_px: f64) -> Self {
        let want = radius_px / px_per_world.max(1e-9);
        HexGrid {
            radius: 2f64.powf(want.log2().round()),
        }
    }

    /// The cell holding world point `w`.
    pub fn cell(&self, w: [f64; 2]) -> Cell {
        let q = (SQRT3 / 3.0 * w[0] - w[1] / 3.0) / self.radius;
        let r = (2.0 / 3.0 * w[1]) / self.radius;
        // Cube rounding.
        let (x, z) = (q, r);
        let y = -x - z;
        let (mut rx, ry, mut rz) = (x.round(), y.round(), z.round());
        let (dx, dy, dz) = ((rx - x).abs(), (ry - y).abs(), (rz - z).abs());
        if dx > dy && dx > dz {
            rx = -ry - rz;
        } else if dy <= dz {
            rz = -rx - ry;
        }
        (rx as i32, rz as i32)
    }

    /// The world point at the centre of a cell.
    pub fn centre(&self, (q, r): Cell) -> [f64; 2] {
        let (q, r) = (f64::from(q), f64::from(r));
        [self.radius * SQRT3 * (q + r / 2.0), self.radius * 1.5 * r]
    }

    /// The six corners of a cell, clockwise from the top.
    pub fn corners(&self, cell: Cell) -> [[f64; 2]; 6] {
        let c = self.centre(cell);
        std::array::from_fn(|k| {
            let a = std::f64::consts::FRAC_PI_3 * k as f64 - std::f64::consts::FRAC_PI_2;
            [c[0] + self.radius * a.cos(), c[1] + self.radius * a.sin()]
        })
    }
}

/// Counts per cell over a bounded window of cells (the view), in a flat
/// array: tens of thousands of points are binned in well under a millisecond.
#[derive(Debug, Default)]
pub struct HexCounts {
    q0: i32,
    r0: i32,
    width: usize,
    height: usize,
    /// Weighted counts (an uncertain event counts as its alpha).
    counts: Vec<f32>,
    /// Unweighted counts, for the tooltip.
    events: Vec<u32>,
}

impl HexCounts {
    /// An empty count over the cells whose centres can fall in the world
    /// box `min`..`max` (plus a margin of one cell).
    pub fn new(grid: &HexGrid, min: [f64; 2], max: [f64; 2]) -> Self {
        let corners = [min, max, [min[0], max[1]], [max[0], min[1]]].map(|w| grid.cell(w));
        let q0 = corners.iter().map(|c| c.0).min().unwrap_or(0) - 2;
        let q1 = corners.iter().map(|c| c.0).max().unwrap_or(0) + 2;
        let r0 = corners.iter().map(|c| c.1).min().unwrap_or(0) - 2;
        let r1 = corners.iter().map(|c| c.1).max().unwrap_or(0) + 2;
        let width = usize::try_from(q1 - q0 + 1).unwrap_or(0);
        let height = usize::try_from(r1 - r0 + 1).unwrap_or(0);
        // A view is a few thousand cells; refuse absurd boxes.
        let cells = width.saturating_mul(height);
        let (width, height) = if cells > 4_000_000 {
            (0, 0)
        } else {
            (width, height)
        };
        HexCounts {
            q0,
            r0,
            width,
            height,
            counts: vec![0.0; width * height],
            events: vec![0; width * height],
        }
    }

    fn slot(&self, (q, r): Cell) -> Option<usize> {
        let dq = usize::try_from(q - self.q0).ok().filter(|&d| d < self.width)?;
        let dr = usize::try_from(r - self.r0).ok().filter(|&d| d < self.height)?;
        Some(dr * self.width + dq)
    }

    /// Counts one event in `cell` with weight `w`; false when the cell is
    /// outside the window.
    pub fn add(&mut self, cell: Cell, w: f32) -> bool {
        match self.slot(cell) {
            Some(i) => {
                self.counts[i] += w;
                self.events[i] += 1;
                true
            }
            None => false,
        }
    }

    /// The number of events counted in a cell.
    pub fn events_in(&self, cell: Cell) -> u32 {
        self.slot(cell).map_or(0, |i| self.events[i])
    }

    /// Every cell with events: (cell, weighted count, events).
    pub fn cells(&self) -> impl Iterator<Item = (Cell, f32, u32)> + '_ {
        (self.counts.iter().zip(&self.events).enumerate())
            .filter(|(_, (_, n))| **n > 0)
            .map(|(i, (&w, &n))| {
                let q = self.q0 + (i % self.width.max(1)) as i32;
                let r = self.r0 + (i / self.width.max(1)) as i32;
                ((q, r), w, n)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_falls_in_the_hexagon_whose_centre_is_nearest() {
        let grid = HexGrid { radius: 0.01 };
        let mut h = 7u64;
        for _ in 0..20_000 {
            h = h
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let w = [
                (h >> 11) as f64 / (1u64 << 53) as f64,
                (h >> 3 & 0xFFFF) as f64 / 65536.0,
            ];
            let c = grid.cell(w);
            let d = |cell: Cell| {
                let p = grid.centre(cell);
                (p[0] - w[0]).hypot(p[1] - w[1])
            };
            // No neighbour is nearer (the defining property of a hex cell).
            for (dq, dr) in [(1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1)] {
                assert!(d(c) <= d((c.0 + dq, c.1 + dr)) + 1e-12, "{w:?} in {c:?}");
            }
            assert!(d(c) <= grid.radius + 1e-12);
        }
    }

    #[test]
    fn counts_land_in_their_cells_and_outside_points_are_refused() {
        let grid = HexGrid { radius: 0.05 };
        let mut counts = HexCounts::new(&grid, [0.2, 0.2], [0.6, 0.5]);
        let a = grid.cell([0.3, 0.3]);
        assert!(counts.add(a, 1.0));
        assert!(counts.add(a, 0.35));
        assert!(counts.add(grid.cell([0.5, 0.45]), 1.0));
        assert!(!counts.add(grid.cell([0.95, 0.95]), 1.0));
        assert_eq!(counts.events_in(a), 2);
        let cells: Vec<_> = counts.cells().collect();
        assert_eq!(cells.len(), 2);
        assert!(cells.contains(&(a, 1.35, 2)));
    }

    #[test]
    fn the_grid_keeps_its_size_over_small_zoom_steps_and_the_scale_is_fixed() {
        let a = HexGrid::for_scale(1000.0, HEX_RADIUS_PX);
        let b = HexGrid::for_scale(1100.0, HEX_RADIUS_PX);
        assert_eq!(a, b);
        let c = HexGrid::for_scale(4000.0, HEX_RADIUS_PX);
        assert!((a.radius / c.radius - 4.0).abs() < 1e-9);
        use crate::ui::theme::level;
        assert_eq!(level(1.0), 0.0);
        assert_eq!(level(10_000.0), 1.0);
        assert!((level(100.0) - 0.5).abs() < 1e-6);
        assert_eq!(crate::ui::theme::ramp(0.0), [255, 237, 160]);
        assert_eq!(crate::ui::theme::ramp(1.0), [128, 0, 38]);
    }
}
