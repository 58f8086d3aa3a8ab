//! Unit tests of `model::size`: the phrases, their ranges and their display.

use super::*;

fn size(s: &str) -> SizeRange {
    match parse_size(s) {
        Ok(r) => r,
        Err(e) => panic!("{s}: {e}"),
    }
}

fn range(s: &str) -> (u32, Option<u32>) {
    let r = size(s);
    (r.min, r.max)
}

fn num(s: &str) -> u64 {
    match parse_chinese_number(s) {
        Ok(n) => n,
        Err(e) => panic!("{s}: {e}"),
    }
}

fn rejected(s: &str) -> SizeError {
    match parse_size(s) {
        Ok(r) => panic!("{s} should be rejected, got {r:?}"),
        Err(e) => e,
    }
}

#[test]
fn chinese_numbers() {
    assert_eq!(num("二○五"), 205);
    assert_eq!(num("二〇五"), 205);
    assert_eq!(num("一九三七"), 1937);
    assert_eq!(num("〇"), 0);
    assert_eq!(num("十"), 10);
    assert_eq!(num("十五"), 15);
    assert_eq!(num("二十"), 20);
    assert_eq!(num("二十六"), 26);
    assert_eq!(num("一百零五"), 105);
    assert_eq!(num("三千零五十"), 3050);
    assert_eq!(num("两万"), 20_000);
    assert_eq!(num("一万五千"), 15_000);
    assert_eq!(num("一万五"), 15_000);
    assert_eq!(num("三百五"), 350);
    assert_eq!(num("一千二"), 1200);
    assert_eq!(num("一万零五"), 10_005);
    assert_eq!(num("十万"), 100_000);
    assert_eq!(num("十一万"), 110_000);
    assert_eq!(num("三百五十万"), 3_500_000);
    assert_eq!(num("一亿两千万"), 120_000_000);
    assert_eq!(num("万"), 10_000);
    assert_eq!(num("百"), 100);
    assert_eq!(num("百十"), 110);
    assert_eq!(num("壹仟贰佰"), 1200);
    assert_eq!(num("2万"), 20_000);
    assert_eq!(num("2 万"), 20_000);
    assert_eq!(num("1.5万"), 15_000);
    assert_eq!(num("1.55千"), 1550);
    assert_eq!(num("2万5000"), 25_000);
    assert_eq!(num("5000"), 5000);
    assert_eq!(num("20,000"), 20_000);
    assert_eq!(num("１２"), 12);
}

#[test]
fn chinese_number_rejections() {
    for s in [
        "",
        "abc",
        "五旅",
        "1.5",
        "1.5555千",
        "2,00",
        "20,0000",
        "1..5万",
        "十百",
        "万万",
        "二2",
        "五十六七",
        "1-2",
    ] {
        assert!(parse_chinese_number(s).is_err(), "{s}");
    }
    let e = parse_chinese_number("二○五旅");
    assert!(e.is_err_and(|e| e.message.contains('旅')));
    let e = parse_chinese_number("99999999999999999999");
    assert_eq!(e.map_err(|e| e.kind), Err(SizeErrorKind::TooLarge));
    let e = parse_chinese_number("九千亿亿");
    assert!(e.is_err());
}

#[test]
fn brigade_number_is_not_a_size() {
    assert_eq!(num("二○五"), 205);
    assert_eq!(rejected("二○五旅").kind, SizeErrorKind::NotANumber);
}

#[test]
fn plain_numbers() {
    assert_eq!(range("11人"), (11, Some(11)));
    assert_eq!(range("5000人"), (5000, Some(5000)));
    assert_eq!(range("26个"), (26, Some(26)));
    assert_eq!(range("33 家"), (33, Some(33)));
    assert_eq!(range("13个"), (13, Some(13)));
    assert_eq!(range("30次"), (30, Some(30)));
    assert_eq!(range("13辆"), (13, Some(13)));
    assert_eq!(range("9个"), (9, Some(9)));
    assert_eq!(range("28个"), (28, Some(28)));
    assert_eq!(range("两个"), (2, Some(2)));
    assert_eq!(range("1000人次"), (1000, Some(1000)));
    assert_eq!(range("５０００人"), (5000, Some(5000)));
    let r = size("5000人");
    assert_eq!(r.display_en(), "5,000");
    assert_eq!(r.display_zh(), "5000人");
    assert_eq!(r.midpoint(), Some(5000));
    assert_eq!(size("11人").display_en(), "11");
}

#[test]
fn more_than() {
    for (s, n) in [
        ("100余人", 100),
        ("2万余人", 20_000),
        ("2 万余人", 20_000),
        ("两万余人", 20_000),
        ("6000余名", 6000),
        ("30余人", 30),
        ("20余人", 20),
        ("4000余人", 4000),
        ("5000余名", 5000),
        ("500 余人", 500),
        ("十多人", 10),
        ("三百多名", 300),
        ("百余人", 100),
        ("万余人", 10_000),
    ] {
        let r = size(s);
        assert_eq!((r.min, r.max), (n, None), "{s}");
        assert_eq!(r.midpoint(), None);
        assert!(r.contains(n) && r.contains(u32::MAX) && !r.contains(n - 1));
    }
    assert_eq!(size("2万余人").display_en(), "more than 20,000");
    assert_eq!(size("100余人").display_en(), "more than 100");
    assert_eq!(size("2 万余人").display_zh(), "2 万余人");
}

