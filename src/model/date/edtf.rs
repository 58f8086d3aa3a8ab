//! EDTF (ISO 8601-2) dates: `1937-10~`, `1937-21`, `1937-12/1938-01`, `../1938`.

use super::{DateError, DateErrorKind, DateForm, DateValue, Errs, Qualifiers, Season, SingleDate};

pub(super) fn parse_edtf(s: &str, errs: &Errs) -> Result<DateForm, DateError> {
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
        return unspecified(body, qualifiers, errs);
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

/// A date with unspecified digits (EDTF level 1): the last digits of a
/// year of the common era (`193X`, `19XX`, `1XXX`), or a whole month or
/// day (`1938-XX`, `1938-XX-XX`, `1938-10-XX`). What it leaves open is a
/// range, never a guess.
fn unspecified(body: &str, qualifiers: Qualifiers, errs: &Errs) -> Result<SingleDate, DateError> {
    let syntax = |msg: &str| errs.err(DateErrorKind::Syntax, body, msg);
    let fields: Vec<&str> = body.split('-').collect();
    let unknown = |f: &str| !f.is_empty() && f.bytes().all(|b| b == b'X' || b == b'x');
    let known = |f: &str, n: usize| f.len() == n && f.bytes().all(|b| b.is_ascii_digit());
    let year = fields[0];
    if year.is_empty() {
        return Err(syntax(
            "unspecified digits (X) only in years of the common era (193X, not -003X)",
        ));
    }
    let open = year
        .bytes()
        .rev()
        .take_while(|b| matches!(b, b'X' | b'x'))
        .count();
    let value = if open > 0 {
        // The year ends in X: whatever follows is unspecified too.
        let head = &year[..year.len() - open];
        if year.len() != 4 || open > 3 || !known(head, 4 - open) {
            return Err(syntax("X may only end a four-digit year: 193X, 19XX or 1XXX"));
        }
        if !fields[1..].iter().all(|f| unknown(f) && f.len() == 2) {
            return Err(syntax(
                "after a year with X the month and day are XX too (193X-XX)",
            ));
        }
        let first: i32 = format!("{head}{}", "0".repeat(open))
            .parse()
            .map_err(|_| syntax("bad year"))?;
        DateValue::Years {
            y: first,
            digits: open as u8,
        }
    } else {
        if !known(year, 4) {
            return Err(syntax(
                "expected a four-digit year such as 1937, then -MM and -DD",
            ));
        }
        let y: i32 = year.parse().map_err(|_| syntax("bad year"))?;
        match &fields[1..] {
            [mm] | [mm, _]
                if unknown(mm) && mm.len() == 2 && fields[2..].iter().all(|d| unknown(d) && d.len() == 2) =>
            {
                DateValue::Year { y }
            }
            [mm, dd] if known(mm, 2) && unknown(dd) && dd.len() == 2 => {
                let m: u32 = mm.parse().map_err(|_| syntax("bad month"))?;
                if !(1..=12).contains(&m) {
                    return Err(errs.err(
                        DateErrorKind::OutOfRange,
                        body,
                        format!("there is no month {mm}: months are 01-12"),
                    ));
                }
                DateValue::Month { y, m }
            }
            _ => {
                return Err(syntax(
                    "X stands for whole digits at the end: 193X, 19XX, 1938-XX, 1938-10-XX",
                ));
            }
        }
    };
    value
        .check()
        .map_err(|m| errs.err(DateErrorKind::OutOfRange, body, m))?;
    Ok(SingleDate { value, qualifiers })
}
