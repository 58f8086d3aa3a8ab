//! Sizes of groups of people in running text: `六七百人`, `2万余人`,
//! `上千名`, `200人以上` (read by the size model), and in English `more
//! than 20,000 members`, `six or seven hundred`, `over 500`.
use std::ops::Range;

use super::words::{Word, words};
use crate::model::SizeRange;

/// The longest size phrase the scanner tries before 人 or 名 (characters).
const MAX_SIZE: usize = 10;

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "一二两三四五六七八九十百千万亿○〇零数几上约余多".contains(c)
}

/// Every size of people in a Chinese `text` (phrases ending in 人 or 名,
/// with 以上 or 左右 after them), with its byte range.
pub fn sizes_zh(text: &str) -> Vec<(Range<usize>, SizeRange)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let mut out: Vec<(Range<usize>, SizeRange)> = Vec::new();
    for end in 0..chars.len() {
        if !matches!(chars[end].1, '人' | '名') {
            continue;
        }
        // The whole number: from the first numeral of the run before 人.
        let best = (end.saturating_sub(MAX_SIZE)..end)
            .filter(|&s| is_numeral(chars[s].1) && (s == 0 || !is_numeral(chars[s - 1].1)))
            .find_map(|s| {
                let with_tail = ["以上", "左右", "上下"].iter().find_map(|tail| {
                    let n = tail.chars().count();
                    let t: String = chars[end + 1..(end + 1 + n).min(chars.len())]
                        .iter()
                        .map(|c| c.1)
                        .collect();
                    (t == *tail).then_some(end + 1 + n)
                });
                [with_tail, Some(end + 1)].into_iter().flatten().find_map(|e| {
                    let span = byte_at(s)..byte_at(e);
                    text[span.clone()].parse::<SizeRange>().ok().map(|r| (span, r))
                })
            });
        if let Some((span, r)) = best
            && out.last().is_none_or(|(last, _)| span.start >= last.end)
        {
            out.push((span, r));
        }
    }
    out
}

const SMALL: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn small_number(w: &str) -> Option<u32> {
    if let Some(n) = SMALL.iter().position(|x| *x == w) {
        return Some(n as u32);
    }
    TENS.iter().position(|x| *x == w).map(|n| 20 + 10 * n as u32)
}

fn multiplier(w: &str) -> Option<u32> {
    match w {
        "hundred" => Some(100),
        "thousand" => Some(1000),
        _ => None,
    }
}

/// Nouns of people after a count (and words ending like them).
fn is_people(w: &str) -> bool {
    [
        "people", "men", "women", "persons", "members", "strong", "cadres", "troops", "hands", "youths",
    ]
    .contains(&w)
        || w.ends_with("men")
        || w.ends_with("ers")
        || w.ends_with("ists")
}

/// A count at `i`: digits (`20,000`), `six or seven hundred`, `several
/// hundred`, `a thousand`, `twenty`; its (min, max) and how many words.
fn count_at(w: &[Word], i: usize) -> Option<(usize, u32, u32)> {
    let at = |k: usize| w.get(i + k).map(|x| x.lower.as_str());
    let cur = at(0)?;
    if cur.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        let n: u32 = cur.replace(',', "").parse().ok()?;
        return Some((1, n, n));
    }
    // six or seven hundred
    if let (Some(a), Some("or"), Some(b), Some(m)) = (
        small_number(cur),
        at(1),
        at(2).and_then(small_number),
        at(3).and_then(multiplier),
    ) {
        return Some((4, a * m, b * m));
    }
    if let (Some("several" | "some"), Some(m)) = (Some(cur), at(1).and_then(multiplier)) {
        return Some((2, 2 * m, 9 * m));
    }
    if cur == "hundreds" {
        return Some((1, 200, 900));
    }
    if cur == "thousands" {
        return Some((1, 2000, 9000));
    }
    let base = if cur == "a" { Some(1) } else { small_number(cur) }?;
    match at(1).and_then(multiplier) {
        Some(m) => Some((2, base * m, base * m)),
        None if cur != "a" => Some((1, base, base)),
        None => None,
    }
}

/// Every size of people in an English `text`, with its byte range: a count
/// followed by people (`500 workers`, `hundreds of miners`), or after "of"
/// with a qualifier (`a unit of over 500`).
pub fn sizes_en(text: &str) -> Vec<(Range<usize>, SizeRange)> {
    let w = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let lower = |k: usize| w.get(k).map(|x| x.lower.as_str());
        let (q, more, about) = match (lower(i), lower(i + 1)) {
            (Some("more" | "over" | "upwards"), Some("than" | "of")) => (2, true, false),
            (Some("at"), Some("least")) => (2, true, false),
            (Some("over"), _) => (1, true, false),
            (Some("about" | "around" | "some" | "nearly" | "almost" | "roughly"), _) => (1, false, true),
            _ => (0, false, false),
        };
        let Some((n, min, max)) = count_at(&w, i + q) else {
            i += 1;
            continue;
        };
        let mut end = i + q + n;
        if lower(end) == Some("of") && lower(end + 1).is_some_and(is_people) {
            end += 1;
        }
        let people = lower(end).is_some_and(is_people);
        let after_of = i > 0 && lower(i - 1) == Some("of") && (q > 0 || n >= 2);
        if !(people || after_of) || (min == 0 && max == 0) {
            i += 1;
            continue;
        }
        let last = if people { end } else { end - 1 };
        let span = w[i].span.start..w[last].span.end;
        let (lo, hi) = if about {
            (min - min / 10, Some(max + max / 10))
        } else if more {
            (min, None)
        } else {
            (min, Some(max))
        };
        out.push((
            span.clone(),
            SizeRange {
                min: lo,
                max: hi,
                text: text[span].to_string(),
            },
        ));
        i = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(text: &str) -> Vec<(String, u32, Option<u32>)> {
        sizes_zh(text)
            .into_iter()
            .map(|(s, r)| (text[s].to_string(), r.min, r.max))
            .collect()
    }

    #[test]
    fn chinese_sizes_as_the_size_model_reads_them() {
        assert_eq!(
            zh(
                "组成了有六七百人的太原工人自卫队，全市参加工会的职工达2 万余人。康永和等11人当选。在200人以上的有9个，把上千名失业工人送往。"
            ),
            [
                ("六七百人".into(), 600, Some(700)),
                ("2 万余人".into(), 20000, None),
                ("11人".into(), 11, Some(11)),
                ("200人以上".into(), 200, None),
                ("上千名".into(), 1000, None),
            ]
        );
        assert!(
            zh("二○五旅，毁机车13辆，工人运动").is_empty(),
            "no count of people"
        );
    }

    #[test]
    fn english_sizes_of_people() {
        let t = "a corps of six or seven hundred; more than 20,000 members joined; a unit of over 500. \
                 Hundreds of miners came, and 13 locomotives were wrecked in 1938.";
        let got: Vec<(String, u32, Option<u32>)> = sizes_en(t)
            .into_iter()
            .map(|(s, r)| (t[s].to_string(), r.min, r.max))
            .collect();
        assert_eq!(
            got,
            [
                ("six or seven hundred".into(), 600, Some(700)),
                ("more than 20,000 members".into(), 20000, None),
                ("over 500".into(), 500, None),
                ("Hundreds of miners".into(), 200, Some(900)),
            ]
        );
    }
}
