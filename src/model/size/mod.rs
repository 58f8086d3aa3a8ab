//! Sizes of groups as the text gives them (六七百人, 2万余人): see issue #2.
//!
//! Sources rarely count exactly: they say "six or seven hundred", "more than
//! twenty thousand", "several hundred". [`SizeRange`] keeps the text and turns
//! it into a range of head counts without inventing precision.
//!
//! | Text                                   | Range                     | English                       |
//! |----------------------------------------|---------------------------|-------------------------------|
//! | `11人`, `5000人`, `26个`, `33 家`      | exactly that number       | `11`, `5,000`                 |
//! | `100余人`, `2万余人`, `十多人`          | the number, open above    | `more than 20,000`            |
//! | `200人以上`                            | the number, open above    | `200 or more`                 |
//! | `上千名`, `上万`, `上百`                | 1,000 / 10,000 / 100, open above | `1,000 or more`        |
//! | `六七百人`, `三四千`, `两三万`, `十七八` | the two readings         | `600–700`                     |
//! | `600-700`, `600–700`, `六百至七百`      | both ends                 | `600–700`                     |
//! | `数十`, `数百`, `数千`, `数万`, `几百`   | 2 to 9 of the unit        | `several hundred (200–900)`   |
//! | `十几`, `二十几`, `十几万`              | 1 to 9 in the place of 几 | `11–19`                       |
//! | `约1000人`, `1000人左右`, `1000人上下`  | ±10 % (rounded down)      | `about 1,000`                 |
//!
//! - Measure words after the number are ignored: 人 名 个 次 人次 辆 家 位
//!   只 艘 架 门 匹 户 件 座 列 节 处 所 起 批 台 条 根 枚 发 头 具 把 挺.
//!   Unit names of armies (旅 团 营 连 师 军 队) are not: `二○五旅` names a
//!   brigade, it does not count one.
//! - 余/多 give the number itself as the minimum (`100余人` is 100 or more);
//!   the text does not say by how much it is exceeded.
//! - 约 on a range (`约六七百人`) keeps the range as given.
//! - Numbers: Arabic digits (full-width too, `20,000` with commas,
//!   `1.5万`), Chinese numerals with 十百千万亿 (`一万五千`, `两万`, `一百零五`,
//!   the spoken `一万五` = 15,000 and `三百五` = 350) and digit strings with
//!   ○/〇/零 as zero (`二○五` = 205). Spaces anywhere are ignored.
//! - Sizes are `u32`; anything larger is an error, as is a range whose end is
//!   below its start.

use std::fmt;
use std::str::FromStr;

/// How many people (or things) a text gives, as a range of whole numbers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SizeRange {
    pub min: u32,
    /// `None`: open above ("more than", "or more").
    pub max: Option<u32>,
    /// The text as given (trimmed), shown as it stands in Chinese.
    pub text: String,
}

/// What kind of mistake a size has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SizeErrorKind {
    Empty,
    /// Something that is not a number or a known word around one.
    NotANumber,
    /// Beyond what a `u32` holds.
    TooLarge,
    /// A range whose end is below its start.
    BadRange,
}

/// Why a size could not be read: what was wrong and in which part.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SizeError {
    pub kind: SizeErrorKind,
    /// The whole text given.
    pub input: String,
    /// The part of it at fault (may equal `input`).
    pub part: String,
    pub message: String,
}

impl fmt::Display for SizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot read the size \"{}\": {}", self.input, self.message)?;
        if !self.part.is_empty() && self.part != self.input {
            write!(f, " (in \"{}\")", self.part)?;
        }
        Ok(())
    }
}

impl std::error::Error for SizeError {}

/// Builds errors about one input so every message names the same text.
struct Errs<'a> {
    input: &'a str,
}

impl Errs<'_> {
    fn err(&self, kind: SizeErrorKind, part: &str, message: impl Into<String>) -> SizeError {
        SizeError {
            kind,
            input: self.input.to_string(),
            part: part.to_string(),
            message: message.into(),
        }
    }
}

// ------------------------------------------------------------- numbers ---

/// Value of a Chinese, Arabic or mixed numeral: `二○五` → 205, `一万五千` →
/// 15000, `2万` → 20000, `1.5万` → 15000, `20,000` → 20000.
///
/// Kept apart from [`parse_size`] so names such as `二○五旅` can be read as
/// numbers without being taken for sizes.
pub fn parse_chinese_number(s: &str) -> Result<u64, SizeError> {
    let text = s.trim();
    let errs = Errs { input: text };
    let norm = normalise(text);
    if norm.is_empty() {
        return Err(errs.err(SizeErrorKind::Empty, "", "there is no number"));
    }
    number_value(&norm, &errs)
}

