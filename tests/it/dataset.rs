//! The bundled dataset: it validates, it cites the text exactly, its
//! coordinates lie where they should, and it leaves nothing of the text out.
use chronoatlas::io::load_bundled;
use chronoatlas::model::date::{days_from_civil, format_iso};
use chronoatlas::model::geo::haversine_km;
use chronoatlas::model::{Dataset, DateBasis, EventKind, PlaceKind};
use chronoatlas::time::index::{TimeMode, Visibility};

fn dataset() -> Dataset {
    let loaded = load_bundled();
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "bundled dataset has problems:\n{}",
        problems.join("\n")
    );
    loaded.dataset
}

fn source(ds: &Dataset) -> &str {
    assert_eq!(ds.sources.len(), 1);
    &ds.sources[0].text
}

#[test]
fn bundled_source_is_the_shared_text_verbatim() {
    let ds = dataset();
    let text = source(&ds);
    assert!(text.starts_with("七七事变后，华北地区的大部分城市和交通要道"));
    assert!(text.contains("1941年后改称东江纵队"));
    assert_eq!(text.lines().count(), 6, "six paragraphs");
}

#[test]
fn every_quote_is_an_exact_substring_of_the_source_once() {
    let ds = dataset();
    let text = source(&ds);
    let mut quotes = Vec::new();
    for e in &ds.events {
        quotes.push((e.id.as_str(), e.quote.as_str()));
        quotes.extend(e.also_quotes.iter().map(|q| (e.id.as_str(), q.as_str())));
    }
    for u in &ds.units {
        quotes.extend(u.strength.iter().map(|s| (u.id.as_str(), s.quote.as_str())));
        quotes.extend(u.later_names.iter().map(|n| (u.id.as_str(), n.quote.as_str())));
    }
    assert!(quotes.len() > 100, "{}", quotes.len());
    for (id, q) in quotes {
        assert!(!q.is_empty(), "{id}: empty quote");
        assert_eq!(
            text.matches(q).count(),
            1,
            "{id}: quote must occur exactly once: {q}"
        );
    }
}

/// Every span of digits or Chinese numerals in the text (dates, counts,
/// sizes) lies inside some quote: no number of the text is left off the map.
#[test]
fn every_number_and_date_of_the_text_is_cited() {
    let ds = dataset();
    let text = source(&ds);
    let mut covered = vec![false; text.len()];
    let quotes = ds
        .events
        .iter()
        .flat_map(|e| std::iter::once(&e.quote).chain(&e.also_quotes))
        .chain(ds.units.iter().flat_map(|u| u.strength.iter().map(|s| &s.quote)));
    for q in quotes {
        let at = text.find(q.as_str()).expect("quote in text");
        covered[at..at + q.len()].iter_mut().for_each(|c| *c = true);
    }
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百千万两数○".contains(c);
    let mut missing = Vec::new();
    for (i, c) in text.char_indices() {
        // 一 alone is too common a character ("一批", "一起") to count as a number.
        let next = text[i + c.len_utf8()..].chars().next().unwrap_or(' ');
        let is_number = c.is_ascii_digit()
            || (numeral(c) && c != '一' && (numeral(next) || "余人名个年月日次辆".contains(next)));
        if is_number && !covered[i] {
            let lo = text.floor_char_boundary(i.saturating_sub(15));
            let hi = text.ceil_char_boundary((i + 15).min(text.len()));
            missing.push(format!("'{c}' in …{}…", &text[lo..hi]));
        }
    }
    assert!(
        missing.is_empty(),
        "numbers not cited by any event:\n{}",
        missing.join("\n")
    );
}

/// Every gazetteer place whose name occurs in the text is shown by an event
/// that quotes that name (or by a site named after it, 胶县纱厂 for 胶县).
#[test]
fn every_place_named_in_the_text_has_an_event_citing_it() {
    let ds = dataset();
    let text = source(&ds);
    for p in &ds.places {
        if p.name_zh.chars().count() < 2 || !text.contains(&p.name_zh) {
            continue;
        }
        let cited = ds.events.iter().any(|e| {
            let quotes_name = std::iter::once(&e.quote)
                .chain(&e.also_quotes)
                .any(|q| q.contains(&p.name_zh));
            // A factory named after its town (胶县纱厂) stands for the town.
            quotes_name
                && ds
                    .event_places(e)
                    .iter()
                    .any(|q| q.id == p.id || q.name_zh.contains(&p.name_zh))
        });
        assert!(
            cited,
            "place {} ({}) is named in the text but no event citing it is placed there",
            p.id, p.name_zh
        );
    }
}

