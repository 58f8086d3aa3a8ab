//! Exports stopped by Ctrl-C or a kill leave no hidden partial files; what
//! an earlier, killed export left is removed by the next one; `--force` on
//! a frame folder leaves only the new export's frames.
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A process id no Linux system gives (they are capped at 2^22).
const GONE: u32 = 4_194_304 + 99;

fn chronoatlas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(args)
        .output()
        .unwrap()
}

/// A time-lapse far too long to finish before it is stopped.
fn start_long_timelapse(out: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args([
            "timelapse",
            "--from",
            "1937-07-07",
            "--to",
            "1941-12-31",
            "--frames",
            "20000",
            "--size",
            "160x120",
            "--out",
            out,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

/// Waits (a generous bound, not a measurement) until `ready` holds.
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let until = Instant::now() + Duration::from_secs(180);
    while !ready() {
        assert!(Instant::now() < until, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn signal(child: &Child, sig: &str) {
    // The shell's own `kill`: present wherever `sh` is.
    let status = Command::new("sh")
        .args(["-c", &format!("kill -s {sig} {}", child.id())])
        .status()
        .unwrap();
    assert!(status.success());
}

fn stop(child: Child, sig: &str) -> Output {
    signal(&child, sig);
    child.wait_with_output().unwrap()
}

#[test]
fn ctrl_c_or_a_kill_during_a_gif_or_mp4_leaves_neither_file_nor_partial() {
    let mut cases = vec![("INT", "a.gif", 130), ("TERM", "b.gif", 143)];
    // MP4 where ffmpeg is at hand (CI installs it).
    if chronoatlas::render::output::on_path("ffmpeg").is_some() {
        cases.push(("INT", "c.mp4", 130));
    }
    for (sig, name, code) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join(name);
        let child = start_long_timelapse(out.to_str().unwrap());
        // The partial file is there from the start; let frames go into it.
        wait_for("the partial file", || {
            names(tmp.path()).iter().any(|n| n.contains(".partial-"))
        });
        std::thread::sleep(Duration::from_millis(1500));
        let o = stop(child, sig);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(code), "SIG{sig} on {name}: {err}");
        assert!(err.contains("stopped by SIG"), "{err}");
        assert_eq!(
            names(tmp.path()),
            Vec::<String>::new(),
            "SIG{sig} on {name}: {err}"
        );
    }
}

#[test]
fn a_kill_during_a_frame_folder_keeps_whole_frames_only() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("frames");
    let child = start_long_timelapse(&format!("{}/", dir.display()));
    wait_for("three frames", || dir.join("frame_00003.png").exists());
    let o = stop(child, "TERM");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(143), "{err}");
    assert!(err.contains("frames written so far stay"), "{err}");
    let left = names(&dir);
    assert!(left.len() >= 3, "{left:?}");
    assert!(left.iter().all(|n| n.starts_with("frame_")), "{left:?}");
    for n in &left {
        let size = image::image_dimensions(dir.join(n));
        assert_eq!(size.ok(), Some((160, 120)), "{n} is a whole PNG");
    }
}

#[test]
fn partials_a_killed_export_left_are_removed_by_the_next_one() {
    let tmp = tempfile::tempdir().unwrap();
    let touch = |n: &str| -> PathBuf {
        let p = tmp.path().join(n);
        std::fs::write(&p, vec![0u8; 4096]).unwrap();
        p
    };
    let stale = touch(&format!(".spread.gif.partial-{GONE}"));
    // Process 1 always runs: its partial may be another export in progress.
    let running = touch(".spread.gif.partial-1");
    let other = touch(&format!(".other.gif.partial-{GONE}"));
    let out = tmp.path().join("spread.gif");
    let o = chronoatlas(&[
        "timelapse",
        "--from",
        "1937-07-07",
        "--frames",
        "2",
        "--step",
        "30",
        "--size",
        "160x120",
        "--out",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("left by an interrupted export"), "{err}");
    assert!(!stale.exists() && running.exists() && other.exists());
    assert!(out.exists());

    // A still, too.
    let stale = touch(&format!(".still.png.partial-{GONE}"));
    let still = tmp.path().join("still.png");
    let o = chronoatlas(&[
        "render",
        "--at",
        "1938-01-01",
        "--size",
        "160x120",
        "--out",
        still.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!stale.exists() && still.exists());
}

#[test]
fn force_on_a_frame_folder_leaves_only_the_new_frames() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("frames");
    let dir_arg = format!("{}/", dir.display());
    let frames = |n: &str, force: bool| {
        let mut args = vec![
            "timelapse",
            "--from",
            "1937-07-07",
            "--to",
            "1940-01-01",
            "--frames",
            n,
            "--size",
            "160x120",
            "--out",
            &dir_arg,
        ];
        if force {
            args.push("--force");
        }
        chronoatlas(&args)
    };
    assert!(frames("5", false).status.success());
    std::fs::write(dir.join("README.txt"), "the curator's own file").unwrap();
    let o = frames("3", true);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("removed the 5 frames of an earlier export"), "{err}");
    assert_eq!(
        names(&dir),
        [
            "README.txt",
            "frame_00001.png",
            "frame_00002.png",
            "frame_00003.png"
        ]
    );
}

/// Runs chronoatlas with a limit on the size of any file it writes (as a
/// full disk would stop it), through the shell's `ulimit -f` (blocks of 512
/// or 1024 bytes); SIGXFSZ is ignored, so the write fails with an error.
fn with_file_limit(blocks: u32, args: &[&str]) -> Output {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let script = format!(
        "trap '' XFSZ; ulimit -f {blocks} && exec '{}' {}",
        env!("CARGO_BIN_EXE_chronoatlas"),
        quoted.join(" ")
    );
    Command::new("sh").args(["-c", &script]).output().unwrap()
}

#[test]
fn a_write_that_fails_names_the_file_and_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let png = tmp.path().join("still.png");
    let gif = tmp.path().join("spread.gif");
    let frames = tmp.path().join("frames");
    let frames_arg = format!("{}/", frames.display());
    let common = ["--size", "640x400"];
    // What the error names: the file (for frames, whichever frame failed
    // first: they are written in parallel).
    let frame_prefix = frames.join("frame_0").display().to_string();
    let runs: [(Vec<&str>, String); 3] = [
        (
            vec!["render", "--at", "1938-01-01", "--out", png.to_str().unwrap()],
            png.display().to_string(),
        ),
        (
            vec![
                "timelapse",
                "--from",
                "1937-07-07",
                "--frames",
                "20",
                "--step",
                "30",
                "--out",
                gif.to_str().unwrap(),
            ],
            gif.display().to_string(),
        ),
        (
            vec![
                "timelapse",
                "--from",
                "1937-07-07",
                "--frames",
                "3",
                "--step",
                "30",
                "--out",
                &frames_arg,
            ],
            frame_prefix,
        ),
    ];
    for (mut args, named) in runs {
        args.extend(common);
        let o = with_file_limit(16, &args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        let line = err.lines().last().unwrap_or("");
        let (file, why) = line
            .split_once(": the file is larger than this system allows")
            .unwrap_or_default();
        assert!(file.contains(&named) && !why.is_empty(), "{args:?}: {err}");
    }
    assert_eq!(names(tmp.path()), ["frames"], "no file and no partial left");
    assert_eq!(names(&frames), Vec::<String>::new());
}
