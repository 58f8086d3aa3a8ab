//! Edits as data that know their inverse, and the undo and redo stacks.
//! An edit changes one record of a file (or a whole file, a tour): what
//! was there before and what is there after, each with its place, so that
//! its inverse is the same edit the other way round.
use serde::{Deserialize, Serialize};

/// A record's place in its file and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    pub index: usize,
    pub text: String,
}

/// One record of one file changed: created (`before` none), deleted
/// (`after` none) or rewritten. A whole file (a tour) has the id "".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub file: String,
    pub id: String,
    pub before: Option<Slot>,
    pub after: Option<Slot>,
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        Edit {
            file: self.file.clone(),
            id: self.id.clone(),
            before: self.after.clone(),
            after: self.before.clone(),
        }
    }
}

/// What the user did in one go (a place moved is one step), named for the
/// Undo button's tooltip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub label: String,
    pub edits: Vec<Edit>,
}

impl Step {
    /// The step that undoes this one: each edit's inverse, last first.
    pub fn inverse(&self) -> Step {
        Step {
            label: self.label.clone(),
            edits: self.edits.iter().rev().map(Edit::inverse).collect(),
        }
    }
}

/// The steps done (to undo) and undone (to redo), unlimited in a session.
#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl History {
    /// A new step: what was undone can no longer be redone.
    pub fn push(&mut self, step: Step) {
        self.done.push(step);
        self.undone.clear();
    }

    /// The step to undo (moved to the redo stack).
    pub fn undo(&mut self) -> Option<Step> {
        let s = self.done.pop()?;
        self.undone.push(s.clone());
        Some(s.inverse())
    }

    /// The step to redo (moved back to the undo stack).
    pub fn redo(&mut self) -> Option<Step> {
        let s = self.undone.pop()?;
        self.done.push(s.clone());
        Some(s)
    }

    /// Puts back a step that could not be applied (undo or redo).
    pub fn unpop(&mut self, undoing: bool) {
        if undoing {
            if let Some(s) = self.undone.pop() {
                self.done.push(s);
            }
        } else if let Some(s) = self.done.pop() {
            self.undone.push(s);
        }
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|s| s.label.as_str())
    }

    /// The steps done, oldest first (what an autosave keeps).
    pub fn done(&self) -> &[Step] {
        &self.done
    }
}
