//! How reading grows with the input, good and bad: each kind of input at
//! four sizes, each twice the last, through the loader a user's file goes
//! through (in-process, from memory). Prints the time per megabyte at each
//! size and the ratio of the largest size's to the smallest's: about 1 when
//! the time is linear in the input, about 8 when it grows with its square.
//!
//! Run: `cargo bench --bench inputs` (a table; figures in docs/RELIABILITY.md).
//! `cargo bench --bench inputs -- 4` starts at a quarter of the sizes.
use std::fmt::Write as _;
use std::time::Instant;

use chronoatlas::io::{FileSet, Loaded, load_fileset, points};

/// `n` point features as a GeoJSON FeatureCollection, pretty or on one line.
fn geojson(n: usize, pretty: bool) -> Vec<u8> {
    let feats: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [110.0 + (i % 97) as f64 * 0.1, 33.0 + (i % 89) as f64 * 0.1]},
                "properties": {"id": format!("e{i}"), "date": "1938-05", "title": format!("event {i}")},
            })
        })
        .collect();
    let fc = serde_json::json!({"type": "FeatureCollection", "features": feats});
    if pretty {
        serde_json::to_vec_pretty(&fc).unwrap_or_default()
    } else {
        serde_json::to_vec(&fc).unwrap_or_default()
    }
}

/// `n` CSV rows; with `bad`, every row's date is wrong (a problem per row).
fn csv(n: usize, bad: bool) -> Vec<u8> {
    let mut s = String::from("id,lon,lat,start,title\n");
    for i in 0..n {
        let date = if bad { "1938-13-45" } else { "1938-05-01" };
        let _ = writeln!(
            s,
            "e{i},{:.4},{:.4},{date},row {i}",
            110.0 + (i % 97) as f64 * 0.1,
            33.0
        );
    }
    s.into_bytes()
}

/// A CSV whose one cell is `n` bytes long.
fn huge_cell(n: usize) -> Vec<u8> {
    format!("id,lon,lat,start\n{},113,35,1938\n", "x".repeat(n)).into_bytes()
}

/// The bundled dataset with its events repeated `k` times (ids made unique).
fn dataset(k: usize) -> FileSet {
    let bundled = FileSet::bundled();
    let events: serde_json::Value =
        serde_json::from_slice(bundled.get("events.geojson").unwrap_or_default()).unwrap_or_default();
    let one = events["features"].as_array().cloned().unwrap_or_default();
    let mut all = Vec::new();
    for copy in 0..k {
        for f in &one {
            let mut f = f.clone();
            if let Some(id) = f["properties"]["id"].as_str().map(|s| format!("{s}_{copy}")) {
                f["properties"]["id"] = serde_json::Value::String(id);
            }
            all.push(f);
        }
    }
    let text = serde_json::to_vec_pretty(&serde_json::json!({"type": "FeatureCollection", "features": all}))
        .unwrap_or_default();
    FileSet::from_memory(
        "bench",
        bundled.all().map(|(n, b)| {
            let bytes = if n == "events.geojson" {
                text.clone()
            } else {
                b.to_vec()
            };
            (n.to_string(), bytes)
        }),
    )
}

fn bytes_of(set: &FileSet) -> usize {
    set.all().map(|(_, b)| b.len()).sum()
}

/// Median seconds of `reps` runs of `f`.
fn time(reps: usize, mut f: impl FnMut() -> Loaded) -> (f64, usize) {
    let mut secs = Vec::new();
    let mut problems = 0;
    for _ in 0..reps {
        let t = Instant::now();
        let loaded = f();
        secs.push(t.elapsed().as_secs_f64());
        problems = loaded.problems.len();
    }
    secs.sort_by(f64::total_cmp);
    (secs[secs.len() / 2], problems)
}

fn main() {
    let div: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1)
        .max(1);
    type Make = Box<dyn Fn(usize) -> (usize, Box<dyn FnMut() -> Loaded>)>;
    let kinds: Vec<(&str, usize, Make)> = vec![
        (
            "GeoJSON points, pretty",
            25_000,
            Box::new(|n| {
                let b = geojson(n, true);
                (b.len(), Box::new(move || points::load_geojson("p.geojson", &b)))
            }),
        ),
        (
            "GeoJSON points, one line",
            25_000,
            Box::new(|n| {
                let b = geojson(n, false);
                (b.len(), Box::new(move || points::load_geojson("p.geojson", &b)))
            }),
        ),
        (
            "CSV points",
            200_000,
            Box::new(|n| {
                let b = csv(n, false);
                (b.len(), Box::new(move || points::load_csv("p.csv", &b)))
            }),
        ),
        (
            "CSV, every row a bad date",
            50_000,
            Box::new(|n| {
                let b = csv(n, true);
                (b.len(), Box::new(move || points::load_csv("p.csv", &b)))
            }),
        ),
        (
            "CSV, one huge cell",
            8 << 20,
            Box::new(|n| {
                let b = huge_cell(n);
                (b.len(), Box::new(move || points::load_csv("p.csv", &b)))
            }),
        ),
        (
            "all-zero file as CSV",
            16 << 20,
            Box::new(|n| {
                let b = vec![0u8; n];
                (b.len(), Box::new(move || points::load_csv("p.csv", &b)))
            }),
        ),
        (
            "dataset folder, events ×k",
            1,
            Box::new(|k| {
                let set = dataset(k);
                (bytes_of(&set), Box::new(move || load_fileset(&set)))
            }),
        ),
    ];
    println!("| input | size (MB) | ms | ms per MB | problems |");
    println!("|---|---:|---:|---:|---:|");
    let mut ratios = Vec::new();
    for (name, base, make) in &kinds {
        let mut per_mb = Vec::new();
        for step in 0..4 {
            let n = (base / div).max(1) << step;
            let (len, mut load) = make(n);
            let mb = len as f64 / 1e6;
            let (secs, problems) = time(3, &mut load);
            per_mb.push(secs * 1e3 / mb);
            println!(
                "| {name} | {mb:.1} | {:.1} | {:.2} | {problems} |",
                secs * 1e3,
                secs * 1e3 / mb
            );
        }
        ratios.push((name, per_mb[3] / per_mb[0]));
    }
    println!();
    println!("| input | time per MB at 8× the size ÷ at 1× (1 = linear) |");
    println!("|---|---:|");
    for (name, r) in ratios {
        println!("| {name} | {r:.2} |");
    }
}
