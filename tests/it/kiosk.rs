//! The kiosk as an unattended visitor screen: the attract loop, a touch,
//! the idle countdown and reset, the lock, finger-sized controls.
use chronoatlas::app::{AppOptions, ChronoApp};
use chronoatlas::mode::kiosk::{KioskConfig, Phase};
use chronoatlas::model::Lang;
use egui::{Event, Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn kiosk() -> Harness<'static, ChronoApp> {
    kiosk_with(KioskConfig {
        idle_timeout_secs: 10.0,
        countdown_secs: 3.0,
        ..KioskConfig::default()
    })
}

fn phase(h: &Harness<'_, ChronoApp>) -> Phase {
    h.state().kiosk.as_ref().unwrap().phase
}

fn touch(h: &mut Harness<'_, ChronoApp>, x: f32, y: f32) {
    let pos = egui::pos2(x, y);
    h.hover_at(pos);
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::default(),
        });
    }
    h.run_steps(1);
}

/// Steps without any input for `secs` seconds of simulated time.
fn idle(h: &mut Harness<'_, ChronoApp>, secs: f32) {
    h.remove_cursor();
    for _ in 0..(secs / 0.25).ceil() as usize {
        h.step();
    }
}

#[test]
fn attract_loop_until_a_touch_then_countdown_and_reset() {
    let mut h = kiosk();
    assert_eq!(phase(&h), Phase::Attract);
    assert!(h.state().tour.is_some(), "the default tour plays");
    assert!(h.state().ex.fullscreen());
    let step0 = h.state().tour.as_ref().unwrap().step;
    idle(&mut h, 20.0);
    assert_eq!(phase(&h), Phase::Attract, "nobody there: still attracting");
    assert_ne!(
        h.state().tour.as_ref().unwrap().step,
        step0,
        "the tour moves on by itself"
    );
    // A visitor touches the screen: the tour stops, the explorer is theirs.
    touch(&mut h, 960.0, 500.0);
    assert_eq!(phase(&h), Phase::Exploring);
    assert!(h.state().tour.is_none());
    // They switch to English and pick an event.
    h.get_by_label("English").click();
    h.run_steps(2);
    assert_eq!(h.state().ex.lang(), Lang::En);
    let e = h.state().ex.ds().event_position("taiyuan_falls").unwrap();
    h.state_mut().ex.apply(chronoatlas::command::Command::Select {
        event: Some(e),
        fly: false,
    });
    h.run_steps(1);
    // They walk away: after the idle time, the countdown.
    idle(&mut h, 10.5);
    assert!(matches!(phase(&h), Phase::Countdown { .. }), "{:?}", phase(&h));
    assert!(h.query_by_label_contains("Are you still there?").is_some());
    // And then everything is as the next visitor should find it.
    idle(&mut h, 3.5);
    assert_eq!(phase(&h), Phase::Attract);
    assert!(h.state().tour.is_some());
    assert_eq!(h.state().ex.lang(), Lang::Zh, "default language again");
    assert_eq!(h.state().ex.selected(), None, "nothing of the last visitor kept");
    assert!(h.state().ex.filters().is_empty());
}

#[test]
fn continue_keeps_the_visitor() {
    let mut h = kiosk();
    touch(&mut h, 960.0, 500.0);
    idle(&mut h, 10.5);
    assert!(matches!(phase(&h), Phase::Countdown { .. }));
    h.get_by_label("继续 Continue").click();
    h.run_steps(2);
    assert_eq!(phase(&h), Phase::Exploring);
}

