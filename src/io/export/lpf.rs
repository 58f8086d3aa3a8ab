//! Linked Places Format (LPF 1.2, GeoJSON-LD) for the World Historical
//! Gazetteer: a feature per place the events name, with its names (the
//! historical ones with their dates), type, geometry with the source of
//! its coordinate, and a `when` with a timespan per event there. The
//! events themselves ride along in `properties["chronoatlas:events"]`
//! (WHG ignores them; chronoatlas reads them back), in the timespans'
//! order. Checked against WHG's schema in the tests.
use std::collections::HashMap;
use std::io::Write;

use serde_json::{Map, Value, json};

use super::{ExportEvent, events};
use crate::model::date::{Day, format_iso};
use crate::model::{CoordSource, Dataset, HistDate, Place};

/// The JSON-LD context LPF 1.2 names.
pub const CONTEXT: &str =
    "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld";
/// The `@id` of place `id`: chronoatlas has no web address for its
/// places; the prefix tells them apart and is taken off when read back.
pub const ID_PREFIX: &str = "chronoatlas:place/";
/// Where the events ride along in a place's properties.
pub const EVENTS_KEY: &str = "chronoatlas:events";

/// `{"in": day}` when a bound is one day, else `{"earliest", "latest"}`.
fn bound(earliest: Day, latest: Day) -> Value {
    if earliest == latest {
        json!({"in": format_iso(earliest)})
    } else {
        json!({"earliest": format_iso(earliest), "latest": format_iso(latest)})
    }
}

/// A date as an LPF timespan: when it began (between its earliest and
/// latest start) and ended; an open end is left out.
pub fn timespan(d: &HistDate) -> Value {
    let mut span = Map::new();
    span.insert(
        "start".into(),
        if d.open_start() {
            json!({})
        } else {
            bound(d.earliest_start, d.latest_start)
        },
    );
    if !d.open_end() {
        span.insert("end".into(), bound(d.earliest_end, d.latest_end));
    }
    Value::Object(span)
}

fn citation(source: &CoordSource) -> Value {
    match source {
        CoordSource::GeoNames(id) => {
            json!({"@id": format!("https://www.geonames.org/{id}"), "label": format!("GeoNames {id} (CC-BY 4.0)")})
        }
        other => json!({"label": other.describe(crate::model::Lang::En)}),
    }
}

/// The event as chronoatlas reads it back.
fn event_record(x: &ExportEvent<'_>) -> Value {
    let e = &x.event;
    let (size, _, _) = x.size_cells();
    let stretches: Vec<Vec<&str>> = x
        .stretches
        .iter()
        .map(|s| s.iter().map(|p| p.id.as_str()).collect())
        .collect();
    json!({
        "event_id": e.id,
        "kind": e.kind.key(),
        "title_zh": e.title_zh,
        "title_en": e.title_en,
        "date_text": x.times.text,
        "edtf": x.times.edtf,
        "size": size,
        "unit_ids": e.units,
        "quote_zh": e.quote,
        "lines": stretches,
    })
}

fn feature(p: &Place, spans: Vec<Value>, records: Vec<Value>) -> Value {
    let spans_empty = spans.is_empty();
    let mut names = vec![
        json!({"toponym": p.name_zh, "lang": "zh"}),
        json!({"toponym": p.name_en, "lang": "en"}),
    ];
    for h in &p.historical_names {
        let when = json!({"timespans": [timespan(&h.when)]});
        names.push(json!({"toponym": h.zh, "lang": "zh", "when": when}));
        names.push(json!({"toponym": h.en, "lang": "en", "when": when}));
    }
    let mut links = Vec::new();
    if let CoordSource::GeoNames(id) = p.coord_source {
        links.push(json!({"type": "closeMatch", "identifier": format!("gn:{id}")}));
    }
    let mut point = json!({
        "type": "Point",
        "coordinates": [p.lon, p.lat],
        "citations": [citation(&p.coord_source)],
    });
    if p.tolerance_km > 0.0 {
        point["certainty"] = json!(if p.tolerance_km <= 5.0 {
            "certain"
        } else {
            "less-certain"
        });
    }
    let mut f = json!({
        "@id": format!("{ID_PREFIX}{}", p.id),
        "type": "Feature",
        "properties": {
            "title": format!("{} {}", p.name_zh, p.name_en),
            "chronoatlas:place_kind": p.kind.key(),
            "chronoatlas:radius_km": p.radius_km,
            EVENTS_KEY: records,
        },
        "names": names,
        "types": [{"label": p.kind.key(), "sourceLabel": p.kind.key()}],
        "geometry": {"type": "GeometryCollection", "geometries": [point]},
        "when": {"timespans": spans},
        "links": links,
    });
    if spans_empty && let Some(o) = f.as_object_mut() {
        o.remove("when");
    }
    if !p.note.is_empty() {
        f["descriptions"] = json!([{"value": p.note, "lang": "en"}]);
    }
    f
}

/// Writes the FeatureCollection: the places in the order events first name
/// them, then the stations their lines pass (with no timespans of their own).
pub fn write(ds: &Dataset, mut out: impl Write) -> std::io::Result<()> {
    let mut order: Vec<Place> = Vec::new();
    let mut at: HashMap<String, (Vec<Value>, Vec<Value>)> = HashMap::new();
    let mut stations: Vec<Place> = Vec::new();
    for x in events(ds) {
        let record = event_record(&x);
        for p in &x.places {
            let entry = at.entry(p.id.clone()).or_insert_with(|| {
                order.push(p.clone().into_owned());
                Default::default()
            });
            entry.0.push(timespan(&x.event.when));
            entry.1.push(record.clone());
        }
        for p in x.stretches.iter().flatten() {
            if !stations.iter().any(|s| s.id == p.id) {
                stations.push(p.clone().into_owned());
            }
        }
    }
    stations.retain(|s| !at.contains_key(&s.id));
    let mut features: Vec<Value> = order
        .iter()
        .map(|p| {
            let (spans, records) = at.remove(&p.id).unwrap_or_default();
            feature(p, spans, records)
        })
        .collect();
    features.extend(stations.iter().map(|p| feature(p, Vec::new(), Vec::new())));
    let doc = json!({"type": "FeatureCollection", "@context": CONTEXT, "features": features});
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n")?;
    Ok(())
}
