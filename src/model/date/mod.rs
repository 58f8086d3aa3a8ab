//! Uncertain historical dates: see docs/DATA_FORMAT.md.
//!
//! A source rarely gives an exact day: it says "early October 1937", "the
//! winter of 1937", "December 1937 to January 1938". [`HistDate`] keeps what
//! the text said (its precision and qualifiers) and turns it into day bounds
//! the time slider can use, without inventing precision the text lacks.
//!
//! # Calendar
//!
//! Days are counted from 1970-01-01 in the proleptic Gregorian calendar
//! ([`Day`]), negative before. Years are astronomical: year 0 is 1 BC and
//! EDTF `-0044` is year -44, which is 45 BC (`公元前45年`, `45 BC`).
//!
//! # What a phrase covers
//!
//! | Text                                          | Precision    | Range                                   |
//! |-----------------------------------------------|--------------|-----------------------------------------|
//! | `1937年9月18日`, `1937-09-18`                 | day          | that day                                |
//! | `1937年10月`, `1937-10`                       | month        | 1st .. last day of the month            |
//! | `1937年`, `1937`                              | year         | Jan 1 .. Dec 31                         |
//! | `上旬`, `月初` (`1937年10月初`)               | part of month| days 1 .. 10                            |
//! | `中旬`, `月中`                                | part of month| days 11 .. 20                           |
//! | `下旬`, `月底`, `月末`                        | part of month| day 21 .. last day                      |
//! | `年初`, `1938年初`, `1938年年初`              | part of year | Jan 1 .. Mar 31                         |
//! | `年底`, `年末`                                | part of year | Oct 1 .. Dec 31                         |
//! | `春` (`季`/`天` optional), EDTF `-21`         | season       | Feb 1 .. May 31                         |
//! | `夏`, EDTF `-22`                              | season       | May 1 .. Aug 31                         |
//! | `秋`, EDTF `-23`                              | season       | Aug 1 .. Nov 30                         |
//! | `冬` of year Y, EDTF `-24`                    | season       | Nov 1 of Y .. last day of Feb of Y+1    |
//!
//! Seasons are broad on purpose: they cover both the meteorological seasons
//! and the Chinese solar-term reckoning (立春 early February etc.), so no
//! precision is invented whichever the author meant.
//!
//! # Qualifiers
//!
//! | Qualifier                                  | Effect                                                  |
//! |--------------------------------------------|---------------------------------------------------------|
//! | approximate: `~`, `约`/`大约` before, `前后`/`左右` after | widen by one unit of the precision on each side |
//! | uncertain: `?` (also after a Chinese phrase) | same range, flag set (drawn faded)                    |
//! | `%`                                        | both                                                    |
//!
//! Widening when approximate:
//!
//! | Precision     | Widened by                                   |
//! |---------------|----------------------------------------------|
//! | day           | 7 days each side                             |
//! | part of month | 10 days each side                            |
//! | month         | the whole previous and next month            |
//! | season        | one whole month each side                    |
//! | part of year  | three whole months each side                 |
//! | year          | the whole previous and next year             |
//!
//! # Intervals
//!
//! | Text                                             | Meaning                                   |
//! |--------------------------------------------------|-------------------------------------------|
//! | `A/B`, `A至B`, `A到B`, `A-B`, `A–B`, `A—B`, `A～B` | from A to B                              |
//! | `1937年9月至10月`                                | right side may omit the year (and the month before `日`) when it is the same |
//! | `../B`, `B以前`, `B之前`                          | open start: "until B"                    |
//! | `A/..`, `A以后`, `A之后`, `A以来`, `A起`          | open end: "from A"                       |
//!
//! - The start bounds are A's range, the end bounds B's range:
//!   `earliest_start = A.earliest`, `latest_start = A.latest`,
//!   `earliest_end = B.earliest`, `latest_end = B.latest`.
//! - B ending before A begins (`B.latest < A.earliest`) is an error.
//!   Overlapping ranges are allowed and clamped so that
//!   `earliest_end >= earliest_start` and `latest_start <= latest_end`.
//! - An open start is `Day::MIN` for both start bounds, an open end `Day::MAX`
//!   for both end bounds: the span runs on indefinitely, it is not unknown.
//!   `../..` is rejected.
//! - In a Chinese range, `约` at the very beginning and `前后`/`左右` at the
//!   very end qualify both ends (Chinese puts one qualifier on the whole
//!   span); `A前后至B` qualifies only A and `A至约B` only B.
//!
//! # Syntax notes
//!
//! - EDTF: years have four digits (`1937`, `-0044`), months `01`-`12`,
//!   seasons `21`-`24`, one qualifier at the end. Unspecified digits (`X`)
//!   may end a year of the common era (`193X` the 1930s, `19XX` 1900-1999)
//!   or stand for a whole month or day (`1938-XX` the year 1938,
//!   `1938-10-XX` October 1938); other level 2 features are rejected.
//! - Chinese: Arabic digits (full-width ones too), spaces anywhere
//!   (`1938年2月19 日`), `日` or `号`, `公元前44年` for 44 BC. A month or day
//!   without a year (`9月下旬`) is rejected: the year must come from the
//!   text, not be guessed.

