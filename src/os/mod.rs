//! What the operating system offers a long-running window: log lines on
//! stderr and in a size-capped file, and systemd's readiness, status and
//! watchdog messages. No egui here.
pub mod log;
pub mod notify;
pub mod paths;
pub mod rotate;
