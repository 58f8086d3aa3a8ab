//! No input makes the parsers or loaders panic: random and mutated input,
//! deterministic (SplitMix64), so a failure can be replayed.
use chronoatlas::io::{FileSet, load_fileset, points};
use chronoatlas::model::{HistDate, SizeRange};

use crate::common::Rng;

const PIECES: &[&str] = &[
    "1937",
    "-0044",
    "0000",
    "9999",
    "-",
    "/",
    "..",
    "~",
    "?",
    "%",
    "年",
    "月",
    "日",
    "号",
    "初",
    "上旬",
    "中旬",
    "下旬",
    "底",
    "末",
    "春",
    "夏",
    "秋",
    "冬",
    "季",
    "至",
    "到",
    "约",
    "前后",
    "左右",
    "以后",
    "以前",
    "12",
    "31",
    "02",
    "30",
    "21",
    "24",
    "25",
    " ",
    "１９３７",
    "公元前",
    "余",
    "多",
    "数",
    "百",
    "千",
    "万",
    "两",
    "六七",
    "十",
    "几",
    "人",
    "名",
    "上",
    "以上",
    "○",
    "二",
    "9",
    "0",
    "99999999999",
    "—",
    "～",
    "X",
    "\u{0}",
    "\u{ffff}",
];

#[test]
fn date_and_size_parsers_never_panic() {
    let mut rng = Rng(1937);
    for _ in 0..200_000 {
        let n = 1 + rng.below(7);
        let s: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        if let Ok(d) = s.parse::<HistDate>() {
            assert!(d.earliest_start <= d.latest_start, "{s}");
            assert!(d.earliest_end <= d.latest_end, "{s}");
            assert!(d.earliest() <= d.latest(), "{s}");
            let _ = (d.display_zh(), d.display_en(), d.edtf());
        }
        if let Ok(z) = s.parse::<SizeRange>() {
            assert!(z.max.is_none_or(|m| m >= z.min), "{s}");
            let _ = (z.display_zh(), z.display_en());
        }
    }
}

#[test]
fn mutated_dataset_files_never_panic_the_loader() {
    let bundled = FileSet::bundled();
    let names = [
        "places.tsv",
        "provinces_1937.tsv",
        "lines.json",
        "units.json",
        "events.geojson",
    ];
    let mut rng = Rng(7);
    for round in 0..300 {
        let mut files: Vec<(String, Vec<u8>)> = names
            .iter()
            .map(|n| (n.to_string(), bundled.get(n).unwrap().to_vec()))
            .chain(bundled.sources().map(|(n, b)| (n.to_string(), b.to_vec())))
            .collect();
        let victim = rng.below(names.len());
        let bytes = &mut files[victim].1;
        match round % 4 {
            // Truncate anywhere, even inside a UTF-8 character.
            0 => bytes.truncate(rng.below(bytes.len() + 1)),
            // Flip a few bytes.
            1 => {
                for _ in 0..1 + rng.below(8) {
                    let i = rng.below(bytes.len());
                    bytes[i] = rng.next() as u8;
                }
            }
            // Delete a slice.
            2 => {
                let a = rng.below(bytes.len());
                let b = (a + rng.below(200)).min(bytes.len());
                bytes.drain(a..b);
            }
            // Duplicate a slice.
            _ => {
                let a = rng.below(bytes.len());
                let b = (a + rng.below(400)).min(bytes.len());
                let copy = bytes[a..b].to_vec();
                bytes.splice(a..a, copy);
            }
        }
        let loaded = load_fileset(&FileSet::from_memory("fuzz", files));
        for p in &loaded.problems {
            assert!(!p.to_string().is_empty());
        }
    }
}

#[test]
fn mutated_point_files_never_panic() {
    let csv = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/points_good.csv"
    ))
    .unwrap();
    let geo = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/points_good.geojson"
    ))
    .unwrap();
    let mut rng = Rng(42);
    for _ in 0..2_000 {
        for (is_csv, base) in [(true, &csv), (false, &geo)] {
            let mut bytes = base.clone();
            for _ in 0..1 + rng.below(6) {
                let i = rng.below(bytes.len());
                match rng.below(3) {
                    0 => bytes[i] = rng.next() as u8,
                    1 => {
                        bytes.remove(i);
                    }
                    _ => {
                        let noise = b",;\t\"{}[]:\n0-/";
                        bytes.insert(i, noise[rng.below(noise.len())]);
                    }
                }
            }
            let _ = if is_csv {
                points::load_csv("f.csv", &bytes)
            } else {
                points::load_geojson("f.geojson", &bytes)
            };
        }
    }
}
