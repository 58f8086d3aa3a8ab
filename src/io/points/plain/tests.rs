//! Tests of the plain reader: the byte-level fast path, parts cut anywhere,
//! reading from the disk, and the id index merged across parts.
use super::super::ordering::merge_ids;
use super::super::tests::{mixed_csv, rows_by_line};
use super::super::{ColumnChoice, load_csv, load_csv_path};
use super::fast_row::FastRow;
use super::*;

fn schema_of(text: &str) -> Schema {
    let header = text.lines().next().unwrap_or("");
    Schema::new("t.csv", b',', headers_of(header.split(','))).unwrap()
}

#[test]
fn a_row_read_from_its_bytes_has_the_columns_the_cells_give() {
    let text = mixed_csv(4000, 5);
    let schema = schema_of(&text);
    let fast = FastRow::new(&schema).unwrap();
    let classes = classes(b',');
    let (mut taken, mut left) = (0, 0);
    for line in text.lines().skip(1) {
        for ending in ["\n", "\r\n", ""] {
            let row = format!("{line}{ending}");
            let fields: Vec<&str> = line.split(',').collect();
            let want = schema.fast_row(&fields);
            match fast.read(&row, 0, &classes) {
                Some((got, next, ended)) => {
                    taken += 1;
                    assert_eq!((next, ended), (row.len(), !ending.is_empty()));
                    let want = want.unwrap_or_else(|| panic!("only the fast path took «{line}»"));
                    assert_eq!(
                        (got.world, got.span, got.kind, got.people, got.hash),
                        (want.world, want.span, want.kind, want.people, want.hash),
                        "{line}"
                    );
                }
                None => left += 1,
            }
        }
    }
    // Both ways were taken: the rows left go to the cell-by-cell reader.
    assert!(taken > 200 && left > 200, "taken {taken}, left {left}");
    // What the cell-by-cell reader takes and this does not.
    for row in [
        "e1, 110,30,1938-01-01,,,,t",
        "e1,110,30,1938-01-01,,,",
        "e1,110,30,1938-01-01,,,,t,extra",
    ] {
        assert!(fast.read(row, 0, &classes).is_none(), "{row}");
    }
}

#[test]
fn id_lists_merge_in_order_of_hash_then_place() {
    let mut x = 7u64;
    let mut next = || {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        x >> 40
    };
    // Places: a shuffle of 0..3000, cut into pieces of rows.
    let mut keyed: Vec<(u64, u32)> = (0..3000).map(|r| (next(), r)).collect();
    keyed.sort_unstable();
    let places: Vec<u32> = keyed.into_iter().map(|(_, r)| r).collect();
    // Two parts and the lines between them (two cores), one part, five
    // parts, lines only.
    let layouts: [&[usize]; 4] = [
        &[1200, 1, 1798, 1],
        &[3000],
        &[700, 1, 700, 1, 700, 1, 700, 197],
        &[1, 1, 1],
    ];
    for sizes in layouts {
        let mut pieces: Vec<&[u32]> = Vec::new();
        let mut at = 0;
        for &n in sizes {
            pieces.push(&places[at..at + n]);
            at += n;
        }
        // Few hashes, so that runs of one hash cross the pieces.
        let lists: Vec<Vec<u64>> = (pieces.iter())
            .map(|d| {
                let mut l: Vec<u64> = (0..d.len() as u64).map(|i| ((next() % 97) << 32) | i).collect();
                l.sort_by_key(|&v| v >> 32); // in order of hash only
                l
            })
            .collect();
        let mut want: Vec<u64> = (lists.iter().zip(&pieces))
            .flat_map(|(l, d)| {
                l.iter()
                    .map(|&v| (v & !0xFFFF_FFFF) | u64::from(d[(v & 0xFFFF_FFFF) as usize]))
            })
            .collect();
        want.sort_unstable();
        let got = merge_ids(
            lists
                .iter()
                .zip(&pieces)
                .map(|(l, d)| (l.as_slice(), *d))
                .collect(),
        );
        assert_eq!(got, want, "{sizes:?}");
    }
    assert!(merge_ids(Vec::new()).is_empty());
}

#[test]
fn rows_over_millennia_are_put_in_order_too() {
    // Days too far apart to count one by one: sorted by key instead.
    let mut text = String::from("id,lon,lat,start\n");
    for i in 0..5000u32 {
        let year = 1000 + (i * 7919) % 9000;
        text.push_str(&format!("r{i},110.5,30.25,{year}-0{}-1{}\n", 1 + i % 9, i % 10));
    }
    let l = load_csv("far.csv", text.as_bytes());
    assert!(
        l.problems.is_empty(),
        "{:?}",
        &l.problems[..3.min(l.problems.len())]
    );
    let ds = &l.dataset;
    assert_eq!(ds.points.len(), 5000);
    assert!(
        ds.points
            .span
            .windows(2)
            .all(|w| w[0].earliest_start <= w[1].earliest_start)
    );
    for n in (0..5000).step_by(97) {
        let e = ds.event_at(n).unwrap();
        let line = text.lines().nth(e.origin.line as usize - 1).unwrap();
        assert!(line.starts_with(&format!("{},", e.id)), "{line} {}", e.id);
        assert_eq!(ds.points.find(&e.id), Some(n));
        assert_eq!(ds.points.span[n], crate::time::span_of(&e.when));
    }
}

