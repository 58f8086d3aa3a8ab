//! The places markers stand at, with what may stand there over the whole
//! dataset, grouped at the current zoom (the rule is in `map::groups`).
use std::borrow::Cow;

use egui::Pos2;

use super::Frame;
use crate::map::groups::{self, Groups, Site};

use crate::model::{Dataset, Event, EventKind, Place};
use crate::ui::theme;

/// How far outside the map a place may be and still take part, in points:
/// a group just off the edge still keeps its neighbours on the map.
const MARGIN: f32 = 120.0;

/// The places an event's markers stand at, each with its marker's radius.
/// The number of people belongs to the event as a whole: it sizes the
/// marker at its first place only.
pub(crate) fn marker_places<'d>(ds: &'d Dataset, e: &Event) -> Vec<(Cow<'d, Place>, f32)> {
    let sized = theme::marker_radius(e.size.as_ref().map(|z| z.min));
    let mut places = ds.event_places(e);
    if e.kind == EventKind::Occupation && e.places.is_empty() && !e.segments.is_empty() {
        // A lost stretch is its band; its marker stands only at the end
        // lost first, not at a city that falls later.
        places.truncate(1);
    }
    (places.into_iter().enumerate())
        .map(|(n, p)| (p, if n == 0 { sized } else { theme::marker_radius(None) }))
        .collect()
}

/// What may stand at a place over the whole dataset.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PlaceMark {
    /// How far its largest marker reaches from the place, in points.
    pub reach: f32,
    /// How many events have a marker there.
    pub events: u32,
}

/// What may stand at each place of `ds` (by index into `ds.places`).
pub fn place_marks(ds: &Dataset) -> Vec<PlaceMark> {
    let mut marks = vec![PlaceMark::default(); ds.places.len()];
    for e in &ds.events {
        let mut seen: Vec<usize> = Vec::new();
        for (p, r) in marker_places(ds, e) {
            let Some(i) = ds.place_position(&p.id) else {
                continue;
            };
            let m = &mut marks[i];
            m.reach = m.reach.max(theme::symbol_extent(r));
            if !seen.contains(&i) {
                seen.push(i);
                m.events += 1;
            }
        }
    }
    marks
}

/// The sites on and near the map this frame, and their groups.
pub(super) struct Sites {
    list: Vec<Site>,
    /// The site of each place (by index into the places), if it has one.
    site_of: Vec<u32>,
    pub(super) groups: Groups,
}

impl Sites {
    pub(super) fn new(f: &Frame, marks: &[PlaceMark]) -> Self {
        let places = &f.ex.ds().places;
        let near = f.clip.expand(MARGIN);
        let mut site_of = vec![u32::MAX; places.len()];
        let mut list = Vec::new();
        for (i, (p, m)) in places.iter().zip(marks).enumerate() {
            if m.events == 0 {
                continue;
            }
            let at = f.screen(p);
            if !near.contains(at) {
                continue;
            }
            site_of[i] = list.len() as u32;
            list.push(Site {
                key: i,
                at,
                reach: m.reach,
                weight: m.events,
                area: p.kind.is_area(),
            });
        }
        let groups = groups::group(&list);
        Sites {
            list,
            site_of,
            groups,
        }
    }

    /// The group of the place with this index, if it is a site, and
    /// whether an event shown alone there stands on its place (else on the
    /// group's anchor).
    pub(super) fn group_of(&self, place: usize) -> Option<(usize, bool)> {
        let s = *self.site_of.get(place)?;
        (s != u32::MAX).then(|| (self.groups.of(s as usize), self.groups.is_free(s as usize)))
    }

    /// A group's anchor: its place (index into the places), where it is,
    /// and the radius of the group's disc.
    pub(super) fn anchor(&self, group: usize) -> (usize, Pos2, f32) {
        let s = &self.list[self.groups.anchor(group)];
        (s.key, s.at, self.groups.radius(group))
    }
}
