//! Label placement: labels never overlap each other; when they compete for
//! room, the more important one wins and the other gives way. Pure geometry,
//! so it is tested without a window.
use egui::{Pos2, Rect, Vec2, pos2, vec2};

/// A label that wants to sit next to a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    /// The caller's id for the label.
    pub key: usize,
    /// The point it labels, in screen coordinates.
    pub anchor: Pos2,
    /// The label's size.
    pub size: Vec2,
    /// Higher is more important.
    pub priority: f32,
    /// Room to leave around the anchor (the marker's radius).
    pub gap: f32,
    /// Centred on the anchor (areas) instead of beside it (points).
    pub centred: bool,
}

/// Where a label went, relative to its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Centre,
    Right,
    Left,
    Above,
    Below,
    UpperRight,
    LowerRight,
    UpperLeft,
    LowerLeft,
}

/// Slots in order of preference for point labels (cartographic convention:
/// right of the point first, then left, above, below, then the diagonals).
pub const POINT_SLOTS: [Slot; 8] = [
    Slot::Right,
    Slot::Left,
    Slot::Above,
    Slot::Below,
    Slot::UpperRight,
    Slot::LowerRight,
    Slot::UpperLeft,
    Slot::LowerLeft,
];

/// A placed label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub key: usize,
    pub rect: Rect,
    pub slot: Slot,
}

/// The rectangle of a label of `size` in `slot` around `anchor`.
pub fn slot_rect(anchor: Pos2, size: Vec2, gap: f32, slot: Slot) -> Rect {
    let (w, h) = (size.x, size.y);
    let min = match slot {
        Slot::Centre => pos2(anchor.x - w / 2.0, anchor.y - h / 2.0),
        Slot::Right => pos2(anchor.x + gap, anchor.y - h / 2.0),
        Slot::Left => pos2(anchor.x - gap - w, anchor.y - h / 2.0),
        Slot::Above => pos2(anchor.x - w / 2.0, anchor.y - gap - h),
        Slot::Below => pos2(anchor.x - w / 2.0, anchor.y + gap),
        Slot::UpperRight => pos2(anchor.x + gap * 0.7, anchor.y - gap * 0.7 - h),
        Slot::LowerRight => pos2(anchor.x + gap * 0.7, anchor.y + gap * 0.7),
        Slot::UpperLeft => pos2(anchor.x - gap * 0.7 - w, anchor.y - gap * 0.7 - h),
        Slot::LowerLeft => pos2(anchor.x - gap * 0.7 - w, anchor.y + gap * 0.7),
    };
    Rect::from_min_size(min, vec2(w, h))
}

/// The slots a candidate may take, in order of preference.
pub fn slots(c: &Candidate) -> &'static [Slot] {
    if c.centred { &[Slot::Centre] } else { &POINT_SLOTS }
}

/// Places labels greedily by priority (ties by key, so the result does not
/// flicker between frames): each takes its first slot that lies inside
/// `bounds` and touches no label placed before it and no `obstacle`
/// (markers, railway names), keeping `padding` pixels apart. Labels with
/// no free slot are left out.
pub fn place_labels(candidates: &[Candidate], bounds: Rect, obstacles: &[Rect], padding: f32) -> Vec<Placed> {
    let ranked: Vec<(Rect, f32)> = obstacles.iter().map(|&r| (r, f32::INFINITY)).collect();
    place_labels_ranked(candidates, bounds, &ranked, padding)
}

