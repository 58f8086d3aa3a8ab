//! The kiosk's frame: the attract loop, a visitor exploring with big
//! controls, the idle countdown and reset, the lock.
use crate::command::Command;
use crate::mode::kiosk::{Kiosk, KioskConfig, KioskEvent, Phase as KioskPhase, Presence, Sensed};
use crate::mode::tour_player::TourPlayer;
use crate::model::Lang;
use crate::state::{CameraRequest, Settings};
use crate::ui::{details, presentation, theme, timebar};

use super::ChronoApp;

impl ChronoApp {
    /// Starts kiosk mode: touch-sized controls, fullscreen, the attract loop.
    pub(super) fn kiosk_from(mut self, config: Option<KioskConfig>, ctx: &egui::Context) -> Self {
        if let Some(config) = config {
            crate::ui::kiosk::touch_style(ctx);
            self.kiosk = Some(Kiosk::new(config));
            self.reset_for_next_visitor();
        }
        self
    }

    /// Back to the kiosk's default state, nothing of the last visitor kept,
    /// and the attract loop playing.
    pub fn reset_for_next_visitor(&mut self) {
        let Some(k) = &self.kiosk else { return };
        let lang = k.config.language;
        let tour = self
            .ex
            .ds()
            .tours
            .iter()
            .position(|t| t.id == k.config.tour)
            .unwrap_or(0);
        if let Some(old) = self.tour.take() {
            old.stop(&mut self.ex);
        }
        self.reading.following = true;
        let settings = Settings {
            lang: lang.into(),
            show_legend: false,
            ..Settings::default()
        };
        self.ex.apply_all([
            Command::ResetSession(Box::new(settings)),
            Command::SetFullscreen(true),
            Command::Camera(CameraRequest::FitAll),
        ]);
        self.query.clear();
        self.show_about = false;
        self.black = false;
        self.presenting = false;
        self.tour = TourPlayer::start(&mut self.ex, tour, true, true);
    }

    /// Whether a visitor did anything this frame: a press, a touch, a key,
    /// a wheel, a pinch, or a move beyond a touch screen's jitter; not the
    /// pointer the window appeared under.
    fn visitor_input(ctx: &egui::Context, presence: &mut Presence) -> bool {
        let sensed: Vec<Sensed> = ctx.input(|i| {
            (i.events.iter())
                .filter_map(|e| match e {
                    egui::Event::PointerButton { pressed: true, .. }
                    | egui::Event::Key { pressed: true, .. }
                    | egui::Event::Text(_)
                    | egui::Event::MouseWheel { .. }
                    | egui::Event::Zoom(_) => Some(Sensed::Act),
                    egui::Event::Touch {
                        phase: egui::TouchPhase::Start,
                        ..
                    } => Some(Sensed::Touch),
                    egui::Event::PointerMoved(p) => Some(Sensed::Move(p.x, p.y)),
                    egui::Event::PointerGone => Some(Sensed::Gone),
                    _ => None,
                })
                .collect()
        });
        // Every event is seen (the pointer's place is kept), not just up
        // to the first that counts.
        sensed.into_iter().fold(false, |any, s| presence.visitor(s) | any)
    }

    /// The pointer hidden on a touch screen (as configured), shown again
    /// once a mouse is really used if the configuration says so.
    fn kiosk_cursor(&self, ctx: &egui::Context) {
        let Some(k) = &self.kiosk else { return };
        let shown = !k.config.hide_cursor || (k.config.show_cursor_on_mouse && k.presence.mouse_used);
        if !shown {
            ctx.set_cursor_icon(egui::CursorIcon::None);
        }
    }

    /// How often a kiosk tries again to read data it could not read (a
    /// drive mounted late, a copy being made).
    const DATA_RETRY_SECS: f64 = 30.0;

