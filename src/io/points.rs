//! Plain point files a user exports from a spreadsheet, QGIS or kepler.gl:
//! CSV with lon/lat and date columns, and GeoJSON points with time
//! properties. Each row becomes an event at its own point.
use serde_json::Value;

use super::json_records::{Container, locate, parse_record, split_records};
use super::load::{Loaded, Texts};
use super::problem::Problem;
use super::text::{decode, to_u32};
use crate::model::event::{DateBasis, Event, EventKind};
use crate::model::place::{CoordSource, Place, PlaceKind};
use crate::model::{Dataset, HistDate, Origin, SizeRange};

/// Accepted column names (compared lower-case, trimmed), first match wins.
pub const LON_NAMES: [&str; 5] = ["lon", "longitude", "lng", "long", "x"];
pub const LAT_NAMES: [&str; 3] = ["lat", "latitude", "y"];
pub const START_NAMES: [&str; 5] = ["start", "begin", "start_date", "date_start", "earliest"];
pub const END_NAMES: [&str; 4] = ["end", "end_date", "date_end", "latest"];
pub const DATE_NAMES: [&str; 5] = ["date", "when", "time", "datetime", "timestamp"];
pub const ID_NAMES: [&str; 3] = ["id", "event_id", "fid"];
pub const TITLE_NAMES: [&str; 7] = [
    "title",
    "name",
    "label",
    "title_en",
    "title_zh",
    "event",
    "description",
];
pub const KIND_NAMES: [&str; 3] = ["kind", "type", "category"];
pub const SIZE_NAMES: [&str; 4] = ["size", "count", "people", "participants"];
pub const QUOTE_NAMES: [&str; 3] = ["quote", "quote_zh", "source_quote"];
pub const NOTE_NAMES: [&str; 2] = ["note", "notes"];

/// Normalises a date cell: ISO date-times lose their time, `1937/07/07`
/// becomes `1937-07-07`; everything else goes to the EDTF/Chinese parser.
pub fn normalise_date(s: &str) -> String {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if b.len() > 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (b[10] == b'T' || b[10] == b' ')
    {
        return s[..10].to_string();
    }
    if b.len() == 10 && digits(0..4) && b[4] == b'/' && digits(5..7) && b[7] == b'/' && digits(8..10) {
        return s.replace('/', "-");
    }
    s.to_string()
}

/// Builds the date of a row from start/end cells or a single date cell.
pub fn row_date(start: &str, end: &str) -> Result<HistDate, String> {
    let (s, e) = (normalise_date(start), normalise_date(end));
    if s.is_empty() && e.is_empty() {
        return Err("no date: give a start (or date) column".into());
    }
    if s.is_empty() {
        return Err(format!("an end ('{e}') without a start"));
    }
    if e.is_empty() || e == s {
        return s.parse::<HistDate>().map_err(|err| format!("date '{s}': {err}"));
    }
    let sep = if s.contains('年') || e.contains('年') {
        "至"
    } else {
        "/"
    };
    format!("{s}{sep}{e}")
        .parse::<HistDate>()
        .map_err(|err| format!("dates '{s}' to '{e}': {err}"))
}

fn find_column(headers: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| headers.iter().position(|h| h == n))
}

/// One point event as read from a row or feature, before it is stored.
struct PointRow {
    id: String,
    lon: f64,
    lat: f64,
    when: HistDate,
    title: String,
    kind: EventKind,
    size: Option<SizeRange>,
    quote: String,
    note: String,
    origin: Origin,
}

fn push_point(ds: &mut Dataset, r: PointRow, file: &str) {
    // Points have no gazetteer id of their own: number them.
    let place_id = format!("pt{}", ds.places.len() + 1);
    let label = if r.title.is_empty() {
        r.id.clone()
    } else {
        r.title.clone()
    };
    ds.places.push(Place {
        id: place_id.clone(),
        name_zh: label.clone(),
        name_en: label.clone(),
        kind: PlaceKind::Point,
        provinces_1937: Vec::new(),
        lon: r.lon,
        lat: r.lat,
        radius_km: None,
        tolerance_km: 0.0,
        coord_source: CoordSource::UserFile(format!("{file}, line {}", r.origin.line)),
        historical_names: Vec::new(),
        note: String::new(),
        origin: r.origin.clone(),
    });
    ds.events.push(Event {
        id: r.id,
        kind: r.kind,
        when: r.when,
        when_basis: DateBasis::Text,
        refs: Vec::new(),
        title_zh: label.clone(),
        title_en: label,
        places: vec![place_id],
        segments: Vec::new(),
        routes: Vec::new(),
        lines: Vec::new(),
        units: Vec::new(),
        size: r.size,
        figures: Vec::new(),
        summary_zh: String::new(),
        summary_en: String::new(),
        quote: r.quote,
        also_quotes: Vec::new(),
        note: r.note,
        origin: r.origin,
    });
}

