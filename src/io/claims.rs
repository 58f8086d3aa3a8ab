//! Checks that the data claims no more than its text: a range that ends on
//! a day nobody gives, a line drawn as lost or cut where no stretch is
//! named, English that drops the text's "more than", a date read from the
//! context without saying how, a tour caption that states a year its events
//! do not have. Each is a warning naming the record: the data still loads.
use std::collections::HashSet;

use super::problem::Problem;
use super::text::Texts;
use crate::model::date::{Day, format_iso};
use crate::model::date_scan::dates_in;
use crate::model::size::thousands;
use crate::model::{Dataset, DateBasis, Event, EventKind, HistDate, Origin, ReadingOf, Tour};

/// Appends a warning for every claim of `ds`'s events beyond the text.
pub fn check(ds: &Dataset, texts: &Texts, problems: &mut Vec<Problem>) {
    let mut warn = Warn { texts, problems };
    let given = given_days(ds);
    for e in &ds.events {
        range_end(&mut warn, e, &given);
        date_reading(&mut warn, e);
        stretches(&mut warn, ds, e);
        more_than(&mut warn, e);
    }
}

/// Appends a warning for every year a caption of `tour` states that the
/// events it points at do not have.
pub fn check_tour(tour: &Tour, ds: &Dataset, texts: &Texts, problems: &mut Vec<Problem>) {
    let mut warn = Warn { texts, problems };
    for step in &tour.steps {
        // A step naming events or units the data lacks is reported as such;
        // what its caption claims cannot be weighed against them.
        let lacking = step.events.iter().any(|id| ds.event(id).is_none())
            || step.units.iter().any(|id| ds.unit(id).is_none());
        if lacking {
            continue;
        }
        let record = format!("tour '{}' step {}", tour.id, step.number);
        // What the step highlights: its events and every event of its units.
        let shown: Vec<&Event> = (ds.events.iter())
            .filter(|e| step.events.contains(&e.id) || e.units.iter().any(|u| step.units.contains(u)))
            .collect();
        for caption in [&step.caption_zh, &step.caption_en] {
            for clause in clauses(caption) {
                for year in years_in(clause) {
                    caption_year(&mut warn, &step.origin, &record, clause, year, &shown);
                }
            }
        }
        // The English caption keeps "more than" for the sizes it repeats.
        for e in &shown {
            let Some(size) = e.size.as_ref().filter(|s| s.max.is_none()) else {
                continue;
            };
            // (A caption may give the same number bare for another event,
            // 5,000 men beside more than 5,000: one kept mention is enough.)
            let said = mentions(&step.caption_en, size.min);
            if let Some((bare, _)) = said.first().filter(|_| said.iter().all(|(_, kept)| !kept)) {
                let msg = format!(
                    "caption_en says '{bare}' where event '{}' has '{}': write 'more than {bare}' or 'over {bare}'",
                    e.id, size.text
                );
                warn.at(&step.origin, &record, bare, msg);
            }
        }
    }
}

struct Warn<'a> {
    texts: &'a Texts,
    problems: &'a mut Vec<Problem>,
}

impl Warn<'_> {
    fn at(&mut self, origin: &Origin, record: &str, value: &str, msg: String) {
        let p = super::validate::at_value(self.texts, origin, record.to_string(), value, msg);
        self.problems.push(p.warning());
    }
}

fn record(e: &Event) -> String {
    format!("event '{}'", e.id)
}

/// The days a date stands for: its four bounds, open ends left out.
fn bounds(d: &HistDate) -> impl Iterator<Item = Day> {
    [d.earliest_start, d.latest_start, d.earliest_end, d.latest_end]
        .into_iter()
        .filter(|&x| x != Day::MIN && x != Day::MAX)
}

/// Days that the source texts write, or that an event dated by the text or
/// by a reference stands for (the fall of Taiyuan, of Xuzhou...).
fn given_days(ds: &Dataset) -> HashSet<Day> {
    let written = ds.sources.iter().flat_map(|s| dates_in(&s.text));
    let dated = ds
        .events
        .iter()
        .filter(|e| e.when_basis != DateBasis::Context)
        .map(|e| e.when.clone());
    written
        .chain(dated)
        .flat_map(|d| bounds(&d).collect::<Vec<_>>())
        .collect()
}

/// A range must end where the text, a reference or a dated event says, or
/// stay open: an end made up looks like a fact on the time bar.
fn range_end(w: &mut Warn<'_>, e: &Event, given: &HashSet<Day>) {
    if !e.when.is_interval() || e.when.open_end() || !e.refs.is_empty() {
        return;
    }
    let end = e.when.latest();
    if given.contains(&end) {
        return;
    }
    let start = e.when.text.split('/').next().unwrap_or("");
    let msg = format!(
        "the range ends on {}, a day that neither the source text nor a dated or referenced event gives: \
         end it on such a date, give the reference in \"refs\", or leave the end open (\"{start}/..\")",
        format_iso(end)
    );
    w.at(&e.origin, &record(e), &e.when.text, msg);
}

