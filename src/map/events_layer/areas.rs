//! The lasting layers: base areas, occupied cities and lost stretches of
//! line, which stay on the map once they exist.
use egui::{Pos2, Stroke, Vec2};

use super::{Frame, fade};
use crate::model::{Event, EventKind};
use crate::time::index::Visibility;
use crate::ui::theme;

/// A base area's radius where its place gives none.
const BASE_AREA_KM: f64 = 30.0;

/// The lasting events of `kind` that have begun by the day shown and pass
/// the filters, with their positions.
fn begun<'a>(f: &'a Frame, kind: EventKind) -> impl Iterator<Item = (usize, &'a Event)> {
    let ds = f.ex.ds();
    f.ex.lasting()
        .iter()
        .map(|&i| (i, &ds.events[i]))
        .filter(move |&(i, e)| e.kind == kind && f.ex.passes(i) && e.when.earliest_start <= f.t)
}

/// Base areas stay once founded, fading in over an uncertain start.
pub(super) fn base_areas(f: &Frame) {
    for (i, e) in begun(f, EventKind::BaseArea) {
        let alpha = f.ex.alpha(i, Visibility::Definite, f.t) * f.background(i);
        for p in f.ex.ds().event_places(e) {
            let r = p.radius_km.unwrap_or(BASE_AREA_KM) as f32 * f.px_per_km(&p);
            let c = f.screen(&p);
            f.painter
                .circle(c, r, fade(theme::BASE_AREA_FILL, alpha), Stroke::NONE);
            let dashes = egui::Shape::dashed_line(
                &(0..=72)
                    .map(|k| c + Vec2::angled(k as f32 * std::f32::consts::TAU / 72.0) * r)
                    .collect::<Vec<_>>(),
                Stroke::new(1.2, fade(theme::BASE_AREA_EDGE, alpha * 0.8)),
                6.0,
                5.0,
            );
            f.painter.extend(dashes);
        }
    }
}

/// Occupied cities and lost stretches of line stay marked once they have
/// fallen; a stretch lost between two cities' falls deepens until the
/// later one.
pub(super) fn occupations(f: &Frame) {
    let ds = f.ex.ds();
    for (i, e) in begun(f, EventKind::Occupation) {
        let lost = f.ex.settled_alpha(i, f.t) * f.background(i);
        for stretch in ds.event_stretches(e, true) {
            let pts: Vec<Pos2> = stretch.iter().map(|p| f.screen(p)).collect();
            f.painter.add(egui::Shape::line(
                pts,
                Stroke::new(6.0, fade(theme::OCCUPIED, lost * 0.6)),
            ));
        }
        // Rings only where the event names a city, not at a stretch's ends.
        let alpha = f.ex.alpha(i, Visibility::Definite, f.t) * f.background(i);
        for p in e
            .places
            .iter()
            .filter_map(|id| ds.place(id))
            .filter(|p| !p.kind.is_area())
        {
            let ring = Stroke::new(3.0, fade(theme::OCCUPIED, alpha * 0.75));
            f.painter.circle_stroke(f.screen(p), 11.0, ring);
        }
    }
}
