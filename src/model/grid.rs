//! A uniform grid over points (built once, in linear time), for finding the
//! nearest point that passes a test (e.g. "shown now") within a radius by
//! looking only at the cells the radius touches. Built by a counting sort
//! of the points into cells: a million points take a few passes over an
//! array, where a k-d tree needs a median split at every level.

/// The items (point numbers) sorted by cell; `starts[c]..starts[c + 1]` are
/// the items of cell `c` (row-major, `nx` columns). The points themselves
/// stay with their owner, which says where each is: the grid holds 4 bytes
/// a point.
#[derive(Debug, Clone, Default)]
pub struct PointGrid {
    items: Vec<u32>,
    starts: Vec<u32>,
    min: [f64; 2],
    cell: f64,
    nx: usize,
    ny: usize,
}

/// About this many points to a cell on average.
const PER_CELL: usize = 8;

impl PointGrid {
    /// Builds the grid over the points of `parts` one after the other
    /// (item `i` is the `i`-th point); points with a NaN are left out.
    pub fn new(parts: &[&[[f64; 2]]]) -> Self {
        let points = || parts.iter().flat_map(|p| p.iter());
        let finite = |p: &[f64; 2]| p[0].is_finite() && p[1].is_finite();
        let (mut min, mut max) = ([f64::MAX; 2], [f64::MIN; 2]);
        let mut count = 0usize;
        for p in points().filter(|p| finite(p)) {
            count += 1;
            for a in 0..2 {
                min[a] = min[a].min(p[a]);
                max[a] = max[a].max(p[a]);
            }
        }
        if count == 0 {
            return PointGrid::default();
        }
        let extent = (max[0] - min[0]).max(max[1] - min[1]).max(1e-12);
        let side = ((count / PER_CELL) as f64).sqrt().ceil().clamp(1.0, 2048.0);
        let cell = extent / side * (1.0 + 1e-9);
        let nx = (((max[0] - min[0]) / cell).floor() as usize + 1).max(1);
        let ny = (((max[1] - min[1]) / cell).floor() as usize + 1).max(1);
        // Each point's cell (u32::MAX: left out), then the items grouped by
        // cell (stable: items keep their order).
        let per = 1.0 / cell;
        let cells: Vec<u32> = points()
            .map(|p| {
                if !finite(p) {
                    return u32::MAX;
                }
                let cx = (((p[0] - min[0]) * per) as usize).min(nx - 1);
                let cy = (((p[1] - min[1]) * per) as usize).min(ny - 1);
                (cy * nx + cx) as u32
            })
            .collect();
        let super::sort::Buckets { starts, items } = super::sort::Buckets::of(&cells, nx * ny);
        PointGrid {
            items,
            starts,
            min,
            cell,
            nx,
            ny,
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The item nearest to `at` within `radius` that `keep` accepts, with its
    /// distance; ties go to the smaller item. `point(i)` says where item
    /// `i` is, as when the grid was built.
    pub fn nearest(
        &self,
        point: impl Fn(u32) -> [f64; 2],
        at: [f64; 2],
        radius: f64,
        keep: impl Fn(u32) -> bool,
    ) -> Option<(u32, f64)> {
        let radius_ok = radius.is_finite() && radius >= 0.0;
        if self.items.is_empty() || !radius_ok || !at[0].is_finite() || !at[1].is_finite() {
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
            for &item in &self.items[from..to] {
                let p = point(item);
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

    #[test]
    fn the_nearest_kept_point_is_what_a_plain_scan_finds() {
        let mut rng = crate::testing::Rng(7);
        let mut unit = || rng.unit();
        // Clustered and duplicate points, some NaN.
        let mut pts: Vec<[f64; 2]> = (0..5000u32)
            .map(|i| {
                if i % 10 == 0 {
                    [0.5, 0.5]
                } else {
                    [unit() * 0.2 + 0.4, unit() * 0.2 + 0.4]
                }
            })
            .collect();
        pts.insert(17, [f64::NAN, 0.5]);
        let grid = PointGrid::new(&[&pts]);
        // The same points given in two parts (full events, then a point table).
        let split = PointGrid::new(&[&pts[..1234], &pts[1234..]]);
        assert_eq!(grid.len(), 5000);
        for q in 0..600 {
            // Queries inside, at the edges and outside the points' box.
            let at = [unit() * 0.5 + 0.25, unit() * 0.5 + 0.25];
            let radius = [0.0, 0.001, 0.01, 0.05, 0.3][q % 5];
            let keep = |i: u32| i % 3 != q as u32 % 3;
            let scan = (pts.iter().zip(0u32..))
                .filter(|(p, i)| !p[0].is_nan() && keep(*i))
                .map(|(p, i)| (i, ((p[0] - at[0]).powi(2) + (p[1] - at[1]).powi(2)).sqrt()))
                .filter(|(_, d)| *d <= radius)
                .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            assert_eq!(
                grid.nearest(|i| pts[i as usize], at, radius, keep),
                scan,
                "query {q} at {at:?} r {radius}"
            );
            assert_eq!(
                split.nearest(|i| pts[i as usize], at, radius, keep),
                scan,
                "query {q} at {at:?} r {radius}"
            );
        }
        // Exactly on a point, radius 0.
        assert_eq!(
            grid.nearest(|i| pts[i as usize], [0.5, 0.5], 0.0, |_| true),
            Some((0, 0.0))
        );
        assert_eq!(
            PointGrid::new(&[]).nearest(|_| [0.0; 2], [0.5, 0.5], 1.0, |_| true),
            None
        );
        // One point (after four left out), and all points on one spot.
        let one_pts = [
            [f64::NAN; 2],
            [f64::NAN; 2],
            [f64::NAN, 0.3],
            [0.3, f64::INFINITY],
            [0.3, 0.3],
        ];
        let one = PointGrid::new(&[&one_pts]);
        assert_eq!(one.len(), 1);
        assert_eq!(
            one.nearest(|i| one_pts[i as usize], [0.3, 0.31], 0.02, |_| true)
                .map(|h| h.0),
            Some(4)
        );
        let same_pts = vec![[0.7, 0.7]; 100];
        let same = PointGrid::new(&[&same_pts]);
        assert_eq!(
            same.nearest(|i| same_pts[i as usize], [0.7, 0.7], 0.0, |i| i > 41),
            Some((42, 0.0))
        );
    }
}
