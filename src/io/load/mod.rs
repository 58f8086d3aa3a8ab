//! Reading a dataset folder (places.tsv, lines.json, units.json,
//! events.geojson, source/*.txt) into the model, collecting every problem.
//! One reader per file, each in its own module.
use std::collections::HashMap;

use super::files::{self, FileSet};
use super::problem::Problem;
use super::text::decode;
use crate::model::Dataset;
use crate::model::dataset::SourceText;

mod events;
mod json;
mod lines;
mod places;
mod provinces;
mod summaries;
mod units;

use events::read_events;
use lines::read_lines;
use places::read_places;
use provinces::read_provinces;
use summaries::read_summaries;
use units::read_units;

pub use places::PLACE_COLUMNS;

/// A dataset and everything found wrong while reading and checking it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub dataset: Dataset,
    pub problems: Vec<Problem>,
}

impl Loaded {
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }

    /// Nothing loaded, for this one reason.
    pub fn failed(problem: Problem) -> Self {
        Loaded {
            problems: vec![problem],
            ..Loaded::default()
        }
    }

    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }
}

pub use super::text::Texts;

/// Loads and checks a dataset folder's files.
pub fn load_fileset(set: &FileSet) -> Loaded {
    let mut problems = Vec::new();
    let mut texts: Texts = HashMap::new();
    let mut ds = Dataset::named(if set.bundled {
        format!("{} (bundled)", set.root)
    } else {
        set.root.clone()
    });

    ds.provinces = read_file(
        set,
        files::PROVINCES,
        false,
        &mut texts,
        &mut problems,
        read_provinces,
    );
    ds.places = read_file(set, files::PLACES, true, &mut texts, &mut problems, read_places);
    ds.lines = read_file(set, files::LINES, false, &mut texts, &mut problems, read_lines);
    ds.units = read_file(set, files::UNITS, false, &mut texts, &mut problems, read_units);
    ds.events = read_file(set, files::EVENTS, true, &mut texts, &mut problems, read_events);
    for (name, bytes) in set.sources() {
        let shown = set.display(name);
        match decode(&shown, bytes) {
            Ok(t) => {
                let mut source = SourceText {
                    file: shown,
                    text: t.to_string(),
                    summaries_en: Vec::new(),
                };
                if let Some((summaries, bytes)) = set.summaries_of(name) {
                    let shown = set.display(&summaries);
                    match decode(&shown, bytes) {
                        Ok(t) => source.summaries_en = read_summaries(&shown, t, &source, &mut problems),
                        Err(p) => problems.push(p),
                    }
                }
                ds.sources.push(source);
            }
            Err(p) => problems.push(p),
        }
    }
    for (name, bytes) in set.tours() {
        let shown = set.display(name);
        match decode(&shown, bytes) {
            Ok(t) => {
                if let Some(tour) = super::tour::read_tour(&shown, t, &mut problems) {
                    ds.tours.push(tour);
                }
                texts.insert(shown, t.to_string());
            }
            Err(p) => problems.push(p),
        }
    }
    ds.reindex();
    super::validate::check(&ds, &texts, true, &mut problems);
    super::claims::check(&ds, &texts, &mut problems);
    for tour in &ds.tours {
        super::tour::check_tour(tour, &ds, &texts, &mut problems);
        super::claims::check_tour(tour, &ds, &texts, &mut problems);
    }
    Loaded {
        dataset: ds,
        problems: super::knock_on::group(problems),
    }
}

/// Reads one file of the set with `read`, keeping its text so that later
/// checks can point into it. A missing optional file reads as empty.
fn read_file<T: Default>(
    set: &FileSet,
    name: &str,
    required: bool,
    texts: &mut Texts,
    problems: &mut Vec<Problem>,
    read: impl FnOnce(&str, &str, &mut Vec<Problem>) -> T,
) -> T {
    let shown = set.display(name);
    let Some(bytes) = set.get(name) else {
        if required {
            problems.push(Problem::error(
                &shown,
                "missing: a dataset folder needs this file",
            ));
        }
        return T::default();
    };
    match decode(&shown, bytes) {
        Ok(text) => {
            let out = read(&shown, text, problems);
            texts.insert(shown, text.to_string());
            out
        }
        Err(p) => {
            problems.push(p);
            T::default()
        }
    }
}
