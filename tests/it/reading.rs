//! The reading panel: the source text beside the map, driven with kittest.
use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::command::Command;
use chronoatlas::model::reading::Reading;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(lang: chronoatlas::model::Lang) -> Harness<'static, ChronoApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        // run() steps until nothing moves, within this many.
        .with_max_steps(120)
        .build_eframe(move |cc| {
            let options = AppOptions {
                lang: Some(lang),
                ..AppOptions::default()
            };
            ChronoApp::new(&cc.egui_ctx, options, None)
        });
    h.run();
    // The source text folds away at first: R opens it, as a reader would.
    h.key_press(egui::Key::R);
    h.run();
    h
}

/// The text of every run cited by exactly the given events, and the run's
/// events: runs that are whole widgets a reader can click.
fn runs_with(h: &Harness<'_, ChronoApp>, n_events: usize) -> Vec<(String, Vec<usize>)> {
    let ds = h.state().ex.ds();
    let reading = Reading::new(ds);
    let text = &ds.sources[0].text;
    let mut out = Vec::new();
    for p in &reading.sources[0].paragraphs {
        for r in &p.runs {
            let words = &text[r.start..r.end];
            // A run whose words appear once in the text is found by its label.
            if r.events.len() == n_events && words.chars().count() >= 6 && text.matches(words).count() == 1 {
                out.push((words.to_string(), r.events.clone()));
            }
        }
    }
    out
}

#[test]
fn clicking_a_phrase_selects_its_event_flies_there_and_sets_the_time() {
    let mut h = harness(chronoatlas::model::Lang::Zh);
    let runs = runs_with(&h, 1);
    assert!(runs.len() > 10);
    // One near the end of the text (the panel scrolls to it first).
    let (words, events) = runs[runs.len() * 2 / 3].clone();
    let e = events[0];
    h.state_mut().ex.apply(Command::Select {
        event: Some(e),
        fly: false,
    });
    h.run();
    h.state_mut().ex.apply(Command::Select {
        event: None,
        fly: false,
    });
    h.run();
    let before = h.state().camera_now();
    // (By its accessibility action: a wrapped run's bounding box is wider
    // than its words, and its centre may lie over the next run.)
    h.get_by_label(&words).click_accesskit();
    h.run();
    let ex = &h.state().ex;
    assert_eq!(ex.selected(), Some(e), "«{words}»");
    let ev = &ex.ds().events[e];
    let want = ev.when.latest_start.max(ex.clock().start()).min(ex.clock().end());
    assert_eq!(ex.day(), want, "the time bar went to its date");
    assert!(ex.is_shown(e), "and it is on the map then");
    // The details panel shows it.
    assert!(h.query_by_label(&ev.title_zh).is_some());
    // The map flew to its places: the view's centre lies in their box.
    let places = ex.ds().event_places(ev);
    let (lon, lat, zoom) = h.state().camera_now().into();
    assert_ne!((lon, lat, zoom), before.into(), "the view moved");
    let (lon0, lon1) = places
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.lon), b.max(p.lon)));
    let (lat0, lat1) = places
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.lat), b.max(p.lat)));
    assert!(
        (lon0 - 0.5..=lon1 + 0.5).contains(&lon) && (lat0 - 0.5..=lat1 + 0.5).contains(&lat),
        "view at {lon},{lat}; places {lon0}..{lon1}, {lat0}..{lat1}"
    );
}

#[test]
fn selecting_an_event_on_the_map_scrolls_its_phrase_into_view() {
    let mut h = harness(chronoatlas::model::Lang::Zh);
    let runs = runs_with(&h, 1);
    let panel = |h: &Harness<'_, ChronoApp>| {
        // The reading panel's visible part: right of the map, below the
        // counter, above the time bar.
        let counter = h.get_by_label_contains("已映射").rect();
        let bar = h.get_by_label("播放").rect();
        egui::Rect::from_min_max(
            egui::pos2(counter.left() - 10.0, counter.bottom()),
            egui::pos2(1440.0, bar.top()),
        )
    };
    for (words, events) in [runs[0].clone(), runs[runs.len() - 1].clone()] {
        h.state_mut().ex.apply(Command::Select {
            event: Some(events[0]),
            fly: true,
        });
        h.run(); // the scroll is animated
        let at = h.get_by_label(&words).rect();
        let view = panel(&h);
        assert!(view.intersects(at), "«{words}» at {at:?} is not in view {view:?}");
    }
    // The reader scrolls: following stops (a button resumes it).
    let view = panel(&h);
    h.hover_at(view.center());
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 200.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Default::default(),
    });
    h.run();
    assert!(!h.state().reading.following);
    // Selecting on the map still brings its phrase into view.
    h.run(); // (the wheel's own scrolling settles)
    let (words, events) = runs[runs.len() / 2].clone();
    h.state_mut().ex.apply(Command::Select {
        event: Some(events[0]),
        fly: false,
    });
    h.run();
    assert!(
        panel(&h).intersects(h.get_by_label(&words).rect()),
        "«{words}» in view"
    );
    assert!(!h.state().reading.following, "following stays paused");
    h.get_by_label("跟随").click();
    h.run();
    assert!(h.state().reading.following);
}

