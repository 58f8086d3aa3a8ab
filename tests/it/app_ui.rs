//! The window as a user meets it, driven with egui_kittest (no display or
//! GPU needed): language, playing, stepping, the slider, clicking events,
//! search, filters, the About view.
use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::model::date::{days_from_civil, format_iso};
use egui::{Event, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, ChronoApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .with_theme(egui::Theme::Light)
        // run() goes on until nothing moves (an idle window asks for no
        // frames), within this many.
        .with_max_steps(120)
        .build_eframe(|cc| ChronoApp::new(&cc.egui_ctx, AppOptions::default(), None));
    h.run();
    h
}

fn event_index(h: &Harness<'_, ChronoApp>, id: &str) -> usize {
    h.state()
        .ex
        .ds()
        .event_position(id)
        .unwrap_or_else(|| panic!("{id}"))
}

/// Where the marker of `event` was drawn in the last frame.
fn marker(h: &Harness<'_, ChronoApp>, event: usize) -> Option<Pos2> {
    h.state()
        .marks
        .hits
        .iter()
        .find(|m| m.event == event)
        .map(|m| m.at)
}

/// Whether `event` was drawn in the last frame, alone or in a group.
fn drawn(h: &Harness<'_, ChronoApp>, event: usize) -> bool {
    marker(h, event).is_some() || h.state().marks.groups.iter().any(|g| g.events.contains(&event))
}

/// Where the marker of `event` is once the pointer has opened the group
/// it is gathered in, as a user would.
fn open_marker(h: &mut Harness<'_, ChronoApp>, event: usize) -> Option<Pos2> {
    if let Some(at) = marker(h, event) {
        return Some(at);
    }
    let group = (h.state().marks.groups.iter()).find(|g| g.events.contains(&event))?;
    h.hover_at(group.at);
    h.run();
    marker(h, event)
}

fn click_at(h: &mut Harness<'_, ChronoApp>, pos: Pos2) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        });
    }
    h.run();
}

#[test]
fn starts_in_chinese_on_7_july_1937_and_switches_to_english() {
    let mut h = harness();
    assert!(
        h.query_by_label_contains("1937年7月7日").is_some(),
        "Chinese date on start"
    );
    assert!(h.query_by_label("播放").is_some());
    h.get_by_label("English").click();
    h.run();
    assert!(
        h.query_by_label("7 July 1937").is_some(),
        "English date after switching"
    );
    assert!(h.query_by_label("Play").is_some(), "controls follow the language");
    assert!(
        h.query_by_label_contains("Occupation (").is_some(),
        "legend follows the language"
    );
    h.get_by_label("中文").click();
    h.run();
    assert!(h.query_by_label("更多").is_some());
    assert!(h.query_by_label_contains("沦陷 (").is_some());
}

#[test]
fn pressing_play_advances_the_date_and_pause_stops_it() {
    let mut h = harness();
    let before = h.state().ex.clock().position();
    h.get_by_label("播放").click();
    // Playing asks for frames without end: a number of them.
    h.run_steps(8);
    let moved = h.state().ex.clock().position();
    assert!(moved > before + 1.0, "{before} → {moved}");
    h.get_by_label("暂停").click();
    h.run();
    let stopped = h.state().ex.clock().position();
    // Paused, the window settles: no more frames are asked for.
    h.run();
    assert_eq!(h.state().ex.clock().position(), stopped);
    // Space toggles too.
    h.key_press(egui::Key::Space);
    h.run_steps(4);
    assert!(h.state().ex.clock().position() > stopped);
}

#[test]
fn stepping_lands_on_the_next_event_date() {
    let mut h = harness();
    let day = h.state().ex.day();
    let next = h.state().ex.index().next_start_after(day).unwrap();
    h.get_by_label("下一事件").click();
    h.run();
    assert_eq!(h.state().ex.day(), next);
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert!(h.state().ex.day() > next);
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    assert_eq!(format_iso(h.state().ex.day()), format_iso(next));
}

