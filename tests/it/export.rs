//! Headless frames and time-lapses: pixels where they should be, files of
//! the right shape, nothing truncated under a final name, and the export
//! drawn exactly as the window draws the same state.
use std::path::Path;
use std::process::Command as Process;

use chronoatlas::app::headless::Exporter;
use chronoatlas::command::Command;
use chronoatlas::map::view::world_xy;
use chronoatlas::model::HistDate;
use chronoatlas::render::frame::ExportOptions;
use image::{Rgba, RgbaImage};

fn day(s: &str) -> f64 {
    f64::from(s.parse::<HistDate>().unwrap().earliest())
}

/// Pixel position of lon/lat in a W×H frame centred on `view`.
fn pixel(view: (f64, f64, f64), w: u32, h: u32, lon: f64, lat: f64) -> (u32, u32) {
    let scale = 256.0 * 2f64.powf(view.2);
    let (cx, cy) = world_xy(view.0, view.1);
    let (x, y) = world_xy(lon, lat);
    let px = f64::from(w) / 2.0 + (x - cx) * scale;
    let py = f64::from(h) / 2.0 + (y - cy) * scale;
    (px.round() as u32, py.round() as u32)
}

fn close(a: Rgba<u8>, b: [u8; 3], tol: i32) -> bool {
    (0..3).all(|i| (i32::from(a[i]) - i32::from(b[i])).abs() <= tol)
}

#[test]
fn thirty_renders_of_one_state_are_complete_and_identical() {
    // Each from a fresh exporter, as `render` runs in a new process: the
    // base map's tiles load from nothing every time.
    let options = ExportOptions {
        width: 480,
        height: 300,
        ..ExportOptions::default()
    };
    let mut first: Option<Vec<u8>> = None;
    for i in 0..30 {
        let mut ex = Exporter::new(&options).unwrap();
        let img = ex.frame_at(day("1938-01-01")).unwrap();
        assert_eq!(
            ex.app.tiles_missing(),
            Some(Vec::new()),
            "render {i}: every tile drawn"
        );
        let bytes = img.into_raw();
        match &first {
            None => first = Some(bytes),
            Some(f) => assert!(*f == bytes, "render {i} differs from the first"),
        }
    }
}

#[test]
fn a_frame_has_the_marker_at_taiyuan_the_sea_off_qingdao_and_the_date() {
    let view = (112.56, 37.87, 7.0);
    let mut ex = Exporter::new(&ExportOptions {
        width: 1280,
        height: 720,
        view: Some(view.into()),
        ..ExportOptions::default()
    })
    .unwrap();
    ex.app.ex.apply(Command::SetUnitFilter(Some(
        "taiyuan_workers_self_defence".into(),
    )));
    let img = ex.frame_at(day("1937-12-20")).unwrap();
    assert_eq!(img.dimensions(), (1280, 720));
    // The corps' founding and its first battles gather at Taiyuan: a disc
    // whose ring is green (the corps' kinds) with the count inside.
    let (x, y) = pixel(view, 1280, 720, 112.5603, 37.8694);
    let green = [0x16, 0xA3, 0x4A];
    let greens = |img: &RgbaImage| {
        (x - 16..=x + 16)
            .flat_map(|x| (y - 16..=y + 16).map(move |y| (x, y)))
            .filter(|&(x, y)| close(*img.get_pixel(x, y), green, 20))
            .count()
    };
    let group = &ex.app.marks.groups;
    assert!(
        group
            .iter()
            .any(|g| g.at.distance(egui::pos2(x as f32, y as f32)) < 2.0),
        "a group at Taiyuan: {group:?}"
    );
    assert!(
        greens(&img) > 30,
        "{} green pixels at Taiyuan ({x},{y})",
        greens(&img)
    );
    // Before the corps existed, nothing there: the map shows through.
    let before = ex.frame_at(day("1937-09-01")).unwrap();
    assert_eq!(greens(&before), 0, "no marker yet");
    // The date, large, top left: plenty of dark text pixels in its box.
    let dark = (30..380)
        .flat_map(|x| (24..100).map(move |y| (x, y)))
        .filter(|&(x, y)| img.get_pixel(x, y)[0] < 60)
        .count();
    assert!(dark > 800, "{dark} dark pixels where the date is");

    // The Yellow Sea east of Qingdao is sea-coloured.
    let view = (120.4, 36.0, 7.0);
    let mut ex = Exporter::new(&ExportOptions {
        width: 1280,
        height: 720,
        view: Some(view.into()),
        ..ExportOptions::default()
    })
    .unwrap();
    let img = ex.frame_at(day("1938-01-10")).unwrap();
    let (x, y) = pixel(view, 1280, 720, 121.6, 35.5);
    assert!(
        close(*img.get_pixel(x, y), [0xC6, 0xD3, 0xDB], 10),
        "{:?} off Qingdao",
        img.get_pixel(x, y)
    );
}