#[test]
fn the_usual_quit_keys_do_nothing_and_the_exit_combination_works() {
    let mut h = kiosk();
    touch(&mut h, 960.0, 500.0);
    for (mods, key) in [
        (Modifiers::NONE, Key::Escape),
        (Modifiers::ALT, Key::F4),
        (Modifiers::CTRL, Key::Q),
        (Modifiers::CTRL, Key::W),
        (Modifiers::NONE, Key::F11),
    ] {
        h.key_press_modifiers(mods, key);
        h.run_steps(1);
        assert!(
            !h.state().exit_allowed,
            "{mods:?}+{key:?} must not close the kiosk"
        );
        assert_eq!(phase(&h), Phase::Exploring, "{mods:?}+{key:?} changes nothing");
        assert!(
            h.state().ex.fullscreen(),
            "{mods:?}+{key:?} must not leave fullscreen"
        );
    }
    assert!(!h.state().exit_allowed);
    h.key_press_modifiers(Modifiers::CTRL | Modifiers::ALT | Modifiers::SHIFT, Key::Q);
    h.run_steps(1);
    assert!(h.state().exit_allowed, "the configured combination exits");
}

#[test]
fn every_control_is_finger_sized() {
    let mut h = kiosk();
    touch(&mut h, 960.0, 500.0);
    h.run_steps(2);
    let mut checked = 0;
    for node in h
        .root()
        .query_all(egui_kittest::kittest::By::new().recursive(true))
    {
        let role = node.accesskit_node().role();
        if matches!(
            role,
            egui::accesskit::Role::Button | egui::accesskit::Role::CheckBox | egui::accesskit::Role::ComboBox
        ) {
            let r = node.rect();
            assert!(
                r.height() >= 44.0 && r.width() >= 44.0,
                "{role:?} {:?} is {}x{}",
                node.accesskit_node().label(),
                r.width(),
                r.height()
            );
            checked += 1;
        }
    }
    assert!(checked >= 6, "{checked} controls checked");
    assert!(
        h.query_by_label("English").is_some() && h.query_by_label("中文").is_some(),
        "language buttons always there"
    );
}

#[test]
fn the_example_config_is_the_default_and_a_bad_one_stops_the_kiosk() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/kiosk.example.toml")).unwrap();
    assert_eq!(
        KioskConfig::parse("kiosk.example.toml", &text).unwrap(),
        KioskConfig::default()
    );
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("kiosk.toml");
    std::fs::write(&bad, "idle_timeout_secs = 90\nexit_keys = \"Escape\"\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .arg("--kiosk")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "refuses to start");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}:2:1: exit_keys", bad.display())),
        "{err}"
    );
    assert!(err.contains("does not start"), "{err}");
}

#[test]
fn the_source_text_shows_in_a_kiosk_only_when_configured() {
    for show_source in [false, true] {
        let config = KioskConfig {
            show_source,
            ..KioskConfig::parse("k.toml", &format!("show_source = {show_source}\n")).unwrap()
        };
        let options = AppOptions {
            kiosk: Some(config),
            ..AppOptions::default()
        };
        let mut h = Harness::builder()
            .with_size(egui::vec2(1920.0, 1080.0))
            .with_step_dt(0.25)
            .build_eframe(move |cc| ChronoApp::new(&cc.egui_ctx, options, None));
        h.run_steps(2);
        touch(&mut h, 900.0, 500.0);
        h.run_steps(2);
        assert_eq!(phase(&h), Phase::Exploring);
        assert_eq!(
            h.query_by_label_contains("已映射").is_some(),
            show_source,
            "show_source = {show_source}"
        );
    }
}

/// The kiosk built with `config`, settled like [`kiosk`].
fn kiosk_with(config: KioskConfig) -> Harness<'static, ChronoApp> {
    let options = AppOptions {
        kiosk: Some(config),
        ..AppOptions::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_theme(egui::Theme::Light)
        .with_step_dt(0.25)
        .build_eframe(move |cc| ChronoApp::new(&cc.egui_ctx, options, None));
    h.run_steps(2);
    h
}

fn pointer_at(h: &mut Harness<'_, ChronoApp>, x: f32, y: f32) {
    h.event(Event::PointerMoved(egui::pos2(x, y)));
    h.step();
}

