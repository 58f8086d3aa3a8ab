//! The events on the map: markers by kind and size, movements as arrows,
//! sabotaged railway stretches, a pulse when a unit forms, occupied cities
//! and base areas that stay once they exist; hover and click.
//!
//! [`EventsLayer::run`] draws in this order, each layer over the ones
//! before it:
//! 1. base areas (`areas.rs`);
//! 2. occupied cities and lost stretches of line (`areas.rs`);
//! 3. sabotaged stretches and movements of the events shown now (`routes.rs`);
//! 4. the dots or hexagons of point files, in one slot under the markers
//!    (`dots.rs`);
//! 5. the markers, alone or gathered in groups (`markers.rs`, `sites.rs`);
//! 6. the place names, around the markers (`map::overlay`);
//! 7. what the pointer is over: a hexagon's outline, a tooltip (`hover.rs`).
//!
//! The railways, roads and place symbols of `map::overlay` come first,
//! under everything.
use egui::{Color32, Pos2};
use walkers::{MapMemory, Plugin, Projector, lon_lat};

use super::overlay::HistoryOverlay;
use super::sprites::DiscAtlas;
use crate::command::Command;
use crate::model::{Day, Place};
use crate::state::{Explorer, Shown};

mod areas;
mod dots;
mod hover;
mod markers;
mod marks;
mod routes;
mod sites;
mod world;

pub use marks::{Crowding, GroupMark, Marks};
pub use sites::{PlaceMark, place_marks};

/// How long a unit's founding pulses, in seconds of playback.
pub const PULSE_SECS: f64 = 1.2;

/// One marker drawn this frame, for hit testing.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub event: usize,
    pub at: Pos2,
    /// The marker's radius; with finger-sized controls (the kiosk) at
    /// least a finger's.
    pub radius: f32,
}

pub struct EventsLayer<'a> {
    pub ex: &'a Explorer,
    pub cmds: &'a mut Vec<Command>,
    /// The railways, roads and places under the events, and their names.
    pub overlay: HistoryOverlay<'a>,
    /// What may stand at each place (see [`place_marks`]).
    pub place_marks: &'a [PlaceMark],
    /// What was drawn, for the caller's tests and tools.
    pub marks: &'a mut Marks,
    /// Dots for user point layers.
    pub discs: &'a DiscAtlas,
}

/// What every part of the layer reads this frame.
struct Frame<'a> {
    ex: &'a Explorer,
    projector: &'a Projector<'a>,
    /// The map's painter, clipped to the map.
    painter: egui::Painter,
    clip: egui::Rect,
    /// The day shown.
    t: Day,
    /// Finger-sized controls (the kiosk's style): markers a finger can hit.
    touch: bool,
}

impl Frame<'_> {
    fn screen(&self, p: &Place) -> Pos2 {
        self.projector.project(lon_lat(p.lon, p.lat)).to_pos2()
    }

    /// Pixels per km around a place.
    fn px_per_km(&self, p: &Place) -> f32 {
        self.projector.scale_pixel_per_meter(lon_lat(p.lon, p.lat)) * 1000.0
    }

    /// Lasting layers recede while a tour step points elsewhere.
    fn background(&self, i: usize) -> f32 {
        match &self.ex.highlight() {
            Some(h) if !h.contains(&i) => 0.35,
            _ => 1.0,
        }
    }

    /// A tour step dims what it does not point at: the opacity of an event
    /// shown now, and whether the step points at it.
    fn emphasis(&self, shown: &Shown) -> (f32, bool) {
        match &self.ex.highlight() {
            Some(h) if h.contains(&shown.event) => (shown.alpha, true),
            Some(_) => (shown.alpha * 0.22, false),
            None => (shown.alpha, false),
        }
    }
}

fn fade(c: Color32, alpha: f32) -> Color32 {
    c.gamma_multiply(alpha.clamp(0.0, 1.0))
}

impl Plugin for EventsLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        response: &egui::Response,
        projector: &Projector,
        memory: &MapMemory,
    ) {
        let clip = projector.clip_rect();
        let f = Frame {
            ex: self.ex,
            projector,
            painter: ui.painter().with_clip_rect(clip),
            clip,
            t: self.ex.day(),
            touch: ui.spacing().interact_size.y >= 40.0,
        };
        let labels = self.overlay.draw_under(&f.painter, projector);
        areas::base_areas(&f);
        areas::occupations(&f);
        routes::stretches_and_movements(&f);

        // Last frame's buffers, emptied: no new allocation per frame.
        let mut marks = std::mem::take(self.marks);
        marks.clear();
        marks.map = clip;
        // Points of a user's file (one place each, often thousands) are
        // dots in one mesh, under the symbols of everything else.
        let ppp = ui.ctx().pixels_per_point();
        let mut dots = dots::Dots::new(self.discs, f.ex.shown().len(), ppp);
        let dots_slot = f.painter.add(egui::Shape::Noop);
        let to_screen = world::WorldToScreen::new(projector);
        let hexes = dots::hexagons(&f, &to_screen);
        let sites = sites::Sites::new(&f, self.place_marks);
        markers::draw(&f, &to_screen, &mut dots, hexes.is_some(), &sites, &mut marks);
        let hex_mesh = hexes.as_ref().map(|h| h.mesh(&to_screen, ppp));
        f.painter.set(
            dots_slot,
            egui::Shape::Vec(vec![
                egui::Shape::mesh(hex_mesh.unwrap_or_default()),
                egui::Shape::mesh(dots.into_mesh()),
            ]),
        );
        let places = &f.ex.ds().places;
        let placed = labels.draw(&f.painter, &marks.taken(), |i| {
            places.get(i).map_or(0.0, |p| marks.cover(f.screen(p)))
        });
        marks.labels = placed;

        let pointer = hover::Pointer {
            response,
            zoom: memory.zoom(),
            to_screen: &to_screen,
            hexes: hexes.as_ref(),
        };
        pointer.respond(&f, &mut marks, self.cmds);
        *self.marks = marks;
    }
}
