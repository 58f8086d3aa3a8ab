//! The proleptic Gregorian calendar: day numbers and civil dates.

/// Days since 1970-01-01, proleptic Gregorian; negative before.
pub type Day = i32;

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
pub(super) fn month_first(y: i32, m: i64) -> Day {
    saturate(days_from_ymd(i64::from(y), m, 1))
}

/// Last day of month `m` of year `y`; `m` may run past 1..=12.
pub(super) fn month_last(y: i32, m: i64) -> Day {
    saturate(days_from_ymd(i64::from(y), m + 1, 0))
}

/// Year as EDTF writes it: four digits at least, `-` before year 0.
pub(super) fn edtf_year(y: i32) -> String {
    if y < 0 {
        format!("-{:04}", -i64::from(y))
    } else {
        format!("{y:04}")
    }
}
