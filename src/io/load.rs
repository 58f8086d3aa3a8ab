//! Reading a dataset folder (places.tsv, lines.json, units.json,
//! events.geojson, source/*.txt) into the model, collecting every problem.
use std::collections::HashMap;

use serde::Deserialize;

use super::files::{self, FileSet};
use super::json_records::{Container, RawRecord, locate, parse_record, split_records};
use super::problem::Problem;
use super::text::decode;
use super::tsv;
use crate::model::dataset::SourceText;
use crate::model::event::{DateBasis, Event, EventKind, Figure, Reading, ReadingOf, Route, Segment};
use crate::model::line::{Line, LineKind, Section};
use crate::model::place::{CoordSource, HistoricalName, Place, PlaceKind, Province};
use crate::model::unit::{LaterName, StrengthEntry, Unit, UnitKind};
use crate::model::{Dataset, HistDate, Origin, SizeRange};

/// A dataset and everything found wrong while reading and checking it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub dataset: Dataset,
    pub problems: Vec<Problem>,
}

impl Loaded {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }

    /// Nothing loaded, for this one reason.
    pub fn failed(problem: Problem) -> Self {
        Loaded {
            problems: vec![problem],
            ..Loaded::default()
        }
    }

    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }
}

/// The decoded text of every file, for pointing problems at a field.
pub type Texts = HashMap<String, String>;

/// Loads and checks a dataset folder's files.
pub fn load_fileset(set: &FileSet) -> Loaded {
    let mut problems = Vec::new();
    let mut texts: Texts = HashMap::new();
    let mut ds = Dataset::named(if set.bundled {
        format!("{} (bundled)", set.root)
    } else {
        set.root.clone()
    });

    ds.provinces = read_file(
        set,
        files::PROVINCES,
        false,
        &mut texts,
        &mut problems,
        read_provinces,
    );
    ds.places = read_file(set, files::PLACES, true, &mut texts, &mut problems, read_places);
    ds.lines = read_file(set, files::LINES, false, &mut texts, &mut problems, read_lines);
    ds.units = read_file(set, files::UNITS, false, &mut texts, &mut problems, read_units);
    ds.events = read_file(set, files::EVENTS, true, &mut texts, &mut problems, read_events);
    for (name, bytes) in set.sources() {
        let shown = set.display(name);
        match decode(&shown, bytes) {
            Ok(t) => {
                let mut source = SourceText {
                    file: shown,
                    text: t.to_string(),
                    summaries_en: Vec::new(),
                };
                if let Some((summaries, bytes)) = set.summaries_of(name) {
                    let shown = set.display(&summaries);
                    match decode(&shown, bytes) {
                        Ok(t) => source.summaries_en = read_summaries(&shown, t, &source, &mut problems),
                        Err(p) => problems.push(p),
                    }
                }
                ds.sources.push(source);
            }
            Err(p) => problems.push(p),
        }
    }
    for (name, bytes) in set.tours() {
        let shown = set.display(name);
        match decode(&shown, bytes) {
            Ok(t) => {
                if let Some(tour) = super::tour::read_tour(&shown, t, &mut problems) {
                    ds.tours.push(tour);
                }
                texts.insert(shown, t.to_string());
            }
            Err(p) => problems.push(p),
        }
    }
    ds.reindex();
    super::validate::check(&ds, &texts, true, &mut problems);
    super::claims::check(&ds, &texts, &mut problems);
    for tour in &ds.tours {
        super::tour::check_tour(tour, &ds, &texts, &mut problems);
        super::claims::check_tour(tour, &ds, &texts, &mut problems);
    }
    Loaded {
        dataset: ds,
        problems: super::knock_on::group(problems),
    }
}

