//! The one path from the UI (and tours, and kiosk timers) to state changes:
//! panels push [`Command`]s while they draw; the app applies them together
//! at the end of the frame, in order, in one place (`ChronoApp::apply`):
//! the explorer's own through `Explorer::apply` (`state/apply.rs`), tours and presentation
//! ([`TourCommand`]) and reading the data again (layers) by the app.
use crate::model::{EventKind, Lang};
use std::collections::BTreeSet;

use super::{CameraRequest, ModeSetting, PointStyle, Settings};

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    TogglePlay,
    Play,
    Pause,
    /// Jump to the next / previous event start.
    StepNext,
    StepPrev,
    /// Move the clock to a (fractional) day.
    Seek(f64),
    /// Moves to the day even outside the data's span, widening the time
    /// range to hold it (an export of the date asked for, not the nearest
    /// end of the data).
    ShowDate(f64),
    SetSpeed(f64),
    SetLooping(bool),
    SetMode(ModeSetting),
    /// Dots or hexagons for a point file's events.
    SetPointStyle(PointStyle),
    /// Remove a layer (the app reads the data again without it).
    RemoveLayer(usize),
    /// Tours and presentation (the app holds the tour player).
    Tour(TourCommand),
    /// Editing the data (the app holds the edited folder; each edit has
    /// its inverse in the edit history, `crate::edit`).
    Edit(crate::edit::EditCommand),
    /// The reading panel in its own column (true) or under the details.
    SetReadingColumn(bool),
    SetLang(Lang),
    /// Select an event (None: clear), optionally flying to it.
    Select {
        event: Option<usize>,
        fly: bool,
    },
    Hover(Option<usize>),
    /// Open the group of markers standing at this place (its anchor, an
    /// index into the places) into a ring of its markers; None: close it.
    SpreadGroup(Option<usize>),
    /// Show or hide one kind of event.
    SetKindVisible(EventKind, bool),
    ShowAllKinds,
    /// Exactly these kinds hidden (what undoes the two above).
    SetHiddenKinds(BTreeSet<EventKind>),
    SetProvinceFilter(Option<String>),
    SetUnitFilter(Option<String>),
    FlyTo {
        to: crate::model::geo::LonLat,
        zoom: Option<f64>,
    },
    ZoomIn,
    ZoomOut,
    /// Back to the view fitted to all events.
    ResetView,
    ToggleFullscreen,
    SetFullscreen(bool),
    /// A camera move for the window (a tour step's glide, the first fit).
    Camera(CameraRequest),
    /// The events a tour step points at (the others are dimmed); None: no
    /// tour.
    Highlight(Option<BTreeSet<usize>>),
    /// A new session on these settings (the kiosk's next visitor): no
    /// filters, nothing selected or hovered, the clock's speed and looping
    /// from the settings.
    ResetSession(Box<Settings>),
    ToggleLegend,
    ToggleDetails,
    SetDetailsShown(bool),
    ToggleStrength,
}

/// Changes of tour and presentation mode.
#[derive(Debug, Clone, PartialEq)]
pub enum TourCommand {
    /// Open a tour (index) in the explorer, stepping by hand.
    Open(usize),
    Close,
    Next,
    Prev,
    First,
    /// Enter (true) or leave (false) presentation mode.
    Present(bool),
    ToggleBlack,
}
