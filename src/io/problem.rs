//! Problems found in input files, each naming file, line, column and record.
use std::fmt;

use crate::model::Origin;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One thing wrong with the input. The loader collects these and goes on,
/// so one bad record never hides the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    /// 1-based, 0 when unknown.
    pub line: u32,
    /// 1-based, 0 when unknown (see [`Origin::column`]).
    pub column: u32,
    /// The record, e.g. `event 'taiyuan_falls'` or `row 12`.
    pub record: Option<String>,
    pub message: String,
    /// For a reference to a record of another file (an unknown place id):
    /// that file's name, e.g. `places.tsv`. When that file could not be
    /// read, such problems follow from its error (see [`super::knock_on`]).
    pub refers_to: Option<&'static str>,
}

/// The longest part of a value a problem quotes (characters).
pub const EXCERPT_CHARS: usize = 80;
/// The longest message kept whole; longer ones keep their start and end.
const MESSAGE_CHARS: usize = 600;

/// `s` cut to `n` characters with "…" when longer.
pub fn excerpt(s: &str, n: usize) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(n) {
        None => s.into(),
        Some((at, _)) => format!("{}…", &s[..at]).into(),
    }
}

/// A message or record that quotes input, bounded: a 10 MB cell must not
/// become a 10 MB line (nor lay out a 10 MB label in the window). Words
/// longer than [`EXCERPT_CHARS`] are cut to that, and what is still longer
/// than [`MESSAGE_CHARS`] keeps its start and its end around "…".
pub fn bounded(text: String) -> String {
    if text.len() <= MESSAGE_CHARS {
        return text;
    }
    let mut out = String::with_capacity(MESSAGE_CHARS * 2);
    let mut run = 0usize;
    for c in text.chars() {
        if c.is_whitespace() {
            run = 0;
        } else {
            run += 1;
            if run == EXCERPT_CHARS + 1 {
                out.push('…');
            }
            if run > EXCERPT_CHARS {
                continue;
            }
        }
        out.push(c);
    }
    let chars = out.chars().count();
    if chars <= MESSAGE_CHARS {
        return out;
    }
    let head: String = out.chars().take(MESSAGE_CHARS * 2 / 3).collect();
    let tail: String = out.chars().skip(chars - MESSAGE_CHARS / 3).collect();
    format!("{head} … {tail}")
}

impl Problem {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            record: None,
            message: bounded(message.into()),
            refers_to: None,
        }
    }

    pub fn at(mut self, line: u32, column: u32) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn at_origin(self, origin: &Origin) -> Self {
        self.at(origin.line, origin.column)
    }

    pub fn record(mut self, record: impl Into<String>) -> Self {
        self.record = Some(bounded(record.into()));
        self
    }

    /// Marks a reference to a record of `file` (a dataset file's name).
    pub fn refers_to(mut self, file: &'static str) -> Self {
        self.refers_to = Some(file);
        self
    }

    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        if self.severity == Severity::Warning {
            write!(f, ": warning")?;
        }
        if let Some(r) = &self.record {
            write!(f, ": {r}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Counts of errors and warnings, for summaries.
pub fn count(problems: &[Problem]) -> (usize, usize) {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    (errors, problems.len() - errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_column_and_record() {
        let p = Problem::error("geodata/events.geojson", "unknown place id 'taiyun'")
            .at(120, 7)
            .record("event 'taiyuan_falls'");
        assert_eq!(
            p.to_string(),
            "geodata/events.geojson:120:7: event 'taiyuan_falls': unknown place id 'taiyun'"
        );
        let w = Problem::error("f.csv", "x").warning();
        assert_eq!(w.to_string(), "f.csv: warning: x");
    }

    #[test]
    fn a_huge_value_is_quoted_as_an_excerpt() {
        let id = "a".repeat(10_000_000);
        let date = "1".repeat(3_000_000);
        let p = Problem::error("f.csv", format!("date '{date}': cannot read the date \"{date}\""))
            .at(2, 4)
            .record(format!("row '{id}'"));
        let line = p.to_string();
        assert!(line.len() < 1_000, "{} bytes", line.len());
        assert!(line.starts_with("f.csv:2:4: row 'aaaa"), "{line}");
        let quoted = line.split("date '").nth(1).unwrap_or("");
        assert!(quoted.starts_with("1111") && quoted.contains("1…"), "{line}");
        assert!(
            quoted.chars().take_while(|&c| c == '1').count() <= EXCERPT_CHARS,
            "{line}"
        );
        assert!(line.contains("cannot read the date"), "{line}");
        // A huge value with spaces keeps the message's start and end.
        let words = "word ".repeat(2_000_000);
        let p = Problem::error("f.csv", format!("title '{words}' is too long, see the manual"));
        assert!(p.message.chars().count() <= 700, "{}", p.message.len());
        assert!(p.message.starts_with("title 'word word"), "{}", &p.message[..40]);
        assert!(p.message.ends_with("see the manual"), "{}", p.message);
        // Ordinary messages are left alone, in every script.
        let plain = "quote not found in the source text: '1937年11月8日，太原失守了'";
        assert_eq!(Problem::error("f", plain).message, plain);
        assert_eq!(excerpt("太原失守", 2), "太原…");
        assert_eq!(excerpt("abc", 3), "abc");
    }
}
