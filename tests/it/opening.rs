//! Opening data from the window: a file dropped on it, or picked in the
//! Open window; a file that cannot be read leaves the data shown in place.
use std::path::{Path, PathBuf};

use chronoatlas::app::{AppOptions, ChronoApp};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// A file dropped on the window, as eframe hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn harness() -> Harness<'static, ChronoApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(120)
        .build_eframe(|cc| {
            let options = AppOptions {
                lang: Some(chronoatlas::model::Lang::En),
                ..AppOptions::default()
            };
            ChronoApp::new(&cc.egui_ctx, options, None)
        });
    h.run();
    h
}

fn points_csv(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join("strikes.csv");
    let mut text = String::from("id,lon,lat,date,title\n");
    for k in 0..rows {
        let lon = 112.0 + (k % 50) as f64 * 0.1;
        let lat = 36.0 + (k / 50) as f64 * 0.05;
        text += &format!("s{k},{lon:.2},{lat:.2},1938-05-{:02},Strike {k}\n", 1 + k % 28);
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn wait_loaded(h: &mut Harness<'_, ChronoApp>) {
    for _ in 0..500 {
        h.step();
        if !h.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(!h.state().is_loading());
    h.run();
}

#[test]
fn a_point_file_dropped_on_the_window_becomes_a_layer_that_can_be_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = points_csv(tmp.path(), 300);
    let mut h = harness();
    let bundled = h.state().ex.ds().event_count();
    assert!(bundled > 50);
    // Dragged over the window: it says what dropping does.
    h.input_mut().hovered_files.push(egui::HoveredFile {
        path: Some(csv.clone()),
        ..Default::default()
    });
    // A file held over the window asks for frames while it is held.
    h.run_steps(2);
    assert!(h.query_by_label_contains("Drop to add as a layer").is_some());
    assert!(!h.state().is_loading(), "hovering opens nothing");
    h.input_mut().hovered_files.clear();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(csv.clone())));
    h.step();
    assert!(
        h.state().is_loading(),
        "reading starts at once, on another thread"
    );
    wait_loaded(&mut h);
    let ds = h.state().ex.ds();
    assert_eq!(
        ds.event_count(),
        bundled + 300,
        "the data stays, the layer is added"
    );
    let s5 = ds.event_position("s5").unwrap();
    assert_eq!(ds.event_at(s5).unwrap().title_en, "Strike 5");
    assert_eq!(ds.layer_of(s5), Some(0));
    assert_eq!(ds.layer_of(ds.event_position("beiping_falls").unwrap()), None);
    // The layer's place is its own, read again from its file.
    let e = ds.event_at(s5).unwrap();
    let places = ds.event_places(&e);
    assert_eq!(places.len(), 1);
    assert!((places[0].lon - 112.5).abs() < 1e-9 && (places[0].lat - 36.0).abs() < 1e-9);
    // The legend lists it, and removes it.
    assert!(h.query_by_label_contains("strikes.csv (300)").is_some());
    h.get_by_label("Remove").click();
    h.run();
    wait_loaded(&mut h);
    assert_eq!(h.state().ex.ds().event_count(), bundled);
    assert!(h.query_by_label_contains("strikes.csv").is_none());
}

#[test]
fn a_broken_file_leaves_the_data_shown_and_says_what_is_wrong() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("broken.csv");
    std::fs::write(&bad, "name,when\nTaiyuan,1937\n").unwrap();
    let mut h = harness();
    let bundled = h.state().ex.ds().event_count();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(bad)));
    h.step();
    wait_loaded(&mut h);
    assert_eq!(h.state().ex.ds().event_count(), bundled, "the data shown stays");
    assert!(
        h.query_by_label_contains("longitude and latitude columns")
            .is_some(),
        "the problem is shown"
    );
    assert!(h.query_by_label_contains("broken.csv").is_some(), "with its file");
}

#[test]
fn a_huge_cell_and_thousands_of_bad_rows_are_listed_within_bounds() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("huge.csv");
    let mut text = String::from("id,lon,lat,date,title\n");
    text += &format!("{},116.4,39.9,1937-13-07,x\n", "a".repeat(10_000_000));
    for k in 0..3_000 {
        text += &format!("r{k},116.4,39.9,1937-13-{:02},y\n", 1 + k % 28);
    }
    std::fs::write(&bad, text).unwrap();
    let mut h = harness();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(bad)));
    h.step();
    wait_loaded(&mut h);
    assert_eq!(h.state().problems().len(), 3_001, "every problem is kept");
    let first = h.get_by_label_contains("row 'aaaa");
    let node = first.accesskit_node();
    let shown = node.label().or_else(|| node.value()).unwrap_or_default();
    assert!(
        shown.len() < 1_000,
        "the huge id is quoted as an excerpt: {} bytes",
        shown.len()
    );
    assert!(shown.contains("…"), "{shown}");
    let rest = chronoatlas::ui::problems::PROBLEMS_SHOWN;
    assert!(
        h.query_by_label_contains(&format!("and {} more", 3_001 - rest))
            .is_some(),
        "the list stops at {rest} and says how many more"
    );
}

