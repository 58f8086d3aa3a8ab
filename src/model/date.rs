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
//!   and other level 2 features are rejected.
//! - Chinese: Arabic digits (full-width ones too), spaces anywhere
//!   (`1938年2月19 日`), `日` or `号`, `公元前44年` for 44 BC. A month or day
//!   without a year (`9月下旬`) is rejected: the year must come from the
//!   text, not be guessed.

use std::fmt;
use std::str::FromStr;

/// Days since 1970-01-01, proleptic Gregorian; negative before.
pub type Day = i32;

/// Largest year magnitude the parser accepts: four digits, as EDTF level 0.
const MAX_YEAR: i64 = 9999;

/// Gregorian leap year, extended backwards (year 0 is leap).
pub fn is_leap(y: i32) -> bool {
    y.rem_euclid(4) == 0 && (y.rem_euclid(100) != 0 || y.rem_euclid(400) == 0)
}

/// Length of month `m` (1-12) of year `y`; 0 for a month that does not exist.
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Day number of a civil date, total so that callers never panic.
///
/// Out-of-range months and days carry over (month 13 is January of the next
/// year, day 0 the last day of the previous month); results beyond the
/// [`Day`] range saturate. Validate input before calling if that matters.
pub fn days_from_civil(y: i32, m: u32, d: u32) -> Day {
    saturate(days_from_ymd(i64::from(y), i64::from(m), i64::from(d)))
}

/// Civil date `(year, month, day)` of a day number; exact inverse of
/// [`days_from_civil`] for valid dates.
pub fn civil_from_days(z: Day) -> (i32, u32, u32) {
    // Howard Hinnant's algorithm, in i64 so that Day::MIN/MAX cannot overflow.
    let z = i64::from(z) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    // |y| < 6 million for any i32 day, m in 1..=12, d in 1..=31.
    (y as i32, m as u32, d as u32)
}

/// ISO 8601 / EDTF text of a day: `1937-09-18`, `-0044-03-15`.
pub fn format_iso(day: Day) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{}-{m:02}-{d:02}", edtf_year(y))
}

/// Day number with month and day normalised (month 0 = December before).
fn days_from_ymd(y: i64, m: i64, d: i64) -> i64 {
    let y = y + (m - 1).div_euclid(12);
    let m = (m - 1).rem_euclid(12) + 1;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 + (d - 1)
}

fn saturate(v: i64) -> Day {
    v.clamp(i64::from(Day::MIN), i64::from(Day::MAX)) as Day
}

/// First day of month `m` of year `y`; `m` may run past 1..=12.
fn month_first(y: i32, m: i64) -> Day {
    saturate(days_from_ymd(i64::from(y), m, 1))
}

/// Last day of month `m` of year `y`; `m` may run past 1..=12.
fn month_last(y: i32, m: i64) -> Day {
    saturate(days_from_ymd(i64::from(y), m + 1, 0))
}

/// Year as EDTF writes it: four digits at least, `-` before year 0.
fn edtf_year(y: i32) -> String {
    if y < 0 {
        format!("-{:04}", -i64::from(y))
    } else {
        format!("{y:04}")
    }
}

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
            | DateValue::Year { y } => y,
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
        }
    }
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

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// English month name; `?` for a month that does not exist.
fn month_en(m: u32) -> &'static str {
    (m as usize)
        .checked_sub(1)
        .and_then(|i| MONTHS_EN.get(i))
        .copied()
        .unwrap_or("?")
}

/// Year for English display: `1937`, `45 BC` for astronomical -44.
fn en_year(y: i32) -> String {
    if y >= 1 {
        y.to_string()
    } else {
        format!("{} BC", 1 - i64::from(y))
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
    s.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{FF0D}' | '\u{2212}' => '-',
            '\u{FF1F}' => '?',
            '\u{FF5E}' => '~',
            '\u{FF0F}' => '/',
            '\u{FF05}' => '%',
            '\u{FF0E}' => '.',
            _ => c,
        })
        .collect()
}

fn qualifier_suffix(q: Qualifiers) -> &'static str {
    match (q.approximate, q.uncertain) {
        (true, true) => "%",
        (true, false) => "~",
        (false, true) => "?",
        (false, false) => "",
    }
}

// ---------------------------------------------------------------- EDTF ---

fn parse_edtf(s: &str, errs: &Errs) -> Result<DateForm, DateError> {
    if s.chars().any(char::is_whitespace) {
        return Err(errs.err(
            DateErrorKind::Syntax,
            s,
            "EDTF dates contain no spaces (write 1937-10-01)",
        ));
    }
    let parts: Vec<&str> = s.split('/').collect();
    match parts.as_slice() {
        [one] => {
            if *one == ".." {
                return Err(errs.err(
                    DateErrorKind::Syntax,
                    one,
                    "'..' is only an end of an interval such as ../1938",
                ));
            }
            Ok(DateForm::Single(parse_edtf_date(one, errs)?))
        }
        [a, b] => {
            let side = |p: &str| -> Result<Option<SingleDate>, DateError> {
                match p {
                    ".." => Ok(None),
                    "" => Err(errs.err(
                        DateErrorKind::Syntax,
                        s,
                        "an interval side is empty: write '..' for an open end",
                    )),
                    _ => parse_edtf_date(p, errs).map(Some),
                }
            };
            Ok(DateForm::Interval {
                start: side(a)?,
                end: side(b)?,
            })
        }
        _ => Err(errs.err(
            DateErrorKind::Syntax,
            s,
            "more than one '/': an interval has two sides",
        )),
    }
}

