//! Editing a dataset folder (issue #20), free of egui: the files as records
//! ([`record_file`]), each edit a record's before and after that knows its
//! inverse ([`history`]), saving that never loses work: atomic writes
//! (temporary file, fsync, rename), a file changed on disk by another
//! program never overwritten silently, and an autosave of pending edits
//! offered back after a crash.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::io::FileSet;
use crate::io::files::{EVENTS, PLACES, TOURS_DIR};
use crate::io::problem::Problem;

pub mod command;
pub mod event_form;
pub mod history;
pub mod place_form;
pub mod pretty;
pub mod propose;
pub mod record_file;
pub mod tour_doc;

pub use command::EditCommand;
pub use history::{Edit, History, Slot, Step};
pub use record_file::RecordFile;

/// The files edited record by record.
pub const RECORD_FILES: [&str; 2] = [EVENTS, PLACES];
/// The side file that holds edits not yet saved (removed by a save).
pub const AUTOSAVE: &str = ".chronoatlas-autosave.json";

/// A dataset folder open for editing.
pub struct Workspace {
    pub root: PathBuf,
    /// Every file as read (sources, lines, units...), the edited ones as
    /// they now stand.
    set: FileSet,
    records: BTreeMap<String, RecordFile>,
    /// Each edited file's bytes when last read or saved (`None`: absent).
    disk: BTreeMap<String, Option<Vec<u8>>>,
    pub history: History,
}

/// Why nothing (or not everything) was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// These files were changed on disk by another program since they were
    /// read: nothing was written; the user chooses.
    Changed(Vec<String>),
    /// Writing failed (nothing half-written is left under the file's name).
    Io(String),
}

/// Which version wins where a file was changed on disk and here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The edits made here overwrite the other program's.
    Mine,
    /// The file on disk is read again; the edits to it here are dropped.
    Theirs,
}

/// What an autosave holds: the edited files' texts, and a hash of each
/// file as it was on disk then (a recovery applies only to those bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovery {
    pub files: BTreeMap<String, String>,
    pub base: BTreeMap<String, u64>,
}

/// FNV-1a, 64 bits: stable across runs and builds (unlike std's hasher).
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, String> {
    match std::fs::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Writes `bytes` to `path` so that it is either the old file or the new,
/// never half of one: a temporary file beside it, flushed to the disk,
/// renamed over it, and the folder flushed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.chronoatlas-tmp"));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // A folder cannot be opened for flushing everywhere; the file is.
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    };
    let result = write();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

impl Workspace {
    /// Opens a dataset folder for editing.
    pub fn open(dir: &Path) -> Result<Workspace, Problem> {
        let set = FileSet::from_dir(dir)?;
        let mut ws = Workspace {
            root: dir.to_path_buf(),
            set,
            records: BTreeMap::new(),
            disk: BTreeMap::new(),
            history: History::default(),
        };
        let names: Vec<String> = ws.set.files().map(|(n, _)| n.to_string()).collect();
        for name in names
            .iter()
            .filter(|n| RECORD_FILES.contains(&n.as_str()) || is_tour(n))
        {
            let bytes = ws.set.get(name).map(<[u8]>::to_vec);
            ws.disk.insert(name.clone(), bytes.clone());
            if let Some(b) = bytes.filter(|_| RECORD_FILES.contains(&name.as_str())) {
                let text =
                    String::from_utf8(b).map_err(|_| Problem::error(ws.display(name), "not UTF-8 text"))?;
                ws.records.insert(
                    name.clone(),
                    parse(name, &text).map_err(|p| Problem {
                        file: ws.display(name),
                        ..p
                    })?,
                );
            }
        }
        Ok(ws)
    }

    fn display(&self, name: &str) -> String {
        self.root.join(name).display().to_string()
    }

    /// A file's text as it now stands.
    pub fn text(&self, name: &str) -> Option<String> {
        match self.records.get(name) {
            Some(r) => Some(r.text()),
            None => self
                .set
                .get(name)
                .map(|b| String::from_utf8_lossy(b).into_owned()),
        }
    }

    /// The records of an edited file.
    pub fn records(&self, name: &str) -> Option<&RecordFile> {
        self.records.get(name)
    }

    /// The files as they now stand, for loading (the map shows the edits).
    pub fn file_set(&self) -> FileSet {
        let mut set = self.set.clone();
        for (name, r) in &self.records {
            set.set(name, Some(r.text().into_bytes()));
        }
        set
    }