/// Full-width digits and punctuation to ASCII, spaces removed.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(super::fullwidth::ascii)
        .collect()
}

/// Chinese digit value, 两 and the financial forms included.
fn digit_of(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '○' | '零' | '０' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '貳' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn unit_of(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1_000,
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy)]
enum Tok {
    /// One Chinese digit (0 for 〇/零).
    Digit(u64),
    /// An Arabic number: `value / 10^decimals`.
    Arabic {
        value: u64,
        decimals: u32,
    },
    Unit(u64),
}

fn tokenise(s: &str, errs: &Errs) -> Result<Vec<Tok>, SizeError> {
    let not_number = |msg: String| errs.err(SizeErrorKind::NotANumber, s, msg);
    let too_large = || errs.err(SizeErrorKind::TooLarge, s, "the number is too large");
    let mut toks = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let len = rest
                .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
                .unwrap_or(rest.len());
            let (run, tail) = rest.split_at(len);
            toks.push(arabic(run).ok_or_else(|| {
                not_number(format!(
                    "\"{run}\" is not a number (commas group three digits, one decimal point)"
                ))
            })?);
            if let Some(Tok::Arabic { value: u64::MAX, .. }) = toks.last() {
                return Err(too_large());
            }
            rest = tail;
            continue;
        }
        let tok = if let Some(d) = digit_of(c) {
            Tok::Digit(d)
        } else if let Some(u) = unit_of(c) {
            Tok::Unit(u)
        } else {
            return Err(not_number(format!("\"{c}\" is not part of a number")));
        };
        toks.push(tok);
        rest = &rest[c.len_utf8()..];
    }
    Ok(toks)
}

/// `20,000`, `1.5`, `500`; `None` when malformed, `u64::MAX` when too large.
fn arabic(run: &str) -> Option<Tok> {
    let (int, frac) = match run.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (run, None),
    };
    if let Some((head, groups)) = int.split_once(',') {
        let ok = !head.is_empty()
            && head.len() <= 3
            && groups.split(',').all(|g| g.len() == 3 && !g.contains('.'));
        if !ok {
            return None;
        }
    }
    let frac = frac.unwrap_or("");
    if frac.contains(['.', ',']) || run.ends_with('.') {
        return None;
    }
    let mut digits = int.bytes().chain(frac.bytes()).filter(u8::is_ascii_digit);
    let value = digits.try_fold(0u64, |n, b| n.checked_mul(10)?.checked_add(u64::from(b - b'0')));
    let decimals = u32::try_from(frac.len()).ok()?;
    Some(Tok::Arabic {
        value: value.unwrap_or(u64::MAX),
        decimals,
    })
}

