//! Which columns of a point file mean what (header names matched), and one
//! row's cells read by them: in full, with its problems worded, or by the
//! fast path for cells in the plain forms.
use super::cells::{decimal, iso_day, kind_of, parse_coord, row_date};
use super::point_row::RowCols;
use super::point_row::{PlaceCells, PointRow};
use super::roles::{self, Chosen, ColumnChoice, How, Role};
use crate::io::problem::Problem;
use crate::io::text::to_u32;
use crate::model::event::EventKind;
use crate::model::place::PlaceKind;
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
/// The date as the source gives it (chronoatlas's `table` writes it), then
/// EDTF: either is read in preference to start and end columns.
pub const DATE_TEXT_NAMES: [&str; 1] = ["date_text"];
pub const EDTF_NAMES: [&str; 2] = ["edtf", "date_edtf"];
/// `event_id` first: in a table of one row per event and place, `id` may
/// name the row and `event_id` the event its rows share.
pub const ID_NAMES: [&str; 3] = ["event_id", "id", "fid"];
/// The place of a row, when the file names it (chronoatlas's `table`).
pub const PLACE_ID_NAMES: [&str; 1] = ["place_id"];
pub const PLACE_ZH_NAMES: [&str; 3] = ["place_zh", "place", "place_name"];
pub const PLACE_EN_NAMES: [&str; 1] = ["place_en"];
/// kepler.gl writes a layer's geometry as GeoJSON text in this column.
pub const GEOJSON_NAMES: [&str; 2] = ["_geojson", "geojson"];
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
    /// With `geometry`, both are its column.
    pub(super) lon: usize,
    pub(super) lat: usize,
    /// A column of GeoJSON geometries (kepler.gl's `_geojson`), read when
    /// there are no longitude and latitude columns.
    pub(super) geometry: Option<usize>,
    pub(super) start: usize,
    pub(super) end: Option<usize>,
    pub(super) id: Option<usize>,
    pub(super) title: Option<usize>,
    pub(super) title_zh: Option<usize>,
    pub(super) title_en: Option<usize>,
    pub(super) place_id: Option<usize>,
    pub(super) place_zh: Option<usize>,
    pub(super) place_en: Option<usize>,
    pub(super) place_kind: Option<usize>,
    pub(super) radius: Option<usize>,
    pub(super) kind: Option<usize>,
    pub(super) size: Option<usize>,
    pub(super) quote: Option<usize>,
    pub(super) note: Option<usize>,
    /// How each role's column was found, for the load report.
    pub(super) chosen: Chosen,
}

impl Schema {
    /// Finds the columns in a header row by their names, or says which
    /// are missing.
    #[cfg(test)]
    pub(super) fn new(file: &str, delimiter: u8, headers: Vec<String>) -> Result<Schema, Problem> {
        Self::choose(file, delimiter, headers, &ColumnChoice::default(), &[])
    }

