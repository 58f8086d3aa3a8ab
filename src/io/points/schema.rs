//! Which columns of a point file mean what (header names matched), and one
//! row's cells read by them: in full, with its problems worded, or by the
//! fast path for cells in the plain forms.
use super::cells::{decimal, iso_day, kind_of, parse_coord, row_date};
use super::point_row::PointRow;
use super::point_row::RowCols;
use crate::io::problem::Problem;
use crate::io::text::to_u32;
use crate::model::event::EventKind;
use crate::model::points::id_hash;
use crate::model::{Origin, SizeRange};
use crate::time::index::TimeSpan;

/// Accepted column names (compared lower-case, trimmed), first match wins.
pub const LON_NAMES: [&str; 5] = ["lon", "longitude", "lng", "long", "x"];
pub const LAT_NAMES: [&str; 3] = ["lat", "latitude", "y"];
/// (QGIS, kepler.gl and spreadsheets name their time columns these ways.)
pub const START_NAMES: [&str; 9] = [
    "start",
    "begin",
    "start_date",
    "date_start",
    "earliest",
    "start_dt",
    "start_time",
    "begin_date",
    "from",
];
pub const END_NAMES: [&str; 7] = [
    "end", "end_date", "date_end", "latest", "end_dt", "end_time", "to",
];
pub const DATE_NAMES: [&str; 6] = ["date", "when", "time", "datetime", "timestamp", "year"];
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

fn find_column(headers: &[String], names: &[&str]) -> Option<usize> {
    names.iter().find_map(|n| headers.iter().position(|h| h == n))
}

/// Header cells as they are matched: trimmed, lower-case, without a BOM.
pub(super) fn headers_of<'a>(cells: impl Iterator<Item = &'a str>) -> Vec<String> {
    cells
        .map(|s| s.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect()
}

/// The delimiter a header (or first line) is written with: a tab or a
/// semicolon when it has one and no comma, else a comma.
pub(super) fn delimiter_of(header: &str) -> u8 {
    if header.contains('\t') && !header.contains(',') {
        b'\t'
    } else if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    }
}

/// Where each column of a point CSV is.
#[derive(Debug, Clone)]
pub(super) struct Schema {
    pub(super) file: String,
    pub(super) delimiter: u8,
    pub(super) headers: Vec<String>,
    pub(super) lon: usize,
    pub(super) lat: usize,
    pub(super) start: usize,
    pub(super) end: Option<usize>,
    pub(super) id: Option<usize>,
    pub(super) title: Option<usize>,
    pub(super) kind: Option<usize>,
    pub(super) size: Option<usize>,
    pub(super) quote: Option<usize>,
    pub(super) note: Option<usize>,
}

impl Schema {
    /// Finds the columns in a header row, or says which are missing.
    pub(super) fn new(file: &str, delimiter: u8, headers: Vec<String>) -> Result<Schema, Problem> {
        let col = |names: &[&str]| find_column(&headers, names);
        let (Some(lon), Some(lat)) = (col(&LON_NAMES), col(&LAT_NAMES)) else {
            return Err(Problem::error(
                file,
                format!(
                    "the header needs longitude and latitude columns (lon/longitude/lng/x and lat/latitude/y); it has: {}",
                    headers.join(", ")
                ),
            )
            .at(1, 1));
        };
        let Some(start) = col(&START_NAMES).or_else(|| col(&DATE_NAMES)) else {
            return Err(Problem::error(
                file,
                format!(
                    "the header needs a date column (start/begin or date/when, and optionally end); it has: {}",
                    headers.join(", ")
                ),
            )
            .at(1, 1));
        };
        Ok(Schema {
            file: file.to_string(),
            delimiter,
            lon,
            lat,
            start,
            end: col(&END_NAMES),
            id: col(&ID_NAMES),
            title: col(&TITLE_NAMES),
            kind: col(&KIND_NAMES),
            size: col(&SIZE_NAMES),
            quote: col(&QUOTE_NAMES),
            note: col(&NOTE_NAMES),
            headers,
        })
    }