fn number_value(s: &str, errs: &Errs) -> Result<u64, SizeError> {
    let toks = tokenise(s, errs)?;
    let not_number = |msg: &str| errs.err(SizeErrorKind::NotANumber, s, msg);
    let too_large = || errs.err(SizeErrorKind::TooLarge, s, "the number is too large");
    if toks.is_empty() {
        return Err(not_number("there is no number"));
    }
    // Without units: one Arabic number, or Chinese digits read in place (二○五).
    if !toks.iter().any(|t| matches!(t, Tok::Unit(_))) {
        return match toks.as_slice() {
            [Tok::Arabic { value, decimals: 0 }] => Ok(*value),
            [Tok::Arabic { .. }] => Err(not_number("a size is a whole number")),
            _ if toks.iter().all(|t| matches!(t, Tok::Digit(_))) => toks
                .iter()
                .try_fold(0u64, |n, t| match t {
                    Tok::Digit(d) => n.checked_mul(10)?.checked_add(*d),
                    _ => None,
                })
                .ok_or_else(too_large),
            _ => Err(not_number("Arabic and Chinese digits are mixed")),
        };
    }
    let mut big = 0u64; // completed 万 and 亿 sections
    let mut section = 0u64; // the part below 万 being built
    let mut pending: Option<Tok> = None; // a number waiting for its unit
    let mut last_small = u64::MAX; // last of 十百千 in this section
    let mut last_big = u64::MAX; // last of 万亿
    let mut zero_seen = false; // 零 since the last unit: no spoken abbreviation
    for tok in toks {
        match tok {
            Tok::Digit(0) if pending.is_none() => zero_seen = true,
            Tok::Digit(_) | Tok::Arabic { .. } => {
                if pending.is_some() {
                    return Err(not_number("two numbers in a row without a unit between them"));
                }
                pending = Some(tok);
            }
            Tok::Unit(u) => {
                let times = match pending.take() {
                    Some(t) => Some(
                        scaled(t, u)
                            .ok_or_else(too_large)?
                            .ok_or_else(|| not_number("a size is a whole number"))?,
                    ),
                    None => None,
                };
                if u < 10_000 {
                    if u >= last_small {
                        return Err(not_number("units out of order (千 百 十 go downwards)"));
                    }
                    // A bare unit counts one of it: 十 = 10, 百余 = 100 or more.
                    section = section.checked_add(times.unwrap_or(u)).ok_or_else(too_large)?;
                    last_small = u;
                } else {
                    if u >= last_big {
                        return Err(not_number("units out of order (亿 comes before 万)"));
                    }
                    let whole = match (section, times) {
                        (0, None) => u,
                        (sec, times) => sec
                            .checked_mul(u)
                            .and_then(|v| v.checked_add(times.unwrap_or(0)))
                            .ok_or_else(too_large)?,
                    };
                    big = big.checked_add(whole).ok_or_else(too_large)?;
                    section = 0;
                    last_small = u64::MAX;
                    last_big = u;
                }
                zero_seen = false;
            }
        }
    }
    let tail = match pending {
        None => 0,
        // Spoken abbreviation: 三百五 = 350, 一万五 = 15000.
        Some(Tok::Digit(d)) if !zero_seen && (100..10_000).contains(&last_small) => d * (last_small / 10),
        Some(Tok::Digit(d)) if !zero_seen && section == 0 && last_big != u64::MAX => {
            d.checked_mul(last_big / 10).ok_or_else(too_large)?
        }
        Some(t) => scaled(t, 1)
            .ok_or_else(too_large)?
            .ok_or_else(|| not_number("a size is a whole number"))?,
    };
    big.checked_add(section)
        .and_then(|v| v.checked_add(tail))
        .ok_or_else(too_large)
}

/// `tok × unit`; outer `None` on overflow, inner `None` when not whole.
fn scaled(tok: Tok, unit: u64) -> Option<Option<u64>> {
    match tok {
        Tok::Digit(d) => Some(Some(d.checked_mul(unit)?)),
        Tok::Arabic { value, decimals } => {
            let v = u128::from(value) * u128::from(unit);
            let div = 10u128.checked_pow(decimals)?;
            if v % div != 0 {
                return Some(None);
            }
            Some(Some(u64::try_from(v / div).ok()?))
        }
        Tok::Unit(_) => Some(None),
    }
}

// --------------------------------------------------------------- sizes ---

/// Words after a number that say what is counted; ignored.
/// `人次` comes before `人` so the longer word is stripped whole.
const MEASURE_WORDS: [&str; 31] = [
    "人次", "人", "名", "个", "次", "辆", "家", "位", "只", "艘", "架", "门", "匹", "户", "件", "座", "列",
    "节", "处", "所", "起", "批", "台", "条", "根", "枚", "发", "头", "具", "把", "挺",
];
const RANGE_MARKS: [char; 6] = ['-', '–', '—', '~', '至', '到'];

/// How the text phrased the size; drives the English display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Exact,
    Range,
    /// 余, 多.
    MoreThan,
    /// 以上, 上千.
    AtLeast,
    /// 数百, 几千: 2-9 of `unit`.
    Several {
        unit: u64,
    },
    /// 约, 左右, 上下.
    About,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parsed {
    min: u64,
    max: Option<u64>,
    kind: Kind,
    /// 约 on something already a range: shown, not widened.
    about: bool,
}

/// Reads a size as the text gives it: `六七百人`, `2万余人`, `200人以上`.
pub fn parse_size(s: &str) -> Result<SizeRange, SizeError> {
    let text = s.trim();
    let errs = Errs { input: text };
    let p = analyse(text, &errs)?;
    let fit = |n: u64| {
        u32::try_from(n).map_err(|_| {
            errs.err(
                SizeErrorKind::TooLarge,
                "",
                format!("{n} is more than a size can hold ({})", u32::MAX),
            )
        })
    };
    Ok(SizeRange {
        min: fit(p.min)?,
        max: p.max.map(fit).transpose()?,
        text: text.to_string(),
    })
}

impl FromStr for SizeRange {
    type Err = SizeError;

