use super::*;

const SAMPLE: &str = "# a comment\n\
geonameid\tname_zh\tname_en\tkind\tprovince_1937\tlon\tlat\tpopulation\tadmin1\tnames_zh\tcommon_zh\tnames_latin\thistorical_names\n\
1793511\t太原\tTaiyuan\tcity\tshanxi\t112.56028\t37.86944\t4303673\t24\t太原市|太原\t\tT'ai-yüan|Taiyuan-fu\t\n\
1816670\t北京\tBeijing\tcity\thebei\t116.39723\t39.9075\t18960744\t22\t北京市|北京\t\tPeking\t北平|Beiping|1928-06-20/1949-09-27\n\
1900001\t和平\tHeping\ttown\tguangdong\t114.9\t24.4\t0\t30\t和平镇|和平\t和平\t\t\n";

#[test]
fn names_in_both_scripts_and_romanisations_find_their_place() {
    let g = Gazetteer::parse("sample.tsv", SAMPLE).unwrap();
    assert_eq!(g.len(), 3);
    let ty = g.place(g.zh("太原市")[0].place).unwrap();
    assert_eq!((ty.geonameid, ty.province_1937), (1793511, "shanxi"));
    assert_eq!(g.latin(&fold_latin("T'ai-yüan")), g.latin("taiyuan"));
    assert_eq!(
        g.latin("peking"),
        g.zh("北平")
            .iter()
            .map(|h| h.place)
            .collect::<Vec<_>>()
            .as_slice()
    );
    assert!(g.zh("和平")[0].common && !g.zh("和平镇")[0].common);
    assert_eq!(g.by_geonameid(1816670).unwrap().name_en, "Beijing");
    assert_eq!(g.longest_zh(), 3);
}

#[test]
fn a_broken_row_is_named_by_its_line() {
    let bad = SAMPLE.replace("112.56028", "east");
    let e = Gazetteer::parse("sample.tsv", &bad).unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.message.contains("lon 'east' is not a number"), "{e}");
}

#[test]
fn the_bundled_gazetteer_covers_china_and_reads_fast_enough_to_be_loaded_on_demand() {
    let g = Gazetteer::china();
    assert!(g.len() > 16_000, "{}", g.len());
    // The places of the bundled text, as GeoNames names them.
    for name in [
        "太原",
        "大同",
        "石家庄",
        "邯郸",
        "保定",
        "济南",
        "青岛",
        "徐州",
        "香港",
    ] {
        assert!(!g.zh(name).is_empty(), "{name}");
    }
    let tw: Vec<_> = g.zh("台北").iter().filter_map(|h| g.place(h.place)).collect();
    assert!(tw.iter().any(|p| p.province_1937 == "taiwan"), "{tw:?}");
    // Historical names the bundled dataset knows ride along.
    let bp = g.place(g.zh("北平")[0].place).unwrap();
    assert_eq!(bp.name_en, "Beijing");
    // Wade-Giles where GeoNames carries it.
    assert!(!g.latin("taiyuan").is_empty());
}
