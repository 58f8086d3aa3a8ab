//! The editor in the window (issue #20): a dataset folder open for editing,
//! its commands applied at the end of the frame, the map read again from
//! the edited files after each step, the title marked while edits are
//! unsaved, an autosave every minute, and a question before closing with
//! unsaved edits. Never in the kiosk or a presentation.
use std::path::{Path, PathBuf};

use super::ChronoApp;
use crate::edit::event_form::EventForm;
use crate::edit::{EditCommand, Keep, Recovery, SaveError, Workspace};
use crate::io::{self, Problem};

/// Seconds between autosaves of unsaved edits.
pub const AUTOSAVE_EVERY: f64 = 60.0;

/// The event being edited in the form.
pub struct FormState {
    pub form: EventForm,
    /// The record as it is (None: a new event).
    pub base: Option<serde_json::Value>,
    /// What `validate` says of the data with this form applied (its
    /// errors), for the form as it was when last checked.
    pub checked: Option<(EventForm, Vec<String>)>,
    /// A place looked for in the gazetteer, as typed, and the index it is
    /// looked up in (made on first use).
    pub place_query: String,
    pub search: Option<crate::search::SearchIndex>,
}

impl FormState {
    pub fn new(form: EventForm, base: Option<serde_json::Value>) -> Self {
        FormState {
            form,
            base,
            checked: None,
            place_query: String::new(),
            search: None,
        }
    }

    /// A new event's form from what a phrase of the source proposes.
    pub fn proposed(p: &crate::edit::propose::Proposal, ws: &Workspace) -> Self {
        use crate::edit::propose::YearFrom;
        let mut form = EventForm::new_from_quote(&unused_id(ws), &p.quote);
        // A draft title: the quote's words (the user shortens them).
        form.title_zh = p.quote.chars().take(20).collect();
        if let Some((when, from)) = &p.when {
            form.when = when.clone();
            if let YearFrom::Context(y) = from {
                form.when_basis = "context".into();
                form.date_reading_zh = format!("原文此句未写年份，取自上文的{y}年。");
                form.date_reading_en = format!("The phrase gives no year: {y} is from the text before it.");
            }
        }
        form.size = p.size.clone().unwrap_or_default();
        form.places = p.places.join(", ");
        Self::new(form, None)
    }

    /// The record this form makes, printed as the file prints it.
    pub fn record_text(&self, ws: &Workspace) -> String {
        let indent = ws
            .records(io::files::EVENTS)
            .map_or_else(|| "    ".to_string(), |r| r.indent.clone());
        crate::edit::pretty::to_string_at(&self.form.to_record(self.base.as_ref()), &indent)
    }

    /// The errors `validate` finds in the data with this form applied
    /// (worked out again only when the form changed).
    pub fn validation(&mut self, ws: &Workspace) -> &[String] {
        if self.checked.as_ref().is_none_or(|(f, _)| f != &self.form) {
            let mut set = ws.file_set();
            let mut events = ws.records(io::files::EVENTS).cloned();
            if let Some(r) = events.as_mut() {
                let at = r.find(&self.form.id).map(|(k, _)| k);
                if at.is_some() {
                    r.remove(&self.form.id);
                }
                let k = at.unwrap_or(r.records().len());
                r.insert(k, &self.form.id, &self.record_text(ws));
                set.set(io::files::EVENTS, Some(r.text().into_bytes()));
            }
            let loaded = io::load_fileset(&set);
            let errors = loaded
                .errors()
                .map(|p| format!("{}: {}", p.record.clone().unwrap_or_default(), p.message))
                .collect();
            self.checked = Some((self.form.clone(), errors));
        }
        self.checked.as_ref().map_or(&[], |(_, e)| e.as_slice())
    }
}

