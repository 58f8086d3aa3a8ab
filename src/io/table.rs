//! The resolved event table: one row per (event, place), for QGIS's
//! temporal controller, kepler.gl or a spreadsheet.
use std::io::Write;

use serde_json::{Value, json};

use crate::model::date::{Day, format_iso};
use crate::model::{Dataset, Event, Place};

/// The CSV columns, in order (documented in docs/DATA_FORMAT.md).
pub const COLUMNS: [&str; 16] = [
    "id",
    "kind",
    "title_zh",
    "title_en",
    "place_id",
    "place_zh",
    "place_en",
    "lon",
    "lat",
    "earliest",
    "latest",
    "date_text",
    "size_min",
    "size_max",
    "unit_ids",
    "quote_zh",
];

/// One resolved row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub fields: [String; 16],
    pub lon: f64,
    pub lat: f64,
}

fn iso_or_empty(d: Day) -> String {
    if d == Day::MIN || d == Day::MAX {
        String::new()
    } else {
        format_iso(d)
    }
}

/// The day whose place names apply to an event (its earliest known day).
fn naming_day(e: &Event) -> Day {
    if e.when.earliest() != Day::MIN {
        e.when.earliest()
    } else {
        e.when.latest()
    }
}

fn row(e: &Event, p: &Place) -> Row {
    let (place_zh, place_en) = p.names_at(naming_day(e));
    let (size_min, size_max) = match &e.size {
        Some(s) => (
            s.min.to_string(),
            s.max.map(|m| m.to_string()).unwrap_or_default(),
        ),
        None => (String::new(), String::new()),
    };
    Row {
        fields: [
            e.id.clone(),
            e.kind.key().to_string(),
            e.title_zh.clone(),
            e.title_en.clone(),
            p.id.clone(),
            place_zh.to_string(),
            place_en.to_string(),
            format!("{:.6}", p.lon),
            format!("{:.6}", p.lat),
            iso_or_empty(e.when.earliest()),
            iso_or_empty(e.when.latest()),
            e.when.display_zh(),
            size_min,
            size_max,
            e.units.join(";"),
            e.quote.clone(),
        ],
        lon: p.lon,
        lat: p.lat,
    }
}

/// Every (event, place) row, in event order.
pub fn rows(ds: &Dataset) -> impl Iterator<Item = Row> + '_ {
    (0..ds.event_count())
        .filter_map(move |i| ds.event_at(i))
        .flat_map(move |e| {
            let rows: Vec<Row> = ds.event_places(&e).iter().map(|p| row(&e, p)).collect();
            rows
        })
}

/// Writes the table as CSV with a header row.
pub fn write_csv(ds: &Dataset, out: impl Write) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for r in rows(ds) {
        w.write_record(&r.fields)?;
    }
    w.flush()?;
    Ok(())
}

/// Writes the table as a GeoJSON FeatureCollection of points carrying the
/// same fields (numbers as numbers, empty fields as null).
pub fn write_geojson(ds: &Dataset, mut out: impl Write) -> std::io::Result<()> {
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    for (i, r) in rows(ds).enumerate() {
        if i > 0 {
            out.write_all(b",\n")?;
        }
        let mut props = serde_json::Map::new();
        for (name, value) in COLUMNS.iter().zip(r.fields.iter()) {
            let v = match *name {
                "lon" | "lat" => continue,
                "size_min" | "size_max" => value.parse::<u64>().map_or(Value::Null, Value::from),
                _ if value.is_empty() => Value::Null,
                _ => Value::String(value.clone()),
            };
            props.insert((*name).to_string(), v);
        }
        let f = json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
            "properties": props,
        });
        serde_json::to_writer(&mut out, &f)?;
    }
    out.write_all(b"\n]}\n")?;
    Ok(())
}
