//! Where an installed program finds its files, and where it keeps the
//! user's: by the platform's rules (XDG on Linux), never by the folder it
//! was compiled in (that only in debug builds, for `cargo run` and tests).
use std::path::{Path, PathBuf};

/// The base map's file name in an assets folder.
pub const BASEMAP_FILE: &str = "basemap.pmtiles";

/// What the search for the assets folder looks at.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// `$CHRONOATLAS_ASSETS`: when set, the only place looked at.
    pub env: Option<PathBuf>,
    /// The folder of the running executable.
    pub exe_dir: Option<PathBuf>,
    /// `$XDG_DATA_HOME` (else `~/.local/share`).
    pub data_home: Option<PathBuf>,
    /// `$XDG_DATA_DIRS` (else `/usr/local/share:/usr/share`).
    pub data_dirs: Vec<PathBuf>,
    /// The checkout the binary was compiled in (debug builds only).
    pub build_dir: Option<PathBuf>,
}

impl Search {
    /// From this process's environment and executable.
    pub fn here() -> Search {
        let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
        let home = std::env::home_dir();
        Search {
            env: var("CHRONOATLAS_ASSETS"),
            exe_dir: std::env::current_exe()
                .ok()
                .and_then(|e| e.parent().map(Path::to_path_buf)),
            data_home: var("XDG_DATA_HOME")
                .filter(|p| p.is_absolute())
                .or_else(|| home.map(|h| h.join(".local/share"))),
            data_dirs: std::env::var_os("XDG_DATA_DIRS")
                .filter(|v| !v.is_empty())
                .map(|v| std::env::split_paths(&v).filter(|p| p.is_absolute()).collect())
                .unwrap_or_else(|| vec![PathBuf::from("/usr/local/share"), PathBuf::from("/usr/share")]),
            build_dir: cfg!(debug_assertions)
                .then(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets")),
        }
    }

    /// The folders looked at, in order: `$CHRONOATLAS_ASSETS` alone when
    /// set; else `assets/` beside the executable (a portable folder), the
    /// user's own `$XDG_DATA_HOME/chronoatlas`, `../share/chronoatlas` from
    /// the executable (its install prefix: /usr/bin → /usr/share),
    /// `assets/` of the checkout when the executable is in its
    /// `target/release` or `target/debug`, `$XDG_DATA_DIRS`' `chronoatlas/`,
    /// and last, in debug builds, the folder compiled in.
    pub fn candidates(&self) -> Vec<PathBuf> {
        if let Some(env) = &self.env {
            return vec![env.clone()];
        }
        let mut out = Vec::new();
        if let Some(dir) = &self.exe_dir {
            out.push(dir.join("assets"));
        }
        out.extend(self.data_home.iter().map(|d| d.join("chronoatlas")));
        if let Some(dir) = &self.exe_dir {
            if let Some(prefix) = dir.parent() {
                out.push(prefix.join("share/chronoatlas"));
            }
            let in_target = dir.file_name().is_some_and(|n| n == "release" || n == "debug")
                && dir
                    .parent()
                    .and_then(Path::file_name)
                    .is_some_and(|n| n == "target");
            if in_target && let Some(checkout) = dir.ancestors().nth(2) {
                out.push(checkout.join("assets"));
            }
        }
        out.extend(self.data_dirs.iter().map(|d| d.join("chronoatlas")));
        out.extend(self.build_dir.clone());
        let mut seen = std::collections::HashSet::new();
        out.retain(|p| seen.insert(p.clone()));
        out
    }

    /// The first folder holding the base map, or every folder looked at.
    pub fn assets_dir(&self) -> Result<PathBuf, Vec<PathBuf>> {
        let looked = self.candidates();
        looked
            .iter()
            .find(|d| d.join(BASEMAP_FILE).is_file())
            .cloned()
            .ok_or(looked)
    }
}

/// Where the assets are for this process, or where it looked.
pub fn assets_dir() -> Result<PathBuf, Vec<PathBuf>> {
    Search::here().assets_dir()
}

/// "… not found in A, B or C (set CHRONOATLAS_ASSETS …)": what a user is
/// told when the base map is nowhere.
pub fn not_found(looked: &[PathBuf]) -> String {
    let places: Vec<String> = looked.iter().map(|p| p.display().to_string()).collect();
    format!(
        "the base map ({BASEMAP_FILE}) was not found; looked in: {} (set CHRONOATLAS_ASSETS to the folder that holds it)",
        places.join(", ")
    )
}

/// The user's state folder (logs): `$XDG_STATE_HOME`, else
/// `~/.local/state`; on Windows `%LOCALAPPDATA%`, on macOS
/// `~/Library/Application Support`.
pub fn state_dir() -> Option<PathBuf> {
    let var = |k: &str| std::env::var_os(k).map(PathBuf::from).filter(|p| p.is_absolute());
    if cfg!(windows) {
        return var("LOCALAPPDATA");
    }
    if cfg!(target_os = "macos") {
        return std::env::home_dir().map(|h| h.join("Library/Application Support"));
    }
    var("XDG_STATE_HOME").or_else(|| std::env::home_dir().map(|h| h.join(".local/state")))
}

/// The user's cache folder: `$XDG_CACHE_HOME`, else `~/.cache`; on
/// Windows `%LOCALAPPDATA%`, on macOS `~/Library/Caches`.
pub fn cache_dir() -> Option<PathBuf> {
    let var = |k: &str| std::env::var_os(k).map(PathBuf::from).filter(|p| p.is_absolute());
    if cfg!(windows) {
        return var("LOCALAPPDATA");
    }
    if cfg!(target_os = "macos") {
        return std::env::home_dir().map(|h| h.join("Library/Caches"));
    }
    var("XDG_CACHE_HOME").or_else(|| std::env::home_dir().map(|h| h.join(".cache")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_map(dir: &Path) -> PathBuf {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join(BASEMAP_FILE), b"x").unwrap();
        dir.to_path_buf()
    }

    #[test]
    fn an_installed_binary_finds_its_map_by_the_platforms_rules() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        // /usr/bin/chronoatlas with /usr/share/chronoatlas/.
        let usr_share = with_map(&root.join("usr/share/chronoatlas"));
        let installed = Search {
            exe_dir: Some(root.join("usr/bin")),
            data_home: Some(root.join("home/.local/share")),
            data_dirs: vec![root.join("usr/local/share"), root.join("usr/share")],
            ..Search::default()
        };
        assert_eq!(installed.assets_dir(), Ok(usr_share.clone()));
        // A user's own copy in $XDG_DATA_HOME comes before the system's.
        let mine = with_map(&root.join("home/.local/share/chronoatlas"));
        assert_eq!(installed.assets_dir(), Ok(mine));
        // A portable folder: assets beside the binary come first.
        let stick = with_map(&root.join("stick/chronoatlas/assets"));
        let portable = Search {
            exe_dir: Some(root.join("stick/chronoatlas")),
            ..installed.clone()
        };
        assert_eq!(portable.assets_dir(), Ok(stick));
        // CHRONOATLAS_ASSETS, when set, is the only place looked at.
        let pinned = Search {
            env: Some(root.join("nowhere")),
            ..portable
        };
        assert_eq!(pinned.assets_dir(), Err(vec![root.join("nowhere")]));
        assert!(not_found(&[root.join("nowhere")]).contains("nowhere"));
    }

    #[test]
    fn the_folder_compiled_in_is_looked_at_only_when_given() {
        let tmp = tempfile::tempdir().unwrap();
        let checkout = with_map(&tmp.path().join("src/chronoatlas/assets"));
        let release = Search {
            exe_dir: Some(tmp.path().join("home/.cargo/bin")),
            ..Search::default()
        };
        assert!(
            release.assets_dir().is_err(),
            "a release build never uses the build folder"
        );
        let debug = Search {
            build_dir: Some(checkout.clone()),
            ..release
        };
        assert_eq!(debug.assets_dir(), Ok(checkout));
        // Run from the checkout's target/release: its assets/.
        let from_target = Search {
            exe_dir: Some(tmp.path().join("src/chronoatlas/target/release")),
            ..Search::default()
        };
        assert_eq!(
            from_target.assets_dir(),
            Ok(tmp.path().join("src/chronoatlas/assets"))
        );
        assert_eq!(Search::here().build_dir.is_some(), cfg!(debug_assertions));
    }
}
