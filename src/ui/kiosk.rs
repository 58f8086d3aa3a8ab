//! What a kiosk visitor sees: the "touch to explore" invitation over the
//! attract loop, the "are you still there?" countdown, big controls.
use egui::{Align2, FontId, Rect, Stroke, Ui, pos2, vec2};

use crate::ui::theme;

/// Controls at least this big (points), for fingers.
pub const TOUCH_SIZE: f32 = 48.0;

/// Large, finger-sized widgets for the whole kiosk.
pub fn touch_style(ctx: &egui::Context) {
    ctx.global_style_mut(|s| {
        s.spacing.interact_size = vec2(TOUCH_SIZE, TOUCH_SIZE);
        s.spacing.button_padding = vec2(16.0, 12.0);
        s.spacing.item_spacing = vec2(12.0, 10.0);
        for (style, size) in [
            (egui::TextStyle::Body, 20.0),
            (egui::TextStyle::Button, 22.0),
            (egui::TextStyle::Small, 15.0),
            (egui::TextStyle::Heading, 28.0),
        ] {
            if let Some(f) = s.text_styles.get_mut(&style) {
                f.size = size;
            }
        }
    });
}

/// "Touch to explore", gently pulsing above the attract loop.
pub fn invitation(ui: &Ui, rect: Rect, time: f64) {
    let p = ui.painter_at(rect);
    let pulse = 0.85 + 0.15 * ((time * 2.0).sin() as f32);
    let text = "触摸屏幕，开始探索\nTouch the screen to explore";
    let galley = p.layout(
        text.to_owned(),
        FontId::new(34.0 * pulse.max(0.9), theme::bold()),
        theme::ON_DARK,
        rect.width(),
    );
    let r = Align2::CENTER_CENTER.anchor_size(
        pos2(rect.center().x, rect.top() + rect.height() * 0.42),
        galley.size() + vec2(56.0, 36.0),
    );
    p.rect(
        r,
        24.0,
        theme::with_alpha(theme::INVITATION, (215.0 * pulse) as u8),
        Stroke::new(3.0, theme::ON_DARK),
        egui::StrokeKind::Inside,
    );
    p.galley(r.min + vec2(28.0, 18.0), galley, theme::ON_DARK);
}

/// The countdown before the reset; returns true when "continue" is touched.
pub fn countdown(ui: &mut Ui, remaining_secs: f64) -> bool {
    let rect = ui.max_rect();
    ui.painter().rect_filled(rect, 0.0, theme::COUNTDOWN_SHADE);
    let mut keep = false;
    egui::Area::new(egui::Id::NULL.with("kiosk_countdown"))
        .order(egui::Order::Foreground)
        .anchor(Align2::CENTER_CENTER, vec2(0.0, 0.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).inner_margin(28.0).show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.label(
                        egui::RichText::new("还在吗？ Are you still there?")
                            .font(FontId::new(32.0, theme::bold())),
                    );
                    let s = remaining_secs.ceil().max(0.0) as u32;
                    ui.label(
                        egui::RichText::new(format!("{s} 秒后重新开始 · Restarting in {s} s")).size(22.0),
                    );
                    ui.add_space(12.0);
                    let b = egui::Button::new(egui::RichText::new("继续 Continue").size(26.0))
                        .min_size(vec2(240.0, 64.0));
                    keep = ui.add(b).clicked();
                });
            });
        });
    keep
}
