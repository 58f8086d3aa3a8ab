//! The editor as a curator uses it (issue #20): an event edited in the
//! form and saved, a new event that must quote the text, undo back to the
//! file as it was, the bundled data copied before it is edited, and never
//! an editor in the kiosk or a presentation; closing with unsaved edits asks.
use std::path::{Path, PathBuf};

use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::command::Command;
use chronoatlas::edit::EditCommand;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A copy of the bundled dataset folder.
pub(crate) fn copy(tmp: &Path) -> PathBuf {
    crate::common::bundled_copy(&tmp.join("data"))
}

pub(crate) fn editor(data: Option<PathBuf>) -> Harness<'static, ChronoApp> {
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

pub(crate) fn select(h: &mut Harness<'_, ChronoApp>, id: &str) {
    let i = h.state().ex.ds().event_position(id).unwrap();
    h.state_mut().ex.apply(Command::Select {
        event: Some(i),
        fly: false,
    });
    h.run();
}

/// Replaces a text field's text by typing.
pub(crate) fn retype(h: &mut Harness<'_, ChronoApp>, label: &str, text: &str) {
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

/// The window manager asks the window to close (its close button, Alt+F4):
/// what the app answered in that frame.
fn ask_to_close(h: &mut Harness<'_, ChronoApp>) -> Vec<egui::ViewportCommand> {
    let root = egui::ViewportId::ROOT;
    h.input_mut()
        .viewports
        .entry(root)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    let commands = h.output().viewport_output[&root].commands.clone();
    h.run();
    commands
}

#[test]
fn closing_with_unsaved_edits_asks_and_saves_or_keeps_them_in_the_autosave() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = copy(tmp.path());
    let original = std::fs::read(dir.join("events.geojson")).unwrap();
    let mut h = editor(Some(dir.clone()));
    let cancel = egui::ViewportCommand::CancelClose;
    // Nothing unsaved: the window closes without a question.
    assert!(!ask_to_close(&mut h).contains(&cancel));
    assert!(h.query_by_label("Unsaved edits").is_none());
    select(&mut h, "taiyuan_falls");
    h.get_by_label("Edit selected event").click();
    h.run();
    retype(&mut h, "Title (English)", "Taiyuan is lost");
    h.get_by_label("Apply").click();
    h.run();
    // Unsaved: the close is held back and the user asked.
    assert!(ask_to_close(&mut h).contains(&cancel));
    assert!(h.query_by_label("Save them before closing?").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Save them before closing?").is_none());
    assert_eq!(
        std::fs::read(dir.join("events.geojson")).unwrap(),
        original,
        "nothing written yet"
    );
    // Closing without saving keeps the edits for the next session.
    assert!(ask_to_close(&mut h).contains(&cancel));
    h.get_by_label("Close without saving").click();
    h.step();
    assert!(
        h.output().viewport_output[&egui::ViewportId::ROOT]
            .commands
            .contains(&egui::ViewportCommand::Close)
    );
    assert_eq!(std::fs::read(dir.join("events.geojson")).unwrap(), original);
    let again = editor(Some(dir.clone()));
    assert!(
        again.query_by_label("Take them back").is_some(),
        "the next session offers them back"
    );
    drop(again);
    // Saving and closing writes them.
    let mut h = editor(Some(dir.clone()));
    h.get_by_label("Take them back").click();
    h.run();
    assert!(ask_to_close(&mut h).contains(&cancel));
    h.get_by_label("Save and close").click();
    h.step();
    assert!(
        h.output().viewport_output[&egui::ViewportId::ROOT]
            .commands
            .contains(&egui::ViewportCommand::Close)
    );
    let saved = std::fs::read_to_string(dir.join("events.geojson")).unwrap();
    assert!(saved.contains("Taiyuan is lost"));
    assert!(chronoatlas::io::load_path(&dir).is_valid());
}