    /// The edit that makes record `id` of `file` read `text` (`None`:
    /// deletes it); a new record goes last.
    pub fn put(&self, file: &str, id: &str, text: Option<String>) -> Edit {
        let before = self
            .records
            .get(file)
            .and_then(|r| r.find(id))
            .map(|(index, t)| Slot {
                index,
                text: t.to_string(),
            });
        let index = before.as_ref().map_or_else(
            || self.records.get(file).map_or(0, |r| r.records().len()),
            |b| b.index,
        );
        Edit {
            file: file.to_string(),
            id: id.to_string(),
            before,
            after: text.map(|text| Slot { index, text }),
        }
    }

    /// The edit that makes a whole file (a tour) read `text` (`None`: gone).
    pub fn put_file(&self, file: &str, text: Option<String>) -> Edit {
        let slot = |t: String| Slot { index: 0, text: t };
        Edit {
            file: file.to_string(),
            id: String::new(),
            before: self.text(file).map(slot),
            after: text.map(slot),
        }
    }

    fn apply_edit(&mut self, e: &Edit) -> Result<(), String> {
        if e.id.is_empty() {
            if self.text(&e.file).map(|t| Slot { index: 0, text: t }) != e.before {
                return Err(format!("{} is not as the edit expects", e.file));
            }
            let after = e.after.as_ref().map(|s| s.text.clone());
            if RECORD_FILES.contains(&e.file.as_str()) {
                match after {
                    Some(t) => {
                        let parsed = parse(&e.file, &t).map_err(|p| p.to_string())?;
                        self.records.insert(e.file.clone(), parsed);
                    }
                    None => {
                        self.records.remove(&e.file);
                    }
                }
            } else {
                self.set.set(&e.file, after.map(String::into_bytes));
            }
            return Ok(());
        }
        let file = self
            .records
            .get_mut(&e.file)
            .ok_or_else(|| format!("{} is not open for editing", e.file))?;
        let now = file.find(&e.id).map(|(index, text)| Slot {
            index,
            text: text.to_string(),
        });
        if now != e.before {
            return Err(format!("{} '{}' is not as the edit expects", e.file, e.id));
        }
        if e.before.is_some() {
            file.remove(&e.id);
        }
        if let Some(a) = &e.after {
            file.insert(a.index, &e.id, &a.text);
        }
        Ok(())
    }

    /// Applies a step's edits, all or none.
    fn apply(&mut self, step: &Step) -> Result<(), String> {
        for (k, e) in step.edits.iter().enumerate() {
            if let Err(why) = self.apply_edit(e) {
                for done in step.edits[..k].iter().rev() {
                    let _ = self.apply_edit(&done.inverse());
                }
                return Err(why);
            }
        }
        Ok(())
    }

    /// Does a step (it can be undone).
    pub fn act(&mut self, step: Step) -> Result<(), String> {
        self.apply(&step)?;
        self.history.push(step);
        Ok(())
    }

