//! How the parts that grow with the data scale, at 1k / 10k / 100k / 1M
//! events of the time-lapse benchmark's synthetic file (`../shared/bench/`):
//! loading the CSV into an explorer (dates parsed, points projected, index
//! and the dots' grid built), the time query, and hit testing (nearest shown dot).
//! The whole frame's CPU time is `benches/frame.rs` with
//! `CHRONOATLAS_BENCH_DATA` (see docs/PERFORMANCE.md).
//!
//! Run: `cargo bench --bench scale [-- 1000 10000]` (prints a table). The
//! files are written by a port of `gen_events.py` (same bytes) into
//! `target/bench-data/` when missing.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chronoatlas::model::date::days_from_civil;
use chronoatlas::state::{Explorer, Settings};
use chronoatlas::time::index::TimeMode;

/// `gen_events.py`'s stream: SplitMix64 at index `idx`, as a float in [0, 1).
fn splitmix(idx: u64) -> f64 {
    const SEED: u64 = 0x5EED_1937_0707;
    const GOLD: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut z = SEED.wrapping_add(idx.wrapping_add(1).wrapping_mul(GOLD));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
}

fn iso(day: i32) -> String {
    chronoatlas::model::date::format_iso(day)
}

/// Writes `events_N.csv` as `gen_events.py N` does.
fn generate(path: &Path, n: u64) -> std::io::Result<()> {
    let d0 = days_from_civil(1937, 7, 7);
    let span = i64::from(days_from_civil(1941, 12, 31) - d0);
    let mut out = String::with_capacity(n as usize * 52);
    out.push_str("id,lon,lat,start,end,size\n");
    for k in 0..n {
        let i = k * 5;
        let lon = 110.0 + 12.0 * splitmix(i);
        let lat = 33.0 + 8.0 * splitmix(i + 1);
        let s = (splitmix(i + 2) * (span + 1) as f64).floor() as i64;
        let d = (splitmix(i + 3).powi(3) * 61.0).floor() as i64;
        let e = (s + d).min(span);
        let size = 1 + (splitmix(i + 4) * 100.0).floor() as i64;
        let _ = writeln!(
            out,
            "{k},{lon:.6},{lat:.6},{},{},{size}",
            iso(d0 + s as i32),
            iso(d0 + e as i32)
        );
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, out)
}

fn resident_mb() -> f64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(0.0, |pages| pages * 4096.0 / 1e6)
}

/// The process's peak resident memory so far (VmHWM), in MB.
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(0.0, |kb| kb * 1024.0 / 1e6)
}

fn percentile(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

/// `--load-json REPS N`: loads the file of N events REPS times (read,
/// parse, project, index: what the explorer needs before its first frame)
/// and prints one JSON line for `tools/bench_load.sh`.
fn load_json(reps: usize, n: u64, dir: &std::path::Path) {
    let path = dir.join(format!("events_{n}.csv"));
    if !path.exists()
        && let Err(e) = generate(&path, n)
    {
        eprintln!("{}: {e}", path.display());
        return;
    }
    let (mut all, mut read, mut index) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..reps.max(1) {
        let t = Instant::now();
        let loaded = chronoatlas::io::load_path(&path);
        let r = t.elapsed();
        let ex = Explorer::new(loaded.dataset, Settings::default());
        let total = t.elapsed();
        assert_eq!(ex.ds().event_count() as u64, n, "every row loaded");
        drop(ex);
        all.push(total);
        read.push(r);
        index.push(total - r);
    }
    let ms = |v: &mut Vec<Duration>| percentile(v, 0.5).as_secs_f64() * 1e3;
    let all_ms: Vec<String> = all
        .iter()
        .map(|d| format!("{:.1}", d.as_secs_f64() * 1e3))
        .collect();
    println!(
        "{{\"tool\": \"chronoatlas\", \"n\": {n}, \"load_ms_median\": {:.1}, \"read_ms_median\": {:.1}, \"index_ms_median\": {:.1}, \"load_ms_all\": [{}], \"peak_mb\": {:.0}}}",
        ms(&mut all),
        ms(&mut read),
        ms(&mut index),
        all_ms.join(", "),
        peak_mb()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    if let Some(at) = args.iter().position(|a| a == "--load-json") {
        let reps = args.get(at + 1).and_then(|r| r.parse().ok()).unwrap_or(5);
        for n in args
            .get(at + 2..)
            .unwrap_or(&[])
            .iter()
            .filter_map(|a| a.parse().ok())
        {
            load_json(reps, n, &dir);
        }
        return;
    }
    let sizes: Vec<u64> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000, 1_000_000]
    } else {
        sizes
    };
    println!(
        "| events | load s (read, index) | resident MB | peak MB | query p50 / p95 ms (shown) | hit test p50 / p95 us |"
    );
    println!("|---:|---:|---:|---:|---|---|");
    for n in sizes {
        let path = dir.join(format!("events_{n}.csv"));
        if !path.exists()
            && let Err(e) = generate(&path, n)
        {
            eprintln!("{}: {e}", path.display());
            continue;
        }
        let before = resident_mb();
        let t = Instant::now();
        let loaded = chronoatlas::io::load_path(&path);
        let read = t.elapsed();
        let ex = Explorer::new(loaded.dataset, Settings::default());
        let load = t.elapsed();
        let resident = resident_mb() - before;

        // The query of a 90-day window at 600 days across the span.
        let d0 = days_from_civil(1937, 7, 7);
        let mut out = Vec::new();
        let mut q = Vec::new();
        let mut shown = 0;
        for k in 0..600 {
            let day = d0 + 90 + k * 1548 / 600;
            let t = Instant::now();
            ex.index()
                .query(day, TimeMode::Window { width_days: 90 }, &mut out);
            q.push(t.elapsed());
            shown = shown.max(out.len());
        }
        // Hit test: the nearest dot around 2,000 spots, within 0.05 degree.
        let mut h = Vec::new();
        for k in 0..2000u64 {
            let (x, y) = chronoatlas::model::geo::world_xy(
                110.0 + 12.0 * splitmix(k * 7 + 11),
                33.0 + 8.0 * splitmix(k * 7 + 12),
            );
            let t = Instant::now();
            let hit = ex
                .dots()
                .nearest(&ex.ds().points, [x, y], 0.05 / 360.0, |i| i % 2 == 0);
            h.push(t.elapsed());
            std::hint::black_box(hit);
        }
        println!(
            "| {n} | {:.3} ({:.3}, {:.3}) | {:.0} | {:.0} | {:.3} / {:.3} ({shown}) | {:.1} / {:.1} |",
            load.as_secs_f64(),
            read.as_secs_f64(),
            (load - read).as_secs_f64(),
            resident,
            peak_mb(),
            percentile(&mut q, 0.5).as_secs_f64() * 1e3,
            percentile(&mut q, 0.95).as_secs_f64() * 1e3,
            percentile(&mut h, 0.5).as_secs_f64() * 1e6,
            percentile(&mut h, 0.95).as_secs_f64() * 1e6,
        );
        drop(ex);
    }
}
