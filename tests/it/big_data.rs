//! Big point files: hover and click find dots through the dots' grid, and
//! only dots shown now.
use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::command::Command;
use chronoatlas::model::geo::world_xy;
use chronoatlas::state::ModeSetting;
use egui::{Event, Modifiers, PointerButton, RawInput, Rect, pos2, vec2};

use crate::common::Rng;

const W: f32 = 900.0;
const H: f32 = 600.0;

fn input(t: f64, events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(W, H))),
        time: Some(t),
        predicted_dt: 1.0 / 60.0,
        events,
        ..Default::default()
    }
}

#[test]
fn hover_and_click_find_the_nearest_shown_dot_among_twenty_thousand() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("many.csv");
    let mut rng = Rng(11);
    let mut text = String::from("id,lon,lat,start,end,size\n");
    // Twenty thousand dots west of the view's middle, all through 1939.
    for k in 0..20_000 {
        let lon = 110.0 + f64::from(rng.f()) * 4.0;
        let lat = 33.0 + f64::from(rng.f()) * 8.0;
        text += &format!("p{k},{lon:.5},{lat:.5},1939-01-01,1939-12-31,5\n");
    }
    // At the middle: the target, shown in July 1939, and right beside it a
    // dot of 1938 that is not shown then.
    text += "target,116.50,37.50,1939-07-01,1939-07-31,5\n";
    text += "hidden,116.51,37.50,1938-07-01,1938-07-31,5\n";
    std::fs::write(&csv, text).unwrap();

    let ctx = egui::Context::default();
    let view = (116.5, 37.5, 9.0);
    let mut app = ChronoApp::new(
        &ctx,
        AppOptions {
            data: Some(csv),
            view: Some(view.into()),
            ..AppOptions::default()
        },
        None,
    );
    app.export = true; // the map fills the window: screen = view centred
    app.ex
        .apply(Command::SetMode(ModeSetting::Window { width_days: 30 }));
    app.ex.apply(Command::Seek(f64::from(
        chronoatlas::model::date::days_from_civil(1939, 7, 15),
    )));
    let id = |name: &str| app.ex.ds().event_position(name).unwrap();
    let (target, hidden) = (id("target"), id("hidden"));
    assert!(app.ex.dots().grid.len() >= 20_002);
    let mut t = 0.0;
    let mut frame = |app: &mut ChronoApp, events: Vec<Event>| {
        t += 1.0 / 60.0;
        let mut out = ctx.run_ui(input(t, events), |ui| app.show(ui));
        out.textures_delta.clear();
    };
    for _ in 0..3 {
        frame(&mut app, Vec::new());
    }
    let at = |lon: f64, lat: f64| {
        let scale = 256.0 * 2f64.powf(view.2);
        let (cx, cy) = world_xy(view.0, view.1);
        let (x, y) = world_xy(lon, lat);
        pos2(
            W / 2.0 + ((x - cx) * scale) as f32,
            H / 2.0 + ((y - cy) * scale) as f32,
        )
    };
    // The pointer right on the hidden dot (the target is a few pixels
    // away): the target is found, the hidden one never.
    let p = at(116.51, 37.50);
    assert!(
        p.distance(at(116.5, 37.5)) < 9.0,
        "the two are close at this zoom"
    );
    frame(&mut app, vec![Event::PointerMoved(p)]);
    frame(&mut app, Vec::new());
    assert_eq!(app.ex.hovered(), Some(target), "hidden is {hidden}");
    // On the map but away from any dot: nothing.
    let away = at(116.9, 37.7);
    assert!(away.x < W && away.y > 0.0);
    frame(&mut app, vec![Event::PointerMoved(away)]);
    frame(&mut app, Vec::new());
    assert_eq!(app.ex.hovered(), None);
    // A click on the target selects it.
    let p = at(116.5, 37.5);
    frame(&mut app, vec![Event::PointerMoved(p)]);
    let button = |pressed| Event::PointerButton {
        pos: p,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    frame(&mut app, vec![button(true)]);
    frame(&mut app, vec![button(false)]);
    frame(&mut app, Vec::new());
    assert_eq!(app.ex.selected(), Some(target));
}

#[test]
fn the_window_reads_a_big_file_on_another_thread_and_says_so() {
    use egui_kittest::kittest::Queryable;
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("many.csv");
    let mut rng = Rng(5);
    let mut text = String::from("id,lon,lat,start,end,size\n");
    for k in 0..30_000 {
        let lon = 110.0 + f64::from(rng.f()) * 12.0;
        let lat = 33.0 + f64::from(rng.f()) * 8.0;
        text += &format!("p{k},{lon:.5},{lat:.5},1939-01-01,1939-12-31,5\n");
    }
    std::fs::write(&csv, text).unwrap();
    let options = AppOptions {
        data: Some(csv),
        lang: Some(chronoatlas::model::Lang::En),
        date: Some(chronoatlas::model::date::days_from_civil(1939, 6, 1)),
        ..AppOptions::default()
    };
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1100.0, 700.0))
        .build_eframe(move |cc| ChronoApp::new_in_background(&cc.egui_ctx, options, None));
    // The window is there at once, empty, while the file is read.
    assert!(h.state().is_loading());
    assert_eq!(h.state().ex.ds().event_count(), 0);
    h.step();
    if h.state().is_loading() {
        assert!(
            h.query_by_label_contains("Loading many.csv").is_some(),
            "says what it reads"
        );
    }
    let mut frames = 0;
    while h.state().is_loading() && frames < 3000 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
        frames += 1;
    }
    assert!(!h.state().is_loading(), "the file was read");
    h.step();
    assert_eq!(h.state().ex.ds().event_count(), 30_000);
    assert_eq!(h.state().ex.shown().len(), 30_000, "all shown on the asked date");
    assert!(h.query_by_label_contains("Loading").is_none());
}

