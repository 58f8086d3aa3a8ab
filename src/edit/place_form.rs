//! A place as the editor makes or moves it: a row of `places.tsv`. A place
//! put on the map by hand says so in its provenance, with the zoom it was
//! placed at and a tolerance that grows as the zoom shrinks (ten pixels of
//! the map then).
use crate::io::load::PLACE_COLUMNS;
use crate::model::Dataset;
use crate::model::geo::LonLat;
use crate::model::place::{CoordSource, PlaceKind};

use super::event_form::FieldProblem;

/// The pixels a hand-placed point may be off by.
const HAND_PIXELS: f64 = 10.0;

/// Kilometres covered by [`HAND_PIXELS`] of the map at `zoom` and `lat`
/// (walkers' 256-pixel tiles), to two significant digits.
pub fn tolerance_km(zoom: f64, lat: f64) -> f64 {
    let km_per_px = 40_075.016_686 * lat.to_radians().cos() / (256.0 * 2f64.powf(zoom));
    let km = (km_per_px * HAND_PIXELS).max(0.01);
    // Two significant digits, divided (not multiplied) back so that 4.8
    // is 4.8 and not 4.800000000000001.
    let digits = 1 - km.log10().floor() as i32;
    let p = 10f64.powi(digits.abs());
    if digits >= 0 {
        (km * p).round() / p
    } else {
        (km / p).round() * p
    }
}

/// The 1937 province whose box holds the point (the smallest such box),
/// else the nearest.
pub fn province_at(ds: &Dataset, lon: f64, lat: f64) -> Option<String> {
    let p = LonLat::new(lon, lat);
    ds.provinces
        .iter()
        .min_by(|a, b| {
            let key = |x: &crate::model::Province| {
                (
                    x.distance_km(p),
                    (x.max_lon - x.min_lon) * (x.max_lat - x.min_lat),
                )
            };
            key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|x| x.id.clone())
}

/// A place's cells as the editor shows them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlaceForm {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub kind: String,
    pub province: String,
    pub lon: String,
    pub lat: String,
    pub radius_km: String,
    pub tolerance_km: String,
    pub coord_source: String,
    /// Names the place had, with when: `北平|Beiping|1928-06-20/1949-09-27`,
    /// several separated by `;` (as `places.tsv` writes them).
    pub historical_names: String,
    pub note: String,
}

fn coord(x: f64) -> String {
    format!("{x:.4}")
}

impl PlaceForm {
    /// A new place where the user clicked, at `zoom`.
    pub fn placed_by_hand(ds: &Dataset, lon: f64, lat: f64, zoom: f64) -> PlaceForm {
        let taken = |id: &str| ds.place(id).is_some();
        PlaceForm {
            id: (1..)
                .map(|n| format!("place_{n}"))
                .find(|id| !taken(id))
                .unwrap_or_default(),
            kind: PlaceKind::Town.key().to_string(),
            province: province_at(ds, lon, lat).unwrap_or_default(),
            lon: coord(lon),
            lat: coord(lat),
            tolerance_km: tolerance_km(zoom, lat).to_string(),
            coord_source: format!("editorial:placed by hand at zoom {zoom:.1}"),
            ..PlaceForm::default()
        }
    }

    /// A place of the bundled gazetteer as a new row of the dataset: its
    /// GeoNames point and names, its 1937 province when the dataset knows
    /// it, the historical names the gazetteer carries, and an id made from
    /// its name that the dataset does not use yet.
    pub fn from_gazetteer(ds: &Dataset, g: &crate::gazetteer::GazPlace<'_>) -> PlaceForm {
        let base: String = crate::gazetteer::fold_latin(g.name_en);
        let base = if base.is_empty() {
            format!("gn{}", g.geonameid)
        } else {
            base
        };
        let id = std::iter::once(base.clone())
            .chain((2..).map(|n| format!("{base}_{n}")))
            .find(|id| ds.place(id).is_none())
            .unwrap_or_default();
        let kind = match g.kind {
            "city" => PlaceKind::City,
            "county" => PlaceKind::County,
            _ => PlaceKind::Town,
        };
        let known_province = ds.provinces.is_empty() || ds.province(g.province_1937).is_some();
        PlaceForm {
            id,
            name_zh: g.name_zh.to_string(),
            name_en: g.name_en.to_string(),
            kind: kind.key().to_string(),
            province: if known_province {
                g.province_1937.to_string()
            } else {
                String::new()
            },
            lon: coord(g.lon),
            lat: coord(g.lat),
            radius_km: String::new(),
            // A modern city's point may lie some way from the 1937 town.
            tolerance_km: if kind == PlaceKind::City { "8" } else { "3" }.to_string(),
            coord_source: g.coord_source(),
            historical_names: g.historical_names.to_string(),
            note: format!("GeoNames: {} ({}), {}", g.name_en, g.name_zh, g.kind),
        }
    }

