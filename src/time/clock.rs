//! Playback clock for the time slider, without UI: the app calls
//! [`Clock::advance`] once per frame with the frame's duration and draws
//! [`Clock::day`].
//!
//! # Rules
//!
//! - The position is a fractional day in `[start, end]`; the displayed day is its floor.
//! - While playing it moves by `speed × dt`. On reaching `end`: when looping it
//!   wraps to `start` keeping the remainder (as often as needed for a huge `dt`),
//!   so in a loop `end` and `start` are the same instant; otherwise it stops
//!   exactly at `end` and pauses. A negative, NaN or infinite `dt`, or one whose
//!   step overflows, is ignored.
//! - Speed is clamped to `[1, 365]` days per second (a day to a year per second).
//! - Playing (or toggling) when stopped at the end without looping restarts from `start`.
//! - Stepping jumps to the next/previous event start strictly after/before the
//!   current day, only within `[start, end]`, and always pauses.
//!
//! Fields are private so these invariants hold; read them through the getters.

use super::Day;
use super::index::{next_after, prev_before};

/// Speed presets for the UI, in days per second: a day, a week, a month, a
/// quarter and a year per second.
pub const SPEED_PRESETS: [f64; 5] = [1.0, 7.0, 30.0, 91.0, 365.0];
/// Slowest playback: a day per second.
pub const MIN_SPEED: f64 = 1.0;
/// Fastest playback: a year per second.
pub const MAX_SPEED: f64 = 365.0;
/// Speed of a new clock: a month per second.
pub const DEFAULT_SPEED: f64 = 30.0;

/// Playback state of the time slider.
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    /// Fractional day, always within `[start, end]`, never NaN.
    position: f64,
    playing: bool,
    /// Always within `[MIN_SPEED, MAX_SPEED]`.
    speed_days_per_sec: f64,
    looping: bool,
    /// `start <= end`.
    start: Day,
    end: Day,
}

impl Clock {
    /// Paused at `start`, a month per second, no loop. A reversed range is swapped.
    pub fn new(start: Day, end: Day) -> Self {
        let (start, end) = if start <= end { (start, end) } else { (end, start) };
        Self {
            position: f64::from(start),
            playing: false,
            speed_days_per_sec: DEFAULT_SPEED,
            looping: false,
            start,
            end,
        }
    }

    /// Current position in fractional days.
    pub fn position(&self) -> f64 {
        self.position
    }

    /// Day shown: the floor of the position.
    pub fn day(&self) -> Day {
        // The position lies between two `Day`s, so the cast cannot saturate.
        self.position.floor() as Day
    }

    pub fn is_playing(&self) -> bool {
        self.playing
    }

    /// Days per second.
    pub fn speed(&self) -> f64 {
        self.speed_days_per_sec
    }

    pub fn is_looping(&self) -> bool {
        self.looping
    }

    pub fn start(&self) -> Day {
        self.start
    }

    pub fn end(&self) -> Day {
        self.end
    }

    /// Whether a non-looping playback has nothing left to play.
    fn at_end(&self) -> bool {
        self.position >= f64::from(self.end)
    }

    /// Moves the position by `speed × dt_secs` while playing (see the module rules).
    pub fn advance(&mut self, dt_secs: f64) {
        if !self.playing || !dt_secs.is_finite() || dt_secs <= 0.0 {
            return;
        }
        let step = self.speed_days_per_sec * dt_secs;
        if !step.is_finite() {
            return;
        }
        let (start, end) = (f64::from(self.start), f64::from(self.end));
        let next = self.position + step;
        if next < end {
            self.position = next;
        } else if self.looping {
            let len = end - start;
            self.position = if len > 0.0 {
                start + (next - start) % len
            } else {
                start
            };
        } else {
            self.position = end;
            self.playing = false;
        }
    }

    /// Starts playing; from `start` again when stopped at the end without looping.
    pub fn play(&mut self) {
        if !self.looping && self.at_end() {
            self.position = f64::from(self.start);
        }
        self.playing = true;
    }

