//! Markers that never bury each other: the places of the map are grouped
//! at the current zoom so that what stands at one group never touches what
//! stands at another, and the markers of a group can be spread out in rings
//! around it. Pure geometry, tested without a window.
//!
//! # The rule
//! Each place that events happen at is a *site*, with the largest marker
//! any of its events can have there (`reach`) and how many events it holds
//! (`weight`), both over the whole dataset. Two sites whose largest markers
//! would touch belong to one group; a group that can hold two events or
//! more has a disc of its own at its *anchor* (the site with the most
//! events), and what that disc touches joins the group too.
//!
//! So a group depends on the zoom and the places only, never on the date or
//! the filters: nothing jumps while time plays, and an exported frame shows
//! the groups the window shows. Whatever is drawn for one group (a marker
//! at its own place when only one event is shown there, or the group's disc)
//! stays inside its sites' discs, which no other group's discs touch.
use egui::{Pos2, Vec2};

/// Room between markers of different groups, in points.
pub const GAP: f32 = 2.0;

/// The smallest radius of a group's disc: room for a count of two digits.
pub const GROUP_RADIUS: f32 = 11.0;

/// A place where markers may stand, at the current zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Site {
    /// The caller's id for the place.
    pub key: usize,
    /// Where it is on the screen.
    pub at: Pos2,
    /// The radius of the largest marker that may stand there.
    pub reach: f32,
    /// How many events happen there (over the whole dataset).
    pub weight: u32,
}

/// The groups of a set of sites.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    /// The group of each site, by the site's index.
    of: Vec<usize>,
    /// Each group's anchor (a site index), by group.
    anchors: Vec<usize>,
    /// Each group's weight: the events of all its sites.
    weights: Vec<u32>,
}

impl Groups {
    /// The group of site `i`.
    pub fn of(&self, i: usize) -> usize {
        self.of[i]
    }

    /// The site a group's disc stands on.
    pub fn anchor(&self, group: usize) -> usize {
        self.anchors[group]
    }

    /// How many groups there are.
    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    /// Whether the group can ever hold two events (and so has a disc).
    pub fn can_gather(&self, group: usize) -> bool {
        self.weights[group] >= 2
    }

    /// The radius of a group's disc.
    pub fn radius(&self, group: usize) -> f32 {
        group_radius(self.weights[group])
    }
}

/// The radius of the disc of a group of `weight` events: a little larger
/// for more, so a crowd reads as one at a glance.
pub fn group_radius(weight: u32) -> f32 {
    (GROUP_RADIUS + 1.5 * (weight.max(1) as f32).ln()).min(2.0 * GROUP_RADIUS)
}

/// Union-find over site indices.
struct Sets(Vec<usize>);

impl Sets {
    fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    /// Joins the sets of `a` and `b`; whether they were apart.
    fn join(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return false;
        }
        // The lower index is the root: the result does not depend on the
        // order pairs are met in.
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        self.0[hi] = lo;
        true
    }
}

/// Which of two sites anchors a group: more events, then the lower key.
fn better(sites: &[Site], a: usize, b: usize) -> bool {
    let (sa, sb) = (&sites[a], &sites[b]);
    (sa.weight, std::cmp::Reverse(sa.key)) > (sb.weight, std::cmp::Reverse(sb.key))
}

/// Joins every two discs (site index, centre, radius) that touch.
fn join_touching(discs: &[(usize, Pos2, f32)], sets: &mut Sets) -> bool {
    let Some(widest) = discs.iter().map(|d| d.2).reduce(f32::max) else {
        return false;
    };
    // A grid of cells wider than any two discs can reach: only neighbours
    // are compared.
    let cell = 2.0 * widest + GAP;
    let key = |p: Pos2| ((p.x / cell).floor() as i64, (p.y / cell).floor() as i64);
    let mut cells: std::collections::HashMap<(i64, i64), Vec<usize>> = std::collections::HashMap::new();
    for (n, d) in discs.iter().enumerate() {
        cells.entry(key(d.1)).or_default().push(n);
    }
    let mut joined = false;
    for (n, &(i, at, r)) in discs.iter().enumerate() {
        let (cx, cy) = key(at);
        for dx in -1..=1 {
            for dy in -1..=1 {
                let Some(near) = cells.get(&(cx + dx, cy + dy)) else {
                    continue;
                };
                for &m in near.iter().filter(|&&m| m > n) {
                    let (j, bt, s) = discs[m];
                    if at.distance(bt) < r + s + GAP {
                        joined |= sets.join(i, j);
                    }
                }
            }
        }
    }
    joined
}

