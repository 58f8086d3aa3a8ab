//! Events: what happened, when (uncertainly), where, to whom, and the words
//! of the source it rests on.
use super::date::HistDate;
use super::size::SizeRange;
use super::{Lang, Origin, pick};

/// What sort of thing happened (drives symbol, colour and filters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    Occupation,
    Advance,
    Battle,
    Sabotage,
    Destruction,
    Evacuation,
    UnionFounded,
    UnitFormed,
    UnitMoved,
    Recruitment,
    Organising,
    Growth,
    GovernmentFounded,
    BaseArea,
    Statistic,
    Policy,
    /// A row of a user's point file with no kind given.
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 17] = [
        Self::Occupation,
        Self::Advance,
        Self::Battle,
        Self::Sabotage,
        Self::Destruction,
        Self::Evacuation,
        Self::UnionFounded,
        Self::UnitFormed,
        Self::UnitMoved,
        Self::Recruitment,
        Self::Organising,
        Self::Growth,
        Self::GovernmentFounded,
        Self::BaseArea,
        Self::Statistic,
        Self::Policy,
        Self::Other,
    ];

    /// The identifier used in data files.
    pub fn key(self) -> &'static str {
        match self {
            Self::Occupation => "occupation",
            Self::Advance => "advance",
            Self::Battle => "battle",
            Self::Sabotage => "sabotage",
            Self::Destruction => "destruction",
            Self::Evacuation => "evacuation",
            Self::UnionFounded => "union_founded",
            Self::UnitFormed => "unit_formed",
            Self::UnitMoved => "unit_moved",
            Self::Recruitment => "recruitment",
            Self::Organising => "organising",
            Self::Growth => "growth",
            Self::GovernmentFounded => "government_founded",
            Self::BaseArea => "base_area",
            Self::Statistic => "statistic",
            Self::Policy => "policy",
            Self::Other => "other",
        }
    }

    /// Inlined: the point reader calls it for every row's kind cell.
    #[inline]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Self::Occupation => "沦陷",
            Self::Advance => "日军进逼",
            Self::Battle => "战斗",
            Self::Sabotage => "破袭",
            Self::Destruction => "破坏",
            Self::Evacuation => "转移物资",
            Self::UnionFounded => "工会成立",
            Self::UnitFormed => "武装成立",
            Self::UnitMoved => "部队转移",
            Self::Recruitment => "参军",
            Self::Organising => "组织发动",
            Self::Growth => "发展壮大",
            Self::GovernmentFounded => "政权建立",
            Self::BaseArea => "根据地",
            Self::Statistic => "统计",
            Self::Policy => "方针",
            Self::Other => "其他",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Self::Occupation => "Occupation",
            Self::Advance => "Japanese advance",
            Self::Battle => "Fighting",
            Self::Sabotage => "Sabotage",
            Self::Destruction => "Destruction",
            Self::Evacuation => "Evacuation",
            Self::UnionFounded => "Union founded",
            Self::UnitFormed => "Unit formed",
            Self::UnitMoved => "Unit moved",
            Self::Recruitment => "Recruitment",
            Self::Organising => "Organising",
            Self::Growth => "Growth",
            Self::GovernmentFounded => "Government founded",
            Self::BaseArea => "Base area",
            Self::Statistic => "Statistic",
            Self::Policy => "Policy",
            Self::Other => "Other",
        }
    }

    pub fn name(self, lang: Lang) -> std::borrow::Cow<'static, str> {
        pick(lang, self.name_zh(), self.name_en())
    }
}

/// Where an event's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBasis {
    /// The text dates this event.
    Text,
    /// Read from the text around it (the note says how).
    Context,
    /// From outside the text: the event's `refs` say where.
    External,
}

impl DateBasis {
    pub fn key(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Context => "context",
            Self::External => "external",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        [Self::Text, Self::Context, Self::External]
            .into_iter()
            .find(|b| b.key() == key)
    }
}

