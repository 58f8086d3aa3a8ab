//! Suggestions on short texts written for the tests: places (longest
//! first, common words only with a cue, ambiguous names ranked by the
//! text's province), dates in the forms the date model reads, sizes.
use super::*;
use crate::gazetteer::Gazetteer;

/// A gazetteer small enough to read: two 邯郸, a 和平 that is also a word,
/// a 大同 city in Shanxi and a bigger-sounding 大同 town elsewhere.
const SAMPLE: &str = "geonameid\tname_zh\tname_en\tkind\tprovince_1937\tlon\tlat\tpopulation\tadmin1\tnames_zh\tcommon_zh\tnames_latin\thistorical_names\n\
1\t邯郸\tHandan\tcity\thebei\t114.48\t36.61\t1358318\t10\t邯郸市|邯郸\t\tHan-tan\t\n\
2\t邯郸县\tHandan Xian\tcounty\thebei\t114.53\t36.60\t0\t10\t邯郸县\t\t\t\n\
3\t和平\tHeping\ttown\thebei\t114.70\t36.70\t0\t10\t和平镇|和平\t和平\t\t\n\
4\t大同\tDatong\tcity\tshanxi\t113.29\t40.09\t1850000\t24\t大同市|大同\t\tTa-t'ung\t\n\
5\t大同\tDatong\ttown\tjiangxi\t115.80\t30.50\t2000000\t03\t大同镇|大同\t\t\t\n\
6\t太原\tTaiyuan\tcity\tshanxi\t112.56\t37.87\t4303673\t24\t太原市|太原\t\tT'ai-yüan\t\n\
7\t阳泉\tYangquan\tcity\tshanxi\t113.58\t37.86\t600000\t24\t阳泉市|阳泉\t\t\t\n";

fn sample() -> &'static Gazetteer<'static> {
    static G: std::sync::OnceLock<Gazetteer<'static>> = std::sync::OnceLock::new();
    G.get_or_init(|| Gazetteer::parse("sample", SAMPLE).unwrap())
}

fn places_of(text: &str) -> Vec<(String, String)> {
    let ix = PlaceIndex::new(&[], sample());
    suggest(text, &ix)
        .into_iter()
        .filter_map(|s| match s.found {
            Found::Place(p) => Some((s.phrase, p.candidates[0].id.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_name_is_not_read_inside_a_size_or_a_date() {
    // 100余人和部分: 人和 is a town's name, but here 人 ends the size.
    let text: &'static str = Box::leak(
        format!("{SAMPLE}8\t人和\tRenhe\ttown\tsichuan\t104\t30\t0\t32\t人和镇|人和\t\t\t\n")
            .into_boxed_str(),
    );
    let g: &'static Gazetteer<'static> = Box::leak(Box::new(Gazetteer::parse("t", text).unwrap()));
    let ix = PlaceIndex::new(&[], g);
    let kinds: Vec<&str> = suggest("工人100余人和部分阳泉矿工", &ix)
        .iter()
        .map(|s| s.found.kind())
        .collect();
    assert_eq!(kinds, ["size", "place"]);
}

#[test]
fn the_longest_name_is_taken_first() {
    assert_eq!(
        places_of("日军进占邯郸县城，又到邯郸。"),
        [
            ("邯郸县".into(), "geonames:2".into()),
            ("邯郸".into(), "geonames:1".into())
        ]
    );
}

#[test]
fn a_name_that_is_also_a_word_needs_a_cue() {
    assert!(places_of("工人们为和平而斗争。").is_empty(), "和平 here is peace");
    assert_eq!(
        places_of("部队开到和平镇。"),
        [("和平镇".into(), "geonames:3".into())]
    );
    assert_eq!(
        places_of("部队经和平县。")[0].0,
        "和平县",
        "a following 县 is a cue, and part of the phrase"
    );
    let listed = places_of("邯郸、和平、太原等地");
    assert_eq!(listed.len(), 3, "in a list of places: {listed:?}");
}

#[test]
fn an_ambiguous_name_ranks_the_province_the_text_is_about_first() {
    // A Shanxi text: 大同 is the Shanxi city, though the other is bigger.
    let ix = PlaceIndex::new(&[], sample());
    let all = suggest("日军占领太原、阳泉以后，又攻占大同。", &ix);
    let Some(Found::Place(p)) = all.iter().find(|s| s.phrase == "大同").map(|s| &s.found) else {
        panic!("{all:?}")
    };
    assert_eq!(p.candidates.len(), 2);
    assert_eq!(p.candidates[0].province_1937, "shanxi");
    // Without the text's cue, the seat ranks before the town.
    let alone = suggest("大同", &ix);
    let Found::Place(p) = &alone[0].found else {
        panic!()
    };
    assert_eq!(p.candidates[0].kind, "city");
}

#[test]
fn the_datasets_own_places_come_first() {
    let ds = crate::io::load_bundled().dataset;
    let ix = PlaceIndex::new(&ds.places, sample());
    let all = suggest("石门的工人和娘子关", &ix);
    let ids: Vec<&str> = all
        .iter()
        .filter_map(|s| match &s.found {
            Found::Place(p) => Some(p.candidates[0].id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(ids, ["shijiazhuang", "niangziguan"], "historical names too");
}

#[test]
fn english_names_in_pinyin_and_wade_giles() {
    assert_eq!(
        places_of("Taiyuan fell; T'ai-yüan was held. The troops reached Ta-t'ung and Handan."),
        [
            ("Taiyuan".into(), "geonames:6".into()),
            ("T'ai-yüan".into(), "geonames:6".into()),
            ("Ta-t'ung".into(), "geonames:4".into()),
            ("Handan".into(), "geonames:1".into()),
        ]
    );
}

#[test]
fn each_kind_has_its_line_column_and_resolution() {
    let ix = PlaceIndex::new(&[], sample());
    let text = "1937年9月18日成立。\n9月下旬，太原有六七百人。";
    let all = suggest(text, &ix);
    let kinds: Vec<(&str, u32, u32, &str)> = all
        .iter()
        .map(|s| (s.found.kind(), s.line, s.column, s.phrase.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("date", 1, 1, "1937年9月18日"),
            ("date", 2, 1, "9月下旬"),
            ("place", 2, 6, "太原"),
            ("size", 2, 9, "六七百人"),
        ]
    );
    let mut out = String::new();
    tsv::write(&mut out, &all, "t.txt", true);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], tsv::HEADER.join("\t"));
    assert_eq!(
        lines[2],
        "date\t2\t1\t9月下旬\t\t\t\t\t\t\t\t1937-09-21\t1937-09-30\tcontext:1937\t\t\t\tt.txt"
    );
    assert!(
        lines[3].starts_with("place\t2\t6\t太原\tgeonames:6\t太原\tTaiyuan\t112.5600\t37.8700\tshanxi\t")
    );
    assert!(lines[4].contains("\t600\t700\t\tt.txt"));
}