#[test]
fn the_counter_says_how_much_of_the_text_the_events_cite() {
    let h = harness(chronoatlas::model::Lang::En);
    let c = Reading::new(h.state().ex.ds()).coverage;
    let label = format!(
        "({}/{} characters), {}/{} sentences",
        c.cited_chars, c.chars, c.cited_sentences, c.sentences
    );
    assert!(h.query_by_label_contains(&label).is_some(), "no «{label}»");
    // English mode shows the summaries written for the dataset.
    assert!(h.query_by_label_contains("Shanxi was the front line").is_some());
}

#[test]
fn a_phrase_of_several_events_offers_a_choice() {
    let mut h = harness(chronoatlas::model::Lang::Zh);
    let runs = runs_with(&h, 2);
    let Some((words, events)) = runs.first().cloned() else {
        panic!("the bundled text has no phrase cited by two events");
    };
    h.state_mut().ex.apply(Command::Select {
        event: Some(events[0]),
        fly: false,
    });
    h.run();
    // (By its accessibility action: a wrapped run's bounding box is wider
    // than its words, and its centre may lie over the next run.)
    h.get_by_label(&words).click_accesskit();
    h.run();
    assert!(
        h.query_by_label_contains("这句话讲到").is_some(),
        "a choice is offered"
    );
    let second = h.state().ex.ds().events[events[1]].title_zh.clone();
    h.get_by_label_contains(&second).click();
    h.run();
    assert_eq!(h.state().ex.selected(), Some(events[1]));
    assert!(
        h.query_by_label_contains("这句话讲到").is_none(),
        "the choice closes"
    );
}

#[test]
fn the_panel_docks_in_its_own_column_and_back() {
    let mut h = harness(chronoatlas::model::Lang::En);
    let beside_details = h.get_by_label_contains("Mapped:").rect();
    h.get_by_label("Own column").click();
    h.run();
    assert!(h.state().ex.settings().reading_own_column);
    let own = h.get_by_label_contains("Mapped:").rect();
    assert!(
        own.right() < beside_details.left(),
        "a column left of the details: {own:?} vs {beside_details:?}"
    );
    h.get_by_label("Under details").click();
    h.run();
    assert!(!h.state().ex.settings().reading_own_column);
    assert_eq!(
        h.get_by_label_contains("Mapped:").rect().left(),
        beside_details.left()
    );
}

#[test]
fn as_time_moves_the_panel_follows_the_newest_event_shown() {
    let mut h = harness(chronoatlas::model::Lang::Zh);
    let runs = runs_with(&h, 1);
    // Late in the story: the newest event shown is near the end of the text.
    let late = chronoatlas::model::date::days_from_civil(1941, 6, 1);
    h.state_mut().ex.apply(Command::Seek(f64::from(late)));
    h.run();
    let ex = &h.state().ex;
    let newest = (ex.shown().iter())
        .max_by_key(|s| (ex.ds().events[s.event].when.earliest_start, s.event))
        .map(|s| s.event)
        .unwrap();
    let (words, _) = runs
        .iter()
        .find(|(_, e)| e[0] == newest)
        .cloned()
        .expect("the newest event has a phrase of its own");
    let counter = h.get_by_label_contains("已映射").rect();
    let bar = h.get_by_label("播放").rect();
    let view = egui::Rect::from_min_max(
        egui::pos2(counter.left() - 10.0, counter.bottom()),
        egui::pos2(1440.0, bar.top()),
    );
    assert!(
        view.intersects(h.get_by_label(&words).rect()),
        "«{words}» followed into view"
    );
}

#[test]
fn a_place_name_in_the_text_tells_its_english_name_pinyin_and_1937_province() {
    let mut h = harness(chronoatlas::model::Lang::En);
    h.get_by_label("中文").click();
    h.run();
    // 阳泉 appears once in the text, as a place name, inside a phrase:
    // selecting that phrase's event brings it into view.
    let ds = h.state().ex.ds();
    let text = &ds.sources[0].text;
    let reading = Reading::new(ds);
    let run = (reading.sources[0].paragraphs.iter())
        .flat_map(|p| &p.runs)
        .find(|r| &text[r.start..r.end] == "阳泉")
        .cloned()
        .unwrap();
    assert!(run.place.is_some());
    h.state_mut().ex.apply(Command::Select {
        event: run.events.first().copied(),
        fly: false,
    });
    h.run();
    let at = h.get_by_label("阳泉").rect().center();
    h.hover_at(at);
    h.run(); // past the tooltip delay
    // (The details panel names it too: the tooltip is the second.)
    assert!(
        h.query_all_by_label_contains("阳泉 Yangquan").count() >= 2,
        "English name"
    );
    assert!(h.query_by_label("yangquan").is_some(), "pinyin");
    assert!(h.query_by_label_contains("1937年：山西").is_some(), "province");
}
