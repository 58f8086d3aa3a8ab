//! Armed units and the other actors of the text, with strength over time.
use super::date::HistDate;
use super::size::SizeRange;
use super::{Lang, Origin, pick};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// An armed unit made up of workers: the subject of the text.
    WorkersArmed,
    Army,
    Enemy,
    Union,
    Party,
    Government,
    Organisation,
}

impl UnitKind {
    pub const ALL: [UnitKind; 7] = [
        Self::WorkersArmed,
        Self::Army,
        Self::Enemy,
        Self::Union,
        Self::Party,
        Self::Government,
        Self::Organisation,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::WorkersArmed => "workers_armed",
            Self::Army => "army",
            Self::Enemy => "enemy",
            Self::Union => "union",
            Self::Party => "party",
            Self::Government => "government",
            Self::Organisation => "organisation",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// A strength the text gives for a unit at a date.
#[derive(Debug, Clone, PartialEq)]
pub struct StrengthEntry {
    pub when: HistDate,
    pub size: SizeRange,
    pub quote: String,
    pub note: String,
}

/// A later name of a unit (海员游击大队 → 东江纵队).
#[derive(Debug, Clone, PartialEq)]
pub struct LaterName {
    pub zh: String,
    pub en: String,
    /// None where the text gives no date.
    pub when: Option<HistDate>,
    pub quote: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub id: String,
    pub kind: UnitKind,
    pub name_zh: String,
    pub name_en: String,
    pub aliases_zh: Vec<String>,
    pub later_names: Vec<LaterName>,
    /// The unit this one grew out of / into.
    pub predecessor: Option<String>,
    pub successor: Option<String>,
    pub strength: Vec<StrengthEntry>,
    pub note: String,
    pub origin: Origin,
}

impl Unit {
    pub fn name(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        pick(lang, &self.name_zh, &self.name_en)
    }
}
