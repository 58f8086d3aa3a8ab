//! `table` in every format, read back by chronoatlas and opened by the
//! tools users take it to (ogrinfo from GDAL, xmllint with the KML 2.2
//! schemas, the World Historical Gazetteer's LPF schema); and the files
//! those tools' users bring: kepler.gl's `_geojson` column, MultiPoints,
//! Linked Places with several timespans per place.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use chronoatlas::model::{Dataset, Event};

use crate::cli::{run, stderr};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `table --format FORMAT` of the bundled data, saved as `name` in `dir`.
fn table(dir: &Path, format: &str, name: &str) -> PathBuf {
    let o = run(&["table", "--format", format]);
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.join(name);
    std::fs::write(&path, &o.stdout).unwrap();
    path
}

/// What a user sees of an event, in micro-degrees: its text, kind, date
/// range, size, its points (with the names they have on its day) and its
/// lines.
#[derive(Debug, PartialEq)]
struct Seen {
    id: String,
    kind: String,
    titles: (String, String),
    date: (String, i32, i32),
    size: Option<String>,
    quote: String,
    points: BTreeSet<(String, i64, i64, String, String)>,
    lines: Vec<Vec<(String, i64, i64)>>,
}

fn micro(x: f64) -> i64 {
    (x * 1e6).round() as i64
}

fn seen(
    ds: &Dataset,
    e: &Event,
    points: Vec<&chronoatlas::model::Place>,
    lines: Vec<Vec<&chronoatlas::model::Place>>,
) -> Seen {
    let day = if e.when.earliest() == i32::MIN {
        e.when.latest()
    } else {
        e.when.earliest()
    };
    let _ = ds;
    Seen {
        id: e.id.clone(),
        kind: e.kind.key().to_string(),
        titles: (e.title_zh.clone(), e.title_en.clone()),
        date: (e.when.text.clone(), e.when.earliest(), e.when.latest()),
        size: e.size.as_ref().map(|s| s.text.clone()),
        quote: e.quote.clone(),
        points: points
            .into_iter()
            .map(|p| {
                let (zh, en) = p.names_at(day);
                (
                    p.id.clone(),
                    micro(p.lon),
                    micro(p.lat),
                    zh.to_string(),
                    en.to_string(),
                )
            })
            .collect(),
        lines: lines
            .into_iter()
            .map(|l| {
                l.into_iter()
                    .map(|p| (p.id.clone(), micro(p.lon), micro(p.lat)))
                    .collect()
            })
            .collect(),
    }
}

/// The bundled events as written: every place they are shown at, and
/// (where the format carries lines) their segments, lines and routes.
fn written(ds: &Dataset, with_lines: bool) -> Vec<Seen> {
    ds.events
        .iter()
        .map(|e| {
            let places = ds.event_places(e);
            let points: Vec<&chronoatlas::model::Place> =
                places.iter().map(|p| ds.place(&p.id).unwrap()).collect();
            let mut lines: Vec<Vec<&chronoatlas::model::Place>> = Vec::new();
            if with_lines {
                lines = ds.event_stretches(e, true);
                lines.extend(
                    e.routes
                        .iter()
                        .map(|r| r.stops().filter_map(|id| ds.place(id)).collect::<Vec<_>>()),
                );
            }
            seen(ds, e, points, lines)
        })
        .collect()
}

/// The events read back: their own places, and their routes as lines.
fn read_back(ds: &Dataset) -> Vec<Seen> {
    ds.events
        .iter()
        .map(|e| {
            let points = e.places.iter().map(|id| ds.place(id).unwrap()).collect();
            let lines = e
                .routes
                .iter()
                .map(|r| r.stops().map(|id| ds.place(id).unwrap()).collect())
                .collect();
            seen(ds, e, points, lines)
        })
        .collect()
}

