//! Markers that never bury each other and names never under a marker,
//! measured on the bundled data as a laptop shows it (1280x800, the
//! fitted view) on the first day and three dates of the story, in every
//! language.
use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::map::events_layer::Crowding;
use chronoatlas::model::{HistDate, Lang};
use egui_kittest::Harness;

fn window(lang: Lang, date: Option<&str>) -> Harness<'static, ChronoApp> {
    let options = AppOptions {
        lang: Some(lang),
        date: date.map(|d| d.parse::<HistDate>().unwrap().earliest()),
        ..AppOptions::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_theme(egui::Theme::Light)
        .with_max_steps(120)
        .build_eframe(move |cc| ChronoApp::new(&cc.egui_ctx, options, None));
    h.run();
    h
}

#[test]
fn no_marker_buries_another_and_no_name_lies_under_one() {
    let mut report = Vec::new();
    for lang in [Lang::Zh, Lang::En, Lang::Both] {
        for date in [None, Some("1937-12-01"), Some("1938-07-01"), Some("1940-12-01")] {
            let h = window(lang, date);
            let c = h.state().marks.crowding();
            let groups = h.state().marks.groups.len();
            report.push((lang, date.unwrap_or("default (1937-07-07)"), c, groups));
        }
    }
    for (lang, date, c, groups) in &report {
        eprintln!(
            "{lang:?} {date}: {} markers and groups ({groups} groups), {} buried; {} names, {} under a marker",
            c.markers, c.buried, c.labels, c.hidden_labels
        );
    }
    // Something is drawn and named at every date, or the test proves nothing.
    assert!(report.iter().all(|(_, _, c, _)| c.markers > 0 && c.labels > 5));
    // The story's crowded places gather into groups by 1938.
    assert!(report.iter().any(|(_, _, _, groups)| *groups > 0));
    let bad: Vec<_> = (report.iter())
        .filter(|(_, _, c, _)| {
            *c != Crowding {
                buried: 0,
                hidden_labels: 0,
                ..*c
            }
        })
        .collect();
    assert!(bad.is_empty(), "crowded: {bad:?}");
}

/// A harness whose pointer can hover (1938-07-01, English).
fn crowded() -> Harness<'static, ChronoApp> {
    window(Lang::En, Some("1938-07-01"))
}

#[test]
fn pointing_at_a_group_opens_it_into_markers_that_can_be_chosen() {
    let mut h = crowded();
    let group = (h.state().marks.groups.iter())
        .max_by_key(|g| g.events.len())
        .cloned()
        .expect("a group in 1938");
    assert!(group.events.len() >= 3 && !group.open);
    h.hover_at(group.at);
    h.run();
    let marks = h.state().marks.clone();
    let opened = (marks.groups.iter())
        .find(|g| g.place == group.place)
        .expect("still there");
    assert!(opened.open, "pointed at, it opens");
    // Each of its events now has a marker of its own, none on another.
    for e in &group.events {
        assert!(marks.hits.iter().any(|m| m.event == *e), "event {e} has a marker");
    }
    // (An event at two places has a marker outside the ring too.)
    // The ring is drawn last: the last marker of each of its events.
    let mut ring: Vec<_> = (marks.hits.iter().rev())
        .filter(|m| group.events.contains(&m.event) && m.at.distance(opened.ring_at) <= opened.reach)
        .collect();
    ring.sort_by_key(|m| m.event);
    ring.dedup_by_key(|m| m.event);
    assert_eq!(ring.len(), group.events.len());
    let map = marks.map;
    assert!(
        ring.iter().all(|m| map.contains(m.at)),
        "every marker of the ring on the map"
    );
    for (i, a) in ring.iter().enumerate() {
        for b in &ring[i + 1..] {
            assert!(a.at.distance(b.at) >= a.radius + b.radius, "{a:?} on {b:?}");
        }
    }
    // One of them is chosen by a click, and the details show it.
    let pick = **ring.last().unwrap();
    h.hover_at(pick.at);
    h.run();
    assert_eq!(h.state().ex.hovered(), Some(pick.event));
    crate::common::tap(&mut h, pick.at);
    h.run();
    assert_eq!(h.state().ex.selected(), Some(pick.event));
    // The pointer leaves: the group stays open around the selected event;
    // cleared, it closes again.
    h.hover_at(egui::pos2(group.at.x + 400.0, group.at.y + 300.0).min(egui::pos2(1200.0, 560.0)));
    h.run();
    let still = |h: &Harness<'_, ChronoApp>| {
        (h.state().marks.groups.iter())
            .find(|g| g.place == group.place)
            .is_some_and(|g| g.open)
    };
    assert!(still(&h), "open while its event is selected");
    h.state_mut().ex.apply(chronoatlas::command::Command::Select {
        event: None,
        fly: false,
    });
    h.run();
    assert!(!still(&h), "closed once nothing in it is chosen or pointed at");
}

