//! A dataset's files, read from a folder or bundled into the binary.
use std::collections::BTreeMap;
use std::path::Path;

use super::Problem;

/// Names of the files of a dataset folder (see docs/DATA_FORMAT.md).
pub const PLACES: &str = "places.tsv";
pub const PROVINCES: &str = "provinces_1937.tsv";
pub const LINES: &str = "lines.json";
pub const UNITS: &str = "units.json";
pub const EVENTS: &str = "events.geojson";
pub const SOURCE_DIR: &str = "source";
pub const TOURS_DIR: &str = "tours";

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// The files of one dataset, by path relative to its folder.
#[derive(Debug, Clone, Default)]
pub struct FileSet {
    /// How the folder is shown in messages (`geodata`, or the user's path).
    pub root: String,
    /// Whether this is the copy compiled into the program.
    pub bundled: bool,
    files: BTreeMap<String, Vec<u8>>,
}

impl FileSet {
    /// The dataset compiled into the program (the repository's `geodata/`).
    pub fn bundled() -> Self {
        let mut files = BTreeMap::new();
        let mut add = |name: &str, bytes: &[u8]| {
            files.insert(name.to_string(), bytes.to_vec());
        };
        add(PLACES, include_bytes!("../../geodata/places.tsv"));
        add(PROVINCES, include_bytes!("../../geodata/provinces_1937.tsv"));
        add(LINES, include_bytes!("../../geodata/lines.json"));
        add(UNITS, include_bytes!("../../geodata/units.json"));
        add(EVENTS, include_bytes!("../../geodata/events.geojson"));
        add(
            "source/000_c067ff9c493143ab.txt",
            include_bytes!("../../geodata/source/000_c067ff9c493143ab.txt"),
        );
        add(
            "source/000_c067ff9c493143ab.en.tsv",
            include_bytes!("../../geodata/source/000_c067ff9c493143ab.en.tsv"),
        );
        add(
            "tours/story.json",
            include_bytes!("../../geodata/tours/story.json"),
        );
        FileSet {
            root: "geodata".into(),
            bundled: true,
            files,
        }
    }

    /// Reads a dataset folder: the known files and `source/*.txt`.
    /// A missing file is not an error here; the loader decides what it needs.
    pub fn from_dir(dir: &Path) -> Result<Self, Problem> {
        let root = dir.display().to_string();
        if !dir.is_dir() {
            return Err(Problem::error(root, "not a folder"));
        }
        let mut set = FileSet {
            root,
            bundled: false,
            files: BTreeMap::new(),
        };
        for name in [PLACES, PROVINCES, LINES, UNITS, EVENTS] {
            let path = dir.join(name);
            if path.is_file() {
                set.files.insert(name.to_string(), read_limited(&path)?);
            }
        }
        for (sub, ext) in [
            (SOURCE_DIR, ".txt"),
            (SOURCE_DIR, ".en.tsv"),
            (TOURS_DIR, ".json"),
        ] {
            set.read_subdir(dir, sub, ext)?;
        }
        Ok(set)
    }

    /// Reads the files of `dir/sub` whose names end with `ext`, in name order.
    fn read_subdir(&mut self, dir: &Path, sub: &str, ext: &str) -> Result<(), Problem> {
        let source_dir = dir.join(sub);
        if source_dir.is_dir() {
            let entries = std::fs::read_dir(&source_dir)
                .map_err(|e| Problem::error(source_dir.display().to_string(), format!("cannot list: {e}")))?;
            let mut names: Vec<String> = entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(ext))
                .collect();
            names.sort();
            for n in names {
                let bytes = read_limited(&source_dir.join(&n))?;
                self.files.insert(format!("{sub}/{n}"), bytes);
            }
        }
        Ok(())
    }

    /// A file set from memory (tests, dropped files).
    pub fn from_memory(root: &str, files: impl IntoIterator<Item = (String, Vec<u8>)>) -> Self {
        FileSet {
            root: root.to_string(),
            bundled: false,
            files: files.into_iter().collect(),
        }
    }

    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.files.get(name).map(Vec::as_slice)
    }

    /// The name of a file as shown to the user.
    pub fn display(&self, name: &str) -> String {
        format!("{}/{}", self.root.trim_end_matches('/'), name)
    }

    /// The source texts, in name order.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.under("source/").filter(|(n, _)| n.ends_with(".txt"))
    }

    /// The English paragraph summaries of a source text (`X.en.tsv` beside
    /// `X.txt`), with their file name.
    pub fn summaries_of(&self, source: &str) -> Option<(String, &[u8])> {
        let name = format!("{}.en.tsv", source.strip_suffix(".txt")?);
        let bytes = self.get(&name)?;
        Some((name, bytes))
    }

    /// The tour files, in name order.
    pub fn tours(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.under("tours/")
    }

    fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> {
        self.files
            .iter()
            .filter(move |(n, _)| n.starts_with(prefix))
            .map(|(n, b)| (n.as_str(), b.as_slice()))
    }
}

/// The problem of a file of `len` bytes, over [`MAX_FILE_BYTES`].
pub fn too_big(shown: &str, len: u64) -> Problem {
    Problem::error(
        shown,
        format!(
            "file is {} MB; the limit is {} MB",
            len >> 20,
            MAX_FILE_BYTES >> 20
        ),
    )
}

/// Reads a file, refusing ones too large to hold in memory.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, Problem> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Problem::error(&shown, format!("cannot read: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(&shown, meta.len()));
    }
    std::fs::read(path).map_err(|e| Problem::error(&shown, format!("cannot read: {e}")))
}
