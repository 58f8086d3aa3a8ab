//! The log backend: the app's own lines and those of the libraries under
//! it (wgpu, winit, walkers) on stderr, and in a kiosk also in a rotated
//! file in the user's state folder (docs/KIOSK.md says where).
//!
//! `CHRONOATLAS_LOG` sets the levels: `info` (the default: the app's info
//! and up, other crates' warnings and up), `debug`, or `debug,all=info` to
//! change the other crates' level too.
use std::path::PathBuf;
use std::sync::Mutex;

use log::{LevelFilter, Log, Metadata, Record};

use super::rotate::RotatingFile;

/// The kiosk's log file is cut at this size (and two older ones kept).
pub const KIOSK_LOG_BYTES: u64 = 1 << 20;

struct Logger {
    ours: LevelFilter,
    others: LevelFilter,
    file: Option<Mutex<RotatingFile>>,
}

/// The levels `CHRONOATLAS_LOG` asks for: (the app's, other crates').
pub fn levels(spec: Option<&str>) -> (LevelFilter, LevelFilter) {
    let (mut ours, mut others) = (LevelFilter::Info, LevelFilter::Warn);
    for part in spec
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match part.split_once('=') {
            Some(("all", l)) => others = l.parse().unwrap_or(others),
            Some(_) => {}
            None => ours = part.parse().unwrap_or(ours),
        }
    }
    (ours, others)
}

/// `$XDG_STATE_HOME/chronoatlas/kiosk.log`, else
/// `~/.local/state/chronoatlas/kiosk.log`.
pub fn kiosk_log_path() -> Option<PathBuf> {
    Some(super::paths::state_dir()?.join("chronoatlas/kiosk.log"))
}

/// A line as written: UTC time, level, where from, the message.
pub fn format_line(secs_since_epoch: u64, level: log::Level, target: &str, msg: &str) -> String {
    let day = i32::try_from(secs_since_epoch / 86_400).unwrap_or(i32::MAX);
    let s = secs_since_epoch % 86_400;
    format!(
        "{}T{:02}:{:02}:{:02}Z {level:<5} {target}: {msg}",
        crate::model::date::format_iso(day),
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// Warnings that are expected and would fill the log: the bundled map has
/// no tiles outside China, and walkers warns for each one asked for (the
/// map shows plain sea there). Kept only as errors.
const QUIET: [&str; 1] = ["walkers::io::fetch"];

impl Log for Logger {
    fn enabled(&self, m: &Metadata) -> bool {
        let ours = m.target().starts_with("chronoatlas");
        let level = if ours {
            self.ours
        } else if QUIET.iter().any(|q| m.target().starts_with(q)) {
            self.others.min(LevelFilter::Error)
        } else {
            self.others
        };
        m.level() <= level
    }

    fn log(&self, r: &Record) {
        if !self.enabled(r.metadata()) {
            return;
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let line = format_line(now, r.level(), r.target(), &r.args().to_string());
        eprintln!("{line}");
        if let Some(f) = &self.file
            && let Ok(mut f) = f.lock()
        {
            f.write_line(&line);
        }
    }

    fn flush(&self) {}
}

/// Installs the logger (once; later calls change nothing), with a log
/// file when `file` is given. Returns where the file is, or why there is
/// none (said on stderr too; the app runs on without it).
pub fn init(file: Option<PathBuf>) -> Result<Option<PathBuf>, String> {
    let (ours, others) = levels(std::env::var("CHRONOATLAS_LOG").ok().as_deref());
    let (opened, problem) = match &file {
        None => (None, None),
        Some(p) => match RotatingFile::open(p, KIOSK_LOG_BYTES, 2) {
            Ok(f) => (Some(Mutex::new(f)), None),
            Err(e) => (
                None,
                Some(format!("cannot write the log file {}: {e}", p.display())),
            ),
        },
    };
    let has_file = opened.is_some();
    let logger = Logger {
        ours,
        others,
        file: opened,
    };
    if log::set_boxed_logger(Box::new(logger)).is_ok() {
        log::set_max_level(ours.max(others));
    }
    match problem {
        Some(p) => {
            log::warn!("{p}");
            Err(p)
        }
        None => Ok(file.filter(|_| has_file)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_default_to_our_info_and_others_warnings() {
        assert_eq!(levels(None), (LevelFilter::Info, LevelFilter::Warn));
        assert_eq!(levels(Some("debug")), (LevelFilter::Debug, LevelFilter::Warn));
        assert_eq!(
            levels(Some("warn, all=info")),
            (LevelFilter::Warn, LevelFilter::Info)
        );
        assert_eq!(levels(Some("nonsense")), (LevelFilter::Info, LevelFilter::Warn));
    }

    #[test]
    fn expected_warnings_of_missing_tiles_are_left_out() {
        let logger = Logger {
            ours: LevelFilter::Info,
            others: LevelFilter::Warn,
            file: None,
        };
        let on = |target: &'static str, level| {
            logger.enabled(&Metadata::builder().target(target).level(level).build())
        };
        assert!(on("chronoatlas::app", log::Level::Info));
        assert!(on("wgpu_core::device", log::Level::Warn));
        assert!(!on("wgpu_core::device", log::Level::Info));
        assert!(!on("walkers::io::fetch", log::Level::Warn));
        assert!(on("walkers::io::fetch", log::Level::Error));
    }

    #[test]
    fn a_line_says_when_how_bad_and_where_from() {
        assert_eq!(
            format_line(86_400 * 365 + 3_723, log::Level::Warn, "wgpu_core", "lost"),
            "1971-01-01T01:02:03Z WARN  wgpu_core: lost"
        );
    }
}
