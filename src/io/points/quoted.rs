//! The ordered reader: a point CSV the plain reader does not take (quoted
//! cells, which may hold a line end) read in order through the `csv` crate.
use super::columns::Columns;
use super::ordering::Rows;
use super::roles::ColumnChoice;
use super::schema::{Schema, delimiter_of, headers_of};
use crate::io::problem::Problem;
use crate::io::text::{decode, to_u32};

/// A file the plain reader did not take, read in order: its rows (offsets
/// count from the start of `bytes`) and their problems, or why nothing can
/// be read.
pub(super) fn read_ordered(
    file: &str,
    bytes: &[u8],
    choice: &ColumnChoice,
    progress: &std::sync::atomic::AtomicU64,
) -> Result<(Schema, Rows, Vec<Problem>), Problem> {
    // Words what is wrong with a binary or non-UTF-8 file.
    if bytes.contains(&0) || std::str::from_utf8(bytes).is_err() {
        return Err(decode(file, bytes)
            .err()
            .unwrap_or_else(|| Problem::error(file, "not UTF-8 text")));
    }
    let text = std::str::from_utf8(bytes).unwrap_or("");
    let skip = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let text = text.get(skip..).unwrap_or("");
    if text.trim().is_empty() {
        return Err(Problem::error(file, "the file is empty: it needs a header row"));
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (schema, mut cols, problems) = read_quoted(file, text, delimiter_of(first), choice, progress)?;
    // Offsets count from the start of the bytes.
    cols.offset.iter_mut().for_each(|o| *o += skip as u32);
    let rows = Rows {
        cols,
        line_add: 0,
        ids: Vec::new(),
        days: None,
    };
    Ok((schema, rows, problems))
}

type Read = Result<(Schema, Columns, Vec<Problem>), Problem>;

/// Reads a file with quotes in order, through the `csv` crate.
fn read_quoted(
    file: &str,
    text: &str,
    delimiter: u8,
    choice: &ColumnChoice,
    progress: &std::sync::atomic::AtomicU64,
) -> Read {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => headers_of(h.iter()),
        Err(e) => return Err(Problem::error(file, format!("cannot read the header: {e}")).at(1, 1)),
    };
    let schema = Schema::choose(file, delimiter, headers, choice, &sample(text, delimiter))?;
    let mut cols = Columns::default();
    let mut problems = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut rows = 0u32;
    loop {
        rows = rows.wrapping_add(1);
        if rows.is_multiple_of(4096) {
            progress.store(reader.position().byte(), std::sync::atomic::Ordering::Relaxed);
        }
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| to_u32(usize::try_from(p.line()).unwrap_or(usize::MAX)));
                problems.push(Problem::error(file, format!("malformed CSV: {e}")).at(line, 0));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let (line, at) = record.position().map_or((0, 0), |p| {
            (
                to_u32(usize::try_from(p.line()).unwrap_or(usize::MAX)),
                usize::try_from(p.byte()).unwrap_or(0),
            )
        });
        let fields: Vec<&str> = record.iter().collect();
        cols.take(&schema, &fields, line, at, &mut problems);
    }
    Ok((schema, cols, problems))
}

/// The first rows' cells, for finding columns by their content.
fn sample(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .take(super::SAMPLE_ROWS)
        .filter_map(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .collect()
}
