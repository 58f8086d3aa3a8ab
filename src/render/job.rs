//! A time-lapse export running in the background, so the window stays
//! responsive: progress and cancellation shared with the UI.
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;

use super::frame::ExportOptions;
use super::output::{BackgroundSink, Sink};
use super::timelapse::{Frames, Stopped, write_all};

/// Opens what draws the frames, on the job's own thread (the app headless:
/// `app::headless::open_frames`).
pub type Opener = fn(&ExportOptions) -> Result<Box<dyn Frames>, String>;

/// What to export.
#[derive(Debug, Clone)]
pub struct JobSpec {
    pub options: ExportOptions,
    /// The days of the frames.
    pub days: Vec<f64>,
    pub out: PathBuf,
    pub fps: f64,
    pub force: bool,
}

/// A running (or finished) export.
pub struct ExportJob {
    pub total: usize,
    done: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    handle: Option<JoinHandle<Result<PathBuf, String>>>,
    result: Option<Result<PathBuf, String>>,
}

impl ExportJob {
    /// Starts exporting on a thread of its own (with its own graphics device).
    pub fn start(spec: JobSpec, open: Opener) -> Self {
        let done = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let total = spec.days.len();
        let (d, c) = (done.clone(), cancel.clone());
        let handle = std::thread::Builder::new()
            .name("chronoatlas-export".into())
            .spawn(move || run(spec, open, &d, &c))
            .ok();
        let result = if handle.is_none() {
            Some(Err("cannot start the export thread".into()))
        } else {
            None
        };
        ExportJob {
            total,
            done,
            cancel,
            handle,
            result,
        }
    }

    /// A job that could not start, for the window to show why.
    pub fn failed(why: String) -> Self {
        ExportJob {
            total: 0,
            done: Arc::new(AtomicUsize::new(0)),
            cancel: Arc::new(AtomicBool::new(false)),
            handle: None,
            result: Some(Err(why)),
        }
    }

    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The outcome once the thread has ended (None while running).
    pub fn poll(&mut self) -> Option<&Result<PathBuf, String>> {
        if self.result.is_none() && self.handle.as_ref().is_some_and(JoinHandle::is_finished) {
            self.result = self.handle.take().map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("the export stopped unexpectedly".into()))
            });
        }
        self.result.as_ref()
    }
}

fn run(spec: JobSpec, open: Opener, done: &AtomicUsize, cancel: &AtomicBool) -> Result<PathBuf, String> {
    let mut frames = open(&spec.options)?;
    frames.set_frame_secs(1.0 / spec.fps);
    // One frame to a .png: a still.
    let is_png = spec
        .out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    if let ([day], true) = (spec.days.as_slice(), is_png) {
        let img = frames.frame(Some(*day))?;
        super::partials::remove_stale(&spec.out);
        super::output::write_png(&spec.out, &img, spec.force)?;
        done.fetch_add(1, Ordering::Relaxed);
        return Ok(spec.out);
    }
    // What an earlier, interrupted export left is removed without a word:
    // the window shows the result, not the housekeeping.
    let (sink, _notes) = Sink::open(
        &spec.out,
        (spec.options.width, spec.options.height),
        spec.fps,
        spec.force,
    )?;
    let days: Vec<Option<f64>> = spec.days.iter().copied().map(Some).collect();
    let stop = || cancel.load(Ordering::Relaxed);
    let each = |_, _: &_| {
        done.fetch_add(1, Ordering::Relaxed);
    };
    write_all(frames.as_mut(), &days, BackgroundSink::new(sink), stop, each).map_err(|s| match s {
        Stopped::Asked { .. } => "cancelled".to_string(),
        Stopped::Failed(e) => e,
    })
}
