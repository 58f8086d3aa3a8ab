//! The command line: thin; it parses arguments and calls the library.
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use chronoatlas::io::{self, Loaded, problem};

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
enum Format {
    Csv,
    Geojson,
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
        "{name}: {} events, {} places, {} lines, {} units; {quotes}; {errors} error(s), {warnings} warning(s)",
        ds.events.len(),
        ds.places.len(),
        ds.lines.len(),
        ds.units.len(),
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
            let loaded = load(cli.data.as_ref());
            let ds = &loaded.dataset;
            println!(
                "chronoatlas: loaded {} ({} events, {} places). The map window is not built yet; \
                 try `chronoatlas validate` or `chronoatlas table`.",
                ds.name,
                ds.events.len(),
                ds.places.len()
            );
            ExitCode::SUCCESS
        }
    }
}
