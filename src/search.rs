//! Finding places, units and events by Chinese, pinyin (with or without
//! tones) or English. No egui: the search box shows what this returns.
use pinyin::ToPinyin;

use crate::model::Dataset;

/// What a search result points at (index into the dataset's vectors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    Place(usize),
    Unit(usize),
    Event(usize),
}

/// One searchable entry: the keys it is found by, normalised.
#[derive(Debug, Clone)]
struct Entry {
    target: Target,
    keys: Vec<String>,
}

/// The search index of a dataset.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// The last query's hits among point rows: a million rows are scanned
    /// once per query, not once per frame.
    rows: Option<(String, Vec<Target>)>,
}

/// Lower case, tone marks removed (ā → a, ü → u), spaces, apostrophes and
/// hyphens dropped: "Tài'érzhuāng" and "taierzhuang" compare equal.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let base = match c {
            'ā' | 'á' | 'ǎ' | 'à' => 'a',
            'ē' | 'é' | 'ě' | 'è' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' | 'ü' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'u',
            'ń' | 'ň' | 'ǹ' => 'n',
            ' ' | '\'' | '’' | '-' | '–' | '·' | '(' | ')' | '（' | '）' | ',' | '，' | '\n' => {
                continue;
            }
            c => c,
        };
        out.push(base);
    }
    out
}

/// Toneless pinyin of the Chinese characters of `s`, joined (太原 → taiyuan);
/// other characters are kept as they are.
pub fn pinyin_of(s: &str) -> String {
    let mut out = String::new();
    for (c, py) in s.chars().zip(s.to_pinyin()) {
        match py {
            // Plain pinyin writes ü as v (lv): search types it as u.
            Some(p) => out.push_str(&p.plain().replace(['v', 'ü'], "u")),
            None => out.extend(c.to_lowercase()),
        }
    }
    normalise(&out)
}

