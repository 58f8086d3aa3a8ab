//! What an edit costs as the dataset grows: the bundled dataset folder with
//! its events repeated ×1, ×10 and ×100 (92 to 9,200 events), written to a
//! temporary folder and edited as the window does it. Per size, the median
//! of 5 runs in ms of:
//! - open: reading the folder into records (`Workspace::open`);
//! - edit: one event's title changed, then the edited files loaded and
//!   checked as the map shows them (`act` + `file_set` + `load_fileset`,
//!   what the window runs per edit before it redraws);
//! - undo: the same, backwards;
//! - save: the edited file written atomically (temporary file, fsync,
//!   rename);
//! - autosave: the unsaved files to the side file.
//!
//! Run: `cargo bench --bench editing` (a table; figures in docs/PERFORMANCE.md).
use std::path::Path;
use std::time::Instant;

use chronoatlas::edit::{Step, Workspace};
use chronoatlas::io::{FileSet, files, load_fileset};

/// The bundled folder with its events repeated `k` times (ids made unique),
/// written under `dir`.
fn write_dataset(dir: &Path, k: usize) -> std::io::Result<usize> {
    let bundled = FileSet::bundled();
    let events: serde_json::Value =
        serde_json::from_slice(bundled.get(files::EVENTS).unwrap_or_default()).unwrap_or_default();
    let one = events["features"].as_array().cloned().unwrap_or_default();
    let mut all = Vec::new();
    for copy in 0..k {
        for f in &one {
            let mut f = f.clone();
            // The first copy keeps its ids: the tours and claims cite them.
            if let Some(id) = f["id"]
                .as_str()
                .filter(|_| copy > 0)
                .map(|s| format!("{s}_{copy}"))
            {
                f["id"] = serde_json::Value::String(id);
            }
            all.push(f);
        }
    }
    let n = all.len();
    let text =
        serde_json::to_string_pretty(&serde_json::json!({"type": "FeatureCollection", "features": all}))
            .unwrap_or_default();
    for (name, bytes) in bundled.all() {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if name == files::EVENTS {
            std::fs::write(&path, text.as_bytes())?;
        } else {
            std::fs::write(&path, bytes)?;
        }
    }
    Ok(n)
}

/// Median ms of 5 runs of `f`.
fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut ms: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    ms[2]
}

/// The edited files loaded as the map shows them; panics on an error (the
/// benchmark's edits are valid, so an error is a bug to see).
fn reload(ws: &Workspace) {
    let loaded = load_fileset(&ws.file_set());
    if let Some(e) = loaded.errors().next() {
        panic!("the edited data does not load: {e}");
    }
}

fn main() -> std::io::Result<()> {
    println!("| events | events.geojson (MB) | open ms | edit ms | undo ms | save ms | autosave ms |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for k in [1, 10, 100] {
        let tmp = tempfile::tempdir()?;
        let n = write_dataset(tmp.path(), k)?;
        let mb = std::fs::metadata(tmp.path().join(files::EVENTS))?.len() as f64 / 1e6;
        let open = median_ms(|| {
            let _ = Workspace::open(tmp.path());
        });
        let Ok(mut ws) = Workspace::open(tmp.path()) else {
            panic!("the benchmark's folder does not open");
        };
        // The middle event, so that the edit is neither first nor last.
        let (id, text) = {
            let records = ws.records(files::EVENTS).map(|r| r.records()).unwrap_or_default();
            let r = &records[records.len() / 2];
            (r.id.clone(), r.text.clone())
        };
        let mut round = 0;
        let edit_ms = median_ms(|| {
            round += 1;
            let changed = text.replacen("\"title_en\": \"", &format!("\"title_en\": \"({round}) "), 1);
            let step = Step {
                label: "bench".into(),
                edits: vec![ws.put(files::EVENTS, &id, Some(changed))],
            };
            if let Err(e) = ws.act(step) {
                panic!("{e}");
            }
            reload(&ws);
        });
        // With edits pending (there is nothing to autosave without).
        let autosave_ms = median_ms(|| {
            let _ = ws.autosave();
        });
        let undo_ms = median_ms(|| {
            if let Err(e) = ws.undo() {
                panic!("{e}");
            }
            reload(&ws);
        });
        // An edit to save each time (a save of nothing writes nothing):
        // the redo is not timed.
        let mut save = Vec::new();
        for _ in 0..5 {
            if let Err(e) = ws.redo() {
                panic!("{e}");
            }
            let t = Instant::now();
            if let Err(e) = ws.save() {
                panic!("{e:?}");
            }
            save.push(t.elapsed().as_secs_f64() * 1e3);
        }
        save.sort_by(f64::total_cmp);
        let save_ms = save[2];
        println!(
            "| {n} | {mb:.2} | {open:.1} | {edit_ms:.1} | {undo_ms:.1} | {save_ms:.1} | {autosave_ms:.1} |"
        );
    }
    Ok(())
}