    /// Data that could not be read: a plain screen for the visitor, a log
    /// line for the technician, another try every [`Self::DATA_RETRY_SECS`].
    /// Whether that is what this frame shows.
    fn kiosk_unavailable(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) -> bool {
        if self.ex.ds().event_count() > 0 {
            return false;
        }
        if self.loading.is_none() {
            let now = ctx.input(|i| i.time);
            let due = self
                .service
                .data_tried
                .is_none_or(|t| now - t >= Self::DATA_RETRY_SECS);
            if let (true, Some(path)) = (due, self.data.clone()) {
                if self.service.data_tried.is_some() {
                    log::warn!("kiosk: trying again to read {}", path.display());
                } else {
                    for p in self.problems.iter().filter(|p| p.is_error()).take(20) {
                        log::warn!("kiosk: {p}");
                    }
                    log::warn!(
                        "kiosk: the data at {} cannot be read: showing \"temporarily unavailable\"",
                        path.display()
                    );
                }
                self.service.data_tried = Some(now);
                self.start_loading(ctx, path, None);
            }
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE.fill(theme::LAND))
            .show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.label(
                        egui::RichText::new("暂时无法使用\nTemporarily unavailable")
                            .font(egui::FontId::new(40.0, theme::bold()))
                            .color(theme::INK),
                    );
                });
            });
        ctx.request_repaint_after(std::time::Duration::from_secs(5));
        true
    }

    /// A kiosk frame: the attract loop or a visitor exploring with big
    /// controls; the countdown; the lock.
    pub(super) fn show_kiosk(&mut self, ui: &mut egui::Ui, raw_dt: f64) {
        let ctx = ui.ctx().clone();
        // Locked: only the configured combination closes the window.
        let exit = self
            .kiosk
            .as_ref()
            .is_some_and(|k| ctx.input(|i| k.config.exit_keys.pressed(i)));
        if exit {
            self.exit_allowed = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.exit_allowed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
        if self.kiosk_unavailable(ui, &ctx) {
            self.kiosk_cursor(&ctx);
            self.finish_frame(&ctx);
            return;
        }
        if self.service.data_tried.take().is_some() {
            log::info!("kiosk: the data is read, the attract loop begins");
            self.reset_for_next_visitor();
        }
        let event = self.kiosk.as_mut().map_or(KioskEvent::None, |k| {
            let input = Self::visitor_input(&ctx, &mut k.presence);
            k.tick(raw_dt, input)
        });
        match event {
            KioskEvent::StartExploring => {
                self.service.visitors += 1;
                log::info!("kiosk: a visitor, the attract loop stops");
                if let Some(t) = self.tour.take() {
                    t.stop(&mut self.ex);
                }
            }
            KioskEvent::ResetToAttract => {
                log::info!("kiosk: nobody there any more, reset for the next visitor");
                self.reset_for_next_visitor();
            }
            KioskEvent::None => {}
        }
        let phase = self.kiosk.as_ref().map_or(KioskPhase::Attract, |k| k.phase);
        let lang = self.lang();
        // Big language buttons, always there.
        egui::Panel::top("kiosk_top").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new("chronoatlas").font(egui::FontId::new(24.0, theme::bold())));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    for (l, label) in [(Lang::En, "English"), (Lang::Zh, "中文")] {
                        let b = egui::Button::selectable(lang == l, label).min_size(egui::vec2(120.0, 48.0));
                        if ui.add(b).clicked() {
                            self.cmds.push(Command::SetLang(l));
                        }
                    }
                });
            });
        });
        if phase != KioskPhase::Attract {
            egui::Panel::bottom("timebar").resizable(false).show(ui, |ui| {
                ui.add_space(6.0);
                timebar::timebar_ui(ui, &self.ex, &mut self.cmds);
                ui.add_space(6.0);
            });
            let show_source = self.kiosk.as_ref().is_some_and(|k| k.config.show_source);
            if self.ex.selected().is_some() || show_source {
                egui::Panel::right("details")
                    .resizable(false)
                    .default_size(420.0)
                    .show(ui, |ui| {
                        if show_source {
                            // Configured: the source text under the details.
                            let h =
                                ui.available_height() * if self.ex.selected().is_some() { 0.5 } else { 0.15 };
                            egui::ScrollArea::vertical()
                                .id_salt("details")
                                .max_height(h)
                                .show(ui, |ui| details::details_ui(ui, &self.ex, &mut self.cmds, false));
                            ui.separator();
                            crate::ui::reading::reading_ui(ui, &self.ex, &mut self.reading, &mut self.cmds);
                        } else {
                            egui::ScrollArea::vertical()
                                .show(ui, |ui| details::details_ui(ui, &self.ex, &mut self.cmds, false));
                        }
                    });
            }
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let rect = ui.available_rect_before_wrap();
                self.map_ui(ui);
                if phase == KioskPhase::Attract {
                    if let Some(t) = &self.tour {
                        presentation::big_date(ui, rect, &self.ex);
                        presentation::caption(ui, rect, &self.ex, t);
                    }
                    crate::ui::kiosk::invitation(ui, rect, ctx.input(|i| i.time));
                    self.animate_after(&ctx, 0.0);
                }
                if let KioskPhase::Countdown { remaining_secs } = phase {
                    if crate::ui::kiosk::countdown(ui, remaining_secs)
                        && let Some(k) = self.kiosk.as_mut()
                    {
                        k.tick(0.0, true);
                    }
                    ctx.request_repaint_after(std::time::Duration::from_millis(250));
                } else if phase == KioskPhase::Exploring {
                    // Wake up to notice the visitor has gone.
                    ctx.request_repaint_after(std::time::Duration::from_secs(1));
                }
            });
        self.kiosk_cursor(&ctx);
        self.finish_frame(&ctx);
    }
}
