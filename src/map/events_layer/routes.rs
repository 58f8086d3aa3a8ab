//! What the events shown now draw along lines: sabotaged railway stretches,
//! the stretches where a unit worked, and movements as arrows.
use egui::{Color32, Pos2, Stroke, vec2};

use super::{Frame, fade};
use crate::model::{Event, EventKind};
use crate::ui::theme;

/// Sabotaged stretches and movements of the events shown now (not of
/// point files' dots, which have neither).
pub(super) fn stretches_and_movements(f: &Frame) {
    let ds = f.ex.ds();
    for s in f.ex.shown() {
        if f.ex.dot_at(s.event).is_some() {
            continue;
        }
        let (alpha, _) = f.emphasis(s);
        let e = &ds.events[s.event];
        stretches(f, e, alpha);
        let (color, _) = theme::kind_style(e.kind);
        for r in &e.routes {
            let pts: Vec<Pos2> = r
                .stops()
                .filter_map(|id| ds.place(id))
                .map(|p| f.screen(p))
                .collect();
            arrow(&f.painter, &pts, fade(color, alpha), 3.0);
        }
    }
}

/// The railway stretches of an event shown now, as bands.
fn stretches(f: &Frame, e: &Event, alpha: f32) {
    // (Lost stretches are drawn as lasting, by `areas`.)
    if e.kind == EventKind::Occupation {
        return;
    }
    let (color, _) = theme::kind_style(e.kind);
    for stretch in f.ex.ds().event_stretches(e, false) {
        let pts: Vec<Pos2> = stretch.iter().map(|p| f.screen(p)).collect();
        if e.kind == EventKind::Sabotage {
            // Cut railway: a hot band with a broken line on it.
            let band = Stroke::new(9.0, fade(theme::SABOTAGE_LINE, alpha * 0.55));
            f.painter.add(egui::Shape::line(pts.clone(), band));
            let broken = Stroke::new(3.0, fade(theme::OCCUPIED, alpha));
            f.painter.extend(egui::Shape::dashed_line(&pts, broken, 4.0, 4.0));
        } else {
            // Where a unit worked: a soft band in its kind's colour.
            let band = Stroke::new(7.0, fade(color, alpha * 0.35));
            f.painter.add(egui::Shape::line(pts, band));
        }
    }
}

/// An arrow along `pts` with a head at the end, on a casing that is as
/// opaque as the arrow.
fn arrow(painter: &egui::Painter, pts: &[Pos2], color: Color32, width: f32) {
    if pts.len() < 2 {
        return;
    }
    let casing_alpha = (color.a() as f32 * 0.8) as u8;
    let casing = Stroke::new(width + 2.0, theme::with_alpha(theme::ROUTE_CASING, casing_alpha));
    painter.add(egui::Shape::line(pts.to_vec(), casing));
    painter.add(egui::Shape::line(pts.to_vec(), Stroke::new(width, color)));
    // The head points along the last leg that has a length: a route whose
    // last stops fall on one pixel would give a head of three equal points
    // (its tessellation has NaN vertices).
    let b = pts[pts.len() - 1];
    let Some(a) = pts.iter().rev().find(|p| p.distance(b) >= 0.5) else {
        return;
    };
    let dir = (b - *a).normalized();
    if !(dir.x.is_finite() && dir.y.is_finite()) {
        return;
    }
    let normal = vec2(-dir.y, dir.x);
    let size = 6.0 + width * 2.0;
    let head = vec![
        b,
        b - dir * size + normal * size * 0.55,
        b - dir * size - normal * size * 0.55,
    ];
    painter.add(egui::Shape::convex_polygon(head, color, Stroke::NONE));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tessellates what `arrow` draws for `pts`.
    fn arrow_vertices(pts: &[Pos2]) -> Vec<egui::epaint::Vertex> {
        let ctx = egui::Context::default();
        let (color, _) = theme::kind_style(EventKind::Recruitment);
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            arrow(ui.painter(), pts, color, 3.0);
        });
        out.textures_delta.clear();
        ctx.tessellate(out.shapes, 1.0)
            .into_iter()
            .flat_map(|p| match p.primitive {
                egui::epaint::Primitive::Mesh(m) => m.vertices,
                _ => Vec::new(),
            })
            .collect()
    }

    #[test]
    fn a_route_ending_where_it_stood_draws_no_nan_head() {
        let (p, q) = (Pos2::new(10.0, 10.0), Pos2::new(60.0, 40.0));
        for pts in [vec![p, q, q], vec![q, q], vec![p, q]] {
            let v = arrow_vertices(&pts);
            assert!(!v.is_empty());
            assert!(
                v.iter().all(|v| v.pos.x.is_finite() && v.pos.y.is_finite()),
                "{pts:?}"
            );
        }
        // The head still points along the last real leg: some vertex lies
        // just short of q on the way from p.
        let v = arrow_vertices(&[p, q, q]);
        assert!(
            v.iter()
                .any(|v| v.pos.distance(q) > 8.0 && v.pos.distance(q) < 14.0 && v.pos.x < q.x)
        );
    }
}
