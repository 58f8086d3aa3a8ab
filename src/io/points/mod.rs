//! Plain point files a user exports from a spreadsheet, QGIS or kepler.gl:
//! CSV with lon/lat and date columns, and GeoJSON points with time
//! properties. Each row becomes an event at its own point.
//!
//! This module holds the entry points; the rest by role: `schema` (which
//! columns mean what), `cells` (what a cell's text means), `point_row` (a
//! point as an event and place), `columns` (the column store), `plain` (the
//! fast reader of files without quotes, on every core), `quoted` (the
//! ordered reader for the rest), `ordering` (rows in order of their start,
//! the id index), `row_source` (a row read again from its file), `geojson`.
use std::sync::Arc;

use super::load::Loaded;
use super::problem::Problem;
use super::text::decode;
use crate::model::Dataset;
use crate::model::points::PointTable;
use ordering::Rows;
use point_row::finish;
use row_source::CsvRows;
use schema::Schema;

mod cells;
mod columns;
mod gather;
mod geojson;
mod lpf;
mod ordering;
mod plain;
mod point_row;
mod quoted;
mod roles;
mod row_source;
mod schema;

pub use cells::{normalise_date, row_date};
pub use geojson::load_geojson;
pub use lpf::timespan_date;
pub use roles::{ColumnChoice, Role};
pub use schema::{
    DATE_NAMES, DATE_TEXT_NAMES, EDTF_NAMES, END_NAMES, GEOJSON_NAMES, ID_NAMES, KIND_NAMES, LAT_NAMES,
    LON_NAMES, NOTE_NAMES, PLACE_EN_NAMES, PLACE_ID_NAMES, PLACE_ZH_NAMES, QUOTE_NAMES, SIZE_NAMES,
    START_NAMES, TITLE_NAMES,
};

/// Loads a CSV (comma, semicolon or tab separated) of point events.
pub fn load_csv(file: &str, bytes: &[u8]) -> Loaded {
    load_csv_with_progress(
        file,
        bytes.to_vec(),
        &ColumnChoice::default(),
        &std::sync::atomic::AtomicU64::new(0),
    )
}

/// [`load_csv`], storing in `progress` how many bytes are read so far.
///
/// The rows go into a [`PointTable`]. A file without quotes (what
/// spreadsheets and databases write for numbers and dates) is read on every
/// core ([`plain`]); a file with quotes is read in order by the `csv` crate,
/// since a quoted cell may hold a line end.
pub fn load_csv_with_progress(
    file: &str,
    mut bytes: Vec<u8>,
    choice: &ColumnChoice,
    progress: &std::sync::atomic::AtomicU64,
) -> Loaded {
    // The limit also keeps row offsets within 32 bits.
    if bytes.len() as u64 > super::files::MAX_FILE_BYTES {
        return Loaded::failed(super::files::too_big(file, bytes.len() as u64));
    }
    let read = plain::read(file, &mut bytes, plain::Fill::Memory, choice, progress);
    from_plain_read(file, bytes, read, choice, progress)
}

/// Loads the CSV at `path` (named `file` in messages): its parts are read
/// from the disk on every core, each parsed as it arrives.
pub fn load_csv_path(
    path: &std::path::Path,
    file: &str,
    choice: &ColumnChoice,
    progress: &std::sync::atomic::AtomicU64,
) -> Loaded {
    let (f, len) = match super::files::open_regular(path, file) {
        Ok(opened) => opened,
        Err(p) => return Loaded::failed(p),
    };
    // A binary or UTF-16 file is known by its first block: say so without
    // reading the rest.
    let mut first = vec![
        0u8;
        usize::try_from(len)
            .unwrap_or(usize::MAX)
            .min(super::files::FIRST_BLOCK)
    ];
    if let Err(e) = std::io::Read::read_exact(&mut &f, &mut first) {
        return Loaded::failed(Problem::error(file, format!("cannot read: {e}")));
    }
    if first.contains(&0) {
        let problem = decode(file, &first).err();
        return Loaded::failed(problem.unwrap_or_else(|| Problem::error(file, "not UTF-8 text")));
    }
    let mut bytes = vec![0u8; usize::try_from(len).unwrap_or(usize::MAX)];
    let read = plain::read(file, &mut bytes, plain::Fill::File(&f), choice, progress);
    from_plain_read(file, bytes, read, choice, progress)
}

