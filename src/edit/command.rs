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
    /// Open what the text's suggestion at this byte of a source offers
    /// (a place, date or size found in it).
    OpenSuggestion {
        source: usize,
        start: usize,
    },
    CloseSuggestion,
    /// Take this candidate of the open suggestion's ambiguous name.
    PickCandidate(usize),
    /// A new event's form from the open suggestion: its clause as the
    /// quote and its place, date or size filled in. A place only the
    /// gazetteer has is added to the data first (a step of its own).
    NewEventFromSuggestion,
    /// The open suggestion's place (from the gazetteer) in a new place's form.
    NewPlaceFromSuggestion,
    /// Add this GeoNames place of the gazetteer to the data (one step) and
    /// to the places of the event's form being filled in.
    AddGazetteerPlace(u32),
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
