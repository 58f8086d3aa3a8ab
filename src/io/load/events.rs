//! `events.geojson`: the dated events, each a Feature without geometry that
//! names its places, lines, units and the quote it rests on.
use serde::Deserialize;

use super::json::{At, StrOrNum, parse_date, parse_size, read_json};
use crate::io::json_records::Container;
use crate::io::problem::Problem;
use crate::model::Origin;
use crate::model::event::{DateBasis, Event, EventKind, Figure, Reading, ReadingOf, Route, Segment};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSegment {
    line: String,
    from: String,
    to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoute {
    from: String,
    #[serde(default)]
    via: Vec<String>,
    to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    value: String,
    zh: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReading {
    of: String,
    zh: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEventProperties {
    kind: String,
    when: String,
    when_basis: String,
    #[serde(default)]
    refs: Vec<String>,
    title_zh: String,
    title_en: String,
    #[serde(default)]
    places: Vec<String>,
    #[serde(default)]
    segments: Vec<RawSegment>,
    #[serde(default)]
    routes: Vec<RawRoute>,
    #[serde(default)]
    lines: Vec<String>,
    #[serde(default)]
    units: Vec<String>,
    #[serde(default)]
    size: Option<StrOrNum>,
    #[serde(default)]
    figures: Vec<RawFigure>,
    #[serde(default)]
    summary_zh: String,
    #[serde(default)]
    summary_en: String,
    quote: String,
    #[serde(default)]
    also_quotes: Vec<String>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    readings: Vec<RawReading>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEventFeature {
    #[serde(rename = "type")]
    kind: String,
    id: String,
    geometry: Option<serde_json::Value>,
    properties: RawEventProperties,
}

pub(super) fn read_events(file: &str, text: &str, problems: &mut Vec<Problem>) -> Vec<Event> {
    read_json(
        file,
        text,
        Container::FeatureCollection,
        problems,
        |f: RawEventFeature, origin, problems| read_event(file, text, f, origin, problems),
    )
}

/// One feature's event, or `None` with its problems listed.
fn read_event(
    file: &str,
    text: &str,
    f: RawEventFeature,
    origin: Origin,
    problems: &mut Vec<Problem>,
) -> Option<Event> {
    let at = At {
        file,
        text,
        origin: &origin,
        record: format!("event '{}'", f.id),
    };
    let before = problems.len();
    if f.kind != "Feature" {
        problems.push(at.err(
            &f.kind,
            format!("\"type\" is \"{}\"; each record must be a \"Feature\"", f.kind),
        ));
    }
    if f.geometry.as_ref().is_some_and(|g| !g.is_null()) {
        problems.push(at.err(
            "geometry",
            "geometry must be null: events take their coordinates from places.tsv through \"places\"",
        ));
    }
    let p = f.properties;
    let kind = EventKind::from_key(&p.kind);
    if kind.is_none() {
        let keys: Vec<&str> = EventKind::ALL.iter().map(|k| k.key()).collect();
        let msg = format!("unknown kind '{}'; use one of {}", p.kind, keys.join(", "));
        problems.push(at.err(&p.kind, msg));
    }
    let when_basis = DateBasis::from_key(&p.when_basis);
    if when_basis.is_none() {
        problems.push(at.err(
            &p.when_basis,
            format!(
                "unknown when_basis '{}'; use text, context or external",
                p.when_basis
            ),
        ));
    }
    let when = parse_date(&at, "when", &p.when, problems);
    let size = p.size.as_ref().and_then(|s| parse_size(&at, &s.text(), problems));
    let readings = read_readings(&at, p.readings, problems);
    if problems.len() > before {
        return None;
    }
    Some(Event {
        id: f.id,
        kind: kind?,
        when: when?,
        when_basis: when_basis?,
        refs: p.refs,
        title_zh: p.title_zh,
        title_en: p.title_en,
        places: p.places,
        segments: p.segments.into_iter().map(RawSegment::into_segment).collect(),
        routes: p.routes.into_iter().map(RawRoute::into_route).collect(),
        lines: p.lines,
        units: p.units,
        size,
        figures: p.figures.into_iter().map(RawFigure::into_figure).collect(),
        summary_zh: p.summary_zh,
        summary_en: p.summary_en,
        quote: p.quote,
        also_quotes: p.also_quotes,
        note: p.note,
        readings,
        origin,
    })
}

/// An event's readings (the basis of a context date or a size), each known
/// and given in both languages.
fn read_readings(at: &At<'_>, raw: Vec<RawReading>, problems: &mut Vec<Problem>) -> Vec<Reading> {
    let mut readings = Vec::with_capacity(raw.len());
    for r in raw {
        let Some(of) = ReadingOf::from_key(&r.of) else {
            let keys: Vec<&str> = ReadingOf::ALL.iter().map(|k| k.key()).collect();
            let msg = format!("unknown reading '{}'; use one of {}", r.of, keys.join(", "));
            problems.push(at.err(&r.of, msg));
            continue;
        };
        if r.zh.trim().is_empty() || r.en.trim().is_empty() {
            let msg = format!("the '{}' reading needs its basis in both \"zh\" and \"en\"", r.of);
            problems.push(at.err(&r.of, msg));
            continue;
        }
        readings.push(Reading {
            of,
            zh: r.zh,
            en: r.en,
        });
    }
    readings
}

impl RawSegment {
    fn into_segment(self) -> Segment {
        Segment {
            line: self.line,
            from: self.from,
            to: self.to,
        }
    }
}

impl RawRoute {
    fn into_route(self) -> Route {
        Route {
            from: self.from,
            via: self.via,
            to: self.to,
        }
    }
}

impl RawFigure {
    fn into_figure(self) -> Figure {
        Figure {
            value: self.value,
            zh: self.zh,
            en: self.en,
        }
    }
}
