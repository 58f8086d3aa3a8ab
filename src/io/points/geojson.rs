//! GeoJSON point files: a FeatureCollection of Point features whose
//! properties give the date (or a Linked Places `when`), title, kind and size.
use serde_json::Value;

use super::cells::{kind_of, row_date};
use super::point_row::{PointRow, finish, push_point};
use super::schema::{
    DATE_NAMES, END_NAMES, ID_NAMES, KIND_NAMES, NOTE_NAMES, QUOTE_NAMES, SIZE_NAMES, START_NAMES,
    TITLE_NAMES,
};
use crate::io::json_records::{Container, RawRecord, locate, parse_record, split_records};
use crate::io::load::Loaded;
use crate::io::problem::Problem;
use crate::io::text::decode;
use crate::model::{Dataset, SizeRange};

/// A string property under any of `names` (numbers are accepted too).
fn prop(props: &serde_json::Map<String, Value>, names: &[&str]) -> String {
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

/// Start and end from a Linked Places `when` object
/// (`{"timespans": [{"start": {"in": ..}, "end": {"in": ..}}]}`).
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

/// Loads a GeoJSON FeatureCollection of Point features with time properties.
pub fn load_geojson(file: &str, bytes: &[u8]) -> Loaded {
    let mut problems = Vec::new();
    let mut ds = Dataset::named(file);
    let text = match decode(file, bytes) {
        Ok(t) => t,
        Err(p) => {
            return Loaded::failed(p);
        }
    };
    let records = match split_records(file, text, Container::FeatureCollection) {
        Ok(r) => r,
        Err(p) => {
            return Loaded::failed(p);
        }
    };
    for rec in &records {
        if let Err(DatasetEvents) = read_feature(file, text, rec, &mut ds, &mut problems) {
            return Loaded {
                problems,
                ..Loaded::default()
            };
        }
    }
    finish(ds, problems)
}

/// A feature that is a dataset's event (it names places): the file is not
/// a point file, and nothing more is read.
struct DatasetEvents;

/// Reads one feature and adds its point to `ds`, or lists what is wrong
/// with it (the other features are read all the same).
fn read_feature(
    file: &str,
    text: &str,
    rec: &RawRecord<'_>,
    ds: &mut Dataset,
    problems: &mut Vec<Problem>,
) -> Result<(), DatasetEvents> {
    let origin = rec.origin(file);
    let feature: Value = match parse_record(file, rec) {
        Ok(v) => v,
        Err(p) => {
            problems.push(p);
            return Ok(());
        }
    };
    let empty = serde_json::Map::new();
    let props = feature
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let id = feature_id(&feature, props, rec.index);
    let record = format!("feature '{id}'");
    let err = |value: &str, msg: String| {
        let (line, column) = locate(text, &origin, value);
        Problem::error(file, msg).at(line, column).record(record.clone())
    };
    if props.contains_key("places") && props.contains_key("quote") {
        problems.push(err(
            "places",
            "this is a dataset's events file (it names places): load the folder that holds it".into(),
        ));
        return Err(DatasetEvents);
    }
    let Some((lon, lat)) = point_of(&feature) else {
        problems.push(err(
            "geometry",
            "geometry must be a Point with [longitude, latitude] in range".into(),
        ));
        return Ok(());
    };
    let (start, end) = start_and_end(props);
    let when = match row_date(&start, &end) {
        Ok(d) => d,
        Err(m) => {
            problems.push(err(if start.is_empty() { "properties" } else { &start }, m));
            return Ok(());
        }
    };
    let size_text = prop(props, &SIZE_NAMES);
    let size = if size_text.is_empty() {
        None
    } else {
        match size_text.parse::<SizeRange>() {
            Ok(s) => Some(s),
            Err(e) => {
                problems.push(err(&size_text, format!("size '{size_text}': {e}")));
                return Ok(());
            }
        }
    };
    push_point(
        ds,
        PointRow {
            id,
            lon,
            lat,
            when,
            title: prop(props, &TITLE_NAMES),
            kind: kind_of(&prop(props, &KIND_NAMES)),
            size,
            quote: prop(props, &QUOTE_NAMES),
            note: prop(props, &NOTE_NAMES),
            origin,
        },
        file,
    );
    Ok(())
}

/// A feature's id: its own, or an id property, or its place in the file.
fn feature_id(feature: &Value, props: &serde_json::Map<String, Value>, index: usize) -> String {
    match feature.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => match prop(props, &ID_NAMES) {
            s if s.is_empty() => format!("feature{}", index + 1),
            s => s,
        },
    }
}

/// The longitude and latitude of a Point geometry, when in range.
fn point_of(feature: &Value) -> Option<(f64, f64)> {
    let coords = feature
        .get("geometry")
        .filter(|g| g.get("type").and_then(Value::as_str) == Some("Point"))
        .and_then(|g| g.get("coordinates"))
        .and_then(Value::as_array);
    match coords.map(|c| {
        (
            c.first().and_then(Value::as_f64),
            c.get(1).and_then(Value::as_f64),
        )
    }) {
        Some((Some(lon), Some(lat))) if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) => {
            Some((lon, lat))
        }
        _ => None,
    }
}

/// The start and end cells: a Linked Places `when`, or start (or date) and
/// end properties.
fn start_and_end(props: &serde_json::Map<String, Value>) -> (String, String) {
    props
        .get("when")
        .filter(|v| v.is_object())
        .and_then(linked_places_when)
        .unwrap_or_else(|| {
            let start = match prop(props, &START_NAMES) {
                s if s.is_empty() => prop(props, &DATE_NAMES),
                s => s,
            };
            (start, prop(props, &END_NAMES))
        })
}
