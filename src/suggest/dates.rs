//! Date phrases of running Chinese text, with where each stands. Dates that
//! write their year (`1937年冬`, `1938年9月下旬`) are read by the date
//! model as they stand; dates a narrative writes without one (`9月下旬`
//! after a dated sentence, `同年5月下旬`, `次年秋`) take it from the text
//! before them, and say so. Nothing is made more precise than written.
use std::ops::Range;

use crate::model::HistDate;
use crate::model::date_scan::date_spans_in;

/// Where a date's year comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearFrom {
    /// The phrase writes it.
    Phrase,
    /// The phrase writes none (or says 同年, 次年): this year, from the
    /// last year the text wrote before it.
    Context(i32),
}

/// A date found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateFound {
    /// The date read, its text as the data would write it (`1937年9月下旬`
    /// for the phrase `9月下旬` after a sentence of 1937).
    pub when: HistDate,
    pub year_from: YearFrom,
}

/// Words that name a year by the one before them, and by how much.
const RELATIVE_YEARS: [(&str, i32); 12] = [
    ("同年", 0),
    ("当年", 0),
    ("是年", 0),
    ("该年", 0),
    ("本年", 0),
    ("次年", 1),
    ("翌年", 1),
    ("第二年", 1),
    ("转年", 1),
    ("前一年", -1),
    ("上一年", -1),
    ("前年", -1),
];

/// The longest phrase tried after a year or a relative year (characters).
const MAX_REST: usize = 12;

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十正".contains(c)
}

/// The last year written in a date phrase (`1937年12月至1938年1月`: 1938).
fn last_written_year(phrase: &str) -> Option<i32> {
    let digits: Vec<char> = phrase.chars().collect();
    let mut last = None;
    let mut i = 0;
    while i < digits.len() {
        if digits[i].is_ascii_digit() {
            let mut j = i;
            while j < digits.len() && digits[j].is_ascii_digit() {
                j += 1;
            }
            let mut k = j;
            while k < digits.len() && digits[k] == ' ' {
                k += 1;
            }
            if j - i == 4 && digits.get(k) == Some(&'年') {
                last = digits[i..j].iter().collect::<String>().parse().ok();
            }
            i = j;
        } else {
            i += 1;
        }
    }
    last
}

/// The longest `{year}年{rest}` that reads as a date, `rest` taken from
/// `chars[from..]`; with its end (char index).
fn read_with_year(
    year: i32,
    chars: &[(usize, char)],
    from: usize,
    allow_empty: bool,
) -> Option<(usize, HistDate)> {
    let max = (from + MAX_REST).min(chars.len());
    let lo = if allow_empty { from } else { from + 1 };
    (lo..=max).rev().find_map(|end| {
        let rest: String = chars[from..end].iter().map(|c| c.1).collect();
        // A bare year reads as a year; a month alone must name a month.
        if rest.ends_with(['，', '。', '、', ' ']) {
            return None;
        }
        format!("{year}年{rest}")
            .parse::<HistDate>()
            .ok()
            .map(|d| (end, d))
    })
}

