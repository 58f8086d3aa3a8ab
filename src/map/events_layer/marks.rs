//! What the events layer drew in a frame (markers, groups, place names),
//! kept for hit testing, and measured: how many markers another one buries,
//! how many names lie under a marker.
use egui::{Pos2, Rect};

use super::Hit;
use crate::ui::theme;

/// How far outside a marker or group the pointer still finds it, in points.
pub(super) const REACH: f32 = 4.0;

/// A group of markers drawn this frame as one disc, or opened into a ring.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMark {
    /// The place it stands on (index into the places).
    pub place: usize,
    pub at: Pos2,
    /// Its disc's radius.
    pub radius: f32,
    /// The centre of its ring of markers when open (moved in from `at`
    /// where the ring would leave the map).
    pub ring_at: Pos2,
    /// How far it reaches from `ring_at`: its disc, or its ring of markers
    /// when open.
    pub reach: f32,
    /// The events it holds, one marker each.
    pub events: Vec<usize>,
    /// Opened into a ring of markers (drawn as hits).
    pub open: bool,
}

/// What the layer drew this frame: for hit testing, and for the caller's
/// tests and tools.
#[derive(Debug, Clone)]
pub struct Marks {
    /// The map's rectangle on the screen.
    pub map: Rect,
    /// Every marker drawn.
    pub hits: Vec<Hit>,
    /// Every group drawn.
    pub groups: Vec<GroupMark>,
    /// Every place name drawn beside a point: the place and its rectangle.
    pub labels: Vec<(usize, Rect)>,
    /// What the pointer's press began on (kept from frame to frame until
    /// the click it starts).
    pub(super) pressed_on: Option<Target>,
}

/// What a press or click on the map is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Nothing,
    Event(usize),
    /// A group, by its place.
    Group(usize),
}

impl Default for Marks {
    fn default() -> Self {
        Marks {
            map: Rect::NOTHING,
            hits: Vec::new(),
            groups: Vec::new(),
            labels: Vec::new(),
            pressed_on: None,
        }
    }
}

impl Marks {
    pub(super) fn clear(&mut self) {
        self.map = Rect::NOTHING;
        self.hits.clear();
        self.groups.clear();
        self.labels.clear();
    }

    /// The room the markers and closed groups take (opened groups: their
    /// whole ring), as rectangles.
    pub(super) fn taken(&self) -> Vec<Rect> {
        let discs = (self.hits.iter()).map(|h| (h.at, theme::symbol_extent(h.radius)));
        let groups = self.groups.iter().map(|g| (g.ring_at, g.reach));
        discs
            .chain(groups)
            .map(|(c, r)| Rect::from_center_size(c, egui::Vec2::splat(2.0 * r)))
            .collect()
    }

    /// How far what stands on `place` reaches from it (0: nothing).
    pub(super) fn cover(&self, place: Pos2) -> f32 {
        let discs = (self.hits.iter()).map(|h| (h.at, theme::symbol_extent(h.radius)));
        let groups = (self.groups.iter()).map(|g| {
            (
                g.at,
                if g.open {
                    g.reach + g.at.distance(g.ring_at)
                } else {
                    g.radius
                },
            )
        });
        discs
            .chain(groups)
            .filter(|(c, _)| c.distance(place) < 0.5)
            .map(|(_, r)| r)
            .fold(0.0, f32::max)
    }
}

/// How crowded a frame is: what a reader cannot make out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Crowding {
    /// Markers and closed groups drawn.
    pub markers: usize,
    /// Of those, the ones whose hit area another's covers by more than half.
    pub buried: usize,
    /// Place names drawn beside a point.
    pub labels: usize,
    /// Of those, the ones a marker or group lies on.
    pub hidden_labels: usize,
}

