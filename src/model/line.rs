//! Railways and roads of 1937 as polylines through gazetteer stations.
use super::{Lang, Origin, pick};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Railway,
    Road,
}

impl LineKind {
    pub fn key(self) -> &'static str {
        match self {
            Self::Railway => "railway",
            Self::Road => "road",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        [Self::Railway, Self::Road].into_iter().find(|k| k.key() == key)
    }
}

/// A named part of a line (平汉铁路北段), between two of its stations.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub from: String,
    pub to: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub id: String,
    pub kind: LineKind,
    pub name_zh: String,
    pub name_en: String,
    /// Other Chinese names (正太路), for search and for reading the text.
    pub aliases_zh: Vec<String>,
    /// Place ids in order along the line.
    pub stations: Vec<String>,
    pub sections: Vec<Section>,
    /// Length of the real line in km where a reference gives it.
    pub length_km: Option<f64>,
    /// Where `length_km` comes from.
    pub length_source: String,
    pub source: String,
    pub note: String,
    pub origin: Origin,
}

impl Line {
    pub fn name(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        pick(lang, &self.name_zh, &self.name_en)
    }

    /// The stations from `from` to `to` inclusive, in the order given
    /// (reversed when `to` comes first); None when either is not a station.
    pub fn stations_between(&self, from: &str, to: &str) -> Option<Vec<&str>> {
        let a = self.stations.iter().position(|s| s == from)?;
        let b = self.stations.iter().position(|s| s == to)?;
        let mut out: Vec<&str> = if a <= b {
            self.stations[a..=b].iter().map(String::as_str).collect()
        } else {
            self.stations[b..=a].iter().rev().map(String::as_str).collect()
        };
        out.shrink_to_fit();
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line() -> Line {
        Line {
            id: "l".into(),
            kind: LineKind::Railway,
            name_zh: "线".into(),
            name_en: "Line".into(),
            aliases_zh: vec![],
            stations: ["a", "b", "c", "d"].map(String::from).to_vec(),
            sections: vec![],
            length_km: None,
            length_source: String::new(),
            source: String::new(),
            note: String::new(),
            origin: Origin::default(),
        }
    }

    #[test]
    fn stations_between_keeps_order_both_ways() {
        let l = line();
        assert_eq!(l.stations_between("b", "d"), Some(vec!["b", "c", "d"]));
        assert_eq!(l.stations_between("d", "b"), Some(vec!["d", "c", "b"]));
        assert_eq!(l.stations_between("a", "x"), None);
    }
}
