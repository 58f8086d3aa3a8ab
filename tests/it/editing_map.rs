//! The editor on the map and in the tour editor (issue #20): places put,
//! dragged and renamed by hand, tour steps taken from the view and
//! reordered by dragging.
use std::path::PathBuf;

use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::command::Command;
use chronoatlas::edit::EditCommand;
use egui::Modifiers;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::editing::{copy, editor, retype, select};
fn press(h: &mut Harness<'_, ChronoApp>, p: egui::Pos2, pressed: bool) {
    h.event(egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
    h.step();
}

/// The editor with the map centred on `lon`, `lat` at zoom 9.
fn editor_at(dir: PathBuf, lon: f64, lat: f64) -> Harness<'static, ChronoApp> {
    let options = AppOptions {
        lang: Some(chronoatlas::model::Lang::En),
        data: Some(dir),
        edit: true,
        view: Some(chronoatlas::model::geo::View { lon, lat, zoom: 9.0 }),
        ..AppOptions::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .with_max_steps(60)
        .build_eframe(move |cc| ChronoApp::new(&cc.egui_ctx, options, None));
    h.run();
    h
}

#[test]
fn a_place_put_on_the_map_by_hand_is_saved_with_that_provenance() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let mut h = editor_at(dir.clone(), 113.0, 37.5);
    h.get_by_label("Add place").click();
    h.run();
    let c = h.state().marks.map.center();
    h.event(egui::Event::PointerMoved(c));
    h.step();
    press(&mut h, c, true);
    press(&mut h, c, false);
    h.run();
    let form = h
        .state()
        .editing()
        .unwrap()
        .place_form
        .clone()
        .expect("the new place's form")
        .0;
    assert_eq!(form.coord_source, "editorial:placed by hand at zoom 9.0");
    assert_eq!(form.province, "shanxi");
    assert!(
        (form.lon.parse::<f64>().unwrap() - 113.0).abs() < 0.01,
        "{}",
        form.lon
    );
    let tol: f64 = form.tolerance_km.parse().unwrap();
    assert!(tol > 1.0 && tol < 10.0, "ten pixels at zoom 9: {tol} km");
    {
        let ed = h.state_mut().editing_mut().unwrap();
        let f = &mut ed.place_form.as_mut().unwrap().0;
        f.id = "yangquan_mine_gate".into();
        f.name_zh = "阳泉矿门".into();
        f.name_en = "Yangquan mine gate".into();
    }
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    assert!(
        h.state().ex.ds().place("yangquan_mine_gate").is_some(),
        "{}",
        h.state().editing().unwrap().status
    );
    h.state_mut().apply(Command::Edit(EditCommand::Save));
    h.run();
    let places = std::fs::read_to_string(dir.join("places.tsv")).unwrap();
    let row = places
        .lines()
        .find(|l| l.starts_with("yangquan_mine_gate\t"))
        .unwrap();
    assert!(row.contains("\teditorial:placed by hand at zoom 9.0\t"), "{row}");
    assert!(chronoatlas::io::load_path(&dir).is_valid());
}

#[test]
fn a_place_dragged_moves_and_its_provenance_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let yq = chronoatlas::io::load_bundled()
        .dataset
        .place("yangquan")
        .unwrap()
        .clone();
    let mut h = editor_at(dir.clone(), yq.lon, yq.lat);
    h.get_by_label("Move places").click();
    h.run();
    let c = h.state().marks.map.center();
    h.event(egui::Event::PointerMoved(c));
    h.step();
    press(&mut h, c, true);
    for k in 1..=10 {
        h.event(egui::Event::PointerMoved(c + egui::vec2(3.0 * k as f32, 0.0)));
        h.step();
    }
    let to = c + egui::vec2(30.0, 0.0);
    press(&mut h, to, false);
    h.run();
    let moved = h.state().ex.ds().place("yangquan").unwrap().clone();
    assert!(moved.lon > yq.lon + 0.01, "{} -> {}", yq.lon, moved.lon);
    assert!((moved.lat - yq.lat).abs() < 0.01);
    h.state_mut().apply(Command::Edit(EditCommand::Save));
    h.run();
    let places = std::fs::read_to_string(dir.join("places.tsv")).unwrap();
    let row = places.lines().find(|l| l.starts_with("yangquan\t")).unwrap();
    assert!(
        row.contains("editorial:moved by hand at zoom 9.0 from geonames:"),
        "{row}"
    );
}

