//! The hidden files an export writes before its output is complete
//! (`.NAME.partial-PID`), and the clean-up of what an earlier export left:
//! partial files of a process that no longer runs, and with `--force` the
//! frames of an earlier export in a frame folder.
use std::path::{Path, PathBuf};

const MARK: &str = ".partial-";

/// The temporary name a file is written under before it is complete.
pub fn partial_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}{MARK}{}", std::process::id()))
}

/// `frame_00001.png` ... as a frame folder holds them (five digits or more).
pub fn is_frame_name(name: &str) -> bool {
    name.strip_prefix("frame_")
        .and_then(|s| s.strip_suffix(".png"))
        .is_some_and(|n| n.len() >= 5 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a process with this id runs now. Where that cannot be known
/// (no `/proc`), every process is taken as running: nothing is removed.
fn running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || pid == std::process::id() || proc.join(pid.to_string()).exists()
}

/// Splits `.NAME.partial-PID` into NAME and PID.
fn parse_partial(file: &str) -> Option<(&str, u32)> {
    let rest = file.strip_prefix('.')?;
    let at = rest.rfind(MARK)?;
    let pid = rest[at + MARK.len()..].parse().ok()?;
    Some((&rest[..at], pid))
}

fn remove_stale_in(dir: &Path, mut wanted: impl FnMut(&str) -> bool) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut notes = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some((of, pid)) = name.to_str().and_then(parse_partial) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && wanted(of) && !running(pid) && std::fs::remove_file(entry.path()).is_ok() {
            notes.push(format!(
                "removed {}, left by an interrupted export (process {pid})",
                entry.path().display()
            ));
        }
    }
    notes.sort();
    notes
}

/// Removes the partial files an interrupted export of `out` left (their
/// process no longer runs); says what it removed.
pub fn remove_stale(out: &Path) -> Vec<String> {
    let Some(name) = out.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let dir = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    remove_stale_in(dir, |of| of == name)
}

/// Readies a frame folder: stale partial frames removed; the frames of an
/// earlier export refused, or with `force` removed, so that the folder
/// holds only this export's frames. Says what it removed.
pub fn prepare_frame_folder(dir: &Path, force: bool) -> Result<Vec<String>, String> {
    let mut notes = remove_stale_in(dir, is_frame_name);
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut earlier: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_name().to_str().is_some_and(is_frame_name))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .collect();
    if earlier.is_empty() {
        return Ok(notes);
    }
    earlier.sort();
    if !force {
        return Err(format!(
            "{} holds {} frames of an earlier export ({} ...); use --force to replace them",
            dir.display(),
            earlier.len(),
            earlier[0].display()
        ));
    }
    for f in &earlier {
        std::fs::remove_file(f).map_err(|e| format!("{}: {e}", f.display()))?;
    }
    notes.push(format!(
        "--force: removed the {} frames of an earlier export from {}",
        earlier.len(),
        dir.display()
    ));
    Ok(notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process id no system gives (Linux caps them at 2^22).
    const GONE: u32 = 4_194_304 + 17;

    #[test]
    fn names_are_read_back() {
        let p = partial_path(Path::new("/x/out.gif"));
        let name = p.file_name().unwrap().to_str().unwrap();
        assert_eq!(parse_partial(name), Some(("out.gif", std::process::id())));
        assert_eq!(parse_partial(".a.partial-x"), None);
        assert_eq!(parse_partial("a.partial-12"), None);
        assert!(is_frame_name("frame_00012.png") && is_frame_name("frame_100000.png"));
        assert!(!is_frame_name("frame_12.png") && !is_frame_name("frame_0001a.png"));
        assert!(!is_frame_name("my_frame_00001.png"));
    }

    #[test]
    fn only_partials_of_dead_processes_and_this_output_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let file = |n: &str| {
            let p = tmp.path().join(n);
            std::fs::write(&p, b"half").unwrap();
            p
        };
        let stale = file(&format!(".out.gif.partial-{GONE}"));
        let live = file(".out.gif.partial-1");
        let other = file(&format!(".other.gif.partial-{GONE}"));
        let notes = remove_stale(&tmp.path().join("out.gif"));
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("interrupted") && notes[0].contains(".out.gif.partial-"));
        assert!(!stale.exists(), "a dead process's partial is removed");
        assert!(live.exists(), "a running process's partial is kept");
        assert!(other.exists(), "another output's partial is kept");
    }

    #[test]
    fn a_frame_folder_is_refused_or_cleared() {
        let tmp = tempfile::tempdir().unwrap();
        for n in 1..=4 {
            std::fs::write(tmp.path().join(format!("frame_{n:05}.png")), b"old").unwrap();
        }
        std::fs::write(tmp.path().join(format!(".frame_00005.png.partial-{GONE}")), b"").unwrap();
        std::fs::write(tmp.path().join("notes.txt"), b"mine").unwrap();
        let refused = prepare_frame_folder(tmp.path(), false).unwrap_err();
        assert!(
            refused.contains("4 frames") && refused.contains("--force"),
            "{refused}"
        );
        let notes = prepare_frame_folder(tmp.path(), true).unwrap();
        assert_eq!(
            notes.len(),
            1,
            "the stale partial went with the refusal: {notes:?}"
        );
        assert!(notes[0].contains("removed the 4 frames"), "{notes:?}");
        let left: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(left, ["notes.txt"], "only the export's own files are removed");
    }
}