#[test]
fn the_slider_before_an_event_hides_it_and_after_shows_it() {
    let mut h = harness();
    let taiyuan = event_index(&h, "taiyuan_falls");
    let strip = h.get_by_label("日期").rect();
    let (start, end) = (h.state().ex.clock().start(), h.state().ex.clock().end());
    let x_of =
        |d: i32| strip.left() + 8.0 + (strip.width() - 16.0) * (d - start) as f32 / (end - start) as f32;
    click_at(
        &mut h,
        egui::pos2(x_of(days_from_civil(1937, 10, 1)), strip.center().y),
    );
    assert!(h.state().ex.day() < days_from_civil(1937, 11, 8));
    assert!(
        !h.state().ex.is_shown(taiyuan),
        "before 8 November 1937 Taiyuan has not fallen"
    );
    assert!(!drawn(&h, taiyuan));
    click_at(
        &mut h,
        egui::pos2(x_of(days_from_civil(1937, 12, 15)), strip.center().y),
    );
    assert!(h.state().ex.is_shown(taiyuan));
    assert!(drawn(&h, taiyuan), "its marker is drawn");
}

#[test]
fn clicking_an_event_shows_its_source_phrase_in_its_sentence() {
    let mut h = harness();
    h.state_mut()
        .ex
        .apply(chronoatlas::command::Command::Seek(f64::from(days_from_civil(
            1937, 11, 20,
        ))));
    h.run();
    let taiyuan = event_index(&h, "taiyuan_falls");
    let at = open_marker(&mut h, taiyuan).expect("Taiyuan's marker on the map");
    click_at(&mut h, at);
    let selected = h.state().ex.selected().expect("something is selected");
    let e = &h.state().ex.ds().events[selected];
    assert!(
        h.query_by_label_contains(&e.title_en).is_some(),
        "details show the English title"
    );
    // The phrase in its sentence (the summary may repeat the words, not the sentence).
    assert!(
        h.query_all_by_label_contains("1937年11月8日，太原失守。").count() >= 1,
        "the source phrase in its sentence"
    );
}

#[test]
fn choosing_an_event_in_search_selects_it_and_moves_time_to_it() {
    let mut h = harness();
    h.get_by_label("搜索").click();
    h.run();
    h.get_by_label("搜索").type_text("张店车站");
    h.run();
    h.get_by_label_contains("胶济铁路工人游击队炸毁张店车站电灯厂")
        .click();
    h.run();
    let e = event_index(&h, "zhangdian_power_plant_blown_up");
    assert_eq!(h.state().ex.selected(), Some(e));
    assert_eq!(format_iso(h.state().ex.day()), "1938-07-04");
    // The source sentence (the Chinese summary repeats it word for word).
    assert!(
        h.query_all_by_label_contains("1938年7月4日，胶济铁路工人游击队炸毁了张店车站的电灯厂。")
            .count()
            >= 1
    );
}

#[test]
fn a_kind_filter_hides_the_markers_of_that_kind() {
    let mut h = harness();
    h.state_mut()
        .ex
        .apply(chronoatlas::command::Command::Seek(f64::from(days_from_civil(
            1941, 6, 1,
        ))));
    h.run();
    let is_occupation = |h: &Harness<'_, ChronoApp>, i: usize| {
        h.state().ex.ds().events[i].kind == chronoatlas::model::EventKind::Occupation
    };
    let occupations = |h: &Harness<'_, ChronoApp>| {
        (0..h.state().ex.ds().events.len())
            .filter(|&i| is_occupation(h, i) && drawn(h, i))
            .count()
    };
    assert!(occupations(&h) > 0, "occupations drawn");
    h.get_by_label_contains("沦陷 (").click();
    h.run();
    assert!(occupations(&h) == 0, "none drawn once unchecked");
    assert!(!h.state().marks.hits.is_empty(), "other kinds still drawn");
}

