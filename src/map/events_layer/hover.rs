//! Hover and click on the map: the event under the pointer (the nearest
//! marker or dot), its tooltip, and what a click does; over a hexagon, its
//! count and a zoom in.
use egui::{Pos2, Stroke};

use super::dots::Hexagons;
use super::marks::{REACH, Target};
use super::world::WorldToScreen;
use super::{Frame, GroupMark, Hit, Marks};
use crate::command::Command;
use crate::map::view;
use crate::model::{Event, Lang, pick};
use crate::ui::theme;

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
    pub(super) fn respond(&self, f: &Frame, marks: &mut Marks, cmds: &mut Vec<Command>) {
        // (A tap on a touch screen has no hover before it: its press is where.)
        let pointer = self
            .response
            .hover_pos()
            .or_else(|| self.response.interact_pointer_pos());
        let under = pointer.and_then(|p| self.under(f, &marks.hits, p));
        let hovered = under.map(|(event, _)| event);
        if hovered != f.ex.hovered() {
            cmds.push(Command::Hover(hovered));
        }
        // A closed group under the pointer opens; an open one closes when
        // the pointer leaves it (a touch screen has no pointer between
        // taps: the group stays open until a tap elsewhere).
        let group = pointer.and_then(|p| {
            // An open group holds the pointer over its ring or its place.
            let reaches = |g: &&GroupMark| {
                g.at.distance(p) <= g.radius + REACH || (g.open && g.ring_at.distance(p) <= g.reach + REACH)
            };
            // An open ring lies over its neighbours: it comes first.
            (marks.groups.iter().filter(|g| g.open).find(reaches))
                .or_else(|| marks.groups.iter().find(reaches))
        });
        // Where the pointer is in the window: a mouse that leaves the map
        // closes the group; a finger lifted leaves no pointer at all.
        let anywhere = self.response.ctx.input(|i| i.pointer.latest_pos());
        match group {
            Some(g) if under.is_none() && !g.open => {
                cmds.push(Command::SpreadGroup(Some(g.place)));
                self.group_tooltip(f.ex.lang(), g);
            }
            None if f.ex.spread_group().is_some() && anywhere.is_some() => {
                cmds.push(Command::SpreadGroup(None));
            }
            _ => {}
        }
        if let (None, None, Some(p)) = (under, group, pointer.filter(|p| f.clip.contains(*p)))
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
        // A click acts on what it began on: a ring opened under a finger
        // by its press does not choose the marker that lands beneath it.
        let target = match (under, group) {
            (Some((e, _)), _) => Target::Event(e),
            (None, Some(g)) => Target::Group(g.place),
            (None, None) => Target::Nothing,
        };
        if pointer.is_some() && self.response.ctx.input(|i| i.pointer.any_pressed()) {
            marks.pressed_on = Some(target);
        }
        if self.response.clicked() && marks.pressed_on.take().unwrap_or(target) == target {
            match target {
                // A click on a group opens it (a touch screen has no hover).
                Target::Group(place) => cmds.push(Command::SpreadGroup(Some(place))),
                Target::Event(e) => cmds.push(Command::Select {
                    event: Some(e),
                    fly: false,
                }),
                Target::Nothing => cmds.push(Command::Select {
                    event: None,
                    fly: false,
                }),
            }
        }
    }

    /// What a closed group holds.
    fn group_tooltip(&self, lang: Lang, g: &GroupMark) {
        let n = g.events.len();
        self.response.clone().on_hover_ui_at_pointer(|ui| {
            ui.strong(match lang {
                Lang::Zh => format!("此处 {n} 个事件"),
                Lang::En => format!("{n} events here"),
                Lang::Both => format!("此处 {n} 个事件 · {n} events here"),
            });
        });
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