#[test]
fn a_tour_step_added_from_the_view_plays_back_with_that_camera_and_date_and_moves_undo_to_the_same_bytes() {
    use chronoatlas::command::TourCommand;
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let original = std::fs::read(dir.join("tours/story.json")).unwrap();
    let mut h = editor_at(dir.clone(), 113.5, 37.9);
    let day = chronoatlas::model::date::days_from_civil(1938, 5, 1);
    h.state_mut().ex.apply(Command::Seek(f64::from(day)));
    select(&mut h, "taiyuan_falls");
    h.get_by_label("Tours…").click();
    h.run();
    h.get_by_label("Add step from the current view").click();
    h.run();
    let ds = h.state().ex.ds();
    let tour = &ds.tours[0];
    assert_eq!(tour.steps.len(), 9, "{}", h.state().editing().unwrap().status);
    let step = &tour.steps[8];
    assert_eq!(step.events, ["taiyuan_falls"]);
    let chronoatlas::model::StepCamera::View { lon, lat, zoom } = step.camera else {
        panic!("{:?}", step.camera)
    };
    assert!((lon - 113.5).abs() < 0.01 && (lat - 37.9).abs() < 0.01 && (zoom - 9.0).abs() < 0.01);
    // Played: the last step lands on that date and view.
    h.state_mut().apply(Command::Tour(TourCommand::Open(0)));
    for _ in 0..8 {
        h.state_mut().apply(Command::Tour(TourCommand::Next));
    }
    h.state_mut().ex.apply(Command::FlyTo {
        to: chronoatlas::model::geo::LonLat::new(100.0, 30.0),
        zoom: Some(5.0),
    });
    for _ in 0..40 {
        h.step();
    }
    assert_eq!(h.state().tour.as_ref().unwrap().step, 8);
    assert_eq!(h.state().ex.day(), day);
    let v = h.state().camera_now();
    assert!(
        (v.lon - 113.5).abs() < 0.05 && (v.lat - 37.9).abs() < 0.05,
        "{v:?}"
    );
    h.state_mut().apply(Command::Tour(TourCommand::Close));
    h.run();
    // A step moved down, then both undone: the file as it was, byte for byte.
    h.get_by_label("Tours…").click();
    h.run();
    if h.query_by_label("Add step from the current view").is_none() {
        h.get_by_label("Tours…").click();
        h.run();
    }
    h.get_all_by_label("↓").next().unwrap().click();
    h.run();
    let moved = std::fs::read(dir.join("tours/story.json")).unwrap();
    assert_eq!(moved, original, "not saved yet");
    assert_eq!(
        h.state().ex.ds().tours[0].steps[1].title_en,
        "7 July 1937: the northern cities fall"
    );
    h.state_mut().apply(Command::Edit(EditCommand::Undo));
    h.state_mut().apply(Command::Edit(EditCommand::Undo));
    h.state_mut().apply(Command::Edit(EditCommand::Save));
    h.run();
    assert_eq!(std::fs::read(dir.join("tours/story.json")).unwrap(), original);
}

#[test]
fn a_new_two_step_tour_is_saved_to_its_own_file_and_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let mut h = editor_at(dir.clone(), 113.5, 37.9);
    h.get_by_label("Tours…").click();
    h.run();
    h.get_by_label("New tour…").click();
    h.run();
    {
        let te = h.state_mut().editing_mut().unwrap().tours.as_mut().unwrap();
        te.new_tour = Some(("zhengtai".into(), "正太线".into(), "The Zhengtai line".into()));
    }
    h.run();
    // Its first step is the view shown when it is made.
    let d = chronoatlas::model::date::days_from_civil(1937, 9, 20);
    h.state_mut().ex.apply(Command::Seek(f64::from(d)));
    select(&mut h, "zhengtai_guerrillas_formed");
    h.get_by_label("Make the tour").click();
    h.run();
    let d = chronoatlas::model::date::days_from_civil(1937, 10, 15);
    h.state_mut().ex.apply(Command::Seek(f64::from(d)));
    select(&mut h, "niangzi_pass_attacked");
    h.get_by_label("Add step from the current view").click();
    h.run();
    h.state_mut().apply(Command::Edit(EditCommand::Save));
    h.run();
    let loaded = chronoatlas::io::load_path(&dir);
    assert!(loaded.is_valid(), "{:?}", loaded.errors().next());
    let tour = loaded.dataset.tour("zhengtai").expect("the new tour");
    assert_eq!(tour.title_en, "The Zhengtai line");
    assert_eq!(tour.steps.len(), 2);
    assert_eq!(tour.steps[1].events, ["niangzi_pass_attacked"]);
    assert!(dir.join("tours/zhengtai.json").is_file());
}

