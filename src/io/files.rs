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
        let meta = std::fs::metadata(dir).map_err(|e| Problem::error(&root, unreadable(dir, &e)))?;
        if !meta.is_dir() {
            return Err(Problem::error(root, "not a folder"));
        }
        if let Err(e) = std::fs::read_dir(dir) {
            let msg = match e.kind() {
                std::io::ErrorKind::PermissionDenied => {
                    "permission denied: chronoatlas may not open this folder (it needs read and execute \
                     permission, e.g. chmod u+rx)"
                        .to_string()
                }
                _ => format!("cannot list the folder: {e}"),
            };
            return Err(Problem::error(root, msg));
        }
        let mut set = FileSet {
            root,
            bundled: false,
            files: BTreeMap::new(),
        };
        for name in [PLACES, PROVINCES, LINES, UNITS, EVENTS] {
            // Whatever is there is read or refused with what it is; only
            // nothing at all is "missing".
            let path = dir.join(name);
            if something_at(&path) {
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

    /// Every file, by its name in the folder.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Puts in (or, with `None`, takes out) a file: an editor's text.
    pub fn set(&mut self, name: &str, bytes: Option<Vec<u8>>) {
        match bytes {
            Some(b) => {
                self.files.insert(name.to_string(), b);
            }
            None => {
                self.files.remove(name);
            }
        }
    }

    /// The name of a file as shown to the user.
    pub fn display(&self, name: &str) -> String {
        format!("{}/{}", self.root.trim_end_matches('/'), name)
    }

    /// Every file of the set, in name order.
    pub fn all(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.under("")
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

/// The first bytes of a file, read before the rest: a binary or UTF-16
/// file is known from them, without reading a gigabyte of it.
pub const FIRST_BLOCK: usize = 64 << 10;

/// Why `path` cannot be read, in words: what is there instead of a plain
/// file (a folder, a FIFO, a device), a link to nothing, no permission.
fn unreadable(path: &Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound if std::fs::symlink_metadata(path).is_ok() => {
            "a symbolic link to nothing (or a loop of links)".into()
        }
        ErrorKind::NotFound => "no such file or folder".into(),
        ErrorKind::PermissionDenied => "permission denied: chronoatlas may not read it".into(),
        _ if e.raw_os_error() == Some(40) => "a loop of symbolic links".into(),
        _ => format!("cannot read: {e}"),
    }
}

/// What a path that is not a regular file is.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Opens a regular file (following links) and gives its length. Anything
/// else (a FIFO that would block for ever, `/dev/zero` that never ends, a
/// folder) is refused with what it is.
pub fn open_regular(path: &Path, shown: &str) -> Result<(std::fs::File, u64), Problem> {
    let meta = std::fs::metadata(path).map_err(|e| Problem::error(shown, unreadable(path, &e)))?;
    if !meta.is_file() {
        let msg = format!(
            "{}, not a file: chronoatlas reads only regular files",
            kind_of(&meta)
        );
        return Err(Problem::error(shown, msg));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(shown, meta.len()));
    }
    let f = std::fs::File::open(path).map_err(|e| Problem::error(shown, unreadable(path, &e)))?;
    Ok((f, meta.len()))
}

/// Reads a regular file of at most [`MAX_FILE_BYTES`] (counting the bytes
/// actually read, not only the size the file reports). A file whose first
/// block holds a NUL byte is binary or UTF-16: only that block is read,
/// for the decoder to say which.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, Problem> {
    use std::io::Read;
    let shown = path.display().to_string();
    let (f, len) = open_regular(path, &shown)?;
    let cannot = |e: std::io::Error| Problem::error(&shown, format!("cannot read: {e}"));
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).min(MAX_FILE_BYTES as usize));
    let mut f = f.take(MAX_FILE_BYTES + 1);
    (&mut f)
        .take(FIRST_BLOCK as u64)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.contains(&0) {
        return Ok(bytes);
    }
    f.read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(&shown, bytes.len() as u64));
    }
    Ok(bytes)
}

/// Whether something (a file, a folder, a FIFO, a broken link) is at `path`.
/// Whether anything is at `path`: only "not found" is nothing; a path that
/// cannot even be looked at (permission denied) is something, to be
/// reported as what it is, not as missing.
fn something_at(path: &Path) -> bool {
    present(&std::fs::symlink_metadata(path))
}

fn present(found: &std::io::Result<std::fs::Metadata>) -> bool {
    !matches!(found, Err(e) if e.kind() == std::io::ErrorKind::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    #[test]
    fn only_not_found_is_missing() {
        assert!(!present(&Err(Error::from(ErrorKind::NotFound))));
        assert!(present(&Err(Error::from(ErrorKind::PermissionDenied))));
        assert!(present(&std::fs::symlink_metadata(".")));
    }
}
