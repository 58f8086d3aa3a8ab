//! Property tests on structured random input (the `arbitrary` crate fed by
//! a seeded SplitMix64, so every run is the same and a failure names its
//! case): what a point file says is what is read, whatever its text holds;
//! every date and size written the documented ways reads back as written;
//! arbitrary strings and JSON never panic the parsers and loaders.
//!
//! `CHRONOATLAS_FUZZ_CASES=100000 cargo test --release --test it properties`
//! runs longer (the default is a few thousand cases per property).
use arbitrary::{Arbitrary, Unstructured};
use chronoatlas::io::points;
use chronoatlas::model::date::days_from_civil;
use chronoatlas::model::{HistDate, SizeRange};

use crate::common::Rng;

fn cases(default: usize) -> usize {
    std::env::var("CHRONOATLAS_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Runs `check` on `n` values of `T` made from random bytes.
fn for_all<T: for<'a> Arbitrary<'a> + std::fmt::Debug>(seed: u64, n: usize, mut check: impl FnMut(&T)) {
    let mut rng = Rng(seed);
    let mut bytes = Vec::new();
    for _ in 0..n {
        bytes.clear();
        bytes.extend((0..rng.below(2048)).map(|_| rng.next() as u8));
        let mut u = Unstructured::new(&bytes);
        if let Ok(value) = T::arbitrary(&mut u) {
            check(&value);
        }
    }
}

// ------------------------------------------------------------------ dates

/// A day of the proleptic Gregorian calendar, years 1..=9999.
#[derive(Debug, Clone, Copy)]
struct Ymd(i32, u32, u32);

fn month_days(y: i32, m: u32) -> u32 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl<'a> Arbitrary<'a> for Ymd {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let y = u.int_in_range(1..=9999)?;
        let m = u.int_in_range(1..=12)?;
        let d = u.int_in_range(1..=month_days(y, m))?;
        Ok(Ymd(y, m, d))
    }
}

#[test]
fn a_day_written_any_documented_way_reads_as_that_day() {
    for_all::<Ymd>(1, cases(5_000), |&Ymd(y, m, d)| {
        let day = days_from_civil(y, m, d);
        for text in [
            format!("{y:04}-{m:02}-{d:02}"),
            format!("{y}年{m}月{d}日"),
            format!("{y}年{m}月{d}号"),
        ] {
            let got: HistDate = text.parse().unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!((got.earliest(), got.latest()), (day, day), "{text}");
            // EDTF written back reads as the same four days.
            let again: HistDate = got.edtf().parse().unwrap();
            assert_eq!(
                again.earliest_start,
                got.earliest_start,
                "{text} -> {}",
                got.edtf()
            );
            assert_eq!(again.latest_end, got.latest_end, "{text} -> {}", got.edtf());
        }
        // A month covers its first to its last day.
        let month: HistDate = format!("{y}年{m}月").parse().unwrap();
        assert_eq!(month.earliest(), days_from_civil(y, m, 1));
        assert_eq!(month.latest(), days_from_civil(y, m, month_days(y, m)));
    });
}

#[derive(Debug, Arbitrary)]
struct TwoDays(Ymd, Ymd);

#[test]
fn an_interval_keeps_its_ends_and_refuses_them_reversed() {
    for_all::<TwoDays>(2, cases(5_000), |TwoDays(a, b)| {
        let (da, db) = (days_from_civil(a.0, a.1, a.2), days_from_civil(b.0, b.1, b.2));
        let text = format!(
            "{:04}-{:02}-{:02}/{:04}-{:02}-{:02}",
            a.0, a.1, a.2, b.0, b.1, b.2
        );
        match text.parse::<HistDate>() {
            Ok(d) => {
                assert!(da <= db, "{text} was accepted with its end first");
                assert_eq!((d.earliest(), d.latest()), (da, db), "{text}");
            }
            Err(_) => assert!(da > db, "{text} was refused"),
        }
    });
}

#[test]
fn arbitrary_text_never_panics_the_date_and_size_parsers() {
    for_all::<String>(3, cases(20_000), |s| {
        if let Ok(d) = s.parse::<HistDate>() {
            assert!(d.earliest() <= d.latest(), "{s:?}");
        }
        if let Ok(z) = s.parse::<SizeRange>() {
            assert!(z.max.is_none_or(|m| m >= z.min), "{s:?}");
        }
    });
}

// ------------------------------------------------------------------ sizes

#[derive(Debug, Arbitrary)]
struct TwoCounts(u16, u16);

#[test]
fn sizes_written_the_documented_ways_read_as_written() {
    for_all::<TwoCounts>(4, cases(5_000), |&TwoCounts(a, b)| {
        let (a, b) = (u32::from(a.max(1)), u32::from(b.max(1)));
        let exact: SizeRange = format!("{a}人").parse().unwrap();
        assert_eq!((exact.min, exact.max), (a, Some(a)));
        let more: SizeRange = format!("{a}余人").parse().unwrap();
        assert_eq!((more.min, more.max), (a, None), "{a}余人 is open above");
        let (lo, hi) = (a.min(b), a.max(b));
        let range: SizeRange = format!("{lo}-{hi}").parse().unwrap();
        assert_eq!((range.min, range.max), (lo, Some(hi)));
    });
}

// ------------------------------------------------------------ point files

/// One row of a point file: any title (commas, quotes, new lines, any
/// script), a point anywhere, a day and maybe an end.
#[derive(Debug)]
struct Row {
    title: String,
    lon: f64,
    lat: f64,
    start: Ymd,
    days: Option<u16>,
}

impl<'a> Arbitrary<'a> for Row {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        // Coordinates as a spreadsheet writes them: up to 6 decimals.
        let lon = f64::from(u.int_in_range(-180_000_000..=180_000_000)?) / 1e6;
        let lat = f64::from(u.int_in_range(-85_000_000..=85_000_000)?) / 1e6;
        Ok(Row {
            // Any text but NUL, which marks a binary file (refused as such).
            title: String::arbitrary(u)?.replace('\0', ""),
            lon,
            lat,
            // Ends stay within four-digit years.
            start: match Ymd::arbitrary(u)? {
                Ymd(y, m, d) if y > 9_800 => Ymd(y - 9_000, m, d.min(28)),
                ymd => ymd,
            },
            days: if bool::arbitrary(u)? {
                Some(u.int_in_range(0..=36_500)?)
            } else {
                None
            },
        })
    }
}

