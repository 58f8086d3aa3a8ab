//! The gazetteer of all of China bundled with the app: every place of
//! GeoNames' cities500 in China, Hong Kong, Macau and Taiwan (16,470), with
//! Chinese names in both scripts, pinyin, Wade–Giles and other Latin names,
//! the 1937 province, and the historical names the bundled dataset knows.
//! Built by `tools/build_china_gazetteer.py` into `assets/gazetteer/`; read
//! here from the binary on first use (a few milliseconds), never from the
//! network. Names are indexed by their text (Chinese) or folded form
//! (Latin: lower case, no accents, apostrophes, hyphens or spaces).
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::io::Problem;

pub const CHINA_TSV: &str = include_str!("../../assets/gazetteer/china.tsv");
/// The 1937 provinces of the whole country (rough boxes), for new datasets.
pub const PROVINCES_TSV: &str = include_str!("../../assets/gazetteer/provinces_1937.tsv");
/// Common two-character words a short name must not cut in two.
const WORDS_ZH: &str = include_str!("../../assets/gazetteer/words_zh.txt");
/// Where the rows come from, said in the About view and in `docs/`.
pub const ATTRIBUTION: &str = "Contains data from GeoNames (geonames.org), CC-BY 4.0";

const COLUMNS: [&str; 13] = [
    "geonameid",
    "name_zh",
    "name_en",
    "kind",
    "province_1937",
    "lon",
    "lat",
    "population",
    "admin1",
    "names_zh",
    "common_zh",
    "names_latin",
    "historical_names",
];

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct GazPlace<'a> {
    pub geonameid: u32,
    pub name_zh: &'a str,
    pub name_en: &'a str,
    /// city, county, district, town, township, subdistrict, village, place.
    pub kind: &'a str,
    pub province_1937: &'a str,
    pub lon: f64,
    pub lat: f64,
    pub population: u64,
    /// Other Latin names (Wade–Giles, postal, spelling variants), `|`-separated.
    pub names_latin: &'a str,
    /// As `places.tsv` writes them: `北平|Beiping|1928-06-20/1949-09-27`.
    pub historical_names: &'a str,
    /// For a 1937 province (geonameid 0): half its box's narrower side.
    pub radius_km: f64,
}

impl GazPlace<'_> {
    /// How a place of this kind ranks when a name is ambiguous: seats
    /// before towns before villages.
    pub fn kind_rank(&self) -> u8 {
        match self.kind {
            "city" | "province" => 0,
            "county" => 1,
            "district" => 2,
            "town" => 3,
            "township" => 4,
            "subdistrict" => 5,
            "village" => 6,
            _ => 7,
        }
    }

    /// A 1937 province (from `provinces_1937.tsv`), not a GeoNames place.
    pub fn is_province(&self) -> bool {
        self.geonameid == 0
    }

    /// The id a dataset gives the place's coordinate source.
    pub fn coord_source(&self) -> String {
        if self.is_province() {
            format!(
                "editorial:centre of the rough box of the 1937 province {} (provinces_1937.tsv)",
                self.name_en
            )
        } else {
            format!("geonames:{}", self.geonameid)
        }
    }
}

/// A Chinese name's place and whether the name is also an ordinary word
/// (和平, 胜利: matched in running text only with a cue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZhHit {
    pub place: u32,
    pub common: bool,
}

/// The places and their names.
#[derive(Debug, Default)]
pub struct Gazetteer<'a> {
    /// GeoNames places by geonameid, then the 1937 provinces.
    places: Vec<GazPlace<'a>>,
    /// Where the provinces start in `places`.
    provinces_at: usize,
    words: std::collections::HashSet<(char, char), BuildHasherDefault<Fnv>>,
    zh: HashMap<&'a str, Vec<ZhHit>>,
    latin: HashMap<String, Vec<u32>>,
    longest_zh: usize,
}