    /// A row of `places.tsv` in the form, to be changed (cells past the
    /// last are empty).
    pub fn from_line(line: &str) -> PlaceForm {
        let mut cells = line.split('\t').map(str::to_string);
        let mut next = || cells.next().unwrap_or_default();
        PlaceForm {
            id: next(),
            name_zh: next(),
            name_en: next(),
            kind: next(),
            province: next(),
            lon: next(),
            lat: next(),
            radius_km: next(),
            tolerance_km: next(),
            coord_source: next(),
            historical_names: next(),
            note: next(),
        }
    }

    /// The row, in `places.tsv`'s column order.
    pub fn to_line(&self) -> String {
        let cells = [
            &self.id,
            &self.name_zh,
            &self.name_en,
            &self.kind,
            &self.province,
            &self.lon,
            &self.lat,
            &self.radius_km,
            &self.tolerance_km,
            &self.coord_source,
            &self.historical_names,
            &self.note,
        ];
        debug_assert_eq!(cells.len(), PLACE_COLUMNS.len());
        // A tab or line end in a cell would break the row.
        cells
            .map(|c| c.replace(['\t', '\n', '\r'], " ").trim().to_string())
            .join("\t")
    }

    /// What is wrong with the cells.
    pub fn problems(&self, ds: &Dataset, is_new: bool) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        let mut bad = |field: &'static str, zh: String, en: String| out.push(FieldProblem { field, zh, en });
        if self.id.is_empty()
            || !self
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        {
            bad(
                "id",
                "编号只用英文字母、数字、_ - .".into(),
                "ids use ASCII letters, digits, '_', '-' and '.' only".into(),
            );
        } else if is_new && ds.place(&self.id).is_some() {
            bad(
                "id",
                format!("已有地点编号 “{}”", self.id),
                format!("a place '{}' exists already", self.id),
            );
        }
        if self.name_zh.trim().is_empty() || self.name_en.trim().is_empty() {
            bad(
                "name",
                "需要中英文地名".into(),
                "a Chinese and an English name are needed".into(),
            );
        }
        let kind = PlaceKind::from_key(&self.kind);
        if kind.is_none() {
            bad(
                "kind",
                format!("未知地点类别 “{}”", self.kind),
                format!("unknown place kind '{}'", self.kind),
            );
        }
        let num = |s: &str, lo: f64, hi: f64| s.trim().parse::<f64>().ok().filter(|x| (lo..=hi).contains(x));
        if num(&self.lon, -180.0, 180.0).is_none() || num(&self.lat, -90.0, 90.0).is_none() {
            bad(
                "lon",
                "经纬度不在范围内".into(),
                "longitude -180..180 and latitude -90..90".into(),
            );
        }
        if kind.is_some_and(PlaceKind::is_area) && num(&self.radius_km, 0.0, 5000.0).is_none() {
            bad(
                "radius_km",
                "区域需要半径（公里）".into(),
                "an area needs radius_km".into(),
            );
        }
        if !self.province.is_empty() && ds.province(&self.province).is_none() && !ds.provinces.is_empty() {
            bad(
                "province",
                format!("未知省份 “{}”", self.province),
                format!("unknown province '{}'", self.province),
            );
        }
        if let Err(e) = CoordSource::parse(&self.coord_source) {
            bad("coord_source", format!("坐标来源：{e}"), e);
        }
        for part in self
            .historical_names
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let bits: Vec<&str> = part.split('|').map(str::trim).collect();
            let ok = matches!(bits.as_slice(), [zh, en, when] if !zh.is_empty() && !en.is_empty() && when.parse::<crate::model::HistDate>().is_ok());
            if !ok {
                bad(
                    "historical_names",
                    format!("“{part}” 应写作 中文|English|日期，如 北平|Beiping|1928-06-20/1949-09-27"),
                    format!("'{part}' should be 中文|English|date, e.g. 北平|Beiping|1928-06-20/1949-09-27"),
                );
            }
        }
        out
    }
}