use std::fmt;
use std::str::FromStr;

// The calendar's day arithmetic (calendar.rs), the two ways in: EDTF
// (edtf.rs) and Chinese phrases (zh.rs), and the way back out: display in
// both languages and EDTF (display.rs). Types and bounds live here.
mod calendar;
mod display;
mod edtf;
#[cfg(test)]
mod tests;
mod zh;

pub use calendar::{Day, civil_from_days, days_from_civil, days_in_month, format_iso, is_leap};
use calendar::{month_first, month_last};
use display::{en_year, month_en};
use edtf::parse_edtf;
use zh::parse_zh;

/// Largest year magnitude the parser accepts: four digits, as EDTF level 0.
const MAX_YEAR: i64 = 9999;

/// Part of a month as the text names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartOfMonth {
    /// Days 1-10 (上旬, 月初).
    Early,
    /// Days 11-20 (中旬, 月中).
    Mid,
    /// Day 21 to the end (下旬, 月底, 月末).
    Late,
}

/// Which words named the part of a month; same range, kept for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartStyle {
    /// 上旬 / 中旬 / 下旬 (ten-day periods).
    TenDay,
    /// 月初 / 月中 / 月底.
    Edge,
}

/// Season, reckoned broadly (see the module table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// Start or end of a year (年初, 年底).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartOfYear {
    Start,
    End,
}

/// One date at the precision the text gives; years are astronomical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateValue {
    Day {
        y: i32,
        m: u32,
        d: u32,
    },
    Month {
        y: i32,
        m: u32,
    },
    MonthPart {
        y: i32,
        m: u32,
        part: PartOfMonth,
        style: PartStyle,
    },
    Season {
        y: i32,
        season: Season,
    },
    YearPart {
        y: i32,
        part: PartOfYear,
    },
    Year {
        y: i32,
    },
    /// Years with unspecified last digits (EDTF `193X`, `19XX`): from `y`
    /// for 10^`digits` years.
    Years {
        y: i32,
        digits: u8,
    },
}

/// How sure the text is: approximate widens the range, uncertain only flags it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Qualifiers {
    pub approximate: bool,
    pub uncertain: bool,
}

/// A single date with its qualifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SingleDate {
    pub value: DateValue,
    pub qualifiers: Qualifiers,
}

/// What the text said: one date, or a span whose ends may be open (`None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateForm {
    Single(SingleDate),
    Interval {
        start: Option<SingleDate>,
        end: Option<SingleDate>,
    },
}

/// A parsed historical date: the text, what it said, and its day bounds.
///
/// For a single date the start and end bounds are the same range: the event
/// happened on one unknown day between `earliest_start` and `latest_end`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HistDate {
    /// The text as given (trimmed), for citations.
    pub text: String,
    pub form: DateForm,
    pub earliest_start: Day,
    pub latest_start: Day,
    pub earliest_end: Day,
    pub latest_end: Day,
}

/// What kind of mistake a date has, for callers that react differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateErrorKind {
    Empty,
    /// Not a date form this module knows.
    Syntax,
    /// A month or day without the year it belongs to.
    NoYear,
    /// Year, month or day that does not exist.
    OutOfRange,
    EndBeforeStart,
}

/// Why a date could not be read: what was wrong and in which part.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateError {
    pub kind: DateErrorKind,
    /// The whole text given.
    pub input: String,
    /// The part of it at fault (may equal `input`).
    pub part: String,
    pub message: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read the date \"{}\": {}", self.input, self.message)?;
        if !self.part.is_empty() && self.part != self.input {
            write!(f, " (in \"{}\")", self.part)?;
        }
        Ok(())
    }
}

impl std::error::Error for DateError {}

/// Builds errors about one input so every message names the same text.
struct Errs<'a> {
    input: &'a str,
}

impl Errs<'_> {
    fn err(&self, kind: DateErrorKind, part: &str, message: impl Into<String>) -> DateError {
        DateError {
            kind,
            input: self.input.to_string(),
            part: part.to_string(),
            message: message.into(),
        }
    }
}