/// Reads one file of the set with `read`, keeping its text so that later
/// checks can point into it. A missing optional file reads as empty.
fn read_file<T: Default>(
    set: &FileSet,
    name: &str,
    required: bool,
    texts: &mut Texts,
    problems: &mut Vec<Problem>,
    read: impl FnOnce(&str, &str, &mut Vec<Problem>) -> T,
) -> T {
    let shown = set.display(name);
    let Some(bytes) = set.get(name) else {
        if required {
            problems.push(Problem::error(
                &shown,
                "missing: a dataset folder needs this file",
            ));
        }
        return T::default();
    };
    match decode(&shown, bytes) {
        Ok(text) => {
            let out = read(&shown, text, problems);
            texts.insert(shown, text.to_string());
            out
        }
        Err(p) => {
            problems.push(p);
            T::default()
        }
    }
}

// ---------------------------------------------------------------- TSV files

const PROVINCE_COLUMNS: [&str; 8] = [
    "id", "name_zh", "name_en", "min_lon", "min_lat", "max_lon", "max_lat", "note",
];

/// A source text's English paragraph summaries (`paragraph`, `summary_en`),
/// one per paragraph of the text at most.
fn read_summaries(file: &str, text: &str, source: &SourceText, problems: &mut Vec<Problem>) -> Vec<String> {
    let table = match tsv::parse(file, text, &["paragraph", "summary_en"], &[], problems) {
        Ok(t) => t,
        Err(p) => {
            problems.push(p);
            return Vec::new();
        }
    };
    let count = source.paragraphs().len();
    let mut out = vec![String::new(); count];
    for row in &table.rows {
        let n = table.get(row, "paragraph");
        let rec = format!("paragraph '{n}'");
        let at = |col: &str| (row.line, table.column(col));
        match n.parse::<usize>() {
            Ok(k) if (1..=count).contains(&k) => {
                let slot = &mut out[k - 1];
                if !slot.is_empty() {
                    let (l, c) = at("paragraph");
                    problems.push(
                        Problem::error(file, "this paragraph has a summary already")
                            .at(l, c)
                            .record(rec),
                    );
                } else {
                    *slot = table.get(row, "summary_en").to_string();
                }
            }
            _ => {
                let (l, c) = at("paragraph");
                problems.push(
                    Problem::error(
                        file,
                        format!(
                            "paragraph '{n}' is not a paragraph of {} (1 to {count})",
                            source.file
                        ),
                    )
                    .at(l, c)
                    .record(rec),
                );
            }
        }
    }
    out
}