/// A row moved to `lon`, `lat` by hand at `zoom`: its tolerance that of
/// the zoom, its provenance saying so and where the point came from.
pub fn moved_line(line: &str, lon: f64, lat: f64, zoom: f64) -> String {
    let mut cells: Vec<String> = line.split('\t').map(str::to_string).collect();
    cells.resize(PLACE_COLUMNS.len().max(cells.len()), String::new());
    let was = cells[9].clone();
    cells[5] = coord(lon);
    cells[6] = coord(lat);
    cells[8] = tolerance_km(zoom, lat).to_string();
    cells[9] = if was.is_empty() {
        format!("editorial:moved by hand at zoom {zoom:.1}")
    } else {
        format!("editorial:moved by hand at zoom {zoom:.1} from {was}")
    };
    cells.join("\t")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tolerance_grows_as_the_zoom_shrinks() {
        let close = tolerance_km(12.0, 38.0);
        let far = tolerance_km(6.0, 38.0);
        assert!(close < 0.5 && far > 10.0, "{close} {far}");
        assert!((far / close - 64.0).abs() < 8.0, "one zoom step doubles it");
        // Written as a person would write it.
        assert_eq!(tolerance_km(8.0, 37.8).to_string(), "4.8");
    }

    #[test]
    fn a_place_put_on_the_map_by_hand_says_so_and_finds_its_province() {
        let ds = crate::io::load_bundled().dataset;
        let mut f = PlaceForm::placed_by_hand(&ds, 112.56, 37.87, 9.0);
        assert_eq!(f.province, "shanxi");
        assert_eq!(f.coord_source, "editorial:placed by hand at zoom 9.0");
        assert!(f.problems(&ds, true).iter().any(|p| p.field == "name"));
        f.name_zh = "新地点".into();
        f.name_en = "New place".into();
        assert!(f.problems(&ds, true).is_empty(), "{:?}", f.problems(&ds, true));
        assert_eq!(f.to_line().split('\t').count(), PLACE_COLUMNS.len());
        f.historical_names = "旧名|Old name|1900/1949; 坏的|Bad".into();
        let p = f.problems(&ds, true);
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].en.contains("'坏的|Bad' should be"), "{p:?}");
        f.historical_names = "旧名|Old name|1900/1949".into();
        assert!(f.problems(&ds, true).is_empty());
        assert!(f.to_line().contains("\t旧名|Old name|1900/1949\t"));
    }

    #[test]
    fn a_place_row_comes_back_as_it_was_unless_changed() {
        let line = "beijing\t北京\tBeijing\tcity\thebei\t116.3972\t39.9075\t\t8\tgeonames:1816670\t北平|Beiping|1928-06-20/1949-09-27\tnote";
        let mut f = PlaceForm::from_line(line);
        assert_eq!(f.to_line(), line);
        f.historical_names.push_str("; 燕京|Yanjing|0938/1122");
        assert!(
            f.to_line()
                .ends_with("\t北平|Beiping|1928-06-20/1949-09-27; 燕京|Yanjing|0938/1122\tnote")
        );
        // A short row (trailing empty cells left out) gets its columns.
        let f = PlaceForm::from_line("x\t甲\tJia\ttown\t\t110\t30");
        assert_eq!(f.to_line().split('\t').count(), PLACE_COLUMNS.len());
        assert_eq!(f.lat, "30");
    }

    #[test]
    fn a_moved_place_keeps_where_its_point_came_from() {
        let line = "beijing\t北京\tBeijing\tcity\thebei\t116.3972\t39.9075\t\t8\tgeonames:1816670\t北平|Beiping|1928-06-20/1949-09-27\tnote";
        let moved = moved_line(line, 116.4, 39.9, 10.0);
        let cells: Vec<&str> = moved.split('\t').collect();
        assert_eq!((cells[5], cells[6]), ("116.4000", "39.9000"));
        assert_eq!(
            cells[9],
            "editorial:moved by hand at zoom 10.0 from geonames:1816670"
        );
        assert_eq!(
            cells[10], "北平|Beiping|1928-06-20/1949-09-27",
            "the rest as it was"
        );
        assert!(CoordSource::parse(cells[9]).is_ok());
    }
}
