//! GeoJSON point files: a FeatureCollection whose features give a date
//! (properties, or a Linked Places `when`), title, kind and size, at
//! Points, MultiPoints, LineStrings (a route through its vertices) or a
//! GeometryCollection of them. Features that share an `event_id` are one
//! event ([`gather`]); Linked Places features are read by [`lpf`].
//!
//! [`gather`]: super::gather
//! [`lpf`]: super::lpf
use serde_json::{Map, Value};

use super::cells::{kind_of, row_date};
use super::gather::{Piece, gather};
use super::point_row::{PlaceCells, PointRow, finish, point_records};
use super::schema::{
    DATE_NAMES, DATE_TEXT_NAMES, EDTF_NAMES, END_NAMES, KIND_NAMES, NOTE_NAMES, PLACE_EN_NAMES,
    PLACE_ID_NAMES, PLACE_ZH_NAMES, QUOTE_NAMES, SIZE_NAMES, START_NAMES, TITLE_NAMES,
};
use crate::io::json_records::{Container, RawRecord, locate, parse_record, split_records};
use crate::io::load::Loaded;
use crate::io::problem::Problem;
use crate::io::text::decode;
use crate::model::place::PlaceKind;
use crate::model::{Dataset, Place, Route, SizeRange};

/// A string property under any of `names` (numbers are accepted too).
pub(super) fn prop(props: &Map<String, Value>, names: &[&str]) -> String {
    for n in names {
        let hit = props
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v);
        match hit {
            Some(Value::String(s)) => return s.trim().to_string(),
            Some(Value::Number(x)) => return x.to_string(),
            _ => {}
        }
    }
    String::new()
}

/// An array of strings under `name`, if every item is one.
fn strings(props: &Map<String, Value>, name: &str) -> Option<Vec<String>> {
    props
        .get(name)?
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// Start and end from a Linked Places `when` object's first timespan, for
/// a feature that is not itself Linked Places (`properties.when`).
fn linked_places_when(v: &Value) -> Option<(String, String)> {
    let span = v.get("timespans")?.get(0)?;
    let pick = |side: &str, keys: [&str; 2]| -> String {
        span.get(side)
            .and_then(|o| keys.iter().find_map(|k| o.get(*k).and_then(Value::as_str)))
            .unwrap_or("")
            .to_string()
    };
    Some((pick("start", ["in", "earliest"]), pick("end", ["in", "latest"])))
}

/// Loads a GeoJSON FeatureCollection of dated features.
pub fn load_geojson(file: &str, bytes: &[u8]) -> Loaded {
    let mut problems = Vec::new();
    let text = match decode(file, bytes) {
        Ok(t) => t,
        Err(p) => return Loaded::failed(p),
    };
    let records = match split_records(file, text, Container::FeatureCollection) {
        Ok(r) => r,
        Err(p) => return Loaded::failed(p),
    };
    let mut pieces = Vec::new();
    let mut reader = Reader {
        file,
        text,
        next_place: 0,
    };
    let mut linked_places = false;
    for rec in &records {
        let feature: Value = match parse_record(file, rec) {
            Ok(v) => v,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let result = if super::lpf::is_linked_places(&feature) {
            linked_places = true;
            super::lpf::read_feature(&mut reader, rec, &feature)
        } else {
            reader.read_feature(rec, &feature).map(|p| vec![p])
        };
        match result {
            Ok(p) => pieces.extend(p),
            Err(Stop::Problems(p)) => problems.extend(p),
            Err(Stop::DatasetEvents(p)) => {
                return Loaded {
                    problems: vec![p],
                    ..Loaded::default()
                };
            }
        }
    }
    let (events, places, more) = gather(file, pieces);
    problems.extend(more);
    let mut ds = Dataset::named(file);
    ds.events = events;
    ds.places = places;
    if linked_places && ds.events.is_empty() && !problems.iter().any(Problem::is_error) {
        problems.push(
            Problem::error(
                file,
                "no feature has a `when` with a timespan: chronoatlas shows places in time, so each needs one",
            )
            .at(1, 1),
        );
    }
    finish(ds, problems)
}

/// Why a feature was not read.
pub(super) enum Stop {
    /// What is wrong with it (the other features are read all the same).
    Problems(Vec<Problem>),
    /// The file is a dataset's events file: nothing more is read.
    DatasetEvents(Problem),
}

/// What reads a file's features, with the count that names places the
/// file gives no id.
pub(super) struct Reader<'a> {
    pub(super) file: &'a str,
    pub(super) text: &'a str,
    next_place: usize,
}

/// The points and lines of a geometry.
#[derive(Default)]
pub(super) struct Shapes {
    pub(super) points: Vec<(f64, f64)>,
    pub(super) lines: Vec<Vec<(f64, f64)>>,
}

const NO_GEOMETRY: &str =
    "the feature has no geometry (a Point, MultiPoint, LineString or GeometryCollection)";

fn position(v: &Value) -> Option<(f64, f64)> {
    let c = v.as_array()?;
    let (lon, lat) = (c.first()?.as_f64()?, c.get(1)?.as_f64()?);
    ((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)).then_some((lon, lat))
}

fn positions(v: &Value) -> Option<Vec<(f64, f64)>> {
    v.as_array()?.iter().map(position).collect()
}

/// The points and lines of a Point, MultiPoint, LineString,
/// MultiLineString or GeometryCollection; why not, for anything else.
pub(super) fn shapes(g: &Value, out: &mut Shapes) -> Result<(), String> {
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = g.get("coordinates");
    let bad = |what: &str| format!("a {kind} needs {what} in range");
    match kind {
        "Point" => out.points.push(
            coords
                .and_then(position)
                .ok_or_else(|| bad("[longitude, latitude]"))?,
        ),
        "MultiPoint" => out
            .points
            .extend(coords.and_then(positions).ok_or_else(|| bad("positions"))?),
        "LineString" => out
            .lines
            .push(coords.and_then(positions).ok_or_else(|| bad("positions"))?),
        "MultiLineString" => {
            let lines = coords
                .and_then(Value::as_array)
                .ok_or_else(|| bad("lines of positions"))?;
            for l in lines {
                out.lines
                    .push(positions(l).ok_or_else(|| bad("lines of positions"))?);
            }
        }
        "GeometryCollection" => {
            for part in g
                .get("geometries")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                shapes(part, out)?;
            }
        }
        "" => return Err(NO_GEOMETRY.into()),
        other => {
            return Err(format!(
                "a {other} is not read: events stand at points and along lines (Point, MultiPoint, LineString, GeometryCollection)"
            ));
        }
    }
    Ok(())
}