#[test]
fn about_lists_every_source_and_licence() {
    let mut h = harness();
    h.get_by_label("更多").click();
    h.run();
    h.get_by_label("关于").click();
    h.run();
    for needle in [
        "Natural Earth",
        "GeoNames (geonames.org)",
        "CC BY 4.0",
        "SIL Open Font License 1.1",
        "public domain",
        "LGPL-3.0-or-later",
        "Ubuntu Font Licence 1.0",
        // The crates compiled in, by the licences they carry (from the
        // generated THIRD_PARTY_LICENSES.md).
        "个 Rust 库及其许可",
        "MIT OR Apache-2.0 (",
        "Unicode-3.0",
        "ISC",
        "BSD-3-Clause",
        "Zlib",
        "OFL-1.1 AND Ubuntu-font-1.0",
    ] {
        assert!(
            h.query_all_by_label_contains(needle).next().is_some(),
            "About shows {needle}"
        );
    }
    assert!(
        h.query_by_label_contains("OpenStreetMap").is_none(),
        "OSM is credited only when used"
    );
}

#[test]
fn the_details_mark_what_the_dataset_reads_beyond_the_text() {
    let mut h = harness();
    let longhai = event_index(&h, "longhai_taiwei_sabotage");
    h.state_mut().ex.apply(chronoatlas::command::Command::Select {
        event: Some(longhai),
        fly: false,
    });
    h.run();
    assert!(
        h.query_by_label("我们的解读").is_some(),
        "the reading box, in Chinese"
    );
    assert!(
        h.query_by_label_contains("路段：原文未指明路段").is_some(),
        "the stretch drawn, as a reading with its basis"
    );
    h.get_by_label("English").click();
    h.run();
    assert!(h.query_by_label("Our reading").is_some(), "and in English");
    assert!(
        h.query_by_label_contains("Stretch: The text names no stretch")
            .is_some()
    );
    // An event the text dates itself has no reading to show.
    let taiyuan = event_index(&h, "taiyuan_falls");
    h.state_mut().ex.apply(chronoatlas::command::Command::Select {
        event: Some(taiyuan),
        fly: false,
    });
    h.run();
    assert!(h.query_by_label("Our reading").is_none());
}

#[test]
fn a_stretch_still_falling_is_marked_only_where_it_began() {
    let mut h = harness();
    h.state_mut()
        .ex
        .apply(chronoatlas::command::Command::Seek(f64::from(days_from_civil(
            1937, 12, 20,
        ))));
    h.run();
    // Anyang fell on 5 November 1937; Xinxiang only in February 1938.
    let e = event_index(&h, "pinghan_lost_anyang_xinxiang");
    assert!(h.state().ex.is_shown(e));
    let marks = &h.state().marks;
    let alone = marks.hits.iter().filter(|m| m.event == e).count();
    let gathered = marks.groups.iter().filter(|g| g.events.contains(&e)).count();
    assert_eq!(alone + gathered, 1, "one marker, at Anyang, none at Xinxiang");
}

#[test]
fn a_place_in_the_details_says_where_its_point_comes_from() {
    let mut h = harness();
    h.get_by_label("English").click();
    let taiyuan = event_index(&h, "taiyuan_falls");
    h.state_mut().ex.apply(chronoatlas::command::Command::Select {
        event: Some(taiyuan),
        fly: false,
    });
    h.run();
    h.get_by_label_contains("太原 Taiyuan").hover();
    h.run();
    assert!(
        h.query_by_label_contains("GeoNames 1793511 (CC-BY 4.0) · ±")
            .is_some(),
        "the hover names the gazetteer entry, its licence and the tolerance"
    );
}

#[test]
fn a_window_left_alone_asks_for_no_more_frames() {
    // The explorer from the checkout watches geodata/ for edits: it must do
    // so without waking the window (it used to ask for a frame every
    // 300 ms, and drew half a core doing nothing).
    let mut h = harness();
    h.run();
    let next = |h: &Harness<'_, ChronoApp>| h.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay;
    assert!(
        next(&h) > std::time::Duration::from_secs(3600),
        "next frame asked for in {:?}",
        next(&h)
    );
    // Playing asks for frames; paused again, it stops asking.
    h.get_by_label("播放").click();
    h.run_steps(2);
    assert_eq!(next(&h), std::time::Duration::ZERO);
    h.get_by_label("暂停").click();
    h.run();
    assert!(next(&h) > std::time::Duration::from_secs(3600), "{:?}", next(&h));
}
