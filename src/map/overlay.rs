//! The historical overlays drawn above the tiles: the 1937 railways and
//! roads with their names, and the dataset's places with labels in the
//! current language, under the names valid at the shown date.
use egui::{Align2, Color32, Painter, Pos2, Rect, Shape, Stroke, vec2};
use walkers::{Projector, lon_lat};

use super::labels::{Candidate, place_labels, place_labels_ranked};
use crate::model::{Dataset, Day, Lang, LineKind, Place, PlaceKind};
use crate::ui::theme;

/// How much a place's label matters: by kind, plus the events it holds.
pub fn place_priority(place: &Place, events_here: usize) -> f32 {
    let base = match place.kind {
        PlaceKind::City => 6.0,
        PlaceKind::County => 4.0,
        PlaceKind::Town | PlaceKind::Port | PlaceKind::Pass | PlaceKind::Bridge => 3.0,
        PlaceKind::Mine => 2.5,
        PlaceKind::Station | PlaceKind::Point => 2.0,
        PlaceKind::Factory => 1.0,
        PlaceKind::Region | PlaceKind::BaseArea | PlaceKind::Mountain | PlaceKind::River => 1.5,
    };
    base + events_here.min(6) as f32 * 0.6
}

/// Events per place (by index into `ds.places`), for label priority.
pub fn events_per_place(ds: &Dataset) -> Vec<usize> {
    let mut counts = vec![0usize; ds.places.len()];
    for e in &ds.events {
        // Most events name their places; only those on a line count its
        // stations (what `Dataset::event_places` does, without a list).
        if e.places.is_empty() && e.segments.is_empty() && e.routes.is_empty() {
            for p in ds.event_places(e) {
                if let Some(i) = ds.place_position(&p.id) {
                    counts[i] += 1;
                }
            }
            continue;
        }
        if let ([id], true, true) = (e.places.as_slice(), e.segments.is_empty(), e.routes.is_empty()) {
            if let Some(i) = ds.place_position(id) {
                counts[i] += 1;
            }
            continue;
        }
        for id in e.place_ids() {
            if let Some(i) = ds.place_position(id) {
                counts[i] += 1;
            }
        }
    }
    counts
}

/// The historical overlay, built each frame from borrowed state; drawn by
/// the events layer, under its markers.
pub struct HistoryOverlay<'a> {
    pub ds: &'a Dataset,
    pub day: Day,
    pub lang: Lang,
    /// The places to label (index into `ds.places`) and their priority.
    pub labelled: &'a [(usize, f32)],
}

fn screen(projector: &Projector, lon: f64, lat: f64) -> Pos2 {
    projector.project(lon_lat(lon, lat)).to_pos2()
}

/// Text with a light halo so it reads on any background.
fn halo_text(
    painter: &Painter,
    at: Pos2,
    anchor: Align2,
    text: &str,
    font: egui::FontId,
    color: Color32,
) -> Rect {
    let galley = painter.layout_no_wrap(text.to_owned(), font.clone(), color);
    let rect = anchor.anchor_size(at, galley.size());
    let halo = painter.layout_no_wrap(text.to_owned(), font, theme::HALO);
    for (dx, dy) in [
        (-1.0, 0.0),
        (1.0, 0.0),
        (0.0, -1.0),
        (0.0, 1.0),
        (-1.0, -1.0),
        (1.0, 1.0),
        (-1.0, 1.0),
        (1.0, -1.0),
    ] {
        painter.galley(rect.min + vec2(dx, dy), halo.clone(), theme::HALO);
    }
    painter.galley(rect.min, galley, color);
    rect
}

