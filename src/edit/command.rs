//! What the editor asks of the data, as commands (the app applies them at
//! the end of the frame, like every other change).
use std::path::PathBuf;

use super::{Keep, Step};

#[derive(Debug, Clone, PartialEq)]
pub enum EditCommand {
    /// Start editing the dataset folder shown; with `copy_to`, first copy
    /// the data shown (the bundled dataset) into that new folder.
    Begin {
        copy_to: Option<PathBuf>,
    },
    /// Stop editing (only without unsaved edits; the window asks first).
    End,
    /// Open the form of this event (from its details).
    EditEvent(String),
    /// Open the form of this place (its names, kind, note...).
    EditPlace(String),
    /// Open a new event's form proposed by this phrase of a source text
    /// (its index, and the phrase's byte range).
    FromPhrase {
        source: usize,
        start: usize,
        end: usize,
    },
    /// Do a step (it can be undone).
    Act(Step),
    Undo,
    Redo,
    Save,
    /// Save where another program changed a file too.
    SaveKeeping(Keep),
    /// Take back the edits an earlier session left in the autosave.
    Restore,
    /// Drop them.
    DiscardRecovery,
}
