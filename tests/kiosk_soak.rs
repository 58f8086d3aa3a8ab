//! The kiosk runs for weeks: a day of simulated time, with visitors coming
//! and going, must leave memory and live textures flat. Headless: the
//! window's frames run on a bare egui context, time given by the test.
use std::collections::HashSet;

use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::mode::kiosk::{KioskConfig, Phase};
use egui::{Event, Modifiers, PointerButton, RawInput, Rect, pos2, vec2};

/// Resident memory of this process in bytes (Linux), or None elsewhere.
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

mod common;
use common::Rng;

#[test]
fn a_day_of_visitors_leaves_memory_and_textures_flat() {
    const W: f32 = 1920.0;
    const H: f32 = 1080.0;
    // Seconds of simulated time per frame: coarse, so a day runs quickly;
    // the idle timers count these seconds like real ones.
    const DT: f64 = 3.0;
    const DAY: f64 = 24.0 * 3600.0;
    let ctx = egui::Context::default();
    let config = KioskConfig::default();
    let idle = config.idle_timeout_secs;
    let mut app = ChronoApp::new(
        &ctx,
        AppOptions {
            kiosk: Some(config),
            ..AppOptions::default()
        },
        None,
    );
    let mut rng = Rng(24);
    let mut live: HashSet<egui::TextureId> = HashSet::new();
    let (mut t, mut frames) = (0.0f64, 0u64);
    let (mut resets, mut visits, mut was_attract) = (0, 0, true);
    let mut warm_tex: Option<usize> = None;
    let mut warm_rss: Option<u64> = None;
    let mut peak_after_warm = (0u64, 0usize);
    // Resident memory every 4 simulated hours, to tell a filling cache
    // (grows, then stops) from a leak (keeps growing).
    let mut samples: Vec<u64> = Vec::new();
    // A visitor every 20 minutes, touching for 2 to 6 minutes, then leaving.
    let mut visitor_until = 0.0;
    while t < DAY {
        let mut events = Vec::new();
        if t % 1200.0 < DT && t > 0.0 {
            visitor_until = t + 120.0 + f64::from(rng.f()) * 240.0;
            visits += 1;
        }
        if t < visitor_until && rng.f() < 0.5 {
            let pos = pos2(rng.f() * W, rng.f() * H);
            events.push(Event::PointerMoved(pos));
            match rng.next() % 6 {
                0 | 1 => {
                    for pressed in [true, false] {
                        events.push(Event::PointerButton {
                            pos,
                            button: PointerButton::Primary,
                            pressed,
                            modifiers: Modifiers::default(),
                        });
                    }
                }
                2 => events.push(Event::Zoom(if rng.f() < 0.5 { 1.25 } else { 0.8 })),
                3 => events.push(Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: vec2(0.0, 40.0),
                    modifiers: Modifiers::default(),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Unknown,
                }),
                _ => {}
            }
        }
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(W, H))),
            time: Some(t),
            predicted_dt: DT as f32,
            events,
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |ui| app.show(ui));
        for (id, deltas) in &out.textures_delta.set {
            if deltas.iter().any(|d| d.pos.is_none()) {
                live.insert(*id);
            }
        }
        for id in &out.textures_delta.free {
            live.remove(id);
        }
        // No GPU here: the deltas are counted, not uploaded.
        out.textures_delta.clear();
        drop(ctx.tessellate(out.shapes, out.pixels_per_point));
        let attract = app.kiosk.as_ref().is_some_and(|k| k.phase == Phase::Attract);
        if attract && !was_attract {
            resets += 1;
        }
        was_attract = attract;
        t += DT;
        frames += 1;
        // Two hours in, caches (glyphs, tiles) have filled: measure from here.
        if warm_tex.is_none() && t >= 2.0 * 3600.0 {
            warm_tex = Some(live.len());
            warm_rss = resident_bytes();
        }
        if (t % (4.0 * 3600.0)) < DT {
            samples.push(resident_bytes().unwrap_or(0) >> 20);
        }
        if warm_tex.is_some() && frames % 200 == 0 {
            peak_after_warm.0 = peak_after_warm.0.max(resident_bytes().unwrap_or(0));
            peak_after_warm.1 = peak_after_warm.1.max(live.len());
        }
    }
    let end = (resident_bytes(), live.len());
    let warm_tex = warm_tex.expect("the day ran past its second hour");
    eprintln!("soak: resident MB every 4 h: {samples:?}");
    eprintln!(
        "soak: {frames} frames over {:.0} h, {visits} visitors, {resets} resets; textures {warm_tex} → {}; resident {:?} → {:?} MB (peak {} MB)",
        t / 3600.0,
        end.1,
        warm_rss.map(|w| w >> 20),
        end.0.map(|r| r >> 20),
        peak_after_warm.0 >> 20
    );
    assert!(t >= DAY);
    assert!(visits >= 70, "{visits} visitors");
    assert!(
        resets >= visits / 2,
        "visitors left and the kiosk reset: {resets} resets for {visits} visits (idle {idle} s)"
    );
    // Live textures are counted on every platform.
    assert!(
        end.1 <= warm_tex + 16,
        "live textures grew: {warm_tex} → {}",
        end.1
    );
    assert!(
        peak_after_warm.1 <= warm_tex + 32,
        "live textures peaked at {}",
        peak_after_warm.1
    );
    // Resident memory where the system tells it (/proc on Linux).
    if let (Some(warm_rss), Some(end_rss)) = (warm_rss, end.0) {
        let grown = end_rss.saturating_sub(warm_rss);
        assert!(
            grown < 48 << 20,
            "resident memory grew by {} MB over a day",
            grown >> 20
        );
        // Flat in the second half of the day: no leak per visitor or frame.
        if let (Some(&mid), Some(&last)) = (samples.get(samples.len() / 2), samples.last()) {
            assert!(last <= mid + 8, "resident memory still growing: {samples:?} MB");
        }
    } else {
        eprintln!("soak: resident memory not known on this platform; textures checked");
    }
}
