//! The source text as a reader meets it: paragraphs cut into runs, each
//! run plain, cited by events (their quotes) or naming a place of the
//! gazetteer. The reading panel draws the runs; the counter of how much of
//! the text the events cover comes from here. No egui.
use super::Dataset;

/// A stretch of a paragraph with the same events and place throughout.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Byte range in the source text.
    pub start: usize,
    pub end: usize,
    /// Events whose quote (or other quotes) covers this stretch, in order.
    pub events: Vec<usize>,
    /// A place whose Chinese name this stretch is (index into `ds.places`).
    pub place: Option<usize>,
}

/// One paragraph (a line of the source text).
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub runs: Vec<Run>,
}

/// The runs of one source text.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRuns {
    /// Index into `ds.sources`.
    pub source: usize,
    pub paragraphs: Vec<Paragraph>,
}

/// How much of the text the events cite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage {
    /// Characters (not counting spaces) inside some event's quote.
    pub cited_chars: usize,
    pub chars: usize,
    /// Sentences (to 。！？ or a line end) with some cited character.
    pub cited_sentences: usize,
    pub sentences: usize,
}

impl Coverage {
    pub fn percent(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            100.0 * self.cited_chars as f64 / self.chars as f64
        }
    }
}

/// Every source text of a dataset cut into runs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    pub sources: Vec<SourceRuns>,
    pub coverage: Coverage,
}

/// Byte ranges of every occurrence of `needle` in `hay`.
fn occurrences(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    hay.match_indices(needle).map(|(i, m)| (i, i + m.len())).collect()
}

impl Reading {
    pub fn new(ds: &Dataset) -> Self {
        let mut sources = Vec::new();
        let mut coverage = Coverage::default();
        for (si, src) in ds.sources.iter().enumerate() {
            let text = src.text.as_str();
            // Cited ranges: every occurrence of every quote of every event.
            let mut cited: Vec<(usize, usize, usize)> = Vec::new();
            for (i, e) in ds.events.iter().enumerate() {
                for q in std::iter::once(&e.quote).chain(&e.also_quotes) {
                    cited.extend(occurrences(text, q).into_iter().map(|(a, b)| (a, b, i)));
                }
            }
            // Place names: the longest name starting at each position wins;
            // one-character names are too ambiguous to mark.
            let mut names: Vec<(&str, usize)> = Vec::new();
            for (pi, p) in ds.places.iter().enumerate() {
                names.push((p.name_zh.as_str(), pi));
                names.extend(p.historical_names.iter().map(|h| (h.zh.as_str(), pi)));
            }
            names.retain(|(n, _)| n.chars().count() >= 2);
            names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
            let mut place_at: Vec<Option<usize>> = vec![None; text.len()];
            for (name, pi) in &names {
                for (a, b) in occurrences(text, name) {
                    if place_at[a..b].iter().all(Option::is_none) {
                        place_at[a..b].iter_mut().for_each(|p| *p = Some(*pi));
                    }
                }
            }
            // Cut points: paragraph ends, quote ends, place name ends.
            let paragraphs_at = src.paragraphs();
            let mut cuts: Vec<usize> = Vec::new();
            for &(a, b) in &paragraphs_at {
                cuts.extend([a, b]);
            }
            for &(a, b, _) in &cited {
                cuts.extend([a, b]);
            }
            for i in 0..text.len() {
                let before = if i == 0 { None } else { place_at[i - 1] };
                if place_at[i] != before {
                    cuts.push(i);
                }
            }
            cuts.retain(|&c| text.is_char_boundary(c));
            cuts.sort_unstable();
            cuts.dedup();
            let mut paragraphs = Vec::new();
            for &(pa, pb) in &paragraphs_at {
                let mut runs: Vec<Run> = Vec::new();
                let from = cuts.partition_point(|&c| c < pa);
                let mut at = pa;
                for &c in cuts[from..]
                    .iter()
                    .take_while(|&&c| c <= pb)
                    .chain(std::iter::once(&pb))
                {
                    if c <= at {
                        continue;
                    }
                    let mut events: Vec<usize> = (cited.iter())
                        .filter(|&&(a, b, _)| a <= at && c <= b)
                        .map(|&(_, _, i)| i)
                        .collect();
                    events.sort_unstable();
                    events.dedup();
                    let place = place_at[at];
                    match runs.last_mut() {
                        Some(last) if last.events == events && last.place == place && last.end == at => {
                            last.end = c
                        }
                        _ => runs.push(Run {
                            start: at,
                            end: c,
                            events,
                            place,
                        }),
                    }
                    at = c;
                }
                for r in &runs {
                    let chars = text[r.start..r.end]
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .count();
                    coverage.chars += chars;
                    if !r.events.is_empty() {
                        coverage.cited_chars += chars;
                    }
                }
                paragraphs.push(Paragraph {
                    start: pa,
                    end: pb,
                    runs,
                });
            }
            // Sentences with some cited character.
            let mut start = 0;
            for (i, ch) in text.char_indices() {
                if matches!(ch, '。' | '！' | '？' | '\n') {
                    let end = i + ch.len_utf8();
                    if !text[start..end].trim().is_empty() {
                        coverage.sentences += 1;
                        if cited.iter().any(|&(a, b, _)| a < end && b > start) {
                            coverage.cited_sentences += 1;
                        }
                    }
                    start = end;
                }
            }
            if !text[start..].trim().is_empty() {
                coverage.sentences += 1;
                if cited.iter().any(|&(_, b, _)| b > start) {
                    coverage.cited_sentences += 1;
                }
            }
            sources.push(SourceRuns {
                source: si,
                paragraphs,
            });
        }
        Reading { sources, coverage }
    }

