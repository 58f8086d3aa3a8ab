//! What a point file's cells mean: dates (ISO date-times, EDTF, a start and
//! an end), coordinates, kinds; and the plain forms (decimals, ISO days) that
//! the fast path reads exactly as the full parsers do.
use crate::model::HistDate;
use crate::model::date::{Day, days_in_month};
use crate::model::event::EventKind;

/// Normalises a date cell: epoch seconds or milliseconds become their
/// (UTC) day; ISO date-times lose their time (once it is
/// checked: 25:99 is refused, not dropped), `1937/07/07` (with or without a
/// time, as QGIS writes it) becomes `1937-07-07`; everything else goes to
/// the EDTF/Chinese parser. The day kept is the day as written, in the
/// zone it was written in.
pub fn normalise_date(s: &str) -> Result<String, String> {
    let s = s.trim();
    if let Some(day) = epoch_day(s) {
        return Ok(crate::model::date::format_iso(day));
    }
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if b.len() > 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (b[10] == b'T' || b[10] == b' ')
    {
        check_time(&s[11..]).map_err(|why| format!("date-time '{s}': {why}"))?;
        return Ok(s[..10].to_string());
    }
    if b.len() >= 10 && digits(0..4) && b[4] == b'/' && digits(5..7) && b[7] == b'/' && digits(8..10) {
        // QGIS writes date-times as 1937/07/07 00:00:00.
        if b.len() > 10 {
            if !(b[10] == b'T' || b[10] == b' ') {
                return Err(format!(
                    "date-time '{s}': a time follows the date after T or a space"
                ));
            }
            check_time(&s[11..]).map_err(|why| format!("date-time '{s}': {why}"))?;
        }
        return Ok(s[..10].replace('/', "-"));
    }
    Ok(s.to_string())
}

/// The day of an epoch timestamp (kepler.gl's), told by its length: nine
/// or more digits, so that no year (`1937`) or compact date is taken for
/// one. Seconds below 10^11 in size (the year 5138), milliseconds above;
/// negative before 1970 (1937-07-07 is -1025222400). The day is the UTC
/// day.
pub(super) fn epoch_day(s: &str) -> Option<Day> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.len() < 9 || digits.len() > 16 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: i64 = s.parse().ok()?;
    let secs = if v.unsigned_abs() >= 100_000_000_000 {
        v.div_euclid(1000)
    } else {
        v
    };
    Day::try_from(secs.div_euclid(86_400)).ok()
}

/// Checks the time of an ISO date-time: `HH:MM[:SS[.fff]]` then nothing,
/// `Z`, or an offset `±HH[:MM]`; hours 00-23 (or 24:00), minutes 00-59,
/// seconds 00-60, offsets up to 14 hours.
fn check_time(t: &str) -> Result<(), String> {
    let two = |s: &str, at: usize| -> Option<u32> {
        let d = s.get(at..at + 2)?;
        d.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| d.parse().ok())
            .flatten()
    };
    let bad = || format!("'{t}' is not a time of day (HH:MM or HH:MM:SS, then Z or ±HH:MM)");
    let (h, m) = (two(t, 0).ok_or_else(bad)?, two(t, 3).ok_or_else(bad)?);
    if t.as_bytes().get(2) != Some(&b':') {
        return Err(bad());
    }
    let mut rest = &t[5..];
    let mut sec = 0;
    if let Some(r) = rest.strip_prefix(':') {
        sec = two(r, 0).ok_or_else(bad)?;
        rest = &r[2..];
        if let Some(frac) = rest.strip_prefix('.') {
            let n = frac.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return Err(bad());
            }
            rest = &frac[n..];
        }
    }
    if h > 24 || (h == 24 && (m, sec) != (0, 0)) || m > 59 || sec > 60 {
        return Err(format!(
            "{h:02}:{m:02}:{sec:02} is not a time of day (hours 00-23, minutes and seconds 00-59)"
        ));
    }
    match rest.as_bytes().first() {
        None => Ok(()),
        Some(b'Z') if rest.len() == 1 => Ok(()),
        Some(b'+' | b'-') => {
            let o = &rest[1..];
            let oh = two(o, 0).ok_or_else(bad)?;
            let om = match o.len() {
                2 => 0,
                4 => two(o, 2).ok_or_else(bad)?,
                5 if o.as_bytes()[2] == b':' => two(o, 3).ok_or_else(bad)?,
                _ => return Err(bad()),
            };
            if oh > 14 || om > 59 {
                return Err(format!(
                    "the offset {rest} is not one a clock has (at most ±14:00)"
                ));
            }
            Ok(())
        }
        _ => Err(bad()),
    }
}