impl Reader<'_> {
    /// An id for a place the file gives none.
    pub(super) fn new_place_id(&mut self) -> String {
        self.next_place += 1;
        format!("pt{}", self.next_place)
    }

    /// A problem at `value`'s place in the feature.
    pub(super) fn err(&self, rec: &RawRecord<'_>, record: &str, value: &str, msg: String) -> Problem {
        let (line, column) = locate(self.text, &rec.origin(self.file), value);
        Problem::error(self.file, msg)
            .at(line, column)
            .record(record.to_string())
    }

    /// Reads one plain GeoJSON feature.
    fn read_feature(&mut self, rec: &RawRecord<'_>, feature: &Value) -> Result<Piece, Stop> {
        let empty = Map::new();
        let props = feature
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let id = feature_id(feature, props, rec.index);
        let record = format!("feature '{id}'");
        let err = |value: &str, msg: String| self.err(rec, &record, value, msg);
        if props.contains_key("places") && props.contains_key("quote") {
            return Err(Stop::DatasetEvents(err(
                "places",
                "this is a dataset's events file (it names places): load the folder that holds it".into(),
            )));
        }
        let mut geo = Shapes::default();
        let shaped = match feature.get("geometry") {
            Some(g) if !g.is_null() => shapes(g, &mut geo),
            _ => Err(NO_GEOMETRY.into()),
        };
        if let Err(m) = shaped {
            return Err(Stop::Problems(vec![err("geometry", format!("geometry: {m}"))]));
        }
        let (start, end) = date_cells(feature, props);
        let when = row_date(&start, &end).map_err(|m| {
            Stop::Problems(vec![err(if start.is_empty() { "properties" } else { &start }, m)])
        })?;
        let size_text = prop(props, &SIZE_NAMES);
        let size = match size_text.as_str() {
            "" => None,
            s => Some(
                s.parse::<SizeRange>()
                    .map_err(|e| Stop::Problems(vec![err(s, format!("size '{s}': {e}"))]))?,
            ),
        };
        let title = prop(props, &TITLE_NAMES);
        let pick = |name: &str| match prop(props, &[name]) {
            s if s.is_empty() => title.clone(),
            s => s,
        };
        let row = PointRow {
            id,
            lon: 0.0,
            lat: 0.0,
            when,
            title: pick("title_zh"),
            title_en: pick("title_en"),
            place: PlaceCells {
                id: String::new(),
                zh: prop(props, &PLACE_ZH_NAMES),
                en: prop(props, &PLACE_EN_NAMES),
                kind: PlaceKind::from_key(&prop(props, &["place_kind"])),
                radius_km: props.get("radius_km").and_then(Value::as_f64),
            },
            kind: kind_of(&prop(props, &KIND_NAMES)),
            size,
            quote: prop(props, &QUOTE_NAMES),
            note: prop(props, &NOTE_NAMES),
            origin: rec.origin(self.file),
        };
        let place_id = prop(props, &PLACE_ID_NAMES);
        Ok(self.piece(row, &geo, place_id, props))
    }

    /// The event of `row` at the points and along the lines of `geo`: a
    /// lone point takes the feature's place id, a line's vertices those of
    /// its `place_ids` (and names of `places_zh`, `places_en`).
    fn piece(&mut self, row: PointRow, geo: &Shapes, place_id: String, props: &Map<String, Value>) -> Piece {
        let file = self.file;
        let lone = geo.points.len() == 1 && !place_id.is_empty();
        let first = if lone { place_id } else { self.new_place_id() };
        let (mut event, template) = point_records(row, &first, file);
        let mut places = Vec::new();
        event.places.clear();
        for (k, &(lon, lat)) in geo.points.iter().enumerate() {
            let id = if k == 0 {
                first.clone()
            } else {
                self.new_place_id()
            };
            event.places.push(id.clone());
            places.push(Place {
                id,
                lon,
                lat,
                ..template.clone()
            });
        }
        let ids =
            strings(props, "place_ids").filter(|ids| geo.lines.len() == 1 && ids.len() == geo.lines[0].len());
        let names =
            |key: &str| strings(props, key).filter(|n| ids.as_ref().is_some_and(|ids| ids.len() == n.len()));
        let (zh, en) = (names("places_zh"), names("places_en"));
        for line in &geo.lines {
            let mut stops = Vec::new();
            for (k, &(lon, lat)) in line.iter().enumerate() {
                let id = ids
                    .as_ref()
                    .map_or_else(|| self.new_place_id(), |ids| ids[k].clone());
                let name = |n: &Option<Vec<String>>, or: &str| {
                    n.as_ref().map_or_else(|| or.to_string(), |n| n[k].clone())
                };
                places.push(Place {
                    id: id.clone(),
                    name_zh: name(&zh, &template.name_zh),
                    name_en: name(&en, &template.name_en),
                    kind: PlaceKind::Point,
                    lon,
                    lat,
                    radius_km: None,
                    ..template.clone()
                });
                stops.push(id);
            }
            if let (Some(from), Some(to)) = (stops.first().cloned(), stops.last().cloned()) {
                let via = stops[1..stops.len().saturating_sub(1).max(1)].to_vec();
                event.routes.push(Route { from, via, to });
            }
        }
        Piece {
            event: Some(event),
            places,
        }
    }
}

