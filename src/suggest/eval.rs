//! How good the suggestions are, measured on a dataset's own text against
//! the dataset (the bundled one: 92 events, 121 places, curated by hand).
//! The text is read as a new user's would be: with the gazetteer only, not
//! the dataset's places. docs/SUGGEST.md says what counts and the figures.
//!
//! - Places: every occurrence in the text of a Chinese name of a dataset
//!   place (now or historical), longest first, is a mention to find. A
//!   place suggestion is right when it shares characters with one (太原市
//!   where the dataset names 太原) and its first candidate lies within the
//!   place's tolerance or radius (at least 25 km) of the dataset's point. Recall over all mentions and over the settlements
//!   (city, county, town: what GeoNames lists).
//! - Dates: each event dated by the text (basis `text` or `context`) is a
//!   date to find: a date suggestion in its quote's sentence that gives
//!   the event's first or last day. A date suggestion is right when such
//!   an event exists.
//! - Sizes: the same with the events' sizes (same minimum and maximum).
use std::ops::Range;

use super::{Found, PlaceIndex, Suggestion, suggest};
use crate::gazetteer::Gazetteer;
use crate::model::event::DateBasis;
use crate::model::{Dataset, PlaceKind};

/// Found, right and to find, for one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    pub suggested: usize,
    pub right: usize,
    pub to_find: usize,
    pub found: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        self.right as f64 / self.suggested.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.to_find.max(1) as f64
    }
}

#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub places: Score,
    /// Recall over the mentions of settlements only.
    pub settlements: Score,
    pub dates: Score,
    pub sizes: Score,
    /// What was not right, for the docs: kind, phrase, why.
    pub misses: Vec<String>,
}

/// Two phrases share a character (太原市 found where the dataset names 太原).
fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    use crate::model::geo::{LonLat, haversine_km};
    haversine_km(LonLat::new(a.0, a.1), LonLat::new(b.0, b.1))
}

/// The dataset's place mentions in `text`: byte range and place index.
fn mentions(ds: &Dataset, text: &str) -> Vec<(Range<usize>, usize)> {
    let mut names: Vec<(&str, usize)> = Vec::new();
    for (i, p) in ds.places.iter().enumerate() {
        names.push((&p.name_zh, i));
        names.extend(p.historical_names.iter().map(|h| (h.zh.as_str(), i)));
    }
    names.retain(|(n, _)| n.chars().count() >= 2);
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut taken = vec![false; text.len()];
    let mut out = Vec::new();
    for (name, i) in names {
        for (at, _) in text.match_indices(name) {
            let span = at..at + name.len();
            if taken[span.clone()].iter().any(|t| *t) {
                continue;
            }
            taken[span.clone()].iter_mut().for_each(|t| *t = true);
            out.push((span, i));
        }
    }
    out.sort_by_key(|(s, _)| s.start);
    out
}

