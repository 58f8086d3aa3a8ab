//! Place names in running text, found in the dataset's own places first and
//! then in the gazetteer of all of China. Longest match first (邯郸县
//! before 邯郸). A name that is also an ordinary word (和平, 胜利) is taken
//! only with a cue: a following 县/市/镇/路/站…, or a list of places
//! (`甲、和平、乙`). An ambiguous name's candidates are ranked by the
//! provinces the text is about (those of its unambiguous names), then by
//! the kind of place (seats first) and its population.
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;

use super::words::words;
use crate::gazetteer::{Fnv, GazPlace, Gazetteer, fold_latin};
use crate::model::Place;
use crate::model::place::CoordSource;

/// One place a name may stand for.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The dataset's id for it, or `geonames:ID` for a place of the
    /// gazetteer the dataset does not have yet.
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub kind: String,
    pub province_1937: String,
    pub lon: f64,
    pub lat: f64,
    pub population: u64,
    /// The dataset has it.
    pub in_dataset: bool,
    pub geonameid: Option<u32>,
}

/// The places a name was matched to, best first (more than one: ambiguous).
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceFound {
    pub candidates: Vec<Candidate>,
    /// Matched by the pinyin of the text's characters: GeoNames gives the
    /// place no Chinese name (沂水 for Yishui), so the reading is weaker.
    pub by_pinyin: bool,
}

/// Characters after a name that make it a place (磁县, 和平镇, 石家庄站).
const CUE_AFTER: &str = "县市镇乡村区路站矿城港关桥口州府庄";
const CUE_AFTER_WORDS: [&str; 6] = ["一带", "地区", "附近", "等地", "境内", "方面"];

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// What a name may stand for: places of the dataset, or of the gazetteer.
#[derive(Debug, Clone)]
enum Hits {
    Known(Vec<usize>),
    Gaz(Vec<u32>),
}

/// The names to look for, indexed for a scan.
pub struct PlaceIndex<'a> {
    known: &'a [Place],
    gaz: &'a Gazetteer<'a>,
    known_zh: FastMap<String, Vec<usize>>,
    known_latin: FastMap<String, Vec<usize>>,
    /// For each first two characters of a Chinese name, the longest name
    /// that starts with them (characters): most places of a text start none.
    prefix_len: FastMap<(char, char), usize>,
    /// Towns of 10,000 people or more that GeoNames gives no Chinese name
    /// (沂水, 贾汪), by the pinyin of their name: found in Chinese text by
    /// the pinyin of its characters.
    by_pinyin: FastMap<String, Vec<u32>>,
}

/// Places without a Chinese name are looked up by pinyin from this size.
const PINYIN_MIN_PEOPLE: u64 = 10_000;

fn add(map: &mut FastMap<String, Vec<usize>>, key: String, i: usize) {
    let v = map.entry(key).or_default();
    if !v.contains(&i) {
        v.push(i);
    }
}

