//! The editor as a curator uses it (issue #20): an event edited in the
//! form and saved, a new event that must quote the text, undo back to the
//! file as it was, the bundled data copied before it is edited, and never
//! an editor in the kiosk or a presentation.
use std::path::{Path, PathBuf};

use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::command::Command;
use chronoatlas::edit::EditCommand;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A copy of the bundled dataset folder.
fn copy(tmp: &Path) -> PathBuf {
    crate::common::bundled_copy(&tmp.join("data"))
}

fn editor(data: Option<PathBuf>) -> Harness<'static, ChronoApp> {
    let options = AppOptions {
        lang: Some(chronoatlas::model::Lang::En),
        data,
        edit: true,
        ..AppOptions::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .with_max_steps(60)
        .build_eframe(move |cc| ChronoApp::new(&cc.egui_ctx, options, None));
    h.run();
    h
}

fn select(h: &mut Harness<'_, ChronoApp>, id: &str) {
    let i = h.state().ex.ds().event_position(id).unwrap();
    h.state_mut().ex.apply(Command::Select {
        event: Some(i),
        fly: false,
    });
    h.run();
}

/// Replaces a text field's text by typing.
fn retype(h: &mut Harness<'_, ChronoApp>, label: &str, text: &str) {
    use egui::accesskit::Role;
    let role = if ["Quote", "Note", "References"].contains(&label) {
        Role::MultilineTextInput
    } else {
        Role::TextInput
    };
    crate::common::retype(h, role, label, text);
}

#[test]
fn an_event_edited_in_the_form_is_saved_and_undone_back_to_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let original = std::fs::read(dir.join("events.geojson")).unwrap();
    let mut h = editor(Some(dir.clone()));
    assert!(h.state().editing().is_some(), "--edit on a folder edits it");
    assert!(h.query_by_label("Edit selected event").is_some());
    select(&mut h, "taiyuan_falls");
    h.get_by_label("Edit selected event").click();
    h.run();
    retype(&mut h, "Title (English)", "Taiyuan is lost");
    // A date the loader cannot read is said beside the field; Apply waits.
    retype(&mut h, "Date", "1937-11-31");
    assert!(
        h.query_by_label_contains("does not exist").is_some()
            || h.query_by_label_contains("cannot read").is_some()
    );
    retype(&mut h, "Date", "1937-11-08");
    h.get_by_label("Apply").click();
    h.run();
    let ds = h.state().ex.ds();
    assert_eq!(
        ds.event("taiyuan_falls").unwrap().title_en,
        "Taiyuan is lost",
        "the map shows the edit"
    );
    assert!(
        h.query_by_label_contains("Save • 1").is_some(),
        "one file unsaved"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let saved = std::fs::read_to_string(dir.join("events.geojson")).unwrap();
    assert!(saved.contains("\"title_en\": \"Taiyuan is lost\""));
    let changed = String::from_utf8(original.clone())
        .unwrap()
        .lines()
        .zip(saved.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed, 1, "the saved diff is the edit alone");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_ne!(
        h.state().ex.ds().event("taiyuan_falls").unwrap().title_en,
        "Taiyuan is lost"
    );
    h.get_by_label_contains("Save").click();
    h.run();
    assert_eq!(std::fs::read(dir.join("events.geojson")).unwrap(), original);
}

#[test]
fn a_new_event_must_quote_the_text_once_and_the_saved_data_validates() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let mut h = editor(Some(dir.clone()));
    h.get_by_label("New event").click();
    h.run();
    retype(&mut h, "Id", "my_new_event");
    retype(&mut h, "Title (English)", "Workers of Taiyuan organise");
    retype(&mut h, "Title (中文)", "太原工人组织起来");
    retype(&mut h, "Date", "1937年10月");
    retype(&mut h, "Quote", "这句话不在原文里");
    assert!(
        h.query_by_label_contains("the quote is not in the source text")
            .is_some()
    );
    // Apply does nothing while a field is wrong.
    h.get_by_label("Apply").click();
    h.run();
    assert!(h.state().ex.ds().event("my_new_event").is_none());
    retype(&mut h, "Quote", "迅速组织工人武装，参加根据地的开创工作");
    retype(&mut h, "Places", "taiyuan");
    let problems: Vec<String> = {
        let ed = h.state().editing().unwrap();
        let f = &ed.form.as_ref().unwrap().form;
        f.problems(h.state().ex.ds(), true)
            .iter()
            .map(|p| p.en.clone())
            .collect()
    };
    assert!(problems.is_empty(), "{problems:?}");
    h.get_by_label("Apply").click();
    h.run();
    assert!(
        h.state().ex.ds().event("my_new_event").is_some(),
        "{}",
        h.state().editing().unwrap().status
    );
    h.state_mut().apply(Command::Edit(EditCommand::Save));
    h.run();
    let loaded = chronoatlas::io::load_path(&dir);
    assert!(loaded.is_valid(), "{:?}", loaded.errors().next());
    assert_eq!(
        loaded.dataset.event("my_new_event").unwrap().when.text,
        "1937年10月"
    );
}

