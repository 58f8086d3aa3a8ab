//! Tests of the point loaders: dates, the fast path against the full
//! reader, big files in chunks, search, layers, duplicate ids.
use super::cells::{civil_day, decimal, iso_day};
use super::point_row::RowCols;
use super::schema::{Schema, headers_of};
use super::*;
use crate::io::load::Loaded;
use crate::model::event::EventKind;
use crate::model::place::CoordSource;
use crate::time::index::TimeSpan;
#[test]
fn normalises_common_date_cells() {
    let ok = |s: &str| normalise_date(s).unwrap();
    assert_eq!(ok("1937-07-07T00:00:00Z"), "1937-07-07");
    assert_eq!(ok("1937-07-07 12:00"), "1937-07-07");
    assert_eq!(ok("1937-07-07T23:59:60.5+08:00"), "1937-07-07");
    assert_eq!(ok("1937-07-07T24:00:00-0530"), "1937-07-07");
    assert_eq!(ok("1937/07/07"), "1937-07-07");
    // kepler.gl's epoch seconds and milliseconds, before 1970 too.
    assert_eq!(ok("-1025222400"), "1937-07-07");
    assert_eq!(ok("-1025222400000"), "1937-07-07");
    assert_eq!(ok("-1025136001"), "1937-07-07");
    assert_eq!(ok("1565577261000"), "2019-08-12");
    assert_eq!(ok("1565577261"), "2019-08-12");
    // A year, a compact date and a short number are not timestamps.
    assert_eq!(ok("1937"), "1937");
    assert_eq!(ok("19370707"), "19370707");
    // QGIS's date-times.
    assert_eq!(ok("1937/07/07 00:00:00"), "1937-07-07");
    assert_eq!(ok("1938/12/31 23:59"), "1938-12-31");
    assert_eq!(ok("1937/1938"), "1937/1938");
    // Impossible times and offsets are refused, not dropped.
    for bad in [
        "1937-07-07T25:99:00+99:00",
        "1937-07-07T12:60",
        "1937-07-07T24:30",
        "1937-07-07T12:00+15:00",
        "1937-07-07T12:00+08:61",
        "1937-07-07Tnoon",
        "1937-07-07T12:00junk",
        "1937/07/07 25:00:00",
        "1937/07/07x12:00",
    ] {
        let e = normalise_date(bad).unwrap_err();
        assert!(e.contains(bad), "{bad}: {e}");
    }
}

/// A small deterministic generator for test rows.
struct Mix(u64);
impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// Rows in every form the loader takes: plain ones for the fast path,
/// and others (seasons, Chinese dates, size ranges, kind names with
/// spaces, bad cells) that it must hand to the full reader.
pub(super) fn mixed_csv(rows: usize, seed: u64) -> String {
    let mut m = Mix(seed);
    let mut out = String::from("id,lon,lat,start,end,kind,size,title\n");
    for i in 0..rows {
        let lon = format!("{:.5}", 100.0 + (m.next() % 3000) as f64 / 100.0);
        let lat = m.pick(&["38.1", "37.25", "95", "x", " 36.5 "]).to_string();
        let start = m.pick(&[
            "1938-03-04",
            "1938-02-29",
            "1940-02-29",
            "1938",
            "1938-05",
            "1938年春",
            "1939-12-31",
            "",
            "0999-01-01",
        ]);
        let end = m.pick(&["", "", "1938-03-04", "1941-01-01", "1937-01-01", "1938-06"]);
        let kind = m.pick(&["", "battle", "Unit Moved", "nonsense", "sabotage"]);
        let size = m.pick(&["", "12", "0", "数百人", "4294967296", "120-300", "007"]);
        let id = if m.next().is_multiple_of(10) {
            String::new()
        } else {
            format!("e{i}")
        };
        out.push_str(&format!(
            "{id},{lon},{lat},{start},{end},{kind},{size},title {i}\n"
        ));
    }
    out
}

#[test]
fn decimals_read_as_the_standard_parser_reads_them() {
    let mut m = Mix(99);
    let mut cases: Vec<String> = [
        "0",
        "-0",
        "1.",
        ".5",
        "117.151048",
        "-33.588322",
        "180",
        "1e3",
        "12.3.4",
        "",
        "-",
        ".",
        "+1.5",
        "123456789012345",
        "1234567890123456",
        "0.000000000000001",
        "99999999999999.9",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for _ in 0..100_000 {
        let digits = 1 + m.next() % 15;
        let point = m.next() % (digits + 1);
        let mut s = String::new();
        if m.next().is_multiple_of(3) {
            s.push('-');
        }
        for k in 0..digits {
            if k == point && k > 0 {
                s.push('.');
            }
            s.push(char::from(b'0' + (m.next() % 10) as u8));
        }
        cases.push(s);
    }
    for s in &cases {
        let want = s.parse::<f64>().ok();
        let got = decimal(s);
        assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "{s}");
    }
}