    fn from_str(s: &str) -> Result<SizeRange, SizeError> {
        parse_size(s)
    }
}

fn analyse(text: &str, errs: &Errs) -> Result<Parsed, SizeError> {
    let norm = normalise(text);
    if norm.is_empty() {
        return Err(errs.err(SizeErrorKind::Empty, "", "the size is empty"));
    }
    let mut body = norm.as_str();
    let mut about = false;
    let mut more_than = false;
    let mut at_least = false;
    for prefix in ["大约", "约"] {
        if let Some(rest) = body.strip_prefix(prefix) {
            body = rest;
            about = true;
            break;
        }
    }
    // 上千, 上万: "reaching a thousand", so at least that.
    if let Some(rest) = body.strip_prefix('上')
        && rest.chars().next().and_then(unit_of).is_some()
    {
        body = rest;
        at_least = true;
    }
    if let Some(rest) = body.strip_suffix("以上") {
        body = rest;
        at_least = true;
    }
    for suffix in ["左右", "上下"] {
        if let Some(rest) = body.strip_suffix(suffix) {
            body = rest;
            about = true;
        }
    }
    if let Some(rest) = MEASURE_WORDS.iter().find_map(|w| body.strip_suffix(w)) {
        body = rest;
    }
    if let Some(rest) = body.strip_suffix(['余', '多']) {
        body = rest;
        more_than = true;
    }
    if usize::from(about) + usize::from(more_than) + usize::from(at_least) > 1 {
        return Err(errs.err(
            SizeErrorKind::NotANumber,
            &norm,
            "use one of 约/左右, 余/多 and 以上/上千, not several",
        ));
    }
    if body.is_empty() {
        return Err(errs.err(SizeErrorKind::NotANumber, &norm, "there is no number"));
    }
    let (min, max, kind) = numeral_range(body, errs)?;
    let mut p = Parsed {
        min,
        max: Some(max),
        kind,
        about: false,
    };
    if more_than || at_least {
        p.max = None;
        p.kind = if more_than { Kind::MoreThan } else { Kind::AtLeast };
    } else if about && kind == Kind::Exact {
        // ±10 %, rounded down: "about" gives no more precision than that.
        p.min = min - min / 10;
        p.max = Some(min.saturating_add(min / 10));
        p.kind = Kind::About;
    } else if about {
        p.about = true;
    }
    Ok(p)
}

/// The number part: a dash range, 数/几, paired digits, or one number.
fn numeral_range(body: &str, errs: &Errs) -> Result<(u64, u64, Kind), SizeError> {
    let marks: Vec<(usize, char)> = body
        .char_indices()
        .filter(|(_, c)| RANGE_MARKS.contains(c))
        .collect();
    match marks.as_slice() {
        [] => {}
        [(i, c)] => {
            let (a, b) = (&body[..*i], &body[i + c.len_utf8()..]);
            let lo = number_value(a, errs)?;
            let hi = number_value(b, errs)?;
            if hi < lo {
                return Err(errs.err(
                    SizeErrorKind::BadRange,
                    body,
                    format!("the range ends ({hi}) below its start ({lo})"),
                ));
            }
            return Ok((lo, hi, Kind::Range));
        }
        _ => {
            return Err(errs.err(
                SizeErrorKind::NotANumber,
                body,
                "more than one range mark (-, 至)",
            ));
        }
    }
    let chars: Vec<char> = body.chars().collect();
    // 数百, 数千: "several", 2 to 9 of the unit.
    if chars.first() == Some(&'数') {
        if chars.get(1).is_none_or(|c| unit_of(*c).is_none()) {
            return Err(errs.err(
                SizeErrorKind::NotANumber,
                body,
                "数 must be followed by a unit (数十, 数百, 数千, 数万)",
            ));
        }
        let (lo, hi) = substitute(&chars, 0, ['二', '九'], body, errs)?;
        return Ok((lo, hi, Kind::Several { unit: lo / 2 }));
    }
    // 几: "a few" before a unit (几百: 200-900), "-odd" after one (十几: 11-19).
    let jis: Vec<usize> = (0..chars.len()).filter(|&i| chars[i] == '几').collect();
    match jis.as_slice() {
        [] => {}
        [i] => {
            let after_unit = *i > 0 && unit_of(chars[i - 1]).is_some();
            let before_unit = chars.get(i + 1).is_some_and(|c| unit_of(*c).is_some());
            return if after_unit {
                let (lo, hi) = substitute(&chars, *i, ['一', '九'], body, errs)?;
                Ok((lo, hi, Kind::Range))
            } else if *i == 0 && before_unit {
                let (lo, hi) = substitute(&chars, 0, ['二', '九'], body, errs)?;
                Ok((lo, hi, Kind::Several { unit: lo / 2 }))
            } else {
                Err(errs.err(
                    SizeErrorKind::NotANumber,
                    body,
                    "几 must stand before a unit (几百) or after one (十几)",
                ))
            };
        }
        _ => {
            return Err(errs.err(SizeErrorKind::NotANumber, body, "more than one 几"));
        }
    }
    // 六七百, 十七八: two neighbouring digits next to a unit give two readings.
    for i in 0..chars.len().saturating_sub(1) {
        let (Some(a), Some(b)) = (digit_of(chars[i]), digit_of(chars[i + 1])) else {
            continue;
        };
        let by_unit = chars.get(i + 2).is_some_and(|c| unit_of(*c).is_some())
            || (i > 0 && unit_of(chars[i - 1]).is_some());
        if a >= 1 && b == a + 1 && by_unit {
            let read = |d: char| -> Result<u64, SizeError> {
                let mut v = chars.clone();
                v.splice(i..i + 2, [d]);
                number_value(&v.iter().collect::<String>(), errs)
            };
            return Ok((read(chars[i])?, read(chars[i + 1])?, Kind::Range));
        }
    }
    let n = number_value(body, errs)?;
    Ok((n, n, Kind::Exact))
}