#[test]
fn the_open_window_lists_a_folder_and_opens_the_file_picked() {
    let tmp = tempfile::tempdir().unwrap();
    points_csv(tmp.path(), 120);
    std::fs::write(tmp.path().join("readme.pdf"), "x").unwrap();
    let mut h = harness();
    h.get_by_label("More").click();
    h.run();
    h.get_by_label("Open…").click();
    h.run();
    assert!(h.state().open_dialog.open);
    // Gone to the folder: its CSV is listed, the PDF is not.
    h.state_mut().open_dialog.go(tmp.path().to_path_buf());
    h.run();
    assert!(h.query_by_label_contains("readme.pdf").is_none());
    h.get_by_label_contains("strikes.csv").click();
    h.run();
    // A point file picked: it can be opened or added as a layer.
    assert!(h.query_by_label("Add as layer").is_some());
    h.run();
    h.get_by_label("Open").click();
    h.step();
    wait_loaded(&mut h);
    assert_eq!(h.state().ex.ds().event_count(), 120);
    assert!(!h.state().open_dialog.open, "the window closes");
}

/// A copy of the bundled dataset folder, for editing.
fn dataset_copy(tmp: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
    let dir = tmp.join("data");
    for sub in ["", "source", "tours"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        for e in std::fs::read_dir(src.join(sub)).unwrap().flatten() {
            if e.path().is_file() {
                std::fs::copy(e.path(), dir.join(sub).join(e.file_name())).unwrap();
            }
        }
    }
    dir
}