#[test]
fn the_fast_path_reads_a_row_as_the_full_reader_does() {
    let text = mixed_csv(4000, 7);
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let schema = Schema::new("t.csv", b',', headers_of(header.split(','))).unwrap();
    let (mut fast, mut slow) = (0, 0);
    for (n, line) in lines.enumerate() {
        let fields: Vec<&str> = line.split(',').collect();
        let full = schema.read_row(&fields, n as u32 + 2);
        match schema.fast_row(&fields) {
            Some(f) => {
                fast += 1;
                let full = full.unwrap_or_else(|p| panic!("fast path took a bad row {line}: {p:?}"));
                let want = RowCols::of(&full);
                assert_eq!(
                    (f.world, f.span, f.kind, f.people, f.hash),
                    (want.world, want.span, want.kind, want.people, want.hash),
                    "{line}"
                );
            }
            None => slow += 1,
        }
    }
    // Both paths were exercised.
    assert!(fast > 100 && slow > 100, "fast {fast}, slow {slow}");
}

/// Every column of a loaded table, for comparing two loads.
pub(super) type Row = (u32, [f64; 2], TimeSpan, EventKind, Option<u32>);

/// Every row of a loaded table with its line, in file order.
pub(super) fn rows_by_line(l: &Loaded) -> Vec<Row> {
    let t = &l.dataset.points;
    let mut rows: Vec<Row> = (0..t.len())
        .map(|n| {
            let line = l.dataset.event_at(n).map_or(0, |e| e.origin.line);
            (line, t.world[n], t.span[n], t.kind[n], t.people[n])
        })
        .collect();
    rows.sort_by_key(|r| r.0);
    rows
}

#[test]
fn a_big_file_read_in_chunks_gives_the_rows_and_lines_of_an_ordered_read() {
    // Over 1 MB, so it is cut into chunks (one per core, at least two here).
    let mut text = mixed_csv(40_000, 11);
    assert!(text.len() > 1 << 20);
    let plain = load_csv("big.csv", text.as_bytes());
    // A quote anywhere sends the file to the ordered reader.
    text.push_str("\"q1\",110,30,1938-01-01,,,,\"a, quoted title\"\n");
    let quoted = load_csv("big.csv", text.as_bytes());
    let n = plain.dataset.points.len();
    assert!(n > 10_000, "{n} rows");
    assert_eq!(quoted.dataset.points.len(), n + 1);
    let mut cq = rows_by_line(&quoted);
    let q = cq.pop().unwrap(); // the quoted row, last in the file
    assert_eq!(q.1[0], crate::model::geo::world_xy(110.0, 30.0).0);
    assert_eq!(rows_by_line(&plain), cq);
    // Rows are kept in order of their start, for the frames' sake.
    let spans = &plain.dataset.points.span;
    assert!(
        spans
            .windows(2)
            .all(|w| w[0].earliest_start <= w[1].earliest_start)
    );
    assert_eq!(plain.problems.len(), quoted.problems.len());
    for (a, b) in plain.problems.iter().zip(&quoted.problems) {
        assert_eq!(a, b);
    }
    // Lines: each problem names a line whose id is the problem's record.
    let all: Vec<&str> = text.lines().collect();
    assert!(plain.problems.len() > 1000);
    for p in &plain.problems {
        let line = all[p.line as usize - 1];
        let record = p.record.as_deref().unwrap_or("");
        let id = line.split(',').next().unwrap_or("");
        let id = if id.is_empty() {
            format!("row{}", p.line)
        } else {
            id.to_string()
        };
        assert!(record.contains(&format!("'{id}'")), "{p:?} at «{line}»");
    }
    // A row read again in full says what its line says.
    let ds = &plain.dataset;
    for k in [0, n / 3, n / 2, n - 1] {
        let e = ds.event_at(k).unwrap();
        let line = all[e.origin.line as usize - 1];
        let first = line.split(',').next().unwrap();
        let want_id = if first.is_empty() {
            format!("row{}", e.origin.line)
        } else {
            first.to_string()
        };
        assert_eq!(e.id, want_id, "{line}");
        assert_eq!(e.title_en, line.rsplit(',').next().unwrap());
        let places = ds.event_places(&e);
        assert_eq!(places.len(), 1);
        let (x, y) = crate::model::geo::world_xy(places[0].lon, places[0].lat);
        assert_eq!([x, y], ds.points.world[k]);
        assert!(
            matches!(&places[0].coord_source, CoordSource::UserFile(s) if s.ends_with(&format!("line {}", e.origin.line)))
        );
        assert_eq!(ds.event_position(&e.id), Some(k), "{}", e.id);
    }
    let q = quoted.dataset.event("q1").unwrap();
    assert_eq!((q.id.as_str(), q.title_en.as_str()), ("q1", "a, quoted title"));
}

