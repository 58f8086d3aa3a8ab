//! Issue #20's "done when", as a new user would do it: a new event from a
//! phrase of the text, a new place put on the map, a two-step tour; saved,
//! the window closed, opened again: all three are there. With
//! CHRONOATLAS_WALKTHROUGH_PNG=DIR it also saves a picture of each step
//! (rendered by the window's own renderer), and with
//! CHRONOATLAS_WALKTHROUGH_DIR=DIR it edits that folder (for `git diff`).
use std::path::{Path, PathBuf};

use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::command::Command;
use chronoatlas::edit::EditCommand;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn open(dir: &Path, view: (f64, f64, f64)) -> Harness<'static, ChronoApp> {
    let options = AppOptions {
        lang: Some(chronoatlas::model::Lang::En),
        data: Some(dir.to_path_buf()),
        edit: true,
        view: Some(view.into()),
        ..AppOptions::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .with_theme(egui::Theme::Light)
        .with_max_steps(60)
        .wgpu()
        .build_eframe(move |cc| ChronoApp::new(&cc.egui_ctx, options, None));
    h.run();
    h
}

/// Saves a picture of the window when asked to.
fn picture(h: &mut Harness<'_, ChronoApp>, name: &str) {
    let Some(dir) = std::env::var_os("CHRONOATLAS_WALKTHROUGH_PNG") else {
        return;
    };
    for _ in 0..200 {
        h.step();
        if !h.state().tiles_pending() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let img = h.render().unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    img.save(PathBuf::from(dir).join(format!("{name}.png"))).unwrap();
}

fn typed(h: &mut Harness<'_, ChronoApp>, role: Role, label: &str, text: &str) {
    crate::common::retype(h, role, label, text);
}

#[test]
fn a_new_user_makes_an_event_a_place_and_a_tour_saves_closes_and_finds_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = match std::env::var_os("CHRONOATLAS_WALKTHROUGH_DIR") {
        Some(d) => PathBuf::from(d),
        None => crate::common::bundled_copy(&tmp.path().join("my-data")),
    };
    let mut h = open(&dir, (113.2, 37.8, 8.0));
    picture(&mut h, "1-editing");

    // 1. A new event from a phrase of the text.
    h.get_by_label("New event from the text").click();
    h.run();
    let text = h.state().ex.ds().sources[0].text.clone();
    let phrase = "9月下旬，在日军进迫石家庄时";
    let at = text.find(phrase).unwrap();
    h.state_mut().reading.phrase = Some((0, at, at + phrase.len()));
    h.run();
    picture(&mut h, "2-phrase-selected");
    h.get_by_label("New event from this phrase").click();
    h.run();
    typed(&mut h, Role::TextInput, "Id", "shijiazhuang_threat_felt");
    typed(&mut h, Role::TextInput, "Title (中文)", "日军进迫石家庄");
    typed(
        &mut h,
        Role::TextInput,
        "Title (English)",
        "The Japanese close in on Shijiazhuang",
    );
    picture(&mut h, "3-event-form-proposed");
    h.get_by_label("Apply").click();
    h.run();
    assert!(
        h.state().ex.ds().event("shijiazhuang_threat_felt").is_some(),
        "{}",
        h.state().editing().unwrap().status
    );

    // 2. A new place, by clicking the map.
    h.get_by_label("Add place").click();
    h.run();
    let c = h.state().marks.map.center();
    h.event(egui::Event::PointerMoved(c));
    h.step();
    crate::common::tap(&mut h, c);
    h.run();
    typed(&mut h, Role::TextInput, "Id", "shouyang_works");
    typed(&mut h, Role::TextInput, "Name (中文)", "寿阳工场");
    typed(&mut h, Role::TextInput, "Name (English)", "Shouyang works");
    picture(&mut h, "4-place-form");
    h.get_by_label("Apply").click();
    h.run();
    assert!(
        h.state().ex.ds().place("shouyang_works").is_some(),
        "{}",
        h.state().editing().unwrap().status
    );

    // 3. A two-step tour.
    h.get_by_label("Tours…").click();
    h.run();
    h.get_by_label("New tour…").click();
    h.run();
    typed(&mut h, Role::TextInput, "Tour id", "zhengtai");
    typed(&mut h, Role::TextInput, "Title (中文)", "正太路上");
    typed(&mut h, Role::TextInput, "Title (English)", "On the Zhengtai line");
    let i = h
        .state()
        .ex
        .ds()
        .event_position("shijiazhuang_threat_felt")
        .unwrap();
    h.state_mut().apply(Command::Select {
        event: Some(i),
        fly: false,
    });
    h.state_mut().apply(Command::Seek(f64::from(
        chronoatlas::model::date::days_from_civil(1937, 9, 25),
    )));
    h.run();
    h.get_by_label("Make the tour").click();
    h.run();
    h.state_mut().apply(Command::Seek(f64::from(
        chronoatlas::model::date::days_from_civil(1937, 11, 8),
    )));
    let i = h.state().ex.ds().event_position("taiyuan_falls").unwrap();
    h.state_mut().apply(Command::Select {
        event: Some(i),
        fly: false,
    });
    h.run();
    h.get_by_label("Add step from the current view").click();
    h.run();
    picture(&mut h, "5-tour-two-steps");
    assert_eq!(h.state().ex.ds().tour("zhengtai").map(|t| t.steps.len()), Some(2));

    // Saved, closed.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    picture(&mut h, "6-saved");
    assert!(!h.state().editing().unwrap().ws.is_dirty());
    drop(h);

    // Opened again: all there, and the data valid.
    let loaded = chronoatlas::io::load_path(&dir);
    assert!(loaded.is_valid(), "{:?}", loaded.errors().next());
    let mut h = open(&dir, (113.2, 37.8, 8.0));
    let ds = h.state().ex.ds();
    let e = ds.event("shijiazhuang_threat_felt").expect("the event");
    assert_eq!(e.when.text, "1937年9月下旬");
    assert_eq!(e.quote, phrase);
    // Its date is read from the context, and says how: no warning left.
    assert!(
        e.readings
            .iter()
            .any(|r| r.of == chronoatlas::model::ReadingOf::Date && r.en.contains("1937"))
    );
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(ds.place("shouyang_works").is_some());
    assert_eq!(ds.tour("zhengtai").map(|t| t.steps.len()), Some(2));
    h.state_mut().apply(Command::Edit(EditCommand::End));
    h.state_mut().apply(Command::Seek(f64::from(
        chronoatlas::model::date::days_from_civil(1937, 9, 30),
    )));
    let i = h
        .state()
        .ex
        .ds()
        .event_position("shijiazhuang_threat_felt")
        .unwrap();
    h.state_mut().apply(Command::Select {
        event: Some(i),
        fly: false,
    });
    h.run();
    picture(&mut h, "7-reopened");
}
