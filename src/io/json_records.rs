//! Splits a JSON array or GeoJSON FeatureCollection into records that keep
//! their place in the file, so every error can name a line and column.
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::Problem;
use super::text::{advance, line_col, line_start};
use crate::model::Origin;

/// One record of the file: its raw JSON text and where it starts.
#[derive(Debug, Clone, Copy)]
pub struct RawRecord<'a> {
    pub raw: &'a str,
    /// Byte offset of `raw` in the file.
    pub offset: usize,
    /// 0-based position in the array.
    pub index: usize,
    /// The 1-based line and column of `offset`.
    pub line: u32,
    pub column: u32,
}

impl RawRecord<'_> {
    pub fn origin(&self, file: &str) -> Origin {
        Origin {
            file: file.to_string(),
            line: self.line,
            column: self.column,
            start: self.offset,
            end: self.offset + self.raw.len(),
        }
    }
}

/// What the top level of the file must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Array,
    FeatureCollection,
}

#[derive(Deserialize)]
struct FeatureCollection<'a> {
    #[serde(rename = "type")]
    kind: String,
    #[serde(borrow)]
    features: Vec<&'a RawValue>,
}

/// Splits the file into records. A syntax error anywhere is one problem
/// (JSON cannot be read past it); everything else is left to the records.
pub fn split_records<'a>(
    file: &str,
    text: &'a str,
    container: Container,
) -> Result<Vec<RawRecord<'a>>, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::error(file, "the file is empty"));
    }
    let raws: Vec<&'a RawValue> = match container {
        Container::Array => serde_json::from_str::<Vec<&'a RawValue>>(text)
            .map_err(|e| serde_problem(file, text, &e, "a JSON array of records `[ {...}, ... ]`"))?,
        Container::FeatureCollection => {
            let fc: FeatureCollection<'a> = serde_json::from_str(text).map_err(|e| {
                serde_problem(
                    file,
                    text,
                    &e,
                    "a GeoJSON FeatureCollection `{\"type\": \"FeatureCollection\", \"features\": [...]}`",
                )
            })?;
            if fc.kind != "FeatureCollection" {
                return Err(Problem::error(
                    file,
                    format!(
                        "\"type\" is \"{}\"; a GeoJSON FeatureCollection is expected",
                        fc.kind
                    ),
                )
                .at(1, 1));
            }
            fc.features
        }
    };
    Ok(records_of(text, raws))
}

/// Records from raw values borrowed from `text`, with their offsets.
pub fn records_of<'a>(text: &'a str, raws: Vec<&'a RawValue>) -> Vec<RawRecord<'a>> {
    let base = text.as_ptr() as usize;
    // Records come in file order: each position is found from the last.
    let (mut at, mut pos) = (0, (1, 1));
    raws.into_iter()
        .enumerate()
        .map(|(index, raw)| {
            let raw = raw.get();
            // `raw` borrows from `text`, so the difference is its offset.
            let offset = (raw.as_ptr() as usize).saturating_sub(base).min(text.len());
            if let Some(between) = text.get(at..offset) {
                pos = advance(pos, between);
                at = offset;
            } else {
                pos = line_col(text, offset);
                at = offset;
            }
            RawRecord {
                raw,
                offset,
                index,
                line: pos.0,
                column: pos.1,
            }
        })
        .collect()
}

/// A syntax or type error of a whole file, positioned in it.
pub fn file_problem(file: &str, text: &str, e: &serde_json::Error, expected: &str) -> Problem {
    serde_problem(file, text, e, expected)
}

/// Deserialises one record, mapping serde's position into the whole file.
pub fn parse_record<T: DeserializeOwned>(file: &str, rec: &RawRecord<'_>) -> Result<T, Problem> {
    serde_json::from_str::<T>(rec.raw).map_err(|e| {
        let p = serde_problem(file, rec.raw, &e, "");
        let (line, column) = match e.line() {
            0 => (rec.line, rec.column),
            _ => advance((rec.line, rec.column), &rec.raw[..in_part(rec.raw, &e)]),
        };
        p.at(line, column)
    })
}