fn parse_edtf_date(s: &str, errs: &Errs) -> Result<SingleDate, DateError> {
    let syntax = |msg: &str| errs.err(DateErrorKind::Syntax, s, msg);
    let mut qualifiers = Qualifiers::default();
    let mut body = s;
    if let Some(last) = body.chars().last()
        && matches!(last, '~' | '?' | '%')
    {
        body = &body[..body.len() - 1];
        qualifiers.approximate = last != '?';
        qualifiers.uncertain = last != '~';
    }
    if body.ends_with(['~', '?', '%']) {
        return Err(syntax(
            "only one qualifier at the end: ~ approximate, ? uncertain, % both",
        ));
    }
    if body.contains(['~', '?', '%']) {
        return Err(syntax(
            "qualifiers go at the end of the date (1937-10~), not inside it",
        ));
    }
    if body.contains(['X', 'x']) {
        return Err(syntax("unspecified digits (X) are not supported"));
    }
    let (negative, unsigned) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let fields: Vec<&str> = unsigned.split('-').collect();
    let digits = |f: &str, n: usize| f.len() == n && f.bytes().all(|b| b.is_ascii_digit());
    let year_text = fields.first().copied().unwrap_or("");
    if !digits(year_text, 4) {
        return Err(syntax(
            "expected a four-digit year such as 1937 or -0044, then -MM and -DD",
        ));
    }
    let year = year_text.parse::<i32>().map_err(|_| syntax("bad year"))?;
    let y = if negative { -year } else { year };
    let value = match fields.as_slice() {
        [_] => DateValue::Year { y },
        [_, mm] | [_, mm, _] => {
            if !digits(mm, 2) {
                return Err(syntax(
                    "the month must have two digits (01-12, or 21-24 for seasons)",
                ));
            }
            let m = mm.parse::<u32>().map_err(|_| syntax("bad month"))?;
            let season = match m {
                1..=12 => None,
                21 => Some(Season::Spring),
                22 => Some(Season::Summer),
                23 => Some(Season::Autumn),
                24 => Some(Season::Winter),
                _ => {
                    return Err(errs.err(
                        DateErrorKind::OutOfRange,
                        s,
                        format!("there is no month {mm}: months are 01-12, seasons 21-24"),
                    ));
                }
            };
            match (fields.get(2), season) {
                (None, None) => DateValue::Month { y, m },
                (None, Some(season)) => DateValue::Season { y, season },
                (Some(_), Some(_)) => {
                    return Err(syntax("a season (21-24) cannot be followed by a day"));
                }
                (Some(dd), None) => {
                    if !digits(dd, 2) {
                        return Err(syntax("the day must have two digits (01-31)"));
                    }
                    let d = dd.parse::<u32>().map_err(|_| syntax("bad day"))?;
                    DateValue::Day { y, m, d }
                }
            }
        }
        _ => {
            return Err(syntax("too many parts: a date is YYYY, YYYY-MM or YYYY-MM-DD"));
        }
    };
    value
        .check()
        .map_err(|m| errs.err(DateErrorKind::OutOfRange, s, m))?;
    Ok(SingleDate { value, qualifiers })
}

// ------------------------------------------------------------- Chinese ---

const RANGE_MARKS: [char; 6] = ['至', '到', '-', '–', '—', '~'];
const OPEN_END_WORDS: [&str; 4] = ["以后", "之后", "以来", "起"];
const OPEN_START_WORDS: [&str; 2] = ["以前", "之前"];
const APPROX_PREFIXES: [&str; 2] = ["大约", "约"];
const APPROX_SUFFIXES: [&str; 2] = ["前后", "左右"];

/// "1941年后" (after 1941): 后 right after a date unit opens the end. Only
/// there: 前后 ("around") and other uses of 后 are left alone.
fn after_a_date(s: &str) -> Option<&str> {
    let body = s.strip_suffix('后')?;
    let last = body.chars().last()?;
    ("年月日号旬初底末春夏秋冬季天".contains(last) && !body.ends_with("前")).then_some(body)
}

fn parse_zh(s: &str, errs: &Errs) -> Result<DateForm, DateError> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    // "到1940年为止" / "1940年为止": up to 1940, an open start.
    let (s, until) = match s.strip_suffix("为止") {
        Some(body) => {
            let body = body
                .strip_prefix('到')
                .or_else(|| body.strip_prefix('至'))
                .unwrap_or(body);
            (body.to_string(), true)
        }
        None => (s, false),
    };
    let s = s.as_str();
    let open_end = OPEN_END_WORDS
        .iter()
        .find_map(|w| s.strip_suffix(w))
        .or_else(|| after_a_date(s));
    let open_start = if until {
        Some(s)
    } else {
        OPEN_START_WORDS.iter().find_map(|w| s.strip_suffix(w))
    };
    let marks: Vec<(usize, char)> = s
        .char_indices()
        .filter(|(_, c)| RANGE_MARKS.contains(c))
        .collect();
    if let Some(body) = open_end.or(open_start) {
        if !marks.is_empty() {
            return Err(errs.err(
                DateErrorKind::Syntax,
                s,
                "a range (至) cannot also be open (以后/以前)",
            ));
        }
        let date = parse_zh_date(body, None, errs)?;
        return Ok(if open_end.is_some() {
            DateForm::Interval {
                start: Some(date),
                end: None,
            }
        } else {
            DateForm::Interval {
                start: None,
                end: Some(date),
            }
        });
    }
    match marks.as_slice() {
        [] => Ok(DateForm::Single(parse_zh_date(s, None, errs)?)),
        [(i, c)] => {
            let left = &s[..*i];
            let right = &s[i + c.len_utf8()..];
            if left.is_empty() {
                return Err(errs.err(DateErrorKind::Syntax, s, format!("nothing before {c}")));
            }
            if right.is_empty() {
                let hint = if s.ends_with("冬至") || s.ends_with("夏至") {
                    " (冬至/夏至 as a day is not supported)"
                } else {
                    ""
                };
                return Err(errs.err(DateErrorKind::Syntax, s, format!("nothing after {c}{hint}")));
            }
            let mut start = parse_zh_date(left, None, errs)?;
            let mut end = parse_zh_date(right, Some(start.value), errs)?;
            // One qualifier around the whole span covers both ends.
            if APPROX_PREFIXES.iter().any(|p| left.starts_with(p)) {
                end.qualifiers.approximate = true;
            }
            if APPROX_SUFFIXES.iter().any(|p| right.ends_with(p)) {
                start.qualifiers.approximate = true;
            }
            Ok(DateForm::Interval {
                start: Some(start),
                end: Some(end),
            })
        }
        _ => Err(errs.err(
            DateErrorKind::Syntax,
            s,
            "more than one range mark (至, 到, -): a range has two sides",
        )),
    }
}

/// Cursor over one Chinese phrase.
struct Zh<'a> {
    rest: &'a str,
}

impl Zh<'_> {
    fn eat(&mut self, word: &str) -> bool {
        match self.rest.strip_prefix(word) {
            Some(r) => {
                self.rest = r;
                true
            }
            None => false,
        }
    }

    fn eat_any(&mut self, words: &[&str]) -> bool {
        words.iter().any(|w| self.eat(w))
    }

    /// ASCII digits; saturates so a long run becomes an out-of-range number.
    fn number(&mut self) -> Option<u64> {
        let len = self.rest.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            return None;
        }
        let (digits, rest) = self.rest.split_at(len);
        self.rest = rest;
        Some(digits.bytes().fold(0u64, |n, b| {
            n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
        }))
    }
}

