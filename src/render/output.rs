//! Writing frames: PNG files, a PNG sequence, a GIF, an MP4 through ffmpeg.
//! Always to a temporary name first, renamed when complete, so an
//! interrupted export never leaves a truncated file under the final name;
//! existing files are kept unless the user says `--force`.
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use image::RgbaImage;

pub use super::partials::partial_path;
use super::partials::{prepare_frame_folder, remove_stale};

fn refuse_existing(path: &Path, force: bool) -> Result<(), String> {
    if path.exists() && !force {
        return Err(format!("{} exists; use --force to overwrite it", path.display()));
    }
    Ok(())
}

fn encode_png(img: &RgbaImage, out: impl Write) -> Result<(), image::ImageError> {
    use image::ImageEncoder;
    // Frames are opaque: RGB is a quarter smaller than RGBA and faster to
    // compress. Fast compression with the Up filter: frames are many and
    // large (1280x720: about 8 ms, 0.9 MB); PNG stays lossless.
    let rgb: Vec<u8> = img
        .as_raw()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        out,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Up,
    );
    encoder.write_image(&rgb, img.width(), img.height(), image::ExtendedColorType::Rgb8)
}

/// The kind of the I/O error at the root of `e`, if there is one.
fn io_kind(e: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut at = Some(e);
    while let Some(err) = at {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        at = err.source();
    }
    None
}

/// What a failed write says: the file, and what went wrong in words a user
/// can act on (a full disk says so), with the system's own words after.
pub fn write_failed(path: &Path, e: &(dyn std::error::Error + 'static)) -> String {
    use std::io::ErrorKind;
    let why = match io_kind(e) {
        Some(ErrorKind::StorageFull) => "the disk is full",
        Some(ErrorKind::QuotaExceeded) => "the disk quota is used up",
        Some(ErrorKind::FileTooLarge) => "the file is larger than this system allows",
        Some(ErrorKind::ReadOnlyFilesystem) => "the disk is read-only",
        Some(ErrorKind::PermissionDenied) => "permission denied: write to a folder you may write to",
        _ => return format!("{}: {e}", path.display()),
    };
    format!(
        "{}: {why} ({e}); nothing was written under this name",
        path.display()
    )
}

/// Writes one PNG atomically.
pub fn write_png(path: &Path, img: &RgbaImage, force: bool) -> Result<(), String> {
    refuse_existing(path, force)?;
    let tmp = partial_path(path);
    let write = || -> Result<(), Box<dyn std::error::Error>> {
        // Encoded in memory first: a failed write is then a plain I/O
        // error whose kind (a full disk) is known.
        let mut png = Vec::with_capacity(img.as_raw().len() / 4);
        encode_png(img, &mut png)?;
        File::create(&tmp)?.write_all(&png)?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&tmp);
        return Err(write_failed(path, e.as_ref()));
    }
    Ok(())
}

/// Where a time-lapse goes, chosen by the output path.
pub enum Sink {
    /// `DIR/`: frame_00001.png, frame_00002.png ...
    Pngs {
        dir: PathBuf,
        force: bool,
        written: usize,
    },
    Gif {
        path: PathBuf,
        tmp: PathBuf,
        encoder: Option<gif::Encoder<BufWriter<File>>>,
        delay_cs: u16,
    },
    Mp4 {
        path: PathBuf,
        tmp: PathBuf,
        child: Child,
    },
}

/// Finds a program on the PATH.
pub fn on_path(program: &str) -> Option<PathBuf> {
    find_program(program, &std::env::var_os("PATH")?)
}

/// `program` in the folders of a PATH value, split by the platform's rule
/// (`:` here, `;` on Windows), with `.exe` added on Windows.
pub fn find_program(program: &str, path: &std::ffi::OsStr) -> Option<PathBuf> {
    let name = if cfg!(windows) && Path::new(program).extension().is_none() {
        format!("{program}.exe")
    } else {
        program.to_string()
    };
    std::env::split_paths(path)
        .filter(|d| !d.as_os_str().is_empty())
        .map(|d| d.join(&name))
        .find(|p| p.is_file())
}

