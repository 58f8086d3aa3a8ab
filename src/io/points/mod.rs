//! Plain point files a user exports from a spreadsheet, QGIS or kepler.gl:
//! CSV with lon/lat and date columns, and GeoJSON points with time
//! properties. Each row becomes an event at its own point.
use std::sync::Arc;

use serde_json::Value;

use super::json_records::{Container, locate, parse_record, split_records};
use super::load::{Loaded, Texts};
use super::problem::Problem;
use super::text::{decode, to_u32};
use crate::model::date::{Day, days_in_month};
use crate::model::event::{DateBasis, Event, EventKind};
use crate::model::place::{CoordSource, Place, PlaceKind};
use crate::model::points::{PointTable, RowSource, id_hash, place_id};
use crate::model::{Dataset, HistDate, Origin, SizeRange};
use crate::time::index::TimeSpan;

mod plain;

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

/// Normalises a date cell: ISO date-times lose their time (once it is
/// checked: 25:99 is refused, not dropped), `1937/07/07` becomes
/// `1937-07-07`; everything else goes to the EDTF/Chinese parser.
pub fn normalise_date(s: &str) -> Result<String, String> {
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
        check_time(&s[11..]).map_err(|why| format!("date-time '{s}': {why}"))?;
        return Ok(s[..10].to_string());
    }
    if b.len() == 10 && digits(0..4) && b[4] == b'/' && digits(5..7) && b[7] == b'/' && digits(8..10) {
        return Ok(s.replace('/', "-"));
    }
    Ok(s.to_string())
}

/// Checks the time of an ISO date-time: `HH:MM[:SS[.fff]]` then nothing,
/// `Z`, or an offset `±HH[:MM]`; hours 00-23 (or 24:00), minutes 00-59,
/// seconds 00-60, offsets up to 14 hours.
fn check_time(t: &str) -> Result<(), String> {
    let two = |s: &str, at: usize| -> Option<u32> {
        let d = s.get(at..at + 2)?;
        d.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| d.parse().ok())
            .flatten()
    };
    let bad = || format!("'{t}' is not a time of day (HH:MM or HH:MM:SS, then Z or ±HH:MM)");
    let (h, m) = (two(t, 0).ok_or_else(bad)?, two(t, 3).ok_or_else(bad)?);
    if t.as_bytes().get(2) != Some(&b':') {
        return Err(bad());
    }
    let mut rest = &t[5..];
    let mut sec = 0;
    if let Some(r) = rest.strip_prefix(':') {
        sec = two(r, 0).ok_or_else(bad)?;
        rest = &r[2..];
        if let Some(frac) = rest.strip_prefix('.') {
            let n = frac.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return Err(bad());
            }
            rest = &frac[n..];
        }
    }
    if h > 24 || (h == 24 && (m, sec) != (0, 0)) || m > 59 || sec > 60 {
        return Err(format!(
            "{h:02}:{m:02}:{sec:02} is not a time of day (hours 00-23, minutes and seconds 00-59)"
        ));
    }
    match rest.as_bytes().first() {
        None => Ok(()),
        Some(b'Z') if rest.len() == 1 => Ok(()),
        Some(b'+' | b'-') => {
            let o = &rest[1..];
            let oh = two(o, 0).ok_or_else(bad)?;
            let om = match o.len() {
                2 => 0,
                4 => two(o, 2).ok_or_else(bad)?,
                5 if o.as_bytes()[2] == b':' => two(o, 3).ok_or_else(bad)?,
                _ => return Err(bad()),
            };
            if oh > 14 || om > 59 {
                return Err(format!(
                    "the offset {rest} is not one a clock has (at most ±14:00)"
                ));
            }
            Ok(())
        }
        _ => Err(bad()),
    }
}

