//! The reading panel: the source text beside the map, driven with kittest.
use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::command::Command;
use chronoatlas::model::reading::Reading;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(lang: chronoatlas::model::Lang) -> Harness<'static, ChronoApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .build_eframe(move |cc| {
            let options = AppOptions {
                lang: Some(lang),
                ..AppOptions::default()
            };
            ChronoApp::new(&cc.egui_ctx, options, None)
        });
    h.run_steps(3);
    h
}

/// The text of every run cited by exactly the given events, and the run's
/// events: runs that are whole widgets a reader can click.
fn runs_with(h: &Harness<'_, ChronoApp>, n_events: usize) -> Vec<(String, Vec<usize>)> {
    let ds = &h.state().ex.ds;
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
    h.run_steps(40);
    h.state_mut().ex.apply(Command::Select {
        event: None,
        fly: false,
    });
    h.run_steps(2);
    // (By its accessibility action: a wrapped run's bounding box is wider
    // than its words, and its centre may lie over the next run.)
    h.get_by_label(&words).click_accesskit();
    h.run_steps(3);
    let ex = &h.state().ex;
    assert_eq!(ex.selected, Some(e), "«{words}»");
    let ev = &ex.ds.events[e];
    let want = ev.when.latest_start.max(ex.clock.start()).min(ex.clock.end());
    assert_eq!(ex.day(), want, "the time bar went to its date");
    assert!(ex.is_shown(e), "and it is on the map then");
    // The details panel shows it.
    assert!(h.query_by_label_contains(&ev.title_zh).is_some());
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
        h.run_steps(60); // the scroll is animated
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
    h.run_steps(3);
    assert!(!h.state().reading.following);
    // Selecting on the map still brings its phrase into view.
    h.run_steps(30); // (the wheel's own scrolling settles)
    let (words, events) = runs[runs.len() / 2].clone();
    h.state_mut().ex.apply(Command::Select {
        event: Some(events[0]),
        fly: false,
    });
    h.run_steps(60);
    assert!(
        panel(&h).intersects(h.get_by_label(&words).rect()),
        "«{words}» in view"
    );
    assert!(!h.state().reading.following, "following stays paused");
    h.get_by_label("跟随").click();
    h.run_steps(2);
    assert!(h.state().reading.following);
}

#[test]
fn the_counter_says_how_much_of_the_text_the_events_cite() {
    let h = harness(chronoatlas::model::Lang::En);
    let c = Reading::new(&h.state().ex.ds).coverage;
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
    h.run_steps(40);
    // (By its accessibility action: a wrapped run's bounding box is wider
    // than its words, and its centre may lie over the next run.)
    h.get_by_label(&words).click_accesskit();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("这句话讲到").is_some(),
        "a choice is offered"
    );
    let second = h.state().ex.ds.events[events[1]].title_zh.clone();
    h.get_by_label_contains(&second).click();
    h.run_steps(2);
    assert_eq!(h.state().ex.selected, Some(events[1]));
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
    h.run_steps(3);
    assert!(h.state().ex.settings.reading_own_column);
    let own = h.get_by_label_contains("Mapped:").rect();
    assert!(
        own.right() < beside_details.left(),
        "a column left of the details: {own:?} vs {beside_details:?}"
    );
    h.get_by_label("Under details").click();
    h.run_steps(3);
    assert!(!h.state().ex.settings.reading_own_column);
    assert_eq!(
        h.get_by_label_contains("Mapped:").rect().left(),
        beside_details.left()
    );
}