fn keys_of(names: &[&str]) -> Vec<String> {
    let mut keys = Vec::new();
    for n in names.iter().filter(|n| !n.is_empty()) {
        for k in [normalise(n), pinyin_of(n)] {
            if !k.is_empty() && !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    keys
}

impl SearchIndex {
    pub fn new(ds: &Dataset) -> Self {
        let mut entries = Vec::new();
        for (i, p) in ds.places.iter().enumerate() {
            let mut names = vec![p.name_zh.as_str(), p.name_en.as_str()];
            names.extend(
                p.historical_names
                    .iter()
                    .flat_map(|h| [h.zh.as_str(), h.en.as_str()]),
            );
            entries.push(Entry {
                target: Target::Place(i),
                keys: keys_of(&names),
            });
        }
        for (i, u) in ds.units.iter().enumerate() {
            let mut names = vec![u.name_zh.as_str(), u.name_en.as_str()];
            names.extend(u.aliases_zh.iter().map(String::as_str));
            names.extend(u.later_names.iter().flat_map(|n| [n.zh.as_str(), n.en.as_str()]));
            entries.push(Entry {
                target: Target::Unit(i),
                keys: keys_of(&names),
            });
        }
        for (i, e) in ds.events.iter().enumerate() {
            entries.push(Entry {
                target: Target::Event(i),
                keys: keys_of(&[&e.title_zh, &e.title_en, &e.quote]),
            });
        }
        SearchIndex { entries, rows: None }
    }

    /// [`SearchIndex::find`], then rows of a point table whose id or title
    /// holds the query (their events follow the dataset's full events).
    pub fn find_with_rows(&mut self, ds: &Dataset, query: &str, limit: usize) -> Vec<Target> {
        let mut hits = self.find(query, limit);
        if hits.len() < limit && !ds.points.is_empty() {
            let q = query.trim();
            let rows = match &self.rows {
                Some((last, rows)) if last == q => rows.clone(),
                _ => {
                    let rows: Vec<Target> = (ds.points.search(q, limit).into_iter())
                        .map(|n| Target::Event(ds.row_event(n)))
                        .collect();
                    self.rows = Some((q.to_string(), rows.clone()));
                    rows
                }
            };
            hits.extend(rows.into_iter().take(limit - hits.len()));
        }
        hits
    }

    /// The best matches for `query`, at most `limit`: whole-name matches
    /// first, then names starting with it, then names containing it;
    /// places before units before events within each.
    pub fn find(&self, query: &str, limit: usize) -> Vec<Target> {
        let q = normalise(query.trim());
        if q.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(u8, u8, usize, Target)> = Vec::new();
        for (n, e) in self.entries.iter().enumerate() {
            let rank = e
                .keys
                .iter()
                .filter_map(|k| {
                    if *k == q {
                        Some(0)
                    } else if k.starts_with(&q) {
                        Some(1)
                    } else if k.contains(&q) {
                        Some(2)
                    } else {
                        None
                    }
                })
                .min();
            if let Some(rank) = rank {
                let kind = match e.target {
                    Target::Place(_) => 0,
                    Target::Unit(_) => 1,
                    Target::Event(_) => 2,
                };
                scored.push((rank, kind, n, e.target));
            }
        }
        scored.sort();
        scored.into_iter().take(limit).map(|s| s.3).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> (Dataset, SearchIndex) {
        let ds = crate::io::load_bundled().dataset;
        let idx = SearchIndex::new(&ds);
        (ds, idx)
    }

    fn first_place(ds: &Dataset, idx: &SearchIndex, q: &str) -> Option<String> {
        idx.find(q, 10).into_iter().find_map(|t| match t {
            Target::Place(i) => Some(ds.places[i].id.clone()),
            _ => None,
        })
    }

    #[test]
    fn finds_places_by_chinese_pinyin_with_and_without_tones_and_english() {
        let (ds, idx) = index();
        for q in ["太原", "taiyuan", "Tàiyuán", "TAIYUAN", "tai yuan"] {
            assert_eq!(first_place(&ds, &idx, q).as_deref(), Some("taiyuan"), "{q}");
        }
        assert_eq!(
            first_place(&ds, &idx, "北平").as_deref(),
            Some("beijing"),
            "historical name"
        );
        assert_eq!(first_place(&ds, &idx, "Beiping").as_deref(), Some("beijing"));
        assert_eq!(
            first_place(&ds, &idx, "Tai'erzhuang").as_deref(),
            Some("taierzhuang")
        );
        assert_eq!(first_place(&ds, &idx, "shimen").as_deref(), Some("shijiazhuang"));
    }

    #[test]
    fn finds_units_and_events() {
        let (ds, idx) = index();
        let hits = idx.find("工卫旅", 5);
        assert!(
            matches!(hits.first(), Some(Target::Unit(i)) if ds.units[*i].id == "gongwei_brigade"),
            "{hits:?}"
        );
        let hits = idx.find("gongweilu", 5);
        assert!(
            hits.iter()
                .any(|t| matches!(t, Target::Unit(i) if ds.units[*i].id == "gongwei_brigade")),
            "pinyin of a unit: {hits:?}"
        );
        let hits = idx.find("Zhangdian station", 5);
        assert!(
            hits.iter().any(
                |t| matches!(t, Target::Event(i) if ds.events[*i].id == "zhangdian_power_plant_blown_up")
            ),
            "{hits:?}"
        );
        assert!(idx.find("   ", 5).is_empty());
        assert!(idx.find("no such thing anywhere", 5).is_empty());
    }

    #[test]
    fn normalising_strips_tones_and_punctuation() {
        assert_eq!(normalise("Tài'érzhuāng"), "taierzhuang");
        assert_eq!(normalise("Lǚliáng"), "luliang");
        assert_eq!(pinyin_of("太原"), "taiyuan");
        assert_eq!(pinyin_of("吕梁"), "luliang", "ü written v or ü becomes u");
    }
}