/// The byte offset in `part` of the position serde reports.
fn in_part(part: &str, e: &serde_json::Error) -> usize {
    let at = line_start(part, e.line()).map_or(part.len(), |s| s + e.column().saturating_sub(1));
    let mut at = at.min(part.len());
    while !part.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The problem serde's error describes, positioned in `text` (its start is
/// line 1, column 1).
fn serde_problem(file: &str, text: &str, e: &serde_json::Error, expected: &str) -> Problem {
    let mut msg = e.to_string();
    if let Some(i) = msg.rfind(" at line ") {
        msg.truncate(i);
    }
    if matches!(
        e.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    ) {
        msg = format!("malformed JSON: {msg}");
    } else if !expected.is_empty() {
        msg = format!("{msg}; expected {expected}");
    }
    let p = Problem::error(file, msg);
    if e.line() == 0 {
        return p;
    }
    let (line, column) = line_col(text, in_part(text, e));
    p.at(line, column)
}

/// Finds where `needle` (a JSON string value) sits inside a record, for
/// pointing at the exact field; falls back to the record's start.
pub fn locate(text: &str, origin: &Origin, needle: &str) -> (u32, u32) {
    let end = origin.end.min(text.len());
    let start = origin.start.min(end);
    let quoted = serde_json::to_string(needle).unwrap_or_default();
    let body = text.get(start..end).unwrap_or("");
    let hit = body.find(&quoted).or_else(|| {
        if needle.is_empty() {
            None
        } else {
            body.find(needle)
        }
    });
    // From the record's start, not the file's: linear in the record.
    match hit {
        Some(i) if origin.start == start => advance((origin.line, origin.column), &body[..i]),
        Some(i) => line_col(text, start + i),
        None => (origin.line, origin.column),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct R {
        id: String,
        n: u32,
    }

    #[test]
    fn records_keep_their_lines() {
        let text = "[\n  {\"id\": \"a\", \"n\": 1},\n  {\"id\": \"b\",\n   \"n\": 2}\n]";
        let recs = split_records("f.json", text, Container::Array).unwrap();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[1].origin("f.json").line, 3);
        let r: R = parse_record("f.json", &recs[1]).unwrap();
        assert_eq!(r.n, 2);
    }

    #[test]
    fn type_errors_point_into_the_file() {
        let text = "[\n  {\"id\": \"a\", \"n\": 1},\n  {\"id\": \"b\",\n   \"n\": \"two\"}\n]";
        let recs = split_records("f.json", text, Container::Array).unwrap();
        let e = parse_record::<R>("f.json", &recs[1]).unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        assert!(e.message.contains("invalid type"), "{e}");
    }

    #[test]
    fn syntax_errors_are_one_problem_with_position() {
        let text = "[\n  {\"id\": \"a\",, }\n]";
        let e = split_records("f.json", text, Container::Array).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.starts_with("malformed JSON"), "{e}");
    }

    #[test]
    fn wrong_container_is_explained() {
        let e = split_records("f.geojson", "[1,2]", Container::FeatureCollection).unwrap_err();
        assert!(e.message.contains("FeatureCollection"), "{e}");
        let e = split_records(
            "f.geojson",
            "{\"type\":\"Feature\",\"features\":[]}",
            Container::FeatureCollection,
        )
        .unwrap_err();
        assert!(e.message.contains("\"Feature\""), "{e}");
        assert!(
            split_records("f.json", "  ", Container::Array)
                .unwrap_err()
                .message
                .contains("empty")
        );
    }

    #[test]
    fn locate_finds_a_value_inside_its_record() {
        let text = "[\n {\"id\": \"a\",\n  \"place\": \"taiyun\"}\n]";
        let recs = split_records("f.json", text, Container::Array).unwrap();
        let o = recs[0].origin("f.json");
        assert_eq!(locate(text, &o, "taiyun"), (3, 12));
    }
}