impl<'a> PlaceIndex<'a> {
    pub fn new(known: &'a [Place], gaz: &'a Gazetteer<'a>) -> Self {
        let mut ix = PlaceIndex {
            known,
            gaz,
            known_zh: FastMap::default(),
            known_latin: FastMap::default(),
            prefix_len: FastMap::default(),
            by_pinyin: FastMap::default(),
        };
        for (i, p) in known.iter().enumerate() {
            let en = |s: &str| fold_latin(s.split('(').next().unwrap_or(s));
            add(&mut ix.known_zh, p.name_zh.clone(), i);
            add(&mut ix.known_latin, en(&p.name_en), i);
            for h in &p.historical_names {
                add(&mut ix.known_zh, h.zh.clone(), i);
                add(&mut ix.known_latin, en(&h.en), i);
            }
        }
        ix.known_zh.retain(|k, _| k.chars().count() >= 2);
        ix.known_latin.retain(|k, _| k.len() >= 3);
        let names = ix.known_zh.keys().map(String::as_str).chain(gaz.zh_names());
        let mut prefix_len: FastMap<(char, char), usize> = FastMap::default();
        for name in names {
            let mut cs = name.chars();
            if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
                let len = 2 + cs.count();
                let e = prefix_len.entry((a, b)).or_default();
                *e = (*e).max(len);
            }
        }
        ix.prefix_len = prefix_len;
        for (i, p) in gaz
            .without_zh()
            .filter(|(_, p)| p.population >= PINYIN_MIN_PEOPLE)
        {
            let key = fold_latin(p.name_en.split(' ').next().unwrap_or(p.name_en));
            ix.by_pinyin.entry(key).or_default().push(i);
        }
        ix
    }

    /// No names at all (no dataset places, an empty gazetteer).
    pub fn is_empty(&self) -> bool {
        self.prefix_len.is_empty() && self.known_latin.is_empty() && self.gaz.is_empty()
    }

    fn candidate_known(&self, i: usize) -> Candidate {
        let p = &self.known[i];
        let geonameid = match p.coord_source {
            CoordSource::GeoNames(id) => u32::try_from(id).ok(),
            _ => None,
        };
        Candidate {
            id: p.id.clone(),
            name_zh: p.name_zh.clone(),
            name_en: p.name_en.clone(),
            kind: p.kind.key().to_string(),
            province_1937: p.provinces_1937.first().cloned().unwrap_or_default(),
            lon: p.lon,
            lat: p.lat,
            population: 0,
            in_dataset: true,
            geonameid,
        }
    }

    fn candidate_gaz(&self, g: &GazPlace<'_>) -> Candidate {
        // The dataset's own place when it is this GeoNames place.
        let known = self
            .known
            .iter()
            .position(|p| p.coord_source == CoordSource::GeoNames(u64::from(g.geonameid)));
        if let Some(i) = known {
            return self.candidate_known(i);
        }
        Candidate {
            id: if g.is_province() {
                format!("province:{}", g.province_1937)
            } else {
                g.coord_source()
            },
            name_zh: g.name_zh.to_string(),
            name_en: g.name_en.to_string(),
            kind: g.kind.to_string(),
            province_1937: g.province_1937.to_string(),
            lon: g.lon,
            lat: g.lat,
            population: g.population,
            in_dataset: false,
            geonameid: Some(g.geonameid),
        }
    }
}

/// A name matched before ranking.
struct Raw {
    span: Range<usize>,
    hits: Hits,
    /// Also an ordinary word, waiting for a list cue.
    common: bool,
    /// Found by the pinyin of its characters (the place has no Chinese name).
    by_pinyin: bool,
}

fn cued_after(chars: &[(usize, char)], end: usize) -> bool {
    let next: String = chars[end.min(chars.len())..(end + 2).min(chars.len())]
        .iter()
        .map(|c| c.1)
        .collect();
    next.chars().next().is_some_and(|c| CUE_AFTER.contains(c)) || CUE_AFTER_WORDS.iter().any(|w| next == *w)
}

/// The Chinese names of `text`, longest first, left to right.
fn scan_zh(ix: &PlaceIndex<'_>, text: &str) -> Vec<Raw> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let mut out = Vec::new();
    let mut i = 0;
    'scan: while i + 1 < chars.len() {
        let Some(&longest) = ix.prefix_len.get(&(chars[i].1, chars[i + 1].1)) else {
            i += 1;
            continue;
        };
        for len in (2..=longest.min(chars.len() - i)).rev() {
            let name = &text[byte_at(i)..byte_at(i + len)];
            // 邯郸县 where the gazetteer says 邯郸: the phrase takes the suffix.
            let admin = |c: char| "县市镇乡".contains(c);
            let ext =
                usize::from(chars.get(i + len).is_some_and(|c| admin(c.1)) && !admin(chars[i + len - 1].1));
            let span = byte_at(i)..byte_at(i + len + ext);
            if let Some(k) = ix.known_zh.get(name) {
                out.push(Raw {
                    span,
                    hits: Hits::Known(k.clone()),
                    common: false,
                    by_pinyin: false,
                });
                i += len + ext;
                continue 'scan;
            }
            let hits = ix.gaz.zh(name);
            if hits.is_empty() {
                continue;
            }
            // A short name must not cut a common word in two (工人|和日军
            // has no 人和 and no 和日), unless a suffix says it is a place.
            let cuts_word = |a: usize, b: usize| b < chars.len() && ix.gaz.is_word(chars[a].1, chars[b].1);
            let suffixed = CUE_AFTER.contains(chars[i + len - 1].1);
            let cuts_after = ext == 0 && cuts_word(i + len - 1, i + len);
            if len <= 3 && !suffixed && ((i > 0 && cuts_word(i - 1, i)) || cuts_after) {
                continue;
            }
            let common = hits.iter().all(|h| h.common);
            let places: Vec<u32> = hits
                .iter()
                .filter(|h| !h.common || common)
                .map(|h| h.place)
                .collect();
            if common && !cued_after(&chars, i + len) {
                // Kept aside for the list cue; a shorter name may still start here.
                out.push(Raw {
                    span: byte_at(i)..byte_at(i + len),
                    hits: Hits::Gaz(places),
                    common: true,
                    by_pinyin: false,
                });
                continue;
            }
            out.push(Raw {
                span,
                hits: Hits::Gaz(places),
                common: false,
                by_pinyin: false,
            });
            i += len + ext;
            continue 'scan;
        }
        i += 1;
    }
    out.extend(scan_pinyin(ix, text, &chars, &out));
    // A common word between list marks next to a place is a place too.
    let is_sep = |s: &str| matches!(s, "、" | "和" | "与" | "及");
    let mut keep = vec![false; out.len()];
    for k in 0..out.len() {
        if !out[k].common {
            keep[k] = true;
            continue;
        }
        let (a, b) = (out[k].span.start, out[k].span.end);
        let before = text[..a].chars().next_back().map(|c| &text[a - c.len_utf8()..a]);
        let after = text[b..].chars().next().map(|c| &text[b..b + c.len_utf8()]);
        let placed_before = before.is_some_and(is_sep)
            && out[..k]
                .iter()
                .rev()
                .find(|r| !r.common)
                .is_some_and(|r| r.span.end + 3 == a);
        let placed_after = after.is_some_and(is_sep)
            && out[k + 1..]
                .iter()
                .find(|r| !r.common)
                .is_some_and(|r| r.span.start == b + 3);
        keep[k] = placed_before || placed_after;
    }
    keep.resize(out.len(), true);
    let mut kept: Vec<Raw> = out
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(r, _)| r)
        .collect();
    // A common word kept aside may overlap a name taken after it.
    kept.sort_by_key(|r| (r.span.start, std::cmp::Reverse(r.span.end)));
    let mut last_end = 0;
    kept.retain(|r| {
        let ok = r.span.start >= last_end;
        if ok {
            last_end = r.span.end;
        }
        ok
    });
    kept
}

