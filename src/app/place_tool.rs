//! The editor's tools on the map: a click puts a new place where it lands;
//! in move mode a place's point is dragged to where it belongs (the map
//! then pans with the right button), or clicked to open its form. A walkers
//! plugin: it sees the map's response and projection, and leaves what was
//! done for the app.
use egui::{Color32, Stroke};
use walkers::{MapMemory, Plugin, Projector, lon_lat};

use crate::model::Place;

/// Which tool the map has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tool {
    #[default]
    Off,
    /// The next click puts a new place.
    AddPlace,
    /// Dragging a place's point moves it.
    MovePlaces,
}

/// What the user did with the tool this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum ToolAction {
    Add {
        lon: f64,
        lat: f64,
        zoom: f64,
    },
    /// A numbered candidate of an ambiguous name clicked.
    Pick(usize),
    /// A place's point clicked (not dragged): its form opens.
    Open {
        place: String,
    },
    Move {
        place: String,
        lon: f64,
        lat: f64,
        zoom: f64,
    },
}

/// The tool and a drag under way.
#[derive(Debug, Default)]
pub struct ToolState {
    pub tool: Tool,
    /// The place being dragged (index into the places).
    dragging: Option<usize>,
    pub action: Option<ToolAction>,
    /// An ambiguous name's places (lon, lat), numbered on the map to pick
    /// from, and the one taken.
    pub candidates: Vec<(f64, f64)>,
    pub chosen: usize,
    /// Where the candidates were drawn this frame (for tests).
    pub candidate_pos: Vec<egui::Pos2>,
}

/// How near a press must be to a place's point to pick it (points).
const PICK: f32 = 12.0;

pub struct PlaceTool<'a> {
    pub state: &'a mut ToolState,
    pub places: &'a [Place],
}

impl Plugin for PlaceTool<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        response: &egui::Response,
        projector: &Projector,
        memory: &MapMemory,
    ) {
        let painter = ui.painter().with_clip_rect(projector.clip_rect());
        let at = |p: &Place| projector.project(lon_lat(p.lon, p.lat)).to_pos2();
        let pointer = response.interact_pointer_pos().or(response.hover_pos());
        let zoom = memory.zoom();
        let lonlat = |pos: egui::Pos2| {
            let g = projector.unproject(pos.to_vec2());
            (g.x(), g.y())
        };
        // An ambiguous name's candidates: numbered, the one taken filled.
        self.state.candidate_pos = (self.state.candidates.iter())
            .map(|&(lon, lat)| projector.project(lon_lat(lon, lat)).to_pos2())
            .collect();
        // The one taken is drawn last, over its neighbours.
        let chosen = self.state.chosen;
        let order = (0..self.state.candidates.len())
            .filter(|&k| k != chosen)
            .chain([chosen]);
        for k in order.filter(|&k| k < self.state.candidate_pos.len()) {
            let p = self.state.candidate_pos[k];
            let taken = k == self.state.chosen;
            let fill = if taken {
                Color32::from_rgb(0x25, 0x63, 0xEB)
            } else {
                Color32::WHITE
            };
            painter.circle(
                p,
                11.0,
                fill,
                Stroke::new(2.0, Color32::from_rgb(0x25, 0x63, 0xEB)),
            );
            painter.text(
                p,
                egui::Align2::CENTER_CENTER,
                (k + 1).to_string(),
                egui::FontId::proportional(12.0),
                if taken {
                    Color32::WHITE
                } else {
                    Color32::from_rgb(0x25, 0x63, 0xEB)
                },
            );
        }
        if self.state.tool == Tool::Off
            && response.clicked()
            && let Some(click) = response.interact_pointer_pos()
        {
            let hit = (self.state.candidates.iter().enumerate())
                .map(|(k, &(lon, lat))| (k, projector.project(lon_lat(lon, lat)).to_pos2().distance(click)))
                .filter(|(_, d)| *d <= PICK)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((k, _)) = hit {
                self.state.action = Some(ToolAction::Pick(k));
            }
        }
        match self.state.tool {
            Tool::Off => {}
            Tool::AddPlace => {
                if let Some(p) = response.hover_pos() {
                    painter.circle_stroke(p, 8.0, Stroke::new(2.0, Color32::from_rgb(0x25, 0x63, 0xEB)));
                }
                if response.clicked()
                    && let Some(p) = response.interact_pointer_pos()
                {
                    let (lon, lat) = lonlat(p);
                    self.state.action = Some(ToolAction::Add { lon, lat, zoom });
                }
            }
            Tool::MovePlaces => {
                // Every place a handle to drag.
                for p in self.places {
                    painter.circle_stroke(at(p), 5.0, Stroke::new(1.5, Color32::from_rgb(0x25, 0x63, 0xEB)));
                }
                let nearest = |to: egui::Pos2| {
                    (self.places.iter().enumerate())
                        .map(|(k, p)| (k, at(p).distance(to)))
                        .filter(|(_, d)| *d <= PICK)
                        .min_by(|a, b| a.1.total_cmp(&b.1))
                        .map(|(k, _)| k)
                };
                if response.clicked()
                    && let Some(k) = response.interact_pointer_pos().and_then(nearest)
                {
                    self.state.action = Some(ToolAction::Open {
                        place: self.places[k].id.clone(),
                    });
                }
                if response.drag_started_by(egui::PointerButton::Primary)
                    && let Some(press) = ui.input(|i| i.pointer.press_origin())
                {
                    self.state.dragging = nearest(press);
                }
                if let (Some(k), Some(p)) = (self.state.dragging, pointer) {
                    painter.line_segment([at(&self.places[k]), p], Stroke::new(1.0, Color32::GRAY));
                    painter.circle_filled(p, 6.0, Color32::from_rgb(0x25, 0x63, 0xEB));
                    if response.drag_stopped() {
                        let (lon, lat) = lonlat(p);
                        self.state.action = Some(ToolAction::Move {
                            place: self.places[k].id.clone(),
                            lon,
                            lat,
                            zoom,
                        });
                        self.state.dragging = None;
                    }
                }
            }
        }
    }
}

impl ToolState {
    /// Whether the primary button is the tool's (the map pans with the
    /// secondary one meanwhile).
    pub fn takes_primary_drag(&self) -> bool {
        self.tool == Tool::MovePlaces
    }
}
