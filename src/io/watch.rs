//! Noticing that the data on disk changed, for editors who keep the app
//! open beside their editor: the modification times and sizes of a point
//! file, or of a dataset folder's files (its sources and tours included).
//! Polled a few times a second; no watcher thread, no platform API.
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a path's files looked like at one moment.
pub type Stamp = Vec<(PathBuf, Option<SystemTime>, u64)>;

fn entry(path: &Path) -> (PathBuf, Option<SystemTime>, u64) {
    let meta = std::fs::metadata(path).ok();
    (
        path.to_path_buf(),
        meta.as_ref().and_then(|m| m.modified().ok()),
        meta.as_ref().map_or(0, std::fs::Metadata::len),
    )
}

/// The files of `path` (itself when a file; a dataset folder's known files
/// and those of its `source/` and `tours/` folders), with their times and sizes.
pub fn stamp(path: &Path) -> Stamp {
    if !path.is_dir() {
        return vec![entry(path)];
    }
    let mut out: Stamp = [
        super::files::PLACES,
        super::files::PROVINCES,
        super::files::LINES,
        super::files::UNITS,
        super::files::EVENTS,
    ]
    .iter()
    .map(|name| entry(&path.join(name)))
    .collect();
    for sub in [super::files::SOURCE_DIR, super::files::TOURS_DIR] {
        let dir = path.join(sub);
        if let Ok(read) = std::fs::read_dir(&dir) {
            let mut names: Vec<PathBuf> = read.filter_map(Result::ok).map(|e| e.path()).collect();
            names.sort();
            out.extend(names.iter().map(|p| entry(p)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_or_added_file_changes_the_stamp() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("events.geojson"), "{}").unwrap();
        let a = stamp(dir);
        assert_eq!(a, stamp(dir), "nothing changed");
        std::fs::write(dir.join("events.geojson"), "{ }").unwrap();
        let b = stamp(dir);
        assert_ne!(a, b, "a longer file");
        std::fs::create_dir(dir.join("source")).unwrap();
        std::fs::write(dir.join("source/x.txt"), "text").unwrap();
        assert_ne!(b, stamp(dir), "a new source text");
        let file = dir.join("points.csv");
        std::fs::write(&file, "a").unwrap();
        let c = stamp(&file);
        std::fs::write(&file, "ab").unwrap();
        assert_ne!(c, stamp(&file));
    }
}
