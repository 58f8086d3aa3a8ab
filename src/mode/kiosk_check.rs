//! What a kiosk needs before its window opens, checked the same way for
//! `--kiosk CONFIG --check` (a technician, before deploying) and for the
//! start itself: the configuration, the network promise, the data and the
//! tour the attract loop plays.
use std::path::Path;

use super::kiosk::KioskConfig;
use crate::io::{Loaded, Problem};

/// Reads a kiosk configuration (None: the defaults). A problem names the
/// file, line and column.
pub fn read_config(path: Option<&Path>) -> Result<KioskConfig, Problem> {
    let Some(p) = path else {
        return Ok(KioskConfig::default());
    };
    let name = p.display().to_string();
    let bytes = crate::io::files::read_limited(p)?;
    let text = String::from_utf8(bytes).map_err(|_| Problem::error(name.clone(), "not UTF-8 text"))?;
    KioskConfig::parse(&name, &text)
}

/// Why the configuration and the way the kiosk is started do not go
/// together: online tiles break the promise of no network unless the
/// configuration says `online_map = true`.
pub fn start_problems(config: &KioskConfig, online_tiles: bool) -> Vec<String> {
    let mut out = Vec::new();
    if online_tiles && !config.online_map {
        out.push(
            "--basemap osm fetches tiles from the internet, and a kiosk uses no network unless its \
             configuration says online_map = true"
                .to_string(),
        );
    }
    out
}

/// Why the data cannot run this kiosk: its errors, no events, or no tour
/// of the configured name (a museum screen must not quietly play another).
pub fn data_problems(config: &KioskConfig, loaded: &Loaded) -> Vec<String> {
    let mut out: Vec<String> = loaded
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| p.to_string())
        .collect();
    let ds = &loaded.dataset;
    if ds.event_count() == 0 {
        out.push("the data has no events to show".to_string());
        return out;
    }
    let tours: Vec<&str> = ds.tours.iter().map(|t| t.id.as_str()).collect();
    match ds.tours.iter().find(|t| t.id == config.tour) {
        None => out.push(format!(
            "the kiosk's tour '{}' is not in the data (its tours: {})",
            config.tour,
            if tours.is_empty() {
                "none".to_string()
            } else {
                tours.join(", ")
            }
        )),
        Some(t) if t.steps.is_empty() => out.push(format!("the kiosk's tour '{}' has no steps", t.id)),
        Some(_) => {}
    }
    out
}

/// One line saying what the kiosk will show, for a configuration that
/// passed.
pub fn summary(config: &KioskConfig, loaded: &Loaded) -> String {
    let ds = &loaded.dataset;
    let steps = ds
        .tours
        .iter()
        .find(|t| t.id == config.tour)
        .map_or(0, |t| t.steps.len());
    let k = &config.exit_keys;
    let mods: Vec<&str> = [(k.ctrl, "Ctrl"), (k.alt, "Alt"), (k.shift, "Shift")]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, m)| *m)
        .collect();
    format!(
        "the kiosk is ready: {} events, tour '{}' ({steps} steps), language {:?}, idle reset after {} s, at most {} frames a second, exit {}+{}",
        ds.event_count(),
        config.tour,
        config.language,
        config.idle_timeout_secs,
        config.max_fps,
        mods.join("+"),
        k.key.name()
    )
}
