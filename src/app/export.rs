//! The export frame (the map, the big date, the legend or a tour's
//! caption; nothing to click) and the explorer's Export window.
use super::ChronoApp;
use crate::model::pick;
use crate::ui::{legend, presentation};

impl ChronoApp {
    /// The Export window (explorer only: a kiosk has none).
    pub(super) fn export_window(&mut self, ctx: &egui::Context) {
        if !self.export_dialog.open {
            return;
        }
        let lang = self.lang();

        let current = crate::ui::export::Current {
            options: crate::render::frame::ExportOptions {
                columns: Default::default(),
                width: 1280,
                height: 720,
                view: Some(self.camera_now()),
                lang,
                mode: self.ex.settings().mode,
                data: self.data.clone(),
                renderer: crate::render::frame::Renderer::Cpu,
                // The export draws points as the window does now.
                points: self.ex.settings().points,
            },
            start: f64::from(self.ex.clock().start()),
            end: f64::from(self.ex.clock().end()),
            now: self.ex.clock().position(),
        };
        let mut open = true;
        let dialog = &mut self.export_dialog;
        egui::Window::new(pick(lang, "导出画面或动画", "Export a frame or a time-lapse"))
            .open(&mut open)
            .collapsible(false)
            .default_width(440.0)
            .show(ctx, |ui| {
                dialog.ui(ui, lang, || current, super::headless::open_frames)
            });
        if !open {
            self.export_dialog.open = false;
        }
    }

    /// The export frame: the map, the date large, the legend of what is
    /// shown, a tour's caption; nothing to click.
    pub(super) fn show_export(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let rect = ui.available_rect_before_wrap();
                self.map_ui(ui);
                presentation::big_date(ui, rect, &self.ex);
                match &self.tour {
                    Some(t) => presentation::caption(ui, rect, &self.ex, t),
                    None => legend::compact_legend(ui, rect, &self.ex),
                }
            });
        self.finish_frame(&ctx);
    }
}
