//! systemd's service messages (sd_notify(3)) without libsystemd: one
//! datagram to `$NOTIFY_SOCKET` for "ready", the status line shown by
//! `systemctl status`, and the watchdog's "still alive", which the window
//! sends from its frame loop so that a hung window is restarted.
use std::os::unix::net::UnixDatagram;
use std::time::{Duration, Instant};

pub struct Notifier {
    socket: UnixDatagram,
    target: Target,
    watchdog: Option<Duration>,
    last_alive: Option<Instant>,
}

enum Target {
    Path(std::path::PathBuf),
    #[cfg(target_os = "linux")]
    Abstract(std::os::unix::net::SocketAddr),
}

impl Notifier {
    /// From the environment systemd gives a `Type=notify` service; None
    /// when not run so (or the socket cannot be used).
    pub fn from_env() -> Option<Notifier> {
        let socket = std::env::var("NOTIFY_SOCKET").ok()?;
        // The watchdog is ours only if meant for this process.
        let for_us = std::env::var("WATCHDOG_PID")
            .ok()
            .is_none_or(|p| p.trim() == std::process::id().to_string());
        let usec = std::env::var("WATCHDOG_USEC")
            .ok()
            .and_then(|u| u.trim().parse::<u64>().ok())
            .filter(|_| for_us);
        Self::new(&socket, usec)
    }

    /// To the socket at `socket` (a path, or `@name` for an abstract one),
    /// with a watchdog of `watchdog_usec` microseconds if any.
    pub fn new(socket: &str, watchdog_usec: Option<u64>) -> Option<Notifier> {
        let target = match socket.strip_prefix('@') {
            #[cfg(target_os = "linux")]
            Some(name) => {
                use std::os::linux::net::SocketAddrExt;
                Target::Abstract(std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes()).ok()?)
            }
            #[cfg(not(target_os = "linux"))]
            Some(_) => return None,
            None if socket.starts_with('/') => Target::Path(socket.into()),
            None => return None,
        };
        Some(Notifier {
            socket: UnixDatagram::unbound().ok()?,
            target,
            watchdog: watchdog_usec.filter(|&u| u > 0).map(Duration::from_micros),
            last_alive: None,
        })
    }

    fn send(&self, msg: &str) {
        let sent = match &self.target {
            Target::Path(p) => self.socket.send_to(msg.as_bytes(), p),
            #[cfg(target_os = "linux")]
            Target::Abstract(a) => self.socket.send_to_addr(msg.as_bytes(), a),
        };
        if let Err(e) = sent {
            log::warn!("systemd notification '{msg}' not sent: {e}");
        }
    }

    /// The window is up: systemd counts the service as started.
    pub fn ready(&self) {
        self.send("READY=1");
    }

    /// A line for `systemctl status` (the kiosk's phase, the date shown).
    pub fn status(&self, line: &str) {
        self.send(&format!("STATUS={}", line.replace('\n', " ")));
    }

    /// How often the window must say it is alive; None without a watchdog.
    pub fn watchdog(&self) -> Option<Duration> {
        self.watchdog
    }

    /// Says "still alive" if half the watchdog's time has passed since the
    /// last time (so a frame loop can call it every frame).
    pub fn alive(&mut self, now: Instant) {
        let Some(every) = self.watchdog else { return };
        if self.last_alive.is_none_or(|t| now.duration_since(t) >= every / 2) {
            self.send("WATCHDOG=1");
            self.last_alive = Some(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn received(rx: &UnixDatagram) -> Vec<String> {
        rx.set_nonblocking(true).unwrap();
        let mut out = Vec::new();
        let mut buf = [0u8; 256];
        while let Ok(n) = rx.recv(&mut buf) {
            out.push(String::from_utf8_lossy(&buf[..n]).into_owned());
        }
        out
    }

    #[test]
    fn ready_status_and_a_watchdog_fed_twice_per_interval() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("notify");
        let rx = UnixDatagram::bind(&path).unwrap();
        let mut n = Notifier::new(path.to_str().unwrap(), Some(10_000_000)).unwrap();
        assert_eq!(n.watchdog(), Some(Duration::from_secs(10)));
        n.ready();
        n.status("attract loop\n1937-11-08");
        let t0 = Instant::now();
        for ms in [0, 1000, 4000, 5000, 6000, 9999, 10_000] {
            n.alive(t0 + Duration::from_millis(ms));
        }
        assert_eq!(
            received(&rx),
            [
                "READY=1",
                "STATUS=attract loop 1937-11-08",
                "WATCHDOG=1",
                "WATCHDOG=1",
                "WATCHDOG=1"
            ]
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_abstract_socket_is_reached_too() {
        use std::os::linux::net::SocketAddrExt;
        let name = format!("chronoatlas-test-{}", std::process::id());
        let addr = std::os::unix::net::SocketAddr::from_abstract_name(name.as_bytes()).unwrap();
        let rx = UnixDatagram::bind_addr(&addr).unwrap();
        Notifier::new(&format!("@{name}"), None).unwrap().ready();
        assert_eq!(received(&rx), ["READY=1"]);
        assert!(Notifier::new("relative/path", None).is_none());
    }
}