#[test]
fn a_tour_step_dragged_onto_another_takes_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let mut h = editor(Some(dir));
    h.get_by_label("Tours…").click();
    h.run();
    let from = h.get_by_label_contains("↕ 1. 7 July 1937").rect().center();
    let to = h.get_by_label_contains("↕ 3. ").rect().center();
    h.event(egui::Event::PointerMoved(from));
    h.step();
    press(&mut h, from, true);
    for k in 1..=10 {
        h.event(egui::Event::PointerMoved(from + (to - from) * (k as f32 / 10.0)));
        h.step();
    }
    press(&mut h, to, false);
    h.run();
    let steps: Vec<String> = h.state().ex.ds().tours[0]
        .steps
        .iter()
        .map(|s| s.title_en.clone())
        .collect();
    assert_eq!(steps[2], "7 July 1937: the northern cities fall", "{steps:?}");
    assert_eq!(steps[0], "Taiyuan and the Shanxi workers");
}

#[test]
fn a_places_former_names_are_edited_from_the_map_or_an_events_details_and_undone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let original = std::fs::read(dir.join("places.tsv")).unwrap();
    let yq = chronoatlas::io::load_bundled()
        .dataset
        .place("yangquan")
        .unwrap()
        .clone();
    let mut h = editor_at(dir.clone(), yq.lon, yq.lat);
    // A click (no drag) on a place's point in move mode opens its form.
    h.get_by_label("Move places").click();
    h.run();
    let c = h.state().marks.map.center();
    h.event(egui::Event::PointerMoved(c));
    h.step();
    press(&mut h, c, true);
    press(&mut h, c, false);
    h.run();
    assert!(h.query_by_label("New place").is_none());
    assert!(
        h.query_by_label("yangquan").is_some(),
        "its id, not to be changed"
    );
    retype(
        &mut h,
        "Former names (中文|English|date)",
        "阳泉庄|Yangquanzhuang|1900/1930",
    );
    retype(&mut h, "Name (English)", "Yangquan city");
    h.get_by_label("Apply").click();
    h.run();
    let day = chronoatlas::model::date::days_from_civil(1920, 1, 1);
    let now = h.state().ex.ds().place("yangquan").unwrap().clone();
    assert_eq!(
        now.names_at(day),
        ("阳泉庄", "Yangquanzhuang"),
        "the map names it so in 1920"
    );
    assert_eq!(now.name_en, "Yangquan city");
    assert_eq!((now.lon, now.lat), (yq.lon, yq.lat), "not moved by the click");
    h.state_mut().apply(Command::Edit(EditCommand::Save));
    h.run();
    let places = std::fs::read_to_string(dir.join("places.tsv")).unwrap();
    let row = places.lines().find(|l| l.starts_with("yangquan\t")).unwrap();
    assert!(row.contains("\tYangquan city\t"), "{row}");
    assert!(row.contains("\t阳泉庄|Yangquanzhuang|1900/1930\t"), "{row}");
    h.state_mut().apply(Command::Edit(EditCommand::Undo));
    h.state_mut().apply(Command::Edit(EditCommand::Save));
    h.run();
    assert_eq!(std::fs::read(dir.join("places.tsv")).unwrap(), original);

    // From an event's details: each of its places can be edited.
    h.get_by_label("Move places").click();
    select(&mut h, "zhengtai_guerrillas_formed");
    let buttons = h.get_all_by_label("edit place").count();
    assert_eq!(buttons, 2, "one per place: Shijiazhuang and Yangquan");
    h.get_all_by_label("edit place").last().unwrap().click();
    h.run();
    let (form, is_new) = h.state().editing().unwrap().place_form.clone().unwrap();
    assert!(!is_new);
    assert_eq!(form.id, "yangquan");
    assert!(h.query_by_label("Place").is_some(), "the window says which it is");
}
