//! Checks across records: ids that must exist, quotes that must be in the
//! source, coordinates that must lie in their province, and so on.
use std::collections::HashMap;

use super::files;
use super::json_records::locate;
use super::problem::Problem;
use super::text::Texts;
use crate::model::{Dataset, DateBasis, Origin, PlaceKind};

/// How far (km) beyond its province's rough box, on top of its own
/// tolerance, a place may lie before it is reported.
pub const PROVINCE_MARGIN_KM: f64 = 15.0;

struct Ctx<'a> {
    texts: &'a Texts,
    problems: &'a mut Vec<Problem>,
    dataset_ids: bool,
}

impl Ctx<'_> {
    /// Reports `msg` at `value` inside the record at `origin`.
    fn report(&mut self, origin: &Origin, record: String, value: &str, msg: String) {
        self.problems
            .push(at_value(self.texts, origin, record, value, msg));
    }

    /// Reports an id that is not among the records of the file `to`.
    fn unknown(&mut self, to: &'static str, origin: &Origin, record: String, value: &str, msg: String) {
        let p = at_value(self.texts, origin, record, value, msg).refers_to(to);
        self.problems.push(p);
    }
}

/// An error about `value` inside the record at `origin`: at the value's line
/// and column where the file's text is known, else at the record's.
pub(super) fn at_value(texts: &Texts, origin: &Origin, record: String, value: &str, msg: String) -> Problem {
    let (line, column) = match texts.get(&origin.file) {
        Some(text) if origin.end > origin.start => locate(text, origin, value),
        _ => (origin.line, origin.column),
    };
    Problem::error(origin.file.clone(), msg)
        .at(line, column)
        .record(record)
}

/// Appends every cross-record problem of `ds` to `problems`.
///
/// `dataset_ids`: ids must be the plain ASCII of the dataset format; user
/// point files may use any id their spreadsheet has.
pub fn check(ds: &Dataset, texts: &Texts, dataset_ids: bool, problems: &mut Vec<Problem>) {
    let mut c = Ctx {
        texts,
        problems,
        dataset_ids,
    };
    duplicates(
        &mut c,
        ds.places.iter().map(|p| (p.id.as_str(), &p.origin)),
        "place",
    );
    duplicates(
        &mut c,
        ds.lines.iter().map(|p| (p.id.as_str(), &p.origin)),
        "line",
    );
    duplicates(
        &mut c,
        ds.units.iter().map(|p| (p.id.as_str(), &p.origin)),
        "unit",
    );
    duplicates(
        &mut c,
        ds.events.iter().map(|p| (p.id.as_str(), &p.origin)),
        "event",
    );
    places(&mut c, ds);
    lines(&mut c, ds);
    units(&mut c, ds);
    events(&mut c, ds);
}

fn duplicates<'a>(c: &mut Ctx<'_>, items: impl Iterator<Item = (&'a str, &'a Origin)>, what: &str) {
    let mut seen: HashMap<&str, &Origin> = HashMap::new();
    for (id, origin) in items {
        if id.trim().is_empty() {
            c.report(origin, format!("{what} record"), "\"id\"", "empty id".into());
        } else if c.dataset_ids
            && !id
                .chars()
                .all(|ch| ch.is_ascii_alphanumeric() || "_-.".contains(ch))
        {
            c.report(
                origin,
                format!("{what} '{id}'"),
                id,
                "ids use ASCII letters, digits, '_', '-' and '.' only".into(),
            );
        }
        if let Some(first) = seen.get(id) {
            let msg = format!("duplicate id: also at {}:{}", first.file, first.line);
            c.report(origin, format!("{what} '{id}'"), id, msg);
        } else {
            seen.insert(id, origin);
        }
    }
}