fn iso(day: i32) -> String {
    chronoatlas::model::date::format_iso(day)
}

#[test]
fn a_csv_of_any_rows_reads_back_row_for_row() {
    for_all::<Vec<Row>>(5, cases(1_500), |rows| {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["id", "lon", "lat", "start", "end", "title"])
            .unwrap();
        for (i, r) in rows.iter().enumerate() {
            let start = days_from_civil(r.start.0, r.start.1, r.start.2);
            let end = r.days.map(|n| iso(start + i32::from(n))).unwrap_or_default();
            w.write_record([
                format!("e{i}"),
                r.lon.to_string(),
                r.lat.to_string(),
                iso(start),
                end,
                r.title.clone(),
            ])
            .unwrap();
        }
        let bytes = w.into_inner().unwrap();
        let loaded = points::load_csv("rows.csv", &bytes);
        let text = String::from_utf8_lossy(&bytes);
        let errors: Vec<String> = loaded.errors().map(ToString::to_string).collect();
        if rows.is_empty() {
            assert!(
                errors.iter().any(|e| e.contains("no rows under the header")),
                "{errors:#?}"
            );
            return;
        }
        assert!(errors.is_empty(), "{errors:?}\n{text:?}");
        assert_eq!(loaded.dataset.event_count(), rows.len(), "{text:?}");
        for (i, r) in rows.iter().enumerate() {
            // The table is kept in order of start: found by id.
            let n = loaded.dataset.points.find(&format!("e{i}")).unwrap();
            let (event, place) = loaded.dataset.points.row(n).unwrap();
            assert_eq!(event.id, format!("e{i}"));
            assert!(
                (place.lon - r.lon).abs() < 1e-9 && (place.lat - r.lat).abs() < 1e-9,
                "{text}"
            );
            let start = days_from_civil(r.start.0, r.start.1, r.start.2);
            let end = start + r.days.map_or(0, i32::from);
            assert_eq!(
                (event.when.earliest(), event.when.latest()),
                (start, end),
                "row {i}\n{text}"
            );
        }
    });
}

/// JSON of any shape, a few levels deep, as a feature's parts.
#[derive(Debug)]
struct Json(serde_json::Value);

impl<'a> Arbitrary<'a> for Json {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        fn value(u: &mut Unstructured<'_>, depth: u32) -> arbitrary::Result<serde_json::Value> {
            use serde_json::Value;
            let pick = if depth > 3 {
                u.int_in_range(0..=4)?
            } else {
                u.int_in_range(0..=6)?
            };
            Ok(match pick {
                0 => Value::Null,
                1 => Value::Bool(bool::arbitrary(u)?),
                2 => serde_json::Number::from_f64(f64::arbitrary(u)?).map_or(Value::Null, Value::Number),
                3 => Value::from(i64::arbitrary(u)?),
                4 => Value::String(String::arbitrary(u)?),
                5 => Value::Array(
                    (0..u.int_in_range(0..=4)?)
                        .map(|_| value(u, depth + 1))
                        .collect::<Result<_, _>>()?,
                ),
                _ => {
                    let keys = [
                        "id",
                        "date",
                        "start",
                        "end",
                        "when",
                        "title",
                        "size",
                        "lon",
                        "type",
                        "coordinates",
                        "timespans",
                        "in",
                    ];
                    let mut m = serde_json::Map::new();
                    for _ in 0..u.int_in_range(0..=5)? {
                        let k = if bool::arbitrary(u)? {
                            u.choose(&keys)?.to_string()
                        } else {
                            String::arbitrary(u)?
                        };
                        m.insert(k, value(u, depth + 1)?);
                    }
                    Value::Object(m)
                }
            })
        }
        Ok(Json(value(u, 0)?))
    }
}

#[test]
fn geojson_features_of_any_shape_never_panic_and_errors_name_a_line() {
    for_all::<Vec<(Json, Json)>>(6, cases(3_000), |features| {
        let features: Vec<serde_json::Value> = features
            .iter()
            .map(|(geometry, properties)| {
                serde_json::json!({"type": "Feature", "geometry": geometry.0, "properties": properties.0})
            })
            .collect();
        let text = serde_json::to_string_pretty(&serde_json::json!({
            "type": "FeatureCollection",
            "features": features,
        }))
        .unwrap();
        let loaded = points::load_geojson("f.geojson", text.as_bytes());
        for p in loaded.errors() {
            assert!(p.line > 0 || p.message.contains("no point"), "{p}\n{text}");
        }
    });
}
