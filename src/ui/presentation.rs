//! What a hall sees in presentation mode: the date large, a caption box per
//! step, a discreet progress indicator; the black screen.
use egui::{Align2, FontId, Rect, Stroke, Ui, pos2, vec2};

use crate::mode::tour_player::TourPlayer;
use crate::model::{HistDate, Lang};
use crate::state::Explorer;
use crate::ui::theme;

use super::theme::{INK, PAPER};

/// The date as a hall reads it: large, in the chosen language(s).
pub fn big_date(ui: &Ui, rect: Rect, ex: &Explorer) {
    let d = HistDate::day(ex.day());
    let lang = ex.lang();
    let text = match lang {
        Lang::Zh => d.display_zh(),
        Lang::En => d.display_en(),
        Lang::Both => format!("{}\n{}", d.display_zh(), d.display_en()),
    };
    let p = ui.painter_at(rect);
    let galley = p.layout_no_wrap(text, FontId::new(46.0, theme::bold()), INK);
    let r = Rect::from_min_size(rect.min + vec2(24.0, 20.0), galley.size() + vec2(28.0, 16.0));
    p.rect(
        r,
        10.0,
        PAPER,
        Stroke::new(1.0, theme::DATE_BOX_EDGE),
        egui::StrokeKind::Inside,
    );
    p.galley(r.min + vec2(14.0, 8.0), galley, INK);
}

/// The step's title and caption in a box at the bottom, and the progress.
pub fn caption(ui: &Ui, rect: Rect, ex: &Explorer, player: &TourPlayer) {
    let Some(step) = ex
        .ds()
        .tours
        .get(player.tour)
        .and_then(|t| t.steps.get(player.step))
    else {
        return;
    };
    let lang = ex.lang();
    let p = ui.painter_at(rect);
    let width = (rect.width() * 0.62).clamp(420.0, 1100.0);
    let (title, body) = match lang {
        Lang::Both => (
            format!("{}\n{}", step.title_zh, step.title_en),
            format!("{}\n\n{}", step.caption_zh, step.caption_en),
        ),
        _ => (step.title(lang).into_owned(), step.caption(lang).into_owned()),
    };
    let title = p.layout(title, FontId::new(30.0, theme::bold()), INK, width);
    let body = p.layout(body, FontId::proportional(21.0), INK, width);
    let h = title.size().y + body.size().y + 44.0;
    let r = Rect::from_min_size(
        pos2(rect.center().x - width / 2.0 - 22.0, rect.bottom() - h - 28.0),
        vec2(width + 44.0, h),
    );
    p.rect(
        r,
        12.0,
        PAPER,
        Stroke::new(1.0, theme::RULE),
        egui::StrokeKind::Inside,
    );
    let title_h = title.size().y;
    p.galley(r.min + vec2(22.0, 16.0), title, INK);
    p.galley(r.min + vec2(22.0, 28.0 + title_h), body, INK);
    // Progress: a dot per step, discreet, bottom right.
    let n = player.len(ex);
    let dot = 7.0;
    // Above the map's attribution line.
    let start = pos2(rect.right() - 24.0 - n as f32 * 2.6 * dot, rect.bottom() - 34.0);
    for i in 0..n {
        let c = start + vec2(i as f32 * 2.6 * dot, 0.0);
        let fill = if i == player.step { INK } else { theme::STEP_DOT };
        p.circle_filled(c, dot / 2.0 + if i == player.step { 1.5 } else { 0.0 }, fill);
    }
    p.text(
        start + vec2(-14.0, 0.0),
        Align2::RIGHT_CENTER,
        format!("{} / {n}", player.step + 1),
        FontId::proportional(15.0),
        theme::STEP_COUNT,
    );
}

/// The black screen (B or .): nothing but black.
pub fn black(ui: &Ui, rect: Rect) {
    ui.painter_at(rect).rect_filled(rect, 0.0, theme::BLACKOUT);
}
