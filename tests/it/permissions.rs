//! Files and folders the user may not read are named as such, never as
//! "missing". Root reads everything, so as root the binary is run as the
//! unprivileged user `nobody` (util-linux's `setpriv`).
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .is_some_and(|l| l.split_whitespace().nth(1) == Some("0"))
    })
}

/// `chronoatlas validate PATH` as a user without special rights. As root,
/// a copy of the binary in `shared` (which `nobody` may enter) runs, since
/// the build folder may lie in a home `nobody` cannot enter.
fn validate_unprivileged(path: &Path, shared: &Path) -> Output {
    let bin = env!("CARGO_BIN_EXE_chronoatlas");
    let mut cmd = if is_root() {
        let copy = shared.join("chronoatlas");
        if !copy.exists() {
            std::fs::copy(bin, &copy).unwrap();
            chmod(&copy, 0o755);
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(copy);
        c
    } else {
        Command::new(bin)
    };
    cmd.arg("validate")
        .arg(path)
        .output()
        .expect("run setpriv (util-linux)")
}

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_folder_or_file_without_permission_is_named_not_missing() {
    let (tmp, dir) = super::cli::dataset_copy();
    // The temporary folder is the test user's own (0700): let others in.
    chmod(tmp.path(), 0o755);
    chmod(&dir, 0o000);
    let o = validate_unprivileged(&dir, tmp.path());
    chmod(&dir, 0o755);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("permission denied"), "{err}");
    assert!(!err.contains("missing"), "{err}");

    // A file inside a readable folder.
    for entry in std::fs::read_dir(&dir).unwrap() {
        chmod(&entry.unwrap().path(), 0o755);
    }
    chmod(&dir.join("events.geojson"), 0o000);
    let o = validate_unprivileged(&dir, tmp.path());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("events.geojson: permission denied"), "{err}");
    assert!(!err.contains("missing"), "{err}");
}
