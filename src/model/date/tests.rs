//! Unit tests of `model::date`: the calendar, both parsers, the bounds
//! and the display.
use super::*;

#[test]
fn epoch_and_known_days() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(1969, 12, 31), -1);
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    assert_eq!(days_from_civil(1937, 9, 18), -11_793);
    assert_eq!(civil_from_days(-11_793), (1937, 9, 18));
    assert_eq!(days_from_civil(0, 3, 1), -719_468);
    assert_eq!(civil_from_days(-719_468), (0, 3, 1));
}

#[test]
fn leap_years() {
    assert!(!is_leap(1900));
    assert!(is_leap(2000));
    assert!(is_leap(1940));
    assert!(!is_leap(1937));
    assert!(is_leap(0));
    assert!(is_leap(-4));
    assert!(!is_leap(-100));
    assert!(is_leap(-400));
    assert_eq!(days_in_month(1900, 2), 28);
    assert_eq!(days_in_month(2000, 2), 29);
    assert_eq!(days_in_month(1937, 9), 30);
    assert_eq!(days_in_month(1937, 13), 0);
    assert_eq!(days_in_month(1937, 0), 0);
}

#[test]
fn carry_over_is_total() {
    assert_eq!(days_from_civil(1937, 2, 30), days_from_civil(1937, 3, 2));
    assert_eq!(days_from_civil(1937, 13, 1), days_from_civil(1938, 1, 1));
    assert_eq!(days_from_civil(1937, 3, 0), days_from_civil(1937, 2, 28));
    assert_eq!(days_from_civil(i32::MAX, 12, u32::MAX), Day::MAX);
    assert_eq!(days_from_civil(i32::MIN, 1, 1), Day::MIN);
    // Extremes convert back without overflow.
    let _ = civil_from_days(Day::MIN);
    let _ = civil_from_days(Day::MAX);
}

#[test]
fn iso_text() {
    assert_eq!(format_iso(days_from_civil(1937, 9, 18)), "1937-09-18");
    assert_eq!(format_iso(days_from_civil(-44, 3, 15)), "-0044-03-15");
    assert_eq!(format_iso(days_from_civil(0, 1, 1)), "0000-01-01");
    assert_eq!(format_iso(days_from_civil(5, 6, 7)), "0005-06-07");
    assert_eq!(format_iso(days_from_civil(12345, 1, 1)), "12345-01-01");
}

#[test]
fn round_trip_wide_range() {
    let mut z = -800_000;
    while z <= 800_000 {
        let (y, m, d) = civil_from_days(z);
        assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
        assert_eq!(days_from_civil(y, m, d), z, "day {z}");
        z += 997;
    }
}

#[test]
fn round_trip_every_day_of_some_years() {
    for y in [-45, -44, -1, 0, 1, 1582, 1899, 1900, 1937, 1940, 2000] {
        let mut expected = days_from_civil(y, 1, 1);
        for m in 1..=12 {
            for d in 1..=days_in_month(y, m) {
                let z = days_from_civil(y, m, d);
                assert_eq!(z, expected);
                assert_eq!(civil_from_days(z), (y, m, d));
                expected += 1;
            }
        }
        assert_eq!(expected, days_from_civil(y + 1, 1, 1));
    }
}

fn parse(s: &str) -> HistDate {
    match s.parse::<HistDate>() {
        Ok(d) => d,
        Err(e) => panic!("{s}: {e}"),
    }
}