/// What an editorial reading is about: the part of an event that the text
/// does not state and the dataset reads from the context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReadingOf {
    Date,
    Places,
    Stretch,
    Route,
    Units,
    Size,
    Title,
}

impl ReadingOf {
    pub const ALL: [ReadingOf; 7] = [
        Self::Date,
        Self::Places,
        Self::Stretch,
        Self::Route,
        Self::Units,
        Self::Size,
        Self::Title,
    ];

    /// The identifier used in data files.
    pub fn key(self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Places => "places",
            Self::Stretch => "stretch",
            Self::Route => "route",
            Self::Units => "units",
            Self::Size => "size",
            Self::Title => "title",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn name(self, lang: Lang) -> std::borrow::Cow<'static, str> {
        let (zh, en) = match self {
            Self::Date => ("日期", "Date"),
            Self::Places => ("地点", "Places"),
            Self::Stretch => ("路段", "Stretch"),
            Self::Route => ("路线", "Route"),
            Self::Units => ("部队", "Units"),
            Self::Size => ("人数", "Size"),
            Self::Title => ("标题", "Title"),
        };
        pick(lang, zh, en)
    }
}

/// One editorial reading: what the dataset says beyond the text, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub of: ReadingOf,
    /// The basis of the reading, in Chinese.
    pub zh: String,
    /// The same in English.
    pub en: String,
}

impl Reading {
    pub fn text(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        pick(lang, &self.zh, &self.en)
    }
}

/// A stretch of a railway or road between two of its stations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub line: String,
    pub from: String,
    pub to: String,
}

/// A movement: from a place, through some, to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub from: String,
    pub via: Vec<String>,
    pub to: String,
}

impl Route {
    /// Every place of the route in travel order.
    pub fn stops(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.from.as_str())
            .chain(self.via.iter().map(String::as_str))
            .chain(std::iter::once(self.to.as_str()))
    }
}

/// A number the text gives that is not a head count (30 derailments).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// As the text writes it (`30次`).
    pub value: String,
    pub zh: String,
    pub en: String,
}

/// One event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    pub when: HistDate,
    pub when_basis: DateBasis,
    /// References for facts from outside the text.
    pub refs: Vec<String>,
    pub title_zh: String,
    pub title_en: String,
    /// Place ids.
    pub places: Vec<String>,
    pub segments: Vec<Segment>,
    pub routes: Vec<Route>,
    /// Line ids the event concerns as a whole.
    pub lines: Vec<String>,
    /// Unit ids.
    pub units: Vec<String>,
    /// The number of people involved, where the text gives it.
    pub size: Option<SizeRange>,
    pub figures: Vec<Figure>,
    pub summary_zh: String,
    pub summary_en: String,
    /// The verbatim phrase of the source text this event rests on.
    pub quote: String,
    /// Other phrases of the source that tell of the same fact.
    pub also_quotes: Vec<String>,
    pub note: String,
    /// What the dataset reads beyond the text (date, stretch, ...), with its
    /// basis in both languages: shown as "our reading" in the details.
    pub readings: Vec<Reading>,
    pub origin: Origin,
}

impl Event {
    pub fn title(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        pick(lang, &self.title_zh, &self.title_en)
    }

    pub fn summary(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        pick(lang, &self.summary_zh, &self.summary_en)
    }

    /// The reading of `of`, if the dataset gives one.
    pub fn reading(&self, of: ReadingOf) -> Option<&Reading> {
        self.readings.iter().find(|r| r.of == of)
    }

    /// Every place id the event touches, in order, each once: its places,
    /// then segment ends, then route stops.
    pub fn place_ids(&self) -> Vec<&str> {
        let segment_ends = self
            .segments
            .iter()
            .flat_map(|s| [s.from.as_str(), s.to.as_str()]);
        let route_stops = self.routes.iter().flat_map(Route::stops);
        let mut out: Vec<&str> = Vec::new();
        for id in self
            .places
            .iter()
            .map(String::as_str)
            .chain(segment_ends)
            .chain(route_stops)
        {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }
}