impl Sink {
    /// Opens the output: a folder (ending in `/` or existing), `.gif` or
    /// `.mp4`; with notes on what an earlier export left and was removed.
    pub fn open(out: &Path, size: (u32, u32), fps: f64, force: bool) -> Result<(Sink, Vec<String>), String> {
        let text = out.to_string_lossy();
        let ext = out
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if text.ends_with('/') || out.is_dir() || ext.is_empty() {
            std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
            let notes = prepare_frame_folder(out, force)?;
            let sink = Sink::Pngs {
                dir: out.to_path_buf(),
                force,
                written: 0,
            };
            return Ok((sink, notes));
        }
        refuse_existing(out, force)?;
        let notes = remove_stale(out);
        let tmp = partial_path(out);
        match ext.as_str() {
            "gif" => {
                let (w, h) = (u16::try_from(size.0), u16::try_from(size.1));
                let (Ok(w), Ok(h)) = (w, h) else {
                    return Err("a GIF is at most 65535 pixels a side".into());
                };
                let file = File::create(&tmp).map_err(|e| write_failed(out, &e))?;
                let mut encoder =
                    gif::Encoder::new(BufWriter::new(file), w, h, &[]).map_err(|e| e.to_string())?;
                encoder
                    .set_repeat(gif::Repeat::Infinite)
                    .map_err(|e| e.to_string())?;
                let delay_cs = (100.0 / fps).round().clamp(2.0, 65_535.0) as u16;
                let sink = Sink::Gif {
                    path: out.to_path_buf(),
                    tmp,
                    encoder: Some(encoder),
                    delay_cs,
                };
                Ok((sink, notes))
            }
            "mp4" => {
                // H.264 in yuv420p halves the colour planes: both sides even.
                if size.0 % 2 == 1 || size.1 % 2 == 1 {
                    let even = |n: u32| n + n % 2;
                    return Err(format!(
                        "an MP4 needs an even width and height, and {}x{} is not: use --size {}x{} (or a GIF or PNG frames, which take any size)",
                        size.0,
                        size.1,
                        even(size.0),
                        even(size.1)
                    ));
                }
                let ffmpeg = on_path("ffmpeg").ok_or_else(|| {
                    "MP4 needs ffmpeg on the PATH (Debian: apt-get install ffmpeg); PNG frames (DIR/) and GIF work without it"
                        .to_string()
                })?;
                let child = Command::new(ffmpeg)
                    .args([
                        "-loglevel",
                        "error",
                        "-y",
                        "-f",
                        "rawvideo",
                        "-pix_fmt",
                        "rgba",
                        "-s",
                    ])
                    .arg(format!("{}x{}", size.0, size.1))
                    .args([
                        "-r",
                        &format!("{fps}"),
                        "-i",
                        "-",
                        "-c:v",
                        "libx264",
                        "-pix_fmt",
                        "yuv420p",
                        "-f",
                        "mp4",
                    ])
                    .arg(&tmp)
                    .stdin(Stdio::piped())
                    .spawn()
                    .map_err(|e| format!("cannot start ffmpeg: {e}"))?;
                let sink = Sink::Mp4 {
                    path: out.to_path_buf(),
                    tmp,
                    child,
                };
                Ok((sink, notes))
            }
            other => Err(format!(
                "unknown output type '.{other}': give DIR/, FILE.gif or FILE.mp4"
            )),
        }
    }

    /// Adds a frame.
    pub fn push(&mut self, img: &RgbaImage) -> Result<(), String> {
        match self {
            Sink::Pngs { dir, force, written } => {
                *written += 1;
                write_png(&dir.join(format!("frame_{:05}.png", *written)), img, *force)
            }
            Sink::Gif {
                encoder,
                delay_cs,
                path,
                ..
            } => {
                let Some(enc) = encoder.as_mut() else {
                    return Err("the GIF is already finished".into());
                };
                let (w, h) = (img.width() as u16, img.height() as u16);
                let mut rgba = img.as_raw().clone();
                let mut frame = gif::Frame::from_rgba_speed(w, h, &mut rgba, 10);
                frame.delay = *delay_cs;
                enc.write_frame(&frame).map_err(|e| write_failed(path, &e))
            }
            Sink::Mp4 { child, path, .. } => {
                let stdin = child.stdin.as_mut().ok_or("ffmpeg's input is closed")?;
                stdin
                    .write_all(img.as_raw())
                    .map_err(|e| format!("ffmpeg stopped while writing {}: {e}", path.display()))
            }
        }
    }