/// Every date phrase of `text`, in order, with its byte range.
pub fn dates_zh(text: &str) -> Vec<(Range<usize>, DateFound)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let char_at_byte = |b: usize| chars.partition_point(|c| c.0 < b);
    // Dates with their year, each phrase once (a range's second date, read
    // again on its own, is inside the range).
    let mut own: Vec<(Range<usize>, HistDate)> = Vec::new();
    for (span, d) in date_spans_in(text) {
        if own.last().is_none_or(|(last, _)| span.start >= last.end) {
            own.push((span, d));
        }
    }
    let mut out: Vec<(Range<usize>, DateFound)> = Vec::new();
    let mut next_own = 0;
    let mut year: Option<i32> = None;
    let mut i = 0;
    while i < chars.len() {
        if let Some((span, d)) = own.get(next_own)
            && span.start == chars[i].0
        {
            year = last_written_year(&d.text).or(year);
            out.push((
                span.clone(),
                DateFound {
                    when: d.clone(),
                    year_from: YearFrom::Phrase,
                },
            ));
            i = char_at_byte(span.end);
            next_own += 1;
            continue;
        }
        let Some(y) = year else {
            i += 1;
            continue;
        };
        // 同年5月下旬, 次年秋, 同年: a year named by the one before.
        let here: String = chars[i..(i + 3).min(chars.len())].iter().map(|c| c.1).collect();
        if let Some((word, by)) = RELATIVE_YEARS.iter().find(|(w, _)| here.starts_with(w)) {
            let after = i + word.chars().count();
            if let Some((end, d)) = read_with_year(y + by, &chars, after, true) {
                out.push((
                    chars[i].0..byte_at(end),
                    DateFound {
                        when: d,
                        year_from: YearFrom::Context(y + by),
                    },
                ));
                year = Some(y + by);
                i = end;
                continue;
            }
        }
        // 9月下旬, 十月: a month without its year, not part of a number
        // or a count of months (3个月).
        let starts_month = is_numeral(chars[i].1)
            && (i == 0 || !is_numeral(chars[i - 1].1) && chars[i - 1].1 != '第')
            && chars[i..(i + 3).min(chars.len())].iter().any(|c| c.1 == '月');
        if starts_month && let Some((end, d)) = read_with_year(y, &chars, i, false) {
            out.push((
                chars[i].0..byte_at(end),
                DateFound {
                    when: d,
                    year_from: YearFrom::Context(y),
                },
            ));
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String, String, YearFrom)> {
        dates_zh(text)
            .into_iter()
            .map(|(span, d)| {
                let (a, b) = d.when.range_text_iso();
                (text[span].to_string(), a, b, d.year_from)
            })
            .collect()
    }

    #[test]
    fn a_date_without_its_year_takes_the_last_year_written_before_it() {
        let f = found("1937年11月8日，太原失守。9月下旬，在日军进迫石家庄时，工人成立游击队。");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].3, YearFrom::Phrase);
        assert_eq!(
            f[1],
            (
                "9月下旬".into(),
                "1937-09-21".into(),
                "1937-09-30".into(),
                YearFrom::Context(1937)
            )
        );
    }

    #[test]
    fn same_year_and_next_year_are_read_from_the_year_before() {
        let f = found("1937年冬，日军进占磁县。同年5月下旬，工人集合。次年秋，队伍扩大。翌年春又有变化。");
        let got: Vec<_> = f.iter().map(|x| (x.0.as_str(), x.1.as_str(), x.3)).collect();
        assert_eq!(
            got,
            [
                ("1937年冬", "1937-11-01", YearFrom::Phrase),
                ("同年5月下旬", "1937-05-21", YearFrom::Context(1937)),
                ("次年秋", "1938-08-01", YearFrom::Context(1938)),
                ("翌年春", "1939-02-01", YearFrom::Context(1939)),
            ],
            "{f:?}"
        );
    }

    #[test]
    fn a_range_is_one_phrase_and_its_last_year_carries_on() {
        let f = found("1937年12月至1938年1月，在日军占领济南以后。9月，淄博矿工武装队炸毁了博山电厂。");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].0, "1937年12月至1938年1月");
        assert_eq!((f[1].1.as_str(), f[1].3), ("1938-09-01", YearFrom::Context(1938)));
    }

    #[test]
    fn every_form_the_date_model_reads_is_found_in_running_text() {
        let text = "1937年7月7日，事变。1937 年10 月初，工会成立。1937年冬，进占磁县。1938年9月下旬，\
                    又有变化。1938年年初，新四军成立。约1938年春，队伍扩大。到1940年为止，共有26个。\
                    1937年12月至1938年1月，铁路沦陷。1941年后改称东江纵队。";
        let got: Vec<(String, String, String)> = found(text).into_iter().map(|f| (f.0, f.1, f.2)).collect();
        let want = [
            ("1937年7月7日", "1937-07-07", "1937-07-07"),
            ("1937 年10 月初", "1937-10-01", "1937-10-10"),
            ("1937年冬", "1937-11-01", "1938-02-28"),
            ("1938年9月下旬", "1938-09-21", "1938-09-30"),
            ("1938年年初", "1938-01-01", "1938-03-31"),
            ("1938年春", "1938-02-01", "1938-05-31"),
            ("1940年为止", "..", "1940-12-31"),
            ("1937年12月至1938年1月", "1937-12-01", "1938-01-31"),
            ("1941年后", "1941-01-01", ".."),
        ];
        let got_ref: Vec<(&str, &str, &str)> = got
            .iter()
            .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
            .collect();
        assert_eq!(got_ref, want);
    }

    #[test]
    fn counts_of_months_numbers_and_yearless_openings_are_not_dates() {
        assert!(found("9月下旬，工人成立游击队。").is_empty(), "no year before it");
        let f = found("1938年，坚持了3个月，第5月，共13辆。");
        assert_eq!(f.len(), 1, "{f:?}");
    }
}