#[test]
fn every_place_lies_within_its_1937_province() {
    let ds = dataset();
    assert!(ds.provinces.len() >= 10);
    for p in &ds.places {
        assert!(!p.provinces_1937.is_empty(), "{}", p.id);
        let nearest = p
            .provinces_1937
            .iter()
            .map(|id| {
                ds.province(id)
                    .unwrap_or_else(|| panic!("{}: unknown province {id}", p.id))
                    .distance_km(p.at())
            })
            .fold(f64::INFINITY, f64::min);
        assert!(
            nearest <= p.tolerance_km,
            "{} lies {nearest:.0} km outside {:?}",
            p.id,
            p.provinces_1937
        );
    }
    // Dangshan belonged to Jiangsu in 1937 (Anhui only from 1955).
    assert_eq!(ds.place("dangshan").unwrap().provinces_1937, ["jiangsu"]);
}

#[test]
fn every_coordinate_says_where_it_came_from() {
    use chronoatlas::model::CoordSource;
    let ds = dataset();
    let mut geonames = 0;
    for p in &ds.places {
        match &p.coord_source {
            CoordSource::GeoNames(id) => {
                assert!(*id > 0);
                geonames += 1;
            }
            CoordSource::Reference(r) | CoordSource::Derived(r) | CoordSource::Editorial(r) => {
                assert!(
                    r.len() > 10,
                    "{}: say more about where the coordinate comes from",
                    p.id
                )
            }
            CoordSource::UserFile(_) => panic!("{}: the gazetteer has no user points", p.id),
        }
        assert!(p.tolerance_km > 0.0, "{}", p.id);
        if p.kind.is_area() {
            assert!(p.radius_km.is_some_and(|r| r > 0.0), "{}", p.id);
        }
    }
    assert!(geonames >= 80, "most cities come from GeoNames: {geonames}");
}

/// Railways pass through their stations in order: no station is out of
/// sequence (swapping any two neighbours would not shorten the line), no hop
/// is implausibly long, and where the real length is known the polyline
/// through the stations is a little shorter than it, never longer.
#[test]
fn railways_pass_through_their_stations_in_order() {
    let ds = dataset();
    assert!(ds.lines.len() >= 9);
    for l in &ds.lines {
        let pts: Vec<_> = l
            .stations
            .iter()
            .map(|s| {
                ds.place(s)
                    .map(|p| p.at())
                    .unwrap_or_else(|| panic!("{}: {s}", l.id))
            })
            .collect();
        let d = haversine_km;
        let length: f64 = pts.windows(2).map(|w| d(w[0], w[1])).sum();
        for i in 0..pts.len().saturating_sub(1) {
            assert!(
                d(pts[i], pts[i + 1]) < 200.0,
                "{}: hop {} → {} too long",
                l.id,
                l.stations[i],
                l.stations[i + 1]
            );
            let mut swapped = pts.clone();
            swapped.swap(i, i + 1);
            let alt: f64 = swapped.windows(2).map(|w| d(w[0], w[1])).sum();
            assert!(
                alt >= length,
                "{}: stations {} and {} look out of order ({alt:.0} km swapped vs {length:.0} km)",
                l.id,
                l.stations[i],
                l.stations[i + 1]
            );
        }
        if let Some(real) = l.length_km {
            let ratio = length / real;
            assert!(
                (0.7..=1.02).contains(&ratio),
                "{}: {length:.0} km through stations vs {real} km real",
                l.id
            );
        }
    }
    let pinghan = ds.line("pinghan").unwrap();
    assert_eq!(
        pinghan.stations_between("baoding", "dingxian").unwrap(),
        ["baoding", "fangshunqiao", "wangdu", "qingfengdian", "dingxian"]
    );
    assert_eq!(pinghan.sections[0].name_zh, "平汉铁路北段");
}

#[test]
fn facts_from_outside_the_text_carry_references() {
    let ds = dataset();
    let external: Vec<_> = ds
        .events
        .iter()
        .filter(|e| e.when_basis == DateBasis::External)
        .collect();
    assert!(external.len() >= 10);
    for e in &external {
        assert!(!e.refs.is_empty(), "{}", e.id);
    }
    let beiping = ds.event("beiping_falls").unwrap();
    assert_eq!(beiping.when_basis, DateBasis::External);
    assert_eq!(format_iso(beiping.when.earliest()), "1937-07-29");
}

