//! The window: owns the explorer state, the camera and the base map; lays
//! out the panels, collects their commands and applies them in one place at
//! the end of the frame.
//!
//! The window's parts, one file each: loading and live reload
//! (`loading.rs`), the map and its camera (`map_view.rs`), the explorer's
//! panels and keys (`explorer.rs`), its top bar and search (`top_bar.rs`),
//! tours and presentation (`present.rs`), the kiosk (`kiosk.rs`) and the
//! export frame and window (`export.rs`).
mod edit_ui;
pub mod editing;
mod explorer;
mod export;
pub mod headless;
mod kiosk;
mod loading;
mod map_view;
pub mod place_tool;
mod present;
mod service;
mod suggestions;
pub mod tour_editor;
mod window;
pub use window::{APP_ID, run, window_icon};
mod top_bar;

use std::path::PathBuf;

use walkers::MapMemory;

use crate::command::Command;
use crate::io::{self, Problem};
use crate::map::basemap::{Basemap, BasemapChoice};
use crate::map::events_layer::Marks;
use crate::map::view::{self, View};
use crate::mode::kiosk::{Kiosk, KioskConfig};
use crate::mode::tour_player::TourPlayer;
use crate::model::Lang;
use crate::search::SearchIndex;
use crate::state::{Explorer, Settings};
use crate::ui::fonts;

pub use crate::model::tour::DEFAULT_TOUR;
use loading::{Loading, Ready, Watch, checkout_geodata};
/// What the command line asks of the window.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    pub data: Option<PathBuf>,
    pub basemap: BasemapChoice,
    /// The language, overriding the remembered one.
    pub lang: Option<Lang>,
    /// Start at this lon, lat, zoom instead of the remembered or fitted view.
    pub view: Option<View>,
    /// Start at this day instead of 7 July 1937.
    pub date: Option<crate::model::Day>,
    /// Start in presentation mode with this tour ("" for the default one).
    pub present: Option<String>,
    /// Run as a museum kiosk with this configuration.
    pub kiosk: Option<KioskConfig>,
    /// Which columns of a point file are which (`--columns`), where their
    /// names do not say.
    pub columns: crate::io::points::ColumnChoice,
    /// Start editing the data (`--edit`; never in a kiosk or presentation).
    pub edit: bool,
}

const SETTINGS_KEY: &str = "chronoatlas.settings";
const VIEW_KEY: &str = "chronoatlas.view";
/// The view with the data it was on (`""`: the bundled data): another
/// dataset opens fitted to its own events, not where the last one was left.
const VIEW_OF_KEY: &str = "chronoatlas.view_of";

/// How the data is named in the remembered view.
fn data_key(data: Option<&std::path::Path>) -> String {
    data.map(|p| p.display().to_string()).unwrap_or_default()
}

pub struct ChronoApp {
    /// The window's context (for work that wakes it: loading, layers).
    ctx: egui::Context,
    pub ex: Explorer,
    problems: Vec<Problem>,
    /// The places' labels and what may stand at each.
    places: loading::PlaceIndex,
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
    start_view: Option<View>,
    /// Markers, groups and names drawn in the last frame (for hit tests
    /// and tools).
    pub marks: Marks,
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
    /// A dataset folder open for editing (issue #20).
    editor: Option<editing::EditSession>,
    /// The keyboard shortcuts window (F1 or ?).
    pub show_shortcuts: bool,
    /// The bundled data is to be edited: the folder to copy it to, as typed.
    pub copy_dialog: Option<String>,
    /// The reading panel's scroll and choices.
    pub reading: crate::ui::reading::ReadingPanel,
    /// The data's files on disk, watched for edits.
    watch: Option<Watch>,
    /// Point files added as layers on the data, in order.
    layers: Vec<PathBuf>,
    /// systemd's messages and the kiosk's log lines.
    service: service::Service,
}

