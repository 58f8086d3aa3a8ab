//! A source text's English paragraph summaries (`source/X.en.tsv` beside `X.txt`).
use crate::io::problem::Problem;
use crate::io::tsv;
use crate::model::dataset::SourceText;

/// A source text's English paragraph summaries (`paragraph`, `summary_en`),
/// one per paragraph of the text at most.
pub(super) fn read_summaries(
    file: &str,
    text: &str,
    source: &SourceText,
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let table = match tsv::parse(file, text, &["paragraph", "summary_en"], &[], problems) {
        Ok(t) => t,
        Err(p) => {
            problems.push(p);
            return Vec::new();
        }
    };
    let count = source.paragraphs().len();
    let mut out = vec![String::new(); count];
    for row in &table.rows {
        let n = table.get(row, "paragraph");
        let rec = format!("paragraph '{n}'");
        let at = |col: &str| (row.line, table.column(col));
        match n.parse::<usize>() {
            Ok(k) if (1..=count).contains(&k) => {
                let slot = &mut out[k - 1];
                if !slot.is_empty() {
                    let (l, c) = at("paragraph");
                    problems.push(
                        Problem::error(file, "this paragraph has a summary already")
                            .at(l, c)
                            .record(rec),
                    );
                } else {
                    *slot = table.get(row, "summary_en").to_string();
                }
            }
            _ => {
                let (l, c) = at("paragraph");
                problems.push(
                    Problem::error(
                        file,
                        format!(
                            "paragraph '{n}' is not a paragraph of {} (1 to {count})",
                            source.file
                        ),
                    )
                    .at(l, c)
                    .record(rec),
                );
            }
        }
    }
    out
}
