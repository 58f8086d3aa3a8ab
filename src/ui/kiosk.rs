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

/// Where the invitation's centre is `time` seconds after start, as
/// fractions of the map's width and height: it wanders slowly over the
/// middle of the screen (about a minute a sweep), so that no part of a
/// screen left on for months shows the same thing for hours.
pub fn invitation_at(time: f64) -> (f32, f32) {
    let x = 0.5 + 0.18 * (time / 67.0 * std::f64::consts::TAU).sin();
    let y = 0.42 + 0.12 * (time / 41.0 * std::f64::consts::TAU).sin();
    (x as f32, y as f32)
}

/// "Touch to explore", gently pulsing (in opacity: the text keeps one size,
/// so no new glyphs are drawn each frame) and drifting over the attract
/// loop.
pub fn invitation(ui: &Ui, rect: Rect, time: f64) {
    let p = ui.painter_at(rect);
    let pulse = 0.85 + 0.15 * ((time * 2.0).sin() as f32);
    let text = "触摸屏幕，开始探索\nTouch the screen to explore";
    let galley = p.layout(
        text.to_owned(),
        FontId::new(34.0, theme::bold()),
        theme::ON_DARK,
        rect.width(),
    );
    let (fx, fy) = invitation_at(time);
    let r = Align2::CENTER_CENTER.anchor_size(
        pos2(rect.left() + rect.width() * fx, rect.top() + rect.height() * fy),
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

#[cfg(test)]
mod tests {
    use super::invitation_at;

    #[test]
    fn the_invitation_wanders_over_the_middle_and_never_rests() {
        let at: Vec<(f32, f32)> = (0..3600).map(|s| invitation_at(f64::from(s))).collect();
        assert!(
            at.iter()
                .all(|&(x, y)| (0.3..0.7).contains(&x) && (0.28..0.56).contains(&y))
        );
        // In any minute it moves across a good part of the screen.
        for w in at.windows(60).step_by(60) {
            let (x0, x1) = w.iter().fold((1f32, 0f32), |(a, b), p| (a.min(p.0), b.max(p.0)));
            assert!(x1 - x0 > 0.1, "moved {}", x1 - x0);
        }
    }
}
