//! A uniform grid over points (built once, in linear time), for finding the
//! nearest point that passes a test (e.g. "shown now") within a radius by
//! looking only at the cells the radius touches. Built by a counting sort
//! of the points into cells: a million points take a few passes over an
//! array, where a k-d tree needs a median split at every level.

/// Points and their items, sorted by cell; `starts[c]..starts[c + 1]` are
/// the points of cell `c` (row-major, `nx` columns).
#[derive(Debug, Clone, Default)]
pub struct PointGrid {
    points: Vec<([f64; 2], u32)>,
    starts: Vec<u32>,
    min: [f64; 2],
    cell: f64,
    nx: usize,
    ny: usize,
}

/// About this many points to a cell on average.
const PER_CELL: usize = 8;

impl PointGrid {
    /// Builds the grid over `(point, item)`; points with a NaN are left out.
    pub fn new(mut points: Vec<([f64; 2], u32)>) -> Self {
        points.retain(|(p, _)| p[0].is_finite() && p[1].is_finite());
        if points.is_empty() {
            return PointGrid::default();
        }
        let (mut min, mut max) = ([f64::MAX; 2], [f64::MIN; 2]);
        for (p, _) in &points {
            for a in 0..2 {
                min[a] = min[a].min(p[a]);
                max[a] = max[a].max(p[a]);
            }
        }
        let extent = (max[0] - min[0]).max(max[1] - min[1]).max(1e-12);
        let side = ((points.len() / PER_CELL) as f64)
            .sqrt()
            .ceil()
            .clamp(1.0, 2048.0);
        let cell = extent / side * (1.0 + 1e-9);
        let nx = (((max[0] - min[0]) / cell).floor() as usize + 1).max(1);
        let ny = (((max[1] - min[1]) / cell).floor() as usize + 1).max(1);
        let index = |p: &[f64; 2]| -> usize {
            let cx = (((p[0] - min[0]) / cell) as usize).min(nx - 1);
            let cy = (((p[1] - min[1]) / cell) as usize).min(ny - 1);
            cy * nx + cx
        };
        // Counting sort into cells (stable: items keep their order).
        let mut starts = vec![0u32; nx * ny + 1];
        let cells: Vec<u32> = points.iter().map(|(p, _)| index(p) as u32).collect();
        for &c in &cells {
            starts[c as usize + 1] += 1;
        }
        for c in 1..starts.len() {
            starts[c] += starts[c - 1];
        }
        let mut next = starts.clone();
        let mut sorted = vec![([0.0; 2], 0u32); points.len()];
        for (item, &c) in points.iter().zip(&cells) {
            let slot = &mut next[c as usize];
            sorted[*slot as usize] = *item;
            *slot += 1;
        }
        PointGrid {
            points: sorted,
            starts,
            min,
            cell,
            nx,
            ny,
        }
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The item nearest to `at` within `radius` that `keep` accepts, with its
    /// distance; ties go to the smaller item.
    pub fn nearest(&self, at: [f64; 2], radius: f64, keep: impl Fn(u32) -> bool) -> Option<(u32, f64)> {
        let radius_ok = radius.is_finite() && radius >= 0.0;
        if self.points.is_empty() || !radius_ok || !at[0].is_finite() || !at[1].is_finite() {
            return None;
        }
        let range = |v: f64, lo: f64, n: usize| -> Option<(usize, usize)> {
            let a = ((v - radius - lo) / self.cell).floor();
            let b = ((v + radius - lo) / self.cell).floor();
            if b < 0.0 || a > (n - 1) as f64 {
                return None;
            }
            Some((a.max(0.0) as usize, (b as usize).min(n - 1)))
        };
        let (x0, x1) = range(at[0], self.min[0], self.nx)?;
        let (y0, y1) = range(at[1], self.min[1], self.ny)?;
        let mut best: Option<(u32, f64)> = None;
        let limit = radius * radius;
        for cy in y0..=y1 {
            let row = cy * self.nx;
            let (from, to) = (self.starts[row + x0] as usize, self.starts[row + x1 + 1] as usize);
            for &(p, item) in &self.points[from..to] {
                let d2 = (p[0] - at[0]).powi(2) + (p[1] - at[1]).powi(2);
                if d2 > limit {
                    continue;
                }
                let better = match best {
                    Some((b, bd)) => d2 < bd || (d2 == bd && item < b),
                    None => true,
                };
                if better && keep(item) {
                    best = Some((item, d2));
                }
            }
        }
        best.map(|(i, d2)| (i, d2.sqrt()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn splitmix(seed: &mut u64) -> u64 {
        *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    #[test]
    fn the_nearest_kept_point_is_what_a_plain_scan_finds() {
        let mut seed = 7;
        let mut unit = || (splitmix(&mut seed) >> 11) as f64 / (1u64 << 53) as f64;
        // Clustered and duplicate points, some NaN.
        let mut pts: Vec<([f64; 2], u32)> = (0..5000u32)
            .map(|i| {
                let p = if i % 10 == 0 {
                    [0.5, 0.5]
                } else {
                    [unit() * 0.2 + 0.4, unit() * 0.2 + 0.4]
                };
                (p, i)
            })
            .collect();
        pts.push(([f64::NAN, 0.5], 99_999));
        let grid = PointGrid::new(pts.clone());
        assert_eq!(grid.len(), 5000);
        for q in 0..600 {
            // Queries inside, at the edges and outside the points' box.
            let at = [unit() * 0.5 + 0.25, unit() * 0.5 + 0.25];
            let radius = [0.0, 0.001, 0.01, 0.05, 0.3][q % 5];
            let keep = |i: u32| i % 3 != q as u32 % 3;
            let scan = pts
                .iter()
                .filter(|(p, i)| !p[0].is_nan() && keep(*i))
                .map(|(p, i)| (*i, ((p[0] - at[0]).powi(2) + (p[1] - at[1]).powi(2)).sqrt()))
                .filter(|(_, d)| *d <= radius)
                .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            assert_eq!(
                grid.nearest(at, radius, keep),
                scan,
                "query {q} at {at:?} r {radius}"
            );
        }
        // Exactly on a point, radius 0.
        assert_eq!(grid.nearest([0.5, 0.5], 0.0, |_| true), Some((0, 0.0)));
        assert_eq!(
            PointGrid::new(Vec::new()).nearest([0.5, 0.5], 1.0, |_| true),
            None
        );
        // One point, and all points on one spot.
        let one = PointGrid::new(vec![([0.3, 0.3], 4)]);
        assert_eq!(one.nearest([0.3, 0.31], 0.02, |_| true).map(|h| h.0), Some(4));
        let same = PointGrid::new((0..100).map(|i| ([0.7, 0.7], i)).collect());
        assert_eq!(same.nearest([0.7, 0.7], 0.0, |i| i > 41), Some((42, 0.0)));
    }
}