/// The share of the smaller of two discs that the other covers.
fn covered_share(a: (Pos2, f32), b: (Pos2, f32)) -> f32 {
    let (d, r1, r2) = (a.0.distance(b.0), a.1, b.1);
    let small = r1.min(r2);
    if d >= r1 + r2 {
        return 0.0;
    }
    if d <= (r1 - r2).abs() {
        return 1.0;
    }
    // The lens where two circles meet.
    let part = |r: f32, other: f32| {
        let c = ((d * d + r * r - other * other) / (2.0 * d * r)).clamp(-1.0, 1.0);
        r * r * c.acos()
    };
    let triangle = 0.5
        * ((-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2))
            .max(0.0)
            .sqrt();
    let lens = part(r1, r2) + part(r2, r1) - triangle;
    lens / (std::f32::consts::PI * small * small)
}

impl Marks {
    /// How crowded the frame was (see [`Crowding`]). A marker's hit area is
    /// its radius plus [`REACH`], as the pointer finds it; a name is hidden
    /// when its rectangle meets a marker's or group's drawn disc.
    pub fn crowding(&self) -> Crowding {
        let singles = self
            .hits
            .iter()
            .map(|h| (h.at, h.radius, theme::symbol_extent(h.radius)));
        let closed = (self.groups.iter().filter(|g| !g.open)).map(|g| (g.at, g.radius, g.radius));
        let discs: Vec<(Pos2, f32, f32)> = singles.chain(closed).collect();
        let buried = (0..discs.len())
            .filter(|&i| {
                let a = (discs[i].0, discs[i].1 + REACH);
                (discs.iter().enumerate())
                    .any(|(j, b)| j != i && covered_share(a, (b.0, b.1 + REACH)) > 0.5 && a.1 <= b.1 + REACH)
            })
            .count();
        let meets = |r: &Rect, (c, _, e): &(Pos2, f32, f32)| r.distance_to_pos(*c) < *e;
        let hidden_labels = (self.labels.iter())
            .filter(|(_, r)| discs.iter().any(|d| meets(r, d)))
            .count();
        Crowding {
            markers: discs.len(),
            buried,
            labels: self.labels.len(),
            hidden_labels,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, vec2};

    fn hit(x: f32, y: f32, radius: f32) -> Hit {
        Hit {
            event: 0,
            at: pos2(x, y),
            radius,
        }
    }

    #[test]
    fn a_small_marker_under_a_large_one_is_buried_and_a_neighbour_is_not() {
        let marks = Marks {
            hits: vec![
                hit(100.0, 100.0, 20.0),
                hit(104.0, 100.0, 6.0),
                hit(200.0, 100.0, 6.0),
            ],
            ..Marks::default()
        };
        let c = marks.crowding();
        assert_eq!((c.markers, c.buried), (3, 1), "{c:?}");
        // Two markers side by side, touching only at their hit areas' rims.
        let marks = Marks {
            hits: vec![hit(100.0, 100.0, 6.0), hit(117.0, 100.0, 6.0)],
            ..Marks::default()
        };
        assert_eq!(marks.crowding().buried, 0);
        // The same two on top of each other bury each other.
        let marks = Marks {
            hits: vec![hit(100.0, 100.0, 6.0), hit(101.0, 100.0, 6.0)],
            ..Marks::default()
        };
        assert_eq!(marks.crowding().buried, 2);
    }

    #[test]
    fn a_name_under_a_marker_is_hidden_and_one_beside_it_is_not() {
        let marks = Marks {
            hits: vec![hit(100.0, 100.0, 8.0)],
            labels: vec![
                (1, Rect::from_min_size(pos2(95.0, 95.0), vec2(40.0, 14.0))),
                (2, Rect::from_min_size(pos2(112.0, 93.0), vec2(40.0, 14.0))),
            ],
            ..Marks::default()
        };
        let c = marks.crowding();
        assert_eq!((c.labels, c.hidden_labels), (2, 1), "{c:?}");
    }

    #[test]
    fn shares_of_discs() {
        let a = (pos2(0.0, 0.0), 10.0);
        assert_eq!(covered_share(a, (pos2(30.0, 0.0), 10.0)), 0.0);
        assert_eq!(covered_share(a, (pos2(1.0, 0.0), 20.0)), 1.0);
        assert_eq!(covered_share(a, a), 1.0);
        // Two equal discs one radius apart share about 39%.
        let s = covered_share(a, (pos2(10.0, 0.0), 10.0));
        assert!((s - 0.391).abs() < 0.01, "{s}");
    }
}
