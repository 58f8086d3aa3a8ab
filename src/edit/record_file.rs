//! A data file as the records an editor changes, and the text between them
//! kept as it was: `events.geojson` (its features, by `id`), `places.tsv`
//! (its rows, by the first column). Put together again it is the same
//! bytes, whatever was changed and changed back.
use crate::io::json_records::{Container, split_records};
use crate::io::problem::Problem;

/// One record: its id and its text as in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: String,
    pub text: String,
}

/// A file cut into text before, records with the text between them, and
/// text after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordFile {
    head: String,
    records: Vec<Record>,
    /// `gaps[k]` is the text between record k and k + 1.
    gaps: Vec<String>,
    tail: String,
    /// What a new gap is (the file's most usual one).
    gap: String,
    /// The indent of a record's first line (JSON), for printing new ones.
    pub indent: String,
    /// The file's text when it had no records (put back when it has none).
    empty: Option<String>,
}

impl RecordFile {
    /// A GeoJSON FeatureCollection's features, each by its `id`.
    pub fn json(file: &str, text: &str) -> Result<RecordFile, Problem> {
        let raws = split_records(file, text, Container::FeatureCollection)?;
        if raws.is_empty() {
            let at = text.rfind('[').map_or(text.len(), |i| i + 1);
            return Ok(RecordFile {
                head: format!("{}\n    ", &text[..at]),
                records: Vec::new(),
                gaps: Vec::new(),
                tail: format!("\n  {}", text[at..].trim_start()),
                gap: ",\n    ".into(),
                indent: "    ".into(),
                empty: Some(text.to_string()),
            });
        }
        let mut records = Vec::new();
        let mut gaps = Vec::new();
        for (k, r) in raws.iter().enumerate() {
            let v: serde_json::Value = serde_json::from_str(r.raw)
                .map_err(|e| Problem::error(file, format!("record {}: {e}", k + 1)).at(r.line, r.column))?;
            let id = match v.get("id") {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
                None => String::new(),
            };
            records.push(Record {
                id,
                text: r.raw.to_string(),
            });
            if let Some(next) = raws.get(k + 1) {
                gaps.push(text[r.offset + r.raw.len()..next.offset].to_string());
            }
        }
        let first = &raws[0];
        let last = &raws[raws.len() - 1];
        let line_start = text[..first.offset].rfind('\n').map_or(0, |i| i + 1);
        Ok(RecordFile {
            head: text[..first.offset].to_string(),
            gap: most_usual(&gaps).unwrap_or_else(|| ",\n    ".into()),
            records,
            gaps,
            tail: text[last.offset + last.raw.len()..].to_string(),
            indent: text[line_start..first.offset].to_string(),
            empty: None,
        })
    }

    /// A TSV file's rows under its header line, each by its first cell.
    pub fn tsv(text: &str) -> RecordFile {
        let (head, body) = match text.find('\n') {
            Some(i) => (&text[..=i], &text[i + 1..]),
            None => (text, ""),
        };
        let (body, tail) = match body.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (body, ""),
        };
        let records: Vec<Record> = if body.is_empty() {
            Vec::new()
        } else {
            body.split('\n')
                .map(|line| Record {
                    id: line.split('\t').next().unwrap_or("").trim().to_string(),
                    text: line.to_string(),
                })
                .collect()
        };
        RecordFile {
            head: head.to_string(),
            gaps: vec!["\n".into(); records.len().saturating_sub(1)],
            records,
            tail: tail.to_string(),
            gap: "\n".into(),
            indent: String::new(),
            empty: body.is_empty().then(|| text.to_string()),
        }
    }

    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// Where the record `id` is, and its text.
    pub fn find(&self, id: &str) -> Option<(usize, &str)> {
        self.records
            .iter()
            .position(|r| r.id == id)
            .map(|k| (k, self.records[k].text.as_str()))
    }

    /// Takes record `id` out; its place and text.
    pub fn remove(&mut self, id: &str) -> Option<(usize, String)> {
        let k = self.records.iter().position(|r| r.id == id)?;
        let r = self.records.remove(k);
        // The gap before it goes (the one after it, for the first).
        if !self.gaps.is_empty() {
            self.gaps.remove(k.saturating_sub(1).min(self.gaps.len() - 1));
        }
        Some((k, r.text))
    }

    /// Puts a record in at `index` (at most the number of records).
    pub fn insert(&mut self, index: usize, id: &str, text: &str) {
        let k = index.min(self.records.len());
        if !self.records.is_empty() {
            self.gaps
                .insert(k.saturating_sub(1).min(self.gaps.len()), self.gap.clone());
        }
        self.records.insert(
            k,
            Record {
                id: id.to_string(),
                text: text.to_string(),
            },
        );
    }

    /// The file's text.
    pub fn text(&self) -> String {
        if self.records.is_empty()
            && let Some(e) = &self.empty
        {
            return e.clone();
        }
        let mut out = self.head.clone();
        for (k, r) in self.records.iter().enumerate() {
            if k > 0 {
                out.push_str(self.gaps.get(k - 1).map_or(self.gap.as_str(), String::as_str));
            }
            out.push_str(&r.text);
        }
        out.push_str(&self.tail);
        out
    }
}

fn most_usual(gaps: &[String]) -> Option<String> {
    let mut counts: Vec<(&String, usize)> = Vec::new();
    for g in gaps {
        match counts.iter_mut().find(|(x, _)| *x == g) {
            Some((_, n)) => *n += 1,
            None => counts.push((g, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(g, _)| g.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled(name: &str) -> String {
        std::fs::read_to_string(format!("{}/geodata/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn the_bundled_files_are_put_together_byte_for_byte() {
        let events = bundled("events.geojson");
        let f = RecordFile::json("events.geojson", &events).unwrap();
        assert_eq!(f.records().len(), 92);
        assert_eq!(f.indent, "    ");
        assert_eq!(f.text(), events);
        let places = bundled("places.tsv");
        let p = RecordFile::tsv(&places);
        assert_eq!(p.records()[0].id, "beijing");
        assert_eq!(p.text(), places);
    }

    #[test]
    fn a_record_taken_out_and_put_back_leaves_the_file_as_it_was() {
        let events = bundled("events.geojson");
        let mut f = RecordFile::json("events.geojson", &events).unwrap();
        for id in ["marco_polo_bridge_incident", "zhengtai_lost"] {
            let (k, text) = f.remove(id).unwrap();
            assert_ne!(f.text(), events);
            f.insert(k, id, &text);
            assert_eq!(f.text(), events, "{id}");
        }
        let last = f.records().last().unwrap().id.clone();
        let (k, text) = f.remove(&last).unwrap();
        f.insert(k, &last, &text);
        assert_eq!(f.text(), events);
        let places = bundled("places.tsv");
        let mut p = RecordFile::tsv(&places);
        let (k, text) = p.remove("beijing").unwrap();
        p.insert(k, "beijing", &text);
        assert_eq!(p.text(), places);
    }

    #[test]
    fn an_empty_collection_takes_records_and_gives_its_text_back_when_empty_again() {
        let text = "{\"type\": \"FeatureCollection\", \"features\": []}\n";
        let mut f = RecordFile::json("e.geojson", text).unwrap();
        f.insert(0, "a", "{\"id\": \"a\"}");
        let with = f.text();
        assert!(serde_json::from_str::<serde_json::Value>(&with).is_ok(), "{with}");
        assert_eq!(RecordFile::json("e.geojson", &with).unwrap().records()[0].id, "a");
        f.remove("a");
        assert_eq!(f.text(), text);
    }
}