/// A date read from the context is a reading: the details say so, and why.
fn date_reading(w: &mut Warn<'_>, e: &Event) {
    if e.when_basis == DateBasis::Context && e.reading(ReadingOf::Date).is_none() {
        let msg =
            "the date is read from the context: say how in a \"date\" reading (\"readings\", zh and en), \
                   which the details show as our reading"
                .to_string();
        w.at(&e.origin, &record(e), "when_basis", msg);
    }
}

/// Text without spaces, so that `台 (儿庄) 潍` and `2 万` compare as written.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A line drawn as lost, cut or travelled must be a stretch the quotes name
/// (or the whole line where they say 全线), a reference gives, or a reading
/// explains.
fn stretches(w: &mut Warn<'_>, ds: &Dataset, e: &Event) {
    let verb = match e.kind {
        EventKind::Occupation => "lost",
        EventKind::Sabotage => "sabotaged",
        EventKind::UnitMoved | EventKind::Evacuation => "travelled",
        _ => return,
    };
    if !e.refs.is_empty() || e.reading(ReadingOf::Stretch).is_some() {
        return;
    }
    let quotes: Vec<String> = std::iter::once(&e.quote)
        .chain(&e.also_quotes)
        .map(|q| squeeze(q))
        .collect();
    let says = |word: &str| !word.is_empty() && quotes.iter().any(|q| q.contains(word));
    let fix = "draw the stretches the text or a reference names (\"segments\" with \"refs\"), \
               or explain the stretch drawn in a \"stretch\" reading";
    for id in &e.lines {
        let Some(line) = ds.line(id) else { continue };
        let named = std::iter::once(&line.name_zh)
            .chain(&line.aliases_zh)
            .any(|n| says(n));
        if !(named && (says("全线") || says("全路"))) {
            let msg = format!(
                "the whole line '{id}' is drawn as {verb}, but the quotes do not say the whole line was \
                 (全线) and no reference does: {fix}"
            );
            w.at(&e.origin, &record(e), id, msg);
        }
    }
    for s in &e.segments {
        // An end that is not a known place is reported as such, not here.
        if [&s.from, &s.to].into_iter().any(|id| ds.place(id).is_none()) {
            continue;
        }
        let named = [&s.from, &s.to].into_iter().all(|id| {
            ds.place(id).is_some_and(|p| {
                std::iter::once(&p.name_zh)
                    .chain(p.historical_names.iter().map(|h| &h.zh))
                    .any(|n| says(n))
            })
        });
        if !named {
            let msg = format!(
                "the stretch {}–{} of '{}' is drawn as {verb}, but the quotes do not name its ends \
                 and no reference does: {fix}",
                s.from, s.to, s.line
            );
            w.at(&e.origin, &record(e), &s.from, msg);
        }
    }
}

/// English that drops 余/多/上 ("more than"): a size open above must not
/// be given as a bare number in the title or summary.
fn more_than(w: &mut Warn<'_>, e: &Event) {
    let Some(size) = &e.size else { return };
    if size.max.is_some() {
        return;
    }
    for (field, text) in [("title_en", &e.title_en), ("summary_en", &e.summary_en)] {
        if let Some(bare) = bare_number(text, size.min) {
            let msg = format!(
                "{field} says '{bare}' where the text says '{}': write 'more than {}' or 'over {}'",
                size.text,
                bare.to_lowercase(),
                bare.to_lowercase()
            );
            w.at(&e.origin, &record(e), text, msg);
        }
    }
}

/// Words before a number that keep "more than".
const MORE_BEFORE: [&str; 7] = [
    "more than",
    "over",
    "upwards of",
    "at least",
    "above",
    "in excess of",
    "than",
];
/// Words after a number that keep it.
const MORE_AFTER: [&str; 5] = ["+", " or more", "-odd", " odd", " and more"];

/// The first mention of `n` in `text` (4,000 / 4000 / a thousand) that has
/// no "more than" before it nor "or more" after it.
pub fn bare_number(text: &str, n: u32) -> Option<String> {
    mentions(text, n)
        .into_iter()
        .find(|(_, kept)| !kept)
        .map(|(m, _)| m)
}

/// Every mention of `n` in `text`, as written, and whether it keeps "more
/// than" (a word before it or after it).
fn mentions(text: &str, n: u32) -> Vec<(String, bool)> {
    let mut forms = vec![thousands(u64::from(n)), n.to_string()];
    match n {
        1_000 => forms.extend(["a thousand".to_string(), "one thousand".to_string()]),
        100 => forms.extend(["a hundred".to_string(), "one hundred".to_string()]),
        _ => {}
    }
    forms.dedup();
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for form in forms {
        let mut from = 0;
        while let Some(at) = lower[from..].find(&form).map(|i| i + from) {
            let end = at + form.len();
            from = end;
            let before = &lower[..at];
            let after = &lower[end..];
            // Part of a longer number (14,000, 40001, 2,000.5)?
            let glued_before = before
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || c == ',');
            let glued_after = after.chars().next().is_some_and(|c| c.is_ascii_digit())
                || (after.starts_with(',') && after[1..].starts_with(|c: char| c.is_ascii_digit()));
            if glued_before || glued_after {
                continue;
            }
            let kept = MORE_BEFORE.iter().any(|m| before.trim_end().ends_with(m))
                || MORE_AFTER.iter().any(|m| after.starts_with(m));
            out.push((text[at..end].to_string(), kept));
        }
    }
    out
}

