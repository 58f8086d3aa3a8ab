//! What `table` writes for other tools: CSV (spreadsheets, QGIS, kepler.gl),
//! GeoJSON, KML (Google Earth, with the tours) and Linked Places (the World
//! Historical Gazetteer). Each format reads the same [`ExportEvent`]s; each
//! has its own module. The columns are documented in docs/DATA_FORMAT.md.
use std::borrow::Cow;

use crate::model::date::Day;
use crate::model::{Dataset, Event, Place};

pub mod csv;
pub mod geojson;
pub mod kml;
pub mod lpf;
pub mod time;

pub use time::Times;

/// One event with where it is: the places it is shown at (its own, the
/// ends of its segments, its route stops, or a whole line's stations) and
/// its stretches of line (segments, whole lines, routes), each a polyline.
pub struct ExportEvent<'a> {
    pub event: Cow<'a, Event>,
    pub places: Vec<Cow<'a, Place>>,
    pub stretches: Vec<Vec<Cow<'a, Place>>>,
    pub times: Times,
}

impl ExportEvent<'_> {
    /// The day whose place names apply (its earliest known day).
    pub fn naming_day(&self) -> Day {
        naming_day(&self.event)
    }

    /// The names of `p` on the event's day: 北平, not 北京, in 1937.
    pub fn place_names<'p>(&self, p: &'p Place) -> (&'p str, &'p str) {
        p.names_at(self.naming_day())
    }

    /// A stable id for the event's row at `place`: `event@place`.
    pub fn row_id(&self, place: &Place) -> String {
        format!("{}@{}", self.event.id, place.id)
    }

    /// A stable id for its `k`th stretch: `event@first..last`.
    pub fn stretch_id(&self, k: usize) -> String {
        let s = &self.stretches[k];
        let end = |p: Option<&Cow<'_, Place>>| p.map_or(String::new(), |p| p.id.clone());
        format!("{}@{}..{}", self.event.id, end(s.first()), end(s.last()))
    }

    /// `(size text, min, max)`, empty where the text gives none.
    pub fn size_cells(&self) -> (String, String, String) {
        match &self.event.size {
            Some(s) => (
                s.text.clone(),
                s.min.to_string(),
                s.max.map(|m| m.to_string()).unwrap_or_default(),
            ),
            None => Default::default(),
        }
    }
}

fn naming_day(e: &Event) -> Day {
    if e.when.earliest() != Day::MIN {
        e.when.earliest()
    } else {
        e.when.latest()
    }
}

/// Every event, in dataset order, with its places and stretches.
pub fn events(ds: &Dataset) -> impl Iterator<Item = ExportEvent<'_>> + '_ {
    (0..ds.event_count())
        .filter_map(move |i| ds.event_at(i))
        .map(move |event| {
            let places = ds.event_places(&event);
            let lines = ds
                .event_stretches(&event, true)
                .into_iter()
                .map(|s| s.into_iter().map(Cow::Borrowed).collect());
            let routes = event
                .routes
                .iter()
                .map(|r| r.stops().filter_map(|id| ds.place_by_id(id)).collect::<Vec<_>>());
            let stretches = lines.chain(routes).filter(|s: &Vec<_>| s.len() >= 2).collect();
            let times = Times::of(&event.when);
            ExportEvent {
                event,
                places,
                stretches,
                times,
            }
        })
}

/// Six decimals of a degree: 0.1 m, finer than any source places a thing.
pub fn coord(x: f64) -> String {
    format!("{x:.6}")
}
