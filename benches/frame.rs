//! CPU time of a whole frame of the explorer on the bundled dataset while
//! playing: app logic, layout, building the shapes, tessellation. No GPU:
//! what the renderer does with the triangles is not counted.
//!
//! Run: `cargo bench --bench frame` (prints figures; the target is a 95th
//! percentile under 4 ms in a release build). With
//! `CHRONOATLAS_BENCH_DATA=target/bench-data/events_N.csv` it plays that
//! point file instead (the benchmark data of `tools/bench_export.sh`) in a
//! 90-day window over North China, as the export benchmark shows it.
use std::time::{Duration, Instant};

use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::command::Command;
use egui::{RawInput, Rect, pos2, vec2};

fn input(t: f64) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(1440.0, 900.0))),
        time: Some(t),
        predicted_dt: 1.0 / 60.0,
        ..Default::default()
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let ctx = egui::Context::default();
    let data = std::env::var_os("CHRONOATLAS_BENCH_DATA").map(std::path::PathBuf::from);
    let options = AppOptions {
        view: data.as_ref().map(|_| (116.0, 37.1, 5.8)),
        data,
        ..AppOptions::default()
    };
    let loading = Instant::now();
    let mut app = ChronoApp::new(&ctx, options, None);
    println!(
        "loaded {} events in {:.2} s",
        app.ex.ds.event_count(),
        loading.elapsed().as_secs_f64()
    );
    if app.ex.ds.event_count() > 1000 {
        app.ex
            .apply(Command::SetMode(chronoatlas::state::ModeSetting::Window {
                width_days: 90,
            }));
    }
    let mut t = 0.0;
    // Warm up: fonts, glyph atlas, base map tiles arriving.
    let deadline = Instant::now() + Duration::from_secs(20);
    for _ in 0..30 {
        let mut out = ctx.run_ui(input(t), |ui| app.show(ui));
        out.textures_delta.clear();
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
        t += 1.0 / 60.0;
    }
    while app.tiles_pending() && Instant::now() < deadline {
        let mut out = ctx.run_ui(input(t), |ui| app.show(ui));
        out.textures_delta.clear();
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
        t += 1.0 / 60.0;
        std::thread::sleep(Duration::from_millis(5));
    }
    for (name, speed) in [("playing at 1 month/s", 30.0), ("playing at 1 year/s", 365.0)] {
        app.ex.apply(Command::Seek(f64::from(app.ex.clock.start())));
        app.ex.apply(Command::SetSpeed(speed));
        app.ex.apply(Command::SetLooping(true));
        app.ex.apply(Command::Play);
        let mut times = Vec::with_capacity(600);
        let mut triangles = 0usize;
        let mut most_shown = 0usize;
        for _ in 0..600 {
            most_shown = most_shown.max(app.ex.shown.len());
            let start = Instant::now();
            let mut out = ctx.run_ui(input(t), |ui| app.show(ui));
            out.textures_delta.clear();
            let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
            times.push(start.elapsed());
            triangles = triangles.max(
                prims
                    .iter()
                    .map(|p| match &p.primitive {
                        egui::epaint::Primitive::Mesh(m) => m.indices.len() / 3,
                        _ => 0,
                    })
                    .sum(),
            );
            t += 1.0 / 60.0;
        }
        times.sort();
        println!(
            "frame CPU, {name}, 1440x900, {} events (up to {most_shown} shown): median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} frames, up to {} triangles)",
            app.ex.ds.event_count(),
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.95).as_secs_f64() * 1e3,
            times.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
            times.len(),
            triangles
        );
    }
}