    /// Completes the file and gives it its final name.
    pub fn finish(self) -> Result<PathBuf, String> {
        match self {
            Sink::Pngs { dir, .. } => Ok(dir),
            Sink::Gif {
                path,
                tmp,
                mut encoder,
                ..
            } => {
                let enc = encoder.take().ok_or("the GIF is already finished")?;
                let failed = |e: &(dyn std::error::Error + 'static)| {
                    let _ = std::fs::remove_file(&tmp);
                    write_failed(&path, e)
                };
                let mut w = enc.into_inner().map_err(|e| failed(&e))?;
                w.flush().map_err(|e| failed(&e))?;
                drop(w);
                std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))?;
                Ok(path)
            }
            Sink::Mp4 { path, tmp, mut child } => {
                drop(child.stdin.take());
                let status = child.wait().map_err(|e| e.to_string())?;
                if !status.success() {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(format!("ffmpeg failed writing {} ({status})", path.display()));
                }
                std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))?;
                Ok(path)
            }
        }
    }

    /// Gives up: removes the temporary file (the final name never appears).
    pub fn abandon(self) {
        match self {
            Sink::Pngs { .. } => {}
            Sink::Gif { tmp, encoder, .. } => {
                drop(encoder);
                let _ = std::fs::remove_file(tmp);
            }
            Sink::Mp4 { tmp, mut child, .. } => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = std::fs::remove_file(tmp);
            }
        }
    }
}

/// A [`Sink`] on other threads: encoding frames overlaps drawing the next
/// ones. A PNG sequence is encoded by one thread per core (each frame is its
/// own file); a GIF or MP4 is one stream, encoded by one thread in order.
/// At most two frames per thread wait.
pub struct BackgroundSink {
    tx: Option<std::sync::mpsc::SyncSender<Msg>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    workers: Vec<std::thread::JoinHandle<Result<Option<PathBuf>, String>>>,
    /// The folder of a PNG sequence.
    dir: Option<PathBuf>,
    sent: usize,
}

struct Msg(usize, RgbaImage);

type Queue = std::sync::Arc<std::sync::Mutex<std::sync::mpsc::Receiver<Msg>>>;

fn next(rx: &Queue) -> Option<Msg> {
    rx.lock().ok()?.recv().ok()
}