fn places(c: &mut Ctx<'_>, ds: &Dataset) {
    for p in &ds.places {
        let rec = format!("place '{}'", p.id);
        if p.name_zh.is_empty() && p.name_en.is_empty() {
            c.report(&p.origin, rec.clone(), &p.id, "the place has no name".into());
        }
        if p.kind.is_area() && p.radius_km.is_none() {
            c.report(
                &p.origin,
                rec.clone(),
                &p.id,
                format!("a {} needs radius_km (its extent)", p.kind.key()),
            );
        }
        // The gazetteer's rules; a user's point file names no provinces.
        if p.kind == PlaceKind::Point || matches!(p.coord_source, crate::model::CoordSource::UserFile(_)) {
            continue;
        }
        if p.provinces_1937.is_empty() {
            c.report(&p.origin, rec.clone(), &p.id, "province_1937 is empty".into());
            continue;
        }
        let mut nearest = f64::INFINITY;
        let mut known = 0;
        for id in &p.provinces_1937 {
            match ds.province(id) {
                Some(prov) => {
                    known += 1;
                    nearest = nearest.min(prov.distance_km(p.at()));
                }
                None if ds.provinces.is_empty() => {}
                None => c.unknown(
                    files::PROVINCES,
                    &p.origin,
                    rec.clone(),
                    id,
                    format!("unknown province '{id}' (see provinces_1937.tsv)"),
                ),
            }
        }
        let allowed = p.tolerance_km + PROVINCE_MARGIN_KM;
        if known > 0 && nearest > allowed {
            c.report(
                &p.origin,
                rec.clone(),
                &p.id,
                format!(
                    "coordinate {:.4},{:.4} lies {:.0} km outside its 1937 province ({}), more than its tolerance of {} km + {} km",
                    p.lon,
                    p.lat,
                    nearest,
                    p.provinces_1937.join(";"),
                    p.tolerance_km,
                    PROVINCE_MARGIN_KM
                ),
            );
        }
    }
}

fn lines(c: &mut Ctx<'_>, ds: &Dataset) {
    for l in &ds.lines {
        let rec = format!("line '{}'", l.id);
        if l.stations.len() < 2 {
            c.report(
                &l.origin,
                rec.clone(),
                "stations",
                "a line needs at least two stations".into(),
            );
        }
        for (i, s) in l.stations.iter().enumerate() {
            if ds.place(s).is_none() {
                c.unknown(
                    files::PLACES,
                    &l.origin,
                    rec.clone(),
                    s,
                    format!("unknown station (place id) '{s}'"),
                );
            }
            if l.stations[..i].contains(s) {
                c.report(&l.origin, rec.clone(), s, format!("station '{s}' appears twice"));
            }
        }
        for sec in &l.sections {
            for end in [&sec.from, &sec.to] {
                if !l.stations.contains(end) {
                    c.report(
                        &l.origin,
                        rec.clone(),
                        end,
                        format!("section '{}': '{end}' is not a station of this line", sec.id),
                    );
                }
            }
        }
        if let Some(len) = l.length_km {
            if !(len.is_finite() && len > 0.0) {
                let msg = "length_km must be a positive number".into();
                c.report(&l.origin, rec.clone(), "length_km", msg);
            } else if l.length_source.trim().is_empty() {
                let msg = "length_km needs a length_source (a reference)".into();
                c.report(&l.origin, rec.clone(), "length_km", msg);
            }
        }
    }
}