/// Builds the date of a row from start/end cells or a single date cell.
pub fn row_date(start: &str, end: &str) -> Result<HistDate, String> {
    let (s, e) = (normalise_date(start)?, normalise_date(end)?);
    if s.is_empty() && e.is_empty() {
        return Err("no date: give a start (or date) column".into());
    }
    if s.is_empty() {
        return Err(format!("an end ('{e}') without a start"));
    }
    if e.is_empty() || e == s {
        return s.parse::<HistDate>().map_err(|err| format!("date '{s}': {err}"));
    }
    let sep = if s.contains('年') || e.contains('年') {
        "至"
    } else {
        "/"
    };
    format!("{s}{sep}{e}")
        .parse::<HistDate>()
        .map_err(|err| format!("dates '{s}' to '{e}': {err}"))
}

pub(super) fn parse_coord(v: &str, lo: f64, hi: f64) -> Option<f64> {
    v.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && (lo..=hi).contains(x))
}

pub(super) fn kind_of(s: &str) -> EventKind {
    EventKind::from_key(&s.trim().to_ascii_lowercase().replace([' ', '-'], "_")).unwrap_or(EventKind::Other)
}

/// A decimal (`-117.151048`) read exactly as `str::parse` reads it: plain
/// ones by [`plain_decimal`], anything else by `str::parse`.
pub(super) fn decimal(s: &str) -> Option<f64> {
    match plain_decimal(s.as_bytes(), 0) {
        Some((x, end)) if end == s.len() => Some(x),
        _ => s.parse().ok(),
    }
}

/// A day written `YYYY-MM-DD` (years 1000-9999, as spreadsheets write them).
pub(super) fn iso_day(s: &str) -> Option<Day> {
    iso_day_bytes(s.as_bytes())
}

/// [`iso_day`] of bytes.
pub(super) fn iso_day_bytes(b: &[u8]) -> Option<Day> {
    let b: &[u8; 10] = b.try_into().ok()?;
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let [y0, y1, y2, y3, _, m0, m1, _, d0, d1] = b.map(|c| c.wrapping_sub(b'0'));
    // One test for all eight digits (no early exits to mispredict).
    if (y0 > 9) | (y1 > 9) | (y2 > 9) | (y3 > 9) | (m0 > 9) | (m1 > 9) | (d0 > 9) | (d1 > 9) | (y0 == 0) {
        return None;
    }
    let y = i32::from(y0) * 1000 + i32::from(y1) * 100 + i32::from(y2) * 10 + i32::from(y3);
    let (m, d) = (u32::from(m0 * 10 + m1), u32::from(d0 * 10 + d1));
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then(|| civil_day(y, m, d))
}

/// [`days_from_civil`] of a valid date of years 1000-9999, without the
/// carrying and 64-bit arithmetic its other callers need (tested equal).
pub(super) fn civil_day(y: i32, m: u32, d: u32) -> Day {
    let y = y - i32::from(m <= 2);
    let (era, yoe) = (y / 400, y % 400);
    let mp = ((m + 9) % 12) as i32;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The plain decimal at byte `at` (a leading minus, digits, at most one
/// point), read up to the first byte that is not one of those, with where
/// it stops; `None` without digits or with more than 15. Exactly what
/// `str::parse` gives, faster: 15 digits form an integer that f64 holds
/// exactly, and a power of ten up to 10^22 is exact too, so one correctly
/// rounded division gives the correctly rounded value (Clinger's fast path).
pub(super) fn plain_decimal(b: &[u8], at: usize) -> Option<(f64, usize)> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let negative = b.get(at) == Some(&b'-');
    let mut q = at + usize::from(negative);
    let (mut m, mut n, mut frac, mut dot) = (0u64, 0usize, 0usize, false);
    while let Some(&c) = b.get(q) {
        if c.is_ascii_digit() {
            m = m.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
            n += 1;
            frac += usize::from(dot);
        } else if c == b'.' && !dot {
            dot = true;
        } else {
            break;
        }
        q += 1;
    }
    if n == 0 || n > 15 {
        return None;
    }
    let x = m as f64 / POW10[frac];
    Some((if negative { -x } else { x }, q))
}