#[test]
fn csv_geojson_and_linked_places_read_back_as_the_same_events_places_dates_and_geometry() {
    let original = chronoatlas::io::load_bundled().dataset;
    let tmp = tempfile::tempdir().unwrap();
    for (format, name, lines) in [
        ("csv", "events.csv", false),
        ("geojson", "events.geojson", true),
        ("lpf", "events.json", true),
    ] {
        let path = table(tmp.path(), format, name);
        let o = run(&["validate", path.to_str().unwrap()]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        let back = chronoatlas::io::load_path(&path);
        assert!(back.is_valid(), "{format}: {:?}", back.problems);
        // By id: Linked Places lists places, so its events come in the
        // order their places are first named.
        let (mut want, mut got) = (written(&original, lines), read_back(&back.dataset));
        want.sort_by(|a, b| a.id.cmp(&b.id));
        got.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(got.len(), want.len(), "{format}: every event, once");
        for (w, g) in want.iter().zip(&got) {
            assert_eq!(g, w, "{format}");
        }
        // Not vacuous: multi-place events, lines and sizes went through.
        assert!(
            got.iter().filter(|s| s.points.len() > 1).count() >= 10,
            "{format}"
        );
        assert_eq!(
            got.iter().any(|s| s.lines.len() == 1 && s.lines[0].len() > 5),
            lines,
            "{format}"
        );
        assert!(got.iter().filter(|s| s.size.is_some()).count() >= 10, "{format}");
    }
}

#[test]
fn the_csv_starts_with_a_byte_order_mark_unless_asked_not_to() {
    let with = run(&["table"]).stdout;
    assert!(
        with.starts_with(b"\xEF\xBB\xBFrow_id,event_id,"),
        "Excel needs the BOM to read Chinese"
    );
    let without = run(&["table", "--no-bom"]).stdout;
    assert!(without.starts_with(b"row_id,event_id,"));
    assert_eq!(&with[3..], &without[..]);
}

#[test]
fn csv_rows_carry_edtf_iso_date_times_and_decimal_years() {
    let out = String::from_utf8(run(&["table", "--no-bom"]).stdout).unwrap();
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let ids: BTreeSet<&str> = rows.iter().map(|r| &r[col("row_id")]).collect();
    assert_eq!(ids.len(), rows.len(), "row ids are unique");
    let unions = rows
        .iter()
        .find(|r| &r[col("event_id")] == "taiyuan_unions_organised")
        .unwrap();
    assert_eq!(&unions[col("date_text")], "1937年10月初");
    assert_eq!(&unions[col("edtf")], "1937-10-01/1937-10-10");
    assert_eq!(&unions[col("start")], "1937-10-01T00:00:00Z");
    assert_eq!(&unions[col("end")], "1937-10-10T23:59:59Z");
    assert_eq!(&unions[col("start_year")], "1937.7479");
    assert_eq!(&unions[col("size")], "2万余人");
    assert_eq!(
        (&unions[col("size_min")], &unions[col("size_max")]),
        ("20000", "")
    );
    let beiping = rows
        .iter()
        .find(|r| &r[col("event_id")] == "beiping_falls")
        .unwrap();
    assert_eq!(
        (&beiping[col("place_zh")], &beiping[col("place_en")]),
        ("北平", "Beiping"),
        "1937 name"
    );
}

/// Whether `tool` runs here; CI installs it and sets
/// CHRONOATLAS_REQUIRE_GIS_TOOLS, so that a check cannot pass by absence.
fn have(tool: &str) -> bool {
    if Command::new(tool).arg("--version").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CHRONOATLAS_REQUIRE_GIS_TOOLS").is_none(),
        "{tool} is not on the PATH (Debian: gdal-bin, libxml2-utils)"
    );
    eprintln!("note: no {tool} here; that check is left to CI");
    false
}