    /// Undoes the last step; its label, or `None` with nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>, String> {
        let Some(step) = self.history.undo() else {
            return Ok(None);
        };
        self.apply(&step).inspect_err(|_| self.history.unpop(true))?;
        Ok(Some(step.label))
    }

    /// Does again the last step undone.
    pub fn redo(&mut self) -> Result<Option<String>, String> {
        let Some(step) = self.history.redo() else {
            return Ok(None);
        };
        self.apply(&step).inspect_err(|_| self.history.unpop(false))?;
        Ok(Some(step.label))
    }

    /// The edited files whose text differs from what is on disk.
    pub fn unsaved(&self) -> Vec<String> {
        let mut names: std::collections::BTreeSet<String> = self.disk.keys().cloned().collect();
        names.extend(self.records.keys().cloned());
        names.extend(
            self.set
                .files()
                .map(|(n, _)| n)
                .filter(|n| is_tour(n))
                .map(str::to_string),
        );
        names
            .into_iter()
            .filter(|n| self.text(n).map(String::into_bytes) != self.disk.get(n).cloned().flatten())
            .collect()
    }

    pub fn is_dirty(&self) -> bool {
        !self.unsaved().is_empty()
    }

    /// The edited files another program changed since they were read or
    /// saved.
    pub fn changed_on_disk(&self) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        for (name, was) in &self.disk {
            if &read_optional(&self.root.join(name))? != was {
                out.push(name.clone());
            }
        }
        Ok(out)
    }

    /// Writes every file with unsaved edits, unless one of them was
    /// changed on disk meanwhile (then nothing is written).
    pub fn save(&mut self) -> Result<Vec<String>, SaveError> {
        let unsaved = self.unsaved();
        let changed = self.changed_on_disk().map_err(SaveError::Io)?;
        let clash: Vec<String> = changed.into_iter().filter(|f| unsaved.contains(f)).collect();
        if !clash.is_empty() {
            return Err(SaveError::Changed(clash));
        }
        self.write(&unsaved)?;
        Ok(unsaved)
    }

    /// Saves where files were changed on disk too, keeping mine or theirs.
    pub fn save_keeping(&mut self, keep: Keep) -> Result<Vec<String>, SaveError> {
        let changed = self.changed_on_disk().map_err(SaveError::Io)?;
        if keep == Keep::Theirs {
            for name in &changed {
                let theirs = read_optional(&self.root.join(name)).map_err(SaveError::Io)?;
                let text = theirs.as_ref().map(|b| String::from_utf8_lossy(b).into_owned());
                if RECORD_FILES.contains(&name.as_str()) {
                    match &text {
                        Some(t) => {
                            let parsed = parse(name, t).map_err(|p| SaveError::Io(p.to_string()))?;
                            self.records.insert(name.clone(), parsed);
                        }
                        None => {
                            self.records.remove(name);
                        }
                    }
                } else {
                    self.set.set(name, theirs.clone());
                }
                self.disk.insert(name.clone(), theirs);
            }
            // Edits made to their version cannot be undone step by step.
            self.history = History::default();
        } else {
            for name in &changed {
                let now = read_optional(&self.root.join(name)).map_err(SaveError::Io)?;
                self.disk.insert(name.clone(), now);
            }
        }
        self.save()
    }

    fn write(&mut self, names: &[String]) -> Result<(), SaveError> {
        for name in names {
            let path = self.root.join(name);
            let text = self.text(name);
            match &text {
                Some(t) => {
                    if let Some(dir) = path.parent() {
                        std::fs::create_dir_all(dir)
                            .map_err(|e| SaveError::Io(format!("{}: {e}", dir.display())))?;
                    }
                    write_atomic(&path, t.as_bytes())
                        .map_err(|e| SaveError::Io(format!("{}: {e}", path.display())))?;
                }
                None => match std::fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(SaveError::Io(format!("{}: {e}", path.display()))),
                },
            }
            self.disk.insert(name.clone(), text.map(String::into_bytes));
        }
        let _ = std::fs::remove_file(self.root.join(AUTOSAVE));
        Ok(())
    }

    /// Writes the unsaved files' texts to the autosave side file (every
    /// minute while there are some); false when there is nothing to keep.
    pub fn autosave(&self) -> std::io::Result<bool> {
        let unsaved = self.unsaved();
        if unsaved.is_empty() {
            return Ok(false);
        }
        let mut r = Recovery {
            files: BTreeMap::new(),
            base: BTreeMap::new(),
        };
        for name in unsaved {
            let was = self.disk.get(&name).cloned().flatten().unwrap_or_default();
            r.base.insert(name.clone(), hash(&was));
            r.files.insert(name.clone(), self.text(&name).unwrap_or_default());
        }
        let json = serde_json::to_vec(&r).map_err(std::io::Error::other)?;
        write_atomic(&self.root.join(AUTOSAVE), &json)?;
        Ok(true)
    }

    /// Edits an earlier session left unsaved (it ended without saving), if
    /// the files are still as they were then.
    pub fn recovery(&self) -> Option<Recovery> {
        let bytes = std::fs::read(self.root.join(AUTOSAVE)).ok()?;
        let r: Recovery = serde_json::from_slice(&bytes).ok()?;
        let same = r.base.iter().all(|(name, h)| {
            let now = self.disk.get(name).cloned().flatten().unwrap_or_default();
            hash(&now) == *h
        });
        same.then_some(r)
    }

    /// Takes back the recovered edits as one step (it can be undone).
    pub fn restore(&mut self, r: &Recovery) -> Result<(), String> {
        let edits = r
            .files
            .iter()
            .map(|(name, text)| self.put_file(name, Some(text.clone())))
            .collect();
        self.act(Step {
            label: "recovered edits".into(),
            edits,
        })
    }

    /// Drops the autosave without taking it back.
    pub fn discard_recovery(&self) {
        let _ = std::fs::remove_file(self.root.join(AUTOSAVE));
    }
}

fn is_tour(name: &str) -> bool {
    name.starts_with(&format!("{TOURS_DIR}/")) && name.ends_with(".json")
}

fn parse(name: &str, text: &str) -> Result<RecordFile, Problem> {
    if name.ends_with(".tsv") {
        Ok(RecordFile::tsv(text))
    } else {
        RecordFile::json(name, text)
    }
}

#[cfg(test)]
mod tests;
