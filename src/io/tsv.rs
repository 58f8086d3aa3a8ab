//! Tab-separated tables with a header row: rows keep their line numbers.
use std::collections::HashMap;

use super::Problem;
use super::text::to_u32;

/// A data row: its 1-based line and its fields.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub line: u32,
    pub fields: Vec<&'a str>,
    pub byte_start: usize,
    pub byte_end: usize,
}

/// A parsed table: header names to field index, and rows.
#[derive(Debug, Clone)]
pub struct Table<'a> {
    pub columns: HashMap<String, usize>,
    pub rows: Vec<Row<'a>>,
}

impl<'a> Table<'a> {
    /// The field `name` of `row` (trimmed), or "" when the column is absent.
    pub fn get(&self, row: &Row<'a>, name: &str) -> &'a str {
        self.columns
            .get(name)
            .and_then(|&i| row.fields.get(i))
            .map_or("", |s| s.trim())
    }

    /// 1-based column number of `name`, for messages.
    pub fn column(&self, name: &str) -> u32 {
        self.columns.get(name).map_or(0, |&i| to_u32(i + 1))
    }
}

/// Parses a TSV file. `required` columns must be in the header; unknown
/// columns are reported (they are usually typos) but do not stop loading.
/// Lines that are empty or start with `#` are skipped. Rows with the wrong
/// number of fields are reported and left out.
pub fn parse<'a>(
    file: &str,
    text: &'a str,
    required: &[&str],
    optional: &[&str],
    problems: &mut Vec<Problem>,
) -> Result<Table<'a>, Problem> {
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i, l.strip_suffix('\r').unwrap_or(l)));
    let (header_line, header) = loop {
        match lines.next() {
            None => {
                return Err(Problem::error(file, "the file is empty: it needs a header row"));
            }
            Some((_, l)) if l.trim().is_empty() || l.starts_with('#') => continue,
            Some(found) => break found,
        }
    };
    let names: Vec<&str> = header.split('\t').map(str::trim).collect();
    let mut columns = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        if columns.insert(n.to_string(), i).is_some() {
            problems.push(
                Problem::error(file, format!("column '{n}' appears twice in the header"))
                    .at(to_u32(header_line + 1), to_u32(i + 1)),
            );
        } else if !required.contains(n) && !optional.contains(n) {
            problems.push(
                Problem::error(
                    file,
                    format!("unknown column '{n}' (ignored); known: {}", required.join(", ")),
                )
                .at(to_u32(header_line + 1), to_u32(i + 1))
                .warning(),
            );
        }
    }
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|r| !columns.contains_key(*r))
        .collect();
    if !missing.is_empty() {
        let sep = if header.contains(',') && !header.contains('\t') {
            " (the header has commas: columns must be separated by tabs)"
        } else {
            ""
        };
        return Err(Problem::error(
            file,
            format!("header lacks column(s) {}{sep}", missing.join(", ")),
        )
        .at(to_u32(header_line + 1), 1));
    }
    let mut rows = Vec::new();
    let base = text.as_ptr() as usize;
    for (i, l) in lines {
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = l.split('\t').collect();
        let line = to_u32(i + 1);
        if fields.len() != names.len() {
            problems.push(
                Problem::error(
                    file,
                    format!(
                        "row has {} fields but the header has {} (columns are separated by tabs)",
                        fields.len(),
                        names.len()
                    ),
                )
                .at(line, 1)
                .record(format!("'{}'", fields.first().map_or("", |f| f.trim()))),
            );
            continue;
        }
        let byte_start = (l.as_ptr() as usize).saturating_sub(base);
        rows.push(Row {
            line,
            fields,
            byte_start,
            byte_end: byte_start + l.len(),
        });
    }
    Ok(Table { columns, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_with_line_numbers_and_reports_bad_ones() {
        let text = "# comment\nid\tname\n\na\tA\nb\n\nc\tC\r\n";
        let mut problems = Vec::new();
        let t = parse("f.tsv", text, &["id", "name"], &[], &mut problems).unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].line, 4);
        assert_eq!(t.get(&t.rows[1], "name"), "C");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 5);
    }

    #[test]
    fn missing_columns_stop_the_file() {
        let mut problems = Vec::new();
        let e = parse("f.tsv", "id,name\na,b\n", &["id", "name"], &[], &mut problems).unwrap_err();
        assert!(e.message.contains("tabs"), "{e}");
        assert!(parse("f.tsv", "", &["id"], &[], &mut problems).is_err());
    }
}