/// Names of two or three Chinese characters whose pinyin is the name of a
/// town GeoNames gives no Chinese name (沂水: Yishui), where no name was
/// found and they cut no common word.
fn scan_pinyin(ix: &PlaceIndex<'_>, text: &str, chars: &[(usize, char)], found: &[Raw]) -> Vec<Raw> {
    use pinyin::ToPinyin;
    if ix.by_pinyin.is_empty() {
        return Vec::new();
    }
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    let syllables: Vec<Option<&str>> = chars.iter().map(|c| c.1.to_pinyin().map(|p| p.plain())).collect();
    let mut taken = vec![false; chars.len()];
    for r in found {
        let a = chars.partition_point(|c| c.0 < r.span.start);
        let b = chars.partition_point(|c| c.0 < r.span.end);
        taken[a..b].iter_mut().for_each(|t| *t = true);
    }
    let mut out = Vec::new();
    let mut i = 0;
    'scan: while i < chars.len() {
        for len in [3, 2] {
            if i + len > chars.len() || taken[i..i + len].iter().any(|t| *t) {
                continue;
            }
            let Some(parts) = syllables[i..i + len]
                .iter()
                .copied()
                .collect::<Option<Vec<&str>>>()
            else {
                continue;
            };
            let Some(hits) = ix.by_pinyin.get(&parts.concat()) else {
                continue;
            };
            let word = |a: usize, b: usize| b < chars.len() && ix.gaz.is_word(chars[a].1, chars[b].1);
            let inner = (i..i + len - 1).any(|k| word(k, k + 1)) && len == 2;
            if inner || (i > 0 && word(i - 1, i)) || word(i + len - 1, i + len) {
                continue;
            }
            // A weaker reading: only with a cue (沂水县, 贾汪、砀山, 彭城等地,
            // 山东沂水: after another place).
            let sep = |k: usize| chars.get(k).is_some_and(|c| c.1 == '、');
            let after_place = found.iter().any(|r| !r.common && r.span.end == byte_at(i));
            let cued = cued_after(chars, i + len) || sep(i + len) || (i > 0 && sep(i - 1)) || after_place;
            if !cued {
                continue;
            }
            let ext = usize::from(chars.get(i + len).is_some_and(|c| "县市镇乡".contains(c.1)));
            out.push(Raw {
                span: byte_at(i)..byte_at(i + len + ext),
                hits: Hits::Gaz(hits.clone()),
                common: false,
                by_pinyin: true,
            });
            i += len + ext;
            continue 'scan;
        }
        i += 1;
    }
    out
}

