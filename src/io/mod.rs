//! Files <-> model. No egui. Every problem names file, line, column and
//! record, and one bad record never hides the others.
pub mod claims;
pub mod export;
pub mod files;
pub mod json_records;
pub mod knock_on;
pub mod licences;
pub mod load;
pub mod new_dataset;
pub mod points;
pub mod problem;
pub mod prose;
pub mod text;
pub mod tour;
pub mod tsv;
pub mod validate;
pub mod watch;

pub use files::FileSet;
pub use load::{Loaded, load_fileset};
pub use problem::{Problem, Severity};

use std::path::Path;

/// The dataset bundled into the program.
pub fn load_bundled() -> Loaded {
    load_fileset(&FileSet::bundled())
}

/// Loads the data (`base`, or the bundled dataset) and point files on top of
/// it as layers. A layer that yields no events is left out (its problems
/// are listed).
pub fn load_with_layers(
    base: Option<&Path>,
    layers: &[std::path::PathBuf],
    progress: &std::sync::atomic::AtomicU64,
) -> Loaded {
    load_with_layers_using(base, layers, &points::ColumnChoice::default(), progress)
}

/// [`load_with_layers`], reading point files' columns as `columns` says.
pub fn load_with_layers_using(
    base: Option<&Path>,
    layers: &[std::path::PathBuf],
    columns: &points::ColumnChoice,
    progress: &std::sync::atomic::AtomicU64,
) -> Loaded {
    let mut loaded = match base {
        Some(p) => load_path_using(p, columns, progress),
        None => load_bundled(),
    };
    for path in layers {
        let layer = load_path_using(path, columns, progress);
        loaded.problems.extend(layer.problems);
        if layer.dataset.event_count() > 0 {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            loaded.dataset.add_layer(layer.dataset, &name);
        }
    }
    loaded
}

/// Whether a path is a point file that can be added as a layer.
pub fn is_point_file(path: &Path) -> bool {
    path.is_file()
        && path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["csv", "tsv", "txt", "geojson", "json"].contains(&e.to_ascii_lowercase().as_str())
        })
}

/// Loads what the user points at: a dataset folder, or a CSV/GeoJSON
/// point file (see docs/DATA_FORMAT.md for the accepted columns).
pub fn load_path(path: &Path) -> Loaded {
    load_path_with_progress(path, &std::sync::atomic::AtomicU64::new(0))
}

/// [`load_path`], counting in `progress` the bytes of a CSV read so far
/// (for a progress bar while a big file loads on another thread).
pub fn load_path_with_progress(path: &Path, progress: &std::sync::atomic::AtomicU64) -> Loaded {
    load_path_using(path, &points::ColumnChoice::default(), progress)
}

/// [`load_path_with_progress`], a CSV's columns found as `columns` says
/// (`--columns lon=X,lat=Y,start=...`), then by name, then by content.
pub fn load_path_using(
    path: &Path,
    columns: &points::ColumnChoice,
    progress: &std::sync::atomic::AtomicU64,
) -> Loaded {
    if path.is_dir() {
        return match FileSet::from_dir(path) {
            Ok(set) => load_fileset(&set),
            Err(p) => Loaded::failed(p),
        };
    }
    let shown = path.display().to_string();
    if let Err(p) = files::open_regular(path, &shown) {
        return Loaded::failed(p);
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(ext.as_str(), "csv" | "tsv" | "txt") {
        return points::load_csv_path(path, &shown, columns, progress);
    }
    let bytes = match files::read_limited(path) {
        Ok(b) => b,
        Err(p) => {
            return Loaded::failed(p);
        }
    };
    match ext.as_str() {
        "geojson" | "json" => points::load_geojson(&shown, &bytes),
        _ => Loaded::failed(Problem::error(
            shown,
            "unknown file type: give a dataset folder, a .csv or a .geojson file",
        )),
    }
}
