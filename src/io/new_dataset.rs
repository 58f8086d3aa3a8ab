//! `chronoatlas new DIR --text FILE`: a dataset folder started from a text.
//! The text goes under `source/` as UTF-8 (read from UTF-8, UTF-16 or
//! GB18030), beside empty events, places and units files in the formats
//! of docs/DATA_FORMAT.md, the 1937 provinces of the whole country, and a
//! README saying where the text came from. Nothing is overwritten: the
//! folder must be new or empty.
use std::path::{Path, PathBuf};

use super::Problem;
use super::prose::read_prose;

/// What `new` was asked for.
#[derive(Debug, Clone)]
pub struct NewDataset {
    pub dir: PathBuf,
    pub text: PathBuf,
    pub title: Option<String>,
    /// `zh` or `en`; guessed from the text when not given.
    pub lang: Option<String>,
}

/// What `new` made.
#[derive(Debug, Clone, PartialEq)]
pub struct Made {
    pub source: PathBuf,
    pub chars: usize,
    /// When the text was not UTF-8: the encoding it was read in.
    pub encoding: Option<&'static str>,
    pub lang: String,
}

const EMPTY_EVENTS: &str = "{\n  \"type\": \"FeatureCollection\",\n  \"features\": []\n}\n";

/// `zh` when a tenth of the letters are Chinese, else `en`.
pub fn guess_lang(text: &str) -> &'static str {
    let (mut cjk, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c) {
            cjk += 1;
        }
    }
    if cjk * 10 >= letters.max(1) { "zh" } else { "en" }
}

/// A file name for the text under `source/`: its own stem, made safe.
fn source_name(text: &Path) -> String {
    let stem = text
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim_matches(['.', '_']).to_string();
    format!("{}.txt", if safe.is_empty() { "text" } else { &safe })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Problem> {
    crate::edit::write_atomic(path, bytes)
        .map_err(|e| Problem::error(path.display().to_string(), format!("cannot write: {e}")))
}

/// Makes the folder. Fails, writing nothing, when the folder has files or
/// the text cannot be read.
pub fn make(req: &NewDataset) -> Result<Made, Problem> {
    let shown = req.text.display().to_string();
    let bytes = super::files::read_limited(&req.text)?;
    let prose = read_prose(&shown, &bytes)?;
    let dir_shown = req.dir.display().to_string();
    if req.dir.exists() {
        let has_files = std::fs::read_dir(&req.dir)
            .map_err(|e| Problem::error(&dir_shown, format!("cannot list the folder: {e}")))?
            .next()
            .is_some();
        if has_files {
            return Err(Problem::error(
                &dir_shown,
                "the folder is not empty: `new` makes a new dataset and never writes over one (name a new folder)",
            ));
        }
    }
    let lang = req
        .lang
        .clone()
        .unwrap_or_else(|| guess_lang(&prose.text).to_string());
    if lang != "zh" && lang != "en" {
        return Err(Problem::error("--lang", format!("'{lang}' is not zh or en")));
    }
    let source = Path::new("source").join(source_name(&req.text));
    let mkdir = |p: &Path| {
        std::fs::create_dir_all(p)
            .map_err(|e| Problem::error(p.display().to_string(), format!("cannot make the folder: {e}")))
    };
    mkdir(&req.dir.join("source"))?;
    let text = prose.text.strip_prefix('\u{FEFF}').unwrap_or(&prose.text);
    write(&req.dir.join(&source), text.as_bytes())?;
    write(&req.dir.join(super::files::EVENTS), EMPTY_EVENTS.as_bytes())?;
    let places_header = super::load::PLACE_COLUMNS.join("\t") + "\n";
    write(&req.dir.join(super::files::PLACES), places_header.as_bytes())?;
    write(&req.dir.join("units.json"), b"[]\n")?;
    write(
        &req.dir.join("provinces_1937.tsv"),
        crate::gazetteer::PROVINCES_TSV.as_bytes(),
    )?;
    let title = req.title.clone().unwrap_or_else(|| {
        req.text
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    let encoding = prose
        .encoding
        .map(|e| format!(" It was read as {e} and is kept here as UTF-8."))
        .unwrap_or_default();
    let readme = format!(
        "# {title}\n\n\
         A chronoatlas dataset started from `{text_file}` (language: {lang}), copied to\n\
         `{source}`.{encoding}\n\n\
         - `events.geojson`, `places.tsv`, `units.json`: empty; add events in the app\n  \
           (`chronoatlas --data {dir} --edit`) or by hand (docs/DATA_FORMAT.md).\n\
         - `chronoatlas suggest {dir}` lists the places, dates and sizes the text writes.\n\
         - `provinces_1937.tsv`: the provinces of 1937 (rough boxes), from the app's gazetteer\n  \
           (GeoNames, CC-BY 4.0).\n\n\
         Say here where the text comes from (author, title, edition, page) and under what licence.\n",
        text_file = req.text.display(),
        source = source.display(),
        dir = req.dir.display(),
    );
    write(&req.dir.join("README.md"), readme.as_bytes())?;
    Ok(Made {
        source,
        chars: text.chars().count(),
        encoding: prose.encoding,
        lang,
    })
}
