//! A date written back: in Chinese, in English, as EDTF.

use super::calendar::edtf_year;
use super::{
    DateForm, DateValue, HistDate, PartOfMonth, PartOfYear, PartStyle, Qualifiers, Season, SingleDate,
    format_iso,
};

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
pub(super) fn month_en(m: u32) -> &'static str {
    (m as usize)
        .checked_sub(1)
        .and_then(|i| MONTHS_EN.get(i))
        .copied()
        .unwrap_or("?")
}

/// Year for English display: `1937`, `45 BC` for astronomical -44.
pub(super) fn en_year(y: i32) -> String {
    if y >= 1 {
        y.to_string()
    } else {
        format!("{} BC", 1 - i64::from(y))
    }
}

fn qualifier_suffix(q: Qualifiers) -> &'static str {
    match (q.approximate, q.uncertain) {
        (true, true) => "%",
        (true, false) => "~",
        (false, true) => "?",
        (false, false) => "",
    }
}

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
        DateValue::Years { y, digits } => {
            let year = edtf_year(y);
            let keep = year.len().saturating_sub(usize::from(digits));
            format!("{}{}", &year[..keep], "X".repeat(usize::from(digits)))
        }
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
        DateValue::Years { y, digits: 1 } => format!("{y}年代"),
        DateValue::Years { y, digits } => format!("{y}年至{}年间", i64::from(y) + super::span(digits) - 1),
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
        DateValue::Years { y, digits: 1 } => format!("the {y}s"),
        DateValue::Years { y, digits } => format!("{y}–{}", i64::from(y) + super::span(digits) - 1),
    };
    let approx = if s.qualifiers.approximate { "c. " } else { "" };
    let unsure = if s.qualifiers.uncertain { "?" } else { "" };
    format!("{approx}{body}{unsure}")
}
