//! The time-lapse loop, once: frames drawn in order and handed to the
//! encoding threads; a stop asked for (Ctrl-C, the Cancel button) or an
//! error abandons the output, so no partial file stays behind. The command
//! line's `timelapse` and the Export window's jobs both write through it.
use std::path::PathBuf;

use image::RgbaImage;

use super::output::BackgroundSink;

/// Something that draws frames: the app headless (`app::headless`).
pub trait Frames {
    /// Seconds of app time between two frames (1/fps).
    fn set_frame_secs(&mut self, secs: f64);
    /// The frame at a day; `None`: the next frame of what plays (a tour).
    fn frame(&mut self, day: Option<f64>) -> Result<RgbaImage, String>;
}

/// Why a time-lapse ended without its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// A stop was asked for (after `frames` frames).
    Asked {
        frames: usize,
    },
    Failed(String),
}

/// Draws a frame for each of `days` into `sink`, calling `each(i, frames)`
/// after frame `i` is queued and checking `stop` before each frame. Ends
/// with the file (or frame folder) written, or with the output abandoned.
pub fn write_all<F: Frames + ?Sized>(
    frames: &mut F,
    days: &[Option<f64>],
    mut sink: BackgroundSink,
    stop: impl Fn() -> bool,
    mut each: impl FnMut(usize, &F),
) -> Result<PathBuf, Stopped> {
    for (i, day) in days.iter().enumerate() {
        if stop() {
            sink.abandon();
            return Err(Stopped::Asked { frames: i });
        }
        let drawn = frames.frame(*day).and_then(|img| sink.push(img));
        // A stop during the frame (a tile wait cut short) is a stop, not an error.
        if stop() {
            sink.abandon();
            return Err(Stopped::Asked { frames: i });
        }
        if let Err(e) = drawn {
            sink.abandon();
            return Err(Stopped::Failed(e));
        }
        each(i, frames);
    }
    sink.finish().map_err(Stopped::Failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::output::Sink;

    /// Frames of one colour, or an error at frame `fail_at`.
    struct Plain {
        drawn: usize,
        fail_at: Option<usize>,
    }

    impl Frames for Plain {
        fn set_frame_secs(&mut self, _: f64) {}
        fn frame(&mut self, _: Option<f64>) -> Result<RgbaImage, String> {
            self.drawn += 1;
            if Some(self.drawn) == self.fail_at {
                return Err("no tile".into());
            }
            Ok(RgbaImage::from_pixel(16, 16, image::Rgba([9, 99, 199, 255])))
        }
    }

    fn sink(path: &std::path::Path) -> BackgroundSink {
        BackgroundSink::new(Sink::open(path, (16, 16), 10.0, false).unwrap().0)
    }

    #[test]
    fn every_frame_is_written_or_nothing_is() {
        let tmp = tempfile::tempdir().unwrap();
        let days = [Some(1.0), Some(2.0), None];
        let (a, b, c) = (
            tmp.path().join("a.gif"),
            tmp.path().join("b.gif"),
            tmp.path().join("c.gif"),
        );
        let mut seen = Vec::new();
        let mut ok = Plain {
            drawn: 0,
            fail_at: None,
        };
        assert_eq!(
            write_all(&mut ok, &days, sink(&a), || false, |i, _| seen.push(i)),
            Ok(a.clone())
        );
        assert_eq!(seen, [0, 1, 2]);
        let mut bad = Plain {
            drawn: 0,
            fail_at: Some(2),
        };
        let failed = write_all(&mut bad, &days, sink(&b), || false, |_, _| {});
        assert_eq!(failed, Err(Stopped::Failed("no tile".into())));
        let asked = std::cell::Cell::new(0);
        let stop = || {
            asked.set(asked.get() + 1);
            asked.get() > 3
        };
        let mut ok = Plain {
            drawn: 0,
            fail_at: None,
        };
        let stopped = write_all(&mut ok, &days, sink(&c), stop, |_, _| {});
        assert_eq!(stopped, Err(Stopped::Asked { frames: 1 }));
        let left: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            left,
            ["a.gif"],
            "no partial files, nothing under the failed names"
        );
    }
}