#[test]
fn the_export_is_the_windows_own_drawing() {
    use chronoatlas::app::{AppOptions, ChronoApp};
    let view = (115.5, 36.5, 6.0);
    let date = day("1938-07-10");
    let mut ex = Exporter::new(&ExportOptions {
        width: 1024,
        height: 640,
        view: Some(view.into()),
        ..ExportOptions::default()
    })
    .unwrap();
    let exported = ex.frame_at(date).unwrap();
    // The window (eframe app in a test harness), same state, its renderer.
    let options = AppOptions {
        view: Some(view.into()),
        date: Some(date as i32),
        lang: Some(chronoatlas::model::Lang::Zh),
        ..AppOptions::default()
    };
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1024.0, 640.0))
        .with_theme(egui::Theme::Light)
        .wgpu()
        .build_eframe(move |cc| {
            let mut app = ChronoApp::new(&cc.egui_ctx, options, None);
            app.export = true;
            app
        });
    let mut quiet = 0;
    for _ in 0..600 {
        h.step();
        quiet = if h.state().tiles_pending() { 0 } else { quiet + 1 };
        if quiet >= 10 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let window: RgbaImage = h.render().unwrap();
    assert_eq!(window.dimensions(), exported.dimensions());
    let differing = exported
        .pixels()
        .zip(window.pixels())
        .filter(|(a, b)| !close(**a, [b[0], b[1], b[2]], 8))
        .count();
    let total = exported.width() * exported.height();
    assert!(
        differing * 1000 < total as usize,
        "{differing} of {total} pixels differ between export and window"
    );
}

