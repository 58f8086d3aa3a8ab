//! Noticing that the data on disk changed, for editors who keep the app
//! open beside their editor: the modification times and sizes of a point
//! file, or of a dataset folder's files (its sources and tours included).
//! A thread looks a few times a second and wakes the window only when
//! something changed, so an idle window draws nothing; no platform API
//! (inotify misses edits on network shares and in some editors' saves).
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

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

/// Watches a path's files on a thread of its own; stops when dropped.
pub struct Watcher {
    changed: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watcher {
    /// Looks at `path`'s files every `every` and calls `wake` when they
    /// differ from the time before (the first look is taken now). None
    /// when no thread can be started (nothing is watched then).
    pub fn spawn(path: PathBuf, every: Duration, wake: impl Fn() + Send + 'static) -> Option<Watcher> {
        let changed = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let mut last = stamp(&path);
        let thread = std::thread::Builder::new()
            .name("chronoatlas-watch".into())
            .spawn({
                let (changed, stop) = (changed.clone(), stop.clone());
                move || {
                    while !stop.load(Ordering::Acquire) {
                        std::thread::park_timeout(every);
                        if stop.load(Ordering::Acquire) {
                            break;
                        }
                        let now = stamp(&path);
                        if now != last {
                            last = now;
                            changed.store(true, Ordering::Release);
                            wake();
                        }
                    }
                }
            })
            .ok()?;
        Some(Watcher {
            changed,
            stop,
            thread: Some(thread),
        })
    }

    /// Whether the files changed since this was last asked.
    pub fn take_change(&self) -> bool {
        self.changed.swap(false, Ordering::AcqRel)
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        // Woken now, the thread ends at once; not joined (a slow disk
        // must not hold up the window).
        if let Some(t) = self.thread.take() {
            t.thread().unpark();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_watcher_wakes_once_per_change_and_not_when_nothing_changes() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("events.csv");
        std::fs::write(&file, "a").unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let w = Watcher::spawn(file.clone(), Duration::from_millis(10), move || {
            let _ = tx.send(());
        })
        .unwrap();
        // Many looks at an unchanged file: no wake.
        assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
        assert!(!w.take_change());
        std::fs::write(&file, "ab").unwrap();
        rx.recv_timeout(Duration::from_secs(30))
            .expect("woken by the change");
        assert!(w.take_change());
        assert!(!w.take_change(), "told once");
        drop(w);
    }

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