/// A folder open for editing, and the editor's windows.
pub struct EditSession {
    pub ws: Workspace,
    pub form: Option<FormState>,
    /// The map's tool (add or move places) and a drag under way.
    pub tool: super::place_tool::ToolState,
    /// A place being made or changed (its form), and whether it is new.
    pub place_form: Option<(crate::edit::place_form::PlaceForm, bool)>,
    /// The tour editor, when open.
    pub tours: Option<super::tour_editor::TourEditor>,
    /// What the last command did or why it could not (shown in the edit bar).
    pub status: String,
    /// Files another program changed while edits were pending: the user
    /// chooses whose version to keep.
    pub conflict: Option<Vec<String>>,
    /// Edits an earlier session left unsaved, offered back.
    pub recovery: Option<Recovery>,
    /// The window was asked to close with unsaved edits.
    pub confirm_close: bool,
    /// The places, dates and sizes each source text writes (issue #21).
    pub suggestions: Vec<Vec<crate::suggest::Suggestion>>,
    /// The suggestion open in its window.
    pub open_suggestion: Option<super::suggestions::OpenSuggestion>,
    last_autosave: f64,
    title_dirty: Option<bool>,
}

/// Copies the data shown (the bundled dataset) into a new folder `to`.
pub fn copy_bundled(to: &Path) -> Result<(), String> {
    if to.exists() && std::fs::read_dir(to).map_err(|e| e.to_string())?.next().is_some() {
        return Err(format!("{} is not empty: choose a new folder", to.display()));
    }
    for (name, bytes) in io::FileSet::bundled().files() {
        let path = to.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        crate::edit::write_atomic(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

impl ChronoApp {
    /// Whether the editor may be shown: the explorer only.
    pub fn can_edit(&self) -> bool {
        self.kiosk.is_none() && !self.presenting && !self.export
    }

    /// The folder being edited, if any.
    pub fn editing(&self) -> Option<&EditSession> {
        self.editor.as_ref()
    }

    pub fn editing_mut(&mut self) -> Option<&mut EditSession> {
        self.editor.as_mut()
    }

    /// Applies an edit command.
    pub(super) fn apply_edit(&mut self, cmd: EditCommand) {
        if !self.can_edit() {
            return;
        }
        match cmd {
            EditCommand::Begin { copy_to } => self.begin_editing(copy_to),
            EditCommand::End => {
                if self.editor.as_ref().is_some_and(|e| !e.ws.is_dirty()) {
                    self.editor = None;
                    self.reading.marks.clear();
                    self.ctx
                        .send_viewport_cmd(egui::ViewportCommand::Title("chronoatlas".into()));
                }
            }
            EditCommand::Act(step) => {
                let Some(ed) = self.editor.as_mut() else { return };
                let label = step.label.clone();
                match ed.ws.act(step) {
                    Ok(()) => {
                        if let Err(why) = self.show_edited() {
                            // The edit would leave the data invalid: taken back.
                            if let Some(ed) = self.editor.as_mut() {
                                let _ = ed.ws.undo();
                                ed.status = format!("not done ({label}): {why}");
                            }
                            let _ = self.show_edited();
                        } else if let Some(ed) = self.editor.as_mut() {
                            ed.status = label;
                            ed.form = None;
                        }
                    }
                    Err(why) => ed.status = why,
                }
            }
            EditCommand::EditEvent(id) => {
                let Some(ed) = self.editor.as_mut() else { return };
                let record = ed
                    .ws
                    .records(io::files::EVENTS)
                    .and_then(|r| r.find(&id))
                    .map(|(_, t)| t.to_string());
                match record.and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok()) {
                    Some(r) => ed.form = Some(FormState::new(EventForm::from_record(&r), Some(r))),
                    None => ed.status = format!("'{id}' is not an event of the folder edited"),
                }
            }
            EditCommand::EditPlace(id) => {
                let Some(ed) = self.editor.as_mut() else { return };
                let line = ed
                    .ws
                    .records(io::files::PLACES)
                    .and_then(|r| r.find(&id))
                    .map(|(_, l)| l.to_string());
                match line {
                    Some(l) => {
                        ed.place_form = Some((crate::edit::place_form::PlaceForm::from_line(&l), false))
                    }
                    None => ed.status = format!("'{id}' is not a place of the folder edited"),
                }
            }
            EditCommand::FromPhrase { source, start, end } => {
                let ds = self.ex.ds();
                let Some(ed) = self.editor.as_mut() else { return };
                if let Some(src) = ds.sources.get(source) {
                    let p = crate::edit::propose::propose(&src.text, start, end, ds);
                    ed.form = Some(FormState::proposed(&p, &ed.ws));
                }
            }
            EditCommand::Undo | EditCommand::Redo => {
                let Some(ed) = self.editor.as_mut() else { return };
                let done = if cmd == EditCommand::Undo {
                    ed.ws.undo()
                } else {
                    ed.ws.redo()
                };
                let word = if cmd == EditCommand::Undo {
                    "undone"
                } else {
                    "redone"
                };
                ed.status = match done {
                    Ok(Some(label)) => format!("{word}: {label}"),
                    Ok(None) => format!("nothing to be {word}"),
                    Err(why) => why,
                };
                let _ = self.show_edited();
            }
            EditCommand::OpenSuggestion { .. }
            | EditCommand::CloseSuggestion
            | EditCommand::PickCandidate(_)
            | EditCommand::NewEventFromSuggestion
            | EditCommand::NewPlaceFromSuggestion
            | EditCommand::AddGazetteerPlace(_) => self.apply_suggestion(cmd),
            EditCommand::Save => self.save_edits(None),
            EditCommand::SaveKeeping(keep) => self.save_edits(Some(keep)),
            EditCommand::Restore => {
                let Some(ed) = self.editor.as_mut() else { return };
                if let Some(r) = ed.recovery.take() {
                    ed.status = match ed.ws.restore(&r) {
                        Ok(()) => "recovered the edits of the last session".into(),
                        Err(why) => why,
                    };
                }
                let _ = self.show_edited();
            }
            EditCommand::DiscardRecovery => {
                if let Some(ed) = self.editor.as_mut() {
                    ed.recovery = None;
                    ed.ws.discard_recovery();
                }
            }
        }
    }

    fn begin_editing(&mut self, copy_to: Option<PathBuf>) {
        if self.editor.is_some() {
            return;
        }
        let dir = match (copy_to, self.data.clone()) {
            (Some(to), _) => match copy_bundled(&to) {
                Ok(()) => to,
                Err(why) => {
                    self.problems = vec![Problem::error(to.display().to_string(), why)];
                    self.show_problems = true;
                    return;
                }
            },
            (None, Some(dir)) if dir.is_dir() => dir,
            // The bundled data (or a point file) is never edited in place:
            // the window asks for a folder to copy it to.
            _ => {
                self.copy_dialog = Some(default_copy_folder().display().to_string());
                return;
            }
        };
        match Workspace::open(&dir) {
            Ok(ws) => {
                let recovery = ws.recovery();
                self.editor = Some(EditSession {
                    ws,
                    form: None,
                    tool: Default::default(),
                    place_form: None,
                    tours: None,
                    status: format!("editing {}", dir.display()),
                    conflict: None,
                    recovery,
                    confirm_close: false,
                    suggestions: Vec::new(),
                    open_suggestion: None,
                    last_autosave: self.ctx.input(|i| i.time),
                    title_dirty: None,
                });
                self.copy_dialog = None;
                // The window shows the folder edited (a copy, when copied).
                if self.data.as_deref() != Some(dir.as_path()) {
                    self.data = Some(dir.clone());
                    let _ = self.show_edited();
                }
                self.refresh_suggestions();
                self.fit_to_text_when_empty();
                // Editing works from the source text: its panel opens.
                if !self.ex.ds().sources.is_empty() {
                    self.cmds.push(crate::command::Command::SetDetailsShown(true));
                }
                // Edits are read from the workspace, not from the watcher.
                self.watch = None;
            }
            Err(p) => {
                self.problems = vec![p];
                self.show_problems = true;
            }
        }
    }

    /// Reads the edited files into the map, keeping the view; the errors
    /// they have, if any (then nothing changes on screen).
    fn show_edited(&mut self) -> Result<(), String> {
        let Some(ed) = &self.editor else { return Ok(()) };
        let mut set = ed.ws.file_set();
        let root = ed.ws.root.display().to_string();
        set.root = root;
        let loaded = io::load_fileset(&set);
        if let Some(e) = loaded.errors().next() {
            return Err(e.to_string());
        }
        self.take_edited(loaded);
        self.refresh_suggestions();
        Ok(())
    }

    fn save_edits(&mut self, keep: Option<Keep>) {
        let Some(ed) = self.editor.as_mut() else { return };
        let saved = match keep {
            None => ed.ws.save(),
            Some(k) => ed.ws.save_keeping(k),
        };
        match saved {
            Ok(files) if files.is_empty() => ed.status = "nothing to save".into(),
            Ok(files) => {
                ed.status = format!("saved {}", files.join(", "));
                ed.conflict = None;
            }
            Err(SaveError::Changed(files)) => {
                ed.status = format!("changed on disk by another program: {}", files.join(", "));
                ed.conflict = Some(files);
            }
            Err(SaveError::Io(why)) => ed.status = format!("not saved: {why}"),
        }
        if keep == Some(Keep::Theirs) {
            let _ = self.show_edited();
        }
    }

    /// What the map's tool did: a new place's form opens; a moved place is
    /// one step (its row's coordinates, tolerance and provenance).
    pub(super) fn take_tool_action(&mut self) {
        use super::place_tool::ToolAction;
        let ds = self.ex.ds();
        let Some(ed) = self.editor.as_mut() else { return };
        match ed.tool.action.take() {
            Some(ToolAction::Add { lon, lat, zoom }) => {
                ed.place_form = Some((
                    crate::edit::place_form::PlaceForm::placed_by_hand(ds, lon, lat, zoom),
                    true,
                ));
                ed.tool.tool = super::place_tool::Tool::Off;
            }
            Some(ToolAction::Pick(k)) => {
                self.cmds
                    .push(crate::command::Command::Edit(EditCommand::PickCandidate(k)));
            }
            Some(ToolAction::Open { place }) => {
                self.cmds
                    .push(crate::command::Command::Edit(EditCommand::EditPlace(place)));
            }
            Some(ToolAction::Move {
                place,
                lon,
                lat,
                zoom,
            }) => {
                let line = ed
                    .ws
                    .records(io::files::PLACES)
                    .and_then(|r| r.find(&place))
                    .map(|(_, l)| l.to_string());
                if let Some(line) = line {
                    let moved = crate::edit::place_form::moved_line(&line, lon, lat, zoom);
                    let step = crate::edit::Step {
                        label: format!("move {place}"),
                        edits: vec![ed.ws.put(io::files::PLACES, &place, Some(moved))],
                    };
                    self.cmds
                        .push(crate::command::Command::Edit(EditCommand::Act(step)));
                }
            }
            None => {}
        }
    }

    /// Each frame: the title's mark, the autosave, closing with unsaved
    /// edits.
    pub(super) fn tend_editing(&mut self, ctx: &egui::Context) {
        let Some(ed) = self.editor.as_mut() else { return };
        let dirty = ed.ws.is_dirty();
        if ed.title_dirty != Some(dirty) {
            let mark = if dirty { "• " } else { "" };
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(format!(
                "{mark}chronoatlas — {}",
                ed.ws.root.display()
            )));
            ed.title_dirty = Some(dirty);
        }
        let now = ctx.input(|i| i.time);
        if dirty && now - ed.last_autosave >= AUTOSAVE_EVERY {
            ed.last_autosave = now;
            if let Err(e) = ed.ws.autosave() {
                ed.status = format!("autosave failed: {e}");
            }
        }
        if dirty {
            // Wake for the next autosave even if nothing else happens.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_EVERY));
        }
        if ctx.input(|i| i.viewport().close_requested()) && dirty && !self.exit_allowed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            ed.confirm_close = true;
        }
    }
}

/// An event id no record has yet: `event_N`.
fn unused_id(ws: &Workspace) -> String {
    let taken = |id: &str| {
        ws.records(io::files::EVENTS)
            .is_some_and(|r| r.find(id).is_some())
    };
    (1..)
        .map(|n| format!("event_{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// Where the bundled data is copied for editing unless the user says.
pub fn default_copy_folder() -> PathBuf {
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
    let mut k = 1;
    let mut dir = home.join("chronoatlas-data");
    while dir.exists() {
        k += 1;
        dir = home.join(format!("chronoatlas-data-{k}"));
    }
    dir
}
