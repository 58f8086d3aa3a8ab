//! One point as read from a row or feature, made into the event and place
//! the model holds; and the checks every loaded point file ends with.
use crate::io::load::{Loaded, Texts};
use crate::io::problem::Problem;
use crate::model::event::{DateBasis, Event, EventKind};
use crate::model::place::{CoordSource, Place, PlaceKind};
use crate::model::points::id_hash;
use crate::model::{Dataset, HistDate, Origin, SizeRange};
use crate::time::index::TimeSpan;

/// One point event as read from a row or feature, before it is stored.
pub(super) struct PointRow {
    pub(super) id: String,
    pub(super) lon: f64,
    pub(super) lat: f64,
    pub(super) when: HistDate,
    /// The title (in Chinese, where the file tells the languages apart).
    pub(super) title: String,
    pub(super) title_en: String,
    pub(super) place: PlaceCells,
    pub(super) kind: EventKind,
    pub(super) size: Option<SizeRange>,
    pub(super) quote: String,
    pub(super) note: String,
    pub(super) origin: Origin,
}

impl PointRow {
    /// A row with only its id, date and origin: the rest empty (a Linked
    /// Places feature fills what it has).
    pub(super) fn bare(id: String, when: HistDate, origin: Origin) -> PointRow {
        PointRow {
            id,
            lon: 0.0,
            lat: 0.0,
            when,
            title: String::new(),
            title_en: String::new(),
            place: PlaceCells::default(),
            kind: EventKind::Other,
            size: None,
            quote: String::new(),
            note: String::new(),
            origin,
        }
    }
}

/// What a row says of its place, where the file names it.
#[derive(Debug, Clone, Default)]
pub(super) struct PlaceCells {
    pub(super) id: String,
    pub(super) zh: String,
    pub(super) en: String,
    pub(super) kind: Option<PlaceKind>,
    pub(super) radius_km: Option<f64>,
}

/// `a`, or `b` when `a` is empty.
fn or(a: &str, b: &str) -> String {
    if a.is_empty() { b } else { a }.to_string()
}

/// The event and place of one point (the place id is given: a point row's
/// place is named by its row, see [`crate::model::points::place_id`]).
pub(super) fn point_records(r: PointRow, place_id: &str, file: &str) -> (Event, Place) {
    let label = or(&r.title, &r.id);
    let label_en = or(&r.title_en, &label);
    let place = Place {
        id: place_id.to_string(),
        name_zh: or(&r.place.zh, &or(&r.place.en, &label)),
        name_en: or(&r.place.en, &or(&r.place.zh, &label_en)),
        kind: r.place.kind.unwrap_or(PlaceKind::Point),
        provinces_1937: Vec::new(),
        lon: r.lon,
        lat: r.lat,
        radius_km: r.place.radius_km,
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
        title_zh: label,
        title_en: label_en,
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

/// Indexes and checks a loaded point file; a file with no events is an error.
pub(super) fn finish(mut ds: Dataset, mut problems: Vec<Problem>) -> Loaded {
    ds.reindex();
    crate::io::validate::check(&ds, &Texts::new(), false, &mut problems);
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

/// What the table keeps of one row.
pub(super) struct RowCols {
    pub(super) world: [f64; 2],
    pub(super) span: TimeSpan,
    pub(super) kind: EventKind,
    pub(super) people: Option<u32>,
    pub(super) hash: u32,
}

impl RowCols {
    /// A row to be filled in once it is read in full.
    pub(super) const PLACEHOLDER: RowCols = RowCols {
        world: [0.0; 2],
        span: TimeSpan::exact(0, 0),
        kind: EventKind::Other,
        people: None,
        hash: 0,
    };

    pub(super) fn of(row: &PointRow) -> RowCols {
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
