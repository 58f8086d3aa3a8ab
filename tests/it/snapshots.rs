//! Image snapshots of the whole window at known dates, for what words
//! cannot check (the look of the map, markers, time bar). Rendered with
//! wgpu on Mesa's software Vulkan (lavapipe): no display, no GPU.
//! At 1280x800, a 13-inch laptop's window. Update after an intended change with `UPDATE_SNAPSHOTS=1 cargo test --test it snapshots`.
use std::time::Duration;

use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::model::{HistDate, Lang};
use egui_kittest::Harness;

fn window_at(date: &str, view: (f64, f64, f64), lang: Lang) -> Harness<'static, ChronoApp> {
    let day = date.parse::<HistDate>().unwrap().earliest();
    let options = AppOptions {
        date: Some(day),
        view: Some(view.into()),
        lang: Some(lang),
        ..AppOptions::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_theme(egui::Theme::Light)
        .wgpu()
        .build_eframe(move |cc| ChronoApp::new(&cc.egui_ctx, options, None));
    // Tiles arrive from a background thread: step until none has been
    // pending for a while, so the snapshot never shows a half-loaded map.
    let mut quiet = 0;
    for _ in 0..600 {
        h.step();
        quiet = if h.state().tiles_pending() { 0 } else { quiet + 1 };
        if quiet >= 20 {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run_steps(2);
    h
}

#[test]
fn north_china_in_december_1937() {
    window_at("1937-12-20", (115.5, 36.5, 6.0), Lang::Zh).snapshot("north_china_1937-12-20");
}

/// Both languages: the top bar still one row, names in two lines on the
/// map, a group opened by the pointer into its ring of markers.
#[test]
fn north_china_in_july_1938_in_both_languages_with_a_group_opened() {
    let mut h = window_at("1938-07-01", (115.5, 36.5, 6.0), Lang::Both);
    let biggest = (h.state().marks.groups.iter())
        .max_by_key(|g| g.events.len())
        .map(|g| g.at)
        .expect("a group");
    h.hover_at(biggest);
    h.run_steps(3);
    h.snapshot("north_china_1938-07-01_both");
}

#[test]
fn the_pinghan_line_in_1938() {
    window_at("1938-12-01", (115.1, 38.5, 8.0), Lang::Zh).snapshot("pinghan_1938-12-01");
}