fn ogrinfo(args: &[&str]) -> String {
    let o = Command::new("ogrinfo")
        .args(["-ro", "-al", "-so"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "ogrinfo {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `Feature Count: N` of each layer ogrinfo lists.
fn counts(info: &str) -> Vec<usize> {
    info.lines()
        .filter_map(|l| l.strip_prefix("Feature Count: "))
        .map(|n| n.trim().parse().unwrap())
        .collect()
}

#[test]
fn ogrinfo_opens_the_csv_geojson_lpf_and_kml_with_their_features_and_date_fields() {
    if !have("ogrinfo") {
        return;
    }
    let ds = chronoatlas::io::load_bundled().dataset;
    let rows: usize = ds.events.iter().map(|e| ds.event_places(e).len()).sum();
    let lines: usize = ds
        .events
        .iter()
        .map(|e| ds.event_stretches(e, true).len() + e.routes.len())
        .sum();
    let tmp = tempfile::tempdir().unwrap();
    let csv = table(tmp.path(), "csv", "events.csv");
    let info = ogrinfo(&[
        "-oo",
        "X_POSSIBLE_NAMES=lon",
        "-oo",
        "Y_POSSIBLE_NAMES=lat",
        "-oo",
        "AUTODETECT_TYPE=YES",
        csv.to_str().unwrap(),
    ]);
    assert!(info.contains("Geometry: Point"), "{info}");
    assert_eq!(counts(&info), [rows]);
    for field in [
        "row_id: String",
        "start: DateTime",
        "end: DateTime",
        "start_year: Real",
        "lon: Real",
    ] {
        assert!(info.contains(field), "CSV: {field}\n{info}");
    }
    let geojson = table(tmp.path(), "geojson", "events.geojson");
    let info = ogrinfo(&[geojson.to_str().unwrap()]);
    assert_eq!(counts(&info), [rows + lines]);
    for field in [
        "start: DateTime",
        "end: DateTime",
        "place_ids: StringList",
        "event_id: String",
    ] {
        assert!(info.contains(field), "GeoJSON: {field}\n{info}");
    }
    let lpf = table(tmp.path(), "lpf", "places.json");
    let info = ogrinfo(&[lpf.to_str().unwrap()]);
    let places: std::collections::HashSet<&str> = ds
        .events
        .iter()
        .flat_map(|e| {
            let mut ids: Vec<&str> = ds
                .event_places(e)
                .iter()
                .map(|p| ds.place(&p.id).unwrap().id.as_str())
                .collect();
            ids.extend(
                ds.event_stretches(e, true)
                    .into_iter()
                    .flatten()
                    .map(|p| p.id.as_str()),
            );
            ids.extend(e.routes.iter().flat_map(|r| r.stops()));
            ids
        })
        .collect();
    assert!(info.contains("Geometry: Geometry Collection"), "LPF: {info}");
    assert_eq!(counts(&info), [places.len()], "LPF: a feature per place");
    assert!(info.contains("title: String"), "LPF: {info}");
    let kml = table(tmp.path(), "kml", "events.kml");
    let info = ogrinfo(&[kml.to_str().unwrap(), "Events"]);
    assert_eq!(counts(&info), [ds.events.len()]);
    for field in ["begin: DateTime", "end: DateTime"] {
        assert!(info.contains(field), "KML: {field}\n{info}");
    }
}

#[test]
fn the_kml_is_valid_kml_2_2_with_a_time_span_per_event_and_each_tour_as_a_gx_tour() {
    let ds = chronoatlas::io::load_bundled().dataset;
    let tmp = tempfile::tempdir().unwrap();
    let kml = table(tmp.path(), "kml", "events.kml");
    let text = std::fs::read_to_string(&kml).unwrap();
    // Structure, checked everywhere.
    assert_eq!(text.matches("<Placemark id=\"e-").count(), ds.events.len());
    assert_eq!(text.matches("<TimeSpan><begin>").count(), ds.events.len());
    assert!(
        text.contains(
            "<TimeSpan><begin>1937-11-08T00:00:00Z</begin><end>1937-11-08T23:59:59Z</end></TimeSpan>"
        )
    );
    assert_eq!(text.matches("<gx:Tour>").count(), ds.tours.len());
    let steps: usize = ds.tours.iter().map(|t| t.steps.len()).sum();
    assert!(text.matches("<gx:FlyTo>").count() >= steps);
    let waits = ds
        .tours
        .iter()
        .flat_map(|t| &t.steps)
        .filter(|s| s.duration_secs.is_some())
        .count();
    assert_eq!(text.matches("<gx:Wait>").count(), waits);
    assert_eq!(
        text.matches("<gx:playMode>pause</gx:playMode>").count(),
        steps - waits
    );
    assert_eq!(
        text.matches("<gx:balloonVisibility>1").count(),
        steps,
        "each caption is shown"
    );
    // Against the schemas, where xmllint is (CI).
    if have("xmllint") {
        let o = Command::new("xmllint")
            .args(["--noout", "--schema"])
            .arg(fixture("schemas/kml22gx.xsd"))
            .arg(&kml)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success() && err.contains("validates"), "{err}");
    }
}

#[test]
fn every_linked_places_feature_passes_the_world_historical_gazetteer_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let lpf = table(tmp.path(), "lpf", "events.json");
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(lpf).unwrap()).unwrap();
    // What WHG's upload checks first (datasets/utils.py, validate_lpf).
    assert_eq!(doc["type"], "FeatureCollection");
    assert!(doc["@context"].as_str().unwrap().contains("linkedplaces-context"));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("schemas/schema_lpf_v1.2.2.json")).unwrap())
            .unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource("lpf.json", schema).unwrap();
    let id = compiler.compile("lpf.json", &mut schemas).unwrap();
    let features = doc["features"].as_array().unwrap();
    assert!(features.len() > 50);
    for f in features {
        if let Err(e) = schemas.validate(f, id) {
            panic!("{}: {e:#}", f["@id"]);
        }
    }
    // And the schema is not a formality: a feature without names fails.
    let mut broken = features[0].clone();
    broken.as_object_mut().unwrap().remove("names");
    assert!(schemas.validate(&broken, id).is_err());
    let beijing = features
        .iter()
        .find(|f| f["@id"] == "chronoatlas:place/beijing")
        .unwrap();
    let names: Vec<&str> = beijing["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["toponym"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"北平") && names.contains(&"Beiping"), "{names:?}");
    assert!(beijing["when"]["timespans"].as_array().unwrap().len() >= 2);
}

