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
}