impl HistoryOverlay<'_> {
    fn label_text(&self, place: &Place) -> String {
        place.name_at(self.day, self.lang)
    }

    /// Draws railways and roads; returns the rectangles their names took.
    fn draw_lines(&self, painter: &Painter, projector: &Projector, clip: Rect) -> Vec<Rect> {
        let mut taken = Vec::new();
        for line in &self.ds.lines {
            let pts: Vec<Pos2> = line
                .stations
                .iter()
                .filter_map(|s| self.ds.place(s))
                .map(|p| screen(projector, p.lon, p.lat))
                .collect();
            if pts.len() < 2 {
                continue;
            }
            match line.kind {
                LineKind::Railway => {
                    painter.add(Shape::line(pts.clone(), Stroke::new(4.0, theme::RAIL_CASING)));
                    painter.extend(Shape::dashed_line(
                        &pts,
                        Stroke::new(2.0, theme::RAIL_DASH),
                        7.0,
                        7.0,
                    ));
                }
                LineKind::Road => {
                    painter.add(Shape::line(pts.clone(), Stroke::new(3.5, theme::ROAD)));
                    painter.add(Shape::line(pts.clone(), Stroke::new(1.5, theme::ROAD_INNER)));
                }
            }
            // The name rides along the longest stretch on screen.
            let best = pts
                .windows(2)
                .filter(|w| clip.shrink(20.0).contains(w[0].lerp(w[1], 0.5)))
                .max_by(|a, b| (a[1] - a[0]).length().total_cmp(&(b[1] - b[0]).length()));
            let Some(w) = best else { continue };
            let text = line.name(self.lang).replace('\n', " / ");
            let galley = painter.layout_no_wrap(text, theme::line_label_font(), theme::LINE_LABEL);
            let seg = w[1] - w[0];
            if seg.length() < galley.size().x + 24.0 {
                continue;
            }
            let mut angle = seg.y.atan2(seg.x);
            if angle > std::f32::consts::FRAC_PI_2 {
                angle -= std::f32::consts::PI;
            } else if angle < -std::f32::consts::FRAC_PI_2 {
                angle += std::f32::consts::PI;
            }
            let normal = vec2(-angle.sin(), angle.cos());
            let centre = w[0].lerp(w[1], 0.5) - normal * (galley.size().y / 2.0 + 4.0);
            let (sx, sy) = (galley.size().x, galley.size().y);
            let half = vec2(
                (sx * angle.cos()).abs() / 2.0 + (sy * angle.sin()).abs() / 2.0,
                (sx * angle.sin()).abs() / 2.0 + (sy * angle.cos()).abs() / 2.0,
            );
            let halo = painter.layout_no_wrap(
                line.name(self.lang).replace('\n', " / "),
                theme::line_label_font(),
                theme::HALO,
            );
            for d in [vec2(-1.0, 0.0), vec2(1.0, 0.0), vec2(0.0, -1.0), vec2(0.0, 1.0)] {
                painter.add(
                    egui::epaint::TextShape::new(centre + d, halo.clone(), theme::HALO)
                        .with_angle_and_anchor(angle, Align2::CENTER_CENTER),
                );
            }
            painter.add(
                egui::epaint::TextShape::new(centre, galley, theme::LINE_LABEL)
                    .with_angle_and_anchor(angle, Align2::CENTER_CENTER),
            );
            taken.push(Rect::from_center_size(centre, half * 2.0));
        }
        taken
    }

    fn draw_marker(painter: &Painter, at: Pos2, kind: PlaceKind) -> f32 {
        let stroke = Stroke::new(1.2, theme::MARKER);
        match kind {
            PlaceKind::City => {
                painter.rect(
                    Rect::from_center_size(at, vec2(7.0, 7.0)),
                    0.0,
                    theme::MARKER,
                    Stroke::NONE,
                    egui::StrokeKind::Middle,
                );
                5.0
            }
            PlaceKind::County | PlaceKind::Town | PlaceKind::Port | PlaceKind::Point => {
                painter.circle(at, 3.5, theme::MARKER_FILL, stroke);
                5.0
            }
            PlaceKind::Station => {
                painter.circle(at, 2.5, theme::MARKER_FILL, stroke);
                4.0
            }
            PlaceKind::Mine | PlaceKind::Factory => {
                let r = Rect::from_center_size(at, vec2(6.0, 6.0));
                painter.rect(r, 0.0, theme::MARKER_FILL, stroke, egui::StrokeKind::Middle);
                5.0
            }
            PlaceKind::Pass | PlaceKind::Bridge => {
                let pts = vec![at + vec2(0.0, -4.5), at + vec2(4.0, 3.0), at + vec2(-4.0, 3.0)];
                painter.add(Shape::convex_polygon(pts, theme::MARKER_FILL, stroke));
                5.0
            }
            PlaceKind::Region | PlaceKind::BaseArea | PlaceKind::Mountain | PlaceKind::River => 0.0,
        }
    }
}