#[test]
fn linked_places_with_two_timespans_per_place_load_as_two_events_with_their_bounds() {
    let l = chronoatlas::io::load_path(&fixture("linked_places_two_spans.json"));
    assert!(l.is_valid(), "{:?}", l.problems);
    let ds = &l.dataset;
    let iso = chronoatlas::model::date::format_iso;
    let span = |id: &str| {
        let e = ds.event(id).unwrap_or_else(|| panic!("{id}"));
        (
            iso(e.when.earliest_start),
            iso(e.when.latest_start),
            iso(e.when.earliest_end),
            iso(e.when.latest_end),
        )
    };
    // start {in: 1937}, end {in: 1938-05}: a year and a month.
    assert_eq!(
        span("taiyuan#1"),
        (
            "1937-01-01".into(),
            "1937-12-31".into(),
            "1938-05-01".into(),
            "1938-05-31".into()
        )
    );
    // start {earliest, latest}, end {earliest, latest}: all four kept.
    assert_eq!(
        span("taiyuan#2"),
        (
            "1939-03-01".into(),
            "1939-06-30".into(),
            "1940-01-01".into(),
            "1941-12-31".into()
        )
    );
    // On the Feature (LPF), not in properties; a GeometryCollection's point.
    let t = ds.place("taiyuan").unwrap();
    assert_eq!((t.name_zh.as_str(), t.name_en.as_str()), ("太原", "Taiyuan"));
    assert!((t.lon - 112.5492).abs() < 1e-6);
    // One timespan: the event takes the place's id.
    assert_eq!(iso(ds.event("whg:shimen").unwrap().when.earliest()), "1937-10-10");
    assert_eq!(ds.place("whg:shimen").unwrap().historical_names[0].zh, "石门");
}

#[test]
fn a_timespan_whose_bounds_cross_names_the_feature_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bad.json");
    std::fs::write(
        &path,
        r#"{"type": "FeatureCollection", "features": [
{"@id": "a", "type": "Feature", "properties": {"title": "A"}, "geometry": {"type": "Point", "coordinates": [114, 38]},
 "when": {"timespans": [{"start": {"earliest": "1939", "latest": "1938"}}]}}
]}"#,
    )
    .unwrap();
    let l = chronoatlas::io::load_path(&path);
    let e: Vec<String> = l.errors().map(ToString::to_string).collect();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("bad.json:3:")
            && e[0].contains("place 'a'")
            && e[0].contains("earliest (1939-01-01) is after its latest (1938-12-31)"),
        "{e:?}"
    );
}

#[test]
fn a_multipoint_is_one_event_at_each_point_and_a_linestring_a_route() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("multi.geojson");
    std::fs::write(
        &path,
        r#"{"type": "FeatureCollection", "features": [
{"type": "Feature", "id": "raids", "properties": {"title": "Raids", "date": "1938-03"},
 "geometry": {"type": "MultiPoint", "coordinates": [[114.1, 38.0], [114.6, 37.1], [113.6, 37.9]]}},
{"type": "Feature", "id": "march", "properties": {"title": "March", "start": "1938-04-01", "end": "1938-04-20"},
 "geometry": {"type": "GeometryCollection", "geometries": [
   {"type": "Point", "coordinates": [112.5, 37.9]},
   {"type": "LineString", "coordinates": [[112.5, 37.9], [112.2, 37.5], [111.5, 37.3]]}]}}
]}"#,
    )
    .unwrap();
    let l = chronoatlas::io::load_path(&path);
    assert!(l.is_valid(), "{:?}", l.problems);
    let ds = &l.dataset;
    assert_eq!(ds.event_count(), 2);
    let raids = ds.event("raids").unwrap();
    assert_eq!(ds.event_places(&raids).len(), 3);
    let march = ds.event("march").unwrap();
    assert_eq!(march.routes.len(), 1);
    assert_eq!(march.routes[0].via.len(), 1);
    assert_eq!(
        ds.event_places(&march).len(),
        4,
        "its point and the route's three stops"
    );
}

