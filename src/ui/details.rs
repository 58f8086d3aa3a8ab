//! The details of the selected event: titles, the date as the text says it
//! and as interpreted, places, units, size, and the source phrase shown in
//! its sentence, highlighted.
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, RichText, Ui};

use crate::command::Command;
use crate::model::date::format_iso;
use crate::model::{DateBasis, Day, Event, Lang, pick};
use crate::state::Explorer;
use crate::ui::theme;

fn iso(d: Day) -> String {
    if d == Day::MIN || d == Day::MAX {
        "…".into()
    } else {
        format_iso(d)
    }
}

/// The sentence(s) of the source holding `quote`, the quote highlighted.
pub fn quote_job(ex: &Explorer, quote: &str, highlight: Color32, ui: &Ui) -> Option<LayoutJob> {
    let (src, at) = ex.ds().find_quote(quote)?;
    let (start, end) = src.sentences_around(at, quote.len());
    let (q0, q1) = (at, at + quote.len());
    let font = FontId::proportional(15.0);
    let plain = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let marked = TextFormat {
        font_id: font,
        color: theme::MARKED_TEXT,
        background: highlight,
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    job.append(src.text.get(start..q0)?, 0.0, plain.clone());
    job.append(src.text.get(q0..q1)?, 0.0, marked);
    job.append(src.text.get(q1..end)?, 0.0, plain);
    job.wrap.max_width = ui.available_width();
    Some(job)
}

fn basis_text(e: &Event, lang: Lang) -> String {
    match e.when_basis {
        DateBasis::Text => pick(lang, "日期见于原文", "Date given by the text").into_owned(),
        DateBasis::Context => pick(lang, "日期据上下文推定", "Date read from the context").into_owned(),
        DateBasis::External => {
            pick(lang, "日期来自原文以外的资料", "Date from outside the text").into_owned()
        }
    }
}

/// What the dataset reads beyond the text, marked as such, with its basis.
fn readings_ui(ui: &mut Ui, e: &Event, lang: Lang) {
    if e.readings.is_empty() {
        return;
    }
    ui.add_space(4.0);
    egui::Frame::new()
        .fill(theme::READING_FILL)
        .inner_margin(egui::Margin::same(6))
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.label(RichText::new(pick(lang, "我们的解读", "Our reading")).strong())
                .on_hover_text(pick(
                    lang,
                    "原文没有明说、由本数据集据上下文或资料推定的部分",
                    "What the text does not state and this dataset reads from the context or a source",
                ));
            for r in &e.readings {
                // 中文 + English: each language on its own line.
                let langs: &[Lang] = match lang {
                    Lang::Both => &[Lang::Zh, Lang::En],
                    _ => std::slice::from_ref(&lang),
                };
                for &l in langs {
                    let sep = if l == Lang::Zh { "：" } else { ": " };
                    ui.label(format!("{}{sep}{}", r.of.name(l), r.text(l)));
                }
            }
        });
}

/// The details panel for the selected event.
/// An event as one tab-separated row: id, titles, the date as written,
/// its places (names on its day), the quote.
pub fn row_text(ex: &Explorer, e: &crate::model::Event) -> String {
    let day = if e.when.open_start() {
        e.when.latest()
    } else {
        e.when.earliest()
    };
    let places: Vec<String> = ex
        .ds()
        .event_places(e)
        .iter()
        .map(|p| p.names_at(day).0.to_string())
        .collect();
    [
        e.id.as_str(),
        &e.title_zh,
        &e.title_en,
        &e.when.text,
        &places.join("、"),
        &e.quote,
    ]
    .map(|c| c.replace(['\t', '\n'], " "))
    .join("\t")
}

