//! The CSV: one row per event and place, for spreadsheets, QGIS (X/Y from
//! `lon`/`lat`, time from `start`/`end` or the decimal years) and kepler.gl
//! (`start` as its time field). chronoatlas reads it back: rows that share
//! an `event_id` are one event at several places, and `date_text` gives
//! the date exactly. Lines (segments, routes) are written as their places:
//! GeoJSON, KML and Linked Places carry them as lines.
use std::io::Write;

use super::{ExportEvent, coord, events};
use crate::model::Dataset;

/// The columns, in order (documented in docs/DATA_FORMAT.md).
pub const COLUMNS: [&str; 25] = [
    "row_id",
    "event_id",
    "kind",
    "title_zh",
    "title_en",
    "place_id",
    "place_zh",
    "place_en",
    "place_kind",
    "radius_km",
    "lon",
    "lat",
    "date_text",
    "edtf",
    "start",
    "end",
    "start_year",
    "end_year",
    "date_zh",
    "date_en",
    "size",
    "size_min",
    "size_max",
    "unit_ids",
    "quote_zh",
];

/// Excel opens a UTF-8 CSV as the system's code page (mojibake for
/// Chinese) unless it starts with this byte-order mark; GDAL, QGIS,
/// pandas' `utf-8-sig` and chronoatlas skip it.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A decimal year with four places (under an hour's precision).
fn year(y: Option<f64>) -> String {
    y.map(|y| format!("{y:.4}")).unwrap_or_default()
}

/// The rows of one event, one per place.
pub fn event_rows(x: &ExportEvent<'_>) -> Vec<[String; 25]> {
    let e = &x.event;
    let t = &x.times;
    let (size, size_min, size_max) = x.size_cells();
    x.places
        .iter()
        .map(|p| {
            let (place_zh, place_en) = x.place_names(p);
            [
                x.row_id(p),
                e.id.clone(),
                e.kind.key().to_string(),
                e.title_zh.clone(),
                e.title_en.clone(),
                p.id.clone(),
                place_zh.to_string(),
                place_en.to_string(),
                p.kind.key().to_string(),
                p.radius_km.map(|r| r.to_string()).unwrap_or_default(),
                coord(p.lon),
                coord(p.lat),
                t.text.clone(),
                t.edtf.clone(),
                t.start.clone(),
                t.end.clone(),
                year(t.start_year),
                year(t.end_year),
                t.zh.clone(),
                t.en.clone(),
                size.clone(),
                size_min.clone(),
                size_max.clone(),
                e.units.join(";"),
                e.quote.clone(),
            ]
        })
        .collect()
}

/// Writes the CSV with a header row, after a byte-order mark when `bom`.
pub fn write(ds: &Dataset, mut out: impl Write, bom: bool) -> Result<(), ::csv::Error> {
    if bom {
        out.write_all(BOM)?;
    }
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for x in events(ds) {
        for r in event_rows(&x) {
            w.write_record(&r)?;
        }
    }
    w.flush()?;
    Ok(())
}