#[test]
fn a_tap_on_a_group_opens_it_and_does_not_clear_the_selection() {
    let mut h = crowded();
    let chosen = h
        .state()
        .marks
        .hits
        .first()
        .map(|m| m.event)
        .expect("a marker alone");
    h.state_mut().ex.apply(chronoatlas::command::Command::Select {
        event: Some(chosen),
        fly: false,
    });
    h.run();
    assert_eq!(h.state().ex.selected(), Some(chosen), "selected");
    // (Choosing opened the source panel: the map is narrower now.)
    let map = h.state().marks.map;
    let group = (h.state().marks.groups.iter())
        .find(|g| map.shrink(20.0).contains(g.at))
        .cloned()
        .expect("a group on the map");
    // A touch screen: press and release with no hover before.
    crate::common::tap(&mut h, group.at);
    h.run();
    assert_eq!(h.state().ex.selected(), Some(chosen));
    assert_eq!(h.state().ex.spread_group(), Some(group.place));
}

#[test]
fn groups_stay_put_while_time_plays() {
    let mut h = crowded();
    // Which group each gathered event is in, and where that group stands
    // (events at one place only: one at two places is in two groups).
    let gathered = |h: &Harness<'_, ChronoApp>| {
        let ds = h.state().ex.ds();
        let one_place = |e: usize| ds.event_at(e).is_some_and(|e| ds.event_places(&e).len() == 1);
        let mut v: Vec<(usize, usize, (i32, i32))> = (h.state().marks.groups.iter())
            .flat_map(|g| {
                (g.events.iter()).map(move |&e| (e, g.place, (g.at.x.round() as i32, g.at.y.round() as i32)))
            })
            .filter(|(e, _, _)| one_place(*e))
            .collect();
        v.sort();
        v
    };
    let before = gathered(&h);
    assert!(before.len() > 10);
    // A day later and months later, an event gathered then and now is in
    // the same group, standing in the same spot.
    for d in ["1938-07-02", "1938-10-01", "1940-12-01"] {
        let day = d.parse::<HistDate>().unwrap().earliest();
        h.state_mut()
            .ex
            .apply(chronoatlas::command::Command::Seek(f64::from(day)));
        h.run();
        let now = gathered(&h);
        let mut same = 0;
        for (e, place, at) in &now {
            if let Some((_, was_place, was_at)) = before.iter().find(|(b, _, _)| b == e) {
                assert_eq!((place, at), (was_place, was_at), "event {e} moved on {d}");
                same += 1;
            }
        }
        assert!(same > 10, "{d}: {same} events to compare");
    }
}

#[test]
fn events_a_tour_step_points_at_stand_out_of_their_group() {
    let mut h = crowded();
    let group = (h.state().marks.groups.iter())
        .max_by_key(|g| g.events.len())
        .cloned()
        .expect("a group");
    // A step points at two of the group's events.
    let pointed: std::collections::BTreeSet<usize> = group.events.iter().take(2).copied().collect();
    h.state_mut()
        .ex
        .apply(chronoatlas::command::Command::Highlight(Some(pointed.clone())));
    h.run();
    let marks = &h.state().marks;
    for e in &pointed {
        assert!(marks.hits.iter().any(|m| m.event == *e), "event {e} stands alone");
    }
    // The others stay gathered: none of them has a marker of its own.
    let others: Vec<usize> = (group.events.iter())
        .filter(|e| !pointed.contains(e))
        .copied()
        .collect();
    assert!(!others.is_empty());
    let alone = |e: &usize| {
        let ds = h.state().ex.ds();
        ds.event_at(*e).is_some_and(|x| ds.event_places(&x).len() > 1)
    };
    for e in others.iter().filter(|e| !alone(e)) {
        assert!(
            !marks.hits.iter().any(|m| m.event == *e),
            "event {e} stays in the group"
        );
    }
}