#[test]
fn kepler_csv_with_a_geojson_column_loads_its_points() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("kepler.csv");
    std::fs::write(
        &path,
        "_geojson,name,timestamp\n\
         \"{\"\"type\"\":\"\"Point\"\",\"\"coordinates\"\":[112.55,37.87]}\",Taiyuan,-1014508800000\n\
         \"{\"\"type\"\":\"\"Point\"\",\"\"coordinates\"\":[114.48,38.04]}\",Shimen,-1016409600\n",
    )
    .unwrap();
    let l = chronoatlas::io::load_path(&path);
    assert!(l.is_valid(), "{:?}", l.problems);
    let ds = &l.dataset;
    assert_eq!(ds.event_count(), 2);
    let (e, p) = ds.points.row(ds.points.len() - 1).unwrap();
    let iso = chronoatlas::model::date::format_iso;
    assert_eq!(
        (p.lon, p.lat, iso(e.when.earliest())),
        (112.55, 37.87, "1937-11-08".to_string())
    );
    // A line in the column is refused with its line and column named.
    std::fs::write(
        &path,
        "_geojson,name,date\n\"{\"\"type\"\":\"\"LineString\"\",\"\"coordinates\"\":[[1,2],[3,4]]}\",Road,1938\n",
    )
    .unwrap();
    let e: Vec<String> = chronoatlas::io::load_path(&path)
        .errors()
        .map(ToString::to_string)
        .collect();
    assert!(
        e.iter()
            .any(|m| m.contains("kepler.csv:2:1") && m.contains("a LineString")),
        "{e:?}"
    );
}

#[test]
fn columns_are_found_by_name_by_content_or_as_asked_and_the_report_says_which() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = tmp.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let out = |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).into_owned();
    // Names that say nothing: the cells do.
    let guess = write(
        "guess.csv",
        "Ort,Rechts,Hoch,Jahr\nTaiyuan,112.55,37.87,1937-11-08\nShimen,114.48,38.04,1937年10月\n",
    );
    let o = run(&["validate", &guess]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out(&o).contains("columns read: lon ← 'rechts' (guessed from its cells), lat ← 'hoch' (guessed from its cells), start ← 'jahr' (guessed from its cells)"), "{}", out(&o));
    // Cells that cannot tell: the error says how to say it, and --columns does.
    let eu = write(
        "eu.csv",
        "name,a,b,when\nParis,48.85,2.35,1940-06-14\nLondon,51.5,-0.12,1940-09\n",
    );
    let o = run(&["validate", &eu]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("eu.csv:1:1: ")
            && stderr(&o).contains(
                "'a' and 'b' both hold degrees within ±90: say which is which with --columns lon=...,lat=..."
            ),
        "{}",
        stderr(&o)
    );
    let o = run(&["validate", &eu, "--columns", "lat=a,lon=b"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        out(&o).contains("lon ← 'b' (as asked), lat ← 'a' (as asked), start ← 'when'"),
        "{}",
        out(&o)
    );
    let o = run(&["table", "--no-bom", "--data", &eu, "--columns", "lat=a,lon=b"]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(",2.350000,48.850000,"),
        "{}",
        stderr(&o)
    );
    let o = run(&["validate", &eu, "--columns", "lat=a,lon=zz"]);
    assert!(
        stderr(&o).contains("--columns names 'zz' for lon, but the header has: name, a, b, when"),
        "{}",
        stderr(&o)
    );
    let o = run(&["validate", &eu, "--columns", "colour=a"]);
    assert!(stderr(&o).contains("unknown role 'colour'"), "{}", stderr(&o));
    // Numbers read as timestamps are said to be.
    let kepler = write("kepler.csv", "lng,lat,timestamp\n112.55,37.87,-1014508800000\n");
    let o = run(&["validate", &kepler]);
    assert!(
        out(&o).contains("start ← 'timestamp', read as epoch milliseconds (UTC days)"),
        "{}",
        out(&o)
    );
}