impl Season {
    /// First and last month, counted from January of the season's year
    /// (winter's February is month 14).
    fn months(self) -> (i64, i64) {
        match self {
            Season::Spring => (2, 5),
            Season::Summer => (5, 8),
            Season::Autumn => (8, 11),
            Season::Winter => (11, 14),
        }
    }
}

impl DateValue {
    /// The year the text names (for winter, the year it begins).
    pub fn year(&self) -> i32 {
        match *self {
            DateValue::Day { y, .. }
            | DateValue::Month { y, .. }
            | DateValue::MonthPart { y, .. }
            | DateValue::Season { y, .. }
            | DateValue::YearPart { y, .. }
            | DateValue::Year { y }
            | DateValue::Years { y, .. } => y,
        }
    }

    /// The month the text names, if it names one.
    pub fn month(&self) -> Option<u32> {
        match *self {
            DateValue::Day { m, .. } | DateValue::Month { m, .. } | DateValue::MonthPart { m, .. } => Some(m),
            _ => None,
        }
    }

    /// Checks that the date exists; the message says which component is wrong.
    fn check(&self) -> Result<(), String> {
        let y = self.year();
        if i64::from(y).abs() > MAX_YEAR {
            return Err(format!("year {y} is outside -9999..9999"));
        }
        if let Some(m) = self.month()
            && !(1..=12).contains(&m)
        {
            return Err(format!("there is no month {m}"));
        }
        if let DateValue::Day { y, m, d } = *self {
            let len = days_in_month(y, m);
            if d == 0 || d > len {
                return Err(format!(
                    "there is no day {d} in {} {}: it has {len} days",
                    month_en(m),
                    en_year(y)
                ));
            }
        }
        Ok(())
    }

    /// Range the text covers before qualifiers (see the module table);
    /// saturates rather than overflow for years no parser accepts.
    fn base_range(&self) -> (Day, Day) {
        match *self {
            DateValue::Day { y, m, d } => {
                let z = days_from_civil(y, m, d);
                (z, z)
            }
            DateValue::Month { y, m } => (month_first(y, m.into()), month_last(y, m.into())),
            DateValue::MonthPart { y, m, part, .. } => {
                let first = month_first(y, m.into());
                match part {
                    PartOfMonth::Early => (first, first.saturating_add(9)),
                    PartOfMonth::Mid => (first.saturating_add(10), first.saturating_add(19)),
                    PartOfMonth::Late => (first.saturating_add(20), month_last(y, m.into())),
                }
            }
            DateValue::Season { y, season } => {
                let (a, b) = season.months();
                (month_first(y, a), month_last(y, b))
            }
            DateValue::YearPart { y, part } => match part {
                PartOfYear::Start => (month_first(y, 1), month_last(y, 3)),
                PartOfYear::End => (month_first(y, 10), month_last(y, 12)),
            },
            DateValue::Year { y } => (month_first(y, 1), month_last(y, 12)),
            DateValue::Years { y, digits } => (month_first(y, 1), month_last(y, 12 * span(digits))),
        }
    }

    /// Range widened by one unit of the precision on each side.
    fn approximate_range(&self) -> (Day, Day) {
        let (a, b) = self.base_range();
        match *self {
            DateValue::Day { .. } => (a.saturating_sub(7), b.saturating_add(7)),
            DateValue::MonthPart { .. } => (a.saturating_sub(10), b.saturating_add(10)),
            DateValue::Month { y, m } => (month_first(y, i64::from(m) - 1), month_last(y, i64::from(m) + 1)),
            DateValue::Season { y, season } => {
                let (a, b) = season.months();
                (month_first(y, a - 1), month_last(y, b + 1))
            }
            DateValue::YearPart { y, part } => match part {
                PartOfYear::Start => (month_first(y, 1 - 3), month_last(y, 3 + 3)),
                PartOfYear::End => (month_first(y, 10 - 3), month_last(y, 12 + 3)),
            },
            DateValue::Year { y } => (month_first(y, 1 - 12), month_last(y, 12 + 12)),
            DateValue::Years { y, digits } => {
                let months = 12 * span(digits);
                (month_first(y, 1 - months), month_last(y, 2 * months))
            }
        }
    }
}

/// How many years `digits` unspecified last digits leave open (10, 100, 1000).
fn span(digits: u8) -> i64 {
    10i64.pow(u32::from(digits.clamp(1, 3)))
}

impl SingleDate {
    /// Earliest and latest day this date allows, qualifiers applied.
    pub fn range(&self) -> (Day, Day) {
        if self.qualifiers.approximate {
            self.value.approximate_range()
        } else {
            self.value.base_range()
        }
    }
}