/// Reports a quote that is not exactly once in the source text.
fn quote(c: &mut Ctx<'_>, ds: &Dataset, origin: &Origin, rec: &str, q: &str) {
    if ds.sources.is_empty() {
        return;
    }
    if q.trim().is_empty() {
        c.report(
            origin,
            rec.to_string(),
            "quote",
            "empty quote: every record cites the source text".into(),
        );
        return;
    }
    let n: usize = ds.sources.iter().map(|s| s.count(q)).sum();
    if n == 0 {
        c.report(
            origin,
            rec.to_string(),
            q,
            format!("quote not found in the source text: '{q}'"),
        );
    } else if n > 1 {
        c.report(
            origin,
            rec.to_string(),
            q,
            format!(
                "quote occurs {n} times in the source text; lengthen it so it points at one place: '{q}'"
            ),
        );
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn units(c: &mut Ctx<'_>, ds: &Dataset) {
    for u in &ds.units {
        let rec = format!("unit '{}'", u.id);
        for (field, other) in [("predecessor", &u.predecessor), ("successor", &u.successor)] {
            if let Some(o) = other
                && ds.unit(o).is_none()
            {
                c.unknown(
                    files::UNITS,
                    &u.origin,
                    rec.clone(),
                    o,
                    format!("{field}: unknown unit '{o}'"),
                );
            }
            if other.as_deref() == Some(u.id.as_str()) {
                c.report(
                    &u.origin,
                    rec.clone(),
                    field,
                    format!("{field}: a unit cannot be its own {field}"),
                );
            }
        }
        for s in &u.strength {
            quote(c, ds, &u.origin, &rec, &s.quote);
            if !squeeze(&s.quote).contains(&squeeze(&s.size.text)) {
                c.report(
                    &u.origin,
                    rec.clone(),
                    &s.size.text,
                    format!("size '{}' is not in its quote", s.size.text),
                );
            }
        }
        for n in &u.later_names {
            quote(c, ds, &u.origin, &rec, &n.quote);
        }
    }
}

fn events(c: &mut Ctx<'_>, ds: &Dataset) {
    for e in &ds.events {
        let rec = format!("event '{}'", e.id);
        if e.title_zh.trim().is_empty() || e.title_en.trim().is_empty() {
            c.report(
                &e.origin,
                rec.clone(),
                "title_zh",
                "both title_zh and title_en are needed".into(),
            );
        }
        if e.when_basis == DateBasis::External && e.refs.iter().all(|r| r.trim().is_empty()) {
            c.report(
                &e.origin,
                rec.clone(),
                "when_basis",
                "when_basis is external: give the reference in \"refs\"".into(),
            );
        }
        for id in &e.places {
            if ds.place(id).is_none() {
                c.unknown(
                    files::PLACES,
                    &e.origin,
                    rec.clone(),
                    id,
                    format!("unknown place id '{id}'"),
                );
            }
        }
        for r in &e.routes {
            for id in r.stops() {
                if ds.place(id).is_none() {
                    c.unknown(
                        files::PLACES,
                        &e.origin,
                        rec.clone(),
                        id,
                        format!("route: unknown place id '{id}'"),
                    );
                }
            }
        }
        for s in &e.segments {
            match ds.line(&s.line) {
                None => c.unknown(
                    files::LINES,
                    &e.origin,
                    rec.clone(),
                    &s.line,
                    format!("segment: unknown line '{}'", s.line),
                ),
                Some(line) => {
                    for end in [&s.from, &s.to] {
                        if !line.stations.contains(end) {
                            c.report(
                                &e.origin,
                                rec.clone(),
                                end,
                                format!("segment: '{end}' is not a station of line '{}'", s.line),
                            );
                        }
                    }
                }
            }
        }
        for l in &e.lines {
            if ds.line(l).is_none() {
                c.unknown(
                    files::LINES,
                    &e.origin,
                    rec.clone(),
                    l,
                    format!("unknown line id '{l}'"),
                );
            }
        }
        for u in &e.units {
            if ds.unit(u).is_none() {
                c.unknown(
                    files::UNITS,
                    &e.origin,
                    rec.clone(),
                    u,
                    format!("unknown unit id '{u}'"),
                );
            }
        }
        if e.places.is_empty() && e.segments.is_empty() && e.routes.is_empty() && e.lines.is_empty() {
            c.report(
                &e.origin,
                rec.clone(),
                "places",
                "the event has no place, segment, route or line".into(),
            );
        }
        quote(c, ds, &e.origin, &rec, &e.quote);
        for q in &e.also_quotes {
            quote(c, ds, &e.origin, &rec, q);
        }
        if let Some(size) = &e.size {
            let want = squeeze(&size.text);
            let found = std::iter::once(&e.quote)
                .chain(&e.also_quotes)
                .any(|q| squeeze(q).contains(&want));
            if !found && !ds.sources.is_empty() {
                c.report(
                    &e.origin,
                    rec.clone(),
                    &size.text,
                    format!("size '{}' is not in the event's quotes", size.text),
                );
            }
        }
    }
}
