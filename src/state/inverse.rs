//! What undoes a command: worked out from the state before the command is
//! applied, as the commands that put back what it changes. The editor's
//! undo (issue #20) records these beside each edit; the explorer's own
//! commands have theirs here so that one history can hold both.

use super::Explorer;
use crate::command::Command;

impl Explorer {
    /// The commands that undo `cmd` if it were applied now, in the order to
    /// apply them; `None` for what is not undone (camera moves, hovering,
    /// playback's own motion, the app's layers and tours, a new session:
    /// they change what is looked at, not what the user set).
    pub fn inverse_of(&self, cmd: &Command) -> Option<Vec<Command>> {
        let s = &self.settings;
        let one = |c: Command| Some(vec![c]);
        match cmd {
            Command::TogglePlay | Command::Play | Command::Pause => one(if self.clock.is_playing() {
                Command::Play
            } else {
                Command::Pause
            }),
            Command::Seek(_) | Command::StepNext | Command::StepPrev => {
                one(Command::Seek(self.clock.position()))
            }
            Command::SetSpeed(_) => one(Command::SetSpeed(s.speed_days_per_sec)),
            Command::SetLooping(_) => one(Command::SetLooping(s.looping)),
            Command::SetMode(_) => one(Command::SetMode(s.mode)),
            Command::SetPointStyle(_) => one(Command::SetPointStyle(s.points)),
            Command::SetReadingColumn(_) => one(Command::SetReadingColumn(s.reading_own_column)),
            Command::SetLang(_) => one(Command::SetLang(s.lang.into())),
            Command::Select { .. } => Some(vec![
                Command::Select {
                    event: self.selected,
                    fly: false,
                },
                Command::SetDetailsShown(s.show_details),
            ]),
            Command::SetKindVisible(..) | Command::ShowAllKinds => {
                one(Command::SetHiddenKinds(self.filters.hidden_kinds.clone()))
            }
            Command::SetHiddenKinds(_) => one(Command::SetHiddenKinds(self.filters.hidden_kinds.clone())),
            Command::SetProvinceFilter(_) => one(Command::SetProvinceFilter(self.filters.province.clone())),
            Command::SetUnitFilter(_) => one(Command::SetUnitFilter(self.filters.unit.clone())),
            Command::ToggleFullscreen | Command::SetFullscreen(_) => {
                one(Command::SetFullscreen(self.fullscreen))
            }
            Command::Highlight(_) => one(Command::Highlight(self.highlight.clone())),
            Command::ToggleLegend => one(Command::ToggleLegend),
            Command::ToggleDetails | Command::SetDetailsShown(_) => {
                one(Command::SetDetailsShown(s.show_details))
            }
            Command::ToggleStrength => one(Command::ToggleStrength),
            Command::ShowDate(_)
            | Command::RemoveLayer(_)
            | Command::Tour(_)
            | Command::Edit(_)
            | Command::Hover(_)
            | Command::SpreadGroup(_)
            | Command::FlyTo { .. }
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ResetView
            | Command::Camera(_)
            | Command::ResetSession(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, Lang};
    use crate::state::{ModeSetting, PointStyle, Settings};

    /// What the user set and would expect an undo to put back.
    fn set_by_user(ex: &Explorer) -> impl PartialEq + std::fmt::Debug + use<> {
        (
            ex.settings.clone(),
            ex.filters.clone(),
            ex.selected,
            ex.fullscreen,
            ex.highlight.clone(),
            ex.clock.is_playing(),
            ex.clock.position(),
        )
    }

    #[test]
    fn applying_a_command_then_its_inverse_puts_back_what_the_user_set() {
        let mut ex = Explorer::new(crate::io::load_bundled().dataset, Settings::default());
        let e = ex.ds().event_position("taiyuan_falls").expect("bundled event");
        let province = ex.ds().provinces[0].id.clone();
        let unit = ex.ds().units[0].id.clone();
        let cmds = [
            Command::SetSpeed(90.0),
            Command::SetLooping(true),
            Command::SetMode(ModeSetting::Window { width_days: 91 }),
            Command::SetPointStyle(PointStyle::Hexagons),
            Command::SetReadingColumn(true),
            Command::SetLang(Lang::En),
            Command::Select {
                event: Some(e),
                fly: true,
            },
            Command::ToggleDetails,
            Command::SetKindVisible(EventKind::Battle, false),
            Command::SetProvinceFilter(Some(province)),
            Command::SetUnitFilter(Some(unit)),
            Command::ShowAllKinds,
            Command::ToggleFullscreen,
            Command::Highlight(Some([e].into())),
            Command::ToggleLegend,
            Command::ToggleStrength,
            Command::Play,
            Command::TogglePlay,
            Command::Seek(f64::from(crate::model::date::days_from_civil(1938, 5, 1))),
            Command::StepNext,
        ];
        // Each on the state the ones before left, so that inverses are
        // taken from states other than the defaults.
        for cmd in cmds {
            let before = set_by_user(&ex);
            let undo = ex
                .inverse_of(&cmd)
                .unwrap_or_else(|| panic!("{cmd:?} has an inverse"));
            ex.apply(cmd.clone());
            assert_ne!(set_by_user(&ex), before, "{cmd:?} changed something");
            ex.apply_all(undo);
            assert_eq!(set_by_user(&ex), before, "undoing {cmd:?}");
            ex.apply(cmd);
        }
    }

    #[test]
    fn looking_around_is_not_undone() {
        let ex = Explorer::new(crate::io::load_bundled().dataset, Settings::default());
        assert_eq!(ex.inverse_of(&Command::ZoomIn), None);
        assert_eq!(ex.inverse_of(&Command::Hover(Some(0))), None);
    }
}
