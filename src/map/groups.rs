//! Markers that never bury each other: the places of the map are grouped
//! at the current zoom so that what stands at one group never touches what
//! stands at another, and the markers of a group can be spread out in rings
//! around it. Pure geometry, tested without a window.
//!
//! # The rule
//! Each place that events happen at is a *site*, with the largest marker
//! any of its events can have there (`reach`) and how many events it holds
//! (`weight`), both over the whole dataset.
//! 1. Sites are ranked: points before areas (a city anchors better than a
//!    province's middle), then more events, then the lower key. In that
//!    order each site not yet taken *anchors* a group and takes the sites
//!    not yet taken whose largest marker would touch its own: a group
//!    reaches no further than its anchor's neighbours, so a railway of
//!    stations never chains into one group.
//! 2. Each group keeps a disc at its anchor, wide enough for its count and
//!    for any of its markers. Two groups whose discs touch become one (the
//!    better anchor stays), until none touch.
//! 3. A site whose own marker touches no other group's disc, nor a site
//!    freed before it, is *free*: an event shown alone there stands on its
//!    place. Otherwise it stands on its group's anchor, with a line to its
//!    place.
//!
//! So a group depends on the zoom and the places only, never on the date or
//! the filters: nothing jumps while time plays, and an exported frame shows
//! the groups the window shows. What one group draws (its disc, or its one
//! marker on a free site or on the anchor) never touches what another draws.
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
    /// How far the largest marker that may stand there reaches.
    pub reach: f32,
    /// How many events happen there (over the whole dataset).
    pub weight: u32,
    /// An area's middle (a province, a region), not a point.
    pub area: bool,
}

/// The groups of a set of sites.
#[derive(Debug, Clone, PartialEq)]
pub struct Groups {
    /// The group of each site, by the site's index.
    of: Vec<usize>,
    /// Whether an event shown alone at each site stands on its place.
    free: Vec<bool>,
    /// Each group's anchor (a site index), by group.
    anchors: Vec<usize>,
    /// Each group's weight: the events of all its sites.
    weights: Vec<u32>,
    /// How far each group's disc may reach: its count's disc or its widest
    /// marker, whichever is wider.
    room: Vec<f32>,
}

impl Groups {
    /// The group of site `i`.
    pub fn of(&self, i: usize) -> usize {
        self.of[i]
    }

