//! Plain historical data: no egui, no walkers, no files.
//!
//! Everything here is what a dataset *is*; reading it from files lives in
//! `crate::io`, and what is visible when lives in `crate::time`.
pub mod dataset;
pub mod date;
pub mod date_scan;
pub mod event;
pub mod fullwidth;
pub mod geo;
pub mod grid;
pub mod line;
pub mod place;
pub mod points;
pub mod reading;
pub mod size;
pub(crate) mod sort;
pub mod span;
pub mod tour;
pub mod unit;

pub use dataset::{Dataset, EventRef};
pub use date::{Day, HistDate};
pub use event::{DateBasis, Event, EventKind, Figure, Reading, ReadingOf, Route, Segment};
pub use line::{Line, LineKind, Section};
pub use place::{CoordSource, HistoricalName, Place, PlaceKind, Province};
pub use points::PointTable;
pub use size::SizeRange;
pub use tour::{Step, StepCamera, StepTime, Tour};
pub use unit::{StrengthEntry, Unit, UnitKind};

/// Where a record came from, so errors and editors can point at it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// Logical file name as shown to the user (e.g. `geodata/events.geojson`).
    pub file: String,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column, 0 when unknown: characters for JSON, the field
    /// number for TSV/CSV (as a spreadsheet counts columns).
    pub column: u32,
    /// Byte range of the whole record in the file, to point inside it.
    pub start: usize,
    pub end: usize,
}

/// The user's choice of language for everything shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
    Both,
}

/// A text in Chinese and English, picked by [`Lang`].
pub fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> std::borrow::Cow<'a, str> {
    match lang {
        Lang::Zh => zh.into(),
        Lang::En => en.into(),
        Lang::Both if zh == en || en.is_empty() => zh.into(),
        Lang::Both if zh.is_empty() => en.into(),
        Lang::Both => format!("{zh}\n{en}").into(),
    }
}

/// [`pick`] on one line: both languages side by side (for a button or a
/// menu, where two lines would double the bar's height).
pub fn pick_line<'a>(lang: Lang, zh: &'a str, en: &'a str) -> std::borrow::Cow<'a, str> {
    match pick(lang, zh, en) {
        std::borrow::Cow::Owned(two) => two.replace('\n', " ").into(),
        one => one,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_on_one_line_for_buttons() {
        assert_eq!(pick(Lang::Both, "图例", "Legend"), "图例\nLegend");
        assert_eq!(pick_line(Lang::Both, "图例", "Legend"), "图例 Legend");
        assert_eq!(pick_line(Lang::Zh, "图例", "Legend"), "图例");
        assert_eq!(pick_line(Lang::En, "图例", "Legend"), "Legend");
        assert_eq!(pick_line(Lang::Both, "OK", "OK"), "OK");
    }
}