/// A feature's event id: an `event_id` property (the features of one
/// event share it), its own id, an id property, or its place in the file.
fn feature_id(feature: &Value, props: &Map<String, Value>, index: usize) -> String {
    match prop(props, &["event_id"]) {
        s if !s.is_empty() => s,
        _ => match feature.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => match prop(props, &["id", "fid"]) {
                s if s.is_empty() => format!("feature{}", index + 1),
                s => s,
            },
        },
    }
}

/// The date cells: the date as written or EDTF (whole), else a Linked
/// Places `when` (on the feature or in its properties), else start (or
/// date) and end properties.
fn date_cells(feature: &Value, props: &Map<String, Value>) -> (String, String) {
    let exact = match prop(props, &DATE_TEXT_NAMES) {
        s if s.is_empty() => prop(props, &EDTF_NAMES),
        s => s,
    };
    if !exact.is_empty() {
        return (exact, String::new());
    }
    let when = feature
        .get("when")
        .or_else(|| props.get("when"))
        .filter(|v| v.is_object());
    when.and_then(linked_places_when).unwrap_or_else(|| {
        let start = match prop(props, &START_NAMES) {
            s if s.is_empty() => prop(props, &DATE_NAMES),
            s => s,
        };
        (start, prop(props, &END_NAMES))
    })
}