#[test]
fn the_bundled_data_is_copied_to_a_folder_before_it_is_edited() {
    let tmp = tempfile::tempdir().unwrap();
    let to = tmp.path().join("my-copy");
    let mut h = editor(None);
    assert!(h.state().editing().is_none(), "never the bundled data in place");
    assert!(h.query_by_label("Edit a copy of the data").is_some());
    h.state_mut().copy_dialog = Some(to.display().to_string());
    h.run();
    h.get_by_label("Copy and edit").click();
    h.run();
    let ed = h.state().editing().expect("editing the copy");
    assert_eq!(ed.ws.root, to);
    assert_eq!(
        std::fs::read(to.join("events.geojson")).unwrap(),
        chronoatlas::io::FileSet::bundled().get("events.geojson").unwrap()
    );
}

#[test]
fn the_kiosk_and_a_presentation_never_show_the_editor() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    for options in [
        AppOptions {
            data: Some(dir.clone()),
            edit: true,
            present: Some(String::new()),
            ..AppOptions::default()
        },
        AppOptions {
            data: Some(dir.clone()),
            edit: true,
            kiosk: Some(chronoatlas::mode::kiosk::KioskConfig::parse("k.toml", "").unwrap()),
            ..AppOptions::default()
        },
    ] {
        let mut h = Harness::builder()
            .with_size(egui::vec2(1440.0, 900.0))
            .with_step_dt(0.25)
            .build_eframe(move |cc| ChronoApp::new(&cc.egui_ctx, options, None));
        h.run_steps(3);
        h.state_mut()
            .apply(Command::Edit(EditCommand::Begin { copy_to: None }));
        h.run_steps(2);
        assert!(h.state().editing().is_none());
        assert!(
            h.query_by_label_contains("Editing").is_none() && h.query_by_label_contains("编辑中").is_none()
        );
    }
}

#[test]
fn an_edit_that_would_break_the_data_is_refused_and_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let mut h = editor(Some(dir.clone()));
    // The story tour names this event: deleting it would leave the tour
    // pointing at nothing.
    select(&mut h, "marco_polo_bridge_incident");
    h.get_by_label("Edit selected event").click();
    h.run();
    h.get_by_label("Delete event").click();
    h.run();
    assert!(h.state().ex.ds().event("marco_polo_bridge_incident").is_some());
    let status = h.state().editing().unwrap().status.clone();
    assert!(
        status.contains("not done") && status.contains("unknown event id 'marco_polo_bridge_incident'"),
        "{status}"
    );
    assert!(!h.state().editing().unwrap().ws.is_dirty(), "nothing pending");
    // An event no tour names goes, and comes back with undo.
    select(&mut h, "workers_turn_to_arms");
    h.get_by_label("Edit selected event").click();
    h.run();
    let form_id = h
        .state()
        .editing()
        .unwrap()
        .form
        .as_ref()
        .map(|f| f.form.id.clone());
    assert_eq!(form_id.as_deref(), Some("workers_turn_to_arms"));
    h.get_by_label("Delete event").click();
    h.run();
    assert!(
        h.state().ex.ds().event("workers_turn_to_arms").is_none(),
        "{}",
        h.state().editing().unwrap().status
    );
    h.get_by_label("Undo").click();
    h.run();
    assert!(h.state().ex.ds().event("workers_turn_to_arms").is_some());
    assert!(!h.state().editing().unwrap().ws.is_dirty());
}

#[test]
fn a_phrase_picked_in_the_text_proposes_date_size_and_places() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let mut h = editor(Some(dir));
    h.get_by_label("New event from the text").click();
    h.run();
    assert!(
        h.state().ex.settings().show_details,
        "the source text is shown to select in"
    );
    // The words selected (as a mouse drag would leave them).
    let text = h.state().ex.ds().sources[0].text.clone();
    let phrase = "9月下旬，在日军进迫石家庄时";
    let at = text.find(phrase).unwrap();
    h.state_mut().reading.phrase = Some((0, at, at + phrase.len()));
    h.run();
    h.get_by_label("New event from this phrase").click();
    h.run();
    let ed = h.state().editing().unwrap();
    let f = &ed.form.as_ref().expect("the form, filled in").form;
    assert_eq!(f.quote, phrase);
    assert_eq!(f.when, "1937年9月下旬", "the year from the text before");
    assert_eq!(f.when_basis, "context");
    assert!(
        f.date_reading_en.contains("1937") && f.date_reading_en.contains("text before it"),
        "{}",
        f.date_reading_en
    );
    assert!(f.date_reading_zh.contains("1937年"), "{}", f.date_reading_zh);
    assert!(f.places.contains("shijiazhuang"), "{}", f.places);
    assert!(!f.id.is_empty());
}

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
fn ctrl_f_goes_to_search_f1_lists_the_keys_and_a_row_is_copied_as_text() {
    let mut h = editor(None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.event(egui::Event::Text("太原".into()));
    h.run();
    assert!(
        h.query_by_label_contains("◎ 太原").is_some(),
        "typed into search: its results show"
    );
    h.key_press(Key::Escape);
    h.run();
    let ctx = h.ctx.clone();
    ctx.memory_mut(|m| m.stop_text_input());
    h.run();
    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label("Keyboard shortcuts").is_some());
    assert!(h.query_by_label("Undo (editing)").is_some());
    select(&mut h, "taiyuan_falls");
    h.get_by_label("Copy row").click();
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied.len(), 1, "{copied:?}");
    let cells: Vec<&str> = copied[0].split('\t').collect();
    assert_eq!(cells[0], "taiyuan_falls");
    assert_eq!(cells.len(), 6);
}

