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
//! 5. the markers (`markers.rs`);
//! 6. what the pointer is over: a hexagon's outline, a tooltip (`hover.rs`).
use egui::{Color32, Pos2};
use walkers::{MapMemory, Plugin, Projector, lon_lat};

use super::sprites::DiscAtlas;
use crate::command::Command;
use crate::model::{Day, Place};
use crate::state::{Explorer, Shown};

mod areas;
mod dots;
mod hover;
mod markers;
mod routes;
mod world;

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

/// What every part of the layer reads this frame.
struct Frame<'a> {
    ex: &'a Explorer,
    projector: &'a Projector<'a>,
    /// The map's painter, clipped to the map.
    painter: egui::Painter,
    clip: egui::Rect,
    /// The day shown.
    t: Day,
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
        };
        areas::base_areas(&f);
        areas::occupations(&f);
        routes::stretches_and_movements(&f);

        // Last frame's buffer, emptied: no new allocation per frame.
        let mut hits: Vec<Hit> = std::mem::take(self.hits);
        hits.clear();
        // Points of a user's file (one place each, often thousands) are
        // dots in one mesh, under the symbols of everything else.
        let ppp = ui.ctx().pixels_per_point();
        let mut dots = dots::Dots::new(self.discs, f.ex.shown().len(), ppp);
        let dots_slot = f.painter.add(egui::Shape::Noop);
        let to_screen = world::WorldToScreen::new(projector);
        let hexes = dots::hexagons(&f, &to_screen);
        markers::draw(&f, &to_screen, &mut dots, hexes.is_some(), &mut hits);
        let hex_mesh = hexes.as_ref().map(|h| h.mesh(&to_screen, ppp));
        f.painter.set(
            dots_slot,
            egui::Shape::Vec(vec![
                egui::Shape::mesh(hex_mesh.unwrap_or_default()),
                egui::Shape::mesh(dots.into_mesh()),
            ]),
        );

        let pointer = hover::Pointer {
            response,
            zoom: memory.zoom(),
            to_screen: &to_screen,
            hexes: hexes.as_ref(),
        };
        pointer.respond(&f, &hits, self.cmds);
        *self.hits = hits;
    }
}
