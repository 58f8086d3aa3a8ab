//! Chinese date phrases: `1937年10月初`, `1937年冬`, `约1938年春`,
//! `1937年12月至1938年1月`, `1938年3月以后`.

use super::{
    DateError, DateErrorKind, DateForm, DateValue, Errs, MAX_YEAR, PartOfMonth, PartOfYear, PartStyle,
    Qualifiers, Season, SingleDate,
};

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

pub(super) fn parse_zh(s: &str, errs: &Errs) -> Result<DateForm, DateError> {
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
