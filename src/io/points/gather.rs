//! Rows or features that share an event id, read as one event at several
//! places: what `table` writes (a row per event and place) and what a
//! MultiPoint or a route means. A place id met again is the same place.
//! Rows that share an id but not their date, kind or title are two events
//! given one id by mistake: an error naming both lines.
use std::collections::HashMap;

use crate::io::problem::Problem;
use crate::model::{Event, Place};

/// One row's or feature's event with the places it names (a Linked
/// Places feature may be a place alone, a station a line passes).
pub(super) struct Piece {
    pub(super) event: Option<Event>,
    pub(super) places: Vec<Place>,
}

/// What differs between two records of one event id, if anything.
fn differs(a: &Event, b: &Event) -> Option<&'static str> {
    if a.when != b.when {
        Some("date")
    } else if a.kind != b.kind {
        Some("kind")
    } else if a.title_zh != b.title_zh || a.title_en != b.title_en {
        Some("title")
    } else {
        None
    }
}

/// The events (in order of their first record) and places of `pieces`.
pub(super) fn gather(file: &str, pieces: Vec<Piece>) -> (Vec<Event>, Vec<Place>, Vec<Problem>) {
    let mut events: Vec<Event> = Vec::new();
    let mut places: Vec<Place> = Vec::new();
    let mut problems = Vec::new();
    let mut event_at: HashMap<String, usize> = HashMap::new();
    let mut place_at: HashMap<String, usize> = HashMap::new();
    for Piece { event, places: new } in pieces {
        let line = new.first().map_or(0, |p| p.origin.line);
        let record = event.as_ref().map_or_else(
            || format!("place '{}'", new.first().map_or("", |p| p.id.as_str())),
            |e| format!("event '{}'", e.id),
        );
        let mut bad = false;
        for p in new {
            match place_at.get(&p.id) {
                None => {
                    place_at.insert(p.id.clone(), places.len());
                    places.push(p);
                }
                Some(&i) => {
                    let q = &places[i];
                    if (q.lon - p.lon).abs() > 1e-6 || (q.lat - p.lat).abs() > 1e-6 {
                        problems.push(
                            Problem::error(
                                file,
                                format!(
                                    "place '{}' is at {:.6}, {:.6} here but at {:.6}, {:.6} on line {}",
                                    p.id, p.lon, p.lat, q.lon, q.lat, q.origin.line
                                ),
                            )
                            .at(line, 1)
                            .record(record.clone()),
                        );
                        bad = true;
                    }
                }
            }
        }
        let Some(event) = event.filter(|_| !bad) else {
            continue;
        };
        let line = event.origin.line;
        match event_at.get(&event.id) {
            None => {
                event_at.insert(event.id.clone(), events.len());
                events.push(event);
            }
            Some(&i) => {
                let first = &mut events[i];
                if let Some(what) = differs(first, &event) {
                    problems.push(
                        Problem::error(
                            file,
                            format!(
                                "duplicate id with another {what}: also at {file}:{} (rows of one event share its date, kind and title)",
                                first.origin.line
                            ),
                        )
                        .at(line, 1)
                        .record(format!("event '{}'", event.id)),
                    );
                    continue;
                }
                for id in event.places {
                    if !first.places.contains(&id) {
                        first.places.push(id);
                    }
                }
                for r in event.routes {
                    if !first.routes.contains(&r) {
                        first.routes.push(r);
                    }
                }
            }
        }
    }
    (events, places, problems)
}

#[cfg(test)]
mod tests {
    use crate::io::points::load_csv;

    #[test]
    fn rows_of_one_event_make_one_event_at_their_places() {
        let csv = "event_id,place_id,title,lon,lat,date\n\
                   a,p1,A,114.5,38.0,1938-05\n\
                   a,p2,A,115.0,38.5,1938-05\n\
                   b,p1,B,114.5,38.0,1939\n";
        let l = load_csv("t.csv", csv.as_bytes());
        assert!(l.is_valid(), "{:?}", l.problems);
        let ds = &l.dataset;
        assert_eq!(ds.event_count(), 2);
        assert_eq!(ds.events[0].places, ["p1", "p2"]);
        assert_eq!(ds.places.len(), 2, "p1 is one place");
    }

    #[test]
    fn one_id_for_two_dates_is_an_error_naming_both_lines() {
        let csv = "event_id,place_id,title,lon,lat,date\n\
                   a,p1,A,114.5,38.0,1938-05\n\
                   a,p2,A,115.0,38.5,1938-06\n";
        let l = load_csv("t.csv", csv.as_bytes());
        let e: Vec<String> = l.errors().map(ToString::to_string).collect();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains("t.csv:3") && e[0].contains("another date") && e[0].contains("t.csv:2"),
            "{e:?}"
        );
    }

    #[test]
    fn one_place_id_at_two_points_is_an_error() {
        let csv = "event_id,place_id,title,lon,lat,date\n\
                   a,p1,A,114.5,38.0,1938-05\n\
                   b,p1,B,115.0,38.0,1938-06\n";
        let l = load_csv("t.csv", csv.as_bytes());
        let e: Vec<String> = l.errors().map(ToString::to_string).collect();
        assert!(
            e.iter().any(|m| m.contains("place 'p1'") && m.contains("line 2")),
            "{e:?}"
        );
    }
}
