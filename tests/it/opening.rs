//! Opening data from the window: a file dropped on it, or picked in the
//! Open window; a file that cannot be read leaves the data shown in place.
use std::path::{Path, PathBuf};

use chronoatlas::app::{AppOptions, ChronoApp};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

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
        .build_eframe(|cc| {
            let options = AppOptions {
                lang: Some(chronoatlas::model::Lang::En),
                ..AppOptions::default()
            };
            ChronoApp::new(&cc.egui_ctx, options, None)
        });
    h.run_steps(3);
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
    h.run_steps(2);
}

#[test]
fn a_file_dropped_on_the_window_is_opened() {
    let tmp = tempfile::tempdir().unwrap();
    let csv = points_csv(tmp.path(), 300);
    let mut h = harness();
    let bundled = h.state().ex.ds.event_count();
    assert!(bundled > 50);
    // Dragged over the window: it says what dropping does.
    h.input_mut().hovered_files.push(egui::HoveredFile {
        path: Some(csv.clone()),
        ..Default::default()
    });
    h.run_steps(2);
    assert!(h.query_by_label_contains("Drop to open").is_some());
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
    assert_eq!(h.state().ex.ds.event_count(), 300);
    let s5 = h.state().ex.ds.event_position("s5").unwrap();
    assert_eq!(h.state().ex.ds.event_at(s5).unwrap().title_en, "Strike 5");
}

#[test]
fn a_broken_file_leaves_the_data_shown_and_says_what_is_wrong() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("broken.csv");
    std::fs::write(&bad, "name,when\nTaiyuan,1937\n").unwrap();
    let mut h = harness();
    let bundled = h.state().ex.ds.event_count();
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(bad)));
    h.step();
    wait_loaded(&mut h);
    assert_eq!(h.state().ex.ds.event_count(), bundled, "the data shown stays");
    assert!(
        h.query_by_label_contains("longitude and latitude columns")
            .is_some(),
        "the problem is shown"
    );
    assert!(h.query_by_label_contains("broken.csv").is_some(), "with its file");
}

#[test]
fn the_open_window_lists_a_folder_and_opens_the_file_picked() {
    let tmp = tempfile::tempdir().unwrap();
    points_csv(tmp.path(), 120);
    std::fs::write(tmp.path().join("readme.pdf"), "x").unwrap();
    let mut h = harness();
    h.get_by_label("Open…").click();
    h.run_steps(2);
    assert!(h.state().open_dialog.open);
    // Gone to the folder: its CSV is listed, the PDF is not.
    h.state_mut().open_dialog.go(tmp.path().to_path_buf());
    h.run_steps(2);
    assert!(h.query_by_label_contains("readme.pdf").is_none());
    h.get_by_label_contains("strikes.csv").click();
    h.run_steps(2);
    h.get_by_label("Open").click();
    h.step();
    wait_loaded(&mut h);
    assert_eq!(h.state().ex.ds.event_count(), 120);
    assert!(!h.state().open_dialog.open, "the window closes");
}
