//! Linked Places Format (the World Historical Gazetteer's): a feature is a
//! place, with its names, geometry and a `when` whose timespans say when
//! it is attested. Each timespan becomes an event at the place, its range
//! from the start's earliest to the end's latest bound, the start's latest
//! and the end's earliest kept as the narrower bounds. A file chronoatlas
//! wrote carries its events in `properties["chronoatlas:events"]`, read
//! back as they were.
use serde_json::{Map, Value};

use super::cells::{kind_of, normalise_date};
use super::gather::Piece;
use super::geojson::{Reader, Shapes, Stop, prop, shapes};
use super::point_row::{PlaceCells, PointRow, point_records};
use crate::io::export::lpf::{EVENTS_KEY, ID_PREFIX};
use crate::io::json_records::RawRecord;
use crate::model::date::Day;
use crate::model::place::{HistoricalName, PlaceKind};
use crate::model::{HistDate, Place, Route, SizeRange};

/// A Linked Places feature has an `@id` or a list of `names`.
pub(super) fn is_linked_places(feature: &Value) -> bool {
    feature.get("@id").is_some() || feature.get("names").is_some_and(Value::is_array)
}

/// The first and last day of one bound's text (`1937`, `1937-11`,
/// `1937-11-08`, a date-time, any EDTF date).
fn days(text: &str) -> Result<(Day, Day), String> {
    let d = normalise_date(text)?
        .parse::<HistDate>()
        .map_err(|e| e.to_string())?;
    Ok((d.earliest(), d.latest()))
}

/// A bound (`{"in"}`, `{"earliest", "latest"}` or one of them) as its
/// earliest and latest day, each `None` where it says nothing.
fn bound(v: Option<&Value>) -> Result<(Option<Day>, Option<Day>), String> {
    let get = |k: &str| {
        v.and_then(|o| o.get(k))
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
    };
    let (mut lo, mut hi) = (None, None);
    if let Some(t) = get("in") {
        let (a, b) = days(t)?;
        (lo, hi) = (Some(a), Some(b));
    }
    if let Some(t) = get("earliest") {
        lo = Some(days(t)?.0);
    }
    if let Some(t) = get("latest") {
        hi = Some(days(t)?.1);
    }
    if let (Some(a), Some(b)) = (lo, hi)
        && a > b
    {
        return Err(format!(
            "its earliest ({}) is after its latest ({})",
            crate::model::date::format_iso(a),
            crate::model::date::format_iso(b)
        ));
    }
    Ok((lo, hi))
}

/// A timespan as a date: from the start's earliest bound to the end's
/// latest; a start that gives only its latest bound is open before it, an
/// end that gives only its earliest open after it.
pub fn timespan_date(span: &Value) -> Result<HistDate, String> {
    let (s0, s1) = bound(span.get("start")).map_err(|m| format!("start: {m}"))?;
    let (e0, e1) = bound(span.get("end")).map_err(|m| format!("end: {m}"))?;
    let iso = |d: Option<Day>| d.map_or_else(|| "..".to_string(), crate::model::date::format_iso);
    // A start with no bound at all is open; so is an end.
    let (first, last) = (s0, e1.or(if span.get("end").is_none() { s1 } else { None }));
    if first.is_none() && last.is_none() {
        return Err("a timespan needs a start (in or earliest) or an end".into());
    }
    let text = format!("{}/{}", iso(first), iso(last));
    let mut d = text.parse::<HistDate>().map_err(|e| e.to_string())?;
    // The narrower bounds: the latest the start can be, the earliest the end.
    if first.is_some()
        && let Some(l) = s1
    {
        d.latest_start = l.min(d.latest_end);
    }
    if last.is_some()
        && let Some(e) = e0
    {
        if e < d.earliest_start {
            return Err(format!(
                "the end's earliest ({}) is before the start",
                iso(Some(e))
            ));
        }
        d.earliest_end = e;
    }
    Ok(d)
}

/// The dates of a `when`'s timespans.
fn when_dates(when: &Value) -> Result<Vec<HistDate>, String> {
    let spans = when
        .get("timespans")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    spans
        .iter()
        .enumerate()
        .map(|(k, s)| timespan_date(s).map_err(|m| format!("timespan {}: {m}", k + 1)))
        .collect()
}

/// A name's text for `lang` (`zh` also takes `zh-Hans`, `zh-Hant`...).
fn name(names: &[Value], lang: &str, dated: bool) -> Option<String> {
    names.iter().find_map(|n| {
        let l = n.get("lang").and_then(Value::as_str).unwrap_or("");
        let ok = (l == lang || l.starts_with(&format!("{lang}-"))) && n.get("when").is_some() == dated;
        ok.then(|| n.get("toponym").and_then(Value::as_str).map(str::to_string))
            .flatten()
    })
}

/// Historical names: each dated Chinese name with the English one of the
/// same `when` (or itself).
fn historical(names: &[Value]) -> Vec<HistoricalName> {
    fn dated<'a>(names: &'a [Value], lang: &'static str) -> impl Iterator<Item = &'a Value> {
        names
            .iter()
            .filter(move |n| n.get("lang").and_then(Value::as_str) == Some(lang) && n.get("when").is_some())
    }
    dated(names, "zh")
        .filter_map(|n| {
            let when = n.get("when")?;
            let date = when_dates(when).ok()?.into_iter().next()?;
            let zh = n.get("toponym")?.as_str()?.to_string();
            let en = dated(names, "en")
                .find(|m| m.get("when") == Some(when))
                .and_then(|m| m.get("toponym")?.as_str().map(str::to_string))
                .unwrap_or_else(|| zh.clone());
            Some(HistoricalName { zh, en, when: date })
        })
        .collect()
}

