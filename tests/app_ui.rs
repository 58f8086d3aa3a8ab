//! The window as a user meets it (egui_kittest, no display needed): the
//! language switch, the date in the text's style, the About view.
use chronoatlas::app::{AppOptions, ChronoApp};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, ChronoApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(|cc| ChronoApp::new(&cc.egui_ctx, AppOptions::default()))
}

#[test]
fn starts_in_chinese_and_switches_to_english() {
    let mut h = harness();
    h.run_steps(3);
    // The date is shown as the text would write it.
    assert!(
        h.query_by_label_contains("1937年7月7日").is_some(),
        "Chinese date on start"
    );
    h.get_by_label("English").click();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("7 July 1937").is_some(),
        "English date after switching"
    );
    assert!(h.query_by_label("About").is_some());
    h.get_by_label("中文").click();
    h.run_steps(3);
    assert!(h.query_by_label("关于").is_some());
}

#[test]
fn about_lists_every_source_and_licence() {
    let mut h = harness();
    h.run_steps(2);
    h.get_by_label("关于").click();
    h.run_steps(3);
    for needle in [
        "Natural Earth",
        "GeoNames (geonames.org)",
        "CC BY 4.0",
        "SIL Open Font License 1.1",
        "public domain",
    ] {
        assert!(
            h.query_by_label_contains(needle).is_some(),
            "About shows {needle}"
        );
    }
    assert!(
        h.query_by_label_contains("OpenStreetMap").is_none(),
        "OSM is credited only when used"
    );
}