/// Groups `sites` (see the module's rule). Sites with a position that is
/// not finite stand alone.
pub fn group(sites: &[Site]) -> Groups {
    let mut sets = Sets((0..sites.len()).collect());
    let finite = |s: &Site| s.at.x.is_finite() && s.at.y.is_finite() && s.reach.is_finite();
    let own: Vec<(usize, Pos2, f32)> = (sites.iter().enumerate())
        .filter(|(_, s)| finite(s))
        .map(|(i, s)| (i, s.at, s.reach))
        .collect();
    join_touching(&own, &mut sets);
    loop {
        let (anchors, weights) = anchors_of(sites, &mut sets);
        // Each group that can hold two events adds its disc; what it
        // touches joins the group, until nothing more does.
        let mut discs = own.clone();
        for (&a, &w) in anchors.values().zip(weights.values()) {
            if w >= 2 && finite(&sites[a]) {
                discs.push((a, sites[a].at, group_radius(w)));
            }
        }
        if !join_touching(&discs, &mut sets) {
            break;
        }
    }
    let (anchors, weights) = anchors_of(sites, &mut sets);
    let roots: Vec<usize> = anchors.keys().copied().collect();
    let of = (0..sites.len())
        .map(|i| {
            let r = sets.root(i);
            roots.binary_search(&r).unwrap_or_default()
        })
        .collect();
    Groups {
        of,
        anchors: anchors.into_values().collect(),
        weights: weights.into_values().collect(),
    }
}

type ByRoot<T> = std::collections::BTreeMap<usize, T>;

/// Each set's anchor and weight, by its root.
fn anchors_of(sites: &[Site], sets: &mut Sets) -> (ByRoot<usize>, ByRoot<u32>) {
    let mut anchors: ByRoot<usize> = ByRoot::new();
    let mut weights: ByRoot<u32> = ByRoot::new();
    for i in 0..sites.len() {
        let r = sets.root(i);
        let a = anchors.entry(r).or_insert(i);
        if better(sites, i, *a) {
            *a = i;
        }
        *weights.entry(r).or_insert(0) += sites[i].weight;
    }
    (anchors, weights)
}

/// Where the markers of an opened group stand: in rings around `centre`,
/// outside its disc of radius `inner`, each of its own extent (`extents`,
/// in order) and never touching a neighbour; the first at the top,
/// clockwise. A ring holds as many as fit, then the next ring starts
/// outside it.
pub fn spread(centre: Pos2, inner: f32, extents: &[f32]) -> Vec<Pos2> {
    let mut out = Vec::with_capacity(extents.len());
    let mut edge = inner + GAP;
    let mut next = 0;
    while next < extents.len() {
        // The ring is as wide as the widest marker still to place.
        let widest = extents[next..].iter().copied().fold(0.0, f32::max).max(1.0);
        let radius = edge + widest + 2.0;
        // The angle from one marker's centre to the next's for the chord
        // between them to clear both.
        let step = |a: f32, b: f32| 2.0 * ((a + b + GAP) / (2.0 * radius)).min(1.0).asin();
        let first = next;
        let mut angles = vec![0.0_f32];
        let mut end = next + 1;
        while end < extents.len() {
            let at = angles[angles.len() - 1] + step(extents[end - 1], extents[end]);
            // Room left to come back round to the first.
            if at + step(extents[end], extents[first]) > std::f32::consts::TAU {
                break;
            }
            angles.push(at);
            end += 1;
        }
        // What is left of the circle is shared out between the gaps.
        let closing = if end - first > 1 {
            step(extents[end - 1], extents[first])
        } else {
            0.0
        };
        let used = angles[angles.len() - 1] + closing;
        let extra = (std::f32::consts::TAU - used).max(0.0) / (end - first) as f32;
        for (k, a) in angles.iter().enumerate() {
            let a = -std::f32::consts::FRAC_PI_2 + a + extra * k as f32;
            out.push(centre + Vec2::angled(a) * radius);
        }
        edge = radius + widest + GAP;
        next = end;
    }
    out
}

/// How far an opened group reaches from its centre: its outer ring's
/// markers, their extent included.
pub fn spread_reach(inner: f32, extents: &[f32]) -> f32 {
    let centre = Pos2::ZERO;
    (spread(centre, inner, extents).iter().zip(extents))
        .map(|(p, e)| p.distance(centre) + e)
        .fold(inner, f32::max)
}

#[cfg(test)]
#[path = "groups_tests.rs"]
mod tests;