#[test]
fn rows_are_found_by_id_or_title_ignoring_case_and_not_by_other_cells() {
    let text = "id,lon,lat,date,title,note\n\
                s1,110,30,1938-01-01,Railway Strike,\n\
                b2,110,30,1938-01-02,Battle at the pass,strike mentioned in a note\n\
                strike-3,111,31,1938-01-03,Meeting,\n";
    let ds = load_csv("s.csv", text.as_bytes()).dataset;
    assert_eq!(ds.points.search("STRIKE", 10), vec![0, 2]);
    assert_eq!(ds.points.search("strike", 1), vec![0]);
    assert_eq!(ds.points.search("pass", 10), vec![1]);
    assert!(ds.points.search("1938", 10).is_empty());
    let mut idx = crate::search::SearchIndex::new(&ds);
    let hits = idx.find_with_rows(&ds, "strike", 10);
    assert_eq!(
        hits,
        vec![crate::search::Target::Event(0), crate::search::Target::Event(2)]
    );
}

#[test]
fn a_layer_adds_its_rows_after_the_data_and_reads_them_from_its_own_file() {
    let base = load_csv(
        "a.csv",
        b"id,lon,lat,date,title\na1,110,30,1938-01-01,Alpha\na2,111,31,1938-02-01,Beta\n",
    );
    let layer = load_csv(
        "b.csv",
        b"id,lon,lat,date,title\nb1,112,32,1939-01-01,Gamma\n\nb2,113,33,1939-02-01,Beta two\n",
    );
    let geo = load_geojson(
        "c.geojson",
        br#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"c1","geometry":{"type":"Point","coordinates":[114,34]},"properties":{"date":"1940-01-01","title":"Delta"}}]}"#,
    );
    let mut ds = base.dataset;
    ds.add_layer(layer.dataset, "b.csv");
    ds.add_layer(geo.dataset, "c.geojson");
    assert_eq!(ds.event_count(), 5);
    let b2 = ds.event_position("b2").unwrap();
    let e = ds.event_at(b2).unwrap();
    assert_eq!(
        (e.title_en.as_str(), e.origin.file.as_str(), e.origin.line),
        ("Beta two", "b.csv", 4)
    );
    assert_eq!(ds.layer_of(b2), Some(0));
    let c1 = ds.event_position("c1").unwrap();
    assert_eq!(ds.layer_of(c1), Some(1));
    assert_eq!(ds.layer_of(ds.event_position("a1").unwrap()), None);
    // Every event's place is its own: ids never meet.
    let mut ids: Vec<String> = (0..ds.event_count())
        .map(|i| ds.event_places(&ds.event_at(i).unwrap())[0].id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "{ids:?}");
    let c = ds.event_at(c1).unwrap();
    assert_eq!(ds.event_places(&c)[0].lon, 114.0);
    // Search finds rows of both files.
    let hits: Vec<String> = (ds.points.search("beta", 10).into_iter())
        .map(|n| ds.points.row(n).unwrap().0.id)
        .collect();
    assert_eq!(hits, ["a2", "b2"]);
}

#[test]
fn rows_with_one_id_are_reported_with_both_lines() {
    let text = "id,lon,lat,date\na,110,30,1938-01-01\nb,110,30,1938-01-02\na,111,31,1938-01-03\n";
    let l = load_csv("d.csv", text.as_bytes());
    // Rows of one event share their date: these are two events.
    assert_eq!(l.dataset.event_count(), 2);
    let dup: Vec<String> = l.problems.iter().map(ToString::to_string).collect();
    assert_eq!(dup.len(), 1, "{dup:?}");
    assert!(
        dup[0].contains("d.csv:4") && dup[0].contains("'a'") && dup[0].contains("also at d.csv:2"),
        "{dup:?}"
    );
    // The id finds its first row.
    assert_eq!(l.dataset.event_position("a"), Some(0));
    assert_eq!(l.dataset.event_position("b"), Some(1));
    assert_eq!(l.dataset.event_position("c"), None);
}

#[test]
fn iso_days_count_as_the_calendar_does() {
    // Every day of years 1000 to 9999.
    for y in 1000..=9999 {
        for m in 1..=12 {
            for d in 1..=crate::model::date::days_in_month(y, m) {
                assert_eq!(
                    civil_day(y, m, d),
                    crate::model::date::days_from_civil(y, m, d),
                    "{y}-{m}-{d}"
                );
            }
        }
    }
    assert_eq!(
        iso_day("1937-07-07"),
        Some(crate::model::date::days_from_civil(1937, 7, 7))
    );
    for bad in [
        "1937-02-29",
        "0999-12-31",
        "1937-13-01",
        "1937-00-10",
        "1937-1-10",
        "1937/01/10",
    ] {
        assert_eq!(iso_day(bad), None, "{bad}");
    }
}

#[test]
fn row_dates_combine_start_and_end() {
    let d = row_date("1937-07-07", "1937-07-10").unwrap();
    assert_eq!(crate::model::date::format_iso(d.latest()), "1937-07-10");
    assert!(row_date("", "1937").is_err());
    assert!(row_date("", "").is_err());
    assert!(row_date("1937-13", "").is_err());
}