#[test]
fn the_pointer_the_window_appears_under_and_its_jitter_are_not_a_visitor() {
    // As an X server does: the window maps under the resting pointer and
    // gets its first motion, then a touch screen trembles a few pixels.
    let mut h = kiosk();
    pointer_at(&mut h, 960.0, 540.0);
    for (dx, dy) in [(1.0, 0.0), (2.0, -1.0), (-2.0, 2.0), (3.0, 3.0), (0.0, -3.0)] {
        pointer_at(&mut h, 960.0 + dx, 540.0 + dy);
    }
    let step0 = h.state().tour.as_ref().unwrap().step;
    for _ in 0..80 {
        h.step();
    }
    assert_eq!(
        phase(&h),
        Phase::Attract,
        "nobody there: the attract loop goes on"
    );
    assert_ne!(
        h.state().tour.as_ref().unwrap().step,
        step0,
        "and its tour moves on"
    );
    // A tap is a visitor.
    touch(&mut h, 960.0, 540.0);
    assert_eq!(phase(&h), Phase::Exploring);
}

#[test]
fn a_pointer_moved_across_the_screen_is_a_visitor() {
    let mut h = kiosk();
    pointer_at(&mut h, 960.0, 540.0);
    assert_eq!(phase(&h), Phase::Attract);
    pointer_at(&mut h, 1100.0, 600.0);
    assert_eq!(phase(&h), Phase::Exploring);
}

#[test]
fn the_cursor_is_hidden_unless_configured_or_a_mouse_is_used() {
    let cursor = |h: &Harness<'_, ChronoApp>| h.output().platform_output.cursor_icon;
    let mut h = kiosk();
    pointer_at(&mut h, 960.0, 540.0);
    assert_eq!(cursor(&h), egui::CursorIcon::None, "hidden by default");
    pointer_at(&mut h, 1300.0, 700.0);
    assert_eq!(
        cursor(&h),
        egui::CursorIcon::None,
        "still hidden: not configured to show"
    );

    let mut h = kiosk_with(KioskConfig {
        show_cursor_on_mouse: true,
        ..KioskConfig::default()
    });
    pointer_at(&mut h, 960.0, 540.0);
    assert_eq!(
        cursor(&h),
        egui::CursorIcon::None,
        "a resting pointer stays hidden"
    );
    pointer_at(&mut h, 1300.0, 700.0);
    assert_ne!(cursor(&h), egui::CursorIcon::None, "a mouse really used shows it");

    let mut h = kiosk_with(KioskConfig {
        hide_cursor: false,
        ..KioskConfig::default()
    });
    pointer_at(&mut h, 960.0, 540.0);
    assert_ne!(cursor(&h), egui::CursorIcon::None, "configured to show");
}

/// Fingers `ids` at `from`, moved in `steps` to `to`, then lifted, as
/// egui-winit reports them (the first finger also drives the pointer).
fn fingers(h: &mut Harness<'_, ChronoApp>, from: &[egui::Pos2], to: &[egui::Pos2], steps: usize) {
    let touch = |id: usize, phase: egui::TouchPhase, pos: egui::Pos2| Event::Touch {
        device_id: egui::TouchDeviceId(1),
        id: egui::TouchId(id as u64),
        phase,
        pos,
        force: None,
    };
    for (i, &p) in from.iter().enumerate() {
        h.event(touch(i, egui::TouchPhase::Start, p));
    }
    h.event(Event::PointerMoved(from[0]));
    h.event(Event::PointerButton {
        pos: from[0],
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::default(),
    });
    h.step();
    for s in 1..=steps {
        let f = s as f32 / steps as f32;
        for (i, (&a, &b)) in from.iter().zip(to).enumerate() {
            h.event(touch(i, egui::TouchPhase::Move, a + (b - a) * f));
        }
        h.event(Event::PointerMoved(from[0] + (to[0] - from[0]) * f));
        h.step();
    }
    for (i, &p) in to.iter().enumerate() {
        h.event(touch(i, egui::TouchPhase::End, p));
    }
    h.event(Event::PointerButton {
        pos: to[0],
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::default(),
    });
    h.step();
}