/// A caption cut at the ends of its sentences and clauses (。；; and ". ").
fn clauses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = match c {
            '。' | '；' | ';' | '！' | '？' => Some(i + c.len_utf8()),
            '.' if text[i + 1..].starts_with(' ') || i + 1 == text.len() => Some(i + 1),
            _ => None,
        };
        if let Some(end) = end {
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out.retain(|c| !c.trim().is_empty());
    out
}

/// The years a clause states: four digits from 1000 to 2999 standing alone
/// (1938, 1938年), not part of a longer number.
fn years_in(clause: &str) -> Vec<i32> {
    let b = clause.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        let glued = (i > 0 && b[i - 1] == b',')
            || (j < b.len() && b[j] == b',' && b.get(j + 1).is_some_and(u8::is_ascii_digit));
        if j - i == 4
            && !glued
            && let Ok(y) = clause[i..j].parse::<i32>()
            && (1000..3000).contains(&y)
            && !out.contains(&y)
        {
            out.push(y);
        }
        i = j;
    }
    out
}

fn year_of(d: Day) -> i32 {
    crate::model::date::civil_from_days(d).0
}

/// Whether the event's date may fall in `year`.
fn spans_year(e: &Event, year: i32) -> bool {
    let lo = if e.when.open_start() {
        i32::MIN
    } else {
        year_of(e.when.earliest())
    };
    let hi = if e.when.open_end() {
        i32::MAX
    } else {
        year_of(e.when.latest())
    };
    (lo..=hi).contains(&year)
}

/// Whether a clause names the event by its number of people.
fn names_size(clause: &str, e: &Event) -> bool {
    let Some(size) = &e.size else { return false };
    let zh = squeeze(size.text.trim_end_matches(['人', '名']));
    let clause_squeezed = squeeze(clause);
    if !zh.is_empty() && clause_squeezed.contains(&zh) {
        return true;
    }
    let grouped = thousands(u64::from(size.min));
    [grouped.as_str(), &size.min.to_string()].iter().any(|form| {
        clause.match_indices(form).any(|(at, _)| {
            let before = clause[..at].chars().next_back();
            let after = clause[at + form.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit() || c == ',')
                && !after.is_some_and(|c| c.is_ascii_digit())
        })
    })
}

/// A year in a caption must be one of the events the step points at; where
/// the clause names an event by its size, that event's date must give the
/// year, by the text, a reference, or a reading the details explain.
fn caption_year(w: &mut Warn<'_>, origin: &Origin, record: &str, clause: &str, year: i32, shown: &[&Event]) {
    let needle = year.to_string();
    if !shown.iter().any(|e| spans_year(e, year)) {
        let msg = format!(
            "the caption states {year}, a year none of the step's events has: '{}'",
            clause.trim()
        );
        w.at(origin, record, &needle, msg);
        return;
    }
    for e in shown.iter().filter(|e| names_size(clause, e)) {
        let given = spans_year(e, year)
            && (e.when_basis != DateBasis::Context || e.reading(ReadingOf::Date).is_some());
        if !given {
            let msg = format!(
                "the caption states {year} for event '{}' ({}), whose date '{}' does not give {year} \
                 (when_basis {}, no date reading): '{}'",
                e.id,
                e.size.as_ref().map_or("", |s| s.text.as_str()),
                e.when.text,
                e.when_basis.key(),
                clause.trim()
            );
            w.at(origin, record, &needle, msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_numbers_are_found_and_kept_ones_are_not() {
        assert_eq!(
            bare_number("4,000 workers of four cities join", 4000).as_deref(),
            Some("4,000")
        );
        assert_eq!(bare_number("More than 4,000 workers", 4000), None);
        assert_eq!(bare_number("over 4000 workers", 4000), None);
        assert_eq!(bare_number("a unit of 500-odd", 500), None);
        assert_eq!(bare_number("form a 500-strong unit", 500).as_deref(), Some("500"));
        assert_eq!(
            bare_number("A thousand jobless workers", 1000).as_deref(),
            Some("A thousand")
        );
        assert_eq!(bare_number("more than a thousand jobless", 1000), None);
        assert_eq!(bare_number("14,000 and 40,001 are other numbers", 4000), None);
        assert_eq!(bare_number("no number here", 20), None);
    }

    #[test]
    fn captions_are_cut_into_clauses_with_their_years() {
        let c = clauses("In 1938 over 4,000 joined; in 1939 more joined. The end");
        assert_eq!(
            c,
            ["In 1938 over 4,000 joined;", " in 1939 more joined.", " The end"]
        );
        assert_eq!(years_in(c[0]), [1938]);
        assert_eq!(years_in("1937年9月下旬，100余人"), [1937]);
        assert!(years_in("over 20,000 members; 12345 and 1,938").is_empty());
    }
}
