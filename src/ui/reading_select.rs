//! The reading panel while editing: the source text to select a phrase in
//! (a new event's quote), the phrases events cite keeping their tints, and
//! the places, dates and sizes found in it (issue #21) underlined with dots
//! of their kind's colour; a click on one opens what it offers.
use egui::{Color32, Ui};

use super::reading::{ReadingPanel, tint};
use crate::command::Command;
use crate::state::Explorer;
use crate::ui::theme;

/// What a mark found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    Place,
    Date,
    Size,
}

impl MarkKind {
    pub fn color(self) -> Color32 {
        match self {
            MarkKind::Place => Color32::from_rgb(0x25, 0x63, 0xEB),
            MarkKind::Date => Color32::from_rgb(0x15, 0x80, 0x3D),
            MarkKind::Size => Color32::from_rgb(0xC2, 0x41, 0x0C),
        }
    }
}

/// A phrase of a source text that the suggestions found.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Byte range in the source text.
    pub range: std::ops::Range<usize>,
    pub kind: MarkKind,
    /// What it was read as (shown on hover).
    pub label: String,
}

/// A paragraph as text to select in (the editor): the selection is kept
/// as the panel's phrase.
pub(super) fn selectable_paragraph(
    ui: &mut Ui,
    ex: &Explorer,
    (source, k): (usize, usize),
    text: &str,
    para: &crate::model::reading::Paragraph,
    panel: &mut ReadingPanel,
    cmds: &mut Vec<Command>,
) {
    let Some(mut body) = text.get(para.start..para.end) else {
        return;
    };
    // The phrases events cite keep their kind's tint: what is already on
    // the map shows while a new phrase is chosen.
    let sections: Vec<(std::ops::Range<usize>, Option<Color32>)> = (para.runs.iter())
        .map(|r| {
            let tint = r.events.first().map(|&e| {
                let kind = ex.ds().kind_at(e).unwrap_or(crate::model::EventKind::Other);
                tint(theme::kind_style(kind).0, 0.25)
            });
            (r.start - para.start..r.end - para.start, tint)
        })
        .collect();
    let text_color = ui.visuals().text_color();
    let mut layouter = |ui: &Ui, buf: &dyn egui::TextBuffer, wrap: f32| {
        let text = buf.as_str();
        let mut job = egui::text::LayoutJob::default();
        let format = |bg: Option<Color32>| egui::TextFormat {
            font_id: egui::FontId::proportional(15.0),
            color: text_color,
            background: bg.unwrap_or(Color32::TRANSPARENT),
            ..Default::default()
        };
        let mut at = 0;
        for (range, bg) in &sections {
            if range.start < at || range.end > text.len() {
                continue;
            }
            if range.start > at {
                job.append(&text[at..range.start], 0.0, format(None));
            }
            job.append(&text[range.clone()], 0.0, format(*bg));
            at = range.end;
        }
        job.append(&text[at..], 0.0, format(None));
        job.wrap.max_width = wrap;
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let out = egui::TextEdit::multiline(&mut body)
        .id_salt(("phrase", source, k))
        .desired_width(f32::INFINITY)
        .layouter(&mut layouter)
        .show(ui);
    let byte = |n: usize| body.char_indices().nth(n).map_or(body.len(), |(i, _)| i);
    if let Some(range) = out.cursor_range
        && !range.is_empty()
    {
        let [a, b] = range.sorted_cursors().map(|c| byte(c.index.0));
        panel.phrase = Some((source, para.start + a, para.start + b));
    }
    // The source's marks are in text order: this paragraph's are a slice.
    let all = panel.marks.get(source).map_or(&[][..], Vec::as_slice);
    let from = all.partition_point(|m| m.range.start < para.start);
    let to = all.partition_point(|m| m.range.start < para.end);
    let marks: Vec<&Mark> = all[from..to].iter().filter(|m| m.range.end <= para.end).collect();
    if marks.is_empty() {
        return;
    }
    // Each found phrase underlined with dots of its kind's colour, row by
    // row of the laid-out text.
    let painter = ui.painter();
    // Character positions counted on from the mark before (every frame:
    // once through the paragraph, not once per mark).
    let (mut at_byte, mut at_char) = (0usize, 0usize);
    let mut char_of = |b: usize| {
        let b = b.min(body.len());
        if b < at_byte {
            (at_byte, at_char) = (0, 0);
        }
        at_char += body.get(at_byte..b).map_or(0, |t| t.chars().count());
        at_byte = b;
        at_char
    };
    let mut drawn = Vec::new();
    for m in &marks {
        let (a, b) = (
            char_of(m.range.start - para.start),
            char_of(m.range.end - para.start),
        );
        let mut row: Option<(f32, f32, f32)> = None;
        let flush = |row: Option<(f32, f32, f32)>| {
            if let Some((y, x0, x1)) = row {
                let pts = [egui::pos2(x0, y), egui::pos2(x1, y)];
                painter.extend(egui::Shape::dotted_line(&pts, m.kind.color(), 3.0, 1.1));
            }
        };
        for c in a..b {
            let r0 = out.galley.pos_from_cursor(egui::text::CCursor::new(c));
            let r1 = out.galley.pos_from_cursor(egui::text::CCursor::new(c + 1));
            let y = out.galley_pos.y + r0.max.y + 1.0;
            let (x0, x1) = (
                out.galley_pos.x + r0.min.x,
                out.galley_pos.x + r1.min.x.max(r0.min.x),
            );
            row = match row {
                Some((ry, rx0, _)) if (ry - y).abs() < 1.0 && x1 >= rx0 => Some((ry, rx0, x1)),
                other => {
                    flush(other);
                    Some((y, x0, x1))
                }
            };
        }
        flush(row);
        let r0 = out.galley.pos_from_cursor(egui::text::CCursor::new(a));
        let r1 = out.galley.pos_from_cursor(egui::text::CCursor::new(a + 1));
        let first = egui::Rect::from_min_max(r0.min, egui::pos2(r1.min.x.max(r0.max.x), r0.max.y));
        drawn.push((source, m.range.start, first.translate(out.galley_pos.to_vec2())));
    }
    panel.drawn.extend(drawn);
    // A click on a found phrase opens it; hovering says what it was read as.
    let at_pointer = |pos: egui::Pos2| {
        let c = out.galley.cursor_from_pos(pos - out.galley_pos).index;
        let b = para.start + byte(c.0);
        marks
            .iter()
            .find(|m| m.range.start <= b && b < m.range.end)
            .copied()
    };
    if let Some(pos) = out.response.hover_pos()
        && let Some(m) = at_pointer(pos)
        && !m.label.is_empty()
    {
        out.response.response.clone().on_hover_text_at_pointer(&m.label);
    }
    if out.response.clicked()
        && out.cursor_range.is_none_or(|r| r.is_empty())
        && let Some(pos) = out.response.interact_pointer_pos()
        && let Some(m) = at_pointer(pos)
    {
        cmds.push(Command::Edit(crate::edit::EditCommand::OpenSuggestion {
            source,
            start: m.range.start,
        }));
    }
}