    pub fn pause(&mut self) {
        self.playing = false;
    }

    /// Play/pause button: pauses when playing, else [`play`](Self::play)s.
    pub fn toggle(&mut self) {
        if self.playing {
            self.pause();
        } else {
            self.play();
        }
    }

    /// Moves to `day`, clamped to `[start, end]`; NaN is ignored. Keeps playing or paused.
    pub fn seek(&mut self, day: f64) {
        if !day.is_nan() {
            self.position = day.clamp(f64::from(self.start), f64::from(self.end));
        }
    }

    /// Sets days per second, clamped to `[MIN_SPEED, MAX_SPEED]`; NaN is ignored.
    pub fn set_speed(&mut self, days_per_sec: f64) {
        if !days_per_sec.is_nan() {
            self.speed_days_per_sec = days_per_sec.clamp(MIN_SPEED, MAX_SPEED);
        }
    }

    /// Sets the playable range (swapped when reversed) and clamps the position into it.
    pub fn set_range(&mut self, start: Day, end: Day) {
        let (start, end) = if start <= end { (start, end) } else { (end, start) };
        self.start = start;
        self.end = end;
        self.position = self.position.clamp(f64::from(start), f64::from(end));
    }

    pub fn set_looping(&mut self, looping: bool) {
        self.looping = looping;
    }

    /// Pauses and jumps to the first start strictly after the current day, if
    /// one lies within the range. `starts` is sorted, e.g. `TimeIndex::starts`.
    pub fn step_next(&mut self, starts: &[Day]) {
        self.pause();
        if let Some(d) = next_after(starts, self.day()).filter(|&d| d <= self.end) {
            self.position = f64::from(d);
        }
    }