impl ChronoApp {
    /// The app, with settings and view from `storage` when there are some.
    /// The data is read before this returns (headless frames, tests).
    pub fn new(ctx: &egui::Context, options: AppOptions, storage: Option<&dyn eframe::Storage>) -> Self {
        fonts::install(ctx);
        let loaded = match &options.data {
            Some(p) => io::load_path_using(p, &options.columns, &std::sync::atomic::AtomicU64::new(0)),
            None => io::load_bundled(),
        };
        let settings = Self::settings_from(&options, storage);
        let ready = Ready::new(loaded, settings, options.date);
        let mut app = Self::with(ctx, options.clone(), storage, ready);
        // The data given, else the checkout's geodata/ (the bundled
        // dataset's folder): an editor sees a saved edit at once.
        app.watch = (options.data.or_else(checkout_geodata)).map(|p| Watch::new(p, ctx));
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
        // Stored as (data, lon, lat, zoom); earlier versions wrote (lon,
        // lat, zoom) without the data: taken for the bundled data only.
        let data = data_key(options.data.as_deref());
        let remembered = storage
            .and_then(|s| eframe::get_value::<(String, f64, f64, f64)>(s, VIEW_OF_KEY))
            .filter(|(d, ..)| *d == data)
            .map(|(_, lon, lat, zoom)| View::from((lon, lat, zoom)))
            .or_else(|| {
                let old = storage.and_then(|s| eframe::get_value::<(f64, f64, f64)>(s, VIEW_KEY));
                old.filter(|_| data.is_empty()).map(View::from)
            });
        let Ready {
            ex,
            problems,
            places,
            show_problems,
        } = ready;
        ChronoApp {
            ctx: ctx.clone(),
            basemap: Basemap::open(options.basemap, ctx),
            choice: options.basemap,
            ex,
            problems,
            places,
            loading: None,
            open_dialog: crate::ui::open_dialog::OpenDialog::with_columns(&options.columns),
            editor: None,
            show_shortcuts: false,
            copy_dialog: None,
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
            marks: Marks::default(),
            discs: None,
            cmds: Vec::new(),
            fullscreen_sent: false,
            tour: None,
            presenting: false,
            black: false,
            glide: None,
            last_pointer_move: f64::NEG_INFINITY,
            kiosk: None,
            exit_allowed: false,
            export: false,
            export_dialog: Default::default(),
            data: options.data.clone(),
            service: service::Service::new(None),
        }
        .presenting_from(options.present.as_deref())
        .kiosk_from(options.kiosk, ctx)
        .editing_from(options.edit)
    }

    /// `--edit`: editing begins with the first frame.
    fn editing_from(mut self, edit: bool) -> Self {
        if edit && self.can_edit() {
            self.cmds
                .push(Command::Edit(crate::edit::EditCommand::Begin { copy_to: None }));
        }
        self
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

    /// Why the bundled base map is not drawn (not found, unreadable).
    pub fn basemap_problem(&self) -> Option<&str> {
        self.basemap.problem.as_deref()
    }

    /// Whether a file is still being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
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
            if let Some(secs) = t.next_change(&self.ex) {
                self.animate_after(&ctx, secs);
            }
        }
        if self.kiosk.is_some() {
            self.show_kiosk(ui, raw_dt);
            return;
        }
        self.tend_editing(&ctx);
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
        self.show_explorer(ui, &ctx);
        self.finish_frame(&ctx);
    }

    /// Applies one command: the one place every change of state goes
    /// through (panels, keys, tours, the kiosk, tools and tests).
    pub fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::Tour(t) => self.apply_tour(t),
            Command::Edit(e) => self.apply_edit(e),
            // Removing a layer reads the data again.
            Command::RemoveLayer(k) => {
                let ctx = self.ctx.clone();
                self.remove_layer(&ctx, k);
            }
            cmd => self.ex.apply(cmd),
        }
    }

    /// The end of a frame: the frame's commands applied in order, then
    /// what they ask of the window (fullscreen, another frame).
    fn finish_frame(&mut self, ctx: &egui::Context) {
        for cmd in std::mem::take(&mut self.cmds) {
            self.apply(cmd);
        }
        if self.ex.fullscreen() != self.fullscreen_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.ex.fullscreen()));
            // Without a window manager (a bare kiosk session) "fullscreen"
            // is not honoured: cover the monitor by position and size too.
            if self.ex.fullscreen()
                && let Some(size) = ctx.input(|i| i.viewport().monitor_size)
            {
                ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::pos2(0.0, 0.0)));
                ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(size));
            }
            self.fullscreen_sent = self.ex.fullscreen();
        }
        if self.ex.clock().is_playing() || self.ex.camera_pending() {
            self.animate_after(ctx, 0.0);
        }
    }

    /// Asks for the next frame of an animation in `secs` (0: as soon as
    /// the screen takes one), no sooner than the kiosk's frame cap allows.
    /// Nothing else asks for frames: a window where nothing moves sleeps
    /// until input, data or a file change wakes it.
    fn animate_after(&self, ctx: &egui::Context, secs: f64) {
        let least = self.kiosk.as_ref().map_or(0.0, |k| 1.0 / k.config.max_fps);
        let secs = secs.max(least);
        if secs > 0.0 {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(secs));
        } else {
            ctx.request_repaint();
        }
    }
}
