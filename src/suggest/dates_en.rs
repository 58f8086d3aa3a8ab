//! Date phrases of running English text: `8 November 1937`, `November 8,
//! 1937`, `early March 1938`, `in the winter of 1937`, `the end of 1938`,
//! `1939`; and without a year (`in late September` after a dated
//! sentence, `the following year`), which take it from the text before.
//! Each is rewritten in the date model's Chinese form (`1938年3月初`) and
//! read by it, so both languages mean the same days.
use std::ops::Range;

use super::dates::{DateFound, YearFrom};
use super::words::{Word, words};
use crate::model::HistDate;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == w || (m.starts_with(w) && (w.len() == 3 || w == "sept")))
        .map(|i| i as u32 + 1)
}

fn season(w: &str) -> Option<&'static str> {
    match w {
        "spring" => Some("春"),
        "summer" => Some("夏"),
        "autumn" | "fall" => Some("秋"),
        "winter" => Some("冬"),
        _ => None,
    }
}

fn year(w: &Word) -> Option<i32> {
    (w.text.len() == 4 && w.text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.text.parse().ok())
        .flatten()
        .filter(|y| (1000..=2100).contains(y))
}

fn day(w: &Word) -> Option<u32> {
    let t = w
        .lower
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    t.parse().ok().filter(|d| (1..=31).contains(d))
}

/// A part of a month: the model's words for it.
fn part_of_month(w: &[Word], i: usize) -> Option<(usize, &'static str)> {
    let at = |k: usize| w.get(i + k).map(|x| x.lower.as_str());
    match (at(0), at(1), at(2)) {
        (Some("early"), _, _) => Some((1, "初")),
        (Some("mid" | "middle"), _, _) => Some((1, "中旬")),
        (Some("late"), _, _) => Some((1, "下旬")),
        (Some("the"), Some("end"), Some("of")) => Some((3, "底")),
        (Some("the"), Some("beginning" | "start"), Some("of")) => Some((3, "初")),
        (Some("the"), Some("middle"), Some("of")) => Some((3, "中旬")),
        _ => None,
    }
}

/// Year words that name a year by the one before (`the following year`).
fn relative_year(w: &[Word], i: usize) -> Option<(usize, i32)> {
    let at = |k: usize| w.get(i + k).map(|x| x.lower.as_str());
    match (at(0), at(1), at(2)) {
        (Some("that"), Some("year"), _) => Some((2, 0)),
        (Some("the"), Some("same"), Some("year")) => Some((3, 0)),
        (Some("the"), Some("following" | "next"), Some("year")) => Some((3, 1)),
        (Some("the"), Some("previous"), Some("year")) => Some((3, -1)),
        _ => None,
    }
}

/// A year after a month or season: written, or named by the one before.
#[derive(Debug, Clone, Copy)]
enum YearSpec {
    Written(i32),
    Relative(i32),
}

/// Words before a bare year that make it a date (`in 1939`, `by 1940`).
const YEAR_CUES: [&str; 16] = [
    "in", "by", "since", "until", "till", "from", "during", "of", "to", "and", "after", "before", "around",
    "about", "between", "through",
];

/// What the words from `i` say, as the model's Chinese text with `{Y+n}`
/// for a year not written (n: how far from the last year written); and
/// how many words it takes.
fn read_at(w: &[Word], i: usize) -> Option<(usize, String)> {
    let (skip, part) = part_of_month(w, i).unwrap_or((0, ""));
    let k = i + skip;
    let cur = w.get(k)?;
    // 8 November 1937
    if let Some(d) = day(cur)
        && let Some(m) = w.get(k + 1).filter(|x| x.capital).and_then(|x| month(&x.lower))
    {
        let (n, y) = year_after(w, k + 2);
        return part
            .is_empty()
            .then(|| (k + 2 + n - i, format!("{}年{m}月{d}日", y_text(y))));
    }
    // November 8, 1937; November 1937; early March 1938; late September
    if cur.capital
        && let Some(m) = month(&cur.lower)
    {
        if let Some(d) = w.get(k + 1).filter(|x| year(x).is_none()).and_then(day) {
            let (n, y) = year_after(w, k + 2);
            return part
                .is_empty()
                .then(|| (k + 2 + n - i, format!("{}年{m}月{d}日", y_text(y))));
        }
        let (n, y) = year_after(w, k + 1);
        // "May" alone opens too many sentences to be a date.
        if y.is_none() && part.is_empty() && m == 5 {
            return None;
        }
        return Some((k + 1 + n - i, format!("{}年{m}月{part}", y_text(y))));
    }
    // the winter of 1937; spring of the following year
    let k = if cur.lower == "the" && skip == 0 { k + 1 } else { k };
    if let Some(s) = w.get(k).and_then(|x| season(&x.lower)) {
        let (n, y) = year_after(w, k + 1);
        return (y.is_some() && part.is_empty()).then(|| (k + 1 + n - i, format!("{}年{s}", y_text(y))));
    }
    // 1939 after a cue; early 1938; the end of 1938
    let y = w.get(k).and_then(year)?;
    let cued = i > 0 && YEAR_CUES.contains(&w[i - 1].lower.as_str());
    let part = match part {
        "" if cued => "",
        "初" => "初",
        "底" | "下旬" => "底",
        _ => return None,
    };
    Some((k + 1 - i, format!("{y}年{part}")))
}

