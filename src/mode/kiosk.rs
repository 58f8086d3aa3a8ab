//! The museum kiosk: its configuration (TOML), and the idle logic that
//! runs the attract loop, asks "are you still there?" and resets the app
//! for the next visitor. No egui here: the window feeds it time and input.
use serde::Deserialize;

use crate::io::Problem;
use crate::io::text::line_col;
use crate::model::Lang;

/// The kiosk's settings (a `kiosk.toml`; every key optional).
#[derive(Debug, Clone, PartialEq)]
pub struct KioskConfig {
    /// Seconds without input before the "are you still there?" countdown.
    pub idle_timeout_secs: f64,
    /// Seconds the countdown lasts before the reset.
    pub countdown_secs: f64,
    /// The tour the attract loop plays.
    pub tour: String,
    /// The language each visitor starts in.
    pub language: Lang,
    /// The only way out: this key combination, e.g. `Ctrl+Alt+Shift+Q`.
    pub exit_keys: ExitKeys,
    /// Whether a visitor also sees the source text beside the map (off by
    /// default: a kiosk screen is for the map).
    pub show_source: bool,
    /// Hide the pointer (on by default: a touch screen has none to show).
    pub hide_cursor: bool,
    /// Show the pointer again once a mouse is really used (moved further
    /// than a touch screen's jitter, or its wheel turned); off by default.
    pub show_cursor_on_mouse: bool,
    /// The most frames a second the attract loop draws (a fanless PC stays
    /// cool); a visitor's drags are drawn as fast as they come.
    pub max_fps: f64,
    /// Whether the kiosk may fetch OpenStreetMap tiles (`--basemap osm`):
    /// off by default, and then that combination is refused.
    pub online_map: bool,
    /// Seconds between the log's health lines (uptime, visitors, textures,
    /// resident memory).
    pub health_log_secs: f64,
}

/// A key combination: modifiers and one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitKeys {
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
    pub key: egui::Key,
}

impl Default for KioskConfig {
    fn default() -> Self {
        KioskConfig {
            idle_timeout_secs: 90.0,
            countdown_secs: 10.0,
            tour: crate::model::tour::DEFAULT_TOUR.into(),
            language: Lang::Zh,
            exit_keys: ExitKeys {
                ctrl: true,
                alt: true,
                shift: true,
                key: egui::Key::Q,
            },
            show_source: false,
            hide_cursor: true,
            show_cursor_on_mouse: false,
            max_fps: 30.0,
            online_map: false,
            health_log_secs: 600.0,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    idle_timeout_secs: Option<f64>,
    countdown_secs: Option<f64>,
    tour: Option<String>,
    language: Option<String>,
    exit_keys: Option<String>,
    show_source: Option<bool>,
    hide_cursor: Option<bool>,
    show_cursor_on_mouse: Option<bool>,
    max_fps: Option<f64>,
    online_map: Option<bool>,
    health_log_secs: Option<f64>,
}

impl ExitKeys {
    /// Parses `Ctrl+Alt+Shift+Q`: at least two modifiers, so a visitor
    /// cannot hit it by chance.
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut k = ExitKeys {
            ctrl: false,
            alt: false,
            shift: false,
            key: egui::Key::Q,
        };
        let mut key = None;
        for part in s.split('+').map(str::trim) {
            match part.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => k.ctrl = true,
                "alt" => k.alt = true,
                "shift" => k.shift = true,
                _ if key.is_none() => {
                    key = Some(
                        egui::Key::from_name(part).ok_or_else(|| format!("'{part}' is not a key name"))?,
                    )
                }
                _ => return Err(format!("'{s}' names two keys; give modifiers and one key")),
            }
        }
        k.key = key.ok_or_else(|| format!("'{s}' names no key"))?;
        if [k.ctrl, k.alt, k.shift].iter().filter(|&&m| m).count() < 2 {
            return Err(format!(
                "'{s}' needs at least two of Ctrl, Alt, Shift, so that visitors cannot exit by chance"
            ));
        }
        Ok(k)
    }

    /// Whether this combination was pressed now (the modifiers as the key
    /// event carries them).
    pub fn pressed(&self, input: &egui::InputState) -> bool {
        input.events.iter().any(|e| match e {
            egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => {
                *key == self.key
                    && modifiers.ctrl == self.ctrl
                    && modifiers.alt == self.alt
                    && modifiers.shift == self.shift
            }
            _ => false,
        })
    }
}