/// Earliest and latest day as ISO text.
fn span(s: &str) -> (String, String) {
    parse(s).range_text_iso()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

/// All four bounds as ISO text.
fn bounds(s: &str) -> [String; 4] {
    let d = parse(s);
    [d.earliest_start, d.latest_start, d.earliest_end, d.latest_end].map(format_iso)
}

fn rejected(s: &str) -> DateError {
    match s.parse::<HistDate>() {
        Ok(d) => panic!("{s} should be rejected, got {d:?}"),
        Err(e) => e,
    }
}

// --- the date phrases of the source text, one test each ---

#[test]
fn src_1937_10_early() {
    // The text writes it with spaces: "1937 年10 月初".
    for s in ["1937年10月初", "1937 年10 月初"] {
        let d = parse(s);
        assert_eq!(d.range_text_iso(), pair("1937-10-01", "1937-10-10"));
        assert_eq!(d.display_zh(), "1937年10月初");
        assert_eq!(d.display_en(), "early October 1937");
        assert_eq!(d.edtf(), "1937-10-01/1937-10-10");
        assert!(!d.is_interval());
    }
}

#[test]
fn src_1937_09_18() {
    let d = parse("1937年9月18日");
    assert_eq!(d.range_text_iso(), pair("1937-09-18", "1937-09-18"));
    assert_eq!(d.earliest(), days_from_civil(1937, 9, 18));
    assert_eq!(d.display_zh(), "1937年9月18日");
    assert_eq!(d.display_en(), "18 September 1937");
    assert_eq!(d.edtf(), "1937-09-18");
}

#[test]
fn src_1937_11_08() {
    assert_eq!(span("1937年11月8日"), pair("1937-11-08", "1937-11-08"));
    assert_eq!(parse("1937年11月8日").display_en(), "8 November 1937");
}

#[test]
fn src_late_september_needs_a_year() {
    let e = rejected("9月下旬");
    assert_eq!(e.kind, DateErrorKind::NoYear);
    assert!(e.to_string().contains("1937年9月下旬"), "{e}");
    let d = parse("1937年9月下旬");
    assert_eq!(d.range_text_iso(), pair("1937-09-21", "1937-09-30"));
    assert_eq!(d.display_zh(), "1937年9月下旬");
    assert_eq!(d.display_en(), "late September 1937");
}

#[test]
fn src_1938_02_19_with_space() {
    let d = parse("1938年2月19 日");
    assert_eq!(d.range_text_iso(), pair("1938-02-19", "1938-02-19"));
    assert_eq!(d.text, "1938年2月19 日");
    assert_eq!(d.display_zh(), "1938年2月19日");
}

#[test]
fn src_dec_1937_to_jan_1938() {
    let d = parse("1937年12月至1938年1月");
    assert!(d.is_interval());
    assert_eq!(
        bounds("1937年12月至1938年1月"),
        ["1937-12-01", "1937-12-31", "1938-01-01", "1938-01-31"]
    );
    assert_eq!(d.range_text_iso(), pair("1937-12-01", "1938-01-31"));
    assert_eq!(d.display_zh(), "1937年12月至1938年1月");
    assert_eq!(d.display_en(), "December 1937 – January 1938");
    assert_eq!(d.edtf(), "1937-12/1938-01");
}

#[test]
fn src_1938_07_04() {
    assert_eq!(span("1938年7月4日"), pair("1938-07-04", "1938-07-04"));
}

#[test]
fn src_1938_09() {
    let d = parse("1938年9月");
    assert_eq!(d.range_text_iso(), pair("1938-09-01", "1938-09-30"));
    assert_eq!(d.display_en(), "September 1938");
    assert_eq!(d.edtf(), "1938-09");
}

#[test]
fn src_winter_1937() {
    let d = parse("1937年冬");
    assert_eq!(d.range_text_iso(), pair("1937-11-01", "1938-02-28"));
    assert_eq!(d.display_zh(), "1937年冬");
    assert_eq!(d.display_en(), "winter 1937");
    assert_eq!(d.edtf(), "1937-24");
}

#[test]
fn src_spring_1938() {
    let d = parse("1938年春");
    assert_eq!(d.range_text_iso(), pair("1938-02-01", "1938-05-31"));
    assert_eq!(d.display_en(), "spring 1938");
}

#[test]
fn src_1939_05_01() {
    assert_eq!(span("1939年5月1日"), pair("1939-05-01", "1939-05-01"));
}

#[test]
fn src_1940() {
    let d = parse("1940年");
    assert_eq!(d.range_text_iso(), pair("1940-01-01", "1940-12-31"));
    assert_eq!(d.display_zh(), "1940年");
    assert_eq!(d.display_en(), "1940");
    assert_eq!(d.edtf(), "1940");
}

#[test]
fn src_start_of_1938() {
    for s in ["1938年年初", "1938年初"] {
        let d = parse(s);
        assert_eq!(d.range_text_iso(), pair("1938-01-01", "1938-03-31"));
        assert_eq!(d.display_zh(), "1938年年初");
        assert_eq!(d.display_en(), "early 1938");
        assert_eq!(d.edtf(), "1938-01-01/1938-03-31");
    }
}

#[test]
fn src_summer_1938() {
    assert_eq!(span("1938年夏"), pair("1938-05-01", "1938-08-31"));
    assert_eq!(span("1938年夏季"), pair("1938-05-01", "1938-08-31"));
    assert_eq!(span("1938年夏天"), pair("1938-05-01", "1938-08-31"));
}

#[test]
fn src_1939() {
    assert_eq!(span("1939年"), pair("1939-01-01", "1939-12-31"));
}

#[test]
fn src_after_1941_and_up_to_1940() {
    let d = parse("1941年后");
    assert_eq!(d.range_text_iso(), ("1941-01-01".into(), "..".into()));
    assert!(d.open_end());
    let d = parse("到1940年为止");
    assert_eq!(d.range_text_iso(), ("..".into(), "1940-12-31".into()));
    assert!(d.open_start());
    assert_eq!(
        parse("1940年为止").range_text_iso(),
        ("..".into(), "1940-12-31".into())
    );
    // 前后 still means "around", not "after".
    assert!(parse("1937年10月前后").is_approximate());
}

#[test]
fn src_1941() {
    assert_eq!(span("1941年"), pair("1941-01-01", "1941-12-31"));
}

// --- other Chinese forms ---

#[test]
fn zh_parts_of_months_and_years() {
    assert_eq!(span("1937年9月上旬"), pair("1937-09-01", "1937-09-10"));
    assert_eq!(span("1937年9月中旬"), pair("1937-09-11", "1937-09-20"));
    assert_eq!(span("1937年10月中"), pair("1937-10-11", "1937-10-20"));
    assert_eq!(span("1937年10月底"), pair("1937-10-21", "1937-10-31"));
    assert_eq!(span("1937年10月末"), pair("1937-10-21", "1937-10-31"));
    assert_eq!(span("1940年2月下旬"), pair("1940-02-21", "1940-02-29"));
    assert_eq!(span("1938年年底"), pair("1938-10-01", "1938-12-31"));
    assert_eq!(span("1938年年末"), pair("1938-10-01", "1938-12-31"));
    assert_eq!(span("1938年底"), pair("1938-10-01", "1938-12-31"));
    assert_eq!(span("1938年秋"), pair("1938-08-01", "1938-11-30"));
    assert_eq!(span("1938年秋季"), pair("1938-08-01", "1938-11-30"));
    assert_eq!(parse("1937年10月末").display_zh(), "1937年10月底");
    assert_eq!(parse("1937年9月中旬").display_en(), "mid-September 1937");
    assert_eq!(parse("1938年年末").display_en(), "late 1938");
}

#[test]
fn zh_full_width_and_spaces() {
    assert_eq!(span("１９３７年９月１８日"), pair("1937-09-18", "1937-09-18"));
    assert_eq!(
        span("1937\u{3000}年 9 月 18 日"),
        pair("1937-09-18", "1937-09-18")
    );
    assert_eq!(span("  1937年9月18号 "), pair("1937-09-18", "1937-09-18"));
}

#[test]
fn zh_ranges() {
    assert_eq!(
        bounds("1938年春至1939年5月1日"),
        ["1938-02-01", "1938-05-31", "1939-05-01", "1939-05-01"]
    );
    // The right side keeps the left's year, or year and month.
    assert_eq!(
        bounds("1937年9月至10月"),
        ["1937-09-01", "1937-09-30", "1937-10-01", "1937-10-31"]
    );
    assert_eq!(
        bounds("1937年9月18日至20日"),
        ["1937-09-18", "1937-09-18", "1937-09-20", "1937-09-20"]
    );
    for s in [
        "1937年12月到1938年1月",
        "1937年12月-1938年1月",
        "1937年12月–1938年1月",
        "1937年12月 — 1938年1月",
        "1937年12月～1938年1月",
    ] {
        assert_eq!(span(s), pair("1937-12-01", "1938-01-31"), "{s}");
    }
    // 冬至 in a range is 冬 followed by 至.
    assert_eq!(
        bounds("1937年冬至1938年春"),
        ["1937-11-01", "1938-02-28", "1938-02-01", "1938-05-31"]
    );
    assert_eq!(
        parse("1938年春至1939年5月1日").display_en(),
        "spring 1938 – 1 May 1939"
    );
}

#[test]
fn zh_open_ranges() {
    let d = parse("1938年3月以后");
    assert!(d.open_end() && !d.open_start() && d.is_interval());
    assert_eq!(d.range_text_iso(), pair("1938-03-01", ".."));
    assert_eq!(d.latest(), Day::MAX);
    assert_eq!(d.earliest_end, Day::MAX);
    assert_eq!(d.display_zh(), "1938年3月以后");
    assert_eq!(d.display_en(), "from March 1938");
    assert_eq!(d.edtf(), "1938-03/..");
    let d = parse("1937年7月以前");
    assert!(d.open_start() && !d.open_end());
    assert_eq!(d.range_text_iso(), pair("..", "1937-07-31"));
    assert_eq!(d.earliest(), Day::MIN);
    assert_eq!(d.latest_start, Day::MIN);
    assert_eq!(d.display_zh(), "1937年7月以前");
    assert_eq!(d.display_en(), "until July 1937");
    assert_eq!(d.edtf(), "../1937-07");
    for s in ["1938年3月之后", "1938年3月以来", "1938年3月起"] {
        assert_eq!(span(s), pair("1938-03-01", ".."), "{s}");
    }
    assert_eq!(span("1937年7月之前"), pair("..", "1937-07-31"));
}

#[test]
fn zh_qualifiers() {
    let d = parse("约1937年10月");
    assert!(d.is_approximate() && !d.is_uncertain());
    assert_eq!(d.range_text_iso(), pair("1937-09-01", "1937-11-30"));
    assert_eq!(d.display_zh(), "约1937年10月");
    assert_eq!(d.display_en(), "c. October 1937");
    assert_eq!(d.edtf(), "1937-10~");
    for s in ["1937年10月前后", "1937年10月左右", "大约1937年10月"] {
        assert_eq!(span(s), pair("1937-09-01", "1937-11-30"), "{s}");
        assert_eq!(parse(s).display_zh(), "约1937年10月");
    }
    let d = parse("1938年?");
    assert!(d.is_uncertain() && !d.is_approximate());
    assert_eq!(d.range_text_iso(), pair("1938-01-01", "1938-12-31"));
    assert_eq!(d.display_zh(), "1938年?");
    assert_eq!(d.display_en(), "1938?");
    assert_eq!(d.edtf(), "1938?");
    assert!(parse("1938年？").is_uncertain());
    assert_eq!(parse("约1938年?").edtf(), "1938%");
}

#[test]
fn zh_range_qualifiers() {
    // 约 at the start and 前后 at the end cover both ends.
    for s in ["约1937年12月至1938年1月", "1937年12月至1938年1月前后"] {
        let d = parse(s);
        assert_eq!(
            bounds(s),
            ["1937-11-01", "1938-01-31", "1937-12-01", "1938-02-28"],
            "{s}"
        );
        assert_eq!(d.display_zh(), "约1937年12月至1938年1月");
        assert_eq!(d.display_en(), "c. December 1937 – c. January 1938");
        assert_eq!(d.edtf(), "1937-12~/1938-01~");
    }
    let left = parse("1937年12月前后至1938年1月");
    assert_eq!(left.range_text_iso(), pair("1937-11-01", "1938-01-31"));
    assert_eq!(left.latest_start, days_from_civil(1938, 1, 31));
    assert_eq!(left.display_zh(), "1937年12月前后至1938年1月");
    let right = parse("1937年12月至约1938年1月");
    assert_eq!(right.range_text_iso(), pair("1937-12-01", "1938-02-28"));
    assert_eq!(right.display_zh(), "1937年12月至约1938年1月");
    // Displays read back to the same date.
    for d in [left, right] {
        assert_eq!(parse(&d.display_zh()).form, d.form);
    }
}

#[test]
fn years_before_the_common_era() {
    let d = parse("公元前44年");
    assert_eq!(
        d.form,
        DateForm::Single(SingleDate {
            value: DateValue::Year { y: -43 },
            qualifiers: Qualifiers::default(),
        })
    );
    assert_eq!(d.display_zh(), "公元前44年");
    assert_eq!(d.display_en(), "44 BC");
    assert_eq!(d.edtf(), "-0043");
    let d = parse("-0044-03-15");
    assert_eq!(d.range_text_iso(), pair("-0044-03-15", "-0044-03-15"));
    assert_eq!(d.display_en(), "15 March 45 BC");
    assert_eq!(d.display_zh(), "公元前45年3月15日");
    let d = parse("0000");
    assert_eq!(d.display_en(), "1 BC");
    assert_eq!(d.range_text_iso(), pair("0000-01-01", "0000-12-31"));
    assert_eq!(span("-0001-02"), pair("-0001-02-01", "-0001-02-28"));
    assert_eq!(span("0000-02"), pair("0000-02-01", "0000-02-29"));
    assert_eq!(parse("公元1937年").display_zh(), "1937年");
    // Display text reads back to the same date.
    for s in ["-0044-03-15", "0000", "-0100-24", "公元前1年冬"] {
        let d = parse(s);
        assert_eq!(parse(&d.display_zh()).form, d.form, "{s}");
        assert_eq!(parse(&d.edtf()).form, d.form, "{s}");
    }
}

// --- EDTF ---

#[test]
fn edtf_precisions() {
    assert_eq!(span("1937-09-18"), pair("1937-09-18", "1937-09-18"));
    assert_eq!(span("1937-10"), pair("1937-10-01", "1937-10-31"));
    assert_eq!(span("1937"), pair("1937-01-01", "1937-12-31"));
    assert_eq!(span("-0044"), pair("-0044-01-01", "-0044-12-31"));
    assert_eq!(span("1937-21"), pair("1937-02-01", "1937-05-31"));
    assert_eq!(span("1937-22"), pair("1937-05-01", "1937-08-31"));
    assert_eq!(span("1937-23"), pair("1937-08-01", "1937-11-30"));
    assert_eq!(span("1937-24"), pair("1937-11-01", "1938-02-28"));
    assert_eq!(span("1939-24"), pair("1939-11-01", "1940-02-29"));
    assert_eq!(span("1899-24"), pair("1899-11-01", "1900-02-28"));
    assert_eq!(span("1999-24"), pair("1999-11-01", "2000-02-29"));
    assert_eq!(span("１９３７－１０"), pair("1937-10-01", "1937-10-31"));
    assert_eq!(parse("1937-23").display_zh(), "1937年秋");
    assert_eq!(parse(" 1937-10 ").text, "1937-10");
}

#[test]
fn edtf_qualifiers_widen() {
    let d = parse("1937-10~");
    assert!(d.is_approximate() && !d.is_uncertain());
    assert_eq!(d.range_text_iso(), pair("1937-09-01", "1937-11-30"));
    let d = parse("1938?");
    assert!(d.is_uncertain() && !d.is_approximate());
    assert_eq!(d.range_text_iso(), pair("1938-01-01", "1938-12-31"));
    let d = parse("1938%");
    assert!(d.is_uncertain() && d.is_approximate());
    assert_eq!(d.range_text_iso(), pair("1937-01-01", "1939-12-31"));
    assert_eq!(d.display_en(), "c. 1938?");
    assert_eq!(d.display_zh(), "约1938年?");
    assert_eq!(span("1937-09-18~"), pair("1937-09-11", "1937-09-25"));
    assert_eq!(span("1937-12-28~"), pair("1937-12-21", "1938-01-04"));
    assert_eq!(span("1938-01~"), pair("1937-12-01", "1938-02-28"));
    assert_eq!(span("1937-21~"), pair("1937-01-01", "1937-06-30"));
    assert_eq!(span("1937-24~"), pair("1937-10-01", "1938-03-31"));
    assert_eq!(span("约1937年10月初"), pair("1937-09-21", "1937-10-20"));
    assert_eq!(span("约1937年9月下旬"), pair("1937-09-11", "1937-10-10"));
    assert_eq!(span("约1938年年初"), pair("1937-10-01", "1938-06-30"));
    assert_eq!(span("约1938年年底"), pair("1938-07-01", "1939-03-31"));
    assert_eq!(span("约1937年冬"), pair("1937-10-01", "1938-03-31"));
    assert_eq!(span("1937-09-18?"), pair("1937-09-18", "1937-09-18"));
    assert_eq!(parse("1937-09-18?").display_en(), "18 September 1937?");
}

#[test]
fn edtf_intervals() {
    assert_eq!(
        bounds("1937-12/1938-01"),
        ["1937-12-01", "1937-12-31", "1938-01-01", "1938-01-31"]
    );
    assert_eq!(
        bounds("1937-09-18/1937-11-08"),
        ["1937-09-18", "1937-09-18", "1937-11-08", "1937-11-08"]
    );
    assert_eq!(
        bounds("1937-24/1939-05-01~"),
        ["1937-11-01", "1938-02-28", "1939-04-24", "1939-05-08"]
    );
    assert_eq!(parse("1937-10~/1938?").edtf(), "1937-10~/1938?");
    // Overlapping ranges are allowed and clamped.
    assert_eq!(
        bounds("1937/1937-06"),
        ["1937-01-01", "1937-06-30", "1937-06-01", "1937-06-30"]
    );
    assert_eq!(
        bounds("1937-06/1937"),
        ["1937-06-01", "1937-06-30", "1937-06-01", "1937-12-31"]
    );
    assert_eq!(
        bounds("1937-10-05/1937-10"),
        ["1937-10-05", "1937-10-05", "1937-10-05", "1937-10-31"]
    );
    assert_eq!(
        bounds("1937/1937"),
        ["1937-01-01", "1937-12-31", "1937-01-01", "1937-12-31"]
    );
}

#[test]
fn edtf_open_intervals() {
    let d = parse("../1938-03");
    assert!(d.open_start() && !d.open_end());
    assert_eq!(d.range_text_iso(), pair("..", "1938-03-31"));
    assert_eq!((d.earliest_start, d.latest_start), (Day::MIN, Day::MIN));
    assert_eq!(d.display_en(), "until March 1938");
    assert_eq!(d.edtf(), "../1938-03");
    let d = parse("1938-03/..");
    assert!(d.open_end() && !d.open_start());
    assert_eq!(d.range_text_iso(), pair("1938-03-01", ".."));
    assert_eq!((d.earliest_end, d.latest_end), (Day::MAX, Day::MAX));
    assert_eq!(d.display_zh(), "1938年3月以后");
    assert_eq!(d.edtf(), "1938-03/..");
    assert_eq!(span("-0044/.."), pair("-0044-01-01", ".."));
}

#[test]
fn edtf_of_parts_inside_intervals_widens() {
    let d = parse("1937年10月初至1938年年初");
    assert_eq!(
        bounds("1937年10月初至1938年年初"),
        ["1937-10-01", "1937-10-10", "1938-01-01", "1938-03-31"]
    );
    assert_eq!(d.edtf(), "1937-10/1938");
    let back = parse(&d.edtf());
    assert!(back.earliest() <= d.earliest() && back.latest() >= d.latest());
    assert_eq!(parse("约1937年10月初").edtf(), "1937-10-01~/1937-10-10~");
}

#[test]
fn edtf_round_trips() {
    for s in [
        "1937-09-18",
        "1937-10",
        "1937",
        "-0044",
        "1937-21",
        "1937-24~",
        "1938?",
        "1938%",
        "1937-12/1938-01",
        "../1938",
        "1938-03-01/..",
        "1937-09~/1938-05-01?",
    ] {
        let d = parse(s);
        assert_eq!(d.edtf(), s);
        assert_eq!(parse(&d.display_zh()).form, d.form, "{s}");
    }
}

#[test]
fn new_checks_forms_built_by_hand() {
    let single = |value| {
        DateForm::Single(SingleDate {
            value,
            qualifiers: Qualifiers::default(),
        })
    };
    let d = HistDate::new(single(DateValue::Month { y: 1937, m: 10 }), "Oct 1937");
    assert_eq!(d.map(|d| d.latest()), Ok(days_from_civil(1937, 10, 31)));
    let e = HistDate::new(single(DateValue::Month { y: 1937, m: 0 }), "bad");
    assert_eq!(e.map_err(|e| e.kind), Err(DateErrorKind::OutOfRange));
    let e = HistDate::new(single(DateValue::Day { y: 1937, m: 2, d: 29 }), "bad");
    assert_eq!(e.map_err(|e| e.kind), Err(DateErrorKind::OutOfRange));
    let e = HistDate::new(
        DateForm::Interval {
            start: None,
            end: None,
        },
        "..",
    );
    assert_eq!(e.map_err(|e| e.kind), Err(DateErrorKind::Syntax));
}

#[test]
fn display_never_panics_on_odd_hand_built_values() {
    let d = HistDate {
        text: String::new(),
        form: DateForm::Single(SingleDate {
            value: DateValue::Day { y: 1937, m: 0, d: 99 },
            qualifiers: Qualifiers::default(),
        }),
        earliest_start: 0,
        latest_start: 0,
        earliest_end: 0,
        latest_end: 0,
    };
    assert_eq!(d.display_en(), "99 ? 1937");
    let _ = (d.display_zh(), d.edtf(), d.range_text_iso());
}

#[test]
fn ranges_of_extreme_hand_built_years_saturate() {
    for y in [i32::MIN, i32::MAX] {
        for value in [
            DateValue::Year { y },
            DateValue::Season {
                y,
                season: Season::Winter,
            },
            DateValue::MonthPart {
                y,
                m: 12,
                part: PartOfMonth::Late,
                style: PartStyle::Edge,
            },
            DateValue::YearPart {
                y,
                part: PartOfYear::End,
            },
            DateValue::Day { y, m: 12, d: 31 },
        ] {
            for approximate in [false, true] {
                let qualifiers = Qualifiers {
                    approximate,
                    uncertain: false,
                };
                // Only the absence of an overflow panic is checked here.
                let _ = SingleDate { value, qualifiers }.range();
            }
        }
    }
}

// --- rejections ---

#[test]
fn rejects_invalid_days_and_months() {
    for s in [
        "1937-02-30",
        "1937-02-29",
        "1900-02-29",
        "1937-04-31",
        "1937-00",
        "1937-13",
        "1937-20",
        "1937-25",
        "1937-99",
        "1937-10-00",
        "1937-10-32",
        "1937年2月30日",
        "1937年13月",
        "1937年0月",
        "1937年9月0日",
        "0年",
        "10000年",
        "公元前0年",
    ] {
        assert_eq!(rejected(s).kind, DateErrorKind::OutOfRange, "{s}");
    }
    let e = rejected("1937-02-30");
    assert!(e.to_string().contains("February 1937"), "{e}");
    let e = rejected("1937-13");
    assert!(e.to_string().contains("month 13"), "{e}");
    let e = rejected("1937年13月");
    assert!(e.to_string().contains("month 13"), "{e}");
}

#[test]
fn rejects_end_before_start() {
    for s in [
        "1938/1937",
        "1937-10/1937-09-30",
        "1938年1月至1937年12月",
        "1937年10月至9月",
        "1937年9月20日至18日",
    ] {
        let e = rejected(s);
        assert_eq!(e.kind, DateErrorKind::EndBeforeStart, "{s}");
        assert!(e.to_string().contains("before the start"), "{e}");
    }
    // Approximation can make them overlap, which is allowed.
    assert_eq!(span("1938~/1937"), pair("1937-01-01", "1937-12-31"));
    assert_eq!(
        bounds("1938/1937-12-31~"),
        ["1938-01-01", "1938-01-07", "1938-01-01", "1938-01-07"]
    );
}

#[test]
fn rejects_empty_and_garbage() {
    assert_eq!(rejected("").kind, DateErrorKind::Empty);
    assert_eq!(rejected("   ").kind, DateErrorKind::Empty);
    for s in [
        "garbage",
        "37",
        "19370",
        "1937-1",
        "1937-001",
        "1937-10-1",
        "1937/10/01",
        "1937-10-01-02",
        "1937-21-01",
        "1937~~",
        "1937?~",
        "1937-?10",
        "19X7",
        "1937 10",
        "..",
        "../..",
        "1937/",
        "/1937",
        "+1937",
        "1937年9月下",
        "1937年10月初旬",
        "一九三七年",
        "1937年冬至",
        "至1938年",
        "1937年至1938年至1939年",
        "1937年9月至",
        "1937年10月以后至1938年",
        "公元前",
        "年",
        "1937年10",
        "1937年9月18",
        "1937年春天天",
        "1937年abc",
        "春",
        "1937年9月至春",
        "18日",
        "1937年至18日",
    ] {
        let e = rejected(s);
        assert!(!e.message.is_empty(), "{s}");
    }
    assert!(rejected("一九三七年").to_string().contains("Arabic"));
    assert!(rejected("1937年冬至").to_string().contains("冬至"));
    assert_eq!(rejected("9月").kind, DateErrorKind::NoYear);
    assert_eq!(rejected("18日").kind, DateErrorKind::NoYear);
    assert_eq!(rejected("1937年至18日").kind, DateErrorKind::NoYear);
    let e = rejected("1937年abc");
    assert!(e.to_string().contains("\"abc\" after \"1937年\""), "{e}");
}

#[test]
fn edtf_unspecified_digits_cover_what_they_leave_open() {
    assert_eq!(span("193X"), pair("1930-01-01", "1939-12-31"));
    assert_eq!(span("19XX"), pair("1900-01-01", "1999-12-31"));
    assert_eq!(span("1XXX"), pair("1000-01-01", "1999-12-31"));
    assert_eq!(span("193X-XX"), pair("1930-01-01", "1939-12-31"));
    assert_eq!(span("1938-XX"), pair("1938-01-01", "1938-12-31"));
    assert_eq!(span("1938-XX-XX"), pair("1938-01-01", "1938-12-31"));
    assert_eq!(span("1938-10-XX"), pair("1938-10-01", "1938-10-31"));
    // Approximate: a decade more on each side; in an interval, each end.
    assert_eq!(span("193X~"), pair("1920-01-01", "1949-12-31"));
    assert_eq!(span("193X/1941"), pair("1930-01-01", "1941-12-31"));
    // Shown as what it says, and written back as EDTF.
    let d = parse("193X");
    assert_eq!(
        (d.display_zh(), d.display_en(), d.edtf()),
        ("1930年代".into(), "the 1930s".into(), "193X".into())
    );
    let d = parse("19XX?");
    assert_eq!(
        (d.display_zh(), d.display_en(), d.edtf()),
        ("1900年至1999年间?".into(), "1900–1999?".into(), "19XX?".into())
    );
    // Only whole trailing digits; only years of the common era.
    for bad in [
        "19X7",
        "1938-1X",
        "1938-X0",
        "193X-10",
        "-003X",
        "1938-13-XX",
        "XXXX-10",
        "1938-XX-10",
    ] {
        let e = bad.parse::<HistDate>().unwrap_err();
        assert!(e.to_string().contains(bad), "{bad}: {e}");
    }
}
