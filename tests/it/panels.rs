//! One panel at a time, on a bare `Explorer` (as egui's own kittest tests
//! build one widget): the panel draws what the state says and asks for
//! changes only as commands, which the test applies as the window would.
use chronoatlas::command::Command;
use chronoatlas::model::{EventKind, Lang};
use chronoatlas::state::{Explorer, Settings};
use chronoatlas::ui::{legend, timebar};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The bundled data in an explorer, in English, and the commands a panel
/// pushed and that were not yet applied.
struct Bare {
    ex: Explorer,
    cmds: Vec<Command>,
}

fn bare() -> Bare {
    let mut ex = Explorer::new(chronoatlas::io::load_bundled().dataset, Settings::default());
    ex.apply(Command::SetLang(Lang::En));
    Bare { ex, cmds: Vec::new() }
}

/// A harness drawing one panel on a bare explorer, with the app's fonts.
fn panel(draw: impl FnMut(&mut egui::Ui, &mut Bare) + 'static) -> Harness<'static, Bare> {
    Harness::builder()
        .with_size(egui::vec2(1200.0, 500.0))
        .with_context_setup(chronoatlas::ui::fonts::install)
        .build_ui_state(draw, bare())
}

/// Runs frames until `done` holds (at most `limit`), applying the commands
/// each frame pushed, as `ChronoApp::finish_frame` does.
fn run_until(h: &mut Harness<'_, Bare>, limit: usize, done: impl Fn(&Bare) -> bool) {
    for _ in 0..limit {
        h.run();
        let state = h.state_mut();
        for c in std::mem::take(&mut state.cmds) {
            state.ex.apply(c);
        }
        if done(h.state()) {
            return;
        }
    }
    panic!("the panel did not get there in {limit} frames");
}

#[test]
fn the_legend_hides_a_kind_through_a_command() {
    let mut h = panel(|ui, s| legend::legend_ui(ui, &s.ex, &mut s.cmds));
    h.run();
    let occupied = |s: &Bare| {
        (s.ex.shown().iter())
            .filter(|v| s.ex.ds().kind_at(v.event) == Some(EventKind::Occupation))
            .count()
    };
    // At the end of the data every city that fell is on the map.
    let end = f64::from(h.state().ex.clock().end());
    h.state_mut().ex.apply(Command::Seek(end));
    assert!(occupied(h.state()) > 0);
    // The checkbox as the legend labels it: the kind and its number.
    let count = (h.state().ex.kind_counts().iter())
        .find(|(k, _)| *k == EventKind::Occupation)
        .map(|&(_, n)| n)
        .expect("the data has occupations");
    let name = EventKind::Occupation.name(Lang::En).replace('\n', " / ");
    let label = format!("{name} ({count})");
    h.get_by_label(&label).click();
    run_until(&mut h, 5, |s| !s.ex.filters().hidden_kinds.is_empty());
    assert!(
        h.state()
            .ex
            .filters()
            .hidden_kinds
            .contains(&EventKind::Occupation)
    );
    assert_eq!(occupied(h.state()), 0, "none of that kind is shown");
}

#[test]
fn the_time_bar_plays_through_a_command() {
    let mut h = panel(|ui, s| timebar::timebar_ui(ui, &s.ex, &mut s.cmds));
    h.run();
    assert!(!h.state().ex.clock().is_playing());
    h.get_by_label("Play").click();
    run_until(&mut h, 5, |s| s.ex.clock().is_playing());
    // Playing, the button offers to pause.
    h.run();
    assert!(h.query_by_label("Pause").is_some());
}