impl KioskConfig {
    /// Parses a kiosk.toml. Any problem is an error naming the line: the
    /// kiosk must not start unlocked on a config it does not understand.
    pub fn parse(file: &str, text: &str) -> Result<Self, Problem> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((0, 0), |r| line_col(text, r.start));
            Problem::error(file, e.message().trim().to_string()).at(line, column)
        })?;
        let at = |key: &str, msg: String| {
            let (line, column) = text
                .lines()
                .position(|l| l.trim_start().starts_with(key))
                .map_or((0, 0), |i| (u32::try_from(i + 1).unwrap_or(0), 1));
            Problem::error(file, msg).at(line, column)
        };
        // A number of the file, checked against its range.
        let within = |key: &str, value: Option<f64>, lo: f64, hi: f64, unit: &str, default: f64| match value {
            None => Ok(default),
            Some(v) if (lo..=hi).contains(&v) => Ok(v),
            Some(v) => Err(at(key, format!("{key} {v} must be {lo} to {hi} {unit}"))),
        };
        let mut c = KioskConfig::default();
        c.idle_timeout_secs = within(
            "idle_timeout_secs",
            raw.idle_timeout_secs,
            10.0,
            86_400.0,
            "seconds",
            c.idle_timeout_secs,
        )?;
        c.countdown_secs = within(
            "countdown_secs",
            raw.countdown_secs,
            3.0,
            120.0,
            "seconds",
            c.countdown_secs,
        )?;
        c.health_log_secs = within(
            "health_log_secs",
            raw.health_log_secs,
            10.0,
            86_400.0,
            "seconds",
            c.health_log_secs,
        )?;
        c.max_fps = within("max_fps", raw.max_fps, 5.0, 120.0, "frames a second", c.max_fps)?;
        if let Some(t) = raw.tour {
            c.tour = t;
        }
        if let Some(l) = raw.language {
            c.language = match l.as_str() {
                "zh" => Lang::Zh,
                "en" => Lang::En,
                "both" => Lang::Both,
                other => {
                    return Err(at(
                        "language",
                        format!("language '{other}' must be zh, en or both"),
                    ));
                }
            };
        }
        if let Some(s) = raw.show_source {
            c.show_source = s;
        }
        c.hide_cursor = raw.hide_cursor.unwrap_or(c.hide_cursor);
        c.show_cursor_on_mouse = raw.show_cursor_on_mouse.unwrap_or(c.show_cursor_on_mouse);
        c.online_map = raw.online_map.unwrap_or(c.online_map);
        if let Some(k) = raw.exit_keys {
            c.exit_keys = ExitKeys::parse(&k).map_err(|m| at("exit_keys", format!("exit_keys: {m}")))?;
        }
        Ok(c)
    }
}

/// What the window sensed, as far as telling a visitor goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sensed {
    /// A button or finger pressed, a key, a wheel turned, a pinch: someone.
    Act,
    /// A finger on the screen (touch, not a mouse).
    Touch,
    /// The pointer is at (x, y) points.
    Move(f32, f32),
    /// The pointer left the window.
    Gone,
}

/// Tells a visitor from a pointer that merely appears under a window, or a
/// touch screen's jitter: a move counts only once it is [`Presence::MOVE`]
/// points from where the pointer was first seen.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Presence {
    anchor: Option<(f32, f32)>,
    /// A mouse was really used (moved far without a finger down).
    pub mouse_used: bool,
    touched: bool,
}

impl Presence {
    /// Points a pointer must move to count as a visitor's.
    pub const MOVE: f32 = 24.0;

    /// Whether what was sensed is a visitor's doing.
    pub fn visitor(&mut self, sensed: Sensed) -> bool {
        match sensed {
            Sensed::Act => true,
            Sensed::Touch => {
                self.touched = true;
                true
            }
            Sensed::Move(x, y) => match self.anchor {
                None => {
                    self.anchor = Some((x, y));
                    false
                }
                Some((ax, ay)) if (x - ax).hypot(y - ay) >= Self::MOVE => {
                    self.anchor = Some((x, y));
                    self.mouse_used |= !self.touched;
                    true
                }
                Some(_) => false,
            },
            Sensed::Gone => {
                self.anchor = None;
                false
            }
        }
    }

    /// The next visitor starts unseen: the pointer, wherever it rests, is
    /// not theirs.
    pub fn forget(&mut self) {
        *self = Presence::default();
    }
}

/// Where the kiosk is in its idle cycle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Phase {
    /// Nobody there: the tour plays in a loop under "touch to explore".
    Attract,
    /// A visitor is exploring.
    Exploring,
    /// No input for a while: "are you still there?", seconds left.
    Countdown { remaining_secs: f64 },
}

/// What the window must do after a tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KioskEvent {
    None,
    /// A visitor touched the attract screen: stop the tour, let them explore.
    StartExploring,
    /// The countdown ran out: reset everything and play the attract loop.
    ResetToAttract,
}

/// The idle cycle.
#[derive(Debug, Clone, PartialEq)]
pub struct Kiosk {
    pub config: KioskConfig,
    pub phase: Phase,
    /// Seconds since the last input.
    pub idle_secs: f64,
    /// Whether the pointer's moves are a visitor's.
    pub presence: Presence,
}