fn read_provinces(file: &str, text: &str, problems: &mut Vec<Problem>) -> Vec<Province> {
    let table = match tsv::parse(
        file,
        text,
        &PROVINCE_COLUMNS[..7],
        &PROVINCE_COLUMNS[7..],
        problems,
    ) {
        Ok(t) => t,
        Err(p) => {
            problems.push(p);
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for row in &table.rows {
        let id = table.get(row, "id");
        let rec = format!("province '{id}'");
        let mut num = |col: &str, lo: f64, hi: f64| -> Option<f64> {
            let v = table.get(row, col);
            match v.parse::<f64>() {
                Ok(x) if x.is_finite() && (lo..=hi).contains(&x) => Some(x),
                _ => {
                    problems.push(
                        Problem::error(file, format!("{col} '{v}' is not a number between {lo} and {hi}"))
                            .at(row.line, table.column(col))
                            .record(rec.clone()),
                    );
                    None
                }
            }
        };
        let (Some(min_lon), Some(min_lat), Some(max_lon), Some(max_lat)) = (
            num("min_lon", -180.0, 180.0),
            num("min_lat", -90.0, 90.0),
            num("max_lon", -180.0, 180.0),
            num("max_lat", -90.0, 90.0),
        ) else {
            continue;
        };
        if id.is_empty() {
            problems.push(Problem::error(file, "empty id").at(row.line, table.column("id")));
            continue;
        }
        if min_lon > max_lon || min_lat > max_lat {
            problems.push(
                Problem::error(file, "the box's minimum exceeds its maximum")
                    .at(row.line, 1)
                    .record(rec.clone()),
            );
            continue;
        }
        if let Some(first) = out.iter().position(|p: &Province| p.id == id) {
            let same = {
                let p = &out[first];
                (p.min_lon, p.min_lat, p.max_lon, p.max_lat) == (min_lon, min_lat, max_lon, max_lat)
            };
            let msg = if same {
                format!("duplicate id '{id}' (the same box again)")
            } else {
                format!("duplicate id '{id}' with a different box: which one holds is unclear")
            };
            problems.push(
                Problem::error(file, msg)
                    .at(row.line, table.column("id"))
                    .record(rec.clone()),
            );
            continue;
        }
        out.push(Province {
            id: id.to_string(),
            name_zh: table.get(row, "name_zh").to_string(),
            name_en: table.get(row, "name_en").to_string(),
            min_lon,
            min_lat,
            max_lon,
            max_lat,
            note: table.get(row, "note").to_string(),
        });
    }
    out
}

/// Columns of `places.tsv`, in their documented order.
pub const PLACE_COLUMNS: [&str; 12] = [
    "id",
    "name_zh",
    "name_en",
    "kind",
    "province_1937",
    "lon",
    "lat",
    "radius_km",
    "tolerance_km",
    "coord_source",
    "historical_names",
    "note",
];

fn read_places(file: &str, text: &str, problems: &mut Vec<Problem>) -> Vec<Place> {
    let table = match tsv::parse(file, text, &PLACE_COLUMNS[..10], &PLACE_COLUMNS[10..], problems) {
        Ok(t) => t,
        Err(p) => {
            problems.push(p);
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for row in &table.rows {
        let id = table.get(row, "id");
        let rec = format!("place '{id}'");
        let before = problems.len();
        let err = |col: &str, msg: String| {
            Problem::error(file, msg)
                .at(row.line, table.column(col))
                .record(rec.clone())
        };
        if id.is_empty() {
            problems.push(err("id", "empty id".into()));
        }
        let kind_s = table.get(row, "kind");
        let kind = PlaceKind::from_key(kind_s);
        if kind.is_none() {
            problems.push(err(
                "kind",
                format!(
                    "unknown kind '{kind_s}'; use one of {}",
                    PlaceKind::ALL
                        .iter()
                        .map(|k| k.key())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        let mut number = |col: &str, lo: f64, hi: f64, optional: bool| -> Option<f64> {
            let v = table.get(row, col);
            if v.is_empty() && optional {
                return None;
            }
            match v.parse::<f64>() {
                Ok(x) if x.is_finite() && (lo..=hi).contains(&x) => Some(x),
                _ => {
                    problems.push(err(
                        col,
                        format!("{col} '{v}' is not a number between {lo} and {hi}"),
                    ));
                    None
                }
            }
        };
        let lon = number("lon", -180.0, 180.0, false);
        let lat = number("lat", -90.0, 90.0, false);
        let radius_km = number("radius_km", 0.0, 5000.0, true);
        let tolerance_km = number("tolerance_km", 0.0, 5000.0, false);
        let coord_source = match CoordSource::parse(table.get(row, "coord_source")) {
            Ok(c) => Some(c),
            Err(m) => {
                problems.push(err("coord_source", m));
                None
            }
        };
        let provinces_1937: Vec<String> = table
            .get(row, "province_1937")
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let mut historical_names = Vec::new();
        for part in table
            .get(row, "historical_names")
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let bits: Vec<&str> = part.split('|').map(str::trim).collect();
            match bits.as_slice() {
                [zh, en, when] => match when.parse::<HistDate>() {
                    Ok(when) => historical_names.push(HistoricalName {
                        zh: zh.to_string(),
                        en: en.to_string(),
                        when,
                    }),
                    Err(e) => problems.push(err("historical_names", format!("date of '{zh}': {e}"))),
                },
                _ => problems.push(err(
                    "historical_names",
                    format!(
                        "'{part}' should be 中文|English|EDTF period, e.g. 北平|Beiping|1928-06-20/1949-09-27"
                    ),
                )),
            }
        }
        if problems.len() > before {
            continue;
        }
        let (Some(kind), Some(lon), Some(lat), Some(tolerance_km), Some(coord_source)) =
            (kind, lon, lat, tolerance_km, coord_source)
        else {
            continue;
        };
        out.push(Place {
            id: id.to_string(),
            name_zh: table.get(row, "name_zh").to_string(),
            name_en: table.get(row, "name_en").to_string(),
            kind,
            provinces_1937,
            lon,
            lat,
            radius_km,
            tolerance_km,
            coord_source,
            historical_names,
            note: table.get(row, "note").to_string(),
            origin: Origin {
                file: file.to_string(),
                line: row.line,
                column: 1,
                start: row.byte_start,
                end: row.byte_end,
            },
        });
    }
    out
}

// ---------------------------------------------------------------- JSON files

/// Runs `convert` on every record, collecting problems; one bad record
/// never hides the others.
fn read_json<T, R: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    container: Container,
    problems: &mut Vec<Problem>,
    mut convert: impl FnMut(R, Origin, &mut Vec<Problem>) -> Option<T>,
) -> Vec<T> {
    let records: Vec<RawRecord<'_>> = match split_records(file, text, container) {
        Ok(r) => r,
        Err(p) => {
            problems.push(p);
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(records.len());
    for rec in &records {
        let origin = rec.origin(file);
        match parse_record::<R>(file, rec) {
            Ok(raw) => {
                if let Some(item) = convert(raw, origin, problems) {
                    out.push(item);
                }
            }
            Err(p) => problems.push(p.record(format!("record {}", rec.index + 1))),
        }
    }
    out
}

/// A problem pointing at `value` inside the record at `origin`.
struct At<'a> {
    file: &'a str,
    text: &'a str,
    origin: &'a Origin,
    record: String,
}

impl At<'_> {
    fn err(&self, value: &str, msg: impl Into<String>) -> Problem {
        let (line, column) = locate(self.text, self.origin, value);
        Problem::error(self.file, msg)
            .at(line, column)
            .record(self.record.clone())
    }
}

fn parse_date(at: &At<'_>, field: &str, s: &str, problems: &mut Vec<Problem>) -> Option<HistDate> {
    match s.parse::<HistDate>() {
        Ok(d) => Some(d),
        Err(e) => {
            problems.push(at.err(s, format!("{field} '{s}': {e}")));
            None
        }
    }
}

fn parse_size(at: &At<'_>, s: &str, problems: &mut Vec<Problem>) -> Option<SizeRange> {
    match s.parse::<SizeRange>() {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(at.err(s, format!("size '{s}': {e}")));
            None
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: String,
    name_zh: String,
    name_en: String,
    from: String,
    to: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    id: String,
    kind: String,
    name_zh: String,
    name_en: String,
    #[serde(default)]
    aliases_zh: Vec<String>,
    stations: Vec<String>,
    #[serde(default)]
    sections: Vec<RawSection>,
    #[serde(default)]
    length_km: Option<f64>,
    #[serde(default)]
    length_source: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    note: String,
}

fn read_lines(file: &str, text: &str, problems: &mut Vec<Problem>) -> Vec<Line> {
    read_json(
        file,
        text,
        Container::Array,
        problems,
        |r: RawLine, origin, problems| {
            let at = At {
                file,
                text,
                origin: &origin,
                record: format!("line '{}'", r.id),
            };
            let Some(kind) = LineKind::from_key(&r.kind) else {
                problems.push(at.err(&r.kind, format!("unknown kind '{}'; use railway or road", r.kind)));
                return None;
            };
            Some(Line {
                id: r.id,
                kind,
                name_zh: r.name_zh,
                name_en: r.name_en,
                aliases_zh: r.aliases_zh,
                stations: r.stations,
                sections: r
                    .sections
                    .into_iter()
                    .map(|s| Section {
                        id: s.id,
                        name_zh: s.name_zh,
                        name_en: s.name_en,
                        from: s.from,
                        to: s.to,
                        note: s.note,
                    })
                    .collect(),
                length_km: r.length_km,
                length_source: r.length_source,
                source: r.source,
                note: r.note,
                origin,
            })
        },
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStrength {
    when: String,
    size: StrOrNum,
    quote: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLaterName {
    zh: String,
    en: String,
    #[serde(default)]
    when: String,
    quote: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    id: String,
    kind: String,
    name_zh: String,
    name_en: String,
    #[serde(default)]
    aliases_zh: Vec<String>,
    #[serde(default)]
    later_names: Vec<RawLaterName>,
    #[serde(default)]
    predecessor: Option<String>,
    #[serde(default)]
    successor: Option<String>,
    #[serde(default)]
    strength: Vec<RawStrength>,
    #[serde(default)]
    note: String,
}

/// A size may be written as text (`六七百人`) or as a plain number.
#[derive(Deserialize)]
#[serde(untagged)]
enum StrOrNum {
    Str(String),
    Num(u64),
}

impl StrOrNum {
    fn text(&self) -> String {
        match self {
            StrOrNum::Str(s) => s.clone(),
            StrOrNum::Num(n) => n.to_string(),
        }
    }
}

fn read_units(file: &str, text: &str, problems: &mut Vec<Problem>) -> Vec<Unit> {
    read_json(
        file,
        text,
        Container::Array,
        problems,
        |r: RawUnit, origin, problems| {
            let at = At {
                file,
                text,
                origin: &origin,
                record: format!("unit '{}'", r.id),
            };
            let before = problems.len();
            let kind = UnitKind::from_key(&r.kind);
            if kind.is_none() {
                problems.push(at.err(
                    &r.kind,
                    format!(
                    "unknown kind '{}'; use one of {}",
                    r.kind,
                    UnitKind::ALL.iter().map(|k| k.key()).collect::<Vec<_>>().join(", ")
                ),
                ));
            }
            let mut strength = Vec::new();
            for s in r.strength {
                let when = parse_date(&at, "when", &s.when, problems);
                let size = parse_size(&at, &s.size.text(), problems);
                if let (Some(when), Some(size)) = (when, size) {
                    strength.push(StrengthEntry {
                        when,
                        size,
                        quote: s.quote,
                        note: s.note,
                    });
                }
            }
            let mut later_names = Vec::new();
            for n in r.later_names {
                let when = if n.when.trim().is_empty() {
                    None
                } else {
                    parse_date(&at, "when", &n.when, problems)
                };
                later_names.push(LaterName {
                    zh: n.zh,
                    en: n.en,
                    when,
                    quote: n.quote,
                    note: n.note,
                });
            }
            if problems.len() > before {
                return None;
            }
            Some(Unit {
                id: r.id,
                kind: kind?,
                name_zh: r.name_zh,
                name_en: r.name_en,
                aliases_zh: r.aliases_zh,
                later_names,
                predecessor: r.predecessor,
                successor: r.successor,
                strength,
                note: r.note,
                origin,
            })
        },
    )
}

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

fn read_events(file: &str, text: &str, problems: &mut Vec<Problem>) -> Vec<Event> {
    read_json(
        file,
        text,
        Container::FeatureCollection,
        problems,
        |f: RawEventFeature, origin, problems| {
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
                problems.push(at.err(
                    &p.kind,
                    format!(
                    "unknown kind '{}'; use one of {}",
                    p.kind,
                    EventKind::ALL.iter().map(|k| k.key()).collect::<Vec<_>>().join(", ")
                ),
                ));
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
            let mut readings = Vec::with_capacity(p.readings.len());
            for r in p.readings {
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
                segments: p
                    .segments
                    .into_iter()
                    .map(|s| Segment {
                        line: s.line,
                        from: s.from,
                        to: s.to,
                    })
                    .collect(),
                routes: p
                    .routes
                    .into_iter()
                    .map(|r| Route {
                        from: r.from,
                        via: r.via,
                        to: r.to,
                    })
                    .collect(),
                lines: p.lines,
                units: p.units,
                size,
                figures: p
                    .figures
                    .into_iter()
                    .map(|f| Figure {
                        value: f.value,
                        zh: f.zh,
                        en: f.en,
                    })
                    .collect(),
                summary_zh: p.summary_zh,
                summary_en: p.summary_en,
                quote: p.quote,
                also_quotes: p.also_quotes,
                note: p.note,
                readings,
                origin,
            })
        },
    )
}
