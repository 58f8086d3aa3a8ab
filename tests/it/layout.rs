//! The map first: at the sizes of laptop screens the map has most of the
//! window, and the top bar is one row in every language.
use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::model::Lang;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn window(lang: Lang, w: f32, h: f32) -> Harness<'static, ChronoApp> {
    let options = AppOptions {
        lang: Some(lang),
        ..AppOptions::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(w, h))
        .with_theme(egui::Theme::Light)
        .with_max_steps(120)
        .build_eframe(move |cc| ChronoApp::new(&cc.egui_ctx, options, None));
    h.run();
    h
}

/// The share of the window the map has.
fn map_share(h: &Harness<'_, ChronoApp>, w: f32, hh: f32) -> f32 {
    h.state().marks.map.area() / (w * hh)
}

#[test]
fn the_map_has_two_thirds_of_a_laptop_window_in_every_language() {
    for lang in [Lang::Zh, Lang::En, Lang::Both] {
        for (w, hh, least) in [
            (1280.0, 800.0, 2.0 / 3.0),
            (1366.0, 768.0, 2.0 / 3.0),
            (1920.0, 1080.0, 0.75),
            (1024.0, 700.0, 0.5),
        ] {
            let h = window(lang, w, hh);
            let share = map_share(&h, w, hh);
            eprintln!(
                "{lang:?} {w}x{hh}: the map has {:.1}% of the window ({:?})",
                share * 100.0,
                h.state().marks.map
            );
            assert!(share >= least, "{lang:?} {w}x{hh}: {share}");
        }
    }
}

#[test]
fn the_top_bar_is_one_row_in_every_language() {
    for lang in [Lang::Zh, Lang::En, Lang::Both] {
        let h = window(lang, 1280.0, 800.0);
        let (more, tours) = match lang {
            Lang::Zh => ("更多", "导览"),
            Lang::En => ("More", "Tours"),
            Lang::Both => ("更多 More", "导览 Tours"),
        };
        let row: Vec<egui::Rect> = ["chronoatlas", "中文 + English", tours, more]
            .iter()
            .map(|l| h.get_by_label(l).rect())
            .collect();
        let y = row[0].center().y;
        for (r, l) in row.iter().zip(["chronoatlas", "中文 + English", tours, more]) {
            assert!(
                (r.center().y - y).abs() < 3.0,
                "{lang:?}: {l} on another row ({r:?})"
            );
            assert!(r.right() <= 1280.0, "{lang:?}: {l} off the window ({r:?})");
        }
        let map_top = h.state().marks.map.top();
        assert!(map_top < 40.0, "{lang:?}: the bar is {map_top} high");
    }
}

#[test]
fn folded_panels_open_from_their_strip_and_by_key_and_fold_again() {
    let mut h = window(Lang::En, 1280.0, 800.0);
    let open_share = map_share(&h, 1280.0, 800.0);
    // The source text, folded at first, opens from its strip...
    assert!(h.query_by_label("Source text").is_none());
    h.get_by_label("Open the source text and details (R)").click();
    h.run();
    assert!(h.query_by_label("Source text").is_some());
    assert!(
        map_share(&h, 1280.0, 800.0) < open_share,
        "it takes room from the map"
    );
    // ...folds again from its own button, and R opens and folds it.
    h.get_by_label("Fold the source text and details (R)").click();
    h.run();
    assert!(h.query_by_label("Source text").is_none());
    h.key_press(egui::Key::R);
    h.run();
    assert!(h.query_by_label("Source text").is_some());
    // The legend folds to a strip of symbols, each still a filter.
    h.get_by_label("Fold the legend (L)").click();
    h.run();
    assert!(!h.state().ex.settings().show_legend);
    assert!(h.query_by_label("Fold the legend (L)").is_none());
    assert!(h.state().marks.map.left() < 40.0, "the map reaches the strip");
    // A symbol of the strip hides its kind, and shows it again.
    h.get_by_label("Occupation (26)").click();
    h.run();
    assert_eq!(h.state().ex.filters().hidden_kinds.len(), 1);
    h.get_by_label("Occupation (26)").click();
    h.run();
    assert!(h.state().ex.filters().hidden_kinds.is_empty());
    h.key_press(egui::Key::L);
    h.run();
    assert!(h.query_by_label("Fold the legend (L)").is_some());
    // The strength chart opens under the time strip from its button.
    assert!(h.query_by_label("Armed workers' strength").is_none());
    h.get_by_label("Strength").click();
    h.run();
    assert!(h.query_by_label("Armed workers' strength").is_some());
}

#[test]
fn choosing_an_event_opens_its_source() {
    let mut h = window(Lang::En, 1280.0, 800.0);
    assert!(!h.state().ex.settings().show_details);
    let first = h
        .state()
        .marks
        .hits
        .first()
        .copied()
        .expect("a marker on the first day");
    h.hover_at(first.at);
    h.run();
    crate::common::tap(&mut h, first.at);
    h.run();
    assert_eq!(h.state().ex.selected(), Some(first.event));
    assert!(h.state().ex.settings().show_details);
    assert!(h.query_all_by_label("Source text").count() >= 1);
}