#[test]
fn key_dates_read_as_the_text_says() {
    let ds = dataset();
    let range = |id: &str| {
        let e = ds.event(id).unwrap_or_else(|| panic!("{id}"));
        (
            format_iso(e.when.earliest()),
            format_iso(e.when.latest()),
            e.when.display_zh(),
            e.when.display_en(),
        )
    };
    assert_eq!(range("taiyuan_falls").0, "1937-11-08");
    let (a, b, zh, en) = range("cixian_occupied");
    assert_eq!(
        (a.as_str(), b.as_str(), zh.as_str(), en.as_str()),
        ("1937-11-01", "1938-02-28", "1937年冬", "winter 1937")
    );
    let (a, b, zh, _) = range("taiyuan_unions_organised");
    assert_eq!(
        (a.as_str(), b.as_str(), zh.as_str()),
        ("1937-10-01", "1937-10-10", "1937年10月初")
    );
    let (a, b, ..) = range("pinghan_sabotage");
    assert_eq!((a.as_str(), b.as_str()), ("1938-02-01", "1939-05-01"));
    let (a, b, ..) = range("jiaoji_line_lost");
    assert_eq!((a.as_str(), b.as_str()), ("1937-12-01", "1938-01-31"));
    let (a, b, ..) = range("n4a_suburban_guerrillas");
    assert_eq!((a.as_str(), b.as_str()), ("1938-01-01", "1938-03-31"));
}

#[test]
fn sizes_read_as_ranges() {
    let ds = dataset();
    let size = |id: &str| {
        ds.event(id)
            .and_then(|e| e.size.clone())
            .unwrap_or_else(|| panic!("{id}"))
    };
    let s = size("taiyuan_self_defence_formed");
    assert_eq!((s.min, s.max), (600, Some(700)));
    let s = size("taiyuan_unions_organised");
    assert_eq!((s.min, s.max), (20_000, None));
    let s = size("zhengtai_guerrillas_formed");
    assert_eq!((s.min, s.max), (100, None));
    let s = size("pinghan_guerrillas_grow");
    assert_eq!((s.min, s.max), (200, Some(900)));
}

#[test]
fn place_names_follow_the_date() {
    let ds = dataset();
    let beijing = ds.place("beijing").unwrap();
    let day = ds.event("beiping_falls").unwrap().when.earliest();
    assert_eq!(beijing.names_at(day), ("北平", "Beiping"));
    let later = chronoatlas::model::date::days_from_civil(1950, 1, 1);
    assert_eq!(beijing.names_at(later), ("北京", "Beijing"));
    let sjz = ds.place("shijiazhuang").unwrap();
    assert_eq!(sjz.names_at(day).0, "石门");
}

#[test]
fn unit_strength_follows_the_text() {
    use chronoatlas::model::date::days_from_civil;
    use chronoatlas::time::{strength::strength_at, unit_observations};
    let ds = dataset();
    let pinghan = unit_observations(ds.unit("pinghan_guerrillas").unwrap());
    assert_eq!(
        strength_at(&pinghan, days_from_civil(1937, 12, 1)),
        None,
        "not yet formed"
    );
    let s = strength_at(&pinghan, days_from_civil(1938, 3, 1)).unwrap();
    assert!(s.min >= 20 && s.provisional, "{s:?}");
    let s = strength_at(&pinghan, days_from_civil(1939, 6, 1)).unwrap();
    assert_eq!((s.min, s.max, s.provisional), (200, Some(900), false));
    let taiyuan = ds.unit("taiyuan_workers_self_defence").unwrap();
    assert_eq!(taiyuan.successor.as_deref(), Some("gongwei_brigade"));
}

#[test]
fn the_time_index_shows_the_story_in_order() {
    use chronoatlas::model::date::days_from_civil;
    let ds = dataset();
    let index = chronoatlas::time::index::TimeIndex::new(&ds.spans());
    let mut out = Vec::new();
    let at = |y, m, d| days_from_civil(y, m, d);
    // Cumulative on 9 November 1937: Taiyuan has fallen, Xuzhou has not.
    index.query(at(1937, 11, 9), TimeMode::Cumulative, &mut out);
    let shown = |out: &Vec<(u32, Visibility)>, id: &str| {
        let i = ds.event_position(id).unwrap() as u32;
        out.iter().find(|(j, _)| *j == i).map(|(_, v)| *v)
    };
    assert_eq!(shown(&out, "taiyuan_falls"), Some(Visibility::Definite));
    assert_eq!(shown(&out, "xuzhou_falls"), None);
    // Winter 1937 has begun but not ended: the occupation of Cixian is possible.
    assert_eq!(shown(&out, "cixian_occupied"), Some(Visibility::Possible));
    // A 30-day window ending 20 July 1938 holds the Zhangdian bombing of 4 July.
    index.query(at(1938, 7, 20), TimeMode::Window { width_days: 30 }, &mut out);
    assert_eq!(
        shown(&out, "zhangdian_power_plant_blown_up"),
        Some(Visibility::Definite)
    );
    assert_eq!(shown(&out, "taiyuan_falls"), None);
    let (lo, hi) = index.span().unwrap();
    assert!(format_iso(lo).starts_with("1936"), "{}", format_iso(lo));
    assert!(format_iso(hi).as_str() >= "1941-12-31", "{}", format_iso(hi));
}

