//! The command line: thin; it parses arguments and calls the library.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use chronoatlas::app::AppOptions;
use chronoatlas::app::headless::Exporter;
use chronoatlas::command::{Command as AppCommand, TourCommand};
use chronoatlas::io::{self, Loaded, problem};
use chronoatlas::map::basemap::BasemapChoice;
use chronoatlas::map::density::PointStyle;
use chronoatlas::mode::kiosk::KioskConfig;
use chronoatlas::model::Lang;
use chronoatlas::model::geo::View;
use chronoatlas::render::frame::{ExportOptions, Renderer};
use chronoatlas::render::timelapse::{self, Stopped};
use chronoatlas::render::{interrupt, output, partials, schedule};
use chronoatlas::state::ModeSetting;

#[derive(Parser)]
#[command(
    name = "chronoatlas",
    version,
    about = "Dated, cited, geocoded history on an offline map"
)]
struct Cli {
    /// A dataset folder, or a CSV/GeoJSON point file, instead of the bundled dataset.
    #[arg(long, global = true, value_name = "PATH")]
    data: Option<PathBuf>,
    /// Which columns of a CSV are which, where their names do not say:
    /// ROLE=COLUMN pairs (roles: lon, lat, start, end, id, title, kind,
    /// size), e.g. lon=Easting,lat=Northing,start=Jahr.
    #[arg(long, global = true, value_name = "ROLE=COLUMN,...", value_parser = parse_columns)]
    columns: Option<chronoatlas::io::points::ColumnChoice>,
    /// The base map: the bundled offline map (default) or OpenStreetMap tiles (needs a network).
    #[arg(long, value_enum, default_value_t = BasemapArg::Bundled)]
    basemap: BasemapArg,
    /// Open the map at LON,LAT,ZOOM (e.g. 114.9,38.4,9) instead of fitted to all events.
    #[arg(long, global = true, value_name = "LON,LAT,ZOOM", value_parser = parse_view)]
    view: Option<View>,
    /// Presentation mode: fullscreen, a tour's steps with a clicker (default tour: story).
    #[arg(long, value_name = "TOUR", num_args = 0..=1, default_missing_value = "")]
    present: Option<String>,
    /// Museum kiosk: fullscreen and locked, attract loop, idle reset (CONFIG: a kiosk.toml).
    #[arg(long, value_name = "CONFIG", num_args = 0..=1, default_missing_value = "")]
    kiosk: Option<String>,
    /// With --kiosk: check the configuration, the data and the tour, say what
    /// is wrong (file and line) or what the kiosk will show, and exit 0 or 1
    /// without opening a window.
    #[arg(long, requires = "kiosk")]
    check: bool,
    /// Edit the data: the folder given with --data (the bundled data is
    /// first copied to a folder you choose). Not with --kiosk or --present.
    #[arg(long, conflicts_with_all = ["kiosk", "present"])]
    edit: bool,
    /// Open at this date (e.g. 1937-11-08 or 1937年冬; its first day).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<i32>,
    /// The language shown: zh (中文), en (English) or both (default: as last time).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Check a dataset (no PATH: the bundled one); list every problem.
    Validate {
        /// A dataset folder or a CSV/GeoJSON point file.
        path: Option<PathBuf>,
    },
    /// Write the events for other tools to stdout: CSV (one row per event
    /// and place), GeoJSON, KML (Google Earth, with the tours) or Linked
    /// Places (World Historical Gazetteer). See docs/DATA_FORMAT.md.
    Table {
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
        /// CSV without the byte-order mark Excel needs to read Chinese
        /// (for tools that take it for part of the first column's name).
        #[arg(long)]
        no_bom: bool,
    },
    /// Start a dataset folder from a text: the text under source/ (UTF-8,
    /// UTF-16 or GB18030 in, UTF-8 out), empty events, places and units
    /// files, the 1937 provinces and a README. With --lang zh|en the text's
    /// language (else guessed). The folder must be new or empty.
    New {
        dir: PathBuf,
        /// The text file.
        #[arg(long)]
        text: PathBuf,
        /// The dataset's title (default: the text's file name).
        #[arg(long)]
        title: Option<String>,
    },
    /// Print, as TSV with a header, every place name, date and size of
    /// people a text writes, with what each was read as (docs/SUGGEST.md).
    /// PATH: a dataset folder (its texts and places) or a text file.
    Suggest { path: PathBuf },
    /// Draw one frame to a PNG, headless (no window, no display needed).
    Render {
        /// The date shown (any date form; its first day).
        #[arg(long, value_parser = parse_date)]
        at: i32,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        frame: FrameArgs,
    },
    /// Draw a time-lapse: a folder of PNGs (DIR/), a GIF or an MP4 (with ffmpeg).
    Timelapse {
        /// First date (not with --tour).
        #[arg(long, value_parser = parse_date, required_unless_present = "tour")]
        from: Option<i32>,
        /// Last date (any two of --to, --frames, --step fix the third).
        #[arg(long, value_parser = parse_date)]
        to: Option<i32>,
        /// Number of frames.
        #[arg(long)]
        frames: Option<u32>,
        /// Days between frames.
        #[arg(long)]
        step: Option<f64>,
        /// DIR/ (PNG frames), FILE.gif or FILE.mp4.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 30.0)]
        fps: f64,
        /// Play a tour's steps (camera moves included) instead of a date range.
        #[arg(long)]
        tour: Option<String>,
        /// At the end, print one JSON line of timings and the number of
        /// events visible in each frame (for tools/bench_export.sh).
        #[arg(long)]
        stats: bool,
        #[command(flatten)]
        frame: FrameArgs,
    },
}