/// [`place_labels`] with obstacles that matter as much as their rank: a
/// label may cover an obstacle of lower priority (a small station's dot
/// under a city's name), never one of its own priority or higher.
pub fn place_labels_ranked(
    candidates: &[Candidate],
    bounds: Rect,
    obstacles: &[(Rect, f32)],
    padding: f32,
) -> Vec<Placed> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (&candidates[a], &candidates[b]);
        cb.priority.total_cmp(&ca.priority).then(ca.key.cmp(&cb.key))
    });
    let mut placed: Vec<Placed> = Vec::with_capacity(candidates.len());
    for i in order {
        let c = &candidates[i];
        if !(c.anchor.x.is_finite() && c.anchor.y.is_finite() && c.size.x.is_finite() && c.size.y.is_finite())
        {
            continue;
        }
        let free = |r: &Rect| {
            let padded = r.expand(padding / 2.0);
            bounds.contains_rect(*r)
                && placed
                    .iter()
                    .all(|p| !p.rect.expand(padding / 2.0).intersects(padded))
                && (obstacles.iter()).all(|(o, rank)| *rank < c.priority || !o.intersects(*r))
        };
        if let Some((slot, rect)) = slots(c)
            .iter()
            .map(|&s| (s, slot_rect(c.anchor, c.size, c.gap, s)))
            .find(|(_, r)| free(r))
        {
            placed.push(Placed {
                key: c.key,
                rect,
                slot,
            });
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testing::Rng;

    fn random_candidates(seed: u64, n: usize) -> Vec<Candidate> {
        let mut r = Rng(seed);
        (0..n)
            .map(|key| Candidate {
                key,
                anchor: pos2(r.f() * 800.0, r.f() * 600.0),
                size: vec2(20.0 + r.f() * 80.0, 14.0 + r.f() * 16.0),
                priority: (r.f() * 5.0).floor(),
                gap: 5.0,
                centred: r.f() < 0.1,
            })
            .collect()
    }

    const BOUNDS: Rect = Rect {
        min: pos2(0.0, 0.0),
        max: pos2(800.0, 600.0),
    };

    #[test]
    fn placed_labels_never_overlap_and_stay_inside() {
        for seed in 1..60 {
            let cands = random_candidates(seed, 150);
            let placed = place_labels(&cands, BOUNDS, &[], 2.0);
            assert!(!placed.is_empty());
            for (i, a) in placed.iter().enumerate() {
                assert!(BOUNDS.contains_rect(a.rect));
                for b in &placed[i + 1..] {
                    assert!(!a.rect.intersects(b.rect), "seed {seed}: {a:?} overlaps {b:?}");
                }
            }
        }
    }

    #[test]
    fn dropped_labels_gave_way_to_more_important_ones() {
        for seed in 1..30 {
            let cands = random_candidates(seed, 200);
            let placed = place_labels(&cands, BOUNDS, &[], 0.0);
            for c in &cands {
                if placed.iter().any(|p| p.key == c.key) {
                    continue;
                }
                // Every slot was out of bounds or blocked by a label of at
                // least the same priority.
                for &s in slots(c) {
                    let r = slot_rect(c.anchor, c.size, c.gap, s);
                    let blocked = placed.iter().any(|p| {
                        let other = &cands[p.key];
                        p.rect.intersects(r)
                            && (other.priority > c.priority
                                || (other.priority == c.priority && other.key < c.key))
                    });
                    assert!(
                        !BOUNDS.contains_rect(r) || blocked,
                        "seed {seed}: {} could have gone {s:?}",
                        c.key
                    );
                }
            }
        }
    }

    #[test]
    fn prefers_the_right_then_gives_way_when_crowded() {
        let a = Candidate {
            key: 0,
            anchor: pos2(100.0, 100.0),
            size: vec2(40.0, 16.0),
            priority: 2.0,
            gap: 4.0,
            centred: false,
        };
        let placed = place_labels(&[a], BOUNDS, &[], 2.0);
        assert_eq!(placed[0].slot, Slot::Right);
        // A less important label at the same spot goes elsewhere, never on top.
        let b = Candidate {
            key: 1,
            priority: 1.0,
            ..a
        };
        let placed = place_labels(&[b, a], BOUNDS, &[], 2.0);
        assert_eq!(placed.iter().find(|p| p.key == 0).unwrap().slot, Slot::Right);
        assert_eq!(placed.iter().find(|p| p.key == 1).unwrap().slot, Slot::Left);
        // An obstacle (say a railway name) pushes a label off its first slot.
        let block = slot_rect(a.anchor, a.size, a.gap, Slot::Right);
        let placed = place_labels(&[a], BOUNDS, &[block], 2.0);
        assert_eq!(placed[0].slot, Slot::Left);
    }

    #[test]
    fn a_name_covers_a_lesser_dot_but_not_a_marker() {
        let a = Candidate {
            key: 0,
            anchor: pos2(100.0, 100.0),
            size: vec2(40.0, 16.0),
            priority: 6.0,
            gap: 4.0,
            centred: false,
        };
        let right = slot_rect(a.anchor, a.size, a.gap, Slot::Right);
        let dot = Rect::from_center_size(right.center(), vec2(6.0, 6.0));
        let placed = place_labels_ranked(&[a], BOUNDS, &[(dot, 2.0)], 2.0);
        assert_eq!(placed[0].slot, Slot::Right, "a station's dot gives way to a city");
        let placed = place_labels_ranked(&[a], BOUNDS, &[(dot, f32::INFINITY)], 2.0);
        assert_eq!(placed[0].slot, Slot::Left, "a marker does not");
    }

    #[test]
    fn zooming_out_drops_the_less_important_labels() {
        // The same places, closer together on screen as the map zooms out.
        let make = |scale: f32| -> Vec<Candidate> {
            (0..20)
                .map(|i| Candidate {
                    key: i,
                    anchor: pos2(
                        400.0 + (i as f32 - 10.0) * 12.0 * scale,
                        300.0 + ((i * 7) % 5) as f32 * 6.0 * scale,
                    ),
                    size: vec2(36.0, 16.0),
                    priority: if i % 5 == 0 { 5.0 } else { 1.0 },
                    gap: 4.0,
                    centred: false,
                })
                .collect()
        };
        let near = place_labels(&make(6.0), BOUNDS, &[], 2.0);
        // Zoomed out, the important labels are still 48 px apart (room for
        // each); the others are crowded between them.
        let far = place_labels(&make(0.8), BOUNDS, &[], 2.0);
        assert!(far.len() < near.len(), "{} vs {}", far.len(), near.len());
        for key in [0, 5, 10, 15] {
            assert!(
                far.iter().any(|p| p.key == key),
                "important label {key} kept when zoomed out"
            );
        }
    }

    #[test]
    fn placement_is_deterministic_and_ignores_nan() {
        let mut cands = random_candidates(9, 80);
        cands[3].anchor = pos2(f32::NAN, 1.0);
        let a = place_labels(&cands, BOUNDS, &[], 2.0);
        let b = place_labels(&cands, BOUNDS, &[], 2.0);
        assert_eq!(a, b);
        assert!(a.iter().all(|p| p.key != 3));
    }
}