/// One Chinese date phrase; `context` is the left side of a range, whose
/// year (and month) the right side may leave out.
fn parse_zh_date(phrase: &str, context: Option<DateValue>, errs: &Errs) -> Result<SingleDate, DateError> {
    let syntax = |msg: String| errs.err(DateErrorKind::Syntax, phrase, msg);
    let range = |msg: String| errs.err(DateErrorKind::OutOfRange, phrase, msg);
    let mut z = Zh { rest: phrase };
    let mut qualifiers = Qualifiers {
        approximate: z.eat_any(&APPROX_PREFIXES),
        uncertain: false,
    };
    let bc = z.eat("公元前");
    if !bc {
        z.eat("公元");
    }
    let Some(first) = z.number() else {
        let hint = if z
            .rest
            .starts_with(|c: char| "〇○零一二三四五六七八九十".contains(c))
        {
            "write the numbers with Arabic digits (1937年)"
        } else {
            "expected a year such as 1937年"
        };
        return Err(syntax(hint.to_string()));
    };
    let month_of = |n: u64| -> Result<u32, DateError> {
        u32::try_from(n)
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| range(format!("there is no month {n}")))
    };
    let value = if z.eat("年") {
        if first == 0 || i64::try_from(first).map_or(true, |n| n > MAX_YEAR) {
            return Err(range(format!("year {first} is outside 1..9999")));
        }
        let n = first as i32; // <= 9999
        let y = if bc { 1 - n } else { n };
        if z.eat_any(&["年初", "初"]) {
            DateValue::YearPart {
                y,
                part: PartOfYear::Start,
            }
        } else if z.eat_any(&["年底", "年末", "底", "末"]) {
            DateValue::YearPart {
                y,
                part: PartOfYear::End,
            }
        } else if let Some(season) = zh_season(&mut z) {
            DateValue::Season { y, season }
        } else if let Some(m) = z.number() {
            if !z.eat("月") {
                return Err(syntax(format!("expected 月 after {y}年{m}")));
            }
            let m = month_of(m)?;
            zh_month_rest(&mut z, y, m, phrase, errs)?
        } else {
            DateValue::Year { y }
        }
    } else if bc {
        return Err(syntax("公元前 must be followed by a year (公元前44年)".into()));
    } else if z.eat("月") {
        let Some(y) = context.map(|c| c.year()) else {
            return Err(errs.err(
                DateErrorKind::NoYear,
                phrase,
                format!("no year: write it with one, as 1937年{phrase}"),
            ));
        };
        let m = month_of(first)?;
        zh_month_rest(&mut z, y, m, phrase, errs)?
    } else if z.eat_any(&["日", "号"]) {
        let Some((y, m)) = context.and_then(|c| c.month().map(|m| (c.year(), m))) else {
            return Err(errs.err(
                DateErrorKind::NoYear,
                phrase,
                format!("no year and month: write them, as 1937年9月{phrase}"),
            ));
        };
        let d = u32::try_from(first).unwrap_or(u32::MAX);
        DateValue::Day { y, m, d }
    } else {
        return Err(syntax(format!("expected 年, 月 or 日 after {first}")));
    };
    if z.eat_any(&APPROX_SUFFIXES) {
        qualifiers.approximate = true;
    }
    if z.eat("?") {
        qualifiers.uncertain = true;
    }
    if !z.rest.is_empty() {
        let done = &phrase[..phrase.len() - z.rest.len()];
        return Err(syntax(format!("cannot read \"{}\" after \"{done}\"", z.rest)));
    }
    value.check().map_err(range)?;
    Ok(SingleDate { value, qualifiers })
}

fn zh_season(z: &mut Zh) -> Option<Season> {
    let season = [
        ("春", Season::Spring),
        ("夏", Season::Summer),
        ("秋", Season::Autumn),
        ("冬", Season::Winter),
    ]
    .into_iter()
    .find_map(|(w, s)| z.eat(w).then_some(s))?;
    z.eat_any(&["季", "天"]);
    Some(season)
}

/// What follows `M月`: a day, a part of the month, or nothing.
fn zh_month_rest(z: &mut Zh, y: i32, m: u32, phrase: &str, errs: &Errs) -> Result<DateValue, DateError> {
    let part = |part, style| DateValue::MonthPart { y, m, part, style };
    Ok(if let Some(d) = z.number() {
        if !z.eat_any(&["日", "号"]) {
            return Err(errs.err(
                DateErrorKind::Syntax,
                phrase,
                format!("expected 日 after {m}月{d}"),
            ));
        }
        DateValue::Day {
            y,
            m,
            d: u32::try_from(d).unwrap_or(u32::MAX),
        }
    } else if z.eat("上旬") {
        part(PartOfMonth::Early, PartStyle::TenDay)
    } else if z.eat("中旬") {
        part(PartOfMonth::Mid, PartStyle::TenDay)
    } else if z.eat("下旬") {
        part(PartOfMonth::Late, PartStyle::TenDay)
    } else if z.eat_any(&["月初", "初"]) {
        part(PartOfMonth::Early, PartStyle::Edge)
    } else if z.eat_any(&["月中", "中"]) {
        part(PartOfMonth::Mid, PartStyle::Edge)
    } else if z.eat_any(&["月底", "月末", "底", "末"]) {
        part(PartOfMonth::Late, PartStyle::Edge)
    } else {
        DateValue::Month { y, m }
    })
}

// ------------------------------------------------------------- display ---

impl HistDate {
    /// Chinese, as a source would write it: `1937年10月初`, `约1937年10月`,
    /// `1937年12月至1938年1月`, `1938年3月以后`, `公元前45年`.
    pub fn display_zh(&self) -> String {
        match self.form {
            DateForm::Single(s) => zh_single(s, true),
            DateForm::Interval {
                start: Some(a),
                end: Some(b),
            } => {
                let both = a.qualifiers.approximate && b.qualifiers.approximate;
                if both {
                    // `约A至B` reads as approximate at both ends.
                    format!("约{}至{}", zh_single(a, false), zh_single(b, false))
                } else if a.qualifiers.approximate {
                    format!("{}前后至{}", zh_single(a, false), zh_single(b, true))
                } else {
                    format!("{}至{}", zh_single(a, true), zh_single(b, true))
                }
            }
            DateForm::Interval {
                start: Some(a),
                end: None,
            } => format!("{}以后", zh_single(a, true)),
            DateForm::Interval {
                start: None,
                end: Some(b),
            } => format!("{}以前", zh_single(b, true)),
            DateForm::Interval {
                start: None,
                end: None,
            } => "时间不限".to_string(),
        }
    }

    /// English: `early October 1937`, `c. October 1937`,
    /// `December 1937 – January 1938`, `from March 1938`, `45 BC`.
    pub fn display_en(&self) -> String {
        match self.form {
            DateForm::Single(s) => en_single(s),
            DateForm::Interval {
                start: Some(a),
                end: Some(b),
            } => format!("{} – {}", en_single(a), en_single(b)),
            DateForm::Interval {
                start: Some(a),
                end: None,
            } => format!("from {}", en_single(a)),
            DateForm::Interval {
                start: None,
                end: Some(b),
            } => format!("until {}", en_single(b)),
            DateForm::Interval {
                start: None,
                end: None,
            } => "open".to_string(),
        }
    }