/// What a headless frame looks like.
#[derive(clap::Args)]
struct FrameArgs {
    /// Frame size in pixels.
    #[arg(long, default_value = "1920x1080", value_parser = parse_size)]
    size: (u32, u32),
    /// Fit the view to all events (the default unless --view is given).
    #[arg(long)]
    fit: bool,
    /// Cumulative (everything by the date) or a moving window.
    #[arg(long, value_enum, default_value_t = ModeArg::Cumulative)]
    mode: ModeArg,
    /// Width of the moving window, in days.
    #[arg(long, default_value_t = 90)]
    window: i32,
    /// Overwrite existing files.
    #[arg(long)]
    force: bool,
    /// What draws the pixels: cpu (default; fast without a GPU, the same
    /// bytes everywhere) or gpu (the window's wgpu renderer, offscreen).
    #[arg(long, value_enum, default_value_t = RendererArg::Cpu)]
    renderer: RendererArg,
    /// A point file's events as dots, as hexagons, or auto (hexagons when
    /// more than 4,000 are in view, as in the window).
    #[arg(long, value_enum, default_value_t = PointsArg::Auto)]
    points: PointsArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum PointsArg {
    Auto,
    Dots,
    Hexagons,
}

#[derive(Clone, Copy, ValueEnum)]
enum RendererArg {
    Cpu,
    Gpu,
}

#[derive(Clone, Copy, ValueEnum)]
enum ModeArg {
    Window,
    Cumulative,
}

/// Parses `WIDTHxHEIGHT`.
fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or("expected WIDTHxHEIGHT, e.g. 1920x1080")?;
    let n = |v: &str| {
        v.trim()
            .parse::<u32>()
            .map_err(|_| format!("'{v}' is not a number of pixels"))
    };
    Ok((n(w)?, n(h)?))
}

#[derive(Clone, Copy, ValueEnum)]
enum BasemapArg {
    Bundled,
    Osm,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
    Both,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One row per event and place (spreadsheets, QGIS, kepler.gl).
    Csv,
    /// Points per event and place, lines per segment or route.
    Geojson,
    /// Google Earth: placemarks with time spans, and the tours.
    Kml,
    /// Linked Places Format, for the World Historical Gazetteer.
    Lpf,
}

