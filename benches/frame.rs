//! CPU time of a whole frame of the explorer on the bundled dataset while
//! playing: app logic, layout, building the shapes, tessellation. No GPU:
//! what the renderer does with the triangles is not counted.
//!
//! Four scenes: playing at a month and at a year a second, the slider
//! dragged across the whole span, the map dragged and zoomed; a point file
//! runs each with dots and with the Auto style (hexagons at this view).
//!
//! Run: `cargo bench --bench frame` (prints figures; the target is a 95th
//! percentile under 4 ms in a release build; at 1M events, 8.3 ms). With
//! `CHRONOATLAS_BENCH_DATA=target/bench-data/events_N.csv` it plays that
//! point file instead (the benchmark data of `tools/bench_export.sh`) in a
//! 90-day window over North China, as the export benchmark shows it.
use std::time::{Duration, Instant};

use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::command::Command;
use chronoatlas::map::density::PointStyle;
use egui::{Event, RawInput, Rect, pos2, vec2};

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
        view: data.as_ref().map(|_| (116.0, 37.1, 5.8).into()),
        data,
        ..AppOptions::default()
    };
    let loading = Instant::now();
    let mut app = ChronoApp::new(&ctx, options, None);
    println!(
        "loaded {} events in {:.2} s",
        app.ex.ds().event_count(),
        loading.elapsed().as_secs_f64()
    );
    if app.ex.ds().event_count() > 1000 {
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
    let styles: &[(&str, PointStyle)] = if app.ex.dots().grid.is_empty() {
        &[("", PointStyle::Auto)]
    } else {
        &[("dots", PointStyle::Dots), ("auto: hexagons", PointStyle::Auto)]
    };
    let (start, end) = (app.ex.clock().start(), app.ex.clock().end());
    let centre = pos2(720.0, 450.0);
    for &(style_name, style) in styles {
        app.ex.apply(Command::SetPointStyle(style));
        for scenario in [
            Scenario::Play(30.0),
            Scenario::Play(365.0),
            Scenario::Scrub,
            Scenario::PanZoom,
        ] {
            app.ex.apply(Command::Seek(f64::from(start)));
            app.ex.apply(Command::SetLooping(true));
            match scenario {
                Scenario::Play(speed) => {
                    app.ex.apply(Command::SetSpeed(speed));
                    app.ex.apply(Command::Play);
                }
                Scenario::Scrub => app.ex.apply(Command::Pause),
                Scenario::PanZoom => {
                    app.ex.apply(Command::Pause);
                    app.ex.apply(Command::Seek(f64::from(start + (end - start) / 2)));
                }
            }
            let mut times = Vec::with_capacity(600);
            let mut triangles = 0usize;
            let mut most_shown = 0usize;
            for k in 0..600u32 {
                let mut events = Vec::new();
                match scenario {
                    // The slider dragged across the whole span in two seconds, to and fro.
                    Scenario::Scrub => {
                        let f = f64::from(k % 240) / 120.0;
                        let f = if f > 1.0 { 2.0 - f } else { f };
                        app.ex
                            .apply(Command::Seek(f64::from(start) + f * f64::from(end - start)));
                    }
                    // Dragging the map 6 px a frame for a second, then a zoom step.
                    Scenario::PanZoom => {
                        let phase = k % 70;
                        let step = if (k / 70) % 2 == 0 { 6.0 } else { -6.0 };
                        let at = centre + vec2(step * phase as f32, 0.5 * step * phase as f32);
                        match phase {
                            0 => {
                                events.push(Event::PointerMoved(at));
                                events.push(button(at, true));
                            }
                            61 => events.push(button(at, false)),
                            62..=65 => {
                                events.push(Event::PointerMoved(centre));
                                let zoom = if (k / 70) % 2 == 0 { 1.15 } else { 1.0 / 1.15 };
                                events.push(Event::Zoom(zoom));
                            }
                            1..=60 => events.push(Event::PointerMoved(at)),
                            _ => {}
                        }
                    }
                    Scenario::Play(_) => {}
                }
                let started = Instant::now();
                let mut raw = input(t);
                raw.events = events;
                let mut out = ctx.run_ui(raw, |ui| app.show(ui));
                out.textures_delta.clear();
                let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
                times.push(started.elapsed());
                most_shown = most_shown.max(app.ex.shown().len());
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
            let name = match scenario {
                Scenario::Play(30.0) => "playing at 1 month/s".to_string(),
                Scenario::Play(_) => "playing at 1 year/s".to_string(),
                Scenario::Scrub => "scrubbing the whole span in 2 s".to_string(),
                Scenario::PanZoom => "panning and zooming".to_string(),
            };
            let style = if style_name.is_empty() {
                String::new()
            } else {
                format!(" [{style_name}]")
            };
            println!(
                "frame CPU, {name}{style}, 1440x900, {} events (up to {most_shown} shown): median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} frames, up to {} triangles)",
                app.ex.ds().event_count(),
                percentile(&times, 0.5).as_secs_f64() * 1e3,
                percentile(&times, 0.95).as_secs_f64() * 1e3,
                times.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
                times.len(),
                triangles
            );
        }
    }
}

#[derive(Clone, Copy)]
enum Scenario {
    /// Playing at this many days a second.
    Play(f64),
    Scrub,
    PanZoom,
}

fn button(pos: egui::Pos2, pressed: bool) -> Event {
    Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    }
}