    /// Normalised EDTF for export.
    ///
    /// A part of a month or year alone becomes a day interval
    /// (`1937-10-01/1937-10-10`). Inside an interval, where EDTF cannot nest
    /// one, it becomes its month or year: the bounds get wider, never narrower.
    pub fn edtf(&self) -> String {
        match self.form {
            DateForm::Single(s) => match s.value {
                DateValue::MonthPart { .. } | DateValue::YearPart { .. } => {
                    let (a, b) = s.value.base_range();
                    let q = qualifier_suffix(s.qualifiers);
                    format!("{}{q}/{}{q}", format_iso(a), format_iso(b))
                }
                _ => edtf_single(s),
            },
            DateForm::Interval { start, end } => {
                let side = |s: Option<SingleDate>| s.map_or_else(|| "..".to_string(), edtf_single);
                format!("{}/{}", side(start), side(end))
            }
        }
    }
}

/// EDTF of one date; parts of months and years widen to the month or year.
fn edtf_single(s: SingleDate) -> String {
    let q = qualifier_suffix(s.qualifiers);
    let body = match s.value {
        DateValue::Day { y, m, d } => format!("{}-{m:02}-{d:02}", edtf_year(y)),
        DateValue::Month { y, m } | DateValue::MonthPart { y, m, .. } => {
            format!("{}-{m:02}", edtf_year(y))
        }
        DateValue::Season { y, season } => {
            let code = match season {
                Season::Spring => 21,
                Season::Summer => 22,
                Season::Autumn => 23,
                Season::Winter => 24,
            };
            format!("{}-{code}", edtf_year(y))
        }
        DateValue::YearPart { y, .. } | DateValue::Year { y } => edtf_year(y),
    };
    format!("{body}{q}")
}

/// Year for Chinese display: `1937年`, `公元前45年` for astronomical -44.
fn zh_year(y: i32) -> String {
    if y >= 1 {
        format!("{y}年")
    } else {
        format!("公元前{}年", 1 - i64::from(y))
    }
}

/// One Chinese date; `prefix` puts `约` in front when approximate (a range
/// may place it elsewhere).
fn zh_single(s: SingleDate, prefix: bool) -> String {
    let body = match s.value {
        DateValue::Day { y, m, d } => format!("{}{m}月{d}日", zh_year(y)),
        DateValue::Month { y, m } => format!("{}{m}月", zh_year(y)),
        DateValue::MonthPart { y, m, part, style } => {
            let word = match (style, part) {
                (PartStyle::TenDay, PartOfMonth::Early) => "上旬",
                (PartStyle::TenDay, PartOfMonth::Mid) => "中旬",
                (PartStyle::TenDay, PartOfMonth::Late) => "下旬",
                (PartStyle::Edge, PartOfMonth::Early) => "初",
                (PartStyle::Edge, PartOfMonth::Mid) => "中",
                (PartStyle::Edge, PartOfMonth::Late) => "底",
            };
            format!("{}{m}月{word}", zh_year(y))
        }
        DateValue::Season { y, season } => {
            let word = match season {
                Season::Spring => "春",
                Season::Summer => "夏",
                Season::Autumn => "秋",
                Season::Winter => "冬",
            };
            format!("{}{word}", zh_year(y))
        }
        DateValue::YearPart { y, part } => {
            let word = match part {
                PartOfYear::Start => "年初",
                PartOfYear::End => "年底",
            };
            format!("{}{word}", zh_year(y))
        }
        DateValue::Year { y } => zh_year(y),
    };
    let approx = if prefix && s.qualifiers.approximate {
        "约"
    } else {
        ""
    };
    let unsure = if s.qualifiers.uncertain { "?" } else { "" };
    format!("{approx}{body}{unsure}")
}

