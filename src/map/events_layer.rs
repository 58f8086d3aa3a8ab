//! The events on the map: markers by kind and size, movements as arrows,
//! sabotaged railway stretches, a pulse when a unit forms, occupied cities
//! and base areas that stay once they exist; hover and click.
use std::collections::HashMap;

use egui::{Color32, Pos2, Stroke, Vec2, vec2};
use walkers::{MapMemory, Plugin, Projector, lon_lat};

use super::density::{AUTO_HEXES_ABOVE, HEX_RADIUS_PX, HexCounts, HexGrid, PointStyle};
use super::sprites::DiscAtlas;
use crate::command::Command;
use crate::model::{EventKind, Lang, Place, pick};
use crate::state::Explorer;
use crate::time::index::Visibility;
use crate::ui::theme;

/// Opacity of a point layer's dots, so that dense clusters show depth.
const DOT_ALPHA: f32 = 0.75;

/// How long a unit's founding pulses, in seconds of playback.
pub const PULSE_SECS: f64 = 1.2;

/// One marker drawn this frame, for hit testing.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub event: usize,
    pub at: Pos2,
    pub radius: f32,
}

pub struct EventsLayer<'a> {
    pub ex: &'a Explorer,
    pub cmds: &'a mut Vec<Command>,
    /// Markers drawn, for the caller's tests and tools.
    pub hits: &'a mut Vec<Hit>,
    /// Dots for user point layers.
    pub discs: &'a DiscAtlas,
}

fn screen(projector: &Projector, p: &Place) -> Pos2 {
    projector.project(lon_lat(p.lon, p.lat)).to_pos2()
}

/// Web Mercator world square to screen: the projector's mapping, which is
/// a scale and a shift, taken from two points near the view's centre.
struct WorldToScreen {
    origin: [f64; 2],
    at_origin: Pos2,
    scale: [f64; 2],
}

impl WorldToScreen {
    fn new(projector: &Projector) -> Self {
        const D: f64 = 1e-3;
        let centre = projector.unproject(projector.clip_rect().center().to_vec2());
        let origin = {
            let (x, y) = super::view::world_xy(centre.x(), centre.y());
            [x, y]
        };
        let at = |w: [f64; 2]| {
            let (lon, lat) = super::view::lon_lat_of(w[0], w[1]);
            projector.project(lon_lat(lon, lat)).to_pos2()
        };
        let at_origin = at(origin);
        let moved = at([origin[0] + D, origin[1] + D]);
        WorldToScreen {
            origin,
            at_origin,
            scale: [
                f64::from(moved.x - at_origin.x) / D,
                f64::from(moved.y - at_origin.y) / D,
            ],
        }
    }

    /// The world point under a screen point, and pixels per world unit
    /// (the smaller of the two axes' scales).
    fn invert(&self, p: Pos2) -> ([f64; 2], f64) {
        let w = [
            self.origin[0] + f64::from(p.x - self.at_origin.x) / self.scale[0],
            self.origin[1] + f64::from(p.y - self.at_origin.y) / self.scale[1],
        ];
        (w, self.scale[0].abs().min(self.scale[1].abs()))
    }

    #[inline]
    fn apply(&self, w: [f64; 2]) -> Pos2 {
        Pos2::new(
            self.at_origin.x + ((w[0] - self.origin[0]) * self.scale[0]) as f32,
            self.at_origin.y + ((w[1] - self.origin[1]) * self.scale[1]) as f32,
        )
    }
}

fn fade(c: Color32, alpha: f32) -> Color32 {
    c.gamma_multiply(alpha.clamp(0.0, 1.0))
}

/// Pixels per km around a place.
fn px_per_km(projector: &Projector, p: &Place) -> f32 {
    projector.scale_pixel_per_meter(lon_lat(p.lon, p.lat)) * 1000.0
}

/// An arrow along `pts` with a head at the end.
fn arrow(painter: &egui::Painter, pts: &[Pos2], color: Color32, width: f32) {
    if pts.len() < 2 {
        return;
    }
    let casing = Stroke::new(
        width + 2.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, (color.a() as f32 * 0.8) as u8),
    );
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

