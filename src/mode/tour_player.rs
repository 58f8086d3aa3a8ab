//! Plays a tour over the explorer: each step sets the date (or plays a
//! range), glides the camera, and highlights its events. Time within a step
//! comes only from the seconds since the step began, so a step looks the
//! same every time it is shown.
use std::collections::BTreeSet;

use crate::command::Command;
use crate::model::{Day, StepCamera, StepTime, Tour};
use crate::state::{CameraRequest, Explorer};

/// Where a tour is.
#[derive(Debug, Clone, PartialEq)]
pub struct TourPlayer {
    /// Index into `dataset.tours`.
    pub tour: usize,
    pub step: usize,
    /// Seconds since the step began.
    pub elapsed: f64,
    /// Advance by itself after each step's duration.
    pub auto_advance: bool,
    /// After the last step, start again (the kiosk's attract loop).
    pub looping: bool,
}

impl TourPlayer {
    /// Starts `tour` at its first step.
    pub fn start(ex: &mut Explorer, tour: usize, auto_advance: bool, looping: bool) -> Option<Self> {
        ex.ds().tours.get(tour)?;
        let mut p = TourPlayer {
            tour,
            step: 0,
            elapsed: 0.0,
            auto_advance,
            looping,
        };
        p.enter(ex);
        Some(p)
    }