/// The table from what [`plain::read`] found: its rows, or, for a file it
/// does not take, the ordered reader's.
fn from_plain_read(
    file: &str,
    bytes: Vec<u8>,
    read: Result<Result<plain::Plain, plain::NotPlain>, Problem>,
    choice: &ColumnChoice,
    progress: &std::sync::atomic::AtomicU64,
) -> Loaded {
    let (schema, pieces, problems) = match read {
        Err(p) => return Loaded::failed(p),
        Ok(Ok(plain)) => (plain.schema, plain.pieces, plain.problems),
        Ok(Err(plain::NotPlain)) => match quoted::read_ordered(file, &bytes, choice, progress) {
            Err(p) => return Loaded::failed(p),
            Ok((schema, rows, problems)) => (schema, vec![rows], problems),
        },
    };
    progress.store(bytes.len() as u64, std::sync::atomic::Ordering::Relaxed);
    table_of(file, schema, bytes, pieces, problems)
}

/// How many rows are looked at to find columns by their cells.
const SAMPLE_ROWS: usize = 200;

/// The most rows read as full events (each costs a kilobyte or so): a
/// file that names its places or gives an event several rows. Beyond it, a
/// file is read as one event per row.
pub const GROUP_LIMIT: usize = 200_000;

/// A table of one row per event and place (what `table` writes): its rows
/// read in full, those of one event gathered ([`gather`]), each place
/// kept by its id.
fn as_events(file: &str, source: &CsvRows, mut problems: Vec<Problem>) -> Loaded {
    let mut order: Vec<usize> = (0..source.line.len()).collect();
    order.sort_by_key(|&n| source.line[n]);
    let pieces = order
        .into_iter()
        .filter_map(|n| {
            let row = source.point_row(n)?;
            let id = if row.place.id.is_empty() {
                crate::model::points::place_id(n)
            } else {
                row.place.id.clone()
            };
            let (event, place) = point_row::point_records(row, &id, file);
            Some(gather::Piece {
                event: Some(event),
                places: vec![place],
            })
        })
        .collect();
    let (events, places, more) = gather::gather(file, pieces);
    problems.extend(more);
    let mut ds = Dataset::named(file);
    ds.events = events;
    ds.places = places;
    ds.read_notes.push(source.schema.chosen.note(file));
    finish(ds, problems)
}

/// The rows put in a [`PointTable`] in order of their start, read again
/// from `bytes` when shown; rows that share an id are reported.
fn table_of(
    file: &str,
    schema: Schema,
    bytes: Vec<u8>,
    pieces: Vec<Rows>,
    mut problems: Vec<Problem>,
) -> Loaded {
    let ordered = ordering::order_by_start(pieces);
    let source = CsvRows {
        schema,
        text: Arc::new(bytes),
        offset: ordered.offset,
        line: ordered.line,
    };
    let source = Arc::new(source);
    let table = PointTable::with_ids(
        ordered.world,
        ordered.span,
        ordered.kind,
        ordered.people,
        ordered.ids,
        source.clone(),
    );
    let duplicates = table.duplicate_ids();
    let names_places = source.schema.place_id.is_some();
    if (names_places || !duplicates.is_empty()) && table.len() <= GROUP_LIMIT {
        return as_events(file, &source, problems);
    }
    for (n, first) in duplicates {
        if let Some((e, _)) = table.row(n) {
            let at = table.row(first).map_or(0, |(f, _)| f.origin.line);
            problems.push(
                Problem::error(file, format!("duplicate id: also at {file}:{at}"))
                    .at(e.origin.line, 1)
                    .record(format!("event '{}'", e.id)),
            );
        }
    }
    let mut ds = Dataset::named(file);
    ds.read_notes.push(source.schema.chosen.note(file));
    ds.points = table;
    finish(ds, problems)
}

#[cfg(test)]
mod tests;
