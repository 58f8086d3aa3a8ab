//! What a phrase of the source proposes for a new event: its date (its own
//! year, or a year from the text before it, said which), its size, and the
//! places the gazetteer knows in it. Proposals only: the user confirms.
use crate::model::date_scan::dates_in;
use crate::model::{Dataset, HistDate, SizeRange};

pub use crate::suggest::YearFrom;

/// What a phrase proposes.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub quote: String,
    /// The date as it would be written in the data, and where its year is from.
    pub when: Option<(String, YearFrom)>,
    pub size: Option<String>,
    /// Place ids, in the order the phrase names them.
    pub places: Vec<String>,
}

/// Month and season words a phrase may date itself with, longest first
/// (each is tried after a year: `1937年` + `9月下旬`).
fn date_parts(phrase: &str) -> Vec<String> {
    let chars: Vec<char> = phrase.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len() {
        for len in (1..=8.min(chars.len() - i)).rev() {
            let part: String = chars[i..i + len].iter().collect();
            let starts_well = part
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || "春夏秋冬一二三四五六七八九十".contains(c));
            if starts_well && (part.contains('月') || part.chars().all(|c| "春夏秋冬季".contains(c))) {
                out.push(part);
            }
        }
    }
    out.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    out
}

/// The longest size phrase ending in 人 or 名 (`六七百人`, `2万余人`).
fn size_in(phrase: &str) -> Option<String> {
    let chars: Vec<char> = phrase.chars().collect();
    let mut best: Option<String> = None;
    for (end, &c) in chars.iter().enumerate() {
        if c != '人' && c != '名' {
            continue;
        }
        for start in end.saturating_sub(10)..end {
            let s: String = chars[start..=end].iter().collect();
            if s.parse::<SizeRange>().is_ok()
                && best
                    .as_ref()
                    .is_none_or(|b| b.chars().count() < s.chars().count())
            {
                best = Some(s);
                break;
            }
        }
    }
    best
}

/// The places whose Chinese name (now or historical) the phrase writes,
/// longest names first, each part of the phrase taken once.
fn places_in(phrase: &str, ds: &Dataset) -> Vec<String> {
    let mut names: Vec<(&str, &str)> = Vec::new();
    for p in &ds.places {
        names.push((p.name_zh.as_str(), p.id.as_str()));
        for h in &p.historical_names {
            names.push((h.zh.as_str(), p.id.as_str()));
        }
    }
    names.retain(|(n, _)| n.chars().count() >= 2);
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    let mut taken = vec![false; phrase.len()];
    let mut found: Vec<(usize, String)> = Vec::new();
    for (name, id) in names {
        for (at, _) in phrase.match_indices(name) {
            if taken[at..at + name.len()].iter().any(|&t| t) {
                continue;
            }
            taken[at..at + name.len()].iter_mut().for_each(|t| *t = true);
            if !found.iter().any(|(_, f)| f == id) {
                found.push((at, id.to_string()));
            }
        }
    }
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

/// What the phrase `text[start..end]` proposes (byte offsets).
pub fn propose(text: &str, start: usize, end: usize, ds: &Dataset) -> Proposal {
    let phrase = text.get(start..end).unwrap_or("").trim();
    let own = dates_in(phrase)
        .into_iter()
        .next()
        .map(|d| (d.text, YearFrom::Phrase));
    let when = own.or_else(|| {
        let before = dates_in(text.get(..start).unwrap_or(""));
        let last = before.last()?;
        let year = crate::model::date::civil_from_days(last.latest_start).0;
        let read = date_parts(phrase)
            .into_iter()
            .map(|p| format!("{year}年{p}"))
            .find(|t| t.parse::<HistDate>().is_ok());
        // Nothing dates the phrase itself: the text's last date, as context.
        Some((read.unwrap_or_else(|| last.text.clone()), YearFrom::Context(year)))
    });
    Proposal {
        quote: phrase.to_string(),
        when,
        size: size_in(phrase),
        places: places_in(phrase, ds),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> String {
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/geodata/source/000_c067ff9c493143ab.txt"
        ))
        .unwrap()
    }

    fn at(text: &str, phrase: &str) -> (usize, usize) {
        let i = text.find(phrase).unwrap();
        (i, i + phrase.len())
    }

    #[test]
    fn a_phrase_with_its_year_dates_itself_and_its_places_and_size_are_found() {
        let ds = crate::io::load_bundled().dataset;
        let text = source();
        let (s, e) = at(&text, "1937年冬，日军进占磁县");
        let p = propose(&text, s, e, &ds);
        assert_eq!(p.when, Some(("1937年冬".to_string(), YearFrom::Phrase)));
        assert!(p.places.contains(&"cixian".to_string()), "{:?}", p.places);
        let (s, e) = at(&text, "组成了有六七百人的太原工人自卫队");
        let p = propose(&text, s, e, &ds);
        assert_eq!(p.size.as_deref(), Some("六七百人"));
        assert!(p.places.contains(&"taiyuan".to_string()), "{:?}", p.places);
    }

    #[test]
    fn a_phrase_without_a_year_takes_it_from_the_text_before_and_says_so() {
        let ds = crate::io::load_bundled().dataset;
        let text = source();
        let (s, e) = at(&text, "9月下旬，在日军进迫石家庄时");
        let p = propose(&text, s, e, &ds);
        let (when, from) = p.when.unwrap();
        assert_eq!(when, "1937年9月下旬");
        assert_eq!(from, YearFrom::Context(1937));
        assert!(p.places.contains(&"shijiazhuang".to_string()), "{:?}", p.places);
    }
}