/// Capitalised English words that are never places here.
const NOT_PLACES: [&str; 24] = [
    "the", "and", "for", "but", "with", "from", "after", "before", "then", "when", "while", "its", "their",
    "they", "this", "that", "these", "army", "party", "route", "new", "war", "north", "south",
];

/// The English names of `text`: up to three capitalised words, longest
/// first.
fn scan_en(ix: &PlaceIndex<'_>, text: &str) -> Vec<Raw> {
    let w = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    'scan: while i < w.len() {
        if !w[i].capital {
            i += 1;
            continue;
        }
        for n in (1..=3.min(w.len() - i)).rev() {
            if !w[i..i + n].iter().all(|x| x.capital) {
                continue;
            }
            if n == 1 && NOT_PLACES.contains(&w[i].lower.as_str()) {
                continue;
            }
            let key: String = w[i..i + n].iter().map(|x| fold_latin(x.text)).collect();
            let span = w[i].span.start..w[i + n - 1].span.end;
            let hits = if let Some(k) = ix.known_latin.get(&key) {
                Hits::Known(k.clone())
            } else {
                let g = ix.gaz.latin(&key);
                if g.is_empty() {
                    continue;
                }
                Hits::Gaz(g.to_vec())
            };
            out.push(Raw {
                span,
                hits,
                common: false,
                by_pinyin: false,
            });
            i += n;
            continue 'scan;
        }
        i += 1;
    }
    out
}

/// Every place name of `text` (Chinese and English), with its byte range
/// and its candidates ranked.
pub fn places(ix: &PlaceIndex<'_>, text: &str) -> Vec<(Range<usize>, PlaceFound)> {
    let mut raw = scan_zh(ix, text);
    raw.extend(scan_en(ix, text));
    raw.sort_by_key(|r| r.span.start);
    // The provinces the text is about: those of its names with one place,
    // in the whole text and in each paragraph (line).
    let line_starts: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let para_of = |at: usize| line_starts.partition_point(|&n| n < at);
    let mut about: HashMap<String, usize> = HashMap::new();
    let mut about_para: HashMap<(usize, String), usize> = HashMap::new();
    for r in &raw {
        let province = match &r.hits {
            Hits::Known(k) if k.len() == 1 => ix.known[k[0]].provinces_1937.first().cloned(),
            Hits::Gaz(g) if g.len() == 1 => ix.gaz.place(g[0]).map(|p| p.province_1937.to_string()),
            _ => None,
        };
        if let Some(p) = province.filter(|p| !p.is_empty()) {
            *about_para.entry((para_of(r.span.start), p.clone())).or_default() += 1;
            *about.entry(p).or_default() += 1;
        }
    }
    raw.into_iter()
        .map(|r| {
            let para = para_of(r.span.start);
            let mut candidates: Vec<Candidate> = match &r.hits {
                Hits::Known(k) => k.iter().map(|&i| ix.candidate_known(i)).collect(),
                Hits::Gaz(g) => g
                    .iter()
                    .filter_map(|&i| ix.gaz.place(i))
                    .map(|p| ix.candidate_gaz(p))
                    .collect(),
            };
            // In the data first; then a score: the paragraph's and the
            // text's provinces, the kind of place (seats first) and its size,
            // so that a city of the text's province outranks a village of
            // the same name, and a village of the paragraph's province does
            // not outrank a city elsewhere.
            let score = |c: &Candidate| {
                let kind = match c.kind.as_str() {
                    "city" | "province" => 3.0,
                    "county" => 2.0,
                    "district" => 1.5,
                    "town" => 1.0,
                    "township" => 0.5,
                    _ => 0.0,
                };
                let para_match = about_para.contains_key(&(para, c.province_1937.clone()));
                let text_match = about.contains_key(&c.province_1937);
                (if c.in_dataset { 100.0 } else { 0.0 })
                    + if para_match { 2.0 } else { 0.0 }
                    + if text_match { 1.0 } else { 0.0 }
                    + kind
                    + (c.population as f64 + 1.0).log10()
            };
            candidates.sort_by(|a, b| score(b).total_cmp(&score(a)).then(a.geonameid.cmp(&b.geonameid)));
            if r.by_pinyin
                && let Some(zh) = text.get(r.span.clone())
            {
                candidates.iter_mut().for_each(|c| c.name_zh = zh.to_string());
            }
            candidates.dedup_by(|a, b| a.id == b.id);
            (
                r.span,
                PlaceFound {
                    candidates,
                    by_pinyin: r.by_pinyin,
                },
            )
        })
        .collect()
}
