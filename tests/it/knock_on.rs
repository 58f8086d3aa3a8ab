//! One broken file, one cause reported first: the references that fail
//! because of it are folded into one line per referring file.
use std::path::Path;

use super::cli::{dataset_copy, run, stderr};

/// The bundled data with its tour, for breaking.
fn with_tour() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = dataset_copy();
    std::fs::create_dir_all(dir.join("tours")).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata/tours/story.json");
    std::fs::copy(src, dir.join("tours/story.json")).unwrap();
    (tmp, dir)
}

fn validate_lines(dir: &Path) -> Vec<String> {
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    stderr(&o).lines().map(str::to_owned).collect()
}

#[test]
fn a_truncated_events_file_is_one_error_and_one_line_of_what_follows() {
    let (_tmp, dir) = with_tour();
    let events = dir.join("events.geojson");
    let text = std::fs::read(&events).unwrap();
    std::fs::write(&events, &text[..text.len() / 3]).unwrap();
    let lines = validate_lines(&dir);
    // The cause, then one line for the tour's references, then the summary
    // (it was 80 lines, the cause first of them).
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(
        lines[0].contains("events.geojson:") && lines[0].contains("malformed JSON"),
        "{lines:#?}"
    );
    assert!(
        lines[1].contains("tours/story.json:")
            && lines[1].contains("unknown event id")
            && lines[1].contains("follows from the error in events.geojson above; and ")
            && lines[1].contains("more in this file that follow from it"),
        "{lines:#?}"
    );
}

#[test]
fn a_garbage_places_file_is_its_own_error_and_one_line_per_file_that_refers_to_it() {
    let (_tmp, dir) = with_tour();
    std::fs::write(dir.join("places.tsv"), "garbage\u{1} not a table\nmore junk\tx\n").unwrap();
    let lines = validate_lines(&dir);
    // It was 271 lines.
    assert!(lines.len() <= 7, "{lines:#?}");
    let cause = lines
        .iter()
        .position(|l| l.contains("header lacks column(s) id"))
        .unwrap();
    for file in ["lines.json:", "events.geojson:", "tours/story.json:"] {
        let at = lines
            .iter()
            .position(|l| l.contains(file) && l.contains("follows from the error in places.tsv"))
            .unwrap_or_else(|| panic!("{file}: {lines:#?}"));
        assert!(at > cause, "the cause comes first: {lines:#?}");
    }
}

#[test]
fn one_wrong_place_id_is_still_listed_as_itself() {
    // places.tsv reads; one event's place is misspelt: a plain error, as before.
    let (_tmp, dir) = with_tour();
    let events = dir.join("events.geojson");
    let text = std::fs::read_to_string(&events).unwrap();
    std::fs::write(&events, text.replacen("\"lugouqiao\"", "\"lugouqiaoo\"", 1)).unwrap();
    let lines = validate_lines(&dir);
    let line = lines
        .iter()
        .find(|l| l.contains("unknown place id 'lugouqiaoo'"))
        .unwrap();
    assert!(!line.contains("follows from"), "{line}");
}