/// Builds the date of a row from start/end cells or a single date cell.
pub fn row_date(start: &str, end: &str) -> Result<HistDate, String> {
    let (s, e) = (normalise_date(start)?, normalise_date(end)?);
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

/// The event and place of one point (the place id is given: points have
/// no gazetteer id of their own).
fn point_records(r: PointRow, place_id: &str, file: &str) -> (Event, Place) {
    let label = if r.title.is_empty() {
        r.id.clone()
    } else {
        r.title.clone()
    };
    let place = Place {
        id: place_id.to_string(),
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
    };
    let event = Event {
        id: r.id,
        kind: r.kind,
        when: r.when,
        when_basis: DateBasis::Text,
        refs: Vec::new(),
        title_zh: label.clone(),
        title_en: label,
        places: vec![place_id.to_string()],
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
        readings: Vec::new(),
        note: r.note,
        origin: r.origin,
    };
    (event, place)
}

fn push_point(ds: &mut Dataset, r: PointRow, file: &str) {
    let (event, place) = point_records(r, &format!("pt{}", ds.places.len() + 1), file);
    ds.places.push(place);
    ds.events.push(event);
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
    // A header with nothing under it is what a cut-short export leaves: an
    // empty map must not pass for a valid file.
    if ds.event_count() == 0 && !problems.iter().any(Problem::is_error) {
        let what = if ds.name.to_ascii_lowercase().ends_with("json") {
            "the collection has no features: a point file needs at least one event"
        } else {
            "no rows under the header: a point file needs at least one event"
        };
        problems.push(Problem::error(ds.name.clone(), what).at(1, 1));
    }
    Loaded {
        dataset: ds,
        problems,
    }
}

/// Where each column of a point CSV is.
#[derive(Debug, Clone)]
struct Schema {
    file: String,
    delimiter: u8,
    headers: Vec<String>,
    lon: usize,
    lat: usize,
    start: usize,
    end: Option<usize>,
    id: Option<usize>,
    title: Option<usize>,
    kind: Option<usize>,
    size: Option<usize>,
    quote: Option<usize>,
    note: Option<usize>,
}

impl Schema {
    /// Finds the columns in a header row, or says which are missing.
    fn new(file: &str, delimiter: u8, headers: Vec<String>) -> Result<Schema, Problem> {
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
    fn read_row(&self, fields: &[&str], line: u32) -> Result<PointRow, Vec<Problem>> {
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
    fn fast_row(&self, fields: &[&str]) -> Option<RowCols> {
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

/// A decimal (`-117.151048`) read exactly as `str::parse` reads it: plain
/// ones by [`plain::plain_decimal`], anything else by `str::parse`.
fn decimal(s: &str) -> Option<f64> {
    match plain::plain_decimal(s.as_bytes(), 0) {
        Some((x, end)) if end == s.len() => Some(x),
        _ => s.parse().ok(),
    }
}

/// A day written `YYYY-MM-DD` (years 1000-9999, as spreadsheets write them).
fn iso_day(s: &str) -> Option<Day> {
    iso_day_bytes(s.as_bytes())
}

/// [`iso_day`] of bytes.
fn iso_day_bytes(b: &[u8]) -> Option<Day> {
    let b: &[u8; 10] = b.try_into().ok()?;
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let [y0, y1, y2, y3, _, m0, m1, _, d0, d1] = b.map(|c| c.wrapping_sub(b'0'));
    // One test for all eight digits (no early exits to mispredict).
    if (y0 > 9) | (y1 > 9) | (y2 > 9) | (y3 > 9) | (m0 > 9) | (m1 > 9) | (d0 > 9) | (d1 > 9) | (y0 == 0) {
        return None;
    }
    let y = i32::from(y0) * 1000 + i32::from(y1) * 100 + i32::from(y2) * 10 + i32::from(y3);
    let (m, d) = (u32::from(m0 * 10 + m1), u32::from(d0 * 10 + d1));
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then(|| civil_day(y, m, d))
}

/// [`days_from_civil`] of a valid date of years 1000-9999, without the
/// carrying and 64-bit arithmetic its other callers need (tested equal).
fn civil_day(y: i32, m: u32, d: u32) -> Day {
    let y = y - i32::from(m <= 2);
    let (era, yoe) = (y / 400, y % 400);
    let mp = ((m + 9) % 12) as i32;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// What the table keeps of one row.
struct RowCols {
    world: [f64; 2],
    span: TimeSpan,
    kind: EventKind,
    people: Option<u32>,
    hash: u32,
}

impl RowCols {
    /// A row to be filled in once it is read in full.
    const PLACEHOLDER: RowCols = RowCols {
        world: [0.0; 2],
        span: TimeSpan::exact(0, 0),
        kind: EventKind::Other,
        people: None,
        hash: 0,
    };

    fn of(row: &PointRow) -> RowCols {
        let (x, y) = crate::model::geo::world_xy(row.lon, row.lat);
        RowCols {
            world: [x, y],
            span: crate::time::span_of(&row.when),
            kind: row.kind,
            people: row.size.as_ref().map(|z| z.min),
            hash: id_hash(&row.id),
        }
    }
}

/// The rows read so far, by column, with where each row is in the text.
#[derive(Default)]
struct Columns {
    world: Vec<[f64; 2]>,
    span: Vec<TimeSpan>,
    kind: Vec<EventKind>,
    people: Vec<Option<u32>>,
    hash: Vec<u32>,
    line: Vec<u32>,
    /// Byte of the row's start (files are at most `MAX_FILE_BYTES`).
    offset: Vec<u32>,
}

impl Columns {
    fn reserve(&mut self, n: usize) {
        self.world.reserve(n);
        self.span.reserve(n);
        self.kind.reserve(n);
        self.people.reserve(n);
        self.hash.reserve(n);
        self.line.reserve(n);
        self.offset.reserve(n);
    }

    fn len(&self) -> usize {
        self.world.len()
    }

    fn push(&mut self, r: RowCols, line: u32, offset: usize) {
        self.world.push(r.world);
        self.span.push(r.span);
        self.kind.push(r.kind);
        self.people.push(r.people);
        self.hash.push(r.hash);
        self.line.push(line);
        self.offset.push(offset as u32);
    }

    /// Puts `r` in row `i` (its line and offset stay).
    fn set(&mut self, i: usize, r: RowCols) {
        self.world[i] = r.world;
        self.span[i] = r.span;
        self.kind[i] = r.kind;
        self.people[i] = r.people;
        self.hash[i] = r.hash;
    }

    /// Removes the rows at `rows` (ascending).
    fn remove(&mut self, rows: &[usize]) {
        fn drop_rows<T>(v: &mut Vec<T>, rows: &[usize]) {
            let mut i = 0;
            let mut next = rows.iter().peekable();
            v.retain(|_| {
                let gone = next.peek() == Some(&&i);
                if gone {
                    next.next();
                }
                i += 1;
                !gone
            });
        }
        drop_rows(&mut self.world, rows);
        drop_rows(&mut self.span, rows);
        drop_rows(&mut self.kind, rows);
        drop_rows(&mut self.people, rows);
        drop_rows(&mut self.hash, rows);
        drop_rows(&mut self.line, rows);
        drop_rows(&mut self.offset, rows);
    }

    /// One row: its plain columns, or read in full, or its problems.
    fn take(
        &mut self,
        schema: &Schema,
        fields: &[&str],
        line: u32,
        offset: usize,
        problems: &mut Vec<Problem>,
    ) {
        if let Some(r) = schema.fast_row(fields) {
            self.push(r, line, offset);
            return;
        }
        match schema.read_row(fields, line) {
            Ok(row) => self.push(RowCols::of(&row), line, offset),
            Err(p) => problems.extend(p),
        }
    }
}

/// A point CSV's rows read again from its text, for [`PointTable`].
struct CsvRows {
    schema: Schema,
    /// The file's bytes (checked to be UTF-8 while it was read).
    text: Arc<Vec<u8>>,
    /// Where each row starts in `text`, and its line.
    offset: Vec<u32>,
    line: Vec<u32>,
}

impl CsvRows {
    /// The bytes of row `n` (a quoted cell may run over line ends, so
    /// this is only where the row starts).
    fn from(&self, n: usize) -> Option<&[u8]> {
        self.text.get(usize::try_from(*self.offset.get(n)?).ok()?..)
    }
}

impl RowSource for CsvRows {
    fn row(&self, n: usize) -> Option<(Event, Place)> {
        let line = *self.line.get(n)?;
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(self.schema.delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(self.from(n)?);
        let mut record = csv::StringRecord::new();
        reader.read_record(&mut record).ok().filter(|&more| more)?;
        let fields: Vec<&str> = record.iter().collect();
        let row = self.schema.read_row(&fields, line).ok()?;
        Some(point_records(row, &place_id(n), &self.schema.file))
    }

    fn candidates(&self, needle: &str, limit: usize) -> Vec<usize> {
        let needle = needle.as_bytes();
        // Rows in file order (the table keeps them in order of start).
        let mut order: Vec<(u32, usize)> = self.offset.iter().copied().zip(0..).collect();
        order.sort_unstable();
        let mut out = Vec::new();
        for (k, &(_, n)) in order.iter().enumerate() {
            let Some(from) = self.from(n) else {
                continue;
            };
            let end = (order.get(k + 1))
                .and_then(|&(next, _)| usize::try_from(next).ok())
                .and_then(|next| next.checked_sub(usize::try_from(order[k].0).ok()?))
                .unwrap_or(from.len());
            let row = &from[..end.min(from.len())];
            if row.len() >= needle.len() && row.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
            {
                out.push(n);
                if out.len() >= limit {
                    break;
                }
            }
        }
        out.sort_unstable_by_key(|&n| self.offset[n]);
        out
    }
}

/// Loads a CSV (comma, semicolon or tab separated) of point events.
pub fn load_csv(file: &str, bytes: &[u8]) -> Loaded {
    load_csv_with_progress(file, bytes.to_vec(), &std::sync::atomic::AtomicU64::new(0))
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
    progress: &std::sync::atomic::AtomicU64,
) -> Loaded {
    // The limit also keeps row offsets within 32 bits.
    if bytes.len() as u64 > super::files::MAX_FILE_BYTES {
        return Loaded::failed(super::files::too_big(file, bytes.len() as u64));
    }
    let read = plain::read(file, &mut bytes, plain::Fill::Memory, progress);
    from_plain_read(file, bytes, read, progress)
}

/// Loads the CSV at `path` (named `file` in messages): its parts are read
/// from the disk on every core, each parsed as it arrives.
pub fn load_csv_path(path: &std::path::Path, file: &str, progress: &std::sync::atomic::AtomicU64) -> Loaded {
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
    let read = plain::read(file, &mut bytes, plain::Fill::File(&f), progress);
    from_plain_read(file, bytes, read, progress)
}

/// The table from what [`plain::read`] found: its rows, or, for a file it
/// does not take, the ordered reader's.
fn from_plain_read(
    file: &str,
    bytes: Vec<u8>,
    read: Result<Result<plain::Plain, plain::NotPlain>, Problem>,
    progress: &std::sync::atomic::AtomicU64,
) -> Loaded {
    let (schema, pieces, problems) = match read {
        Err(p) => return Loaded::failed(p),
        Ok(Ok(plain)) => (plain.schema, plain.pieces, plain.problems),
        Ok(Err(plain::NotPlain)) => {
            // Words what is wrong with a binary or non-UTF-8 file.
            if bytes.contains(&0) || std::str::from_utf8(&bytes).is_err() {
                return Loaded::failed(
                    decode(file, &bytes)
                        .err()
                        .unwrap_or_else(|| Problem::error(file, "not UTF-8 text")),
                );
            }
            let text = std::str::from_utf8(&bytes).unwrap_or("");
            let skip = if text.starts_with('\u{feff}') { 3 } else { 0 };
            let text = text.get(skip..).unwrap_or("");
            if text.trim().is_empty() {
                return Loaded::failed(Problem::error(file, "the file is empty: it needs a header row"));
            }
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            let delimiter = if first.contains('\t') && !first.contains(',') {
                b'\t'
            } else if first.contains(';') && !first.contains(',') {
                b';'
            } else {
                b','
            };
            match read_quoted(file, text, delimiter, progress) {
                Err(p) => return Loaded::failed(p),
                Ok((schema, mut cols, problems)) => {
                    // Offsets count from the start of the bytes.
                    cols.offset.iter_mut().for_each(|o| *o += skip as u32);
                    (
                        schema,
                        vec![plain::Rows {
                            cols,
                            line_add: 0,
                            ids: Vec::new(),
                            days: None,
                        }],
                        problems,
                    )
                }
            }
        }
    };
    let mut problems = problems;
    progress.store(bytes.len() as u64, std::sync::atomic::Ordering::Relaxed);
    let ordered = plain::order_by_start(pieces);
    let source = CsvRows {
        schema,
        text: Arc::new(bytes),
        offset: ordered.offset,
        line: ordered.line,
    };
    let table = PointTable::with_ids(
        ordered.world,
        ordered.span,
        ordered.kind,
        ordered.people,
        ordered.ids,
        Arc::new(source),
    );
    for (n, first) in table.duplicate_ids() {
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
    ds.points = table;
    finish(ds, problems)
}

fn headers_of<'a>(cells: impl Iterator<Item = &'a str>) -> Vec<String> {
    cells
        .map(|s| s.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect()
}

type Read = Result<(Schema, Columns, Vec<Problem>), Problem>;

/// Reads a file with quotes in order, through the `csv` crate.
fn read_quoted(file: &str, text: &str, delimiter: u8, progress: &std::sync::atomic::AtomicU64) -> Read {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => headers_of(h.iter()),
        Err(e) => return Err(Problem::error(file, format!("cannot read the header: {e}")).at(1, 1)),
    };
    let schema = Schema::new(file, delimiter, headers)?;
    let mut cols = Columns::default();
    let mut problems = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut rows = 0u32;
    loop {
        rows = rows.wrapping_add(1);
        if rows.is_multiple_of(4096) {
            progress.store(reader.position().byte(), std::sync::atomic::Ordering::Relaxed);
        }
        match reader.read_record(&mut record) {
            Ok(false) => break,
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
        let (line, at) = record.position().map_or((0, 0), |p| {
            (
                to_u32(usize::try_from(p.line()).unwrap_or(usize::MAX)),
                usize::try_from(p.byte()).unwrap_or(0),
            )
        });
        let fields: Vec<&str> = record.iter().collect();
        cols.take(&schema, &fields, line, at, &mut problems);
    }
    Ok((schema, cols, problems))
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
        let origin = rec.origin(file);
        let feature: Value = match parse_record(file, rec) {
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
        let ok = |s: &str| normalise_date(s).unwrap();
        assert_eq!(ok("1937-07-07T00:00:00Z"), "1937-07-07");
        assert_eq!(ok("1937-07-07 12:00"), "1937-07-07");
        assert_eq!(ok("1937-07-07T23:59:60.5+08:00"), "1937-07-07");
        assert_eq!(ok("1937-07-07T24:00:00-0530"), "1937-07-07");
        assert_eq!(ok("1937/07/07"), "1937-07-07");
        assert_eq!(ok("1937/1938"), "1937/1938");
        // Impossible times and offsets are refused, not dropped.
        for bad in [
            "1937-07-07T25:99:00+99:00",
            "1937-07-07T12:60",
            "1937-07-07T24:30",
            "1937-07-07T12:00+15:00",
            "1937-07-07T12:00+08:61",
            "1937-07-07Tnoon",
            "1937-07-07T12:00junk",
        ] {
            let e = normalise_date(bad).unwrap_err();
            assert!(e.contains(bad), "{bad}: {e}");
        }
    }

    /// A small deterministic generator for test rows.
    struct Mix(u64);
    impl Mix {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
            xs[(self.next() % xs.len() as u64) as usize]
        }
    }

    /// Rows in every form the loader takes: plain ones for the fast path,
    /// and others (seasons, Chinese dates, size ranges, kind names with
    /// spaces, bad cells) that it must hand to the full reader.
    pub(super) fn mixed_csv(rows: usize, seed: u64) -> String {
        let mut m = Mix(seed);
        let mut out = String::from("id,lon,lat,start,end,kind,size,title\n");
        for i in 0..rows {
            let lon = format!("{:.5}", 100.0 + (m.next() % 3000) as f64 / 100.0);
            let lat = m.pick(&["38.1", "37.25", "95", "x", " 36.5 "]).to_string();
            let start = m.pick(&[
                "1938-03-04",
                "1938-02-29",
                "1940-02-29",
                "1938",
                "1938-05",
                "1938年春",
                "1939-12-31",
                "",
                "0999-01-01",
            ]);
            let end = m.pick(&["", "", "1938-03-04", "1941-01-01", "1937-01-01", "1938-06"]);
            let kind = m.pick(&["", "battle", "Unit Moved", "nonsense", "sabotage"]);
            let size = m.pick(&["", "12", "0", "数百人", "4294967296", "120-300", "007"]);
            let id = if m.next().is_multiple_of(10) {
                String::new()
            } else {
                format!("e{i}")
            };
            out.push_str(&format!(
                "{id},{lon},{lat},{start},{end},{kind},{size},title {i}\n"
            ));
        }
        out
    }

    #[test]
    fn decimals_read_as_the_standard_parser_reads_them() {
        let mut m = Mix(99);
        let mut cases: Vec<String> = [
            "0",
            "-0",
            "1.",
            ".5",
            "117.151048",
            "-33.588322",
            "180",
            "1e3",
            "12.3.4",
            "",
            "-",
            ".",
            "+1.5",
            "123456789012345",
            "1234567890123456",
            "0.000000000000001",
            "99999999999999.9",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..100_000 {
            let digits = 1 + m.next() % 15;
            let point = m.next() % (digits + 1);
            let mut s = String::new();
            if m.next().is_multiple_of(3) {
                s.push('-');
            }
            for k in 0..digits {
                if k == point && k > 0 {
                    s.push('.');
                }
                s.push(char::from(b'0' + (m.next() % 10) as u8));
            }
            cases.push(s);
        }
        for s in &cases {
            let want = s.parse::<f64>().ok();
            let got = decimal(s);
            assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "{s}");
        }
    }

    #[test]
    fn the_fast_path_reads_a_row_as_the_full_reader_does() {
        let text = mixed_csv(4000, 7);
        let mut lines = text.lines();
        let header = lines.next().unwrap();
        let schema = Schema::new("t.csv", b',', headers_of(header.split(','))).unwrap();
        let (mut fast, mut slow) = (0, 0);
        for (n, line) in lines.enumerate() {
            let fields: Vec<&str> = line.split(',').collect();
            let full = schema.read_row(&fields, n as u32 + 2);
            match schema.fast_row(&fields) {
                Some(f) => {
                    fast += 1;
                    let full = full.unwrap_or_else(|p| panic!("fast path took a bad row {line}: {p:?}"));
                    let want = RowCols::of(&full);
                    assert_eq!(
                        (f.world, f.span, f.kind, f.people, f.hash),
                        (want.world, want.span, want.kind, want.people, want.hash),
                        "{line}"
                    );
                }
                None => slow += 1,
            }
        }
        // Both paths were exercised.
        assert!(fast > 100 && slow > 100, "fast {fast}, slow {slow}");
    }

    /// Every column of a loaded table, for comparing two loads.
    pub(super) type Row = (u32, [f64; 2], TimeSpan, EventKind, Option<u32>);

    /// Every row of a loaded table with its line, in file order.
    pub(super) fn rows_by_line(l: &Loaded) -> Vec<Row> {
        let t = &l.dataset.points;
        let mut rows: Vec<Row> = (0..t.len())
            .map(|n| {
                let line = l.dataset.event_at(n).map_or(0, |e| e.origin.line);
                (line, t.world[n], t.span[n], t.kind[n], t.people[n])
            })
            .collect();
        rows.sort_by_key(|r| r.0);
        rows
    }

    #[test]
    fn a_big_file_read_in_chunks_gives_the_rows_and_lines_of_an_ordered_read() {
        // Over 1 MB, so it is cut into chunks (one per core, at least two here).
        let mut text = mixed_csv(40_000, 11);
        assert!(text.len() > 1 << 20);
        let plain = load_csv("big.csv", text.as_bytes());
        // A quote anywhere sends the file to the ordered reader.
        text.push_str("\"q1\",110,30,1938-01-01,,,,\"a, quoted title\"\n");
        let quoted = load_csv("big.csv", text.as_bytes());
        let n = plain.dataset.points.len();
        assert!(n > 10_000, "{n} rows");
        assert_eq!(quoted.dataset.points.len(), n + 1);
        let mut cq = rows_by_line(&quoted);
        let q = cq.pop().unwrap(); // the quoted row, last in the file
        assert_eq!(q.1[0], crate::model::geo::world_xy(110.0, 30.0).0);
        assert_eq!(rows_by_line(&plain), cq);
        // Rows are kept in order of their start, for the frames' sake.
        let spans = &plain.dataset.points.span;
        assert!(
            spans
                .windows(2)
                .all(|w| w[0].earliest_start <= w[1].earliest_start)
        );
        assert_eq!(plain.problems.len(), quoted.problems.len());
        for (a, b) in plain.problems.iter().zip(&quoted.problems) {
            assert_eq!(a, b);
        }
        // Lines: each problem names a line whose id is the problem's record.
        let all: Vec<&str> = text.lines().collect();
        assert!(plain.problems.len() > 1000);
        for p in &plain.problems {
            let line = all[p.line as usize - 1];
            let record = p.record.as_deref().unwrap_or("");
            let id = line.split(',').next().unwrap_or("");
            let id = if id.is_empty() {
                format!("row{}", p.line)
            } else {
                id.to_string()
            };
            assert!(record.contains(&format!("'{id}'")), "{p:?} at «{line}»");
        }
        // A row read again in full says what its line says.
        let ds = &plain.dataset;
        for k in [0, n / 3, n / 2, n - 1] {
            let e = ds.event_at(k).unwrap();
            let line = all[e.origin.line as usize - 1];
            let first = line.split(',').next().unwrap();
            let want_id = if first.is_empty() {
                format!("row{}", e.origin.line)
            } else {
                first.to_string()
            };
            assert_eq!(e.id, want_id, "{line}");
            assert_eq!(e.title_en, line.rsplit(',').next().unwrap());
            let places = ds.event_places(&e);
            assert_eq!(places.len(), 1);
            let (x, y) = crate::model::geo::world_xy(places[0].lon, places[0].lat);
            assert_eq!([x, y], ds.points.world[k]);
            assert!(
                matches!(&places[0].coord_source, CoordSource::UserFile(s) if s.ends_with(&format!("line {}", e.origin.line)))
            );
            assert_eq!(ds.event_position(&e.id), Some(k), "{}", e.id);
        }
        let q = quoted.dataset.event("q1").unwrap();
        assert_eq!((q.id.as_str(), q.title_en.as_str()), ("q1", "a, quoted title"));
    }

    #[test]
    fn rows_are_found_by_id_or_title_ignoring_case_and_not_by_other_cells() {
        let text = "id,lon,lat,date,title,note\n\
                    s1,110,30,1938-01-01,Railway Strike,\n\
                    b2,110,30,1938-01-02,Battle at the pass,strike mentioned in a note\n\
                    strike-3,111,31,1938-01-03,Meeting,\n";
        let ds = load_csv("s.csv", text.as_bytes()).dataset;
        assert_eq!(ds.points.search("STRIKE", 10), vec![0, 2]);
        assert_eq!(ds.points.search("strike", 1), vec![0]);
        assert_eq!(ds.points.search("pass", 10), vec![1]);
        assert!(ds.points.search("1938", 10).is_empty());
        let mut idx = crate::search::SearchIndex::new(&ds);
        let hits = idx.find_with_rows(&ds, "strike", 10);
        assert_eq!(
            hits,
            vec![crate::search::Target::Event(0), crate::search::Target::Event(2)]
        );
    }

    #[test]
    fn a_layer_adds_its_rows_after_the_data_and_reads_them_from_its_own_file() {
        let base = load_csv(
            "a.csv",
            b"id,lon,lat,date,title\na1,110,30,1938-01-01,Alpha\na2,111,31,1938-02-01,Beta\n",
        );
        let layer = load_csv(
            "b.csv",
            b"id,lon,lat,date,title\nb1,112,32,1939-01-01,Gamma\n\nb2,113,33,1939-02-01,Beta two\n",
        );
        let geo = load_geojson(
            "c.geojson",
            br#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"c1","geometry":{"type":"Point","coordinates":[114,34]},"properties":{"date":"1940-01-01","title":"Delta"}}]}"#,
        );
        let mut ds = base.dataset;
        ds.add_layer(layer.dataset, "b.csv");
        ds.add_layer(geo.dataset, "c.geojson");
        assert_eq!(ds.event_count(), 5);
        let b2 = ds.event_position("b2").unwrap();
        let e = ds.event_at(b2).unwrap();
        assert_eq!(
            (e.title_en.as_str(), e.origin.file.as_str(), e.origin.line),
            ("Beta two", "b.csv", 4)
        );
        assert_eq!(ds.layer_of(b2), Some(0));
        let c1 = ds.event_position("c1").unwrap();
        assert_eq!(ds.layer_of(c1), Some(1));
        assert_eq!(ds.layer_of(ds.event_position("a1").unwrap()), None);
        // Every event's place is its own: ids never meet.
        let mut ids: Vec<String> = (0..ds.event_count())
            .map(|i| ds.event_places(&ds.event_at(i).unwrap())[0].id.clone())
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 5, "{ids:?}");
        let c = ds.event_at(c1).unwrap();
        assert_eq!(ds.event_places(&c)[0].lon, 114.0);
        // Search finds rows of both files.
        let hits: Vec<String> = (ds.points.search("beta", 10).into_iter())
            .map(|n| ds.points.row(n).unwrap().0.id)
            .collect();
        assert_eq!(hits, ["a2", "b2"]);
    }

    #[test]
    fn rows_with_one_id_are_reported_with_both_lines() {
        let text = "id,lon,lat,date\na,110,30,1938-01-01\nb,110,30,1938-01-02\na,111,31,1938-01-03\n";
        let l = load_csv("d.csv", text.as_bytes());
        assert_eq!(l.dataset.points.len(), 3);
        let dup: Vec<String> = l.problems.iter().map(ToString::to_string).collect();
        assert_eq!(dup.len(), 1, "{dup:?}");
        assert!(
            dup[0].contains("d.csv:4") && dup[0].contains("'a'") && dup[0].contains("also at d.csv:2"),
            "{dup:?}"
        );
        // The id finds its first row.
        assert_eq!(l.dataset.event_position("a"), Some(0));
        assert_eq!(l.dataset.event_position("b"), Some(1));
        assert_eq!(l.dataset.event_position("c"), None);
    }

    #[test]
    fn iso_days_count_as_the_calendar_does() {
        // Every day of years 1000 to 9999.
        for y in 1000..=9999 {
            for m in 1..=12 {
                for d in 1..=crate::model::date::days_in_month(y, m) {
                    assert_eq!(
                        civil_day(y, m, d),
                        crate::model::date::days_from_civil(y, m, d),
                        "{y}-{m}-{d}"
                    );
                }
            }
        }
        assert_eq!(
            iso_day("1937-07-07"),
            Some(crate::model::date::days_from_civil(1937, 7, 7))
        );
        for bad in [
            "1937-02-29",
            "0999-12-31",
            "1937-13-01",
            "1937-00-10",
            "1937-1-10",
            "1937/01/10",
        ] {
            assert_eq!(iso_day(bad), None, "{bad}");
        }
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