#[test]
fn reading_a_csv_counts_its_bytes_for_the_progress_bar() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("rows.csv");
    let mut text = String::from("id,lon,lat,start,end,size\n");
    for k in 0..20_000 {
        text += &format!("r{k},116.{k:05},37.5,1939-01-01,1939-12-31,5\n");
    }
    std::fs::write(&csv, &text).unwrap();
    let progress = std::sync::atomic::AtomicU64::new(0);
    let loaded = chronoatlas::io::load_path_with_progress(&csv, &progress);
    assert_eq!(loaded.dataset.event_count(), 20_000);
    let read = progress.load(std::sync::atomic::Ordering::Relaxed);
    let len = text.len() as u64;
    assert!(read > len * 9 / 10 && read <= len, "{read} of {len} bytes");
}

#[test]
fn many_dots_in_view_become_hexagons_whose_counts_match_a_plain_count() {
    use chronoatlas::map::density::{HEX_RADIUS_PX, HexGrid, PointStyle};
    use egui_kittest::kittest::Queryable;
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("dense.csv");
    let mut rng = Rng(3);
    let mut text = String::from("id,lon,lat,start,end\n");
    // Ten thousand events in a cluster, shown through 1939; two thousand
    // around it in 1938.
    for k in 0..10_000 {
        let lon = 114.0 + f64::from(rng.f()) * 0.6;
        let lat = 38.0 + f64::from(rng.f()) * 0.6;
        text += &format!("c{k},{lon:.5},{lat:.5},1939-01-01,1939-12-31\n");
    }
    for k in 0..2_000 {
        let lon = 112.0 + f64::from(rng.f()) * 5.0;
        let lat = 36.0 + f64::from(rng.f()) * 4.0;
        text += &format!("s{k},{lon:.5},{lat:.5},1938-01-01,1938-12-31\n");
    }
    std::fs::write(&csv, text).unwrap();
    let view = (114.5, 38.3, 8.0);
    let options = AppOptions {
        data: Some(csv),
        view: Some(view.into()),
        lang: Some(chronoatlas::model::Lang::En),
        date: Some(chronoatlas::model::date::days_from_civil(1939, 6, 1)),
        ..AppOptions::default()
    };
    let (w, h_px) = (1000.0, 700.0);
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(w, h_px))
        .build_eframe(move |cc| ChronoApp::new(&cc.egui_ctx, options, None));
    h.state_mut().export = true; // the map fills the window, centred on the view
    h.run_steps(3);
    assert_eq!(h.state().ex.settings().points, PointStyle::Auto);
    let scale = 256.0 * 2f64.powf(view.2);
    let (cx, cy) = world_xy(view.0, view.1);
    let at = |x: f64, y: f64| {
        pos2(
            w / 2.0 + ((x - cx) * scale) as f32,
            h_px / 2.0 + ((y - cy) * scale) as f32,
        )
    };
    // The hexagon under a point of the cluster, counted by a plain scan.
    let (px, py) = world_xy(114.3, 38.3);
    let grid = HexGrid::for_scale(scale, HEX_RADIUS_PX);
    let cell = grid.cell([px, py]);
    let ex = &h.state().ex;
    let expected = (ex.shown().iter())
        .filter(|s| ex.dot_at(s.event).is_some_and(|p| grid.cell(p) == cell))
        .count();
    assert!(expected > 50, "{expected}");
    h.hover_at(at(px, py));
    h.run_steps(45); // past egui's tooltip delay
    let label = format!("{expected} events here");
    assert!(h.query_by_label_contains(&label).is_some(), "no «{label}»");
    // Only the events shown now are counted: in 1938 the cluster is empty,
    // and no hexagon is under the pointer.
    h.state_mut().ex.apply(Command::Seek(f64::from(
        chronoatlas::model::date::days_from_civil(1938, 6, 1),
    )));
    h.run_steps(45); // past egui's tooltip delay
    assert!(h.query_by_label_contains("events here").is_none());
    // Dots, asked for, are dots: no hexagons.
    h.state_mut().ex.apply(Command::Seek(f64::from(
        chronoatlas::model::date::days_from_civil(1939, 6, 1),
    )));
    h.state_mut().ex.apply(Command::SetPointStyle(PointStyle::Dots));
    h.run_steps(45); // past egui's tooltip delay
    assert!(h.query_by_label_contains("events here").is_none());
    h.state_mut().ex.apply(Command::SetPointStyle(PointStyle::Auto));
    // (egui shows a tooltip again once the pointer moves.)
    h.hover_at(at(px, py) + egui::vec2(1.0, 0.0));
    h.run_steps(45);
    assert!(h.query_by_label_contains(&label).is_some());
}
