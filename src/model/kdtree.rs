//! A static 2-d tree over points (built once, O(n log n)), for finding the
//! nearest point that passes a test (e.g. "shown now") within a radius in
//! O(log n) plus the points it has to look at near the query, instead of
//! scanning every point.

/// Points and their items, laid out as an implicit tree: the middle of each
/// slice splits it, on x at even depths and on y at odd ones.
#[derive(Debug, Clone, Default)]
pub struct KdTree {
    points: Vec<([f64; 2], u32)>,
}

impl KdTree {
    /// Builds the tree over `(point, item)`; points with a NaN are left out.
    pub fn new(mut points: Vec<([f64; 2], u32)>) -> Self {
        points.retain(|(p, _)| !p[0].is_nan() && !p[1].is_nan());
        build(&mut points, 0);
        KdTree { points }
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
        let mut best: Option<(u32, f64)> = None;
        let mut limit = radius * radius;
        search(&self.points, 0, at, &keep, &mut limit, &mut best);
        best.map(|(i, d2)| (i, d2.sqrt()))
    }
}

fn build(points: &mut [([f64; 2], u32)], depth: usize) {
    if points.len() <= 1 {
        return;
    }
    let axis = depth % 2;
    let mid = points.len() / 2;
    points.select_nth_unstable_by(mid, |a, b| a.0[axis].total_cmp(&b.0[axis]));
    let (left, right) = points.split_at_mut(mid);
    build(left, depth + 1);
    build(&mut right[1..], depth + 1);
}

fn search(
    points: &[([f64; 2], u32)],
    depth: usize,
    at: [f64; 2],
    keep: &impl Fn(u32) -> bool,
    limit: &mut f64,
    best: &mut Option<(u32, f64)>,
) {
    if points.is_empty() {
        return;
    }
    let mid = points.len() / 2;
    let (p, item) = points[mid];
    let d2 = (p[0] - at[0]).powi(2) + (p[1] - at[1]).powi(2);
    let better = match *best {
        Some((b, bd)) => d2 < bd || (d2 == bd && item < b),
        None => true,
    };
    if d2 <= *limit && better && keep(item) {
        *best = Some((item, d2));
        *limit = d2;
    }
    let axis = depth % 2;
    let delta = at[axis] - p[axis];
    let (near, far) = if delta < 0.0 {
        (&points[..mid], &points[mid + 1..])
    } else {
        (&points[mid + 1..], &points[..mid])
    };
    search(near, depth + 1, at, keep, limit, best);
    // The far side can hold a point only as close as the splitting line.
    if delta * delta <= *limit {
        search(far, depth + 1, at, keep, limit, best);
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
        let tree = KdTree::new(pts.clone());
        assert_eq!(tree.len(), 5000);
        for q in 0..400 {
            let at = [unit() * 0.3 + 0.35, unit() * 0.3 + 0.35];
            let radius = [0.0, 0.001, 0.01, 0.05][q % 4];
            let keep = |i: u32| i % 3 != q as u32 % 3;
            let scan = pts
                .iter()
                .filter(|(p, i)| !p[0].is_nan() && keep(*i))
                .map(|(p, i)| (*i, ((p[0] - at[0]).powi(2) + (p[1] - at[1]).powi(2)).sqrt()))
                .filter(|(_, d)| *d <= radius)
                .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            assert_eq!(
                tree.nearest(at, radius, keep),
                scan,
                "query {q} at {at:?} r {radius}"
            );
        }
        // Exactly on a point, radius 0.
        assert_eq!(tree.nearest([0.5, 0.5], 0.0, |_| true), Some((0, 0.0)));
        assert_eq!(KdTree::new(Vec::new()).nearest([0.5, 0.5], 1.0, |_| true), None);
    }
}