/// Parses `LON,LAT,ZOOM`.
fn parse_view(s: &str) -> Result<View, String> {
    let parts: Vec<f64> = s
        .split(',')
        .map(|p| {
            p.trim()
                .parse::<f64>()
                .map_err(|_| format!("'{p}' is not a number"))
        })
        .collect::<Result<_, _>>()?;
    match parts.as_slice() {
        [lon, lat, zoom]
            if (-180.0..=180.0).contains(lon)
                && (-85.0..=85.0).contains(lat)
                && (0.0..=20.0).contains(zoom) =>
        {
            Ok(View {
                lon: *lon,
                lat: *lat,
                zoom: *zoom,
            })
        }
        [_, _, _] => Err("longitude -180..180, latitude -85..85, zoom 0..20".into()),
        _ => Err("expected LON,LAT,ZOOM, e.g. 114.9,38.4,9".into()),
    }
}

/// Parses a date in any form the data takes; its first possible day.
fn parse_date(s: &str) -> Result<i32, String> {
    s.parse::<chronoatlas::model::HistDate>()
        .map(|d| d.earliest())
        .map_err(|e| e.to_string())
}

fn parse_columns(s: &str) -> Result<chronoatlas::io::points::ColumnChoice, String> {
    s.parse()
}

fn load(path: Option<&PathBuf>, columns: Option<&chronoatlas::io::points::ColumnChoice>) -> Loaded {
    match path {
        Some(p) => io::load_path_using(
            p,
            &columns.cloned().unwrap_or_default(),
            &std::sync::atomic::AtomicU64::new(0),
        ),
        None => io::load_bundled(),
    }
}

fn validate(path: Option<&PathBuf>, columns: Option<&chronoatlas::io::points::ColumnChoice>) -> ExitCode {
    let loaded = load(path, columns);
    let ds = &loaded.dataset;
    // The load report: which column was read as what.
    for note in &ds.read_notes {
        println!("{}", note.text);
    }
    let mut err = std::io::stderr().lock();
    for p in &loaded.problems {
        let _ = writeln!(err, "{p}");
    }
    let (errors, warnings) = problem::count(&loaded.problems);
    let name = if ds.name.is_empty() {
        path.map(|p| p.display().to_string()).unwrap_or_default()
    } else {
        ds.name.clone()
    };
    let quotes = if ds.sources.is_empty() {
        "no source text, quotes not checked".to_string()
    } else {
        format!("quotes checked against {} source text(s)", ds.sources.len())
    };
    let summary = format!(
        "{name}: {} events, {} places, {} lines, {} units, {} tours; {quotes}; {errors} error(s), {warnings} warning(s)",
        ds.event_count(),
        ds.places.len() + ds.points.len(),
        ds.lines.len(),
        ds.units.len(),
        ds.tours.len(),
    );
    if errors == 0 {
        println!("valid: {summary}");
        ExitCode::SUCCESS
    } else {
        let _ = writeln!(err, "invalid: {summary}");
        ExitCode::FAILURE
    }
}

fn table(
    path: Option<&PathBuf>,
    columns: Option<&chronoatlas::io::points::ColumnChoice>,
    format: Format,
    bom: bool,
) -> ExitCode {
    let loaded = load(path, columns);
    let mut err = std::io::stderr().lock();
    if !loaded.is_valid() {
        for p in loaded.errors() {
            let _ = writeln!(err, "{p}");
        }
        let _ = writeln!(
            err,
            "not writing a table from invalid data: run `chronoatlas validate` for details"
        );
        return ExitCode::FAILURE;
    }
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = match format {
        Format::Csv => io::export::csv::write(&loaded.dataset, out, bom).map_err(|e| e.to_string()),
        Format::Geojson => io::export::geojson::write(&loaded.dataset, out).map_err(|e| e.to_string()),
        Format::Kml => io::export::kml::write(&loaded.dataset, out, &|k| {
            let c = chronoatlas::ui::theme::kind_style(k).0;
            [c.r(), c.g(), c.b()]
        })
        .map_err(|e| e.to_string()),
        Format::Lpf => io::export::lpf::write(&loaded.dataset, out).map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(e) if e.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "cannot write the table: {e}");
            ExitCode::FAILURE
        }
    }
}