    fn column_name(&self, i: usize) -> &str {
        self.headers.get(i).map_or("", String::as_str)
    }

    /// Reads one row's cells into a point, or says everything wrong with it.
    pub(super) fn read_row(&self, fields: &[&str], line: u32) -> Result<PointRow, Vec<Problem>> {
        let file = self.file.as_str();
        let get = |c: Option<usize>| c.and_then(|i| fields.get(i)).map_or("", |s| s.trim());
        let id = match get(self.id) {
            "" => format!("row{line}"),
            s => s.to_string(),
        };
        let rec = format!("row '{id}'");
        let err = |c: usize, msg: String| {
            Problem::error(file, msg)
                .at(line, to_u32(c + 1))
                .record(rec.clone())
        };
        if fields.len() != self.headers.len() {
            return Err(vec![
                Problem::error(
                    file,
                    format!(
                        "row has {} fields but the header has {}",
                        fields.len(),
                        self.headers.len()
                    ),
                )
                .at(line, 1)
                .record(rec.clone()),
            ]);
        }
        let mut problems = Vec::new();
        let lon = parse_coord(get(Some(self.lon)), -180.0, 180.0);
        let lat = parse_coord(get(Some(self.lat)), -90.0, 90.0);
        for (value, c, what) in [
            (lon, self.lon, "longitude (-180..180)"),
            (lat, self.lat, "latitude (-90..90)"),
        ] {
            if value.is_none() {
                let (name, cell) = (self.column_name(c), get(Some(c)));
                problems.push(err(c, format!("{name} '{cell}' is not a {what}")));
            }
        }
        let when = match row_date(get(Some(self.start)), get(self.end)) {
            Ok(d) => Some(d),
            Err(m) => {
                problems.push(err(self.start, m));
                None
            }
        };
        let size = match get(self.size) {
            "" => None,
            s => match s.parse::<SizeRange>() {
                Ok(v) => Some(v),
                Err(e) => {
                    problems.push(err(self.size.unwrap_or(0), format!("size '{s}': {e}")));
                    None
                }
            },
        };
        let (Some(lon), Some(lat), Some(when), true) = (lon, lat, when, problems.is_empty()) else {
            return Err(problems);
        };
        Ok(PointRow {
            id,
            lon,
            lat,
            when,
            title: get(self.title).to_string(),
            kind: kind_of(get(self.kind)),
            size,
            quote: get(self.quote).to_string(),
            note: get(self.note).to_string(),
            origin: Origin {
                file: file.to_string(),
                line,
                column: 1,
                start: 0,
                end: 0,
            },
        })
    }

    /// The columns of a row whose cells are all in the plain form (decimal
    /// degrees, ISO days, a whole number of people, a kind's key, an id),
    /// read without allocating; `None` sends the row to [`Schema::read_row`],
    /// which reads every form and words the errors. Both give the same
    /// columns for a plain row (tested).
    pub(super) fn fast_row(&self, fields: &[&str]) -> Option<RowCols> {
        if fields.len() != self.headers.len() {
            return None;
        }
        let get = |i: usize| fields[i].trim();
        let id = get(self.id?);
        if id.is_empty() {
            return None;
        }
        let lon = decimal(get(self.lon)).filter(|x| (-180.0..=180.0).contains(x))?;
        let lat = decimal(get(self.lat)).filter(|x| (-90.0..=90.0).contains(x))?;
        let start = iso_day(get(self.start))?;
        let end = match self.end.map(get) {
            None | Some("") => start,
            Some(e) => iso_day(e)?,
        };
        if end < start {
            return None;
        }
        let people = match self.size.map(get) {
            None | Some("") => None,
            Some(s) if s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()) => Some(s.parse::<u32>().ok()?),
            Some(_) => return None,
        };
        let kind = match self.kind.map(get) {
            None | Some("") => EventKind::Other,
            Some(k) => EventKind::from_key(k)?,
        };
        let (x, y) = crate::model::geo::world_xy(lon, lat);
        Some(RowCols {
            world: [x, y],
            span: TimeSpan::exact(start, end),
            kind,
            people,
            hash: id_hash(id),
        })
    }
}
