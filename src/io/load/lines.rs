//! `lines.json`: railways and roads, each through its ordered stations,
//! with named sections.
use serde::Deserialize;

use super::json::{At, read_json};
use crate::io::json_records::Container;
use crate::io::problem::Problem;
use crate::model::line::{Line, LineKind, Section};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: String,
    name_zh: String,
    name_en: String,
    from: String,
    to: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    id: String,
    kind: String,
    name_zh: String,
    name_en: String,
    #[serde(default)]
    aliases_zh: Vec<String>,
    stations: Vec<String>,
    #[serde(default)]
    sections: Vec<RawSection>,
    #[serde(default)]
    length_km: Option<f64>,
    #[serde(default)]
    length_source: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    note: String,
}

pub(super) fn read_lines(file: &str, text: &str, problems: &mut Vec<Problem>) -> Vec<Line> {
    read_json(
        file,
        text,
        Container::Array,
        problems,
        |r: RawLine, origin, problems| {
            let at = At {
                file,
                text,
                origin: &origin,
                record: format!("line '{}'", r.id),
            };
            let Some(kind) = LineKind::from_key(&r.kind) else {
                problems.push(at.err(&r.kind, format!("unknown kind '{}'; use railway or road", r.kind)));
                return None;
            };
            Some(Line {
                id: r.id,
                kind,
                name_zh: r.name_zh,
                name_en: r.name_en,
                aliases_zh: r.aliases_zh,
                stations: r.stations,
                sections: r
                    .sections
                    .into_iter()
                    .map(|s| Section {
                        id: s.id,
                        name_zh: s.name_zh,
                        name_en: s.name_en,
                        from: s.from,
                        to: s.to,
                        note: s.note,
                    })
                    .collect(),
                length_km: r.length_km,
                length_source: r.length_source,
                source: r.source,
                note: r.note,
                origin,
            })
        },
    )
}
