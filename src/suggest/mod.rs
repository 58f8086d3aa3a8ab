//! What a text offers to map: every place name, date phrase and size of
//! people it writes, found for the user to confirm (`chronoatlas suggest`,
//! and the reading panel's marks in edit mode). Chinese and English; no UI
//! here. Positions are byte ranges into the text, with the line and
//! column (in characters, 1-based) a user sees in an editor.
pub mod dates;
pub mod dates_en;
pub mod eval;
pub mod places;
pub mod sizes;
pub mod tsv;
mod words;

use std::ops::Range;

pub use dates::{DateFound, YearFrom};
pub use places::{Candidate, PlaceFound, PlaceIndex};

use crate::model::SizeRange;

/// The span from the last of `stops` before `span` to the first after it
/// (its ends are byte offsets).
fn around(text: &str, span: &Range<usize>, stops: &str) -> (usize, usize) {
    let stop = |c: char| stops.contains(c);
    let start = text[..span.start]
        .rfind(stop)
        .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let end = text[span.end..].find(stop).map_or(text.len(), |i| span.end + i);
    (start, end)
}

/// The sentence around `span`: to 。！？ (or . ! ?) or a line end.
pub fn sentence(text: &str, span: &Range<usize>) -> (usize, usize) {
    around(text, span, "。！？\n.!?")
}

/// The clause around `span`: to the punctuation that ends it, a comma or
/// a semicolon too.
pub fn clause(text: &str, span: &Range<usize>) -> (usize, usize) {
    around(text, span, "，。；！？\n;.!?")
}

/// What was found.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Place(PlaceFound),
    Date(DateFound),
    Size(SizeRange),
}

impl Found {
    /// `place`, `date` or `size`, as the TSV's first column says.
    pub fn kind(&self) -> &'static str {
        match self {
            Found::Place(_) => "place",
            Found::Date(_) => "date",
            Found::Size(_) => "size",
        }
    }
}

/// One phrase of the text and what it was read as.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub span: Range<usize>,
    /// 1-based line, and column in characters.
    pub line: u32,
    pub column: u32,
    pub phrase: String,
    pub found: Found,
}

/// Every suggestion of `text`, in order. `index` holds the dataset's
/// places and the gazetteer.
pub fn suggest(text: &str, index: &PlaceIndex<'_>) -> Vec<Suggestion> {
    let mut all: Vec<(Range<usize>, Found)> = Vec::new();
    all.extend(
        places::places(index, text)
            .into_iter()
            .map(|(s, p)| (s, Found::Place(p))),
    );
    all.extend(
        dates::dates_zh(text)
            .into_iter()
            .map(|(s, d)| (s, Found::Date(d))),
    );
    all.extend(
        dates_en::dates_en(text)
            .into_iter()
            .map(|(s, d)| (s, Found::Date(d))),
    );
    all.extend(
        sizes::sizes_zh(text)
            .into_iter()
            .map(|(s, r)| (s, Found::Size(r))),
    );
    all.extend(
        sizes::sizes_en(text)
            .into_iter()
            .map(|(s, r)| (s, Found::Size(r))),
    );
    // A name inside a date or a size is a misreading (100余人和: no 人和).
    let others: Vec<Range<usize>> = (all.iter())
        .filter(|(_, f)| !matches!(f, Found::Place(_)))
        .map(|(s, _)| s.clone())
        .collect();
    all.retain(|(s, f)| {
        !matches!(f, Found::Place(_)) || !others.iter().any(|o| o.start < s.end && s.start < o.end)
    });
    all.sort_by_key(|(s, f)| (s.start, f.kind()));
    // Line and column in one pass over the text.
    let mut out = Vec::with_capacity(all.len());
    let (mut line, mut col, mut at) = (1u32, 1u32, 0usize);
    for (span, found) in all {
        for c in text[at..span.start].chars() {
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
        }
        at = span.start;
        out.push(Suggestion {
            line,
            column: col,
            phrase: text[span.clone()].to_string(),
            span,
            found,
        });
    }
    out
}

#[cfg(test)]
mod tests;

/// `chronoatlas suggest PATH`: the TSV for a dataset folder (each of its
/// source texts, its own places first) or for one text file (UTF-8,
/// UTF-16 or GB18030); and notes for the user (how a file was read).
pub fn for_path(path: &std::path::Path) -> Result<(String, Vec<String>), crate::io::Problem> {
    let gaz = crate::gazetteer::Gazetteer::china();
    let mut out = String::new();
    let mut notes = Vec::new();
    if path.is_dir() {
        let loaded = crate::io::load_path(path);
        if let Some(e) = loaded.errors().next() {
            notes.push(format!(
                "the dataset has errors (its places are used as far as they load): {e}"
            ));
        }
        let ds = &loaded.dataset;
        let index = PlaceIndex::new(&ds.places, gaz);
        tsv::write(&mut out, &[], "", true);
        for src in &ds.sources {
            let name = src.file.rsplit('/').next().unwrap_or(&src.file);
            tsv::write(&mut out, &suggest(&src.text, &index), name, false);
        }
        if ds.sources.is_empty() {
            notes.push(format!("{}: no source/*.txt text to read", path.display()));
        }
    } else {
        let shown = path.display().to_string();
        let bytes = crate::io::files::read_limited(path)?;
        let prose = crate::io::prose::read_prose(&shown, &bytes)?;
        if let Some(enc) = prose.encoding {
            notes.push(format!("{shown}: read as {enc}"));
        }
        let index = PlaceIndex::new(&[], gaz);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or(shown);
        tsv::write(&mut out, &suggest(&prose.text, &index), &name, true);
    }
    Ok((out, notes))
}