fn en_single(s: SingleDate) -> String {
    let month = month_en;
    let body = match s.value {
        DateValue::Day { y, m, d } => format!("{d} {} {}", month(m), en_year(y)),
        DateValue::Month { y, m } => format!("{} {}", month(m), en_year(y)),
        DateValue::MonthPart { y, m, part, .. } => {
            let word = match part {
                PartOfMonth::Early => "early ",
                PartOfMonth::Mid => "mid-",
                PartOfMonth::Late => "late ",
            };
            format!("{word}{} {}", month(m), en_year(y))
        }
        DateValue::Season { y, season } => {
            let word = match season {
                Season::Spring => "spring",
                Season::Summer => "summer",
                Season::Autumn => "autumn",
                Season::Winter => "winter",
            };
            format!("{word} {}", en_year(y))
        }
        DateValue::YearPart { y, part } => {
            let word = match part {
                PartOfYear::Start => "early",
                PartOfYear::End => "late",
            };
            format!("{word} {}", en_year(y))
        }
        DateValue::Year { y } => en_year(y),
    };
    let approx = if s.qualifiers.approximate { "c. " } else { "" };
    let unsure = if s.qualifiers.uncertain { "?" } else { "" };
    format!("{approx}{body}{unsure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1937, 9, 18), -11_793);
        assert_eq!(civil_from_days(-11_793), (1937, 9, 18));
        assert_eq!(days_from_civil(0, 3, 1), -719_468);
        assert_eq!(civil_from_days(-719_468), (0, 3, 1));
    }

    #[test]
    fn leap_years() {
        assert!(!is_leap(1900));
        assert!(is_leap(2000));
        assert!(is_leap(1940));
        assert!(!is_leap(1937));
        assert!(is_leap(0));
        assert!(is_leap(-4));
        assert!(!is_leap(-100));
        assert!(is_leap(-400));
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(1937, 9), 30);
        assert_eq!(days_in_month(1937, 13), 0);
        assert_eq!(days_in_month(1937, 0), 0);
    }

    #[test]
    fn carry_over_is_total() {
        assert_eq!(days_from_civil(1937, 2, 30), days_from_civil(1937, 3, 2));
        assert_eq!(days_from_civil(1937, 13, 1), days_from_civil(1938, 1, 1));
        assert_eq!(days_from_civil(1937, 3, 0), days_from_civil(1937, 2, 28));
        assert_eq!(days_from_civil(i32::MAX, 12, u32::MAX), Day::MAX);
        assert_eq!(days_from_civil(i32::MIN, 1, 1), Day::MIN);
        // Extremes convert back without overflow.
        let _ = civil_from_days(Day::MIN);
        let _ = civil_from_days(Day::MAX);
    }

    #[test]
    fn iso_text() {
        assert_eq!(format_iso(days_from_civil(1937, 9, 18)), "1937-09-18");
        assert_eq!(format_iso(days_from_civil(-44, 3, 15)), "-0044-03-15");
        assert_eq!(format_iso(days_from_civil(0, 1, 1)), "0000-01-01");
        assert_eq!(format_iso(days_from_civil(5, 6, 7)), "0005-06-07");
        assert_eq!(format_iso(days_from_civil(12345, 1, 1)), "12345-01-01");
    }

    #[test]
    fn round_trip_wide_range() {
        let mut z = -800_000;
        while z <= 800_000 {
            let (y, m, d) = civil_from_days(z);
            assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
            assert_eq!(days_from_civil(y, m, d), z, "day {z}");
            z += 997;
        }
    }

    #[test]
    fn round_trip_every_day_of_some_years() {
        for y in [-45, -44, -1, 0, 1, 1582, 1899, 1900, 1937, 1940, 2000] {
            let mut expected = days_from_civil(y, 1, 1);
            for m in 1..=12 {
                for d in 1..=days_in_month(y, m) {
                    let z = days_from_civil(y, m, d);
                    assert_eq!(z, expected);
                    assert_eq!(civil_from_days(z), (y, m, d));
                    expected += 1;
                }
            }
            assert_eq!(expected, days_from_civil(y + 1, 1, 1));
        }
    }

    fn parse(s: &str) -> HistDate {
        match s.parse::<HistDate>() {
            Ok(d) => d,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    /// Earliest and latest day as ISO text.
    fn span(s: &str) -> (String, String) {
        parse(s).range_text_iso()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    /// All four bounds as ISO text.
    fn bounds(s: &str) -> [String; 4] {
        let d = parse(s);
        [d.earliest_start, d.latest_start, d.earliest_end, d.latest_end].map(format_iso)
    }

    fn rejected(s: &str) -> DateError {
        match s.parse::<HistDate>() {
            Ok(d) => panic!("{s} should be rejected, got {d:?}"),
            Err(e) => e,
        }
    }

    // --- the date phrases of the source text, one test each ---

    #[test]
    fn src_1937_10_early() {
        // The text writes it with spaces: "1937 年10 月初".
        for s in ["1937年10月初", "1937 年10 月初"] {
            let d = parse(s);
            assert_eq!(d.range_text_iso(), pair("1937-10-01", "1937-10-10"));
            assert_eq!(d.display_zh(), "1937年10月初");
            assert_eq!(d.display_en(), "early October 1937");
            assert_eq!(d.edtf(), "1937-10-01/1937-10-10");
            assert!(!d.is_interval());
        }
    }

    #[test]
    fn src_1937_09_18() {
        let d = parse("1937年9月18日");
        assert_eq!(d.range_text_iso(), pair("1937-09-18", "1937-09-18"));
        assert_eq!(d.earliest(), days_from_civil(1937, 9, 18));
        assert_eq!(d.display_zh(), "1937年9月18日");
        assert_eq!(d.display_en(), "18 September 1937");
        assert_eq!(d.edtf(), "1937-09-18");
    }

    #[test]
    fn src_1937_11_08() {
        assert_eq!(span("1937年11月8日"), pair("1937-11-08", "1937-11-08"));
        assert_eq!(parse("1937年11月8日").display_en(), "8 November 1937");
    }

    #[test]
    fn src_late_september_needs_a_year() {
        let e = rejected("9月下旬");
        assert_eq!(e.kind, DateErrorKind::NoYear);
        assert!(e.to_string().contains("1937年9月下旬"), "{e}");
        let d = parse("1937年9月下旬");
        assert_eq!(d.range_text_iso(), pair("1937-09-21", "1937-09-30"));
        assert_eq!(d.display_zh(), "1937年9月下旬");
        assert_eq!(d.display_en(), "late September 1937");
    }

    #[test]
    fn src_1938_02_19_with_space() {
        let d = parse("1938年2月19 日");
        assert_eq!(d.range_text_iso(), pair("1938-02-19", "1938-02-19"));
        assert_eq!(d.text, "1938年2月19 日");
        assert_eq!(d.display_zh(), "1938年2月19日");
    }

    #[test]
    fn src_dec_1937_to_jan_1938() {
        let d = parse("1937年12月至1938年1月");
        assert!(d.is_interval());
        assert_eq!(
            bounds("1937年12月至1938年1月"),
            ["1937-12-01", "1937-12-31", "1938-01-01", "1938-01-31"]
        );
        assert_eq!(d.range_text_iso(), pair("1937-12-01", "1938-01-31"));
        assert_eq!(d.display_zh(), "1937年12月至1938年1月");
        assert_eq!(d.display_en(), "December 1937 – January 1938");
        assert_eq!(d.edtf(), "1937-12/1938-01");
    }

    #[test]
    fn src_1938_07_04() {
        assert_eq!(span("1938年7月4日"), pair("1938-07-04", "1938-07-04"));
    }

    #[test]
    fn src_1938_09() {
        let d = parse("1938年9月");
        assert_eq!(d.range_text_iso(), pair("1938-09-01", "1938-09-30"));
        assert_eq!(d.display_en(), "September 1938");
        assert_eq!(d.edtf(), "1938-09");
    }

    #[test]
    fn src_winter_1937() {
        let d = parse("1937年冬");
        assert_eq!(d.range_text_iso(), pair("1937-11-01", "1938-02-28"));
        assert_eq!(d.display_zh(), "1937年冬");
        assert_eq!(d.display_en(), "winter 1937");
        assert_eq!(d.edtf(), "1937-24");
    }

    #[test]
    fn src_spring_1938() {
        let d = parse("1938年春");
        assert_eq!(d.range_text_iso(), pair("1938-02-01", "1938-05-31"));
        assert_eq!(d.display_en(), "spring 1938");
    }

    #[test]
    fn src_1939_05_01() {
        assert_eq!(span("1939年5月1日"), pair("1939-05-01", "1939-05-01"));
    }

    #[test]
    fn src_1940() {
        let d = parse("1940年");
        assert_eq!(d.range_text_iso(), pair("1940-01-01", "1940-12-31"));
        assert_eq!(d.display_zh(), "1940年");
        assert_eq!(d.display_en(), "1940");
        assert_eq!(d.edtf(), "1940");
    }

    #[test]
    fn src_start_of_1938() {
        for s in ["1938年年初", "1938年初"] {
            let d = parse(s);
            assert_eq!(d.range_text_iso(), pair("1938-01-01", "1938-03-31"));
            assert_eq!(d.display_zh(), "1938年年初");
            assert_eq!(d.display_en(), "early 1938");
            assert_eq!(d.edtf(), "1938-01-01/1938-03-31");
        }
    }

    #[test]
    fn src_summer_1938() {
        assert_eq!(span("1938年夏"), pair("1938-05-01", "1938-08-31"));
        assert_eq!(span("1938年夏季"), pair("1938-05-01", "1938-08-31"));
        assert_eq!(span("1938年夏天"), pair("1938-05-01", "1938-08-31"));
    }

    #[test]
    fn src_1939() {
        assert_eq!(span("1939年"), pair("1939-01-01", "1939-12-31"));
    }

    #[test]
    fn src_after_1941_and_up_to_1940() {
        let d = parse("1941年后");
        assert_eq!(d.range_text_iso(), ("1941-01-01".into(), "..".into()));
        assert!(d.open_end());
        let d = parse("到1940年为止");
        assert_eq!(d.range_text_iso(), ("..".into(), "1940-12-31".into()));
        assert!(d.open_start());
        assert_eq!(
            parse("1940年为止").range_text_iso(),
            ("..".into(), "1940-12-31".into())
        );
        // 前后 still means "around", not "after".
        assert!(parse("1937年10月前后").is_approximate());
    }

    #[test]
    fn src_1941() {
        assert_eq!(span("1941年"), pair("1941-01-01", "1941-12-31"));
    }

    // --- other Chinese forms ---

    #[test]
    fn zh_parts_of_months_and_years() {
        assert_eq!(span("1937年9月上旬"), pair("1937-09-01", "1937-09-10"));
        assert_eq!(span("1937年9月中旬"), pair("1937-09-11", "1937-09-20"));
        assert_eq!(span("1937年10月中"), pair("1937-10-11", "1937-10-20"));
        assert_eq!(span("1937年10月底"), pair("1937-10-21", "1937-10-31"));
        assert_eq!(span("1937年10月末"), pair("1937-10-21", "1937-10-31"));
        assert_eq!(span("1940年2月下旬"), pair("1940-02-21", "1940-02-29"));
        assert_eq!(span("1938年年底"), pair("1938-10-01", "1938-12-31"));
        assert_eq!(span("1938年年末"), pair("1938-10-01", "1938-12-31"));
        assert_eq!(span("1938年底"), pair("1938-10-01", "1938-12-31"));
        assert_eq!(span("1938年秋"), pair("1938-08-01", "1938-11-30"));
        assert_eq!(span("1938年秋季"), pair("1938-08-01", "1938-11-30"));
        assert_eq!(parse("1937年10月末").display_zh(), "1937年10月底");
        assert_eq!(parse("1937年9月中旬").display_en(), "mid-September 1937");
        assert_eq!(parse("1938年年末").display_en(), "late 1938");
    }

    #[test]
    fn zh_full_width_and_spaces() {
        assert_eq!(span("１９３７年９月１８日"), pair("1937-09-18", "1937-09-18"));
        assert_eq!(
            span("1937\u{3000}年 9 月 18 日"),
            pair("1937-09-18", "1937-09-18")
        );
        assert_eq!(span("  1937年9月18号 "), pair("1937-09-18", "1937-09-18"));
    }

    #[test]
    fn zh_ranges() {
        assert_eq!(
            bounds("1938年春至1939年5月1日"),
            ["1938-02-01", "1938-05-31", "1939-05-01", "1939-05-01"]
        );
        // The right side keeps the left's year, or year and month.
        assert_eq!(
            bounds("1937年9月至10月"),
            ["1937-09-01", "1937-09-30", "1937-10-01", "1937-10-31"]
        );
        assert_eq!(
            bounds("1937年9月18日至20日"),
            ["1937-09-18", "1937-09-18", "1937-09-20", "1937-09-20"]
        );
        for s in [
            "1937年12月到1938年1月",
            "1937年12月-1938年1月",
            "1937年12月–1938年1月",
            "1937年12月 — 1938年1月",
            "1937年12月～1938年1月",
        ] {
            assert_eq!(span(s), pair("1937-12-01", "1938-01-31"), "{s}");
        }
        // 冬至 in a range is 冬 followed by 至.
        assert_eq!(
            bounds("1937年冬至1938年春"),
            ["1937-11-01", "1938-02-28", "1938-02-01", "1938-05-31"]
        );
        assert_eq!(
            parse("1938年春至1939年5月1日").display_en(),
            "spring 1938 – 1 May 1939"
        );
    }

    #[test]
    fn zh_open_ranges() {
        let d = parse("1938年3月以后");
        assert!(d.open_end() && !d.open_start() && d.is_interval());
        assert_eq!(d.range_text_iso(), pair("1938-03-01", ".."));
        assert_eq!(d.latest(), Day::MAX);
        assert_eq!(d.earliest_end, Day::MAX);
        assert_eq!(d.display_zh(), "1938年3月以后");
        assert_eq!(d.display_en(), "from March 1938");
        assert_eq!(d.edtf(), "1938-03/..");
        let d = parse("1937年7月以前");
        assert!(d.open_start() && !d.open_end());
        assert_eq!(d.range_text_iso(), pair("..", "1937-07-31"));
        assert_eq!(d.earliest(), Day::MIN);
        assert_eq!(d.latest_start, Day::MIN);
        assert_eq!(d.display_zh(), "1937年7月以前");
        assert_eq!(d.display_en(), "until July 1937");
        assert_eq!(d.edtf(), "../1937-07");
        for s in ["1938年3月之后", "1938年3月以来", "1938年3月起"] {
            assert_eq!(span(s), pair("1938-03-01", ".."), "{s}");
        }
        assert_eq!(span("1937年7月之前"), pair("..", "1937-07-31"));
    }

    #[test]
    fn zh_qualifiers() {
        let d = parse("约1937年10月");
        assert!(d.is_approximate() && !d.is_uncertain());
        assert_eq!(d.range_text_iso(), pair("1937-09-01", "1937-11-30"));
        assert_eq!(d.display_zh(), "约1937年10月");
        assert_eq!(d.display_en(), "c. October 1937");
        assert_eq!(d.edtf(), "1937-10~");
        for s in ["1937年10月前后", "1937年10月左右", "大约1937年10月"] {
            assert_eq!(span(s), pair("1937-09-01", "1937-11-30"), "{s}");
            assert_eq!(parse(s).display_zh(), "约1937年10月");
        }
        let d = parse("1938年?");
        assert!(d.is_uncertain() && !d.is_approximate());
        assert_eq!(d.range_text_iso(), pair("1938-01-01", "1938-12-31"));
        assert_eq!(d.display_zh(), "1938年?");
        assert_eq!(d.display_en(), "1938?");
        assert_eq!(d.edtf(), "1938?");
        assert!(parse("1938年？").is_uncertain());
        assert_eq!(parse("约1938年?").edtf(), "1938%");
    }

    #[test]
    fn zh_range_qualifiers() {
        // 约 at the start and 前后 at the end cover both ends.
        for s in ["约1937年12月至1938年1月", "1937年12月至1938年1月前后"] {
            let d = parse(s);
            assert_eq!(
                bounds(s),
                ["1937-11-01", "1938-01-31", "1937-12-01", "1938-02-28"],
                "{s}"
            );
            assert_eq!(d.display_zh(), "约1937年12月至1938年1月");
            assert_eq!(d.display_en(), "c. December 1937 – c. January 1938");
            assert_eq!(d.edtf(), "1937-12~/1938-01~");
        }
        let left = parse("1937年12月前后至1938年1月");
        assert_eq!(left.range_text_iso(), pair("1937-11-01", "1938-01-31"));
        assert_eq!(left.latest_start, days_from_civil(1938, 1, 31));
        assert_eq!(left.display_zh(), "1937年12月前后至1938年1月");
        let right = parse("1937年12月至约1938年1月");
        assert_eq!(right.range_text_iso(), pair("1937-12-01", "1938-02-28"));
        assert_eq!(right.display_zh(), "1937年12月至约1938年1月");
        // Displays read back to the same date.
        for d in [left, right] {
            assert_eq!(parse(&d.display_zh()).form, d.form);
        }
    }

    #[test]
    fn years_before_the_common_era() {
        let d = parse("公元前44年");
        assert_eq!(
            d.form,
            DateForm::Single(SingleDate {
                value: DateValue::Year { y: -43 },
                qualifiers: Qualifiers::default(),
            })
        );
        assert_eq!(d.display_zh(), "公元前44年");
        assert_eq!(d.display_en(), "44 BC");
        assert_eq!(d.edtf(), "-0043");
        let d = parse("-0044-03-15");
        assert_eq!(d.range_text_iso(), pair("-0044-03-15", "-0044-03-15"));
        assert_eq!(d.display_en(), "15 March 45 BC");
        assert_eq!(d.display_zh(), "公元前45年3月15日");
        let d = parse("0000");
        assert_eq!(d.display_en(), "1 BC");
        assert_eq!(d.range_text_iso(), pair("0000-01-01", "0000-12-31"));
        assert_eq!(span("-0001-02"), pair("-0001-02-01", "-0001-02-28"));
        assert_eq!(span("0000-02"), pair("0000-02-01", "0000-02-29"));
        assert_eq!(parse("公元1937年").display_zh(), "1937年");
        // Display text reads back to the same date.
        for s in ["-0044-03-15", "0000", "-0100-24", "公元前1年冬"] {
            let d = parse(s);
            assert_eq!(parse(&d.display_zh()).form, d.form, "{s}");
            assert_eq!(parse(&d.edtf()).form, d.form, "{s}");
        }
    }

    // --- EDTF ---

    #[test]
    fn edtf_precisions() {
        assert_eq!(span("1937-09-18"), pair("1937-09-18", "1937-09-18"));
        assert_eq!(span("1937-10"), pair("1937-10-01", "1937-10-31"));
        assert_eq!(span("1937"), pair("1937-01-01", "1937-12-31"));
        assert_eq!(span("-0044"), pair("-0044-01-01", "-0044-12-31"));
        assert_eq!(span("1937-21"), pair("1937-02-01", "1937-05-31"));
        assert_eq!(span("1937-22"), pair("1937-05-01", "1937-08-31"));
        assert_eq!(span("1937-23"), pair("1937-08-01", "1937-11-30"));
        assert_eq!(span("1937-24"), pair("1937-11-01", "1938-02-28"));
        assert_eq!(span("1939-24"), pair("1939-11-01", "1940-02-29"));
        assert_eq!(span("1899-24"), pair("1899-11-01", "1900-02-28"));
        assert_eq!(span("1999-24"), pair("1999-11-01", "2000-02-29"));
        assert_eq!(span("１９３７－１０"), pair("1937-10-01", "1937-10-31"));
        assert_eq!(parse("1937-23").display_zh(), "1937年秋");
        assert_eq!(parse(" 1937-10 ").text, "1937-10");
    }

    #[test]
    fn edtf_qualifiers_widen() {
        let d = parse("1937-10~");
        assert!(d.is_approximate() && !d.is_uncertain());
        assert_eq!(d.range_text_iso(), pair("1937-09-01", "1937-11-30"));
        let d = parse("1938?");
        assert!(d.is_uncertain() && !d.is_approximate());
        assert_eq!(d.range_text_iso(), pair("1938-01-01", "1938-12-31"));
        let d = parse("1938%");
        assert!(d.is_uncertain() && d.is_approximate());
        assert_eq!(d.range_text_iso(), pair("1937-01-01", "1939-12-31"));
        assert_eq!(d.display_en(), "c. 1938?");
        assert_eq!(d.display_zh(), "约1938年?");
        assert_eq!(span("1937-09-18~"), pair("1937-09-11", "1937-09-25"));
        assert_eq!(span("1937-12-28~"), pair("1937-12-21", "1938-01-04"));
        assert_eq!(span("1938-01~"), pair("1937-12-01", "1938-02-28"));
        assert_eq!(span("1937-21~"), pair("1937-01-01", "1937-06-30"));
        assert_eq!(span("1937-24~"), pair("1937-10-01", "1938-03-31"));
        assert_eq!(span("约1937年10月初"), pair("1937-09-21", "1937-10-20"));
        assert_eq!(span("约1937年9月下旬"), pair("1937-09-11", "1937-10-10"));
        assert_eq!(span("约1938年年初"), pair("1937-10-01", "1938-06-30"));
        assert_eq!(span("约1938年年底"), pair("1938-07-01", "1939-03-31"));
        assert_eq!(span("约1937年冬"), pair("1937-10-01", "1938-03-31"));
        assert_eq!(span("1937-09-18?"), pair("1937-09-18", "1937-09-18"));
        assert_eq!(parse("1937-09-18?").display_en(), "18 September 1937?");
    }

    #[test]
    fn edtf_intervals() {
        assert_eq!(
            bounds("1937-12/1938-01"),
            ["1937-12-01", "1937-12-31", "1938-01-01", "1938-01-31"]
        );
        assert_eq!(
            bounds("1937-09-18/1937-11-08"),
            ["1937-09-18", "1937-09-18", "1937-11-08", "1937-11-08"]
        );
        assert_eq!(
            bounds("1937-24/1939-05-01~"),
            ["1937-11-01", "1938-02-28", "1939-04-24", "1939-05-08"]
        );
        assert_eq!(parse("1937-10~/1938?").edtf(), "1937-10~/1938?");
        // Overlapping ranges are allowed and clamped.
        assert_eq!(
            bounds("1937/1937-06"),
            ["1937-01-01", "1937-06-30", "1937-06-01", "1937-06-30"]
        );
        assert_eq!(
            bounds("1937-06/1937"),
            ["1937-06-01", "1937-06-30", "1937-06-01", "1937-12-31"]
        );
        assert_eq!(
            bounds("1937-10-05/1937-10"),
            ["1937-10-05", "1937-10-05", "1937-10-05", "1937-10-31"]
        );
        assert_eq!(
            bounds("1937/1937"),
            ["1937-01-01", "1937-12-31", "1937-01-01", "1937-12-31"]
        );
    }

    #[test]
    fn edtf_open_intervals() {
        let d = parse("../1938-03");
        assert!(d.open_start() && !d.open_end());
        assert_eq!(d.range_text_iso(), pair("..", "1938-03-31"));
        assert_eq!((d.earliest_start, d.latest_start), (Day::MIN, Day::MIN));
        assert_eq!(d.display_en(), "until March 1938");
        assert_eq!(d.edtf(), "../1938-03");
        let d = parse("1938-03/..");
        assert!(d.open_end() && !d.open_start());
        assert_eq!(d.range_text_iso(), pair("1938-03-01", ".."));
        assert_eq!((d.earliest_end, d.latest_end), (Day::MAX, Day::MAX));
        assert_eq!(d.display_zh(), "1938年3月以后");
        assert_eq!(d.edtf(), "1938-03/..");
        assert_eq!(span("-0044/.."), pair("-0044-01-01", ".."));
    }

    #[test]
    fn edtf_of_parts_inside_intervals_widens() {
        let d = parse("1937年10月初至1938年年初");
        assert_eq!(
            bounds("1937年10月初至1938年年初"),
            ["1937-10-01", "1937-10-10", "1938-01-01", "1938-03-31"]
        );
        assert_eq!(d.edtf(), "1937-10/1938");
        let back = parse(&d.edtf());
        assert!(back.earliest() <= d.earliest() && back.latest() >= d.latest());
        assert_eq!(parse("约1937年10月初").edtf(), "1937-10-01~/1937-10-10~");
    }

    #[test]
    fn edtf_round_trips() {
        for s in [
            "1937-09-18",
            "1937-10",
            "1937",
            "-0044",
            "1937-21",
            "1937-24~",
            "1938?",
            "1938%",
            "1937-12/1938-01",
            "../1938",
            "1938-03-01/..",
            "1937-09~/1938-05-01?",
        ] {
            let d = parse(s);
            assert_eq!(d.edtf(), s);
            assert_eq!(parse(&d.display_zh()).form, d.form, "{s}");
        }
    }

    #[test]
    fn new_checks_forms_built_by_hand() {
        let single = |value| {
            DateForm::Single(SingleDate {
                value,
                qualifiers: Qualifiers::default(),
            })
        };
        let d = HistDate::new(single(DateValue::Month { y: 1937, m: 10 }), "Oct 1937");
        assert_eq!(d.map(|d| d.latest()), Ok(days_from_civil(1937, 10, 31)));
        let e = HistDate::new(single(DateValue::Month { y: 1937, m: 0 }), "bad");
        assert_eq!(e.map_err(|e| e.kind), Err(DateErrorKind::OutOfRange));
        let e = HistDate::new(single(DateValue::Day { y: 1937, m: 2, d: 29 }), "bad");
        assert_eq!(e.map_err(|e| e.kind), Err(DateErrorKind::OutOfRange));
        let e = HistDate::new(
            DateForm::Interval {
                start: None,
                end: None,
            },
            "..",
        );
        assert_eq!(e.map_err(|e| e.kind), Err(DateErrorKind::Syntax));
    }

    #[test]
    fn display_never_panics_on_odd_hand_built_values() {
        let d = HistDate {
            text: String::new(),
            form: DateForm::Single(SingleDate {
                value: DateValue::Day { y: 1937, m: 0, d: 99 },
                qualifiers: Qualifiers::default(),
            }),
            earliest_start: 0,
            latest_start: 0,
            earliest_end: 0,
            latest_end: 0,
        };
        assert_eq!(d.display_en(), "99 ? 1937");
        let _ = (d.display_zh(), d.edtf(), d.range_text_iso());
    }

    #[test]
    fn ranges_of_extreme_hand_built_years_saturate() {
        for y in [i32::MIN, i32::MAX] {
            for value in [
                DateValue::Year { y },
                DateValue::Season {
                    y,
                    season: Season::Winter,
                },
                DateValue::MonthPart {
                    y,
                    m: 12,
                    part: PartOfMonth::Late,
                    style: PartStyle::Edge,
                },
                DateValue::YearPart {
                    y,
                    part: PartOfYear::End,
                },
                DateValue::Day { y, m: 12, d: 31 },
            ] {
                for approximate in [false, true] {
                    let qualifiers = Qualifiers {
                        approximate,
                        uncertain: false,
                    };
                    // Only the absence of an overflow panic is checked here.
                    let _ = SingleDate { value, qualifiers }.range();
                }
            }
        }
    }

    // --- rejections ---

    #[test]
    fn rejects_invalid_days_and_months() {
        for s in [
            "1937-02-30",
            "1937-02-29",
            "1900-02-29",
            "1937-04-31",
            "1937-00",
            "1937-13",
            "1937-20",
            "1937-25",
            "1937-99",
            "1937-10-00",
            "1937-10-32",
            "1937年2月30日",
            "1937年13月",
            "1937年0月",
            "1937年9月0日",
            "0年",
            "10000年",
            "公元前0年",
        ] {
            assert_eq!(rejected(s).kind, DateErrorKind::OutOfRange, "{s}");
        }
        let e = rejected("1937-02-30");
        assert!(e.to_string().contains("February 1937"), "{e}");
        let e = rejected("1937-13");
        assert!(e.to_string().contains("month 13"), "{e}");
        let e = rejected("1937年13月");
        assert!(e.to_string().contains("month 13"), "{e}");
    }

    #[test]
    fn rejects_end_before_start() {
        for s in [
            "1938/1937",
            "1937-10/1937-09-30",
            "1938年1月至1937年12月",
            "1937年10月至9月",
            "1937年9月20日至18日",
        ] {
            let e = rejected(s);
            assert_eq!(e.kind, DateErrorKind::EndBeforeStart, "{s}");
            assert!(e.to_string().contains("before the start"), "{e}");
        }
        // Approximation can make them overlap, which is allowed.
        assert_eq!(span("1938~/1937"), pair("1937-01-01", "1937-12-31"));
        assert_eq!(
            bounds("1938/1937-12-31~"),
            ["1938-01-01", "1938-01-07", "1938-01-01", "1938-01-07"]
        );
    }

    #[test]
    fn rejects_empty_and_garbage() {
        assert_eq!(rejected("").kind, DateErrorKind::Empty);
        assert_eq!(rejected("   ").kind, DateErrorKind::Empty);
        for s in [
            "garbage",
            "37",
            "19370",
            "1937-1",
            "1937-001",
            "1937-10-1",
            "1937/10/01",
            "1937-10-01-02",
            "1937-21-01",
            "1937~~",
            "1937?~",
            "1937-?10",
            "193X",
            "1937 10",
            "..",
            "../..",
            "1937/",
            "/1937",
            "+1937",
            "1937年9月下",
            "1937年10月初旬",
            "一九三七年",
            "1937年冬至",
            "至1938年",
            "1937年至1938年至1939年",
            "1937年9月至",
            "1937年10月以后至1938年",
            "公元前",
            "年",
            "1937年10",
            "1937年9月18",
            "1937年春天天",
            "1937年abc",
            "春",
            "1937年9月至春",
            "18日",
            "1937年至18日",
        ] {
            let e = rejected(s);
            assert!(!e.message.is_empty(), "{s}");
        }
        assert!(rejected("一九三七年").to_string().contains("Arabic"));
        assert!(rejected("1937年冬至").to_string().contains("冬至"));
        assert_eq!(rejected("9月").kind, DateErrorKind::NoYear);
        assert_eq!(rejected("18日").kind, DateErrorKind::NoYear);
        assert_eq!(rejected("1937年至18日").kind, DateErrorKind::NoYear);
        let e = rejected("1937年abc");
        assert!(e.to_string().contains("\"abc\" after \"1937年\""), "{e}");
    }
}
