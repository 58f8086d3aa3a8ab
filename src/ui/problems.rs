//! The window's list of problems found in the data, bounded, one line
//! each; after it, how point files were read (the load report).
use crate::io::Problem;
use crate::model::dataset::ReadNote;
use crate::model::{Lang, pick};

/// The most problems the window lists; `validate` prints them all.
pub const PROBLEMS_SHOWN: usize = 1_000;

/// The problems, one line each (the whole message on hover), only the rows
/// in view laid out: a file with a problem on every one of a million rows
/// must not lay out a million labels a frame.
pub fn problems_ui(ui: &mut egui::Ui, problems: &[Problem], notes: &[ReadNote], lang: Lang) {
    if !notes.is_empty() {
        ui.label(
            egui::RichText::new(pick(lang, "读取方式", "How the files were read"))
                .small()
                .strong(),
        );
    }
    for n in notes {
        let text = egui::RichText::new(&n.text).monospace();
        ui.add(egui::Label::new(if n.notable { text.strong() } else { text }).truncate())
            .on_hover_text(pick(
                lang,
                "列名说不清时可在“打开”窗口的“列”里指明（或 --columns）。",
                "Where the names do not say, name the columns in the Open window's Columns (or --columns).",
            ));
    }
    let shown = &problems[..problems.len().min(PROBLEMS_SHOWN)];
    let more = problems.len() - shown.len();
    if more > 0 {
        let total = problems.len();
        ui.label(
            egui::RichText::new(pick(
                lang,
                &format!("共 {total} 个问题，只列出前 {PROBLEMS_SHOWN} 个，另有 {more} 个：运行 chronoatlas validate 查看全部"),
                &format!("{total} problems: the first {PROBLEMS_SHOWN} are listed, and {more} more; run chronoatlas validate to see them all"),
            ))
            .strong(),
        );
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Monospace) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical().auto_shrink([false, true]).show_rows(
        ui,
        row_height,
        shown.len(),
        |ui, range| {
            for p in &shown[range] {
                let text = p.to_string();
                ui.add(egui::Label::new(egui::RichText::new(&text).monospace()).truncate())
                    .on_hover_text(text);
            }
        },
    );
}