fn export_options(cli: &Cli, f: &FrameArgs) -> ExportOptions {
    ExportOptions {
        columns: cli.columns.clone().unwrap_or_default(),
        width: f.size.0,
        height: f.size.1,
        view: if f.fit { None } else { cli.view },
        lang: lang_of(cli.lang).unwrap_or(Lang::Zh),
        mode: match f.mode {
            ModeArg::Cumulative => ModeSetting::Cumulative,
            ModeArg::Window => ModeSetting::Window {
                width_days: f.window.max(1),
            },
        },
        data: cli.data.clone(),
        renderer: match f.renderer {
            RendererArg::Cpu => Renderer::Cpu,
            RendererArg::Gpu => Renderer::Gpu,
        },
        points: match f.points {
            PointsArg::Auto => PointStyle::Auto,
            PointsArg::Dots => PointStyle::Dots,
            PointsArg::Hexagons => PointStyle::Hexagons,
        },
    }
}

fn lang_of(l: Option<LangArg>) -> Option<Lang> {
    l.map(|l| match l {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
        LangArg::Both => Lang::Both,
    })
}

fn render(cli: &Cli, at: i32, out: &std::path::Path, f: &FrameArgs) -> ExitCode {
    if let Err(e) = interrupt::install() {
        eprintln!("chronoatlas render: note: {e}");
    }
    let result = Exporter::new(&export_options(cli, f))
        .and_then(|mut ex| {
            let span = (ex.app.ex.clock().start(), ex.app.ex.clock().end());
            if let Some(note) = chronoatlas::render::frame::outside_data(at, span) {
                eprintln!("chronoatlas render: note: {note}");
            }
            ex.frame_at(f64::from(at))
        })
        .and_then(|img| {
            if let Some(stop) = stopped_early() {
                return Err(stop);
            }
            for note in partials::remove_stale(out) {
                eprintln!("chronoatlas render: note: {note}");
            }
            output::write_png(out, &img, f.force)
        });
    match (result, interrupt::asked()) {
        // A signal during the (atomic) write: the file is whole.
        (Ok(()), _) => {
            println!("wrote {}", out.display());
            ExitCode::SUCCESS
        }
        (Err(_), Some(sig)) => {
            let (name, code) = interrupt::described(sig);
            eprintln!(
                "chronoatlas render: stopped by {name}; {} was not written",
                out.display()
            );
            ExitCode::from(code)
        }
        (Err(e), None) => {
            eprintln!("chronoatlas render: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The message of a signal that asked the export to stop, if one did.
fn stopped_early() -> Option<String> {
    interrupt::asked().map(|sig| format!("stopped by {}", interrupt::described(sig).0))
}

/// One line of progress on stderr: frames done, rate, time left.
fn progress(done: usize, total: usize, started: std::time::Instant) {
    let secs = started.elapsed().as_secs_f64().max(1e-3);
    let rate = done as f64 / secs;
    let left = if rate > 0.0 {
        (total - done) as f64 / rate
    } else {
        0.0
    };
    let width = 30;
    let filled = width * done / total.max(1);
    let _ = write!(
        std::io::stderr(),
        "\r[{}{}] {done}/{total} frames, {rate:.1} fps, {left:.0} s left ",
        "#".repeat(filled),
        "-".repeat(width - filled)
    );
}

fn timelapse(cli: &Cli, cmd: &Command) -> ExitCode {
    let Command::Timelapse {
        from,
        to,
        frames,
        step,
        out,
        fps,
        tour,
        stats,
        frame,
    } = cmd
    else {
        return ExitCode::FAILURE;
    };
    let fail = |e: String| {
        eprintln!("\nchronoatlas timelapse: {e}");
        ExitCode::FAILURE
    };
    if !(fps.is_finite() && *fps > 0.0 && *fps <= 120.0) {
        return fail(format!("--fps {fps} must be between 0 and 120"));
    }
    let mut exporter = match Exporter::new(&export_options(cli, frame)) {
        Ok(e) => e,
        Err(e) => return fail(e),
    };
    exporter.set_frame_secs(1.0 / fps);
    // Either a tour (its steps' durations at fps) or a schedule of dates.
    let days: Vec<Option<f64>> = match tour {
        Some(name) => {
            let Some(i) = exporter.app.ex.ds().tours.iter().position(|t| &t.id == name) else {
                return fail(format!("no tour named '{name}'"));
            };
            let secs: f64 = exporter.app.ex.ds().tours[i]
                .steps
                .iter()
                .map(|s| s.duration_secs.unwrap_or(5.0))
                .sum();
            exporter.app.apply(AppCommand::Tour(TourCommand::Open(i)));
            if let Some(t) = exporter.app.tour.as_mut() {
                t.auto_advance = true;
            }
            let n = (secs * fps).ceil();
            if n > f64::from(schedule::MAX_FRAMES) {
                return fail(format!(
                    "the tour '{name}' lasts {secs:.0} s: {n:.0} frames at {fps} fps, too many (at most {})",
                    schedule::MAX_FRAMES
                ));
            }
            vec![None; n as usize]
        }
        None => match from
            .ok_or_else(|| "give --from DATE (or --tour NAME)".to_string())
            .and_then(|from| schedule::schedule(from, *to, *frames, *step))
        {
            Ok(d) => d.into_iter().map(Some).collect(),
            Err(e) => return fail(e),
        },
    };
    let span = (exporter.app.ex.clock().start(), exporter.app.ex.clock().end());
    let ends = [days.first(), days.last()].map(|d| d.copied().flatten().map(|d| d.floor() as i32));
    for note in ends
        .into_iter()
        .flatten()
        .filter_map(|d| chronoatlas::render::frame::outside_data(d, span))
    {
        eprintln!("chronoatlas timelapse: note: {note}");
    }
    if let Err(e) = interrupt::install() {
        eprintln!("chronoatlas timelapse: note: {e}");
    }
    let sink = match output::Sink::open(out, frame.size, *fps, frame.force) {
        Ok((s, notes)) => {
            for note in notes {
                eprintln!("chronoatlas timelapse: note: {note}");
            }
            output::BackgroundSink::new(s)
        }
        Err(e) => return fail(e),
    };
    let is_folder = out.is_dir();
    let started = std::time::Instant::now();
    let mut frame_secs = Vec::with_capacity(days.len());
    let mut visible = Vec::with_capacity(days.len());
    let mut shown_days = Vec::with_capacity(days.len());
    let mut views = Vec::with_capacity(days.len());
    let mut last = started;
    let each = |i: usize, ex: &Exporter| {
        visible.push(ex.app.ex.shown().len());
        if *stats {
            shown_days.push(chronoatlas::model::date::format_iso(ex.app.ex.day()));
            let View { lon, lat, zoom } = ex.app.camera_now();
            let r = |v: f64| (v * 1e5).round() / 1e5;
            views.push([r(lon), r(lat), r(zoom)]);
        }
        frame_secs.push(last.elapsed().as_secs_f64());
        last = std::time::Instant::now();
        progress(i + 1, days.len(), started);
    };
    let stop = || interrupt::asked().is_some();
    let result = match timelapse::write_all(&mut exporter, &days, sink, stop, each) {
        Err(Stopped::Asked { frames }) => {
            let (name, code) = interrupt::asked().map_or(("a signal", 1), interrupt::described);
            let kept = if is_folder {
                format!("the frames written so far stay in {}", out.display())
            } else {
                format!(
                    "{} was not written and its partial file is removed",
                    out.display()
                )
            };
            eprintln!("\nchronoatlas timelapse: stopped by {name} after {frames} frames; {kept}");
            return ExitCode::from(code);
        }
        other => other.map_err(|e| match e {
            Stopped::Failed(e) => e,
            Stopped::Asked { .. } => String::new(),
        }),
    };
    let total = started.elapsed().as_secs_f64();
    match result {
        Ok(path) => {
            eprintln!();
            println!("wrote {} frames to {}", days.len(), path.display());
            if *stats {
                let s = &exporter.stats;
                let per = |x: f64| 1e3 * x / f64::from(s.frames.max(1));
                frame_secs.sort_by(f64::total_cmp);
                let median = frame_secs.get(frame_secs.len() / 2).copied().unwrap_or(0.0);
                let line = serde_json::json!({
                    "tool": "chronoatlas",
                    "events": exporter.app.ex.ds().event_count(),
                    "frames": days.len(),
                    "size": format!("{}x{}", frame.size.0, frame.size.1),
                    "export_s": (total * 1e3).round() / 1e3,
                    "frame_ms_median": (median * 1e5).round() / 1e2,
                    "passes_per_frame": f64::from(s.passes) / f64::from(s.frames.max(1)),
                    "app_ms": (per(s.app_secs) * 100.0).round() / 100.0,
                    "tessellate_ms": (per(s.tessellate_secs) * 100.0).round() / 100.0,
                    "raster_ms": (per(s.raster_secs) * 100.0).round() / 100.0,
                    // What is not drawing: handing frames to the encoders.
                    "write_ms": (per(total - s.app_secs - s.tessellate_secs - s.raster_secs).max(0.0) * 100.0).round() / 100.0,
                    "visible": visible,
                    "days": shown_days,
                    "views": views,
                });
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// The kiosk's configuration, checked with the data before a window opens;
/// `--check` stops here. A kiosk never starts unlocked on a configuration
/// it cannot read (exit 2). Data that cannot be read does not stop it: the
/// window says "temporarily unavailable" and tries again.
fn kiosk_start(cli: &Cli) -> Result<Option<KioskConfig>, ExitCode> {
    use chronoatlas::mode::kiosk_check;
    let Some(path) = cli.kiosk.as_deref() else {
        return Ok(None);
    };
    let fail = if cli.check {
        ExitCode::FAILURE
    } else {
        ExitCode::from(2)
    };
    let path = (!path.is_empty()).then(|| std::path::Path::new(path));
    let config = match kiosk_check::read_config(path) {
        Ok(c) => c,
        Err(problem) => {
            eprintln!("{problem}");
            eprintln!("the kiosk does not start with a config it cannot read");
            return Err(fail);
        }
    };
    let mut problems = kiosk_check::start_problems(&config, matches!(cli.basemap, BasemapArg::Osm));
    let loaded = load(cli.data.as_ref(), cli.columns.as_ref());
    let data = kiosk_check::data_problems(&config, &loaded);
    let unreadable = loaded.dataset.event_count() == 0;
    if cli.check || !unreadable {
        problems.extend(data);
    } else {
        for p in &data {
            log::warn!("{p}");
        }
    }
    for p in &problems {
        eprintln!("{p}");
    }
    if !problems.is_empty() {
        eprintln!("the kiosk does not start");
        return Err(fail);
    }
    if cli.check {
        println!("{}", kiosk_check::summary(&config, &loaded));
        return Err(ExitCode::SUCCESS);
    }
    Ok(Some(config))
}

fn new_dataset(dir: PathBuf, text: PathBuf, title: Option<String>, lang: Option<LangArg>) -> ExitCode {
    let req = chronoatlas::io::new_dataset::NewDataset {
        dir: dir.clone(),
        text,
        title,
        lang: match lang {
            Some(LangArg::Zh) => Some("zh".into()),
            Some(LangArg::En) => Some("en".into()),
            _ => None,
        },
    };
    match chronoatlas::io::new_dataset::make(&req) {
        Ok(made) => {
            let text = std::fs::read_to_string(dir.join(&made.source)).unwrap_or_default();
            let missing = chronoatlas::ui::fonts::missing_glyphs(&text);
            if !missing.is_empty() {
                let some: String = missing.iter().take(12).collect();
                eprintln!(
                    "chronoatlas new: {} distinct characters of the text are not in the bundled font and show as boxes in the window (e.g. {some}); the data keeps them",
                    missing.len()
                );
            }
            let enc = made
                .encoding
                .map(|e| format!(", read as {e}"))
                .unwrap_or_default();
            println!(
                "made {}: {} ({} characters, {}{enc}); open it with: chronoatlas --data {} --edit",
                dir.display(),
                made.source.display(),
                made.chars,
                made.lang,
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(p) => {
            eprintln!("chronoatlas new: {p}");
            ExitCode::FAILURE
        }
    }
}

fn suggest(path: &std::path::Path) -> ExitCode {
    match chronoatlas::suggest::for_path(path) {
        Ok((tsv, notes)) => {
            for n in notes {
                eprintln!("chronoatlas suggest: {n}");
            }
            // A closed pipe (`| head`) ends the output quietly, never a panic.
            let mut out = std::io::stdout().lock();
            match out.write_all(tsv.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("chronoatlas suggest: cannot write: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(p) => {
            eprintln!("chronoatlas suggest: {p}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_none() && !cli.check {
        // The window's log: stderr, and for a kiosk a rotated file too.
        let file = cli
            .kiosk
            .as_ref()
            .and_then(|_| chronoatlas::os::log::kiosk_log_path());
        if let Ok(Some(f)) = chronoatlas::os::log::init(file) {
            log::info!(
                "chronoatlas {} (kiosk), logging to {}",
                env!("CARGO_PKG_VERSION"),
                f.display()
            );
        }
    }
    if let Some(Command::Render { at, out, frame }) = &cli.command {
        return render(&cli, *at, out, frame);
    }
    if let Some(cmd @ Command::Timelapse { .. }) = &cli.command {
        return timelapse(&cli, cmd);
    }
    match cli.command {
        Some(Command::Validate { path }) => {
            validate(path.as_ref().or(cli.data.as_ref()), cli.columns.as_ref())
        }
        Some(Command::Table { format, no_bom }) => {
            table(cli.data.as_ref(), cli.columns.as_ref(), format, !no_bom)
        }
        Some(Command::New { dir, text, title }) => new_dataset(dir, text, title, cli.lang),
        Some(Command::Suggest { path }) => suggest(&path),
        Some(Command::Render { .. } | Command::Timelapse { .. }) => ExitCode::FAILURE,
        None => {
            let kiosk = match kiosk_start(&cli) {
                Ok(k) => k,
                Err(code) => return code,
            };
            let options = AppOptions {
                columns: cli.columns.unwrap_or_default(),
                kiosk,
                data: cli.data,
                view: cli.view,
                date: cli.date,
                present: cli.present,
                basemap: match cli.basemap {
                    BasemapArg::Bundled => BasemapChoice::Bundled,
                    BasemapArg::Osm => BasemapChoice::Osm,
                },
                lang: cli.lang.map(|l| match l {
                    LangArg::Zh => Lang::Zh,
                    LangArg::En => Lang::En,
                    LangArg::Both => Lang::Both,
                }),
                edit: cli.edit,
            };
            match chronoatlas::app::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("chronoatlas: cannot open the window: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
