//! What the JSON readers share: every record converted with one bad record
//! never hiding the others, problems pointed at a value inside its record,
//! and the dates and sizes records hold.
use serde::Deserialize;

use crate::io::json_records::{Container, RawRecord, locate, parse_record, split_records};
use crate::io::problem::Problem;
use crate::model::{HistDate, Origin, SizeRange};

/// Runs `convert` on every record, collecting problems; one bad record
/// never hides the others.
pub(super) fn read_json<T, R: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    container: Container,
    problems: &mut Vec<Problem>,
    mut convert: impl FnMut(R, Origin, &mut Vec<Problem>) -> Option<T>,
) -> Vec<T> {
    let records: Vec<RawRecord<'_>> = match split_records(file, text, container) {
        Ok(r) => r,
        Err(p) => {
            problems.push(p);
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(records.len());
    for rec in &records {
        let origin = rec.origin(file);
        match parse_record::<R>(file, rec) {
            Ok(raw) => {
                if let Some(item) = convert(raw, origin, problems) {
                    out.push(item);
                }
            }
            Err(p) => problems.push(p.record(format!("record {}", rec.index + 1))),
        }
    }
    out
}

/// A problem pointing at `value` inside the record at `origin`.
pub(super) struct At<'a> {
    pub(super) file: &'a str,
    pub(super) text: &'a str,
    pub(super) origin: &'a Origin,
    pub(super) record: String,
}

impl At<'_> {
    pub(super) fn err(&self, value: &str, msg: impl Into<String>) -> Problem {
        let (line, column) = locate(self.text, self.origin, value);
        Problem::error(self.file, msg)
            .at(line, column)
            .record(self.record.clone())
    }
}

pub(super) fn parse_date(at: &At<'_>, field: &str, s: &str, problems: &mut Vec<Problem>) -> Option<HistDate> {
    match s.parse::<HistDate>() {
        Ok(d) => Some(d),
        Err(e) => {
            problems.push(at.err(s, format!("{field} '{s}': {e}")));
            None
        }
    }
}

pub(super) fn parse_size(at: &At<'_>, s: &str, problems: &mut Vec<Problem>) -> Option<SizeRange> {
    match s.parse::<SizeRange>() {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(at.err(s, format!("size '{s}': {e}")));
            None
        }
    }
}

/// A size may be written as text (`六七百人`) or as a plain number.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum StrOrNum {
    Str(String),
    Num(u64),
}

impl StrOrNum {
    pub(super) fn text(&self) -> String {
        match self {
            StrOrNum::Str(s) => s.clone(),
            StrOrNum::Num(n) => n.to_string(),
        }
    }
}
