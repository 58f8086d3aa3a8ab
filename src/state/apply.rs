//! How each command changes the explorer: the only code that writes its
//! state (the window, tours, the kiosk and tests all come through here).

use super::{CameraRequest, Explorer};
use crate::command::Command;
use crate::model::Day;

impl Explorer {
    /// Applies one command of the explorer's own; the app's (layers,
    /// tours) change nothing here.
    pub fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::TogglePlay => self.clock.toggle(),
            Command::Play => self.clock.play(),
            Command::Pause => self.clock.pause(),
            Command::StepNext => self.clock.step_next(self.index.starts()),
            Command::StepPrev => self.clock.step_prev(self.index.starts()),
            Command::Seek(day) => self.clock.seek(day),
            Command::ShowDate(day) => {
                if day.is_finite() {
                    let d = day.floor().clamp(f64::from(Day::MIN), f64::from(Day::MAX)) as Day;
                    let (start, end) = (self.clock.start(), self.clock.end());
                    self.clock.set_range(start.min(d), end.max(d));
                }
                self.clock.seek(day);
            }
            Command::SetSpeed(s) => {
                self.clock.set_speed(s);
                self.settings.speed_days_per_sec = self.clock.speed();
            }
            Command::SetLooping(l) => {
                self.clock.set_looping(l);
                self.settings.looping = l;
            }
            Command::SetMode(m) => self.settings.mode = m,
            Command::SetPointStyle(p) => self.settings.points = p,
            Command::RemoveLayer(_) | Command::Tour(_) | Command::Edit(_) => {}
            Command::SetReadingColumn(own) => self.settings.reading_own_column = own,
            Command::SetLang(l) => self.settings.lang = l.into(),
            Command::Select { event, fly } => {
                self.selected = event.filter(|&e| e < self.ds.event_count());
                if let (Some(e), true) = (self.selected, fly) {
                    self.camera.push(CameraRequest::FitEvent(e));
                }
                if self.selected.is_some() {
                    self.settings.show_details = true;
                }
            }
            Command::Hover(e) => self.hovered = e,
            Command::SpreadGroup(p) => self.spread_group = p,
            Command::SetKindVisible(kind, visible) => {
                if visible {
                    self.filters.hidden_kinds.remove(&kind);
                } else {
                    self.filters.hidden_kinds.insert(kind);
                }
                self.refilter();
            }
            Command::ShowAllKinds => {
                self.filters.hidden_kinds.clear();
                self.refilter();
            }
            Command::SetHiddenKinds(kinds) => {
                self.filters.hidden_kinds = kinds;
                self.refilter();
            }
            Command::SetProvinceFilter(p) => {
                self.filters.province = p;
                self.refilter();
            }
            Command::SetUnitFilter(u) => {
                self.filters.unit = u;
                self.refilter();
            }
            Command::FlyTo { to, zoom } => self.camera.push(CameraRequest::FlyTo { to, zoom }),
            Command::ZoomIn => self.camera.push(CameraRequest::ZoomIn),
            Command::ZoomOut => self.camera.push(CameraRequest::ZoomOut),
            Command::ResetView => self.camera.push(CameraRequest::FitAll),
            Command::ToggleFullscreen => self.fullscreen = !self.fullscreen,
            Command::SetFullscreen(on) => self.fullscreen = on,
            Command::Camera(req) => self.camera.push(req),
            Command::Highlight(events) => self.highlight = events,
            Command::ResetSession(settings) => {
                self.settings = *settings;
                self.clock.set_speed(self.settings.speed_days_per_sec);
                self.clock.set_looping(self.settings.looping);
                self.filters = Default::default();
                self.refilter();
                self.selected = None;
                self.hovered = None;
            }
            Command::ToggleLegend => self.settings.show_legend = !self.settings.show_legend,
            Command::ToggleDetails => self.settings.show_details = !self.settings.show_details,
            Command::SetDetailsShown(on) => self.settings.show_details = on,
            Command::ToggleStrength => self.settings.show_strength = !self.settings.show_strength,
        }
        self.refresh();
    }

    /// Applies the commands of a frame, in order.
    pub fn apply_all(&mut self, cmds: impl IntoIterator<Item = Command>) {
        for c in cmds {
            self.apply(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventKind;
    use crate::model::date::{days_from_civil, format_iso};
    use crate::state::{ModeSetting, Settings};

    fn explorer() -> Explorer {
        let loaded = crate::io::load_bundled();
        Explorer::new(loaded.dataset, Settings::default())
    }

    fn id_shown(ex: &Explorer, id: &str) -> bool {
        ex.ds.event_position(id).is_some_and(|i| ex.is_shown(i))
    }

    #[test]
    fn playing_advances_the_date_by_speed_times_dt() {
        let mut ex = explorer();
        let before = ex.clock.position();
        ex.apply(Command::SetSpeed(30.0));
        ex.apply(Command::Play);
        for _ in 0..60 {
            ex.tick(1.0 / 60.0);
        }
        assert!((ex.clock.position() - before - 30.0).abs() < 1e-6);
        ex.apply(Command::TogglePlay);
        ex.tick(1.0);
        assert!((ex.clock.position() - before - 30.0).abs() < 1e-6, "paused");
    }

    #[test]
    fn stepping_lands_on_event_starts() {
        let mut ex = explorer();
        // (The Tongpu south of Taiyuan begins to fall with Yuci, 5 November.)
        ex.apply(Command::Seek(f64::from(days_from_civil(1937, 11, 6))));
        ex.apply(Command::StepNext);
        assert_eq!(format_iso(ex.day()), "1937-11-08", "Taiyuan falls next");
        assert!(id_shown(&ex, "taiyuan_falls"));
        ex.apply(Command::StepPrev);
        assert!(ex.day() < days_from_civil(1937, 11, 8));
    }

    #[test]
    fn cumulative_and_window_modes_differ() {
        let mut ex = explorer();
        ex.apply(Command::Seek(f64::from(days_from_civil(1938, 7, 20))));
        assert!(id_shown(&ex, "taiyuan_falls"), "cumulative keeps the past");
        ex.apply(Command::SetMode(ModeSetting::Window { width_days: 30 }));
        assert!(!id_shown(&ex, "taiyuan_falls"));
        assert!(id_shown(&ex, "zhangdian_power_plant_blown_up"));
    }

    #[test]
    fn a_season_fades_in_and_a_date_before_hides() {
        let mut ex = explorer();
        let cixian = ex.ds.event_position("cixian_occupied").unwrap();
        ex.apply(Command::Seek(f64::from(days_from_civil(1937, 10, 31))));
        assert!(!ex.is_shown(cixian), "before winter 1937 it is hidden");
        ex.apply(Command::Seek(f64::from(days_from_civil(1937, 11, 10))));
        let early = ex.shown.iter().find(|s| s.event == cixian).unwrap().alpha;
        ex.apply(Command::Seek(f64::from(days_from_civil(1938, 2, 1))));
        let late = ex.shown.iter().find(|s| s.event == cixian).unwrap().alpha;
        ex.apply(Command::Seek(f64::from(days_from_civil(1938, 3, 1))));
        let done = ex.shown.iter().find(|s| s.event == cixian).unwrap().alpha;
        assert!(
            early < late && late < done && done == 1.0,
            "{early} {late} {done}"
        );
    }

    #[test]
    fn filters_hide_kinds_units_and_provinces() {
        let mut ex = explorer();
        ex.apply(Command::Seek(f64::from(days_from_civil(1941, 12, 31))));
        let all = ex.shown.len();
        ex.apply(Command::SetKindVisible(EventKind::Occupation, false));
        assert!(!id_shown(&ex, "taiyuan_falls"));
        assert!(ex.shown.len() < all);
        ex.apply(Command::ShowAllKinds);
        assert_eq!(ex.shown.len(), all);
        ex.apply(Command::SetUnitFilter(Some("pinghan_guerrillas".into())));
        assert!(ex.shown.iter().all(|s| {
            ex.ds.events[s.event]
                .units
                .iter()
                .any(|u| u == "pinghan_guerrillas")
        }));
        assert!(id_shown(&ex, "pinghan_sabotage"));
        ex.apply(Command::SetUnitFilter(None));
        ex.apply(Command::SetProvinceFilter(Some("shandong".into())));
        assert!(id_shown(&ex, "zhangdian_power_plant_blown_up"));
        assert!(!id_shown(&ex, "taiyuan_falls"));
    }

    #[test]
    fn selecting_asks_the_camera_to_fly() {
        let mut ex = explorer();
        let e = ex.ds.event_position("xuzhou_falls").unwrap();
        ex.apply(Command::Select {
            event: Some(e),
            fly: true,
        });
        assert_eq!(ex.selected, Some(e));
        assert_eq!(ex.camera, vec![CameraRequest::FitEvent(e)]);
        ex.apply(Command::Select {
            event: Some(99_999),
            fly: true,
        });
        assert_eq!(ex.selected, None, "an unknown event selects nothing");
    }
}
