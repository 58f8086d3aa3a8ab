//! Tours: ordered story steps for presentations and the kiosk's attract
//! loop. Each step sets the time (a date, or a range to play through), the
//! camera, what to highlight, and may advance by itself.

/// The tour shown when none is named (presentation, kiosk).
pub const DEFAULT_TOUR: &str = "story";
use super::date::HistDate;
use super::{Lang, Origin, pick};

/// What time a step shows.
#[derive(Debug, Clone, PartialEq)]
pub enum StepTime {
    /// Stand still at this date (its latest start: whatever the date means
    /// has certainly begun).
    At(HistDate),
    /// Play from one date to another at a speed, in days per second.
    Play {
        from: HistDate,
        to: HistDate,
        speed_days_per_sec: f64,
    },
}

/// Where a step looks.
#[derive(Debug, Clone, PartialEq)]
pub enum StepCamera {
    /// Centre and zoom.
    View { lon: f64, lat: f64, zoom: f64 },
    /// Fit these places (ids).
    Fit(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub title_zh: String,
    pub title_en: String,
    pub caption_zh: String,
    pub caption_en: String,
    pub time: StepTime,
    pub camera: StepCamera,
    /// Event ids to highlight (the others are dimmed).
    pub events: Vec<String>,
    /// Unit ids to highlight: their events are highlighted too.
    pub units: Vec<String>,
    /// Advance to the next step after this long (seconds); None: wait.
    pub duration_secs: Option<f64>,
    /// 1-based position in its file (for messages, even if a step before
    /// it was left out).
    pub number: usize,
    pub origin: Origin,
}

impl Step {
    pub fn title(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        pick(lang, &self.title_zh, &self.title_en)
    }

    pub fn caption(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        pick(lang, &self.caption_zh, &self.caption_en)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tour {
    pub id: String,
    pub title_zh: String,
    pub title_en: String,
    pub steps: Vec<Step>,
    pub origin: Origin,
}