/// Scores the suggestions for `ds`'s texts, made with `gaz` alone.
pub fn score(ds: &Dataset, gaz: &Gazetteer<'_>) -> Scores {
    let mut sc = Scores::default();
    let index = PlaceIndex::new(&[], gaz);
    for src in &ds.sources {
        let text = src.text.as_str();
        let found: Vec<Suggestion> = suggest(text, &index);
        // Places.
        let gold = mentions(ds, text);
        let place_right = |s: &Suggestion, i: usize| {
            let p = &ds.places[i];
            let Found::Place(f) = &s.found else { return false };
            f.candidates.first().is_some_and(|c| {
                km((c.lon, c.lat), (p.lon, p.lat)) <= p.tolerance_km.max(p.radius_km.unwrap_or(0.0)).max(25.0)
            })
        };
        for s in found.iter().filter(|s| matches!(s.found, Found::Place(_))) {
            sc.places.suggested += 1;
            match gold.iter().find(|(span, _)| overlap(span, &s.span)) {
                Some((_, i)) if place_right(s, *i) => sc.places.right += 1,
                Some((_, i)) => sc.misses.push(format!(
                    "place\t{}\twrong place (dataset: {})",
                    s.phrase, ds.places[*i].id
                )),
                None => sc
                    .misses
                    .push(format!("place\t{}\tnot a place of the dataset", s.phrase)),
            }
        }
        for (span, i) in &gold {
            let settlement = matches!(
                ds.places[*i].kind,
                PlaceKind::City | PlaceKind::County | PlaceKind::Town
            );
            let hit = found.iter().any(|s| overlap(&s.span, span) && place_right(s, *i));
            sc.places.to_find += 1;
            sc.places.found += usize::from(hit);
            if settlement {
                sc.settlements.to_find += 1;
                sc.settlements.found += usize::from(hit);
            }
            if !hit {
                sc.misses.push(format!(
                    "place\t{}\tnot found ({})",
                    &text[span.clone()],
                    ds.places[*i].id
                ));
            }
        }
        // Dates and sizes: per event quoting this text, its quote's sentence.
        let events: Vec<(Range<usize>, &crate::model::Event)> = ds
            .events
            .iter()
            .filter_map(|e| {
                let at = text.find(&e.quote)?;
                let (a, b) = super::sentence(text, &(at..at + e.quote.len()));
                Some((a..b, e))
            })
            .collect();
        let in_sentence = |s: &Suggestion, r: &Range<usize>| s.span.start >= r.start && s.span.end <= r.end;
        let date_of = |s: &Suggestion| match &s.found {
            Found::Date(d) => Some((d.when.earliest(), d.when.latest())),
            _ => None,
        };
        // A date phrase gives an event its date when it gives its start or
        // its end (`1937年11月8日` dates "from 8 November 1937 on").
        let dates_event = |d: (i32, i32), e: &crate::model::Event| {
            let (a, b) = (e.when.earliest(), e.when.latest());
            (d.0 == a && a != i32::MIN) || (d.1 == b && b != i32::MAX)
        };
        let size_of = |s: &Suggestion| match &s.found {
            Found::Size(r) => Some((r.min, r.max)),
            _ => None,
        };
        for s in &found {
            if let Some(d) = date_of(s) {
                sc.dates.suggested += 1;
                let ok = events.iter().any(|(r, e)| in_sentence(s, r) && dates_event(d, e));
                sc.dates.right += usize::from(ok);
                if !ok {
                    sc.misses.push(format!(
                        "date\t{}\tno event of its sentence has this range",
                        s.phrase
                    ));
                }
            }
            if let Some(z) = size_of(s) {
                sc.sizes.suggested += 1;
                let ok = (events.iter())
                    .any(|(r, e)| in_sentence(s, r) && e.size.as_ref().map(|x| (x.min, x.max)) == Some(z));
                sc.sizes.right += usize::from(ok);
                if !ok {
                    sc.misses.push(format!(
                        "size\t{}\tno event of its sentence has this size",
                        s.phrase
                    ));
                }
            }
        }
        for (r, e) in &events {
            if e.when_basis != DateBasis::External {
                sc.dates.to_find += 1;
                let hit = found
                    .iter()
                    .any(|s| in_sentence(s, r) && date_of(s).is_some_and(|d| dates_event(d, e)));
                sc.dates.found += usize::from(hit);
                if !hit {
                    sc.misses
                        .push(format!("date\t{}\tnot found ({})", e.when.text, e.id));
                }
            }
            if let Some(z) = &e.size {
                sc.sizes.to_find += 1;
                let hit = found
                    .iter()
                    .any(|s| in_sentence(s, r) && size_of(s) == Some((z.min, z.max)));
                sc.sizes.found += usize::from(hit);
                if !hit {
                    sc.misses.push(format!("size\t{}\tnot found ({})", z.text, e.id));
                }
            }
        }
    }
    sc
}
