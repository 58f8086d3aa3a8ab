//! The window as a service: systemd told it is ready, what it shows, and
//! that its frame loop still runs (a hung window stops the watchdog's
//! messages and is restarted); the kiosk's comings and goings and a
//! periodic health line in the log.
use std::time::{Duration, Instant};

use super::ChronoApp;
use crate::mode::kiosk::Phase;
use crate::os::notify::Notifier;

pub(super) struct Service {
    notifier: Option<Notifier>,
    ready_sent: bool,
    status: String,
    /// The status last sent to systemd, and when (at most one a second).
    sent: Option<(String, Instant)>,
    started: Instant,
    last_health: Instant,
    /// Visitors since start (kiosk).
    pub(super) visitors: u64,
    /// When (the window's clock, seconds) the kiosk last tried to read
    /// data it could not read.
    pub(super) data_tried: Option<f64>,
}

impl Service {
    pub(super) fn new(notifier: Option<Notifier>) -> Self {
        let now = Instant::now();
        Service {
            notifier,
            ready_sent: false,
            status: String::new(),
            sent: None,
            started: now,
            last_health: now,
            visitors: 0,
            data_tried: None,
        }
    }
}

/// Resident memory of this process in MB (Linux), for the health line.
fn resident_mb() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some((pages * 4096) >> 20)
}

impl ChronoApp {
    /// What the window shows, in a line: the kiosk's phase and the date.
    pub fn status_line(&self) -> String {
        let date = crate::model::date::format_iso(self.ex.day());
        match self.kiosk.as_ref().map(|k| k.phase) {
            None => format!("showing {date}"),
            Some(Phase::Attract) => {
                let step = self.tour.as_ref().map_or(0, |t| t.step + 1);
                let n = self.tour.as_ref().map_or(0, |t| t.len(&self.ex));
                format!("attract loop, step {step}/{n}, {date}")
            }
            Some(Phase::Exploring) => format!("a visitor is exploring, {date}"),
            Some(Phase::Countdown { .. }) => "asking whether the visitor is still there".to_string(),
        }
    }

    /// Once a frame: readiness, the status when it changes, the watchdog,
    /// and (kiosk) the health line; wakes the window often enough to feed
    /// the watchdog even when nothing moves.
    pub(super) fn tend_service(&mut self, ctx: &egui::Context) {
        let now = Instant::now();
        let status = self.status_line();
        let s = &mut self.service;
        if let Some(n) = &mut s.notifier {
            if !s.ready_sent {
                n.ready();
                s.ready_sent = true;
            }
            let due = s.sent.as_ref().is_none_or(|(last, at)| {
                *last != status && now.duration_since(*at) >= Duration::from_secs(1)
            });
            if due {
                n.status(&status);
                s.sent = Some((status.clone(), now));
            }
            n.alive(now);
            if let Some(w) = n.watchdog() {
                ctx.request_repaint_after(w / 3);
            }
        }
        if status != s.status {
            log::debug!("{status}");
            s.status = status;
        }
        if let Some(k) = &self.kiosk {
            let every = Duration::from_secs_f64(k.config.health_log_secs);
            if now.duration_since(s.last_health) >= every {
                s.last_health = now;
                let textures = ctx.tex_manager().read().num_allocated();
                log::info!(
                    "kiosk health: up {} s, {} visitors, {textures} textures, {} MB resident",
                    now.duration_since(s.started).as_secs(),
                    s.visitors,
                    resident_mb().map_or("?".into(), |m| m.to_string()),
                );
            }
            ctx.request_repaint_after(every);
        }
    }
}