/// Reads a Linked Places feature: its place (one per point), and its
/// events: chronoatlas's own, or one per timespan of its `when`.
pub(super) fn read_feature(r: &mut Reader<'_>, rec: &RawRecord<'_>, f: &Value) -> Result<Vec<Piece>, Stop> {
    let empty = Map::new();
    let props = f.get("properties").and_then(Value::as_object).unwrap_or(&empty);
    let raw_id = f.get("@id").and_then(Value::as_str).unwrap_or("").to_string();
    let id = match raw_id.strip_prefix(ID_PREFIX).unwrap_or(&raw_id) {
        "" => format!("feature{}", rec.index + 1),
        s => s.to_string(),
    };
    let record = format!("place '{id}'");
    let err = |value: &str, msg: String| Stop::Problems(vec![r.err(rec, &record, value, msg)]);
    let mut geo = Shapes::default();
    match f.get("geometry") {
        Some(g) if !g.is_null() => {
            shapes(g, &mut geo).map_err(|m| err("geometry", format!("geometry: {m}")))?
        }
        _ => return Err(err("geometry", "a place needs a geometry with a point".into())),
    }
    if geo.points.is_empty() {
        // A place drawn as a line (a road, a river) stands at its start.
        geo.points
            .extend(geo.lines.iter().filter_map(|l| l.first().copied()));
    }
    let title = prop(props, &["title"]);
    let names: Vec<Value> = f
        .get("names")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let zh = name(&names, "zh", false).unwrap_or_else(|| title.clone());
    let en = name(&names, "en", false).unwrap_or_else(|| title.clone());
    let template = Place {
        historical_names: historical(&names),
        ..point_records(
            PointRow {
                title: title.clone(),
                title_en: title.clone(),
                place: PlaceCells {
                    id: id.clone(),
                    zh,
                    en,
                    kind: PlaceKind::from_key(&prop(props, &["chronoatlas:place_kind"])),
                    radius_km: props.get("chronoatlas:radius_km").and_then(Value::as_f64),
                },
                ..PointRow::bare(id.clone(), HistDate::day(0), rec.origin(r.file))
            },
            &id,
            r.file,
        )
        .1
    };
    let places: Vec<Place> = geo
        .points
        .iter()
        .enumerate()
        .map(|(k, &(lon, lat))| Place {
            id: if k == 0 {
                id.clone()
            } else {
                format!("{id}#{}", k + 1)
            },
            lon,
            lat,
            ..template.clone()
        })
        .collect();
    let place_ids: Vec<String> = places.iter().map(|p| p.id.clone()).collect();
    let at = |mut e: crate::model::Event| {
        e.places = place_ids.clone();
        e
    };
    let mut events = Vec::new();
    if let Some(records) = props.get(EVENTS_KEY).and_then(Value::as_array) {
        for v in records {
            let e = own_event(v, rec, r.file).map_err(|m| err(EVENTS_KEY, m))?;
            events.push(at(e));
        }
    } else if let Some(when) = f.get("when").or_else(|| props.get("when")) {
        let dates = when_dates(when).map_err(|m| err("when", format!("when: {m}")))?;
        let n = dates.len();
        for (k, when) in dates.into_iter().enumerate() {
            let event_id = if n == 1 {
                id.clone()
            } else {
                format!("{id}#{}", k + 1)
            };
            let (mut e, _) = point_records(
                PointRow {
                    title: title.clone(),
                    title_en: title.clone(),
                    ..PointRow::bare(event_id, when, rec.origin(r.file))
                },
                &id,
                r.file,
            );
            e.title_zh = template.name_zh.clone();
            e.title_en = template.name_en.clone();
            events.push(at(e));
        }
    }
    let mut pieces = vec![Piece { event: None, places }];
    pieces.extend(events.into_iter().map(|e| Piece {
        event: Some(e),
        places: Vec::new(),
    }));
    Ok(pieces)
}

/// An event as chronoatlas wrote it into a place's properties.
fn own_event(v: &Value, rec: &RawRecord<'_>, file: &str) -> Result<crate::model::Event, String> {
    let o = v.as_object().ok_or("each event is an object")?;
    let s = |k: &str| prop(o, &[k]);
    let id = s("event_id");
    if id.is_empty() {
        return Err("an event without an event_id".into());
    }
    let date = match s("date_text") {
        t if t.is_empty() => s("edtf"),
        t => t,
    };
    let when = normalise_date(&date)
        .and_then(|d| d.parse::<HistDate>().map_err(|e| e.to_string()))
        .map_err(|m| format!("event '{id}': {m}"))?;
    let size = match s("size") {
        t if t.is_empty() => None,
        t => Some(
            t.parse::<SizeRange>()
                .map_err(|e| format!("event '{id}': size '{t}': {e}"))?,
        ),
    };
    let (mut e, _) = point_records(
        PointRow {
            title: s("title_zh"),
            title_en: s("title_en"),
            kind: kind_of(&s("kind")),
            size,
            quote: s("quote_zh"),
            ..PointRow::bare(id.clone(), when, rec.origin(file))
        },
        "",
        file,
    );
    for line in o.get("lines").and_then(Value::as_array).into_iter().flatten() {
        let stops: Vec<String> = line
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect();
        if let (Some(from), Some(to)) = (stops.first(), stops.last())
            && stops.len() >= 2
        {
            e.routes.push(Route {
                from: from.clone(),
                via: stops[1..stops.len() - 1].to_vec(),
                to: to.clone(),
            });
        }
    }
    Ok(e)
}