impl BackgroundSink {
    pub fn new(sink: Sink) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from).min(8);
        let (threads, dir) = match &sink {
            Sink::Pngs { dir, .. } => (cores, Some(dir.clone())),
            _ => (1, None),
        };
        let (tx, rx) = std::sync::mpsc::sync_channel::<Msg>(2 * threads);
        let rx: Queue = std::sync::Arc::new(std::sync::Mutex::new(rx));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut workers = Vec::new();
        match sink {
            Sink::Pngs { dir, force, .. } => {
                for i in 0..threads {
                    let (rx, dir) = (rx.clone(), dir.clone());
                    let w = std::thread::Builder::new()
                        .name(format!("chronoatlas-png-{i}"))
                        .spawn(move || {
                            while let Some(Msg(n, img)) = next(&rx) {
                                write_png(&dir.join(format!("frame_{:05}.png", n + 1)), &img, force)?;
                            }
                            Ok(None)
                        });
                    workers.extend(w.ok());
                }
            }
            mut sink => {
                let stop = stop.clone();
                let w = std::thread::Builder::new()
                    .name("chronoatlas-encode".into())
                    .spawn(move || {
                        while let Some(Msg(_, img)) = next(&rx) {
                            if stop.load(std::sync::atomic::Ordering::Relaxed) {
                                break;
                            }
                            if let Err(e) = sink.push(&img) {
                                sink.abandon();
                                return Err(e);
                            }
                        }
                        if stop.load(std::sync::atomic::Ordering::Relaxed) {
                            sink.abandon();
                            return Ok(None);
                        }
                        sink.finish().map(Some)
                    });
                workers.extend(w.ok());
            }
        }
        BackgroundSink {
            tx: Some(tx),
            stop,
            workers,
            dir,
            sent: 0,
        }
    }

    /// Waits for the threads; the first error, or the file written.
    fn join(&mut self) -> Result<PathBuf, String> {
        self.tx = None;
        if self.workers.is_empty() {
            return Err("cannot start the encoding threads".into());
        }
        let mut file = None;
        let mut error = None;
        for w in self.workers.drain(..) {
            match w.join() {
                Ok(Ok(p)) => file = file.or(p),
                Ok(Err(e)) => error = error.or(Some(e)),
                Err(_) => error = error.or(Some("an encoding thread failed".to_string())),
            }
        }
        match (error, file) {
            (Some(e), _) => Err(e),
            (None, Some(p)) => Ok(p),
            (None, None) => self.dir.clone().ok_or_else(|| "abandoned".to_string()),
        }
    }

    /// Queues a frame; if the writer has failed, its error.
    pub fn push(&mut self, img: RgbaImage) -> Result<(), String> {
        let n = self.sent;
        let sent = self.tx.as_ref().is_some_and(|tx| tx.send(Msg(n, img)).is_ok());
        if sent && self.workers.iter().all(|w| !w.is_finished()) {
            self.sent += 1;
            Ok(())
        } else {
            Err(self.join().err().unwrap_or_else(|| "the encoder stopped".into()))
        }
    }

    /// Writes what is queued and completes the file.
    pub fn finish(mut self) -> Result<PathBuf, String> {
        self.join()
    }

    /// Stops: a GIF or MP4's temporary file is removed (the final name
    /// never appears); PNGs already written stay, each complete.
    pub fn abandon(mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = self.join();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_is_found_in_a_path_split_by_the_platforms_rule() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a b"), tmp.path().join("bin"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        let exe = if cfg!(windows) { "ffmpeg.exe" } else { "ffmpeg" };
        std::fs::write(b.join(exe), b"").unwrap();
        let path = std::env::join_paths([a.as_path(), b.as_path()]).unwrap();
        assert_eq!(find_program("ffmpeg", &path), Some(b.join(exe)));
        assert_eq!(find_program("ffprobe", &path), None);
    }

    #[test]
    fn a_full_disk_says_so_and_names_the_file() {
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        let msg = write_failed(Path::new("/media/usb/spread.gif"), &full);
        assert!(
            msg.starts_with("/media/usb/spread.gif: the disk is full ("),
            "{msg}"
        );
        // Wrapped in an encoder's error, still found.
        let gif = gif::EncodingError::from(std::io::Error::from(std::io::ErrorKind::StorageFull));
        let msg = write_failed(Path::new("a.gif"), &gif);
        assert!(msg.starts_with("a.gif: the disk is full"), "{msg}");
        let other = std::io::Error::other("odd");
        assert_eq!(write_failed(Path::new("a.png"), &other), "a.png: odd");
    }

    #[test]
    fn png_writes_are_atomic_and_refuse_to_overwrite() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("a.png");
        let img = RgbaImage::from_pixel(8, 8, image::Rgba([10, 20, 30, 255]));
        write_png(&p, &img, false).unwrap();
        assert!(write_png(&p, &img, false).unwrap_err().contains("--force"));
        write_png(&p, &img, true).unwrap();
        let back = image::open(&p).unwrap().to_rgba8();
        assert_eq!(back.get_pixel(3, 3), &image::Rgba([10, 20, 30, 255]));
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files left");
    }

    #[test]
    fn a_gif_appears_only_when_finished() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("a.gif");
        let (mut sink, _) = Sink::open(&p, (16, 16), 10.0, false).unwrap();
        let img = RgbaImage::from_pixel(16, 16, image::Rgba([200, 30, 30, 255]));
        sink.push(&img).unwrap();
        assert!(!p.exists(), "no final file while writing");
        sink.push(&img).unwrap();
        sink.finish().unwrap();
        let mut decoder = gif::DecodeOptions::new()
            .read_info(File::open(&p).unwrap())
            .unwrap();
        let mut n = 0;
        while decoder.read_next_frame().unwrap().is_some() {
            n += 1;
        }
        assert_eq!(n, 2);
        // Abandoned: nothing under the final name, no temp left.
        let q = tmp.path().join("b.gif");
        let (mut sink, _) = Sink::open(&q, (16, 16), 10.0, false).unwrap();
        sink.push(&img).unwrap();
        sink.abandon();
        assert!(!q.exists());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
