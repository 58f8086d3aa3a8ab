//! Hover and click on the map: the event under the pointer (the nearest
//! marker or dot), its tooltip, and what a click does; over a hexagon, its
//! count and a zoom in.
use egui::{Pos2, Stroke};

use super::dots::Hexagons;
use super::world::WorldToScreen;
use super::{Frame, Hit};
use crate::command::Command;
use crate::map::view;
use crate::model::{Event, Lang, pick};
use crate::ui::theme;

/// How far outside a marker or dot the pointer still finds it, in points.
const REACH: f32 = 4.0;

/// The pointer over the map this frame, and what it may find there.
pub(super) struct Pointer<'a> {
    pub(super) response: &'a egui::Response,
    /// The map's zoom level.
    pub(super) zoom: f64,
    pub(super) to_screen: &'a WorldToScreen,
    pub(super) hexes: Option<&'a Hexagons>,
}

impl Pointer<'_> {
    /// Hover and click: the nearest marker or dot under the pointer is
    /// hovered, shows a tooltip and is selected by a click; over a hexagon
    /// (and no marker), its count, and a click zooms in on it.
    pub(super) fn respond(&self, f: &Frame, hits: &[Hit], cmds: &mut Vec<Command>) {
        let pointer = self.response.hover_pos();
        let under = pointer.and_then(|p| self.under(f, hits, p));
        let hovered = under.map(|(event, _)| event);
        if hovered != f.ex.hovered() {
            cmds.push(Command::Hover(hovered));
        }
        if let (None, Some(p)) = (under, pointer.filter(|p| f.clip.contains(*p)))
            && self.over_hexagon(f, p, cmds)
        {
            return;
        }
        if let Some((event, _)) = under {
            let Some(e) = f.ex.ds().event_at(event) else {
                return;
            };
            self.tooltip(f.ex.lang(), &e);
        }
        if self.response.clicked() {
            cmds.push(Command::Select {
                event: hovered,
                fly: false,
            });
        }
    }

    /// The event under `p` and how far it is, in points: the nearest
    /// marker, or the nearest dot when that is nearer still.
    fn under(&self, f: &Frame, hits: &[Hit], p: Pos2) -> Option<(usize, f32)> {
        let marker = hits
            .iter()
            .filter(|h| h.at.distance(p) <= h.radius + REACH)
            .min_by(|a, b| a.at.distance(p).total_cmp(&b.at.distance(p)))
            .map(|h| (h.event, h.at.distance(p)));
        let dot = self.nearest_dot(f, p);
        match (marker, dot) {
            (Some(m), Some(d)) => Some(if d.1 < m.1 { d } else { m }),
            (m, d) => m.or(d),
        }
    }

    /// The nearest shown dot under `p` (none under hexagons), found in the
    /// dots' grid within the largest dot's reach: O(log n), not a scan of
    /// the tens of thousands drawn.
    fn nearest_dot(&self, f: &Frame, p: Pos2) -> Option<(usize, f32)> {
        if self.hexes.is_some() {
            return None;
        }
        let ex = f.ex;
        let reach = f64::from(theme::marker_radius(Some(u32::MAX)) + REACH);
        let (w, px_per_world) = self.to_screen.invert(p);
        ex.dots()
            .nearest(&ex.ds().points, w, reach / px_per_world, |i| {
                let i = i as usize;
                let r = theme::marker_radius(ex.dots().look(&ex.ds().points, i).0);
                let c = ex
                    .dot_at(i)
                    .map_or(Pos2::new(f32::NAN, f32::NAN), |w| self.to_screen.apply(w));
                c.distance(p) <= r + REACH && ex.is_shown(i)
            })
            .map(|(i, d)| (i as usize, (d * px_per_world) as f32))
    }

    /// Over a hexagon with events at `p`: its outline and count, and a
    /// click zooms in on it. Whether there was one.
    fn over_hexagon(&self, f: &Frame, p: Pos2, cmds: &mut Vec<Command>) -> bool {
        let Some(h) = self.hexes else { return false };
        let (w, _) = self.to_screen.invert(p);
        let cell = h.grid.cell(w);
        let n = h.counts.events_in(cell);
        if n == 0 {
            return false;
        }
        let corners: Vec<Pos2> = (h.grid.corners(cell).iter())
            .map(|&c| self.to_screen.apply(c))
            .collect();
        f.painter.add(egui::Shape::closed_line(
            corners,
            Stroke::new(2.0, theme::SELECTED),
        ));
        let lang = f.ex.lang();
        self.response.clone().on_hover_ui_at_pointer(|ui| {
            ui.strong(match lang {
                Lang::Zh => format!("此处 {n} 个事件"),
                Lang::En => format!("{n} events here"),
                Lang::Both => format!("此处 {n} 个事件 · {n} events here"),
            });
            ui.weak(pick(lang, "点击放大", "Click to zoom in"));
        });
        if self.response.clicked() {
            let [x, y] = h.grid.centre(cell);
            cmds.push(Command::FlyTo {
                to: view::lon_lat_of(x, y),
                zoom: Some((self.zoom + 2.0).min(18.0)),
            });
        }
        true
    }

    /// The hovered event's title, date and kind.
    fn tooltip(&self, lang: Lang, e: &Event) {
        let title = e.title(lang).into_owned();
        let date = match lang {
            Lang::Zh => e.when.display_zh(),
            Lang::En => e.when.display_en(),
            Lang::Both => format!("{} · {}", e.when.display_zh(), e.when.display_en()),
        };
        let kind = e.kind.name(lang).into_owned();
        self.response.clone().on_hover_ui_at_pointer(|ui| {
            ui.strong(title);
            ui.label(format!("{date} · {kind}"));
            ui.weak(pick(lang, "点击查看原文", "Click to read the source"));
        });
    }
}