    /// Pauses and jumps to the last start strictly before the current day, if
    /// one lies within the range. `starts` is sorted, e.g. `TimeIndex::starts`.
    pub fn step_prev(&mut self, starts: &[Day]) {
        self.pause();
        if let Some(d) = prev_before(starts, self.day()).filter(|&d| d >= self.start) {
            self.position = f64::from(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_clock_is_paused_at_start() {
        let c = Clock::new(100, 200);
        assert_eq!((c.day(), c.is_playing(), c.is_looping()), (100, false, false));
        assert_eq!(c.speed(), 30.0);
        assert_eq!((c.start(), c.end()), (100, 200));
        assert_eq!(Clock::new(200, 100).start(), 100);
    }

    #[test]
    fn sixty_frames_at_thirty_days_per_second_move_thirty_days() {
        let mut c = Clock::new(0, 1000);
        c.play();
        for _ in 0..60 {
            c.advance(1.0 / 60.0);
        }
        assert!((c.position() - 30.0).abs() < 1e-9, "{}", c.position());
        assert_eq!(c.day(), 30);
    }

    #[test]
    fn paused_clock_does_not_move() {
        let mut c = Clock::new(0, 1000);
        c.advance(1.0);
        assert_eq!(c.position(), 0.0);
    }

    #[test]
    fn stops_exactly_at_end_without_loop() {
        let mut c = Clock::new(0, 10);
        c.set_speed(1.0);
        c.play();
        c.advance(9.5);
        assert_eq!(c.position(), 9.5);
        c.advance(3.0);
        assert_eq!(c.position(), 10.0);
        assert!(!c.is_playing());
        // Play or toggle at the end restarts from the start.
        c.toggle();
        assert!(c.is_playing());
        assert_eq!(c.position(), 0.0);
    }

    #[test]
    fn loop_wraps_keeping_the_remainder() {
        let mut c = Clock::new(0, 10);
        c.set_speed(1.0);
        c.set_looping(true);
        c.play();
        c.advance(9.5);
        c.advance(1.0);
        assert_eq!(c.position(), 0.5);
        assert!(c.is_playing());
        // Many wraps at once.
        c.advance(1000.25);
        assert!((c.position() - 0.75).abs() < 1e-9, "{}", c.position());
        // Reaching the end exactly wraps to the start.
        c.seek(9.0);
        c.advance(1.0);
        assert_eq!(c.position(), 0.0);
        // An empty range loops in place.
        let mut c = Clock::new(5, 5);
        c.set_looping(true);
        c.play();
        c.advance(3.0);
        assert_eq!(c.position(), 5.0);
    }

    #[test]
    fn loop_with_negative_days() {
        let mut c = Clock::new(-100, -90);
        c.set_speed(7.0);
        c.set_looping(true);
        c.play();
        c.advance(2.0); // 14 days: one wrap, 4 days in.
        assert_eq!(c.position(), -96.0);
    }

    #[test]
    fn bad_dt_is_ignored() {
        let mut c = Clock::new(0, 100);
        c.play();
        for dt in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, 0.0, f64::MAX] {
            c.advance(dt);
            assert_eq!(c.position(), 0.0, "dt={dt}");
        }
        assert!(c.is_playing());
    }

    #[test]
    fn clamping() {
        let mut c = Clock::new(10, 20);
        c.seek(5.0);
        assert_eq!(c.position(), 10.0);
        c.seek(25.5);
        assert_eq!(c.position(), 20.0);
        c.seek(f64::NAN);
        assert_eq!(c.position(), 20.0);
        c.seek(f64::NEG_INFINITY);
        assert_eq!(c.position(), 10.0);
        c.seek(12.5);
        assert_eq!(c.day(), 12);

        c.set_speed(0.0);
        assert_eq!(c.speed(), 1.0);
        c.set_speed(1e9);
        assert_eq!(c.speed(), 365.0);
        c.set_speed(f64::NAN);
        assert_eq!(c.speed(), 365.0);
        c.set_speed(f64::NEG_INFINITY);
        assert_eq!(c.speed(), 1.0);
        for s in SPEED_PRESETS {
            c.set_speed(s);
            assert_eq!(c.speed(), s);
        }

        c.set_range(15, 11);
        assert_eq!((c.start(), c.end(), c.position()), (11, 15, 12.5));
        c.set_range(13, 30);
        assert_eq!(c.position(), 13.0);
        c.set_range(0, 5);
        assert_eq!(c.position(), 5.0);
    }

    #[test]
    fn day_is_the_floor_before_1970() {
        let mut c = Clock::new(-10, 10);
        c.seek(-0.5);
        assert_eq!(c.day(), -1);
        let c = Clock::new(Day::MIN, Day::MAX);
        assert_eq!(c.day(), Day::MIN);
    }

    #[test]
    fn stepping_between_starts() {
        let starts = [5, 10, 20, 40, 90];
        let mut c = Clock::new(0, 50);
        c.play();
        c.step_next(&starts);
        assert!(!c.is_playing());
        assert_eq!(c.day(), 5);
        c.step_next(&starts);
        assert_eq!(c.day(), 10);
        c.seek(10.7);
        c.step_next(&starts);
        assert_eq!(c.day(), 20);
        c.step_next(&starts);
        assert_eq!(c.day(), 40);
        // 90 is beyond the end: no change.
        c.step_next(&starts);
        assert_eq!(c.day(), 40);
        c.seek(45.0);
        c.step_prev(&starts);
        assert_eq!(c.day(), 40);
        c.step_prev(&starts);
        assert_eq!(c.day(), 20);
        c.step_prev(&starts);
        c.step_prev(&starts);
        assert_eq!(c.day(), 5);
        // Nothing before 5: no change.
        c.step_prev(&starts);
        assert_eq!(c.day(), 5);
        c.step_prev(&[]);
        c.step_next(&[]);
        assert_eq!(c.day(), 5);
        // Starts before the range are not reachable.
        let mut c = Clock::new(8, 50);
        c.seek(10.0);
        c.step_prev(&starts);
        assert_eq!(c.day(), 10);
    }
}
