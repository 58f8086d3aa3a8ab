//! Presentation mode driven like a lecturer with a clicker: each step lands
//! on its date and camera; B blanks the screen; Esc goes back to the explorer.
use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::model::StepCamera;
use chronoatlas::model::date::format_iso;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn presenting() -> Harness<'static, ChronoApp> {
    let options = AppOptions {
        present: Some(String::new()),
        ..AppOptions::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .with_theme(egui::Theme::Light)
        .build_eframe(move |cc| ChronoApp::new(&cc.egui_ctx, options, None));
    h.run_steps(2);
    h
}

/// The step's places must be in view once the camera has glided there.
fn camera_shows_step(h: &Harness<'_, ChronoApp>) {
    let app = h.state();
    let t = app.tour.as_ref().unwrap();
    let step = &app.ex.ds().tours[t.tour].steps[t.step];
    let StepCamera::Fit(ids) = &step.camera else {
        return;
    };
    let pts: Vec<(f64, f64)> = ids
        .iter()
        .map(|id| app.ex.ds().place(id).map(|p| (p.lon, p.lat)).unwrap())
        .collect();
    let (lon, lat, zoom) = app.camera_now().into();
    let (lo0, lo1) = pts
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let (la0, la1) = pts
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
    assert!(
        (lo0..=lo1).contains(&lon) && (la0..=la1).contains(&lat),
        "camera {lon},{lat} is not over the step's places"
    );
    assert!((4.0..=10.0).contains(&zoom), "zoom {zoom}");
}

#[test]
fn clicker_keys_walk_the_story_with_dates_and_camera() {
    let mut h = presenting();
    assert!(h.state().presenting && h.state().ex.fullscreen());
    assert!(
        h.query_by_label("更多").is_none(),
        "the explorer's controls are hidden"
    );
    assert_eq!(h.state().tour.as_ref().unwrap().step, 0);
    h.key_press(Key::PageDown);
    h.run_steps(8); // 2 s: the camera glide takes about one
    assert_eq!(h.state().tour.as_ref().unwrap().step, 1);
    assert_eq!(format_iso(h.state().ex.day()), "1937-12-15");
    camera_shows_step(&h);
    for key in [Key::ArrowRight, Key::Space] {
        h.key_press(key);
        h.run_steps(8);
    }
    assert_eq!(h.state().tour.as_ref().unwrap().step, 3);
    camera_shows_step(&h);
    h.key_press(Key::PageUp);
    h.run_steps(8);
    assert_eq!(h.state().tour.as_ref().unwrap().step, 2);
    h.key_press(Key::Home);
    h.run_steps(8);
    assert_eq!(h.state().tour.as_ref().unwrap().step, 0);
    camera_shows_step(&h);
}

#[test]
fn b_blanks_and_escape_returns_to_the_explorer() {
    let mut h = presenting();
    h.key_press(Key::B);
    h.run_steps(2);
    assert!(h.state().black);
    h.key_press(Key::Period);
    h.run_steps(2);
    assert!(!h.state().black);
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(!h.state().presenting);
    assert!(!h.state().ex.fullscreen());
    assert!(h.query_by_label("更多").is_some(), "the explorer is back");
}

#[test]
fn a_step_played_twice_looks_the_same() {
    let mut h = presenting();
    let play = |h: &mut Harness<'static, ChronoApp>| {
        h.key_press(Key::Home);
        (0..12)
            .map(|_| {
                h.run_steps(1);
                (h.state().ex.clock().position(), h.state().camera_now().into())
            })
            .collect::<Vec<_>>()
    };
    let first = play(&mut h);
    h.key_press(Key::PageDown);
    h.run_steps(5);
    let second = play(&mut h);
    assert!(first[11].0 > first[0].0, "the first step plays a range of dates");
    let dates = |v: &[(f64, (f64, f64, f64))]| v.iter().map(|f| f.0).collect::<Vec<_>>();
    assert_eq!(
        dates(&first),
        dates(&second),
        "the played range runs the same each time"
    );
    // The camera ends its glide on the same view.
    let (a, b) = (first[11].1, second[11].1);
    assert!(
        (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6 && (a.2 - b.2).abs() < 1e-6,
        "{a:?} vs {b:?}"
    );
}

#[test]
fn the_explorer_opens_a_tour_and_steps_through_it() {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .with_theme(egui::Theme::Light)
        .build_eframe(|cc| ChronoApp::new(&cc.egui_ctx, AppOptions::default(), None));
    h.run_steps(2);
    h.get_by_label("导览").click();
    h.run_steps(2);
    h.get_by_label_contains("华北工人武装的兴起").click();
    h.run_steps(3);
    assert!(h.state().tour.is_some() && !h.state().presenting);
    h.get_by_label("下一步 ▶").click();
    h.run_steps(3);
    assert_eq!(format_iso(h.state().ex.day()), "1937-12-15");
    assert!(
        h.query_by_label_contains("太原与山西工人").is_some(),
        "the step's title shows"
    );
}
