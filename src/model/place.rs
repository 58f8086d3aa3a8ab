//! Gazetteer entries: where things are, under which names, and how we know.
use super::date::{Day, HistDate};
use super::{Lang, Origin};

/// What sort of place a gazetteer entry is (drives symbols and label priority).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    City,
    County,
    Town,
    Mine,
    Factory,
    Station,
    Pass,
    Mountain,
    Region,
    River,
    Port,
    BaseArea,
    Bridge,
    /// A point from a user's file (CSV/GeoJSON), not a gazetteer entry.
    Point,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 14] = [
        Self::City,
        Self::County,
        Self::Town,
        Self::Mine,
        Self::Factory,
        Self::Station,
        Self::Pass,
        Self::Mountain,
        Self::Region,
        Self::River,
        Self::Port,
        Self::BaseArea,
        Self::Bridge,
        Self::Point,
    ];

    /// The identifier used in data files.
    pub fn key(self) -> &'static str {
        match self {
            Self::City => "city",
            Self::County => "county",
            Self::Town => "town",
            Self::Mine => "mine",
            Self::Factory => "factory",
            Self::Station => "station",
            Self::Pass => "pass",
            Self::Mountain => "mountain",
            Self::Region => "region",
            Self::River => "river",
            Self::Port => "port",
            Self::BaseArea => "base_area",
            Self::Bridge => "bridge",
            Self::Point => "point",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Areas are drawn as soft discs of `radius_km`, not as points.
    pub fn is_area(self) -> bool {
        matches!(self, Self::Region | Self::Mountain | Self::River | Self::BaseArea)
    }
}

/// A name a place held for a while (北平 Beiping, 1928-1949).
#[derive(Debug, Clone, PartialEq)]
pub struct HistoricalName {
    pub zh: String,
    pub en: String,
    pub when: HistDate,
}

/// How a coordinate was obtained: every coordinate says where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoordSource {
    /// A GeoNames feature (CC-BY 4.0), by its geonameid.
    GeoNames(u64),
    /// A named reference (page or book) giving the coordinate.
    Reference(String),
    /// Deliberately placed on another place (a factory on its town).
    Derived(String),
    /// A representative point chosen by the editors for an area.
    Editorial(String),
    /// Given in a user's data file.
    UserFile(String),
}

impl CoordSource {
    /// Parses the `coord_source` cell: `geonames:<id>`, `ref:`, `derived:`, `editorial:`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let (prefix, rest) = s.split_once(':').ok_or_else(|| {
            format!("coord_source '{s}' needs a prefix: geonames:, ref:, derived: or editorial:")
        })?;
        let rest = rest.trim();
        if rest.is_empty() {
            return Err(format!("coord_source '{s}' says nothing after '{prefix}:'"));
        }
        match prefix {
            "geonames" => rest
                .parse::<u64>()
                .map(Self::GeoNames)
                .map_err(|_| format!("GeoNames id '{rest}' is not a number")),
            "ref" => Ok(Self::Reference(rest.to_string())),
            "derived" => Ok(Self::Derived(rest.to_string())),
            "editorial" => Ok(Self::Editorial(rest.to_string())),
            other => Err(format!(
                "unknown coord_source prefix '{other}:' (use geonames:, ref:, derived: or editorial:)"
            )),
        }
    }

    /// A one-line description for the details panel.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::GeoNames(id), Lang::Zh) => format!("GeoNames {id}（CC-BY 4.0）"),
            (Self::GeoNames(id), _) => format!("GeoNames {id} (CC-BY 4.0)"),
            (Self::Reference(r), Lang::Zh) => format!("参考：{r}"),
            (Self::Reference(r), _) => format!("Reference: {r}"),
            (Self::Derived(r), Lang::Zh) => format!("取自：{r}"),
            (Self::Derived(r), _) => format!("Placed on: {r}"),
            (Self::Editorial(r), Lang::Zh) => format!("编者选定：{r}"),
            (Self::Editorial(r), _) => format!("Chosen by the editors: {r}"),
            (Self::UserFile(r), _) => r.clone(),
        }
    }
}

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub kind: PlaceKind,
    /// Province(s) as of 1937, by id in `provinces_1937.tsv`.
    pub provinces_1937: Vec<String>,
    pub lon: f64,
    pub lat: f64,
    /// For areas: the radius around the representative point.
    pub radius_km: Option<f64>,
    /// How far the 1937 place may lie from the point.
    pub tolerance_km: f64,
    pub coord_source: CoordSource,
    pub historical_names: Vec<HistoricalName>,
    pub note: String,
    pub origin: Origin,
}

impl Place {
    pub fn at(&self) -> super::geo::LonLat {
        super::geo::LonLat::new(self.lon, self.lat)
    }

    /// The names valid on `day` (北平 in 1937, 北京 today): the historical
    /// name whose period may include the day, else the current name.
    pub fn names_at(&self, day: Day) -> (&str, &str) {
        self.historical_names
            .iter()
            .find(|h| h.when.earliest() <= day && day <= h.when.latest())
            .map(|h| (h.zh.as_str(), h.en.as_str()))
            .unwrap_or((self.name_zh.as_str(), self.name_en.as_str()))
    }

    /// The name valid on `day` in the given language.
    pub fn name_at(&self, day: Day, lang: Lang) -> String {
        let (zh, en) = self.names_at(day);
        super::pick(lang, zh, en).into_owned()
    }
}

/// A 1937 province (or colony, or special municipality) with rough bounds,
/// used to catch coordinates that landed in the wrong place.
#[derive(Debug, Clone, PartialEq)]
pub struct Province {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
    pub note: String,
}

impl Province {
    pub fn distance_km(&self, p: super::geo::LonLat) -> f64 {
        use super::geo::LonLat;
        super::geo::distance_to_box_km(
            p,
            LonLat::new(self.min_lon, self.min_lat),
            LonLat::new(self.max_lon, self.max_lat),
        )
    }
}
