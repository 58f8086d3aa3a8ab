//! `units.json`: units and actors, with their strength at dates and the
//! names they later went by.
use serde::Deserialize;

use super::json::{At, StrOrNum, parse_date, parse_size, read_json};
use crate::io::json_records::Container;
use crate::io::problem::Problem;
use crate::model::unit::{LaterName, StrengthEntry, Unit, UnitKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStrength {
    when: String,
    size: StrOrNum,
    quote: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLaterName {
    zh: String,
    en: String,
    #[serde(default)]
    when: String,
    quote: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    id: String,
    kind: String,
    name_zh: String,
    name_en: String,
    #[serde(default)]
    aliases_zh: Vec<String>,
    #[serde(default)]
    later_names: Vec<RawLaterName>,
    #[serde(default)]
    predecessor: Option<String>,
    #[serde(default)]
    successor: Option<String>,
    #[serde(default)]
    strength: Vec<RawStrength>,
    #[serde(default)]
    note: String,
}

pub(super) fn read_units(file: &str, text: &str, problems: &mut Vec<Problem>) -> Vec<Unit> {
    read_json(
        file,
        text,
        Container::Array,
        problems,
        |r: RawUnit, origin, problems| {
            let at = At {
                file,
                text,
                origin: &origin,
                record: format!("unit '{}'", r.id),
            };
            let before = problems.len();
            let kind = UnitKind::from_key(&r.kind);
            if kind.is_none() {
                problems.push(at.err(
                    &r.kind,
                    format!(
                    "unknown kind '{}'; use one of {}",
                    r.kind,
                    UnitKind::ALL.iter().map(|k| k.key()).collect::<Vec<_>>().join(", ")
                ),
                ));
            }
            let mut strength = Vec::new();
            for s in r.strength {
                let when = parse_date(&at, "when", &s.when, problems);
                let size = parse_size(&at, &s.size.text(), problems);
                if let (Some(when), Some(size)) = (when, size) {
                    strength.push(StrengthEntry {
                        when,
                        size,
                        quote: s.quote,
                        note: s.note,
                    });
                }
            }
            let mut later_names = Vec::new();
            for n in r.later_names {
                let when = if n.when.trim().is_empty() {
                    None
                } else {
                    parse_date(&at, "when", &n.when, problems)
                };
                later_names.push(LaterName {
                    zh: n.zh,
                    en: n.en,
                    when,
                    quote: n.quote,
                    note: n.note,
                });
            }
            if problems.len() > before {
                return None;
            }
            Some(Unit {
                id: r.id,
                kind: kind?,
                name_zh: r.name_zh,
                name_en: r.name_en,
                aliases_zh: r.aliases_zh,
                later_names,
                predecessor: r.predecessor,
                successor: r.successor,
                strength,
                note: r.note,
                origin,
            })
        },
    )
}