impl HistDate {
    /// Computes the bounds of `form`; `text` is kept as the citation.
    ///
    /// Fails when a component does not exist or the end comes before the start.
    pub fn new(form: DateForm, text: impl Into<String>) -> Result<HistDate, DateError> {
        let text = text.into();
        let errs = Errs { input: &text };
        let check = |s: &Option<SingleDate>| match s {
            Some(s) => s
                .value
                .check()
                .map_err(|m| errs.err(DateErrorKind::OutOfRange, "", m)),
            None => Ok(()),
        };
        let (es, ls, ee, le) = match form {
            DateForm::Single(s) => {
                check(&Some(s))?;
                let (a, b) = s.range();
                (a, b, a, b)
            }
            DateForm::Interval { start, end } => {
                check(&start)?;
                check(&end)?;
                let (es, ls) = start.map_or((Day::MIN, Day::MIN), |s| s.range());
                let (ee, le) = end.map_or((Day::MAX, Day::MAX), |s| s.range());
                if start.is_none() && end.is_none() {
                    return Err(errs.err(
                        DateErrorKind::Syntax,
                        "",
                        "both ends are open (..): give at least one date",
                    ));
                }
                if le < es {
                    return Err(errs.err(
                        DateErrorKind::EndBeforeStart,
                        "",
                        format!(
                            "the end ({}) is before the start ({})",
                            format_iso(le),
                            format_iso(es)
                        ),
                    ));
                }
                (es, ls.min(le), ee.max(es), le)
            }
        };
        Ok(HistDate {
            text,
            form,
            earliest_start: es,
            latest_start: ls,
            earliest_end: ee,
            latest_end: le,
        })
    }

    /// One known day (for showing the clock's date in the text's style).
    pub fn day(day: Day) -> HistDate {
        let (y, m, d) = civil_from_days(day);
        HistDate {
            text: format_iso(day),
            form: DateForm::Single(SingleDate {
                value: DateValue::Day { y, m, d },
                qualifiers: Qualifiers::default(),
            }),
            earliest_start: day,
            latest_start: day,
            earliest_end: day,
            latest_end: day,
        }
    }

    /// First day the event may have begun (`Day::MIN` when open).
    pub fn earliest(&self) -> Day {
        self.earliest_start
    }

    /// Last day the event may have ended (`Day::MAX` when open).
    pub fn latest(&self) -> Day {
        self.latest_end
    }

    /// A span from A to B rather than one day at some precision.
    pub fn is_interval(&self) -> bool {
        matches!(self.form, DateForm::Interval { .. })
    }

    /// Open start (`../B`, "until B"): the bounds hold `Day::MIN`.
    pub fn open_start(&self) -> bool {
        matches!(self.form, DateForm::Interval { start: None, .. })
    }

    /// Open end (`A/..`, "from A"): the bounds hold `Day::MAX`.
    pub fn open_end(&self) -> bool {
        matches!(self.form, DateForm::Interval { end: None, .. })
    }

    /// Any part marked uncertain (`?`, `%`): the app draws it faded.
    pub fn is_uncertain(&self) -> bool {
        self.sides().iter().flatten().any(|s| s.qualifiers.uncertain)
    }

    /// Any part marked approximate (`~`, `%`, 约, 前后, 左右).
    pub fn is_approximate(&self) -> bool {
        self.sides().iter().flatten().any(|s| s.qualifiers.approximate)
    }

    /// Earliest and latest day as ISO text, `..` for an open end.
    pub fn range_text_iso(&self) -> (String, String) {
        let a = if self.open_start() {
            "..".to_string()
        } else {
            format_iso(self.earliest())
        };
        let b = if self.open_end() {
            "..".to_string()
        } else {
            format_iso(self.latest())
        };
        (a, b)
    }

    fn sides(&self) -> [Option<SingleDate>; 2] {
        match self.form {
            DateForm::Single(s) => [Some(s), None],
            DateForm::Interval { start, end } => [start, end],
        }
    }
}

impl FromStr for HistDate {
    type Err = DateError;

    /// Reads EDTF (`1937-10~`, `1937-12/1938-01`) or a Chinese phrase
    /// (`1937年10月初`, `1937年12月至1938年1月`); see the module docs.
    fn from_str(s: &str) -> Result<HistDate, DateError> {
        let text = s.trim();
        let errs = Errs { input: text };
        if text.is_empty() {
            return Err(errs.err(DateErrorKind::Empty, "", "the date is empty"));
        }
        let norm = normalise(text);
        let form = if norm.is_ascii() {
            parse_edtf(&norm, &errs)?
        } else {
            parse_zh(&norm, &errs)?
        };
        HistDate::new(form, text)
    }
}

/// Maps full-width digits and punctuation to ASCII so both scripts parse alike.
fn normalise(s: &str) -> String {
    s.chars().map(super::fullwidth::ascii).collect()
}
