//! An event's date in the forms other tools read: the text as the source
//! gives it, EDTF, ISO date-times (kepler.gl, QGIS, Google Earth) and
//! decimal years (QGIS's temporal controller for any year, BCE included).
use crate::model::HistDate;
use crate::model::date::{Day, civil_from_days, days_from_civil, is_leap};

/// One date in every exported form; empty or `None` where a form cannot
/// say it (an open end, a year outside 1–9999 for ISO date-times).
#[derive(Debug, Clone, PartialEq)]
pub struct Times {
    /// The date as the data gives it (`1937年冬`, `1938-09-21/1938-09-30`):
    /// chronoatlas reads it back exactly.
    pub text: String,
    pub edtf: String,
    /// The first moment the event may have begun: `1937-12-01T00:00:00Z`.
    pub start: String,
    /// The last moment it may have ended: `1938-02-28T23:59:59Z`.
    pub end: String,
    pub start_year: Option<f64>,
    pub end_year: Option<f64>,
    pub zh: String,
    pub en: String,
}

impl Times {
    pub fn of(d: &HistDate) -> Times {
        let bound = |day: Day, open: bool, end: bool| {
            (!open).then(|| (iso_date_time(day, end), decimal_year(day, end)))
        };
        let (start, start_year) = bound(d.earliest(), d.open_start(), false).unzip();
        let (end, end_year) = bound(d.latest(), d.open_end(), true).unzip();
        Times {
            text: d.text.clone(),
            edtf: d.edtf(),
            start: start.flatten().unwrap_or_default(),
            end: end.flatten().unwrap_or_default(),
            start_year,
            end_year,
            zh: d.display_zh(),
            en: d.display_en(),
        }
    }
}

/// `1937-07-07T00:00:00Z` (or `T23:59:59Z` for the end of the day), for
/// years 1 to 9999 only: one year outside them would turn a QGIS or
/// spreadsheet date column into text, so such a date is left to EDTF and
/// the decimal year.
pub fn iso_date_time(day: Day, end_of_day: bool) -> Option<String> {
    let (y, m, d) = civil_from_days(day);
    if !(1..=9999).contains(&y) {
        return None;
    }
    let time = if end_of_day { "23:59:59" } else { "00:00:00" };
    Some(format!("{y:04}-{m:02}-{d:02}T{time}Z"))
}

/// The day as a decimal year (astronomical numbering: 0 is 1 BCE): its
/// start, or with `end_of_day` its end, so that a year's span is
/// `[1937.0, 1938.0)` and a day is never a point.
pub fn decimal_year(day: Day, end_of_day: bool) -> f64 {
    let (y, _, _) = civil_from_days(day);
    let into = day - days_from_civil(y, 1, 1) + i32::from(end_of_day);
    let len = if is_leap(y) { 366.0 } else { 365.0 };
    f64::from(y) + f64::from(into) / len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Times {
        Times::of(&s.parse::<HistDate>().unwrap())
    }

    #[test]
    fn a_season_spans_its_months_to_the_second() {
        let w = t("1937年冬");
        assert_eq!(
            (w.start.as_str(), w.end.as_str()),
            ("1937-11-01T00:00:00Z", "1938-02-28T23:59:59Z")
        );
        assert_eq!(w.text, "1937年冬");
        assert!((w.start_year.unwrap() - (1937.0 + 304.0 / 365.0)).abs() < 1e-9);
        assert!((w.end_year.unwrap() - (1938.0 + 59.0 / 365.0)).abs() < 1e-9);
    }

    #[test]
    fn a_year_is_a_whole_decimal_year() {
        let y = t("1938");
        assert_eq!((y.start_year, y.end_year), (Some(1938.0), Some(1939.0)));
        assert_eq!(y.edtf, "1938");
    }

    #[test]
    fn dates_before_1_ce_have_no_iso_date_time_but_a_decimal_year() {
        let c = t("-0043-03-15");
        assert_eq!((c.start.as_str(), c.end.as_str()), ("", ""));
        assert_eq!(c.edtf, "-0043-03-15");
        let y = c.start_year.unwrap();
        // Astronomical year -43 (44 BCE), 73 days in.
        assert!((y - (-43.0 + 73.0 / 365.0)).abs() < 1e-9, "{y}");
    }

    #[test]
    fn an_open_end_is_left_empty() {
        let o = t("1938-05/..");
        assert_eq!(o.start, "1938-05-01T00:00:00Z");
        assert_eq!((o.end.as_str(), o.end_year), ("", None));
    }
}
