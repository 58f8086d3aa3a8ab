//! One cause, one report: when a file could not be read (truncated, not
//! the format, a header without its columns), every reference to its
//! records fails too. Those knock-on problems are folded, per file that
//! refers, into the first of them, which says how many more follow, so the
//! cause is not buried under hundreds of lines that follow from it.
use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::problem::Problem;

/// The file's own name (`places.tsv` of `/data/places.tsv`).
fn name_of(file: &str) -> Option<&str> {
    Path::new(file).file_name()?.to_str()
}

/// Folds the reference problems that follow from an unreadable file. A file
/// is unreadable when it has an error not tied to one record (the whole
/// file, or everything after a point, is lost).
pub fn group(problems: Vec<Problem>) -> Vec<Problem> {
    let broken: HashSet<String> = problems
        .iter()
        .filter(|p| p.is_error() && p.record.is_none())
        .filter_map(|p| name_of(&p.file).map(str::to_owned))
        .collect();
    if broken.is_empty() {
        return problems;
    }
    // (referring file, referred file) -> index in `out` of the first one.
    let mut first: HashMap<(String, &'static str), usize> = HashMap::new();
    let mut more: HashMap<usize, usize> = HashMap::new();
    let mut out = Vec::with_capacity(problems.len());
    for p in problems {
        if let Some(to) = p.refers_to.filter(|t| broken.contains(*t)) {
            let key = (p.file.clone(), to);
            if let Some(&i) = first.get(&key) {
                *more.entry(i).or_default() += 1;
                continue;
            }
            first.insert(key, out.len());
            more.insert(out.len(), 0);
        }
        out.push(p);
    }
    for (i, n) in more {
        let p = &mut out[i];
        let to = p.refers_to.unwrap_or("another file");
        let and = match n {
            0 => String::new(),
            1 => "; and 1 more in this file that follows from it".into(),
            n => format!("; and {n} more in this file that follow from it"),
        };
        p.message = format!("{} (follows from the error in {to} above{and})", p.message);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown_place(file: &str, line: u32, id: &str) -> Problem {
        Problem::error(file, format!("unknown place id '{id}'"))
            .at(line, 5)
            .record(format!("event '{id}_event'"))
            .refers_to("places.tsv")
    }

    #[test]
    fn references_to_an_unreadable_file_are_one_problem_per_referring_file() {
        let cause = Problem::error("d/places.tsv", "header lacks column(s) id").at(1, 1);
        let mut problems = vec![cause.clone()];
        problems.extend((0..50).map(|i| unknown_place("d/events.geojson", 10 + i, "x")));
        problems
            .push(Problem::error("d/events.geojson", "date '1937-13-01': no such month").record("event 'y'"));
        problems.extend((0..3).map(|i| unknown_place("d/lines.json", 4 + i, "s")));
        let grouped = group(problems);
        assert_eq!(grouped.len(), 4, "{grouped:#?}");
        assert_eq!(grouped[0], cause, "the cause first, unchanged");
        assert_eq!(grouped[1].line, 10, "the first knock-on keeps its place");
        assert!(
            grouped[1].message.ends_with(
                "(follows from the error in places.tsv above; and 49 more in this file that follow from it)"
            ),
            "{}",
            grouped[1].message
        );
        assert!(grouped[2].message.contains("no such month"), "others untouched");
        assert!(
            grouped[3].message.contains("and 2 more"),
            "{}",
            grouped[3].message
        );
    }

    #[test]
    fn references_are_left_alone_when_their_file_was_read() {
        // A record-level error in places.tsv loses one place, not the file:
        // each unknown id is its own mistake, listed.
        let mut problems = vec![
            Problem::error("d/places.tsv", "lon 'x' is not a number")
                .at(3, 2)
                .record("place 'a'"),
        ];
        problems.extend((0..5).map(|i| unknown_place("d/events.geojson", 10 + i, "x")));
        let grouped = group(problems.clone());
        assert_eq!(grouped, problems);
    }
}
