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
}

impl Problem {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            record: None,
            message: message.into(),
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
        self.record = Some(record.into());
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
}