fn parse_coord(v: &str, lo: f64, hi: f64) -> Option<f64> {
    v.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && (lo..=hi).contains(x))
}

fn kind_of(s: &str) -> EventKind {
    EventKind::from_key(&s.trim().to_ascii_lowercase().replace([' ', '-'], "_")).unwrap_or(EventKind::Other)
}

fn finish(mut ds: Dataset, mut problems: Vec<Problem>) -> Loaded {
    ds.reindex();
    super::validate::check(&ds, &Texts::new(), false, &mut problems);
    Loaded {
        dataset: ds,
        problems,
    }
}

/// Loads a CSV (comma, semicolon or tab separated) of point events.
pub fn load_csv(file: &str, bytes: &[u8]) -> Loaded {
    load_csv_with_progress(file, bytes, &std::sync::atomic::AtomicU64::new(0))
}

/// [`load_csv`], storing in `progress` how many bytes are read so far.
pub fn load_csv_with_progress(file: &str, bytes: &[u8], progress: &std::sync::atomic::AtomicU64) -> Loaded {
    let mut problems = Vec::new();
    let mut ds = Dataset::named(file);
    let text = match decode(file, bytes) {
        Ok(t) => t,
        Err(p) => {
            return Loaded::failed(p);
        }
    };
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.is_empty() {
        return Loaded::failed(Problem::error(file, "the file is empty: it needs a header row"));
    }
    let delimiter = if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else if first.contains(';') && !first.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|s| s.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect(),
        Err(e) => {
            return Loaded::failed(Problem::error(file, format!("cannot read the header: {e}")).at(1, 1));
        }
    };
    let col = |names: &[&str]| find_column(&headers, names);
    let (Some(lon_c), Some(lat_c)) = (col(&LON_NAMES), col(&LAT_NAMES)) else {
        return Loaded::failed(Problem::error(
                file,
                format!(
                    "the header needs longitude and latitude columns (lon/longitude/lng/x and lat/latitude/y); it has: {}",
                    headers.join(", ")
                ),
            )
            .at(1, 1));
    };
    let start_c = col(&START_NAMES).or_else(|| col(&DATE_NAMES));
    let end_c = col(&END_NAMES);
    if start_c.is_none() {
        return Loaded::failed(Problem::error(
                file,
                format!("the header needs a date column (start/begin or date/when, and optionally end); it has: {}", headers.join(", ")),
            )
            .at(1, 1));
    }
    let (id_c, title_c, kind_c, size_c, quote_c, note_c) = (
        col(&ID_NAMES),
        col(&TITLE_NAMES),
        col(&KIND_NAMES),
        col(&SIZE_NAMES),
        col(&QUOTE_NAMES),
        col(&NOTE_NAMES),
    );
    let column_name = |i: usize| headers.get(i).cloned().unwrap_or_default();

    let mut record = csv::StringRecord::new();
    let mut rows = 0u32;
    loop {
        rows = rows.wrapping_add(1);
        if rows.is_multiple_of(4096) {
            progress.store(reader.position().byte(), std::sync::atomic::Ordering::Relaxed);
        }
        match reader.read_record(&mut record) {
            Ok(false) => {
                progress.store(reader.position().byte(), std::sync::atomic::Ordering::Relaxed);
                break;
            }
            Ok(true) => {}
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| to_u32(usize::try_from(p.line()).unwrap_or(usize::MAX)));
                problems.push(Problem::error(file, format!("malformed CSV: {e}")).at(line, 0));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = record
            .position()
            .map_or(0, |p| to_u32(usize::try_from(p.line()).unwrap_or(usize::MAX)));
        let get = |c: Option<usize>| c.and_then(|i| record.get(i)).map_or("", str::trim);
        let id = match get(id_c) {
            "" => format!("row{line}"),
            s => s.to_string(),
        };
        let rec = format!("row '{id}'");
        let err = |c: usize, msg: String| {
            Problem::error(file, msg)
                .at(line, to_u32(c + 1))
                .record(rec.clone())
        };
        if record.len() != headers.len() {
            problems.push(
                Problem::error(
                    file,
                    format!(
                        "row has {} fields but the header has {}",
                        record.len(),
                        headers.len()
                    ),
                )
                .at(line, 1)
                .record(rec.clone()),
            );
            continue;
        }
        let lon = parse_coord(get(Some(lon_c)), -180.0, 180.0);
        let lat = parse_coord(get(Some(lat_c)), -90.0, 90.0);
        let before = problems.len();
        if lon.is_none() {
            problems.push(err(
                lon_c,
                format!(
                    "{} '{}' is not a longitude (-180..180)",
                    column_name(lon_c),
                    get(Some(lon_c))
                ),
            ));
        }
        if lat.is_none() {
            problems.push(err(
                lat_c,
                format!(
                    "{} '{}' is not a latitude (-90..90)",
                    column_name(lat_c),
                    get(Some(lat_c))
                ),
            ));
        }
        let when = match row_date(get(start_c), get(end_c)) {
            Ok(d) => Some(d),
            Err(m) => {
                problems.push(err(start_c.unwrap_or(0), m));
                None
            }
        };
        let size = match get(size_c) {
            "" => None,
            s => match s.parse::<SizeRange>() {
                Ok(v) => Some(v),
                Err(e) => {
                    problems.push(err(size_c.unwrap_or(0), format!("size '{s}': {e}")));
                    None
                }
            },
        };
        if problems.len() > before {
            continue;
        }
        let (Some(lon), Some(lat), Some(when)) = (lon, lat, when) else {
            continue;
        };
        let origin = Origin {
            file: file.to_string(),
            line,
            column: 1,
            start: 0,
            end: 0,
        };
        push_point(
            &mut ds,
            PointRow {
                id,
                lon,
                lat,
                when,
                title: get(title_c).to_string(),
                kind: kind_of(get(kind_c)),
                size,
                quote: get(quote_c).to_string(),
                note: get(note_c).to_string(),
                origin,
            },
            file,
        );
    }
    finish(ds, problems)
}

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
        let origin = rec.origin(file, text);
        let feature: Value = match parse_record(file, text, rec) {
            Ok(v) => v,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let empty = serde_json::Map::new();
        let props = feature
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let id = match feature.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => match prop(props, &ID_NAMES) {
                s if s.is_empty() => format!("feature{}", rec.index + 1),
                s => s,
            },
        };
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
            return Loaded {
                problems,
                ..Loaded::default()
            };
        }
        let coords = feature
            .get("geometry")
            .filter(|g| g.get("type").and_then(Value::as_str) == Some("Point"))
            .and_then(|g| g.get("coordinates"))
            .and_then(Value::as_array);
        let (lon, lat) = match coords.map(|c| {
            (
                c.first().and_then(Value::as_f64),
                c.get(1).and_then(Value::as_f64),
            )
        }) {
            Some((Some(lon), Some(lat)))
                if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) =>
            {
                (lon, lat)
            }
            _ => {
                problems.push(err(
                    "geometry",
                    "geometry must be a Point with [longitude, latitude] in range".into(),
                ));
                continue;
            }
        };
        let (start, end) = props
            .get("when")
            .filter(|v| v.is_object())
            .and_then(linked_places_when)
            .unwrap_or_else(|| {
                let start = match prop(props, &START_NAMES) {
                    s if s.is_empty() => prop(props, &DATE_NAMES),
                    s => s,
                };
                (start, prop(props, &END_NAMES))
            });
        let when = match row_date(&start, &end) {
            Ok(d) => d,
            Err(m) => {
                problems.push(err(if start.is_empty() { "properties" } else { &start }, m));
                continue;
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
                    continue;
                }
            }
        };
        push_point(
            &mut ds,
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
    }
    finish(ds, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_common_date_cells() {
        assert_eq!(normalise_date("1937-07-07T00:00:00Z"), "1937-07-07");
        assert_eq!(normalise_date("1937-07-07 12:00"), "1937-07-07");
        assert_eq!(normalise_date("1937/07/07"), "1937-07-07");
        assert_eq!(normalise_date("1937/1938"), "1937/1938");
    }

    #[test]
    fn row_dates_combine_start_and_end() {
        let d = row_date("1937-07-07", "1937-07-10").unwrap();
        assert_eq!(crate::model::date::format_iso(d.latest()), "1937-07-10");
        assert!(row_date("", "1937").is_err());
        assert!(row_date("", "").is_err());
        assert!(row_date("1937-13", "").is_err());
    }
}