fn chronoatlas(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_five_frame_timelapse_gives_five_pngs_and_a_gif_of_five_frames() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("frames");
    let dir_arg = format!("{}/", dir.display());
    let o = chronoatlas(&[
        "timelapse",
        "--from",
        "1937-07-07",
        "--to",
        "1941-12-31",
        "--frames",
        "5",
        "--size",
        "640x360",
        "--out",
        &dir_arg,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut pngs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pngs.sort();
    assert_eq!(pngs.len(), 5, "{pngs:?}");
    for p in &pngs {
        assert_eq!(image::image_dimensions(p).unwrap(), (640, 360));
    }
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("5/5 frames"),
        "a progress bar"
    );
    // Again without --force: refused, nothing overwritten.
    let o = chronoatlas(&[
        "timelapse",
        "--from",
        "1937-07-07",
        "--frames",
        "5",
        "--step",
        "30",
        "--size",
        "640x360",
        "--out",
        &dir_arg,
    ]);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("--force"));

    let gif_path = tmp.path().join("spread.gif");
    let o = chronoatlas(&[
        "timelapse",
        "--from",
        "1937-07-07",
        "--step",
        "60",
        "--frames",
        "5",
        "--size",
        "320x200",
        "--out",
        gif_path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut decoder = gif::DecodeOptions::new()
        .read_info(std::fs::File::open(&gif_path).unwrap())
        .unwrap();
    let mut frames = 0;
    while decoder.read_next_frame().unwrap().is_some() {
        frames += 1;
    }
    assert_eq!(frames, 5);
    assert_eq!((decoder.width(), decoder.height()), (320, 200));
}

#[test]
fn a_point_file_exports_as_dots_where_and_when_its_events_are() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("points.csv");
    // In a 30-day window: one event on 10 July 1938 at Jinan, one later at
    // Xuzhou, one that ended before at Zhengzhou, plus a thousand in 1941
    // elsewhere.
    let mut text = String::from("id,lon,lat,start,end,size\n");
    text += "now,117.00,36.67,1938-07-01,1938-07-20,50\n";
    text += "later,117.18,34.26,1939-01-01,1939-02-01,50\n";
    text += "before,113.65,34.76,1937-08-01,1937-08-05,50\n";
    for k in 0..1000 {
        text += &format!(
            "bulk{k},{},{},1941-03-01,1941-04-01,1\n",
            110.0 + (k % 40) as f64 * 0.1,
            40.0 + (k / 40) as f64 * 0.05
        );
    }
    std::fs::write(&csv, text).unwrap();
    let view = (115.5, 36.0, 6.0);
    let (w, h) = (800u32, 500u32);
    let render = |date: &str, name: &str| {
        let out = tmp.path().join(name);
        let o = chronoatlas(&[
            "--data",
            csv.to_str().unwrap(),
            "--view",
            "115.5,36.0,6.0",
            "render",
            "--at",
            date,
            "--size",
            "800x500",
            "--mode",
            "window",
            "--window",
            "30",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        image::open(out).unwrap().to_rgba8()
    };
    let on = render("1938-07-10", "on.png");
    let off = render("1938-12-01", "off.png"); // nothing of the file shown
    let at = |img: &RgbaImage, lon: f64, lat: f64| {
        let (x, y) = pixel(view, w, h, lon, lat);
        *img.get_pixel(x, y)
    };
    let darker = |a: Rgba<u8>, b: Rgba<u8>| (0..3).map(|i| i32::from(b[i]) - i32::from(a[i])).sum::<i32>();
    // A dark dot on the map at Jinan on the day, none there months later.
    assert!(
        darker(at(&on, 117.00, 36.67), at(&off, 117.00, 36.67)) > 150,
        "a dot at Jinan"
    );
    // Nothing where events have not begun or have ended.
    for (lon, lat) in [(117.18, 34.26), (113.65, 34.76)] {
        assert!(
            close(
                at(&on, lon, lat),
                {
                    let p = at(&off, lon, lat);
                    [p[0], p[1], p[2]]
                },
                2
            ),
            "no dot at {lon},{lat}"
        );
    }
}

/// The stats line `timelapse --stats` prints last.
fn stats_of(o: &std::process::Output) -> serde_json::Value {
    let out = String::from_utf8_lossy(&o.stdout);
    serde_json::from_str(out.lines().last().unwrap_or("")).unwrap()
}

#[test]
fn a_tour_timelapse_plays_the_steps_with_their_dates_and_camera_glides() {
    let tmp = tempfile::tempdir().unwrap();
    let dir_arg = format!("{}/", tmp.path().join("tour").display());
    // The bundled tour: 8 steps, 118 s in all; at 4 frames a second.
    let o = chronoatlas(&[
        "timelapse",
        "--tour",
        "story",
        "--fps",
        "4",
        "--size",
        "320x180",
        "--out",
        &dir_arg,
        "--stats",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pngs = std::fs::read_dir(tmp.path().join("tour")).unwrap().count();
    assert_eq!(pngs, 118 * 4);
    let stats = stats_of(&o);
    let days: Vec<&str> = stats["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    let views: Vec<Vec<f64>> = stats["views"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            v.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect()
        })
        .collect();
    // Step 1 plays from 1 July 1937 at 30 days a second; step 2 (from
    // 14 s, frame 56) stands at 15 December 1937.
    assert_eq!(days[0], "1937-07-01");
    assert_eq!(days[4], "1937-07-31", "a second of step 1 is 30 days");
    assert_eq!(days[60], "1937-12-15");
    // The camera stays on step 1's places, then glides to step 2's over
    // about a second (several frames in between, not a jump) and stays.
    assert_eq!(views[10], views[55]);
    let between: std::collections::BTreeSet<String> =
        views[55..=64].iter().map(|v| format!("{v:?}")).collect();
    assert!(between.len() >= 4, "a glide, not a cut: {between:?}");
    assert_eq!(views[62], views[70]);
    assert_ne!(views[55], views[62]);
    // The same tour exported twice is the same video.
    let again = format!("{}/", tmp.path().join("again").display());
    let o2 = chronoatlas(&[
        "timelapse",
        "--tour",
        "story",
        "--fps",
        "4",
        "--size",
        "320x180",
        "--out",
        &again,
        "--stats",
    ]);
    assert!(o2.status.success());
    assert_eq!(stats_of(&o2)["days"], stats["days"]);
    for n in [1, 60, 300] {
        let name = format!("frame_{n:05}.png");
        let a = image::open(tmp.path().join("tour").join(&name)).unwrap();
        let b = image::open(tmp.path().join("again").join(&name)).unwrap();
        assert!(a == b, "{name} differs between two exports");
    }
}

#[test]
fn an_interrupted_export_leaves_no_partial_file_under_the_final_name() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("long.gif");
    let mut child = Process::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args([
            "timelapse",
            "--from",
            "1937-07-07",
            "--step",
            "1",
            "--frames",
            "2000",
            "--size",
            "320x200",
            "--out",
        ])
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until it is writing (its temporary file exists), then stop it hard.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let writing = |d: &Path| {
        std::fs::read_dir(d)
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().contains(".partial"))
    };
    while !writing(tmp.path()) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        !out.exists(),
        "no GIF under the final name after an interrupted export"
    );
}

#[test]
fn mp4_without_ffmpeg_says_so() {
    // A PATH without ffmpeg, whether or not this machine has it.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("a.mp4");
    let o = Process::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .env("PATH", tmp.path())
        .args([
            "timelapse",
            "--from",
            "1937-07-07",
            "--frames",
            "2",
            "--step",
            "30",
            "--size",
            "320x200",
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("MP4 needs ffmpeg"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!out.exists());
}

#[test]
fn mp4_through_ffmpeg_has_every_frame() {
    // ffmpeg is optional for users; CI installs it and sets
    // CHRONOATLAS_REQUIRE_FFMPEG so that this test cannot pass by absence.
    let Some(ffprobe) = chronoatlas::render::output::on_path("ffprobe") else {
        assert!(
            std::env::var_os("CHRONOATLAS_REQUIRE_FFMPEG").is_none(),
            "ffmpeg/ffprobe not on the PATH"
        );
        eprintln!("note: no ffmpeg here; MP4 export not exercised");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("spread.mp4");
    let o = chronoatlas(&[
        "timelapse",
        "--from",
        "1937-07-07",
        "--step",
        "45",
        "--frames",
        "12",
        "--size",
        "320x200",
        "--fps",
        "6",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let probe = Process::new(ffprobe)
        .args([
            "-v",
            "error",
            "-count_frames",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=nb_read_frames,width,height,codec_name",
            "-of",
            "csv=p=0",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&probe.stdout).trim(), "h264,320,200,12");
    // Only the finished file: no temporary left beside it.
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("spread.mp4")]);
}

#[test]
fn the_explorers_export_window_writes_a_gif_with_progress() {
    use chronoatlas::app::{AppOptions, ChronoApp};
    use egui_kittest::kittest::Queryable;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("from-window.gif");
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .with_theme(egui::Theme::Light)
        .build_eframe(|cc| {
            ChronoApp::new(
                &cc.egui_ctx,
                AppOptions {
                    lang: Some(chronoatlas::model::Lang::En),
                    ..AppOptions::default()
                },
                None,
            )
        });
    h.run_steps(2);
    h.get_by_label("More").click();
    h.run_steps(2);
    h.get_by_label("Export").click();
    h.run_steps(2);
    // Replace the suggested path with one in the temporary folder.
    h.get_by_label("Save to").click();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_steps(1);
    h.get_by_label("Save to").type_text(out.to_str().unwrap());
    h.run_steps(2);
    h.get_by_label("Start export").click();
    // Run until the job reports (it renders on its own thread).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let mut saw_progress = false;
    while std::time::Instant::now() < deadline {
        h.run_steps(1);
        saw_progress |= h.query_by_label_contains("Exporting").is_some();
        if h.query_by_label_contains("Saved:").is_some() || h.query_by_label_contains("failed").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        h.query_by_label_contains("Saved:").is_some(),
        "the export finished"
    );
    assert!(saw_progress, "a progress bar was shown");
    assert!(out.is_file());
}

#[test]
fn points_are_drawn_as_dots_or_hexagons_as_asked() {
    // Five thousand points in view: Auto and Hexagons count them into
    // hexagons, Dots draws dots; the frames differ and Auto = Hexagons.
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("many.csv");
    let mut text = String::from("id,lon,lat,date\n");
    for k in 0..5000u32 {
        let lon = 114.0 + f64::from(k % 100) * 0.02;
        let lat = 37.0 + f64::from(k / 100) * 0.03;
        text += &format!("p{k},{lon:.3},{lat:.3},1938-05-01\n");
    }
    std::fs::write(&csv, text).unwrap();
    let frame = |points: &str| {
        let out = tmp.path().join(format!("{points}.png"));
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
            .args([
                "--data",
                csv.to_str().unwrap(),
                "--view",
                "115.0,37.7,7",
                "render",
            ])
            .args([
                "--at",
                "1938-06-01",
                "--size",
                "400x300",
                "--points",
                points,
                "--out",
            ])
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        image::open(&out).unwrap().to_rgb8()
    };
    let (auto, dots, hexagons) = (frame("auto"), frame("dots"), frame("hexagons"));
    assert_eq!(auto, hexagons);
    let differing = dots
        .pixels()
        .zip(hexagons.pixels())
        .filter(|(a, b)| a != b)
        .count();
    assert!(differing > 10_000, "{differing} pixels differ");
}