/// The details; with `editing`, an Edit button opens the event's form.
pub fn details_ui(ui: &mut Ui, ex: &Explorer, cmds: &mut Vec<Command>, editing: bool) {
    let lang = ex.lang();
    let Some(i) = ex.selected() else {
        ui.label(
            RichText::new(pick(
                lang,
                "点击地图上的事件，查看原文出处。",
                "Click an event on the map to read what the source says.",
            ))
            .weak(),
        );
        return;
    };
    let Some(e) = ex.ds().event_at(i) else { return };
    let e = e.as_ref();
    let (color, symbol) = theme::kind_style(e.kind);
    ui.horizontal(|ui| {
        let (r, _) = ui.allocate_exact_size(egui::vec2(20.0, 20.0), egui::Sense::hover());
        theme::draw_symbol(
            ui.painter(),
            r.center(),
            7.0,
            symbol,
            color,
            egui::Stroke::new(1.0, theme::EVENT_EDGE),
        );
        ui.label(RichText::new(e.kind.name(lang)).color(color).strong());
        if editing
            && matches!(ex.ds().resolve(i), Some(crate::model::EventRef::Full(_)))
            && ui
                .small_button(pick(lang, "编辑", "Edit"))
                .on_hover_text(pick(lang, "编辑这个事件", "Edit this event"))
                .clicked()
        {
            cmds.push(Command::Edit(crate::edit::EditCommand::EditEvent(e.id.clone())));
        }
        if ui
            .small_button(pick(lang, "复制", "Copy row"))
            .on_hover_text(pick(
                lang,
                "复制为一行文字（可贴进表格）：编号、标题、日期、地点、引语",
                "Copy as one row of text (pastes into a spreadsheet): id, titles, date, places, quote",
            ))
            .clicked()
        {
            ui.ctx().copy_text(row_text(ex, e));
        }
        if ui
            .small_button("✕")
            .on_hover_text(pick(lang, "关闭", "Close"))
            .clicked()
        {
            cmds.push(Command::Select {
                event: None,
                fly: false,
            });
        }
    });
    ui.label(RichText::new(&e.title_zh).font(FontId::new(20.0, theme::bold())));
    ui.label(RichText::new(&e.title_en).size(15.0).italics());
    ui.add_space(6.0);
    // The date: as the text says it, then the range it stands for.
    ui.label(RichText::new(format!("{}  ·  {}", e.when.display_zh(), e.when.display_en())).strong());
    let (a, b) = (iso(e.when.earliest()), iso(e.when.latest()));
    let range = if a == b { a } else { format!("{a} – {b}") };
    ui.label(format!(
        "{}: {range}",
        pick(lang, "推定范围", "Interpreted range")
    ));
    ui.label(RichText::new(basis_text(e, lang)).weak());
    for r in &e.refs {
        ui.label(RichText::new(format!("→ {r}")).small().weak());
    }
    readings_ui(ui, e, lang);
    ui.separator();
    // Where, who, how many.
    let day = e.when.earliest().max(e.when.latest().min(ex.day()));
    let places = ex.ds().event_places(e);
    if !places.is_empty() {
        ui.label(RichText::new(pick(lang, "地点", "Places")).strong());
        ui.horizontal_wrapped(|ui| {
            for p in places {
                let (zh, en) = p.names_at(day);
                let prov: Vec<&str> = p
                    .provinces_1937
                    .iter()
                    .filter_map(|id| ex.ds().province(id))
                    .map(|pr| {
                        if lang == Lang::Zh {
                            pr.name_zh.as_str()
                        } else {
                            pr.name_en.as_str()
                        }
                    })
                    .collect();
                let text = format!(
                    "{zh} {en}{}",
                    if prov.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", prov.join("/"))
                    }
                );
                // Where the point comes from, as every coordinate must say.
                let hover = format!(
                    "{}\n{} · ±{} km",
                    pick(lang, "飞到此处", "Fly there"),
                    p.coord_source.describe(lang),
                    p.tolerance_km
                );
                if ui.link(text).on_hover_text(hover).clicked() {
                    cmds.push(Command::FlyTo {
                        to: p.at(),
                        zoom: Some(8.0),
                    });
                }
                if editing
                    && ui
                        .small_button(pick(lang, "改地点", "edit place"))
                        .on_hover_text(pick(
                            lang,
                            "编辑这个地点：地名、旧名、类别、说明",
                            "Edit this place: names, former names, kind, note",
                        ))
                        .clicked()
                {
                    cmds.push(Command::Edit(crate::edit::EditCommand::EditPlace(p.id.clone())));
                }
            }
        });
    }
    if !e.units.is_empty() {
        ui.label(RichText::new(pick(lang, "部队与组织", "Units and bodies")).strong());
        ui.horizontal_wrapped(|ui| {
            for u in e.units.iter().filter_map(|u| ex.ds().unit(u)) {
                let text = format!("{} {}", u.name_zh, u.name_en);
                if ui
                    .link(text)
                    .on_hover_text(pick(lang, "只显示此部队的事件", "Show only this unit's events"))
                    .clicked()
                {
                    cmds.push(Command::SetUnitFilter(Some(u.id.clone())));
                }
            }
        });
    }
    if let Some(s) = &e.size {
        ui.label(format!(
            "{}: {}  ({})",
            pick(lang, "人数", "People"),
            s.display_zh(),
            s.display_en()
        ));
    }
    for f in &e.figures {
        ui.label(format!("{} {} · {}", f.value, f.zh, f.en));
    }
    ui.separator();
    ui.label(RichText::new(pick(lang, "原文", "Source text")).strong());
    let highlight = color.gamma_multiply(0.45);
    for q in std::iter::once(&e.quote).chain(&e.also_quotes) {
        match quote_job(ex, q, highlight, ui) {
            Some(job) => {
                ui.label(job);
            }
            None => {
                ui.label(RichText::new(q).italics());
            }
        }
        ui.add_space(4.0);
    }
    if !e.summary_en.is_empty() || !e.summary_zh.is_empty() {
        ui.separator();
        ui.label(e.summary(lang));
    }
    if !e.note.is_empty() {
        ui.separator();
        ui.label(RichText::new(pick(lang, "注", "Note")).strong());
        ui.label(&e.note);
    }
}