impl Kiosk {
    /// A kiosk starts in the attract loop.
    pub fn new(config: KioskConfig) -> Self {
        Kiosk {
            config,
            phase: Phase::Attract,
            idle_secs: 0.0,
            presence: Presence::default(),
        }
    }

    /// Advances by `dt` seconds; `input` says whether the visitor touched,
    /// clicked, moved or typed during it.
    pub fn tick(&mut self, dt: f64, input: bool) -> KioskEvent {
        let dt = if dt.is_finite() && dt > 0.0 { dt } else { 0.0 };
        if input {
            self.idle_secs = 0.0;
            return match self.phase {
                Phase::Attract => {
                    self.phase = Phase::Exploring;
                    KioskEvent::StartExploring
                }
                Phase::Countdown { .. } => {
                    self.phase = Phase::Exploring;
                    KioskEvent::None
                }
                Phase::Exploring => KioskEvent::None,
            };
        }
        self.idle_secs += dt;
        match self.phase {
            Phase::Attract => KioskEvent::None,
            Phase::Exploring => {
                if self.idle_secs >= self.config.idle_timeout_secs {
                    self.phase = Phase::Countdown {
                        remaining_secs: self.config.countdown_secs,
                    };
                }
                KioskEvent::None
            }
            Phase::Countdown { remaining_secs } => {
                let left = remaining_secs - dt;
                if left <= 0.0 {
                    self.phase = Phase::Attract;
                    self.idle_secs = 0.0;
                    self.presence.forget();
                    KioskEvent::ResetToAttract
                } else {
                    self.phase = Phase::Countdown { remaining_secs: left };
                    KioskEvent::None
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_cycle_attract_explore_countdown_reset() {
        let mut k = Kiosk::new(KioskConfig::default());
        assert_eq!(k.phase, Phase::Attract);
        assert_eq!(k.tick(100.0, false), KioskEvent::None, "attract waits forever");
        assert_eq!(k.tick(0.1, true), KioskEvent::StartExploring);
        for _ in 0..89 {
            assert_eq!(k.tick(1.0, false), KioskEvent::None);
        }
        assert_eq!(k.phase, Phase::Exploring);
        k.tick(1.0, false);
        assert!(matches!(k.phase, Phase::Countdown { .. }), "{:?}", k.phase);
        // A touch during the countdown keeps the visitor's session.
        assert_eq!(k.tick(0.1, true), KioskEvent::None);
        assert_eq!(k.phase, Phase::Exploring);
        for _ in 0..90 {
            k.tick(1.0, false);
        }
        let mut reset = false;
        for _ in 0..11 {
            reset |= k.tick(1.0, false) == KioskEvent::ResetToAttract;
        }
        assert!(reset);
        assert_eq!(k.phase, Phase::Attract);
    }

    #[test]
    fn config_parses_and_bad_ones_name_the_line() {
        let c = KioskConfig::parse(
            "kiosk.toml",
            "idle_timeout_secs = 60\nlanguage = \"en\"\nexit_keys = \"Ctrl+Shift+F12\"\ntour = \"story\"\n",
        )
        .unwrap();
        assert_eq!(c.idle_timeout_secs, 60.0);
        assert_eq!(c.language, Lang::En);
        assert_eq!(
            c.exit_keys,
            ExitKeys {
                ctrl: true,
                alt: false,
                shift: true,
                key: egui::Key::F12
            }
        );
        let e = KioskConfig::parse("kiosk.toml", "# comment\nidle_timeout_secs = \"soon\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = KioskConfig::parse("kiosk.toml", "language = \"fr\"\n").unwrap_err();
        assert!(e.to_string().starts_with("kiosk.toml:1:1: language 'fr'"), "{e}");
        let e = KioskConfig::parse("kiosk.toml", "\n\nexit_keys = \"Q\"\n").unwrap_err();
        assert!(e.line == 3 && e.message.contains("two of Ctrl"), "{e}");
        let e = KioskConfig::parse("kiosk.toml", "max_fps = 30\nhealth_log_secs = 1\n").unwrap_err();
        assert!(e.line == 2 && e.message.contains("10 to 86400"), "{e}");
        let c = KioskConfig::parse(
            "kiosk.toml",
            "max_fps = 12\nhide_cursor = false\nonline_map = true\n",
        )
        .unwrap();
        assert!(c.max_fps == 12.0 && !c.hide_cursor && c.online_map);
        let e = KioskConfig::parse("kiosk.toml", "idle_timeout = 90\n").unwrap_err();
        assert!(e.message.contains("unknown field"), "{e}");
        let e = KioskConfig::parse("kiosk.toml", "idle_timeout_secs = [\n").unwrap_err();
        assert!(e.line >= 1, "{e}");
    }
}