/// A small fast hasher for the many short lookups of a scan (FNV-1a).
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A Latin name as it is matched: lower case, accents dropped, no
/// apostrophes, hyphens or spaces (T'ai-yüan, Tai Yuan, Taiyuan: taiyuan).
pub fn fold_latin(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let base = match c {
            'à'..='å' | 'À'..='Å' | 'ā' | 'ǎ' | 'Ā' => 'a',
            'è'..='ë' | 'È'..='Ë' | 'ē' | 'ě' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'ǐ' => 'i',
            'ò'..='ö' | 'Ò'..='Ö' | 'ō' | 'ǒ' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'u',
            'ñ' => 'n',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => continue,
        };
        out.push(base);
    }
    out
}

impl<'a> Gazetteer<'a> {
    /// The bundled gazetteer, read once.
    pub fn china() -> &'static Gazetteer<'static> {
        static CHINA: OnceLock<Gazetteer<'static>> = OnceLock::new();
        CHINA.get_or_init(|| {
            // The bundled file is checked by the tests; should it ever be
            // broken, the app goes on without suggestions of places.
            let mut g = Gazetteer::parse("assets/gazetteer/china.tsv", CHINA_TSV).unwrap_or_else(|p| {
                log::error!("{p}");
                Gazetteer::default()
            });
            g.add_provinces(PROVINCES_TSV);
            g.add_words(WORDS_ZH);
            g
        })
    }