#[test]
fn a_file_another_program_saved_meanwhile_is_not_overwritten_and_both_can_be_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let mut h = editor(Some(dir.clone()));
    select(&mut h, "taiyuan_falls");
    h.get_by_label("Edit selected event").click();
    h.run();
    retype(&mut h, "Title (English)", "Taiyuan is lost");
    h.get_by_label("Apply").click();
    h.run();
    // Meanwhile a text editor saves the same file.
    let theirs = std::fs::read_to_string(dir.join("events.geojson"))
        .unwrap()
        .replace("七七事变", "七七事件");
    std::fs::write(dir.join("events.geojson"), &theirs).unwrap();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.query_by_label("Changed by another program").is_some());
    assert_eq!(
        std::fs::read_to_string(dir.join("events.geojson")).unwrap(),
        theirs,
        "not overwritten"
    );
    h.get_by_label("See both").click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(dir.join("events.geojson")).unwrap(),
        theirs
    );
    let mine = std::fs::read_to_string(dir.join("events.geojson.mine")).unwrap();
    assert!(mine.contains("Taiyuan is lost") && !mine.contains("七七事件"));
}

#[test]
fn an_events_places_are_picked_from_the_gazetteer_by_pinyin_chinese_or_english() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let mut h = editor(Some(dir));
    h.get_by_label("New event").click();
    h.run();
    for (query, hit, id) in [
        ("yangquan", "+ 阳泉 Yangquan", "yangquan"),
        ("石家庄", "+ 石家庄 Shijiazhuang", "shijiazhuang"),
    ] {
        retype(&mut h, "Find a place", query);
        h.get_by_label(hit).click();
        h.run();
        let places = h
            .state()
            .editing()
            .unwrap()
            .form
            .as_ref()
            .unwrap()
            .form
            .places
            .clone();
        assert!(places.contains(id), "{places}");
    }
    let places = h
        .state()
        .editing()
        .unwrap()
        .form
        .as_ref()
        .unwrap()
        .form
        .places
        .clone();
    assert_eq!(places, "yangquan, shijiazhuang");
}

#[test]
fn an_event_is_edited_from_its_details_and_never_in_the_kiosk() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let mut h = editor(Some(dir));
    select(&mut h, "taiyuan_falls");
    h.get_by_label("Edit").click();
    h.run();
    let id = h
        .state()
        .editing()
        .unwrap()
        .form
        .as_ref()
        .map(|f| f.form.id.clone());
    assert_eq!(id.as_deref(), Some("taiyuan_falls"));
    // Not editing: the details have no Edit.
    h.state_mut().editing_mut().unwrap().form = None;
    h.state_mut().apply(Command::Edit(EditCommand::End));
    h.run();
    assert!(h.state().editing().is_none());
    assert!(h.query_by_label("Edit").is_none());
}

#[test]
fn a_phrase_selected_in_the_reading_panel_makes_a_new_events_form() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let mut h = editor(Some(dir));
    h.state_mut().ex.apply(Command::SetDetailsShown(true));
    h.run();
    // Words selected with the keyboard in the first paragraph.
    let para = h
        .get_all_by_role(egui::accesskit::Role::MultilineTextInput)
        .next()
        .expect("the text, to select in");
    para.click();
    h.run();
    h.key_press(Key::Home);
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    h.run();
    let (source, a, b) = h.state().reading.phrase.expect("a phrase selected");
    let text = h.state().ex.ds().sources[source].text.clone();
    let phrase = text[a..b].to_string();
    assert_eq!(phrase.chars().count(), 4, "{phrase}");
    h.get_by_label("New event from this phrase").click();
    h.run();
    let form = &h.state().editing().unwrap().form.as_ref().expect("the form").form;
    assert_eq!(form.quote, phrase);
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
