//! A log file that never fills the disk: when it would pass its size it is
//! renamed to `NAME.1` (`NAME.1` to `NAME.2`, and so on; the oldest is
//! dropped) and a new one begun. At most `(keep + 1) × max_bytes` on disk.
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct RotatingFile {
    path: PathBuf,
    max_bytes: u64,
    keep: u32,
    file: Option<File>,
    written: u64,
}

impl RotatingFile {
    /// Appends to `path` (made with its folder when missing). Fails only
    /// when the file cannot be opened.
    pub fn open(path: &Path, max_bytes: u64, keep: u32) -> std::io::Result<Self> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        let written = file.metadata().map_or(0, |m| m.len());
        Ok(RotatingFile {
            path: path.to_path_buf(),
            max_bytes: max_bytes.max(1),
            keep,
            file: Some(file),
            written,
        })
    }

    fn numbered(&self, n: u32) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(format!(".{n}"));
        PathBuf::from(name)
    }

    fn rotate(&mut self) {
        self.file = None;
        if self.keep == 0 {
            let _ = std::fs::remove_file(&self.path);
        } else {
            for n in (1..self.keep).rev() {
                let _ = std::fs::rename(self.numbered(n), self.numbered(n + 1));
            }
            let _ = std::fs::rename(&self.path, self.numbered(1));
        }
        self.file = OpenOptions::new().create(true).append(true).open(&self.path).ok();
        self.written = 0;
    }

    /// Writes one line (a newline added), rotating first when it would
    /// not fit. A line longer than the whole file is cut. Errors are
    /// swallowed: a full disk must not stop a kiosk.
    pub fn write_line(&mut self, line: &str) {
        let mut line = line;
        let room = usize::try_from(self.max_bytes.saturating_sub(1)).unwrap_or(usize::MAX);
        if line.len() > room {
            let mut cut = room;
            while !line.is_char_boundary(cut) {
                cut -= 1;
            }
            line = &line[..cut];
        }
        let n = line.len() as u64 + 1;
        if self.written + n > self.max_bytes {
            self.rotate();
        }
        if let Some(f) = &mut self.file
            && f.write_all(format!("{line}\n").as_bytes()).is_ok()
        {
            self.written += n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_stay_within_their_size_and_the_newest_lines_are_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("state/kiosk.log");
        let mut f = RotatingFile::open(&path, 200, 2).unwrap();
        for i in 0..1000 {
            f.write_line(&format!("line {i:04} of the log, some words"));
        }
        f.write_line(&"长".repeat(300));
        f.write_line("the last line");
        let mut names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["kiosk.log", "kiosk.log.1", "kiosk.log.2"]);
        for n in &names {
            let len = std::fs::metadata(path.parent().unwrap().join(n)).unwrap().len();
            assert!(len <= 200, "{n}: {len} bytes");
        }
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .ends_with("the last line\n")
        );
        // Reopened, it goes on where it was and keeps the cap.
        let mut f = RotatingFile::open(&path, 200, 2).unwrap();
        f.write_line("after a restart");
        assert!(std::fs::metadata(&path).unwrap().len() <= 200);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .ends_with("after a restart\n")
        );
    }
}