/// The place labels of a frame, waiting for the markers: they are placed
/// last, around what the markers took, so that no name lies under one.
pub struct PlaceLabels {
    candidates: Vec<Candidate>,
    /// Text, font, and whether it names an area or a major place, by key.
    texts: Vec<(usize, String, egui::FontId, bool, bool)>,
    /// Railway names (above every label) and the places' own symbols (as
    /// important as their place's label).
    obstacles: Vec<(Rect, f32)>,
}

impl PlaceLabels {
    /// Places the labels clear of `taken` (the markers drawn), each at
    /// least `cover(place)` from its place (what stands on it), and draws
    /// them; returns where each went (place index, rectangle).
    pub fn draw(
        mut self,
        painter: &Painter,
        taken: &[Rect],
        cover: impl Fn(usize) -> f32,
    ) -> Vec<(usize, Rect)> {
        let clip = painter.clip_rect();
        self.obstacles.extend(taken.iter().map(|&r| (r, f32::INFINITY)));
        for c in self.candidates.iter_mut().filter(|c| !c.centred) {
            c.gap = c.gap.max(cover(c.key) + 2.0);
        }
        // Point labels keep clear of every marker and symbol; then area
        // labels, centred on their area, of the markers and point labels.
        let (areas, points): (Vec<Candidate>, Vec<Candidate>) =
            self.candidates.iter().partition(|c| c.centred);
        let mut placed = place_labels_ranked(&points, clip.shrink(2.0), &self.obstacles, 3.0);
        let mut clear: Vec<Rect> = placed.iter().map(|p| p.rect).collect();
        clear.extend_from_slice(taken);
        placed.extend(place_labels(&areas, clip.shrink(2.0), &clear, 3.0));
        let mut out = Vec::with_capacity(placed.len());
        for p in placed {
            let Some((_, text, font, area, major)) = self.texts.iter().find(|t| t.0 == p.key) else {
                continue;
            };
            let color = if *area {
                theme::AREA_TEXT
            } else if *major {
                theme::PLACE_TEXT
            } else {
                theme::PLACE_TEXT_MINOR
            };
            halo_text(painter, p.rect.min, Align2::LEFT_TOP, text, font.clone(), color);
            if !*area {
                out.push((p.key, p.rect));
            }
        }
        out
    }
}

impl HistoryOverlay<'_> {
    /// Draws the railways, roads and place symbols; the labels wait for
    /// the markers ([`PlaceLabels::draw`]).
    pub fn draw_under(&self, painter: &Painter, projector: &Projector) -> PlaceLabels {
        let clip = projector.clip_rect();
        let lines = self.draw_lines(painter, projector, clip);
        let mut obstacles: Vec<(Rect, f32)> = lines.into_iter().map(|r| (r, f32::INFINITY)).collect();

        let mut candidates = Vec::new();
        let mut texts = Vec::new();
        for &(i, priority) in self.labelled {
            let Some(place) = self.ds.places.get(i) else {
                continue;
            };
            let at = screen(projector, place.lon, place.lat);
            if !clip.expand(50.0).contains(at) {
                continue;
            }
            let gap = Self::draw_marker(painter, at, place.kind);
            if gap > 0.0 {
                let symbol = Rect::from_center_size(at, vec2(2.0 * gap - 2.0, 2.0 * gap - 2.0));
                obstacles.push((symbol, priority));
            }
            let area = place.kind.is_area();
            let major = matches!(place.kind, PlaceKind::City);
            let font = if area {
                theme::area_font()
            } else {
                theme::label_font(major)
            };
            let text = self.label_text(place);
            let size = painter
                .layout_no_wrap(text.clone(), font.clone(), theme::PLACE_TEXT)
                .size();
            candidates.push(Candidate {
                key: i,
                anchor: at,
                size,
                priority,
                gap: gap + 2.0,
                centred: area,
            });
            texts.push((i, text, font, area, major));
        }
        PlaceLabels {
            candidates,
            texts,
            obstacles,
        }
    }
}
