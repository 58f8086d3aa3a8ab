//! The kiosk in a real X window (Xvfb), started as a museum's PC starts it:
//! nobody touching, the pointer resting where the window appears (the X
//! server sends its first motion, which kittest never does), under a fake
//! systemd that listens for READY, STATUS and WATCHDOG messages.
//!
//! Needs Debian's xvfb; CI installs it and sets CHRONOATLAS_REQUIRE_XVFB so
//! that this test cannot pass by absence.
use std::os::unix::net::UnixDatagram;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A free display number and its Xvfb, or None without Xvfb.
fn xvfb() -> Option<(String, Killed)> {
    let which = Command::new("sh").args(["-c", "command -v Xvfb"]).output().ok()?;
    if !which.status.success() {
        return None;
    }
    let mut n = 140 + std::process::id() % 100;
    while std::path::Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
        || std::path::Path::new(&format!("/tmp/.X{n}-lock")).exists()
    {
        n += 1;
    }
    let display = format!(":{n}");
    let child = Command::new("Xvfb")
        .args([
            display.as_str(),
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let guard = Killed(child);
    let socket = format!("/tmp/.X11-unix/X{n}");
    let t = Instant::now();
    while !std::path::Path::new(&socket).exists() {
        assert!(t.elapsed() < Duration::from_secs(20), "Xvfb did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some((display, guard))
}

#[test]
fn a_kiosk_started_alone_plays_its_attract_loop_and_feeds_the_watchdog() {
    let Some((display, _x)) = xvfb() else {
        assert!(
            std::env::var_os("CHRONOATLAS_REQUIRE_XVFB").is_none(),
            "Xvfb not on the PATH"
        );
        eprintln!("note: no Xvfb here; the real-window kiosk test did not run");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let notify = tmp.path().join("notify");
    let rx = UnixDatagram::bind(&notify).unwrap();
    rx.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    let runtime = tmp.path().join("run");
    std::fs::create_dir(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let started = Instant::now();
    let app = Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .arg("--kiosk")
        .env("DISPLAY", &display)
        .env_remove("WAYLAND_DISPLAY")
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("HOME", tmp.path())
        .env("XDG_STATE_HOME", tmp.path().join("state"))
        .env("NOTIFY_SOCKET", &notify)
        .env("WATCHDOG_USEC", "3000000")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut app = Killed(app);

    let (mut ready, mut watchdogs) = (None, 0);
    let mut attract: Vec<(Duration, String)> = Vec::new();
    let mut visitor = None;
    let mut buf = [0u8; 512];
    while started.elapsed() < Duration::from_secs(60) {
        if let Ok(Some(status)) = app.0.try_wait() {
            panic!("the kiosk exited ({status}) before its attract loop was seen");
        }
        let Ok(n) = rx.recv(&mut buf) else { continue };
        let msg = String::from_utf8_lossy(&buf[..n]).into_owned();
        let at = started.elapsed();
        match msg.as_str() {
            "READY=1" => ready = Some(at),
            "WATCHDOG=1" => watchdogs += 1,
            s if s.starts_with("STATUS=attract loop") => attract.push((at, s.to_string())),
            s if s.starts_with("STATUS=a visitor") => visitor = Some(s.to_string()),
            _ => {}
        }
        let moved = attract
            .iter()
            .map(|(_, s)| s)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        if moved >= 3 && watchdogs >= 2 {
            break;
        }
    }
    let ready = ready.expect("READY=1 sent when the first frame is drawn");
    assert_eq!(visitor, None, "the resting pointer was taken for a visitor");
    // The tour moves: three different statuses (step or date) within 15 s
    // of the window being up.
    let early: std::collections::BTreeSet<&String> = attract
        .iter()
        .filter(|(at, _)| *at <= ready + Duration::from_secs(15))
        .map(|(_, s)| s)
        .collect();
    assert!(early.len() >= 3, "the attract loop did not move: {attract:?}");
    assert!(watchdogs >= 2, "the watchdog was fed {watchdogs} times");
    // The kiosk's log file is there, with its first line.
    let log = std::fs::read_to_string(tmp.path().join("state/chronoatlas/kiosk.log")).unwrap_or_default();
    assert!(
        log.contains("chronoatlas") && log.contains("(kiosk)"),
        "log: {log}"
    );
    drop(app);
}
