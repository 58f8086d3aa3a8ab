//! `chronoatlas suggest` output: one row per phrase, tab-separated, with a
//! header; the columns are explained in docs/SUGGEST.md.
use super::{Found, Suggestion};

pub const HEADER: [&str; 18] = [
    "kind",
    "line",
    "column",
    "phrase",
    "place_id",
    "name_zh",
    "name_en",
    "lon",
    "lat",
    "province_1937",
    "candidates",
    "earliest",
    "latest",
    "year_from",
    "size_min",
    "size_max",
    "note",
    "source",
];

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// The row of one suggestion of the text `source`.
pub fn row(s: &Suggestion, source: &str) -> String {
    let mut cells: Vec<String> = vec![
        s.found.kind().to_string(),
        s.line.to_string(),
        s.column.to_string(),
        clean(&s.phrase),
    ];
    let mut rest = vec![String::new(); 13];
    match &s.found {
        Found::Place(p) => {
            if let Some(c) = p.candidates.first() {
                rest[0] = c.id.clone();
                rest[1] = c.name_zh.clone();
                rest[2] = c.name_en.clone();
                rest[3] = format!("{:.4}", c.lon);
                rest[4] = format!("{:.4}", c.lat);
                rest[5] = c.province_1937.clone();
            }
            if p.candidates.len() > 1 {
                rest[6] = p
                    .candidates
                    .iter()
                    .take(8)
                    .map(|c| {
                        format!(
                            "{} {} {} ({}, {})",
                            c.id, c.name_zh, c.name_en, c.province_1937, c.population
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" | ");
            }
            if p.by_pinyin {
                rest[12] = "matched by pinyin: GeoNames gives this place no Chinese name".into();
            }
        }
        Found::Date(d) => {
            let (a, b) = d.when.range_text_iso();
            rest[7] = a;
            rest[8] = b;
            rest[9] = match d.year_from {
                super::YearFrom::Phrase => "phrase".into(),
                super::YearFrom::Context(y) => format!("context:{y}"),
            };
        }
        Found::Size(r) => {
            rest[10] = r.min.to_string();
            rest[11] = r.max.map(|m| m.to_string()).unwrap_or_default();
        }
    }
    cells.extend(rest.into_iter().map(|c| clean(&c)));
    cells.push(clean(source));
    cells.join("\t")
}

/// The header and a row per suggestion.
pub fn write(out: &mut String, all: &[Suggestion], source: &str, header: bool) {
    if header {
        out.push_str(&HEADER.join("\t"));
        out.push('\n');
    }
    for s in all {
        out.push_str(&row(s, source));
        out.push('\n');
    }
}