/// A year right after (`1937`, `of 1937`, `of that year`): how many words
/// and which year.
fn year_after(w: &[Word], k: usize) -> (usize, Option<YearSpec>) {
    let of = usize::from(w.get(k).is_some_and(|x| x.lower == "of"));
    if let Some(y) = w.get(k + of).and_then(year) {
        return (1 + of, Some(YearSpec::Written(y)));
    }
    if let Some((n, by)) = relative_year(w, k + of) {
        return (n + of, Some(YearSpec::Relative(by)));
    }
    (0, None)
}

fn y_text(y: Option<YearSpec>) -> String {
    match y {
        Some(YearSpec::Written(y)) => y.to_string(),
        Some(YearSpec::Relative(by)) => format!("{{Y{by:+}}}"),
        None => "{Y+0}".to_string(),
    }
}

/// Every date phrase of an English `text`, in order, with its byte range.
pub fn dates_en(text: &str) -> Vec<(Range<usize>, DateFound)> {
    let w = words(text);
    let mut out = Vec::new();
    let mut last_year: Option<i32> = None;
    let mut i = 0;
    while i < w.len() {
        let Some((n, model_text)) = read_at(&w, i) else {
            i += 1;
            continue;
        };
        let (text_zh, year_from) = if let Some(start) = model_text.find("{Y") {
            let end = model_text[start..]
                .find('}')
                .map_or(model_text.len(), |e| start + e + 1);
            let by: i32 = model_text[start + 2..end - 1].parse().unwrap_or(0);
            let Some(y) = last_year.map(|y| y + by) else {
                i += n.max(1);
                continue;
            };
            (
                format!("{}{}{}", &model_text[..start], y, &model_text[end..]),
                YearFrom::Context(y),
            )
        } else {
            (model_text, YearFrom::Phrase)
        };
        let Ok(when) = text_zh.parse::<HistDate>() else {
            i += 1;
            continue;
        };
        if let Some(y) = text_zh.get(..4).and_then(|y| y.parse().ok()) {
            last_year = Some(y);
        }
        let span = w[i].span.start..w[i + n - 1].span.end;
        out.push((span, DateFound { when, year_from }));
        i += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String, String, YearFrom)> {
        dates_en(text)
            .into_iter()
            .map(|(span, d)| {
                let (a, b) = d.when.range_text_iso();
                (text[span].to_string(), a, b, d.year_from)
            })
            .collect()
    }

    #[test]
    fn reads_the_forms_an_english_narrative_writes() {
        let f = found(
            "Taiyuan fell on 8 November 1937. In the winter of 1937 the Japanese took Cixian. \
             Early March 1938 saw fighting; on March 5, 1938 a bridge was blown. By 1939 the unit had grown. \
             At the end of 1938 it moved.",
        );
        let got: Vec<(&str, &str, &str)> = f
            .iter()
            .map(|x| (x.0.as_str(), x.1.as_str(), x.2.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("8 November 1937", "1937-11-08", "1937-11-08"),
                ("the winter of 1937", "1937-11-01", "1938-02-28"),
                ("Early March 1938", "1938-03-01", "1938-03-10"),
                ("March 5, 1938", "1938-03-05", "1938-03-05"),
                ("1939", "1939-01-01", "1939-12-31"),
                ("the end of 1938", "1938-10-01", "1938-12-31"),
            ],
            "{f:?}"
        );
        assert!(f.iter().all(|x| x.3 == YearFrom::Phrase));
    }

    #[test]
    fn a_month_without_a_year_takes_the_last_year_written() {
        let f = found(
            "Taiyuan fell on 8 November 1937. In late September, as the Japanese neared Shijiazhuang, they formed a unit; in the spring of the following year it grew.",
        );
        assert_eq!(f.len(), 3, "{f:?}");
        assert_eq!(
            (f[1].0.as_str(), f[1].1.as_str(), f[1].3),
            ("late September", "1937-09-21", YearFrom::Context(1937))
        );
        assert_eq!(
            (f[2].0.as_str(), f[2].3),
            ("the spring of the following year", YearFrom::Context(1938))
        );
    }

    #[test]
    fn words_that_only_look_like_dates_are_left() {
        assert!(found("They may march in 12000 steps; 2,000 men marched.").is_empty());
    }
}