    /// Finds the columns: those the user names in `choice`, then the usual
    /// names, then (for coordinates and dates) what the `sample` rows'
    /// cells hold; or says which are missing.
    pub(super) fn choose(
        file: &str,
        delimiter: u8,
        headers: Vec<String>,
        choice: &ColumnChoice,
        sample: &[Vec<String>],
    ) -> Result<Schema, Problem> {
        let col = |names: &[&str]| find_column(&headers, names);
        let fail = |msg: String| Problem::error(file, msg).at(1, 1);
        let mut chosen = Chosen::default();
        let mut given = |role: Role| -> Result<Option<usize>, Problem> {
            let Some(name) = choice.get(role) else {
                return Ok(None);
            };
            match headers.iter().position(|h| h == name) {
                Some(c) => {
                    chosen.roles.push((role, name.to_string(), How::Given));
                    Ok(Some(c))
                }
                None => Err(fail(format!(
                    "--columns names '{name}' for {}, but the header has: {}",
                    role.key(),
                    headers.join(", ")
                ))),
            }
        };
        let given_cols: Vec<Option<usize>> = Role::ALL.iter().map(|&r| given(r)).collect::<Result<_, _>>()?;
        let given = |role: Role| given_cols[Role::ALL.iter().position(|&r| r == role).unwrap_or(0)];
        let geometry = col(&GEOJSON_NAMES);
        let named = |role: Role, c: Option<usize>| given(role).or(c);
        let mut lon = named(Role::Lon, col(&LON_NAMES).or(geometry));
        let mut lat = named(Role::Lat, col(&LAT_NAMES).or(geometry));
        let exact = col(&DATE_TEXT_NAMES).or_else(|| col(&EDTF_NAMES));
        let mut start = named(
            Role::Start,
            exact.or_else(|| col(&START_NAMES)).or_else(|| col(&DATE_NAMES)),
        );
        let mut end = named(Role::End, if exact.is_some() { None } else { col(&END_NAMES) });
        let mut guessed = Vec::new();
        let free = |taken: &[Option<usize>]| -> Vec<usize> {
            (0..headers.len())
                .filter(|c| !taken.contains(&Some(*c)))
                .collect()
        };
        let mut why_not = String::new();
        if lon.is_none() || lat.is_none() {
            match roles::guess_lon_lat(&headers, sample, &free(&[lon, lat, start, end])) {
                Ok((x, y)) if lon.is_none_or(|l| l == x) && lat.is_none_or(|l| l == y) => {
                    guessed.extend(
                        [(Role::Lon, x), (Role::Lat, y)]
                            .into_iter()
                            .filter(|(r, _)| given(*r).is_none()),
                    );
                    (lon, lat) = (Some(x), Some(y));
                }
                Ok(_) => {}
                Err(m) => why_not = m,
            }
        }
        let (Some(lon), Some(lat)) = (lon, lat) else {
            return Err(fail(format!(
                "the header needs longitude and latitude columns (lon/longitude/lng/x and lat/latitude/y); it has: {}{}",
                headers.join(", "),
                if why_not.is_empty() {
                    String::new()
                } else {
                    format!("; {why_not}")
                }
            )));
        };
        if start.is_none()
            && let Some((s, e)) = roles::guess_dates(sample, &free(&[Some(lon), Some(lat), end]))
        {
            start = Some(s);
            guessed.push((Role::Start, s));
            if end.is_none()
                && let Some(e) = e
            {
                end = Some(e);
                guessed.push((Role::End, e));
            }
        }
        let Some(start) = start else {
            return Err(fail(format!(
                "the header needs a date column (start/begin or date/when, and optionally end), and no column's cells are all dates; it has: {}; name it with --columns start=...",
                headers.join(", ")
            )));
        };
        let name = |c: usize| headers.get(c).cloned().unwrap_or_default();
        for (role, c) in [
            (Role::Lon, Some(lon)),
            (Role::Lat, Some(lat)),
            (Role::Start, Some(start)),
            (Role::End, end),
        ] {
            let Some(c) = c else { continue };
            if chosen.roles.iter().any(|(r, _, _)| *r == role) {
                continue;
            }
            let how = if guessed.contains(&(role, c)) {
                How::Guessed
            } else {
                How::Named
            };
            chosen.roles.push((role, name(c), how));
        }
        chosen
            .roles
            .sort_by_key(|(r, _, _)| Role::ALL.iter().position(|x| x == r));
        chosen.epoch = roles::epoch_unit(sample, start);
        Ok(Schema {
            file: file.to_string(),
            delimiter,
            lon,
            lat,
            geometry: geometry.filter(|&g| g == lon),
            start,
            end,
            id: given(Role::Id).or_else(|| col(&ID_NAMES)),
            title: given(Role::Title).or_else(|| col(&TITLE_NAMES)),
            title_zh: col(&["title_zh"]),
            title_en: col(&["title_en"]),
            place_id: col(&PLACE_ID_NAMES),
            place_zh: col(&PLACE_ZH_NAMES),
            place_en: col(&PLACE_EN_NAMES),
            place_kind: col(&["place_kind"]),
            radius: col(&["radius_km"]),
            kind: given(Role::Kind).or_else(|| col(&KIND_NAMES)),
            size: given(Role::Size).or_else(|| col(&SIZE_NAMES)),
            quote: col(&QUOTE_NAMES),
            note: col(&NOTE_NAMES),
            chosen,
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
        let (lon, lat) = match self.geometry {
            Some(g) => match geojson_point(get(Some(g))) {
                Ok((lon, lat)) => (Some(lon), Some(lat)),
                Err(m) => {
                    problems.push(err(g, format!("{}: {m}", self.column_name(g))));
                    (Some(0.0), Some(0.0))
                }
            },
            None => (
                parse_coord(get(Some(self.lon)), -180.0, 180.0),
                parse_coord(get(Some(self.lat)), -90.0, 90.0),
            ),
        };
        for (value, c, what) in [
            (lon, self.lon, "longitude (-180..180)"),
            (lat, self.lat, "latitude (-90..90)"),
        ] {
            if value.is_none() {
                let (name, cell) = (self.column_name(c), get(Some(c)));
                problems.push(err(c, format!("{name} '{cell}' is not a {what}")));
            }
        }
        let radius_km = match get(self.radius) {
            "" => None,
            r => match r.parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => Some(v),
                _ => {
                    problems.push(err(
                        self.radius.unwrap_or(0),
                        format!("radius_km '{r}' is not a distance in km"),
                    ));
                    None
                }
            },
        };
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
        let title = get(self.title);
        let or_title = |c: Option<usize>| match get(c) {
            "" => title.to_string(),
            s => s.to_string(),
        };
        Ok(PointRow {
            id,
            lon,
            lat,
            when,
            title: or_title(self.title_zh),
            title_en: or_title(self.title_en),
            place: PlaceCells {
                id: get(self.place_id).to_string(),
                zh: get(self.place_zh).to_string(),
                en: get(self.place_en).to_string(),
                kind: PlaceKind::from_key(get(self.place_kind)),
                radius_km,
            },
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
        if fields.len() != self.headers.len() || self.geometry.is_some() {
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

/// The longitude and latitude of a GeoJSON Point written in a cell.
fn geojson_point(cell: &str) -> Result<(f64, f64), String> {
    let v: serde_json::Value =
        serde_json::from_str(cell).map_err(|e| format!("'{}' is not GeoJSON: {e}", cut(cell)))?;
    match v.get("type").and_then(serde_json::Value::as_str) {
        Some("Point") => {}
        Some(other) => {
            return Err(format!(
                "a {other}: a CSV row is one point (save the layer as GeoJSON for lines and shapes)"
            ));
        }
        None => return Err(format!("'{}' is not a GeoJSON geometry", cut(cell))),
    }
    let c = v.get("coordinates").and_then(serde_json::Value::as_array);
    let at = |i: usize| c.and_then(|c| c.get(i)).and_then(serde_json::Value::as_f64);
    match (at(0), at(1)) {
        (Some(lon), Some(lat)) if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) => {
            Ok((lon, lat))
        }
        _ => Err("a Point needs [longitude, latitude] in range".into()),
    }
}

/// The start of a long cell, for a message.
fn cut(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}
