//! The command line: thin; it parses arguments and calls the library.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use chronoatlas::app::AppOptions;
use chronoatlas::io::{self, Loaded, problem};
use chronoatlas::map::basemap::BasemapChoice;
use chronoatlas::mode::kiosk::KioskConfig;
use chronoatlas::model::Lang;

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
    /// The base map: the bundled offline map (default) or OpenStreetMap tiles (needs a network).
    #[arg(long, value_enum, default_value_t = BasemapArg::Bundled)]
    basemap: BasemapArg,
    /// Open the map at LON,LAT,ZOOM (e.g. 114.9,38.4,9) instead of fitted to all events.
    #[arg(long, value_name = "LON,LAT,ZOOM", value_parser = parse_view)]
    view: Option<(f64, f64, f64)>,
    /// Presentation mode: fullscreen, a tour's steps with a clicker (default tour: story).
    #[arg(long, value_name = "TOUR", num_args = 0..=1, default_missing_value = "")]
    present: Option<String>,
    /// Museum kiosk: fullscreen and locked, attract loop, idle reset (CONFIG: a kiosk.toml).
    #[arg(long, value_name = "CONFIG", num_args = 0..=1, default_missing_value = "")]
    kiosk: Option<String>,
    /// Open at this date (e.g. 1937-11-08 or 1937年冬; its first day).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<i32>,
    /// The language shown: zh (中文), en (English) or both (default: as last time).
    #[arg(long, value_enum)]
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
    /// Write the resolved event table (one row per event and place) to stdout.
    Table {
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
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
    Csv,
    Geojson,
}

/// Parses `LON,LAT,ZOOM`.
fn parse_view(s: &str) -> Result<(f64, f64, f64), String> {
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
            Ok((*lon, *lat, *zoom))
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

fn load(path: Option<&PathBuf>) -> Loaded {
    match path {
        Some(p) => io::load_path(p),
        None => io::load_bundled(),
    }
}

fn validate(path: Option<&PathBuf>) -> ExitCode {
    let loaded = load(path);
    let ds = &loaded.dataset;
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
        ds.events.len(),
        ds.places.len(),
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

fn table(path: Option<&PathBuf>, format: Format) -> ExitCode {
    let loaded = load(path);
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
        Format::Csv => io::table::write_csv(&loaded.dataset, out).map_err(|e| e.to_string()),
        Format::Geojson => io::table::write_geojson(&loaded.dataset, out).map_err(|e| e.to_string()),
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Validate { path }) => validate(path.as_ref().or(cli.data.as_ref())),
        Some(Command::Table { format }) => table(cli.data.as_ref(), format),
        None => {
            // A kiosk with a bad config refuses to start rather than start unlocked.
            let kiosk = match cli.kiosk.as_deref() {
                None => None,
                Some("") => Some(KioskConfig::default()),
                Some(p) => {
                    let p = std::path::Path::new(p);
                    let text = match std::fs::read_to_string(p) {
                        Ok(t) => t,
                        Err(e) => {
                            eprintln!("{}: cannot read the kiosk config: {e}", p.display());
                            return ExitCode::from(2);
                        }
                    };
                    match KioskConfig::parse(&p.display().to_string(), &text) {
                        Ok(c) => Some(c),
                        Err(problem) => {
                            eprintln!("{problem}");
                            eprintln!("the kiosk does not start with a config it cannot read");
                            return ExitCode::from(2);
                        }
                    }
                }
            };
            let options = AppOptions {
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