/// The hexagons drawn this frame instead of plain dots, and their counts.
struct Hexagons {
    grid: HexGrid,
    counts: HexCounts,
}

impl Hexagons {
    /// One mesh of filled hexagons, a little apart, coloured on the fixed
    /// log scale of `density`.
    fn mesh(&self, to_screen: &WorldToScreen, ppp: f32) -> egui::Mesh {
        let mut mesh = egui::Mesh::default();
        let gap = 1.0 / ppp;
        for (cell, weight, _) in self.counts.cells() {
            let centre = to_screen.apply(self.grid.centre(cell));
            let [r, g, b] = super::density::ramp(super::density::level(weight));
            let color = Color32::from_rgba_unmultiplied(r, g, b, 190);
            let corners = self.grid.corners(cell).map(|c| {
                let p = to_screen.apply(c);
                p + (centre - p).normalized() * gap
            });
            let base = mesh.vertices.len() as u32;
            mesh.colored_vertex(centre, color);
            for p in corners {
                mesh.colored_vertex(p, color);
            }
            for k in 0..6u32 {
                mesh.add_triangle(base, base + 1 + k, base + 1 + (k + 1) % 6);
            }
        }
        mesh
    }
}

/// The hexagons for this frame when the point style asks for them (or, on
/// Auto, when more than [`AUTO_HEXES_ABOVE`] dots fall in the view).
fn hexagons(
    ex: &Explorer,
    clip: egui::Rect,
    to_screen: &WorldToScreen,
    emphasis: &dyn Fn(&crate::state::Shown) -> (f32, bool),
) -> Option<Hexagons> {
    let style = ex.settings.points;
    if style == PointStyle::Dots || ex.dots.grid.is_empty() {
        return None;
    }
    let (a, px_per_world) = to_screen.invert(clip.min);
    let (b, _) = to_screen.invert(clip.max);
    let (min, max) = ([a[0].min(b[0]), a[1].min(b[1])], [a[0].max(b[0]), a[1].max(b[1])]);
    let grid = HexGrid::for_scale(px_per_world, HEX_RADIUS_PX);
    let mut counts = HexCounts::new(&grid, min, max);
    let mut in_view = 0usize;
    for s in &ex.shown {
        let Some(w) = ex.dot_at(s.event) else { continue };
        if w[0] < min[0] || w[0] > max[0] || w[1] < min[1] || w[1] > max[1] {
            continue;
        }
        in_view += 1;
        counts.add(grid.cell(w), emphasis(s).0);
    }
    (style == PointStyle::Hexagons || in_view > AUTO_HEXES_ABOVE).then_some(Hexagons { grid, counts })
}

impl EventsLayer<'_> {
    fn lang(&self) -> Lang {
        self.ex.lang()
    }
}