/// The rows, lines and problems of a load, for comparing two loads.
fn summary(l: &crate::io::load::Loaded) -> (Vec<super::super::tests::Row>, Vec<String>) {
    (
        rows_by_line(l),
        l.problems.iter().map(|p| format!("{p}")).collect(),
    )
}

#[test]
fn parts_cut_anywhere_give_the_rows_and_lines_of_one_part() {
    let mut text = mixed_csv(300, 9);
    text.push_str("\n   \n"); // blank lines, and a last line without its end
    text.push_str("last,111.5,35.5,1939-01-01,,battle,3,the end");
    let whole = {
        let mut bytes = text.clone().into_bytes();
        let progress = std::sync::atomic::AtomicU64::new(0);
        let read = read_in_parts(
            "t.csv",
            &mut bytes,
            Fill::Memory,
            &ColumnChoice::default(),
            &progress,
            Some(&[]),
        );
        assert!(matches!(read, Ok(Ok(_))));
        super::super::from_plain_read("t.csv", bytes, read, &ColumnChoice::default(), &progress)
    };
    let want = summary(&whole);
    assert!(
        want.0.len() > 30 && want.1.len() > 50,
        "{} rows, {} problems",
        want.0.len(),
        want.1.len()
    );
    let len = text.len();
    let line_start = text[len / 2..].find('\n').map(|i| len / 2 + i + 1).unwrap();
    let cut_sets: Vec<Vec<usize>> = vec![
        vec![len / 2],
        vec![line_start],                                     // a part that starts on a line
        vec![line_start - 1],                                 // one that starts on a line end
        vec![line_start + 1, line_start + 3, line_start + 5], // parts inside one line
        (1..40).map(|k| k * len / 40).collect(),
        vec![len - 3],
        vec![len - 1],
    ];
    for cuts in cut_sets {
        let mut bytes = text.clone().into_bytes();
        let progress = std::sync::atomic::AtomicU64::new(0);
        let read = read_in_parts(
            "t.csv",
            &mut bytes,
            Fill::Memory,
            &ColumnChoice::default(),
            &progress,
            Some(&cuts),
        );
        assert!(matches!(read, Ok(Ok(_))), "{cuts:?}");
        let got = super::super::from_plain_read("t.csv", bytes, read, &ColumnChoice::default(), &progress);
        assert_eq!(summary(&got), want, "cuts {cuts:?}");
        // Every row is found by its id (the first row with it).
        let ds = &got.dataset;
        for n in 0..ds.points.len() {
            let e = ds.event_at(n).unwrap();
            let m = ds
                .points
                .find(&e.id)
                .unwrap_or_else(|| panic!("{} not found", e.id));
            let first = ds.event_at(m).unwrap();
            assert!(
                first.id == e.id && first.origin.line <= e.origin.line,
                "{} {cuts:?}",
                e.id
            );
        }
        assert_eq!(
            got.dataset.event_at(0).map(|e| e.id.clone()),
            whole.dataset.event_at(0).map(|e| e.id.clone())
        );
    }
}

#[test]
fn a_file_read_from_disk_in_parts_loads_as_its_bytes_do() {
    let dir = std::env::temp_dir().join(format!("chronoatlas-plain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Over 1 MB: read by parts on two threads at least.
    let mut text = mixed_csv(40_000, 3);
    assert!(text.len() > PARALLEL_ABOVE);
    let path = dir.join("big.csv");
    std::fs::write(&path, &text).unwrap();
    let progress = std::sync::atomic::AtomicU64::new(0);
    let from_disk = load_csv_path(&path, "big.csv", &ColumnChoice::default(), &progress);
    assert_eq!(
        progress.load(std::sync::atomic::Ordering::Relaxed),
        text.len() as u64
    );
    assert_eq!(
        summary(&from_disk),
        summary(&load_csv("big.csv", text.as_bytes()))
    );
    assert!(from_disk.dataset.points.len() > 10_000);
    // A quote near the end sends the whole file to the ordered reader.
    text.push_str("q1,110,30,1938-01-01,,,,\"a, quoted title\"\n");
    std::fs::write(&path, &text).unwrap();
    let quoted = load_csv_path(&path, "big.csv", &ColumnChoice::default(), &progress);
    assert_eq!(quoted.dataset.points.len(), from_disk.dataset.points.len() + 1);
    assert_eq!(
        quoted.dataset.event("q1").map(|e| e.title_en.clone()),
        Some("a, quoted title".to_string())
    );
    // Bad bytes far into the file are named with their line.
    let mut bytes = mixed_csv(40_000, 3).into_bytes();
    let at = bytes.len() - 100;
    bytes[at] = 0xFF;
    std::fs::write(&path, &bytes).unwrap();
    let bad = load_csv_path(&path, "big.csv", &ColumnChoice::default(), &progress);
    assert!(bad.dataset.points.is_empty());
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    assert!(
        bad.problems.iter().any(|p| p.line as usize == line),
        "{:?}",
        bad.problems
    );
    // A file that is gone says so.
    let gone = load_csv_path(
        &dir.join("gone.csv"),
        "gone.csv",
        &ColumnChoice::default(),
        &progress,
    );
    assert_eq!(
        gone.problems[0].to_string(),
        "gone.csv: no such file or folder",
        "{:?}",
        gone.problems
    );
    std::fs::remove_dir_all(&dir).ok();
}