    /// Reads the gazetteer's TSV (`#` lines are comments).
    pub fn parse(file: &str, text: &'a str) -> Result<Gazetteer<'a>, Problem> {
        let mut g = Gazetteer::default();
        let mut header_seen = false;
        for (n, line) in text.lines().enumerate() {
            let line_no = n as u32 + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&'a str> = line.split('\t').collect();
            if !header_seen {
                if cells != COLUMNS {
                    return Err(
                        Problem::error(file, format!("the header must be {}", COLUMNS.join(" ")))
                            .at(line_no, 1),
                    );
                }
                header_seen = true;
                continue;
            }
            if cells.len() != COLUMNS.len() {
                return Err(Problem::error(
                    file,
                    format!("{} cells where {} columns are", cells.len(), COLUMNS.len()),
                )
                .at(line_no, 1));
            }
            let num = |i: usize| -> Result<f64, Problem> {
                cells[i].parse::<f64>().map_err(|_| {
                    Problem::error(file, format!("{} '{}' is not a number", COLUMNS[i], cells[i]))
                        .at(line_no, 1)
                })
            };
            let index = g.places.len() as u32;
            let place = GazPlace {
                geonameid: num(0)? as u32,
                name_zh: cells[1],
                name_en: cells[2],
                kind: cells[3],
                province_1937: cells[4],
                lon: num(5)?,
                lat: num(6)?,
                population: num(7)? as u64,
                names_latin: cells[11],
                historical_names: cells[12],
                radius_km: 0.0,
            };
            let common: Vec<&str> = cells[10].split('|').filter(|s| !s.is_empty()).collect();
            let mut zh_names: Vec<&'a str> = cells[9].split('|').filter(|s| !s.is_empty()).collect();
            zh_names.push(cells[1]);
            let mut latin: Vec<&'a str> = cells[11].split('|').collect();
            latin.push(cells[2]);
            for h in cells[12].split(';').map(str::trim).filter(|h| !h.is_empty()) {
                let mut bits = h.split('|');
                zh_names.extend(bits.next());
                latin.extend(bits.next());
            }
            for name in zh_names.into_iter().filter(|s| s.chars().count() >= 2) {
                let hits = g.zh.entry(name).or_default();
                if !hits.iter().any(|h| h.place == index) {
                    hits.push(ZhHit {
                        place: index,
                        common: common.contains(&name),
                    });
                }
                g.longest_zh = g.longest_zh.max(name.chars().count());
            }
            for name in latin {
                let key = fold_latin(name);
                if key.len() >= 3 {
                    let ids = g.latin.entry(key).or_default();
                    if !ids.contains(&index) {
                        ids.push(index);
                    }
                }
            }
            g.places.push(place);
        }
        if !header_seen {
            return Err(Problem::error(file, "no header row"));
        }
        g.provinces_at = g.places.len();
        Ok(g)
    }

    /// Adds the 1937 provinces (`provinces_1937.tsv`: id, names, box) as
    /// places at their box's centre: 山西 names the province.
    pub fn add_provinces(&mut self, tsv: &'a str) {
        for line in tsv.lines().skip(1) {
            let c: Vec<&'a str> = line.split('\t').collect();
            let [id, zh, en, w, s, e, n, ..] = c.as_slice() else {
                continue;
            };
            let num = |x: &str| x.parse::<f64>().ok();
            let (Some(w), Some(s), Some(e), Some(n)) = (num(w), num(s), num(e), num(n)) else {
                continue;
            };
            let (name_en, older) = match en.split_once(" (") {
                Some((a, b)) => (a, b.trim_end_matches(')')),
                None => (*en, ""),
            };
            let index = self.places.len() as u32;
            let lat = (s + n) / 2.0;
            let km_lon = (e - w) * 111.32 * lat.to_radians().cos();
            self.places.push(GazPlace {
                geonameid: 0,
                name_zh: zh,
                name_en,
                kind: "province",
                province_1937: id,
                lon: (w + e) / 2.0,
                lat,
                population: 0,
                names_latin: older,
                historical_names: "",
                radius_km: (km_lon.min((n - s) * 111.32) / 2.0).round(),
            });
            self.zh.entry(zh).or_default().push(ZhHit {
                place: index,
                common: false,
            });
            for l in [name_en, older] {
                let key = fold_latin(l);
                if key.len() >= 3 {
                    self.latin.entry(key).or_default().push(index);
                }
            }
        }
    }

    /// Adds the common two-character words (one a line, `#` comments).
    pub fn add_words(&mut self, text: &'a str) {
        self.words = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut cs = l.chars();
                match (cs.next(), cs.next(), cs.next()) {
                    (Some(a), Some(b), None) => Some((a, b)),
                    _ => None,
                }
            })
            .collect();
    }

    /// Whether `a` `b` is a common two-character word.
    pub fn is_word(&self, a: char, b: char) -> bool {
        self.words.contains(&(a, b))
    }

    /// The places without a Chinese name (GeoNames gives some none): for
    /// finding them by the pinyin of a name in a Chinese text.
    pub fn without_zh(&self) -> impl Iterator<Item = (u32, &GazPlace<'a>)> + '_ {
        (self.places.iter().enumerate())
            .filter(|(_, p)| p.name_zh.is_empty())
            .map(|(i, p)| (i as u32, p))
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn place(&self, index: u32) -> Option<&GazPlace<'a>> {
        self.places.get(index as usize)
    }

    /// The place with this GeoNames id.
    pub fn by_geonameid(&self, id: u32) -> Option<&GazPlace<'a>> {
        // Rows are sorted by geonameid (the provinces come after them).
        let at = self.places[..self.provinces_at]
            .binary_search_by_key(&id, |p| p.geonameid)
            .ok()?;
        self.places.get(at)
    }

    /// The places a Chinese name names.
    pub fn zh(&self, name: &str) -> &[ZhHit] {
        self.zh.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every Chinese name.
    pub fn zh_names(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.zh.keys().copied()
    }

    /// The places a Latin name (folded by [`fold_latin`]) names.
    pub fn latin(&self, folded: &str) -> &[u32] {
        self.latin.get(folded).map_or(&[], Vec::as_slice)
    }

    /// The longest Chinese name, in characters.
    pub fn longest_zh(&self) -> usize {
        self.longest_zh
    }
}

#[cfg(test)]
mod tests;