/// Steps the window until `done` holds, for at most `secs` seconds.
fn wait_for(h: &mut Harness<'_, ChronoApp>, secs: f64, done: impl Fn(&ChronoApp) -> bool) -> f64 {
    let start = std::time::Instant::now();
    while start.elapsed().as_secs_f64() < secs {
        h.step();
        if done(h.state()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    start.elapsed().as_secs_f64()
}

#[test]
fn an_edited_dataset_is_read_again_and_an_edit_with_errors_keeps_the_last_good_data() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = dataset_copy(tmp.path());
    let options = AppOptions {
        data: Some(dir.clone()),
        lang: Some(chronoatlas::model::Lang::En),
        ..AppOptions::default()
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(120)
        .build_eframe(move |cc| ChronoApp::new(&cc.egui_ctx, options, None));
    h.run();
    let count = h.state().ex.ds().event_count();
    let beiping = h.state().ex.ds().event_position("beiping_falls").unwrap();
    h.state_mut().ex.apply(chronoatlas::command::Command::Select {
        event: Some(beiping),
        fly: false,
    });
    h.run();
    // An editor saves a new title: the window shows it within a second.
    let events = dir.join("events.geojson");
    let text = std::fs::read_to_string(&events).unwrap();
    std::fs::write(
        &events,
        text.replace("\"Beiping falls\"", "\"Beiping (Peking) falls\""),
    )
    .unwrap();
    let took = wait_for(&mut h, 5.0, |app| {
        app.ex
            .ds()
            .event("beiping_falls")
            .is_some_and(|e| e.title_en == "Beiping (Peking) falls")
    });
    assert!(took < 1.5, "read again after {took:.2} s");
    h.run();
    assert!(
        h.query_all_by_label_contains("Beiping (Peking) falls")
            .next()
            .is_some(),
        "the window shows it"
    );
    assert_eq!(
        h.state().ex.selected(),
        h.state().ex.ds().event_position("beiping_falls"),
        "still selected"
    );
    // A save with a broken record: the data shown stays, the error is listed.
    let good = std::fs::read_to_string(&events).unwrap();
    std::fs::write(
        &events,
        good.replacen("\"kind\": \"occupation\"", "\"kind\": \"occupashun\"", 1),
    )
    .unwrap();
    wait_for(&mut h, 5.0, |app| !app.problems().is_empty());
    h.run();
    assert_eq!(h.state().ex.ds().event_count(), count, "the last good data stays");
    assert!(h.query_by_label_contains("last version without errors").is_some());
    assert!(
        h.query_all_by_label_contains("events.geojson:").next().is_some()
            && h.query_all_by_label_contains("occupashun").next().is_some(),
        "the error names the file, line and value"
    );
    // Fixed again: the errors go.
    std::fs::write(&events, good).unwrap();
    wait_for(&mut h, 5.0, |app| app.problems().is_empty());
    assert!(h.state().problems().is_empty());
}

/// What QGIS and EDTF users write: a date-time with a time of day, and
/// unspecified digits, each read as the range it leaves open.
#[test]
fn a_csv_with_qgis_date_times_and_edtf_unspecified_digits_loads_with_their_ranges() {
    use chronoatlas::model::date::format_iso;
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("qgis.csv");
    std::fs::write(
        &file,
        "lon,lat,date,title\n\
         112.56,37.87,1937/07/07 00:00:00,a day with its time\n\
         114.5,38.0,193X,a decade\n\
         114.6,38.1,1938-10-XX,a month\n",
    )
    .unwrap();
    let loaded = chronoatlas::io::load_path(&file);
    let errors: Vec<String> = loaded.errors().map(|p| p.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let ds = &loaded.dataset;
    // (Rows are kept in date order.)
    let ranges: Vec<(String, String)> = (0..ds.event_count())
        .filter_map(|i| ds.event_at(i))
        .map(|e| (format_iso(e.when.earliest()), format_iso(e.when.latest())))
        .collect();
    let want = [
        ("1930-01-01", "1939-12-31"),
        ("1937-07-07", "1937-07-07"),
        ("1938-10-01", "1938-10-31"),
    ];
    let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(ranges, want);
}

/// A kepler.gl export: epoch milliseconds under `timestamp`, `lng`/`lat`;
/// and a spreadsheet's `from`/`to` columns.
#[test]
fn kepler_timestamps_and_from_to_columns_load_with_their_days() {
    use chronoatlas::model::date::format_iso;
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        (
            "kepler.csv",
            "lng,lat,timestamp\n112.56,37.87,-1025222400000\n",
            ("1937-07-07", "1937-07-07"),
        ),
        (
            "sheet.csv",
            "x,y,from,to\n112.56,37.87,1937-09,1937-11-08\n",
            ("1937-09-01", "1937-11-08"),
        ),
    ];
    for (name, text, (from, to)) in cases {
        let file = tmp.path().join(name);
        std::fs::write(&file, text).unwrap();
        let loaded = chronoatlas::io::load_path(&file);
        let errors: Vec<String> = loaded.errors().map(|p| p.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
        let e = loaded.dataset.event_at(0).expect("one event");
        assert_eq!(
            (format_iso(e.when.earliest()), format_iso(e.when.latest())),
            (from.into(), to.into()),
            "{name}"
        );
    }
}

#[test]
fn columns_named_in_the_open_window_are_used_and_the_report_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    // Two columns of degrees within ±90 (Europe): no guess can tell them.
    let path = tmp.path().join("europe.csv");
    std::fs::write(
        &path,
        "name,a,b,when\nParis,48.85,2.35,1940-06-14\nLondon,51.5,-0.12,1940-09\n",
    )
    .unwrap();
    let mut h = harness();
    h.get_by_label("More").click();
    h.run();
    h.get_by_label("Open…").click();
    h.run();
    h.state_mut().open_dialog.path = path.display().to_string();
    // A mistyped choice is said, and nothing opens.
    h.get_by_label("Columns").click();
    h.run();
    h.get_by_label("Columns").type_text("lon=b,lat");
    h.run();
    assert!(h.query_by_label_contains("write ROLE=COLUMN").is_some());
    h.get_by_label("Open").click();
    h.run();
    assert!(
        h.state().open_dialog.open,
        "not opened with a choice it cannot read"
    );
    h.get_by_label("Columns").click();
    h.run();
    h.get_by_label("Columns").type_text("=a");
    h.run();
    assert_eq!(h.state().open_dialog.columns, "lon=b,lat=a");
    h.run();
    h.get_by_label("Open").click();
    h.step();
    wait_loaded(&mut h);
    let ds = h.state().ex.ds();
    assert_eq!(ds.event_count(), 2);
    let (_, paris) = ds.points.row(0).unwrap();
    assert_eq!(
        (paris.lon, paris.lat),
        (2.35, 48.85),
        "b is the longitude, as asked"
    );
    assert!(
        ds.read_notes[0]
            .text
            .contains("lon ← 'b' (as asked), lat ← 'a' (as asked)"),
        "{:?}",
        ds.read_notes
    );
    // The report is a click away.
    h.get_by_label("How it was read").click();
    h.run();
    assert!(h.query_by_label_contains("columns read: lon ← 'b'").is_some());
}

#[test]
fn columns_guessed_from_their_cells_open_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("ortsliste.csv");
    std::fs::write(
        &path,
        "Ort,Rechts,Hoch,Jahr\nTaiyuan,112.55,37.87,1937-11-08\nShimen,114.48,38.04,1937年10月\n",
    )
    .unwrap();
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut().open(&ctx, path);
    wait_loaded(&mut h);
    assert_eq!(h.state().ex.ds().event_count(), 2);
    assert!(
        h.query_by_label_contains("lon ← 'rechts' (guessed from its cells), lat ← 'hoch' (guessed from its cells), start ← 'jahr' (guessed")
            .is_some(),
        "a guess is shown without being asked for"
    );
}
