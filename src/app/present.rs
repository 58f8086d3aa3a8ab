//! Tours and presentation mode: opening a tour, stepping, the presenter's
//! screen (map, big date, caption, controls while the pointer moves), and
//! the explorer's small window onto an open tour.
use egui::{Align2, RichText};

use super::{ChronoApp, DEFAULT_TOUR};
use crate::command::{Command, TourCommand};
use crate::io::Problem;
use crate::mode::tour_player::TourPlayer;
use crate::model::pick;
use crate::ui::presentation;

impl ChronoApp {
    /// Starts presentation mode when asked on the command line.
    pub(super) fn presenting_from(mut self, tour: Option<&str>) -> Self {
        if let Some(name) = tour {
            let name = if name.is_empty() { DEFAULT_TOUR } else { name };
            match self.ex.ds().tours.iter().position(|t| t.id == name) {
                Some(i) => {
                    self.apply(Command::Tour(TourCommand::Open(i)));
                    self.apply(Command::Tour(TourCommand::Present(true)));
                }
                None => self
                    .problems
                    .push(Problem::error("--present", format!("no tour named '{name}'"))),
            }
        }
        self
    }

    /// Applies a change of tour or presentation mode.
    pub(super) fn apply_tour(&mut self, cmd: TourCommand) {
        match cmd {
            TourCommand::Open(i) => {
                if let Some(old) = self.tour.take() {
                    old.stop(&mut self.ex);
                }
                self.tour = TourPlayer::start(&mut self.ex, i, self.presenting, false);
            }
            TourCommand::Close => {
                if let Some(old) = self.tour.take() {
                    old.stop(&mut self.ex);
                }
                self.presenting = false;
                self.ex.apply(Command::SetFullscreen(false));
            }
            TourCommand::Next => {
                if let Some(t) = self.tour.as_mut() {
                    t.next(&mut self.ex);
                }
            }
            TourCommand::Prev => {
                if let Some(t) = self.tour.as_mut() {
                    t.prev(&mut self.ex);
                }
            }
            TourCommand::First => {
                if let Some(t) = self.tour.as_mut() {
                    t.first(&mut self.ex);
                }
            }
            TourCommand::Present(on) => {
                if on && self.tour.is_none() {
                    let i = self
                        .ex
                        .ds()
                        .tours
                        .iter()
                        .position(|t| t.id == DEFAULT_TOUR)
                        .unwrap_or(0);
                    self.tour = TourPlayer::start(&mut self.ex, i, true, false);
                }
                self.presenting = on && self.tour.is_some();
                if let Some(t) = self.tour.as_mut() {
                    t.auto_advance = self.presenting;
                }
                self.black = false;
                self.ex.apply(Command::SetFullscreen(self.presenting));
            }
            TourCommand::ToggleBlack => self.black = !self.black,
        }
    }

    /// The presentation frame: the map fills the screen, the date large,
    /// the caption; controls only while the pointer moves.
    pub(super) fn show_presentation(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        if ctx.input(|i| i.pointer.delta() != egui::Vec2::ZERO || i.pointer.any_pressed()) {
            self.last_pointer_move = now;
        }
        let controls = now - self.last_pointer_move < 2.5;
        if controls {
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
            egui::Panel::top("present_controls").show(ui, |ui| {
                let lang = self.lang();
                ui.horizontal(|ui| {
                    if ui.button(pick(lang, "◀ 上一步", "◀ Previous")).clicked() {
                        self.cmds.push(Command::Tour(TourCommand::Prev));
                    }
                    if ui.button(pick(lang, "下一步 ▶", "Next ▶")).clicked() {
                        self.cmds.push(Command::Tour(TourCommand::Next));
                    }
                    if ui.button(pick(lang, "黑屏 (B)", "Black (B)")).clicked() {
                        self.cmds.push(Command::Tour(TourCommand::ToggleBlack));
                    }
                    if ui.button(pick(lang, "退出演示 (Esc)", "Leave (Esc)")).clicked() {
                        self.cmds.push(Command::Tour(TourCommand::Present(false)));
                    }
                });
            });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let rect = ui.available_rect_before_wrap();
                self.map_ui(ui);
                if let Some(t) = &self.tour {
                    presentation::big_date(ui, rect, &self.ex);
                    presentation::caption(ui, rect, &self.ex, t);
                }
                if self.black {
                    presentation::black(ui, rect);
                }
            });
    }

    /// The explorer's window onto an open tour: the step, its caption, and
    /// buttons to step and to present.
    pub(super) fn tour_window(&mut self, ctx: &egui::Context) {
        let lang = self.lang();
        let Some(t) = &self.tour else { return };
        let Some(tour) = self.ex.ds().tours.get(t.tour) else {
            return;
        };
        let Some(step) = tour.steps.get(t.step) else {
            return;
        };
        let mut open = true;
        egui::Window::new(format!(
            "{} · {}/{}",
            pick(lang, &tour.title_zh, &tour.title_en).replace('\n', " / "),
            t.step + 1,
            tour.steps.len()
        ))
        .id(egui::Id::NULL.with("tour_window"))
        .open(&mut open)
        .default_width(420.0)
        .anchor(Align2::CENTER_BOTTOM, egui::vec2(0.0, -12.0))
        .show(ctx, |ui| {
            ui.label(
                RichText::new(step.title(lang).replace('\n', " / "))
                    .strong()
                    .size(18.0),
            );
            ui.label(step.caption(lang));
            ui.horizontal(|ui| {
                if ui.button(pick(lang, "◀ 上一步", "◀ Previous")).clicked() {
                    self.cmds.push(Command::Tour(TourCommand::Prev));
                }
                if ui.button(pick(lang, "下一步 ▶", "Next ▶")).clicked() {
                    self.cmds.push(Command::Tour(TourCommand::Next));
                }
                if ui.button(pick(lang, "全屏演示", "Present")).clicked() {
                    self.cmds.push(Command::Tour(TourCommand::Present(true)));
                }
            });
        });
        if !open {
            self.cmds.push(Command::Tour(TourCommand::Close));
        }
    }
}