    /// Whether an event shown alone at site `i` stands on its own place
    /// (else on its group's anchor).
    pub fn is_free(&self, i: usize) -> bool {
        self.free[i]
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

    /// The radius of a group's disc as drawn.
    pub fn radius(&self, group: usize) -> f32 {
        group_radius(self.weights[group])
    }

    /// How far what the group draws on its anchor may reach.
    pub fn room(&self, group: usize) -> f32 {
        self.room[group]
    }
}

/// The radius of the disc of a group of `weight` events: a little larger
/// for more, so a crowd reads as one at a glance.
pub fn group_radius(weight: u32) -> f32 {
    (GROUP_RADIUS + 1.5 * (weight.max(1) as f32).ln()).min(2.0 * GROUP_RADIUS)
}

fn touch(a: (Pos2, f32), b: (Pos2, f32)) -> bool {
    a.0.distance(b.0) < a.1 + b.1 + GAP
}

/// A group being built.
struct Draft {
    anchor: usize,
    members: Vec<usize>,
    weight: u32,
    widest: f32,
}

impl Draft {
    fn room(&self) -> f32 {
        let disc = if self.weight >= 2 {
            group_radius(self.weight)
        } else {
            0.0
        };
        disc.max(self.widest)
    }
}

/// Groups `sites` (see the module's rule). Sites whose position is not
/// finite stand alone.
pub fn group(sites: &[Site]) -> Groups {
    let finite = |s: &Site| s.at.x.is_finite() && s.at.y.is_finite() && s.reach.is_finite();
    // 1. Anchors in rank order take their touching neighbours.
    let mut order: Vec<usize> = (0..sites.len()).collect();
    order.sort_by(|&a, &b| {
        let (sa, sb) = (&sites[a], &sites[b]);
        (sa.area, std::cmp::Reverse(sa.weight), sa.key).cmp(&(sb.area, std::cmp::Reverse(sb.weight), sb.key))
    });
    let grid = Grid::new(sites.iter().map(|s| (s.at, s.reach)));
    let mut taken = vec![false; sites.len()];
    let mut drafts: Vec<Draft> = Vec::new();
    for &a in &order {
        if taken[a] {
            continue;
        }
        taken[a] = true;
        let mut d = Draft {
            anchor: a,
            members: vec![a],
            weight: sites[a].weight,
            widest: sites[a].reach,
        };
        if finite(&sites[a]) {
            let mut near = grid.near(sites[a].at, sites[a].reach);
            near.sort_unstable();
            for t in near {
                if !taken[t]
                    && finite(&sites[t])
                    && touch((sites[a].at, sites[a].reach), (sites[t].at, sites[t].reach))
                {
                    taken[t] = true;
                    d.members.push(t);
                    d.weight += sites[t].weight;
                    d.widest = d.widest.max(sites[t].reach);
                }
            }
        }
        drafts.push(d);
    }
    // 2. Groups whose discs touch become one, the better (earlier) anchor
    // staying, until none touch.
    let disc = |d: &Draft| (sites[d.anchor].at, d.room());
    loop {
        let mut merged = false;
        let mut i = 0;
        while i < drafts.len() {
            if !finite(&sites[drafts[i].anchor]) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < drafts.len() {
                if finite(&sites[drafts[j].anchor]) && touch(disc(&drafts[i]), disc(&drafts[j])) {
                    let other = drafts.remove(j);
                    let d = &mut drafts[i];
                    d.members.extend(other.members);
                    d.weight += other.weight;
                    d.widest = d.widest.max(other.widest);
                    merged = true;
                    // The disc grew: look again from the start of the rest.
                    j = i + 1;
                } else {
                    j += 1;
                }
            }
            i += 1;
        }
        if !merged {
            break;
        }
    }
    // 3. Free sites, in rank order.
    let mut of = vec![0; sites.len()];
    for (g, d) in drafts.iter().enumerate() {
        for &m in &d.members {
            of[m] = g;
        }
    }
    let anchors: Vec<(Pos2, f32)> = drafts.iter().map(disc).collect();
    let anchor_grid = Grid::new(anchors.iter().copied());
    let mut free = vec![false; sites.len()];
    let mut freed: Vec<usize> = Vec::new();
    for &i in &order {
        let s = &sites[i];
        let g = of[i];
        if drafts[g].anchor == i || !finite(s) {
            // An anchor stands on its own place.
            free[i] = true;
            continue;
        }
        let mine = (s.at, s.reach);
        let clear = (anchor_grid.near(s.at, s.reach).into_iter()).all(|h| h == g || !touch(mine, anchors[h]))
            && (freed.iter()).all(|&f| of[f] == g || !touch(mine, (sites[f].at, sites[f].reach)));
        if clear {
            free[i] = true;
            freed.push(i);
        }
    }
    Groups {
        of,
        free,
        anchors: drafts.iter().map(|d| d.anchor).collect(),
        weights: drafts.iter().map(|d| d.weight).collect(),
        room: drafts.iter().map(|d| d.room()).collect(),
    }
}

/// Discs in cells of a grid, to find the ones near a point.
struct Grid {
    cell: f32,
    cells: std::collections::HashMap<(i64, i64), Vec<usize>>,
    widest: f32,
}

impl Grid {
    fn new(discs: impl Iterator<Item = (Pos2, f32)>) -> Self {
        let discs: Vec<(Pos2, f32)> = discs.collect();
        let widest = (discs.iter().map(|d| d.1).filter(|r| r.is_finite())).fold(1.0, f32::max);
        let cell = 2.0 * widest + GAP;
        let mut cells: std::collections::HashMap<(i64, i64), Vec<usize>> = std::collections::HashMap::new();
        for (n, (at, _)) in discs.iter().enumerate() {
            if at.x.is_finite() && at.y.is_finite() {
                cells.entry(Self::key(cell, *at)).or_default().push(n);
            }
        }
        Grid { cell, cells, widest }
    }

    fn key(cell: f32, p: Pos2) -> (i64, i64) {
        ((p.x / cell).floor() as i64, (p.y / cell).floor() as i64)
    }

    /// The discs that may touch one of radius `r` at `p`.
    fn near(&self, p: Pos2, r: f32) -> Vec<usize> {
        let span = ((r + self.widest + GAP) / self.cell).ceil() as i64;
        let (cx, cy) = Self::key(self.cell, p);
        let mut out = Vec::new();
        for dx in -span..=span {
            for dy in -span..=span {
                if let Some(v) = self.cells.get(&(cx + dx, cy + dy)) {
                    out.extend_from_slice(v);
                }
            }
        }
        out
    }
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