#[test]
fn pinching_zooms_and_two_fingers_pan_the_map() {
    let mut h = kiosk();
    touch(&mut h, 960.0, 540.0);
    h.run_steps(4);
    let before = h.state().camera_now();
    let p = egui::pos2;
    fingers(
        &mut h,
        &[p(900.0, 540.0), p(1020.0, 540.0)],
        &[p(800.0, 540.0), p(1120.0, 540.0)],
        8,
    );
    h.run_steps(2);
    let zoomed = h.state().camera_now();
    assert!(
        zoomed.zoom > before.zoom + 0.5,
        "spread fingers zoom in: {before:?} → {zoomed:?}"
    );
    fingers(
        &mut h,
        &[p(900.0, 540.0), p(1000.0, 540.0)],
        &[p(700.0, 540.0), p(800.0, 540.0)],
        8,
    );
    h.run_steps(2);
    let panned = h.state().camera_now();
    assert!(
        panned.lon > zoomed.lon + 0.01 && (panned.zoom - zoomed.zoom).abs() < 0.2,
        "two fingers dragged left move the map east into view: {zoomed:?} → {panned:?}"
    );
    assert_eq!(phase(&h), Phase::Exploring);
}

#[test]
fn data_that_cannot_be_read_shows_a_plain_screen_and_is_tried_again() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("exhibit");
    let options = AppOptions {
        kiosk: Some(KioskConfig::default()),
        data: Some(data.clone()),
        ..AppOptions::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_step_dt(1.0)
        .build_eframe(move |cc| ChronoApp::new(&cc.egui_ctx, options, None));
    h.run_steps(2);
    assert!(h.query_by_label_contains("Temporarily unavailable").is_some());
    assert!(h.state().tour.is_none());
    // The technician copies the exhibit's data in; within the retry time
    // the attract loop begins by itself.
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    copy_dir(&from, &data);
    // (Bounded by wall time, not steps: with every test running beside it
    // the reading thread may take seconds on 2 cores.)
    let start = std::time::Instant::now();
    while h.state().tour.is_none() {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
        assert!(start.elapsed().as_secs() < 120, "the data was not read again");
    }
    assert_eq!(phase(&h), Phase::Attract);
    assert!(h.query_by_label_contains("Temporarily unavailable").is_none());
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn chronoatlas(args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap()
}

#[test]
fn check_says_what_the_kiosk_will_show_or_what_is_wrong_without_a_window() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/kiosk.example.toml");
    let o = chronoatlas(&["--kiosk".as_ref(), example.as_os_str(), "--check".as_ref()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("the kiosk is ready") && out.contains("tour 'story'"),
        "{out}"
    );

    // A configuration with a bad line, and data without the tour.
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("kiosk.toml");
    std::fs::write(&cfg, "language = \"en\"\nmax_fps = 500\n").unwrap();
    let o = chronoatlas(&["--kiosk".as_ref(), cfg.as_os_str(), "--check".as_ref()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains(&format!("{}:2:1: max_fps 500", cfg.display())),
        "{err}"
    );

    std::fs::write(&cfg, "tour = \"museum\"\n").unwrap();
    let broken = tmp.path().join("data");
    std::fs::create_dir(&broken).unwrap();
    let o = chronoatlas(&[
        "--kiosk".as_ref(),
        cfg.as_os_str(),
        "--check".as_ref(),
        "--data".as_ref(),
        broken.as_os_str(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("events.geojson") && err.contains("no events"),
        "{err}"
    );
    let o = chronoatlas(&["--kiosk".as_ref(), cfg.as_os_str(), "--check".as_ref()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("the kiosk's tour 'museum' is not in the data (its tours: story)"),
        "{err}"
    );
}

#[test]
fn a_kiosk_uses_no_network_unless_its_configuration_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("kiosk.toml");
    std::fs::write(&cfg, "idle_timeout_secs = 60\n").unwrap();
    let o = chronoatlas(&[
        "--kiosk".as_ref(),
        cfg.as_os_str(),
        "--basemap".as_ref(),
        "osm".as_ref(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "refused before any window: {err}");
    assert!(err.contains("online_map = true"), "{err}");
    std::fs::write(&cfg, "online_map = true\n").unwrap();
    let o = chronoatlas(&[
        "--kiosk".as_ref(),
        cfg.as_os_str(),
        "--basemap".as_ref(),
        "osm".as_ref(),
        "--check".as_ref(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
}

#[derive(Debug)]
struct DroppedFile(std::path::PathBuf);

impl egui::DroppedFile for DroppedFile {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_visitor_finds_no_text_field_and_cannot_open_files() {
    let mut h = kiosk_with(KioskConfig {
        show_source: true,
        ..KioskConfig::default()
    });
    touch(&mut h, 960.0, 540.0);
    let e = h.state().ex.ds().event_position("taiyuan_falls").unwrap();
    h.state_mut().ex.apply(chronoatlas::command::Command::Select {
        event: Some(e),
        fly: false,
    });
    h.run_steps(3);
    let text_inputs = h
        .root()
        .query_all(egui_kittest::kittest::By::new().recursive(true))
        .filter(|n| {
            matches!(
                n.accesskit_node().role(),
                egui::accesskit::Role::TextInput
                    | egui::accesskit::Role::SearchInput
                    | egui::accesskit::Role::MultilineTextInput
            )
        })
        .count();
    assert_eq!(text_inputs, 0, "no field takes a visitor's typing");
    // A file dropped on the kiosk (a mouse and a USB stick) opens nothing.
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("x.csv");
    std::fs::write(&csv, "id,lon,lat,date,title\na,114,38,1938-01-01,x\n").unwrap();
    let before = h.state().ex.ds().event_count();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedFile(csv)));
    h.run_steps(3);
    assert!(!h.state().is_loading());
    assert_eq!(h.state().ex.ds().event_count(), before);
}

#[test]
fn a_visitor_opens_a_group_into_markers_a_finger_can_choose() {
    let mut h = kiosk();
    touch(&mut h, 960.0, 500.0);
    assert_eq!(phase(&h), Phase::Exploring);
    h.run_steps(3);
    let map = h.state().marks.map;
    let group = (h.state().marks.groups.iter())
        .filter(|g| map.shrink(60.0).contains(g.at))
        .max_by_key(|g| g.events.len())
        .cloned()
        .expect("a group on the map");
    touch(&mut h, group.at.x, group.at.y);
    h.run_steps(3);
    let marks = h.state().marks.clone();
    let opened = (marks.groups.iter())
        .find(|g| g.place == group.place)
        .expect("still there");
    assert!(opened.open, "a tap opens it");
    let mut ring: Vec<_> = (marks.hits.iter().rev())
        .filter(|m| group.events.contains(&m.event) && m.at.distance(opened.ring_at) <= opened.reach)
        .collect();
    ring.sort_by_key(|m| m.event);
    ring.dedup_by_key(|m| m.event);
    assert_eq!(ring.len(), group.events.len());
    for (i, a) in ring.iter().enumerate() {
        assert!(a.radius >= 18.0, "a finger finds it: {a:?}");
        for b in &ring[i + 1..] {
            assert!(a.at.distance(b.at) >= 36.0, "{a:?} and {b:?} are a finger apart");
        }
    }
    // A tap on one chooses it.
    let pick = ring[0];
    touch(&mut h, pick.at.x, pick.at.y);
    assert_eq!(h.state().ex.selected(), Some(pick.event));
}