/// Reads `chars` with the character at `at` replaced by each of `digits`.
fn substitute(
    chars: &[char],
    at: usize,
    digits: [char; 2],
    body: &str,
    errs: &Errs,
) -> Result<(u64, u64), SizeError> {
    let read = |digit: char| -> Result<u64, SizeError> {
        let mut v = chars.to_vec();
        if let Some(slot) = v.get_mut(at) {
            *slot = digit;
        }
        number_value(&v.iter().collect::<String>(), errs).map_err(|mut e| {
            e.part = body.to_string();
            e
        })
    };
    Ok((read(digits[0])?, read(digits[1])?))
}

// ------------------------------------------------------------- display ---

impl SizeRange {
    /// The text as the source gives it.
    pub fn display_zh(&self) -> String {
        self.text.clone()
    }

    /// English that keeps the text's vagueness: `600–700`,
    /// `more than 20,000`, `several hundred (200–900)`, `about 1,000`.
    pub fn display_en(&self) -> String {
        let (min, max) = (u64::from(self.min), self.max.map(u64::from));
        // The kind of phrase is read again from the text; a hand-built value
        // whose numbers disagree with its text is shown from its numbers.
        let parsed = analyse(self.text.trim(), &Errs { input: &self.text })
            .ok()
            .filter(|p| p.min == min && p.max == max);
        let plain = || match max {
            Some(hi) if hi == min => thousands(min),
            Some(hi) => format!("{}–{}", thousands(min), thousands(hi)),
            None => format!("{} or more", thousands(min)),
        };
        let Some(p) = parsed else {
            return plain();
        };
        let text = match p.kind {
            Kind::MoreThan => format!("more than {}", thousands(min)),
            Kind::About => format!("about {}", thousands(midpoint_of(min, max).unwrap_or(min))),
            Kind::Several { unit } => format!("{} ({})", several(unit), plain()),
            Kind::Exact | Kind::Range | Kind::AtLeast => plain(),
        };
        if p.about { format!("about {text}") } else { text }
    }

    /// Whether `n` people fit what the text says.
    pub fn contains(&self, n: u32) -> bool {
        n >= self.min && self.max.is_none_or(|max| n <= max)
    }

    /// Middle of the range, rounded down; `None` when open above.
    pub fn midpoint(&self) -> Option<u32> {
        midpoint_of(self.min.into(), self.max.map(u64::from)).and_then(|m| u32::try_from(m).ok())
    }
}

fn midpoint_of(min: u64, max: Option<u64>) -> Option<u64> {
    max.map(|max| (min + max) / 2)
}

/// `20000` → `20,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// English for 数十, 数百 …, by the unit multiplied.
fn several(unit: u64) -> String {
    match unit {
        10 => "dozens".to_string(),
        100 => "several hundred".to_string(),
        1_000 => "several thousand".to_string(),
        10_000 => "tens of thousands".to_string(),
        100_000 => "hundreds of thousands".to_string(),
        1_000_000 => "several million".to_string(),
        _ => format!("several times {}", thousands(unit)),
    }
}

#[cfg(test)]
mod tests;