impl Plugin for EventsLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        response: &egui::Response,
        projector: &Projector,
        memory: &MapMemory,
    ) {
        let ex = self.ex;
        let ds = &ex.ds;
        let t = ex.day();
        let clip = projector.clip_rect();
        let painter = ui.painter().with_clip_rect(clip);
        // Lasting layers recede while a tour step points elsewhere.
        let background = |i: usize| match &ex.highlight {
            Some(h) if !h.contains(&i) => 0.35,
            _ => 1.0,
        };
        // A tour step dims what it does not point at.
        let emphasis = |shown: &crate::state::Shown| -> (f32, bool) {
            match &ex.highlight {
                Some(h) if h.contains(&shown.event) => (shown.alpha, true),
                Some(_) => (shown.alpha * 0.22, false),
                None => (shown.alpha, false),
            }
        };

        // Base areas stay once founded, fading in over an uncertain start.
        for (i, e) in ex.lasting.iter().map(|&i| (i, &ds.events[i])) {
            if e.kind != EventKind::BaseArea || !ex.passes(i) || e.when.earliest_start > t {
                continue;
            }
            let alpha = ex.alpha(i, Visibility::Definite, t) * background(i);
            for p in ds.event_places(e) {
                let r = p.radius_km.unwrap_or(30.0) as f32 * px_per_km(projector, &p);
                let c = screen(projector, &p);
                painter.circle(c, r, fade(theme::BASE_AREA_FILL, alpha), Stroke::NONE);
                let dashes = egui::Shape::dashed_line(
                    &(0..=72)
                        .map(|k| c + Vec2::angled(k as f32 * std::f32::consts::TAU / 72.0) * r)
                        .collect::<Vec<_>>(),
                    Stroke::new(1.2, fade(theme::BASE_AREA_EDGE, alpha * 0.8)),
                    6.0,
                    5.0,
                );
                painter.extend(dashes);
            }
        }

        // Occupied cities and lost stretches of line stay marked once they
        // have fallen; a stretch lost between two cities' falls deepens
        // until the later one.
        for (i, e) in ex.lasting.iter().map(|&i| (i, &ds.events[i])) {
            if e.kind != EventKind::Occupation || !ex.passes(i) || e.when.earliest_start > t {
                continue;
            }
            let lost = ex.settled_alpha(i, t) * background(i);
            for stretch in ds.event_stretches(e, true) {
                let pts: Vec<Pos2> = stretch.iter().map(|p| screen(projector, p)).collect();
                painter.add(egui::Shape::line(
                    pts,
                    Stroke::new(6.0, fade(theme::OCCUPIED, lost * 0.6)),
                ));
            }
            // Rings only where the event names a city, not at a stretch's ends.
            let alpha = ex.alpha(i, Visibility::Definite, t) * background(i);
            for p in e
                .places
                .iter()
                .filter_map(|id| ds.place(id))
                .filter(|p| !p.kind.is_area())
            {
                let c = screen(projector, p);
                painter.circle_stroke(c, 11.0, Stroke::new(3.0, fade(theme::OCCUPIED, alpha * 0.75)));
            }
        }

        // Sabotaged stretches and movements of the events shown now.
        for s in &ex.shown {
            if ex.dot_at(s.event).is_some() {
                continue;
            }
            let (alpha, _) = emphasis(s);
            let e = &ds.events[s.event];
            let (color, _) = theme::kind_style(e.kind);
            // (Lost stretches are drawn above, as lasting.)
            let stretches = match e.kind {
                EventKind::Occupation => Vec::new(),
                _ => ds.event_stretches(e, false),
            };
            for stretch in stretches {
                let pts: Vec<Pos2> = stretch.iter().map(|p| screen(projector, p)).collect();
                if e.kind == EventKind::Sabotage {
                    // Cut railway: a hot band with a broken line on it.
                    let band = Stroke::new(9.0, fade(theme::SABOTAGE_LINE, alpha * 0.55));
                    painter.add(egui::Shape::line(pts.clone(), band));
                    let broken = Stroke::new(3.0, fade(theme::OCCUPIED, alpha));
                    painter.extend(egui::Shape::dashed_line(&pts, broken, 4.0, 4.0));
                } else {
                    // Where a unit worked: a soft band in its kind's colour.
                    painter.add(egui::Shape::line(
                        pts,
                        Stroke::new(7.0, fade(color, alpha * 0.35)),
                    ));
                }
            }
            for r in &e.routes {
                let pts: Vec<Pos2> = r
                    .stops()
                    .filter_map(|id| ds.place(id))
                    .map(|p| screen(projector, p))
                    .collect();
                arrow(&painter, &pts, fade(color, alpha), 3.0);
            }
        }

        // Markers, spread around a place when several events share it.
        let mut at_place: HashMap<String, usize> = HashMap::new();
        // Last frame's buffer, emptied: no new allocation per frame.
        let mut hits: Vec<Hit> = std::mem::take(self.hits);
        hits.clear();
        let pulse_days = (ex.clock.speed() * PULSE_SECS).max(3.0);
        // Points of a user's file (one place each, often thousands) are
        // dots in one mesh, under the symbols of everything else.
        let ppp = ui.ctx().pixels_per_point();
        let mut dots = self.discs.batch();
        dots.reserve_triangles(2 * ex.shown.len());
        dots.reserve_vertices(4 * ex.shown.len());
        let dots_slot = painter.add(egui::Shape::Noop);
        let world_to_screen = WorldToScreen::new(projector);
        let hexes = hexagons(ex, clip, &world_to_screen, &emphasis);
        // The last dot colour made (kind and alpha): most dots repeat it.
        let mut dot_color: (Option<(EventKind, u32)>, Color32) = (None, Color32::TRANSPARENT);
        for s in &ex.shown {
            let (alpha, emphasised) = emphasis(s);
            // (Under hexagons a dot hovered a moment ago is counted, not kept.)
            let plain = !emphasised
                && ex.selected != Some(s.event)
                && (hexes.is_some() || ex.hovered != Some(s.event));
            if let Some(w) = ex.dot_at(s.event) {
                if plain && hexes.is_some() {
                    continue;
                }
                let c = world_to_screen.apply(w);
                let (people, kind) = ex.dots.look(&ex.ds.points, s.event);
                let r = theme::marker_radius(people);
                if !clip.expand(r).contains(c) {
                    continue;
                }
                if plain {
                    // Hover finds dots through the dots' grid, not the hits.
                    let key = (kind, alpha.to_bits());
                    if dot_color.0 != Some(key) {
                        dot_color = (Some(key), fade(theme::kind_style(key.0).0, alpha * DOT_ALPHA));
                    }
                    if self.discs.add(&mut dots, c, r, ppp, dot_color.1) {
                        continue;
                    }
                }
            }
            let Some(e) = ds.event_at(s.event) else { continue };
            let (color, symbol) = theme::kind_style(e.kind);
            // The number of people belongs to the event as a whole: it sizes
            // the marker at its first place only.
            let sized = theme::marker_radius(e.size.as_ref().map(|z| z.min));
            let mut places = ds.event_places(&e);
            if e.kind == EventKind::Occupation && e.places.is_empty() && !e.segments.is_empty() {
                // A lost stretch is its band; its marker stands only at the
                // end lost first, not at a city that falls later.
                places.truncate(1);
            }
            for (n, p) in places.into_iter().enumerate() {
                let r = if n == 0 { sized } else { theme::marker_radius(None) };
                let k = at_place.entry(p.id.clone()).or_insert(0);
                let mut c = screen(projector, &p);
                if *k > 0 {
                    // A ring of neighbours around the first marker.
                    let ring = 1 + (*k - 1) / 8;
                    let angle = (*k as f32) * 0.785 + ring as f32 * 0.4;
                    c += Vec2::angled(angle) * (10.0 + 9.0 * ring as f32);
                }
                *k += 1;
                if !clip.expand(40.0).contains(c) {
                    continue;
                }
                let selected = ex.selected == Some(s.event);
                let hovered = ex.hovered == Some(s.event);
                if e.kind == EventKind::UnitFormed {
                    let since = f64::from(t) - f64::from(e.when.latest_start);
                    if (0.0..pulse_days).contains(&since) {
                        let q = (since / pulse_days) as f32;
                        painter.circle_stroke(
                            c,
                            r + 4.0 + 22.0 * q,
                            Stroke::new(3.0 * (1.0 - q) + 0.5, fade(color, alpha * (1.0 - q))),
                        );
                    }
                }
                let edge = if selected {
                    Stroke::new(3.0, theme::SELECTED)
                } else if hovered || emphasised {
                    Stroke::new(2.0, theme::SELECTED)
                } else {
                    Stroke::new(1.0, fade(Color32::WHITE, alpha))
                };
                theme::draw_symbol(&painter, c, r, symbol, fade(color, alpha), edge);
                hits.push(Hit {
                    event: s.event,
                    at: c,
                    radius: r,
                });
            }
        }

        let hex_mesh = hexes.as_ref().map(|h| h.mesh(&world_to_screen, ppp));
        painter.set(
            dots_slot,
            egui::Shape::Vec(vec![
                egui::Shape::mesh(hex_mesh.unwrap_or_default()),
                egui::Shape::mesh(dots),
            ]),
        );

        // Hover and click: the nearest marker under the pointer.
        let pointer = response.hover_pos();
        let marker = pointer.and_then(|p| {
            hits.iter()
                .filter(|h| h.at.distance(p) <= h.radius + 4.0)
                .min_by(|a, b| a.at.distance(p).total_cmp(&b.at.distance(p)))
                .map(|h| (h.event, h.at.distance(p)))
        });
        // Dots: the nearest shown one in the grid, within the largest dot's
        // reach (O(log n), not a scan of the tens of thousands drawn).
        let dot = pointer.filter(|_| hexes.is_none()).and_then(|p| {
            let reach = f64::from(theme::marker_radius(Some(u32::MAX)) + 4.0);
            let (w, px_per_world) = world_to_screen.invert(p);
            ex.dots
                .nearest(&ex.ds.points, w, reach / px_per_world, |i| {
                    let i = i as usize;
                    let r = theme::marker_radius(ex.dots.look(&ex.ds.points, i).0);
                    let c = ex
                        .dot_at(i)
                        .map_or(egui::Pos2::new(f32::NAN, f32::NAN), |w| world_to_screen.apply(w));
                    c.distance(p) <= r + 4.0 && ex.is_shown(i)
                })
                .map(|(i, d)| (i as usize, (d * px_per_world) as f32))
        });
        let under = match (marker, dot) {
            (Some(m), Some(d)) => Some(if d.1 < m.1 { d } else { m }),
            (m, d) => m.or(d),
        };
        let hovered = under.map(|(event, _)| event);
        if hovered != ex.hovered {
            self.cmds.push(Command::Hover(hovered));
        }
        // Over a hexagon (and no marker): its count; a click zooms in on it.
        if let (None, Some(h), Some(p)) = (under, &hexes, pointer.filter(|p| clip.contains(*p))) {
            let (w, _) = world_to_screen.invert(p);
            let cell = h.grid.cell(w);
            let n = h.counts.events_in(cell);
            if n > 0 {
                let corners: Vec<Pos2> = (h.grid.corners(cell).iter())
                    .map(|&c| world_to_screen.apply(c))
                    .collect();
                painter.add(egui::Shape::closed_line(
                    corners,
                    Stroke::new(2.0, theme::SELECTED),
                ));
                let lang = self.lang();
                response.clone().on_hover_ui_at_pointer(|ui| {
                    ui.strong(match lang {
                        Lang::Zh => format!("此处 {n} 个事件"),
                        Lang::En => format!("{n} events here"),
                        Lang::Both => format!("此处 {n} 个事件 · {n} events here"),
                    });
                    ui.weak(pick(lang, "点击放大", "Click to zoom in"));
                });
                if response.clicked() {
                    let (lon, lat) = super::view::lon_lat_of(h.grid.centre(cell)[0], h.grid.centre(cell)[1]);
                    self.cmds.push(Command::FlyTo {
                        lon,
                        lat,
                        zoom: Some((memory.zoom() + 2.0).min(18.0)),
                    });
                }
                *self.hits = hits;
                return;
            }
        }
        if let Some((event, _)) = under {
            let Some(e) = ds.event_at(event) else { return };
            let lang = self.lang();
            let title = e.title(lang).into_owned();
            let date = match lang {
                Lang::Zh => e.when.display_zh(),
                Lang::En => e.when.display_en(),
                Lang::Both => format!("{} · {}", e.when.display_zh(), e.when.display_en()),
            };
            let kind = e.kind.name(lang).into_owned();
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.strong(title);
                ui.label(format!("{date} · {kind}"));
                ui.weak(pick(lang, "点击查看原文", "Click to read the source"));
            });
        }
        if response.clicked() {
            self.cmds.push(Command::Select {
                event: hovered,
                fly: false,
            });
        }
        *self.hits = hits;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tessellates what `arrow` draws for `pts`.
    fn arrow_vertices(pts: &[Pos2]) -> Vec<egui::epaint::Vertex> {
        let ctx = egui::Context::default();
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            arrow(ui.painter(), pts, Color32::from_rgb(0x65, 0xA3, 0x0D), 3.0);
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
