//! The GeoJSON: a Point per event and place (the CSV's rows, with the same
//! properties) and a LineString per stretch of line (segments, whole lines,
//! routes) naming its places in `place_ids`. Features of one event share
//! its `event_id`; chronoatlas reads them back as that one event.
use std::io::Write;

use serde_json::{Map, Value, json};

use super::csv::{COLUMNS, event_rows};
use super::{ExportEvent, events};
use crate::model::Dataset;

/// Columns written as numbers (or null when empty).
const NUMBERS: [&str; 5] = ["radius_km", "start_year", "end_year", "size_min", "size_max"];
/// Columns of a place, left out of a line's properties.
const PLACE_COLUMNS: [&str; 7] = [
    "place_id",
    "place_zh",
    "place_en",
    "place_kind",
    "radius_km",
    "lon",
    "lat",
];

fn value(name: &str, cell: &str) -> Value {
    if cell.is_empty() {
        Value::Null
    } else if NUMBERS.contains(&name) {
        cell.parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number)
    } else {
        Value::String(cell.to_string())
    }
}

fn properties(cells: &[String], skip: &[&str]) -> Map<String, Value> {
    COLUMNS
        .iter()
        .zip(cells)
        .filter(|(name, _)| !skip.contains(name))
        .map(|(name, cell)| ((*name).to_string(), value(name, cell)))
        .collect()
}

/// The features of one event: its points, then its lines.
pub fn features(x: &ExportEvent<'_>) -> Vec<Value> {
    let rows = event_rows(x);
    let mut out: Vec<Value> = x
        .places
        .iter()
        .zip(&rows)
        .map(|(p, cells)| {
            json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": properties(cells, &["lon", "lat"]),
            })
        })
        .collect();
    // A line's properties are the event's: any row's, less the place.
    let Some(first) = rows.first() else {
        return out;
    };
    for (k, stretch) in x.stretches.iter().enumerate() {
        let mut props = properties(first, &PLACE_COLUMNS);
        props.insert("row_id".into(), Value::String(x.stretch_id(k)));
        let ids: Vec<Value> = stretch.iter().map(|p| Value::String(p.id.clone())).collect();
        props.insert("place_ids".into(), Value::Array(ids));
        for (key, zh) in [("places_zh", true), ("places_en", false)] {
            let names = stretch.iter().map(|p| {
                let (a, b) = x.place_names(p);
                Value::String(if zh { a } else { b }.to_string())
            });
            props.insert(key.into(), Value::Array(names.collect()));
        }
        let coords: Vec<Value> = stretch.iter().map(|p| json!([p.lon, p.lat])).collect();
        out.push(json!({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": coords},
            "properties": props,
        }));
    }
    out
}

/// Writes the FeatureCollection, one feature per line.
pub fn write(ds: &Dataset, mut out: impl Write) -> std::io::Result<()> {
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    let mut first = true;
    for x in events(ds) {
        for f in features(&x) {
            if !first {
                out.write_all(b",\n")?;
            }
            first = false;
            serde_json::to_writer(&mut out, &f)?;
        }
    }
    out.write_all(b"\n]}\n")?;
    Ok(())
}