#[test]
fn at_least() {
    let r = size("200人以上");
    assert_eq!((r.min, r.max), (200, None));
    assert_eq!(r.display_en(), "200 or more");
    let r = size("上千名");
    assert_eq!((r.min, r.max), (1000, None));
    assert_eq!(r.display_en(), "1,000 or more");
    assert_eq!(range("上万"), (10_000, None));
    assert_eq!(range("上百人"), (100, None));
    assert_eq!(range("上万人"), (10_000, None));
}

#[test]
fn paired_digits() {
    let r = size("六七百人");
    assert_eq!((r.min, r.max), (600, Some(700)));
    assert_eq!(r.display_en(), "600–700");
    assert_eq!(r.midpoint(), Some(650));
    assert!(r.contains(600) && r.contains(700) && !r.contains(701) && !r.contains(599));
    assert_eq!(range("三四千"), (3000, Some(4000)));
    assert_eq!(range("两三万"), (20_000, Some(30_000)));
    assert_eq!(range("一两百"), (100, Some(200)));
    assert_eq!(range("七八十人"), (70, Some(80)));
    assert_eq!(range("十七八人"), (17, Some(18)));
    assert_eq!(range("二十七八万"), (270_000, Some(280_000)));
    assert_eq!(range("一万二三千"), (12_000, Some(13_000)));
    assert_eq!(range("三百四五十"), (340, Some(350)));
    assert_eq!(size("三四千").display_en(), "3,000–4,000");
}

#[test]
fn several() {
    let r = size("数百人");
    assert_eq!((r.min, r.max), (200, Some(900)));
    assert_eq!(r.display_en(), "several hundred (200–900)");
    assert_eq!(range("数百次"), (200, Some(900)));
    assert_eq!(range("数千"), (2000, Some(9000)));
    assert_eq!(size("数千").display_en(), "several thousand (2,000–9,000)");
    assert_eq!(range("数十"), (20, Some(90)));
    assert_eq!(size("数十人").display_en(), "dozens (20–90)");
    assert_eq!(range("数万"), (20_000, Some(90_000)));
    assert_eq!(size("数万").display_en(), "tens of thousands (20,000–90,000)");
    assert_eq!(range("数十万"), (200_000, Some(900_000)));
    assert_eq!(range("几百人"), (200, Some(900)));
    assert_eq!(size("几百人").display_en(), "several hundred (200–900)");
    assert_eq!(range("几十"), (20, Some(90)));
    assert_eq!(range("数百余人"), (200, None));
}

#[test]
fn odd_tens() {
    let r = size("十几人");
    assert_eq!((r.min, r.max), (11, Some(19)));
    assert_eq!(r.display_en(), "11–19");
    assert_eq!(range("二十几"), (21, Some(29)));
    assert_eq!(range("十几万"), (110_000, Some(190_000)));
}

#[test]
fn dash_ranges() {
    for s in [
        "600-700",
        "600–700",
        "600—700",
        "600 - 700人",
        "600~700",
        "六百至七百人",
    ] {
        assert_eq!(range(s), (600, Some(700)), "{s}");
        assert_eq!(size(s).display_en(), "600–700");
    }
    assert_eq!(range("1,000-2,000"), (1000, Some(2000)));
    assert_eq!(range("600-600"), (600, Some(600)));
}

#[test]
fn about() {
    for s in ["约1000人", "大约1000人", "1000人左右", "1000人上下", "约一千人"] {
        let r = size(s);
        assert_eq!((r.min, r.max), (900, Some(1100)), "{s}");
        assert_eq!(r.display_en(), "about 1,000", "{s}");
        assert_eq!(r.midpoint(), Some(1000));
    }
    let r = size("约六七百人");
    assert_eq!((r.min, r.max), (600, Some(700)));
    assert_eq!(r.display_en(), "about 600–700");
    assert_eq!(range("约5人"), (5, Some(5)));
}

#[test]
fn display_of_hand_built_values() {
    let r = SizeRange {
        min: 10,
        max: Some(20),
        text: "2万余人".to_string(),
    };
    assert_eq!(r.display_en(), "10–20");
    let r = SizeRange {
        min: 7,
        max: None,
        text: String::new(),
    };
    assert_eq!(r.display_en(), "7 or more");
    assert_eq!(r.display_zh(), "");
}

#[test]
fn from_str() {
    let r: SizeRange = " 六七百人 ".parse().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.text, "六七百人");
    assert_eq!((r.min, r.max), (600, Some(700)));
}

#[test]
fn thousands_separators() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1000), "1,000");
    assert_eq!(thousands(20_000), "20,000");
    assert_eq!(thousands(1_234_567), "1,234,567");
}

#[test]
fn rejections() {
    assert_eq!(rejected("").kind, SizeErrorKind::Empty);
    assert_eq!(rejected("  ").kind, SizeErrorKind::Empty);
    for s in [
        "人",
        "余人",
        "garbage",
        "许多人",
        "数人",
        "数",
        "几",
        "几几百",
        "二几",
        "六八百",
        "600-",
        "-700",
        "600-700-800",
        "约100余人",
        "100余人以上",
        "二○五旅",
        "5000人马",
        "1.5人",
        "上",
        "以上",
    ] {
        let e = rejected(s);
        assert!(!e.message.is_empty(), "{s}");
    }
    assert_eq!(rejected("700-600").kind, SizeErrorKind::BadRange);
    assert_eq!(rejected("5000000000人").kind, SizeErrorKind::TooLarge);
    assert_eq!(rejected("五十亿").kind, SizeErrorKind::TooLarge);
    assert_eq!(rejected("99999999999999999999999").kind, SizeErrorKind::TooLarge);
    let e = rejected("5000人马");
    assert!(e.to_string().contains('马'), "{e}");
    let e = rejected("700-600");
    assert!(e.to_string().contains("below its start"), "{e}");
}
