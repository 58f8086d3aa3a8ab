//! `places.tsv`: the gazetteer, one place a row with its coordinates, their
//! source and tolerance, and its historical names by date.
use crate::io::problem::Problem;
use crate::io::tsv::{self, Row, Table};
use crate::model::place::{CoordSource, HistoricalName, Place, PlaceKind};
use crate::model::{HistDate, Origin};

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

/// The places of `places.tsv`: each row that reads, and the problems of
/// those that do not.
pub(super) fn read_places(file: &str, text: &str, problems: &mut Vec<Problem>) -> Vec<Place> {
    let table = match tsv::parse(file, text, &PLACE_COLUMNS[..10], &PLACE_COLUMNS[10..], problems) {
        Ok(t) => t,
        Err(p) => {
            problems.push(p);
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for row in &table.rows {
        if let Some(place) = read_place(file, &table, row, problems) {
            out.push(place);
        }
    }
    out
}

/// One row's place, or `None` with its problems listed.
fn read_place(file: &str, table: &Table<'_>, row: &Row<'_>, problems: &mut Vec<Problem>) -> Option<Place> {
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
        let keys: Vec<&str> = PlaceKind::ALL.iter().map(|k| k.key()).collect();
        problems.push(err(
            "kind",
            format!("unknown kind '{kind_s}'; use one of {}", keys.join(", ")),
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
    let provinces_1937: Vec<String> = items(table.get(row, "province_1937")).map(String::from).collect();
    let historical_names = historical_names(table.get(row, "historical_names"), &err, problems);
    if problems.len() > before {
        return None;
    }
    let (Some(kind), Some(lon), Some(lat), Some(tolerance_km), Some(coord_source)) =
        (kind, lon, lat, tolerance_km, coord_source)
    else {
        return None;
    };
    Some(Place {
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
    })
}

/// The items of a `;`-separated cell, trimmed, empty ones left out.
fn items(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// The historical names of a cell (`中文|English|EDTF period;...`); a
/// problem (made by `err`) for each that cannot be read.
fn historical_names(
    cell: &str,
    err: &impl Fn(&str, String) -> Problem,
    problems: &mut Vec<Problem>,
) -> Vec<HistoricalName> {
    let mut names = Vec::new();
    for part in items(cell) {
        let bits: Vec<&str> = part.split('|').map(str::trim).collect();
        match bits.as_slice() {
            [zh, en, when] => match when.parse::<HistDate>() {
                Ok(when) => names.push(HistoricalName {
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
    names
}
