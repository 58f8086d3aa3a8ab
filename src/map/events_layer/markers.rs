//! The markers of the events shown now: a symbol by kind, sized by the
//! people involved, spread around a place that several events share, with
//! a pulse while a unit forms.
use std::collections::HashMap;

use egui::{Pos2, Stroke, Vec2};

use super::dots::Dots;
use super::world::WorldToScreen;
use super::{Frame, Hit, PULSE_SECS, fade};
use crate::model::{Event, EventKind, Place};
use crate::ui::theme;

/// How far outside the map a marker may stand and still be drawn, in points.
const MARGIN: f32 = 40.0;

/// Draws the markers of the events shown now, in their order, and adds the
/// plain dots of point files to `dots`; records each marker in `hits`.
pub(super) fn draw(
    f: &Frame,
    to_screen: &WorldToScreen,
    dots: &mut Dots,
    under_hexes: bool,
    hits: &mut Vec<Hit>,
) {
    let mut markers = Markers {
        f,
        at_place: HashMap::new(),
        pulse_days: (f.ex.clock().speed() * PULSE_SECS).max(3.0),
        hits,
    };
    for s in f.ex.shown() {
        let (alpha, emphasised) = f.emphasis(s);
        // (Under hexagons a dot hovered a moment ago is counted, not kept.)
        let plain = !emphasised
            && f.ex.selected() != Some(s.event)
            && (under_hexes || f.ex.hovered() != Some(s.event));
        if let Some(w) = f.ex.dot_at(s.event) {
            if plain && under_hexes {
                continue;
            }
            if dots.draw(f, to_screen.apply(w), s.event, alpha, plain) {
                continue;
            }
        }
        let Some(e) = f.ex.ds().event_at(s.event) else {
            continue;
        };
        markers.event(s.event, &e, alpha, emphasised);
    }
}

/// The markers drawn so far this frame.
struct Markers<'f, 'a> {
    f: &'f Frame<'a>,
    /// How many markers stand at each place so far.
    at_place: HashMap<String, usize>,
    /// How long a unit's founding pulses, in days of the clock.
    pulse_days: f64,
    hits: &'f mut Vec<Hit>,
}

impl Markers<'_, '_> {
    /// The markers of `event`, one at each of its places.
    fn event(&mut self, event: usize, e: &Event, alpha: f32, emphasised: bool) {
        // The number of people belongs to the event as a whole: it sizes
        // the marker at its first place only.
        let sized = theme::marker_radius(e.size.as_ref().map(|z| z.min));
        let mut places = self.f.ex.ds().event_places(e);
        if e.kind == EventKind::Occupation && e.places.is_empty() && !e.segments.is_empty() {
            // A lost stretch is its band; its marker stands only at the
            // end lost first, not at a city that falls later.
            places.truncate(1);
        }
        for (n, p) in places.into_iter().enumerate() {
            let r = if n == 0 { sized } else { theme::marker_radius(None) };
            let c = self.spread(&p);
            if !self.f.clip.expand(MARGIN).contains(c) {
                continue;
            }
            self.marker(event, e, c, r, alpha, emphasised);
        }
    }

    /// Where the next marker at `p` stands: on it for the first, then in
    /// rings of neighbours around it.
    fn spread(&mut self, p: &Place) -> Pos2 {
        let k = self.at_place.entry(p.id.clone()).or_insert(0);
        let mut c = self.f.screen(p);
        if *k > 0 {
            let ring = 1 + (*k - 1) / 8;
            let angle = (*k as f32) * 0.785 + ring as f32 * 0.4;
            c += Vec2::angled(angle) * (10.0 + 9.0 * ring as f32);
        }
        *k += 1;
        c
    }

    /// One marker of `event` at `c`, of radius `r`, and its hit.
    fn marker(&mut self, event: usize, e: &Event, c: Pos2, r: f32, alpha: f32, emphasised: bool) {
        let (f, ex) = (self.f, self.f.ex);
        let (color, symbol) = theme::kind_style(e.kind);
        if e.kind == EventKind::UnitFormed {
            let since = f64::from(f.t) - f64::from(e.when.latest_start);
            if (0.0..self.pulse_days).contains(&since) {
                let q = (since / self.pulse_days) as f32;
                f.painter.circle_stroke(
                    c,
                    r + 4.0 + 22.0 * q,
                    Stroke::new(3.0 * (1.0 - q) + 0.5, fade(color, alpha * (1.0 - q))),
                );
            }
        }
        let edge = if ex.selected() == Some(event) {
            Stroke::new(3.0, theme::SELECTED)
        } else if ex.hovered() == Some(event) || emphasised {
            Stroke::new(2.0, theme::SELECTED)
        } else {
            Stroke::new(1.0, fade(theme::EVENT_EDGE, alpha))
        };
        theme::draw_symbol(&f.painter, c, r, symbol, fade(color, alpha), edge);
        self.hits.push(Hit {
            event,
            at: c,
            radius: r,
        });
    }
}
