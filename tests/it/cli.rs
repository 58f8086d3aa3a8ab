//! The command line as a user runs it: `validate` and `table` on the
//! bundled data, on point files, and on broken input of every sort.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(args)
        .output()
        .expect("run chronoatlas")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of the bundled dataset folder in a temp dir, for breaking.
pub(crate) fn dataset_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    std::fs::create_dir_all(dir.join("source")).unwrap();
    for f in [
        "places.tsv",
        "provinces_1937.tsv",
        "lines.json",
        "units.json",
        "events.geojson",
    ] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    std::fs::copy(
        src.join("source/000_c067ff9c493143ab.txt"),
        dir.join("source/000_c067ff9c493143ab.txt"),
    )
    .unwrap();
    (tmp, dir)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(
        text.contains(from),
        "fixture edit: '{from}' not in {}",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn line_of(path: &Path, needle: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn validate_bundled_is_one_line_and_exit_0() {
    let o = run(&["validate"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("valid: geodata (bundled): "), "{out}");
    assert!(out.contains("0 error(s)"), "{out}");
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn validate_a_copy_of_the_folder_is_valid_too() {
    let (_tmp, dir) = dataset_copy();
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn validate_reports_every_broken_record_with_file_line_column_and_id() {
    let (_tmp, dir) = dataset_copy();
    let events = dir.join("events.geojson");
    let places = dir.join("places.tsv");
    let units = dir.join("units.json");
    // Five different faults in five records; none may hide another.
    edit(
        &events,
        "\"taiyuan\",\n          \"northwest_steelworks\"",
        "\"taiyun\",\n          \"northwest_steelworks\"",
    );
    edit(&events, "\"when\": \"1937-09-13\"", "\"when\": \"1937-13-45\"");
    edit(
        &events,
        "\"when\": \"1938-03-24/1938-04-07\"",
        "\"when\": \"1938-04-07/1938-03-24\"",
    );
    edit(
        &events,
        "\"quote\": \"1937年11月8日，太原失守\"",
        "\"quote\": \"1937年11月8日，太原失守了\"",
    );
    edit(&events, "\"id\": \"tianjin_falls\"", "\"id\": \"beiping_falls\"");
    edit(
        &places,
        "wenshui\t文水\tWenshui\tcounty\tshanxi\t112.0233\t37.4328",
        "wenshui\t文水\tWenshui\tcounty\tshanxi\t212.0233\t37.4328",
    );
    edit(
        &places,
        "jiaocheng\t交城\tJiaocheng\tcounty\tshanxi\t112.1605\t37.5472",
        "jiaocheng\t交城\tJiaocheng\tcounty\tshanxi\t121.1605\t37.5472",
    );
    edit(
        &units,
        "\"successor\": \"gongwei_brigade\"",
        "\"successor\": \"no_such_unit\"",
    );
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let has = |parts: &[&str]| err.lines().any(|l| parts.iter().all(|p| l.contains(p)));
    let ev = events.display().to_string();
    let taiyun_line = line_of(&events, "\"taiyun\"");
    assert!(
        has(&[&format!("{ev}:{taiyun_line}:"), "unknown place id 'taiyun'"]),
        "{err}"
    );
    assert!(has(&[&ev, "event 'datong_falls'", "1937-13-45"]), "{err}");
    assert!(has(&[&ev, "event 'battle_of_taierzhuang'", "before"]), "{err}");
    assert!(
        has(&[
            &ev,
            "event 'taiyuan_falls'",
            "quote not found in the source text: '1937年11月8日，太原失守了'"
        ]),
        "{err}"
    );
    assert!(has(&[&ev, "event 'beiping_falls'", "duplicate id"]), "{err}");
    let pl = places.display().to_string();
    let wenshui_line = line_of(&places, "212.0233");
    assert!(
        has(&[
            &format!("{pl}:{wenshui_line}:6"),
            "place 'wenshui'",
            "lon '212.0233'"
        ]),
        "{err}"
    );
    assert!(
        has(&[&pl, "place 'jiaocheng'", "outside its 1937 province"]),
        "{err}"
    );
    assert!(
        has(&[
            &units.display().to_string(),
            "unit 'taiyuan_workers_self_defence'",
            "no_such_unit"
        ]),
        "{err}"
    );
    assert!(err.lines().last().unwrap().starts_with("invalid: "), "{err}");
}

#[test]
fn malformed_json_is_reported_with_position_and_other_files_still_checked() {
    let (_tmp, dir) = dataset_copy();
    let units = dir.join("units.json");
    edit(
        &units,
        "\"kind\": \"workers_armed\",",
        "\"kind\": \"workers_armed\",,",
    );
    let line = line_of(&units, ",,");
    edit(
        &dir.join("events.geojson"),
        "\"kind\": \"occupation\"",
        "\"kind\": 7",
    );
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("units.json:{line}:")) && err.contains("malformed JSON"),
        "{err}"
    );
    assert!(
        err.contains("events.geojson:") && err.contains("invalid type: integer `7`"),
        "{err}"
    );
}

#[test]
fn empty_binary_and_missing_files_are_clear_errors_not_panics() {
    let (_tmp, dir) = dataset_copy();
    std::fs::write(dir.join("events.geojson"), "").unwrap();
    std::fs::write(
        dir.join("units.json"),
        [0x00u8, 0xff, 0x13, 0x37, 0x00, 0x89, b'P', b'N', b'G'],
    )
    .unwrap();
    std::fs::remove_file(dir.join("places.tsv")).unwrap();
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("events.geojson: the file is empty"), "{err}");
    assert!(
        err.contains("units.json:1:1: not UTF-8") || err.contains("units.json:1:1: this is a binary file"),
        "{err}"
    );
    assert!(err.contains("places.tsv: missing"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let tmp = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.csv", &b""[..]),
        ("binary.csv", &b"\x00\x01\x02\xff"[..]),
        ("empty.geojson", &b""[..]),
    ] {
        let p = tmp.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let o = run(&["validate", p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert!(stderr(&o).contains(name), "{name}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{name}");
    }
    let o = run(&["validate", "/no/such/folder"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no such file or folder"));
}

#[test]
fn point_csv_loads_and_bad_rows_are_all_listed() {
    let o = run(&["validate", &fixture("points_good.csv")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("4 events"), "{}", stdout(&o));

    let o = run(&["validate", &fixture("points_bad.csv")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let file = fixture("points_bad.csv");
    for expected in [
        format!("{file}:3:3: row 'bad-lat': latitude '95.5' is not a latitude"),
        format!("{file}:4:4: row 'bad-date': date '1937-02-30'"),
        format!("{file}:6:1: row 'short-row': row has 3 fields but the header has 5"),
        format!("{file}:7:2: row 'bad-lon': longitude 'east' is not a longitude"),
        format!("{file}:8"),
    ] {
        assert!(err.contains(&expected), "missing «{expected}» in:\n{err}");
    }
    assert!(err.contains("duplicate id"), "{err}");
}

#[test]
fn point_geojson_loads_and_bad_features_are_listed() {
    let o = run(&["validate", &fixture("points_good.geojson")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("3 events"), "{}", stdout(&o));
    let o = run(&["validate", &fixture("points_bad.geojson")]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(":2:")
            && err.contains("feature 'no-geometry': geometry: the feature has no geometry (a Point,"),
        "{err}"
    );
    assert!(
        err.contains("feature 'bad-date'") && err.contains("sometime"),
        "{err}"
    );
    assert!(err.contains("feature 'end-before-start'"), "{err}");
    assert!(!err.contains("feature 'ok'"), "{err}");
}

#[test]
fn a_very_large_file_is_handled() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("big.csv");
    let mut text = String::from("id,lon,lat,start,end\n");
    for i in 0..200_000u32 {
        let day = 1 + i % 28;
        text.push_str(&format!(
            "e{i},{:.4},{:.4},1938-03-{day:02},1938-04-{day:02}\n",
            110.0 + f64::from(i % 1200) / 100.0,
            33.0 + f64::from(i % 800) / 100.0
        ));
    }
    text.push_str("broken,1,2,not a date,\n");
    std::fs::write(&p, text).unwrap();
    let o = run(&["validate", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(":200002:4: row 'broken'"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(err.contains("200000 events"), "{err}");

    let garbage = tmp.path().join("garbage.geojson");
    std::fs::write(&garbage, "[".repeat(100_000)).unwrap();
    let o = run(&["validate", garbage.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("expected a GeoJSON FeatureCollection"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn table_csv_has_the_documented_columns_and_one_row_per_event_place() {
    let o = run(&["table", "--no-bom"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, chronoatlas::io::export::csv::COLUMNS);
    assert_eq!(
        header.join(","),
        "row_id,event_id,kind,title_zh,title_en,place_id,place_zh,place_en,place_kind,radius_km,lon,lat,date_text,edtf,start,end,start_year,end_year,date_zh,date_en,size,size_min,size_max,unit_ids,quote_zh"
    );
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let ds = chronoatlas::io::load_bundled().dataset;
    let expected: usize = ds.events.iter().map(|e| ds.event_places(e).len()).sum();
    assert_eq!(rows.len(), expected);
    let ids: std::collections::HashSet<&str> = rows.iter().map(|r| &r[col("event_id")]).collect();
    assert_eq!(ids.len(), ds.events.len(), "every event has at least one row");
    let find = |id: &str| rows.iter().find(|r| &r[col("event_id")] == id).unwrap();
    let corps = find("taiyuan_self_defence_formed");
    assert_eq!((&corps[col("size_min")], &corps[col("size_max")]), ("600", "700"));
    assert_eq!(
        &corps[col("unit_ids")],
        "taiyuan_workers_self_defence;shanxi_general_trade_union"
    );
    let moved: Vec<&str> = rows
        .iter()
        .filter(|r| &r[col("event_id")] == "taiyuan_corps_moves_west")
        .map(|r| &r[col("place_id")])
        .collect();
    assert_eq!(moved, ["taiyuan", "wenshui", "jiaocheng"]);
}

#[test]
fn table_geojson_has_the_csv_rows_as_points_and_the_lines() {
    let csv_rows = stdout(&run(&["table"])).lines().count() - 1;
    let o = run(&["table", "--format", "geojson"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    let points = features
        .iter()
        .filter(|f| f["geometry"]["type"] == "Point")
        .count();
    assert_eq!(points, csv_rows);
    let f = features
        .iter()
        .find(|f| f["properties"]["event_id"] == "taiyuan_falls")
        .unwrap();
    assert_eq!(f["geometry"]["type"], "Point");
    assert!((f["geometry"]["coordinates"][0].as_f64().unwrap() - 112.56).abs() < 0.01);
    assert_eq!(f["properties"]["start"], "1937-11-08T00:00:00Z");
    assert_eq!(f["properties"]["size_min"], serde_json::Value::Null);
    let zhengtai = features
        .iter()
        .find(|f| f["properties"]["event_id"] == "zhengtai_lost" && f["geometry"]["type"] == "LineString")
        .unwrap();
    assert_eq!(zhengtai["properties"]["place_ids"][0], "shijiazhuang");
    assert_eq!(zhengtai["geometry"]["coordinates"].as_array().unwrap().len(), 8);
}

#[test]
fn table_of_a_point_file_and_refusal_of_invalid_data() {
    let o = run(&["table", "--no-bom", "--data", &fixture("points_good.csv")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 5);
    assert!(out.contains(",raid-3,sabotage,Raids on the line"), "{out}");
    assert!(out.contains("1938-02-01T00:00:00Z,1939-05-01T23:59:59Z"), "{out}");
    let o = run(&["table", "--data", &fixture("points_bad.csv")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("not writing a table from invalid data"));
}

#[test]
fn tours_are_validated_with_step_and_line() {
    let (_tmp, dir) = dataset_copy();
    let tours = dir.join("tours");
    std::fs::create_dir_all(&tours).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata/tours/story.json");
    let tour = tours.join("story.json");
    std::fs::copy(&src, &tour).unwrap();
    edit(&tour, "\"date\": \"1937-12-15\"", "\"date\": \"1937-12-45\"");
    edit(&tour, "\"pinghan_sabotage\"", "\"pinghan_sabotge\"");
    edit(&tour, "\"fit\": [\"cixian\"", "\"fit\": [\"cixain\"");
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let t = tour.display().to_string();
    let line = line_of(&tour, "1937-12-45");
    assert!(
        err.contains(&format!("{t}:{line}:")) && err.contains("tour 'story' step 2: date '1937-12-45'"),
        "{err}"
    );
    assert!(
        err.contains("tour 'story' step 6: unknown event id 'pinghan_sabotge'"),
        "{err}"
    );
    assert!(
        err.contains("tour 'story' step 5: camera.fit: unknown place id 'cixain'"),
        "{err}"
    );
    // An empty list of steps: named, at the line and column of "steps".
    std::fs::write(
        &tour,
        "{\"id\": \"x\", \"title_zh\": \"x\",\n \"title_en\": \"x\",\n  \"steps\": []}",
    )
    .unwrap();
    let err = stderr(&run(&["validate", dir.to_str().unwrap()]));
    assert!(
        err.contains(&format!("{t}:3:3: tour 'x': the tour has no steps")),
        "{err}"
    );
}

#[test]
fn a_huge_cell_is_quoted_as_an_excerpt_not_printed_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("huge.csv");
    let mut text = String::from("id,lon,lat,date,title\n");
    text += &format!("{},116.4,39.9,1937-13-07,x\n", "a".repeat(10_000_000));
    text += &format!("b,116.4,39.9,{},y\n", "1".repeat(3_000_000));
    std::fs::write(&path, text).unwrap();
    let o = run(&["validate", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.len() < 4_000, "{} bytes on stderr", err.len());
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].contains(":2:4: row 'aaaa") && lines[0].contains("…"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("there is no month 13"),
        "the message itself stays: {}",
        lines[0]
    );
    assert!(
        lines[1].contains(":3:4: row 'b': date '1111") && lines[1].contains("…"),
        "{}",
        lines[1]
    );
}

/// Runs `validate PATH` on another thread: a read that blocks for ever
/// fails the test after 20 s instead of hanging it.
fn validate_within(path: &Path) -> Output {
    let path = path.to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(run(&["validate", path.to_str().unwrap()]));
    });
    rx.recv_timeout(std::time::Duration::from_secs(20))
        .expect("validate returned (it did not block on the input)")
}

#[cfg(unix)]
#[test]
fn pipes_devices_and_folders_are_refused_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = |name: &str| {
        let p = tmp.path().join(name);
        let ok = Command::new("mkfifo").arg(&p).status().unwrap().success();
        assert!(ok, "mkfifo");
        p
    };
    for path in [fifo("points.csv"), fifo("points.geojson")] {
        let o = validate_within(&path);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains("a named pipe (FIFO), not a file"),
            "{}",
            stderr(&o)
        );
    }
    // A link to a device that never ends.
    let zero = tmp.path().join("zero.csv");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let o = validate_within(&zero);
    assert!(stderr(&o).contains("a device, not a file"), "{}", stderr(&o));
    // In a dataset folder: a FIFO among the source texts, a folder where
    // events.geojson should be, a link to nothing for the units.
    let (_keep, dir) = dataset_copy();
    let src = dir.join("source").join("more.txt");
    assert!(Command::new("mkfifo").arg(&src).status().unwrap().success());
    let o = validate_within(&dir);
    assert!(
        stderr(&o).contains("more.txt: a named pipe (FIFO), not a file"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_file(&src).unwrap();
    std::fs::remove_file(dir.join("events.geojson")).unwrap();
    std::fs::create_dir(dir.join("events.geojson")).unwrap();
    let o = validate_within(&dir);
    assert!(
        stderr(&o).contains("events.geojson: a folder, not a file"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_dir(dir.join("events.geojson")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata/events.geojson"),
        dir.join("events.geojson"),
    )
    .unwrap();
    std::fs::remove_file(dir.join("units.json")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("nowhere.json"), dir.join("units.json")).unwrap();
    let o = validate_within(&dir);
    assert!(
        stderr(&o).contains("units.json: a symbolic link to nothing"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn utf16_and_binary_files_are_named_as_such_from_their_first_block() {
    let tmp = tempfile::tempdir().unwrap();
    // Excel's "Unicode text": UTF-16 little-endian with a byte-order mark.
    let utf16 = tmp.path().join("excel.csv");
    let mut bytes = vec![0xFF, 0xFE];
    for u in "id,lon,lat,date\nr1,116.4,39.9,1937-07-07\n".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    std::fs::write(&utf16, &bytes).unwrap();
    let o = run(&["validate", utf16.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("UTF-16") && stderr(&o).contains("save it as UTF-8"),
        "{}",
        stderr(&o)
    );
    // What a broken copy leaves: zeros, 16 MB of them.
    let zeros = tmp.path().join("copy.csv");
    std::fs::write(&zeros, vec![0u8; 16 << 20]).unwrap();
    let o = run(&["validate", zeros.to_str().unwrap()]);
    assert!(stderr(&o).contains("binary file"), "{}", stderr(&o));
}

#[test]
fn impossible_time_lapses_and_dates_are_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let gif = tmp.path().join("t.gif");
    let g = gif.to_str().unwrap();
    let tl = |extra: &[&str]| {
        let mut args = vec![
            "timelapse",
            "--from",
            "1937-07-07",
            "--out",
            g,
            "--size",
            "320x200",
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    for (extra, says) in [
        (&["--to", "1938-07-07", "--step", "1e-300"][..], "--step"),
        (&["--to", "1938-07-07", "--step", "NaN"][..], "--step NaN"),
        (&["--to", "1938-07-07", "--step", "inf"][..], "--step inf"),
        (&["--to", "1938-07-07", "--frames", "0"][..], "--frames 0"),
        (&["--frames", "5", "--step", "1000000"][..], "past the year 9999"),
    ] {
        let o = tl(extra);
        assert_eq!(o.status.code(), Some(1), "{extra:?}");
        assert!(stderr(&o).contains(says), "{extra:?}: {}", stderr(&o));
        assert!(!gif.exists(), "{extra:?}: nothing written");
    }
    // A date long before the data is drawn as that date, and said so.
    let png = tmp.path().join("f.png");
    let o = run(&[
        "render",
        "--at",
        "0001-01-01",
        "--out",
        png.to_str().unwrap(),
        "--size",
        "320x200",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("0001-01-01 is before the data's first date (1936-01-01): the frame shows no events"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_tour_step_of_a_million_years_does_not_validate() {
    let (_tmp, dir) = dataset_copy();
    std::fs::create_dir_all(dir.join("tours")).unwrap();
    let tour = dir.join("tours").join("story.json");
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata/tours/story.json");
    std::fs::copy(bundled, &tour).unwrap();
    edit(&tour, "\"duration_secs\": 14", "\"duration_secs\": 1e12");
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("duration_secs 1000000000000 must be more than 0 and at most 3600"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn checks_validate_used_to_miss() {
    let (_tmp, dir) = dataset_copy();
    // A province given twice, with another box.
    let prov = dir.join("provinces_1937.tsv");
    let text = std::fs::read_to_string(&prov).unwrap();
    let shanxi = text
        .lines()
        .find(|l| l.starts_with("shanxi\t"))
        .unwrap()
        .to_string();
    let moved = shanxi.replacen("\t110", "\t100", 1);
    assert_ne!(moved, shanxi, "the fixture moved the box");
    std::fs::write(&prov, format!("{text}{moved}\n")).unwrap();
    // A unit that succeeds itself.
    edit(
        &dir.join("units.json"),
        "\"successor\": \"gongwei_brigade\"",
        "\"successor\": \"taiyuan_workers_self_defence\"",
    );
    let o = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let line = text.lines().count() + 1;
    assert!(
        err.contains(&format!(
            "provinces_1937.tsv:{line}:1: province 'shanxi': duplicate id 'shanxi' with a different box"
        )),
        "{err}"
    );
    assert!(
        err.contains("unit 'taiyuan_workers_self_defence': successor: a unit cannot be its own successor"),
        "{err}"
    );
    // A date-time with an impossible time of day.
    let csv = dir.join("times.csv");
    std::fs::write(
        &csv,
        "id,lon,lat,date\nr1,116.4,39.9,1937-07-07T25:99:00+99:00\nr2,116.4,39.9,1937-07-07T08:00:00+08:00\n",
    )
    .unwrap();
    let o = run(&["validate", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("times.csv:2:"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("25:99:00 is not a time of day"),
        "{}",
        stderr(&o)
    );
    assert!(
        !stderr(&o).contains("times.csv:3:"),
        "the good row passes: {}",
        stderr(&o)
    );
}

#[test]
fn a_kiosk_whose_tour_is_not_in_the_data_does_not_start() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("kiosk.toml");
    std::fs::write(&cfg, "tour = \"no_such_tour\"\n").unwrap();
    let o = run(&["--kiosk", cfg.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the kiosk's tour 'no_such_tour' is not in the data (its tours: story)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_mp4_of_odd_size_is_refused_up_front_with_the_sizes_that_work() {
    let tmp = tempfile::tempdir().unwrap();
    let mp4 = tmp.path().join("t.mp4");
    let o = run(&[
        "timelapse",
        "--from",
        "1937-07-07",
        "--frames",
        "2",
        "--step",
        "1",
        "--size",
        "333x211",
        "--out",
        mp4.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("an MP4 needs an even width and height, and 333x211 is not: use --size 334x212"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("Broken pipe"), "{}", stderr(&o));
    assert!(
        std::fs::read_dir(tmp.path()).unwrap().next().is_none(),
        "nothing written"
    );
}