#[test]
fn the_dataset_covers_the_kinds_the_map_needs() {
    let ds = dataset();
    for kind in [
        EventKind::Occupation,
        EventKind::UnionFounded,
        EventKind::UnitFormed,
        EventKind::UnitMoved,
        EventKind::Sabotage,
        EventKind::Battle,
        EventKind::GovernmentFounded,
        EventKind::BaseArea,
        EventKind::Recruitment,
        EventKind::Statistic,
    ] {
        assert!(ds.events.iter().any(|e| e.kind == kind), "{kind:?}");
    }
    assert!(
        ds.events.iter().any(|e| !e.routes.is_empty()),
        "movements have routes"
    );
    assert!(
        ds.events.iter().any(|e| !e.segments.is_empty()),
        "sabotage has railway segments"
    );
    assert!(ds.places.iter().any(|p| p.kind == PlaceKind::BaseArea));
    // The text's slip 龙日码头 stays as printed, with the reading in a note.
    let e = ds.event("shandong_armed_groups").unwrap();
    assert!(e.quote.contains("龙日码头") && e.note.contains("龙口"));
}

/// The stations of the lines drawn as lost at `day` (occupation events with
/// segments or whole lines that have begun by then).
fn lost_stations(ds: &Dataset, day: i32) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in ds.events.iter().filter(|e| e.kind == EventKind::Occupation) {
        if e.when.earliest() > day {
            continue;
        }
        for s in &e.segments {
            let line = ds.line(&s.line).unwrap();
            for id in line.stations_between(&s.from, &s.to).unwrap() {
                out.push((s.line.clone(), id.to_string()));
            }
        }
        for l in &e.lines {
            for id in &ds.line(l).unwrap().stations {
                out.push((l.clone(), id.clone()));
            }
        }
    }
    out
}

#[test]
fn only_dated_stretches_are_drawn_as_lost() {
    let ds = dataset();
    let lost = |day: i32, line: &str, station: &str| {
        lost_stations(&ds, day).contains(&(line.to_string(), station.to_string()))
    };
    // Every lost stretch is dated by the text or a reference.
    for e in ds.events.iter().filter(|e| e.kind == EventKind::Occupation) {
        if !e.segments.is_empty() || !e.lines.is_empty() {
            assert!(
                e.when_basis == DateBasis::Text || !e.refs.is_empty(),
                "{}: a lost stretch needs the text's date or a reference",
                e.id
            );
        }
    }
    let jan_1938 = days_from_civil(1938, 1, 15);
    let jul_1938 = days_from_civil(1938, 7, 15);
    // January 1938: the north of the Pinghan, the Zhengtai, the Jiaoji are
    // lost; Xuzhou, Linfen and the Pinghan south of the Yellow River are not.
    assert!(lost(jan_1938, "pinghan", "baoding"));
    assert!(lost(jan_1938, "zhengtai", "yangquan"));
    assert!(lost(jan_1938, "jiaoji", "weixian"));
    assert!(!lost(jan_1938, "pinghan", "xinyang"));
    assert!(!lost(jan_1938, "pinghan", "hankou"));
    // July 1938: Xuzhou and the Tongpu to Yuncheng have fallen; Hankou not yet.
    assert!(lost(jul_1938, "jinpu", "xuzhou"));
    assert!(lost(jul_1938, "tongpu", "yuncheng"));
    assert!(!lost(jul_1938, "pinghan", "hankou"));
    // The Pinghan from the Yellow River to Xinyang stayed Chinese until 1944.
    for station in ["zhengzhou", "xuchang", "yancheng", "zhumadian"] {
        assert!(
            !lost(days_from_civil(1941, 12, 31), "pinghan", station),
            "{station}"
        );
    }
    // No trunk line is drawn as lost as a whole on a quote that does not say 全线.
    let trunk = ds.event("trunk_railways_fall").unwrap();
    assert!(trunk.lines.is_empty() && trunk.segments.is_empty());
    assert!(trunk.when.open_end(), "the text gives no end");
}
