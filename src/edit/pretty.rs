//! JSON in the dataset's own pretty form: two-space indents, `"key": value`,
//! non-ASCII as is, keys in the order they were given (serde_json's
//! `preserve_order`). A record re-written after an edit differs from the
//! file only where the edit did, so a `git diff` shows only the edit.
use serde::Serialize;

/// `value` pretty-printed as it stands at `indent` in its file: the first
/// line unindented (it follows what precedes it), every other line
/// prefixed with `indent`.
pub fn to_string_at(value: &impl Serialize, indent: &str) -> String {
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"  ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    // A Value or a derived struct cannot fail to serialize into memory.
    if value.serialize(&mut ser).is_err() {
        return String::new();
    }
    let text = String::from_utf8(out).unwrap_or_default();
    text.replace('\n', &format!("\n{indent}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_event_prints_back_as_the_file_has_it() {
        // The file is in this form: a record parsed and printed again is
        // the same text, so an edit shows as only itself.
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/geodata/events.geojson")).unwrap();
        let records = crate::io::json_records::split_records(
            "events.geojson",
            &text,
            crate::io::json_records::Container::FeatureCollection,
        )
        .unwrap();
        assert!(records.len() > 50);
        for r in records {
            let v: serde_json::Value = serde_json::from_str(r.raw).unwrap();
            assert_eq!(to_string_at(&v, "    "), r.raw);
        }
    }
}
