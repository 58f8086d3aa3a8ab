//! Reading data on another thread, and reading it again when its files
//! change on disk (live reload): what replaces what is shown, and what an
//! edit with errors keeps.
use std::path::PathBuf;

use egui::{Align2, RichText};

use super::ChronoApp;
use crate::command::Command;
use crate::io::{self, Problem};
use crate::map::overlay::{events_per_place, place_priority};
use crate::model::{Lang, pick};
use crate::state::{Explorer, Settings};

/// A data path watched for edits, on a thread that wakes the window only
/// when its files change.
pub(super) struct Watch {
    path: PathBuf,
    watcher: Option<io::watch::Watcher>,
}

impl Watch {
    pub(super) fn new(path: PathBuf, ctx: &egui::Context) -> Self {
        let ctx = ctx.clone();
        Watch {
            watcher: io::watch::Watcher::spawn(path.clone(), WATCH_EVERY, move || ctx.request_repaint()),
            path,
        }
    }
}

/// The folder the bundled dataset was built from, when the app runs from
/// its checkout (`geodata/` beside `assets/`).
pub(super) fn checkout_geodata() -> Option<PathBuf> {
    let checkout = crate::os::paths::assets_dir().ok()?.parent()?.to_path_buf();
    let dir = checkout.join("geodata");
    // Only a checkout (an installed program's data folder is not edited).
    checkout.join("Cargo.toml").is_file().then_some(())?;
    dir.join(io::files::EVENTS).is_file().then_some(dir)
}

/// How often the data's files are looked at for edits.
const WATCH_EVERY: std::time::Duration = std::time::Duration::from_millis(300);

/// A file being read on another thread.
pub(super) struct Loading {
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
pub(super) struct Ready {
    pub(super) ex: Explorer,
    pub(super) problems: Vec<Problem>,
    pub(super) places: PlaceIndex,
    pub(super) show_problems: bool,
}

/// What the map needs to know of the places, worked out once per dataset.
#[derive(Debug, Clone, Default)]
pub(super) struct PlaceIndex {
    /// The places that get labels, with their priority (a user's points
    /// are events, not labelled places).
    pub(super) labelled: Vec<(usize, f32)>,
    /// What may stand at each place, for grouping markers.
    pub(super) marks: Vec<crate::map::events_layer::PlaceMark>,
}

impl Ready {
    pub(super) fn new(loaded: io::Loaded, settings: Settings, date: Option<i32>) -> Self {
        let ds = loaded.dataset;
        let counts = events_per_place(&ds);
        let labelled = (ds.places.iter().zip(&counts).enumerate())
            .filter(|(_, (p, _))| p.kind != crate::model::PlaceKind::Point)
            .map(|(i, (p, &n))| (i, place_priority(p, n)))
            .collect();
        let places = PlaceIndex {
            labelled,
            marks: crate::map::events_layer::place_marks(&ds),
        };
        // Errors, or columns guessed from their cells: the user should look.
        let show_problems =
            loaded.problems.iter().any(Problem::is_error) || ds.read_notes.iter().any(|n| n.notable);
        let mut ex = Explorer::new(ds, settings);
        if let Some(d) = date {
            ex.apply(Command::Seek(f64::from(d)));
        }
        Ready {
            ex,
            problems: loaded.problems,
            places,
            show_problems,
        }
    }
}

impl ChronoApp {
    /// Data read again (an edit, a layer): shown at the same date, view,
    /// filters and selection.
    fn take_ready_keeping_view(&mut self, ready: Ready) {
        self.ex = ready.ex.keeping_view_of(&self.ex);
        self.problems = ready.problems;
        self.places = ready.places;
        self.show_problems = false;
        self.search = None;
        self.reading.reset();
        self.marks = Default::default();
    }

    /// The editor's files, read: shown as [`Self::take_ready_keeping_view`].
    pub(super) fn take_edited(&mut self, loaded: io::Loaded) {
        let ready = Ready::new(loaded, self.ex.settings().clone(), None);
        self.take_ready_keeping_view(ready);
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
    pub(super) fn watch_files(&mut self, ctx: &egui::Context) {
        // Exports draw what they were given; a kiosk keeps its data till
        // it is restarted (docs/KIOSK.md).
        if self.export || self.kiosk.is_some() {
            self.watch = None;
            return;
        }
        if self.loading.is_some() {
            return;
        }
        let Some(w) = &self.watch else { return };
        if w.watcher.as_ref().is_some_and(io::watch::Watcher::take_change) {
            let path = w.path.clone();
            let layers = self.layers.clone();
            self.start_plan(ctx, LoadKind::Reload, Some(path.clone()), layers, path, None);
        }
    }

    pub(super) fn start_loading(&mut self, ctx: &egui::Context, path: PathBuf, date: Option<i32>) {
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
        let (settings, repaint) = (self.ex.settings().clone(), ctx.clone());
        let progress = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let worker = std::thread::Builder::new()
            .name("chronoatlas-load".into())
            .spawn({
                let (base, layers, progress) = (base.clone(), layers.clone(), progress.clone());
                let columns = self.open_dialog.column_choice();
                move || {
                    let loaded = io::load_with_layers_using(base.as_deref(), &layers, &columns, &progress);
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

    /// Takes in the data read on the other thread when it is there; till
    /// then, says what is being read and for how long.
    pub(super) fn poll_loading(&mut self, ctx: &egui::Context) {
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
                if (l.kind == LoadKind::Layers && ready.ex.ds().layers.len() < l.layers.len())
                    || (l.kind == LoadKind::Open
                        && ready.ex.ds().event_count() == 0
                        && self.ex.ds().event_count() > 0) =>
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
                self.layers = l.layers.clone();
                self.data = l.base.clone().or(self.data.take());
                self.loading = None;
                self.take_ready_keeping_view(ready);
            }
            Ok(ready) => {
                self.data = l.base.clone();
                self.layers.clear();
                self.watch = l.base.clone().map(|p| Watch::new(p, ctx));
                let lang = self.ex.lang();
                self.ex = ready.ex;
                self.ex.apply(Command::SetLang(lang));
                self.problems = ready.problems;
                self.places = ready.places;
                self.show_problems = ready.show_problems;
                self.search = None;
                self.reading.reset();
                self.marks = Default::default();
                self.placed = false; // fit or go to the asked view now
                self.loading = None;
                if self.editor.is_some() {
                    // Editing began while the folder was read (`--edit`):
                    // its edits come from the workspace, not the watcher;
                    // its text's suggestions and panel are for this data.
                    self.watch = None;
                    self.refresh_suggestions();
                    self.fit_to_text_when_empty();
                    if !self.ex.ds().sources.is_empty() {
                        self.cmds.push(Command::SetDetailsShown(true));
                    }
                }
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
}