    /// Where the phrases of `event` are: (source, paragraph, run) indices.
    pub fn runs_of(&self, event: usize) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (s, src) in self.sources.iter().enumerate() {
            for (p, para) in src.paragraphs.iter().enumerate() {
                for (r, run) in para.runs.iter().enumerate() {
                    if run.events.contains(&event) {
                        out.push((s, p, r));
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counter_is_the_share_of_characters_inside_some_quote() {
        let ds = crate::io::load_bundled().dataset;
        let reading = Reading::new(&ds);
        // The same count, done plainly: mark every byte of every occurrence
        // of every quote, then count the characters marked.
        let text = &ds.sources[0].text;
        let mut marked = vec![false; text.len()];
        for e in &ds.events {
            for q in std::iter::once(&e.quote).chain(&e.also_quotes) {
                for (a, b) in occurrences(text, q) {
                    marked[a..b].iter_mut().for_each(|m| *m = true);
                }
            }
        }
        let (mut cited, mut all) = (0, 0);
        for (i, c) in text.char_indices() {
            if !c.is_whitespace() {
                all += 1;
                cited += usize::from(marked[i]);
            }
        }
        assert_eq!(
            (reading.coverage.cited_chars, reading.coverage.chars),
            (cited, all)
        );
        assert!(cited > 100 && cited < all, "{cited} of {all}");
        // Every event's quote is found, in runs that name it.
        for (i, e) in ds.events.iter().enumerate() {
            let runs = reading.runs_of(i);
            assert!(!runs.is_empty(), "{}", e.id);
            let joined: String = runs
                .iter()
                .map(|&(s, p, r)| {
                    let run = &reading.sources[s].paragraphs[p].runs[r];
                    &text[run.start..run.end]
                })
                .collect();
            assert!(joined.contains(&e.quote), "{}: {joined}", e.id);
        }
        // Runs tile each paragraph exactly.
        for p in &reading.sources[0].paragraphs {
            assert_eq!(p.runs.first().map(|r| r.start), Some(p.start));
            assert_eq!(p.runs.last().map(|r| r.end), Some(p.end));
            assert!(p.runs.windows(2).all(|w| w[0].end == w[1].start));
        }
        // Place names are marked: 太原 is a place of the gazetteer.
        let taiyuan = ds.places.iter().position(|p| p.id == "taiyuan").unwrap();
        let runs = &reading.sources[0].paragraphs[1].runs;
        assert!(
            runs.iter()
                .any(|r| r.place == Some(taiyuan) && &text[r.start..r.end] == "太原")
        );
    }

    #[test]
    fn english_summaries_are_there_for_every_paragraph() {
        let ds = crate::io::load_bundled().dataset;
        let src = &ds.sources[0];
        assert_eq!(src.summaries_en.len(), src.paragraphs().len());
        assert!(
            src.summaries_en.iter().all(|s| s.len() > 200),
            "{:?}",
            src.summaries_en
        );
    }
}