    fn tour<'a>(&self, ex: &'a Explorer) -> Option<&'a Tour> {
        ex.ds().tours.get(self.tour)
    }

    pub fn len(&self, ex: &Explorer) -> usize {
        self.tour(ex).map_or(0, |t| t.steps.len())
    }

    pub fn is_empty(&self, ex: &Explorer) -> bool {
        self.len(ex) == 0
    }

    /// The day a step shows `elapsed` seconds after it began.
    pub fn day_at(time: &StepTime, elapsed: f64) -> f64 {
        match time {
            // Whatever the date means has certainly begun.
            StepTime::At(d) => f64::from(d.latest_start.min(d.latest())),
            StepTime::Play {
                from,
                to,
                speed_days_per_sec,
            } => {
                let a = f64::from(from.earliest());
                let b = f64::from(to.latest_start.min(to.latest())).max(a);
                (a + elapsed.max(0.0) * speed_days_per_sec).min(b)
            }
        }
    }

    /// Applies the current step: date, camera, highlight.
    fn enter(&mut self, ex: &mut Explorer) {
        self.elapsed = 0.0;
        let Some(step) = self.tour(ex).and_then(|t| t.steps.get(self.step)).cloned() else {
            return;
        };
        ex.apply(Command::Pause);
        ex.apply(Command::Seek(Self::day_at(&step.time, 0.0)));
        let ds = ex.ds();
        let mut highlight: BTreeSet<usize> = step
            .events
            .iter()
            .filter_map(|id| ds.event_position(id))
            .collect();
        for (i, e) in ds.events.iter().enumerate() {
            if e.units.iter().any(|u| step.units.contains(u)) {
                highlight.insert(i);
            }
        }
        let camera = match &step.camera {
            StepCamera::View { lon, lat, zoom } => CameraRequest::Glide((*lon, *lat, *zoom).into()),
            StepCamera::Fit(ids) => {
                CameraRequest::GlideFit(ids.iter().filter_map(|id| ds.place(id)).map(|p| p.at()).collect())
            }
        };
        ex.apply_all([
            Command::Highlight(Some(highlight)),
            Command::Select {
                event: None,
                fly: false,
            },
            Command::Camera(camera),
        ]);
    }

    /// The next step (or the first again when looping).
    pub fn next(&mut self, ex: &mut Explorer) {
        let n = self.len(ex);
        if self.step + 1 < n {
            self.step += 1;
        } else if self.looping {
            self.step = 0;
        } else {
            return;
        }
        self.enter(ex);
    }

    pub fn prev(&mut self, ex: &mut Explorer) {
        if self.step > 0 {
            self.step -= 1;
            self.enter(ex);
        }
    }

    pub fn first(&mut self, ex: &mut Explorer) {
        self.step = 0;
        self.enter(ex);
    }

    /// Advances the step's own time by `dt` seconds; plays its range and
    /// moves on when its duration is over (if advancing by itself).
    pub fn tick(&mut self, ex: &mut Explorer, dt: f64) {
        if !(dt.is_finite() && dt > 0.0) {
            return;
        }
        self.elapsed += dt;
        let Some(step) = self.tour(ex).and_then(|t| t.steps.get(self.step)) else {
            return;
        };
        let day = Self::day_at(&step.time, self.elapsed);
        let duration = step.duration_secs;
        if (ex.clock().position() - day).abs() > 1e-9 {
            ex.apply(Command::Seek(day));
        }
        if self.auto_advance && duration.is_some_and(|d| self.elapsed >= d) {
            self.next(ex);
        }
    }

    /// Seconds until the tour changes what is shown by itself: 0 while a
    /// step plays its range; for a step that moves on by itself, the time
    /// left but at most half a second (a frame's time step is capped, so
    /// the tour is woken often enough to keep to its timing); None while it
    /// waits for the presenter.
    pub fn next_change(&self, ex: &Explorer) -> Option<f64> {
        let step = self.tour(ex)?.steps.get(self.step)?;
        if matches!(step.time, StepTime::Play { .. })
            && Self::day_at(&step.time, self.elapsed) < Self::day_at(&step.time, f64::INFINITY)
        {
            return Some(0.0);
        }
        let left = step.duration_secs.filter(|_| self.auto_advance)? - self.elapsed;
        Some(left.clamp(0.0, 0.5))
    }

    /// Leaves the tour: no highlight.
    pub fn stop(self, ex: &mut Explorer) {
        ex.apply(Command::Highlight(None));
    }

    /// The day the current step shows now.
    pub fn day(&self, ex: &Explorer) -> Option<Day> {
        let step = self.tour(ex)?.steps.get(self.step)?;
        Some(Self::day_at(&step.time, self.elapsed).floor() as Day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::format_iso;
    use crate::state::Settings;

    fn explorer() -> Explorer {
        Explorer::new(crate::io::load_bundled().dataset, Settings::default())
    }

    #[test]
    fn each_step_lands_on_its_date_and_camera() {
        let mut ex = explorer();
        let tour = ex
            .ds()
            .tours
            .iter()
            .position(|t| t.id == "story")
            .expect("bundled story tour");
        let mut p = TourPlayer::start(&mut ex, tour, false, false).unwrap();
        assert_eq!(format_iso(ex.day()), "1937-07-01");
        assert!(
            matches!(ex.take_camera_requests().last(), Some(CameraRequest::GlideFit(pts)) if pts.len() == 6)
        );
        p.next(&mut ex);
        assert_eq!(format_iso(ex.day()), "1937-12-15");
        let taiyuan = ex.ds().event_position("taiyuan_falls").unwrap();
        assert!(ex.highlight().as_ref().unwrap().contains(&taiyuan));
        p.prev(&mut ex);
        assert_eq!(p.step, 0);
    }

    #[test]
    fn a_played_range_depends_only_on_elapsed_time() {
        let mut ex = explorer();
        let mut a = TourPlayer::start(&mut ex, 0, false, false).unwrap();
        for _ in 0..120 {
            a.tick(&mut ex, 1.0 / 60.0);
        }
        let after_2s_in_small_steps = ex.clock().position();
        let mut ex2 = explorer();
        let mut b = TourPlayer::start(&mut ex2, 0, false, false).unwrap();
        b.tick(&mut ex2, 2.0);
        assert!((ex2.clock().position() - after_2s_in_small_steps).abs() < 1e-6);
        // 30 days per second for 2 s from 1 July 1937: 60 days later.
        assert_eq!(format_iso(ex.day()), "1937-08-30");
    }

    #[test]
    fn auto_advance_and_looping() {
        let mut ex = explorer();
        let n = ex.ds().tours[0].steps.len();
        let mut p = TourPlayer::start(&mut ex, 0, true, true).unwrap();
        let total: f64 = ex.ds().tours[0]
            .steps
            .iter()
            .map(|s| s.duration_secs.unwrap_or(0.0))
            .sum();
        let mut seen = std::collections::BTreeSet::new();
        let mut t = 0.0;
        while t < total + 1.0 {
            p.tick(&mut ex, 0.5);
            seen.insert(p.step);
            t += 0.5;
        }
        assert_eq!(seen.len(), n, "every step shown");
        assert!(p.step <= 1, "looped back to the start: {}", p.step);
        p.stop(&mut ex);
        assert!(ex.highlight().is_none());
    }
}
