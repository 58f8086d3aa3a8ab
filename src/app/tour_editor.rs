//! The tour editor (issue #20): a tour's steps listed, each previewed,
//! moved up or down, deleted; a step added from what the window shows (its
//! view, its date, the selected event as the highlight); a step's titles,
//! captions, date and duration edited; a new tour. Every change is one
//! undoable step that rewrites `tours/NAME.json`, leaving the other steps'
//! text as it was.
use egui::{RichText, Ui};

use super::ChronoApp;
use crate::command::Command;
use crate::edit::tour_doc::{StepForm, TourDoc};
use crate::edit::{EditCommand, Step, Workspace};
use crate::model::date::format_iso;
use crate::model::{Lang, pick, pick_line};
use crate::state::CameraRequest;
use crate::ui::theme;

/// The tour editor's state.
#[derive(Debug, Clone, Default)]
pub struct TourEditor {
    /// The tour file edited (`tours/story.json`).
    pub file: String,
    /// The step whose fields are shown, and its fields as typed.
    pub step: Option<(usize, StepForm)>,
    /// A new tour's id and titles, as typed.
    pub new_tour: Option<(String, String, String)>,
}

fn tour_files(ws: &Workspace) -> Vec<String> {
    ws.file_set()
        .files()
        .map(|(n, _)| n.to_string())
        .filter(|n| n.starts_with("tours/") && n.ends_with(".json"))
        .collect()
}

/// The step that makes `file` read as `doc` now does.
fn rewrite(ws: &Workspace, file: &str, doc: &TourDoc, label: String) -> Command {
    Command::Edit(EditCommand::Act(Step {
        label,
        edits: vec![ws.put_file(file, Some(doc.text()))],
    }))
}

impl ChronoApp {
    /// A step made of what the window shows now.
    pub fn step_from_view(&self) -> StepForm {
        let ds = self.ex.ds();
        let selected = self.ex.selected().and_then(|i| ds.event_at(i));
        StepForm {
            title_zh: selected.as_ref().map(|e| e.title_zh.clone()).unwrap_or_default(),
            title_en: selected.as_ref().map(|e| e.title_en.clone()).unwrap_or_default(),
            date: format_iso(self.ex.day()),
            view: Some(self.camera_now()),
            events: selected.map(|e| vec![e.id.clone()]).unwrap_or_default(),
            duration: "12".into(),
            ..StepForm::default()
        }
    }

    pub(super) fn tour_editor_window(&mut self, ctx: &egui::Context, lang: Lang) {
        let from_view = self.step_from_view();
        let Some(ed) = self.editor.as_mut() else { return };
        let Some(te) = ed.tours.as_mut() else { return };
        let files = tour_files(&ed.ws);
        if te.file.is_empty() || !files.contains(&te.file) {
            te.file = files.first().cloned().unwrap_or_default();
        }
        let doc = ed.ws.text(&te.file).and_then(|t| TourDoc::parse(&t).ok());
        let mut cmds = Vec::new();
        let mut open = true;
        egui::Window::new(pick(lang, "编辑导览", "Tour editor"))
            .open(&mut open)
            .default_width(480.0)
            .default_pos(ctx.content_rect().right_top() + egui::vec2(-520.0, 110.0))
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    let name = ui.label(pick_line(lang, "导览", "Tour"));
                    egui::ComboBox::from_id_salt("tour_file")
                        .selected_text(te.file.clone())
                        .show_ui(ui, |ui| {
                            for f in &files {
                                ui.selectable_value(&mut te.file, f.clone(), f);
                            }
                        })
                        .response
                        .labelled_by(name.id);
                    if ui.button(pick_line(lang, "新导览…", "New tour…")).clicked() {
                        te.new_tour = Some(("my_tour".into(), String::new(), String::new()));
                    }
                });
                if let Some((id, zh, en)) = te.new_tour.as_mut() {
                    new_tour_ui(ui, lang, (id, zh, en), &from_view, &files, &ed.ws, &mut cmds);
                    if !cmds.is_empty() {
                        te.file = format!("tours/{id}.json");
                        te.new_tour = None;
                    }
                }
                let Some(mut doc) = doc.clone() else {
                    return;
                };
                ui.separator();
                let n = doc.steps.len();
                for k in 0..n {
                    let form = serde_json::from_str(&doc.steps[k])
                        .map(|v| StepForm::from_value(&v))
                        .unwrap_or_default();
                    let row = ui.horizontal(|ui| {
                        // The step's name is a handle: dragged onto
                        // another step's row, it takes that place.
                        let name = format!(
                            "{}. {} · {}",
                            k + 1,
                            pick(lang, &form.title_zh, &form.title_en),
                            form.date
                        );
                        ui.dnd_drag_source(egui::Id::NULL.with(("tour_step", k)), k, |ui| {
                            ui.label(format!("↕ {name}")).on_hover_text(pick(
                                lang,
                                "拖动以调整顺序",
                                "Drag to reorder",
                            ));
                        });
                        if ui
                            .small_button(pick_line(lang, "看", "Go"))
                            .on_hover_text(pick(lang, "预览这一步", "Preview this step"))
                            .clicked()
                        {
                            cmds.extend(preview(&form));
                        }
                        if ui
                            .small_button("↑")
                            .on_hover_text(pick(lang, "上移", "Move up"))
                            .clicked()
                            && k > 0
                        {
                            let mut d = doc.clone();
                            d.move_down(k - 1);
                            cmds.push(rewrite(&ed.ws, &te.file, &d, format!("move step {} up", k + 1)));
                        }
                        if ui
                            .small_button("↓")
                            .on_hover_text(pick(lang, "下移", "Move down"))
                            .clicked()
                            && k + 1 < n
                        {
                            let mut d = doc.clone();
                            d.move_down(k);
                            cmds.push(rewrite(&ed.ws, &te.file, &d, format!("move step {} down", k + 1)));
                        }
                        if ui.small_button(pick_line(lang, "改", "Edit")).clicked() {
                            te.step = Some((k, form.clone()));
                        }
                        if ui
                            .small_button("✕")
                            .on_hover_text(pick(lang, "删除这一步", "Delete this step"))
                            .clicked()
                        {
                            let mut d = doc.clone();
                            d.remove(k);
                            cmds.push(rewrite(&ed.ws, &te.file, &d, format!("delete step {}", k + 1)));
                        }
                    });
                    if let Some(from) = row.response.dnd_release_payload::<usize>()
                        && *from != k
                    {
                        let mut d = doc.clone();
                        d.move_to(*from, k);
                        cmds.push(rewrite(
                            &ed.ws,
                            &te.file,
                            &d,
                            format!("move step {} to {}", *from + 1, k + 1),
                        ));
                    }
                }
                if ui
                    .button(pick_line(
                        lang,
                        "用当前画面添加一步",
                        "Add step from the current view",
                    ))
                    .on_hover_text(pick(
                        lang,
                        "当前的视野、日期和所选事件",
                        "The view, the date and the selected event shown now",
                    ))
                    .clicked()
                {
                    let text = doc.step_text(&from_view.to_value());
                    doc.insert(n, text);
                    cmds.push(rewrite(&ed.ws, &te.file, &doc, format!("add step {}", n + 1)));
                    te.step = Some((n, from_view.clone()));
                }
                if let Some((k, f)) = te.step.as_mut()
                    && *k < doc.steps.len()
                {
                    ui.separator();
                    ui.label(RichText::new(format!("{} {}", pick(lang, "第几步", "Step"), *k + 1)).strong());
                    step_fields(ui, lang, f);
                    ui.horizontal(|ui| {
                        if ui.button(pick_line(lang, "应用", "Apply")).clicked() {
                            let mut base: serde_json::Value =
                                serde_json::from_str(&doc.steps[*k]).unwrap_or_default();
                            let new = f.to_value();
                            for key in [
                                "title_zh",
                                "title_en",
                                "caption_zh",
                                "caption_en",
                                "duration_secs",
                            ] {
                                if let Some(v) = new.get(key) {
                                    base[key] = v.clone();
                                }
                            }
                            if let Some(o) = base.as_object_mut() {
                                o.remove("date");
                                o.remove("play");
                            }
                            for key in ["date", "play"] {
                                if let Some(v) = new.get(key) {
                                    base[key] = v.clone();
                                }
                            }
                            let text = doc.step_text(&reorder(base));
                            doc.steps[*k] = text;
                            cmds.push(rewrite(&ed.ws, &te.file, &doc, format!("edit step {}", *k + 1)));
                        }
                        if ui
                            .button(pick_line(lang, "用当前视野", "Use the current view"))
                            .clicked()
                        {
                            let mut base: serde_json::Value =
                                serde_json::from_str(&doc.steps[*k]).unwrap_or_default();
                            base["camera"] = from_view.to_value()["camera"].clone();
                            doc.steps[*k] = doc.step_text(&base);
                            cmds.push(rewrite(
                                &ed.ws,
                                &te.file,
                                &doc,
                                format!("camera of step {}", *k + 1),
                            ));
                        }
                    });
                }
            });
        if !open {
            ed.tours = None;
        }
        self.cmds.extend(cmds);
    }
}

/// The keys of a step in the tours' order (the ones it has).
fn reorder(v: serde_json::Value) -> serde_json::Value {
    let order = [
        "title_zh",
        "title_en",
        "caption_zh",
        "caption_en",
        "date",
        "play",
        "camera",
        "events",
        "units",
        "duration_secs",
    ];
    let Some(mut o) = v.as_object().cloned() else {
        return v;
    };
    let mut out = serde_json::Map::new();
    for k in order {
        if let Some(x) = o.remove(k) {
            out.insert(k.into(), x);
        }
    }
    out.extend(o);
    serde_json::Value::Object(out)
}

/// The commands that show a step: its date, its view.
fn preview(f: &StepForm) -> Vec<Command> {
    let mut out = Vec::new();
    if let Ok(d) = f.date.parse::<crate::model::HistDate>() {
        out.push(Command::Seek(f64::from(d.latest_start)));
    }
    if let Some(v) = f.view {
        out.push(Command::Camera(CameraRequest::Glide(v)));
    }
    out
}

fn step_fields(ui: &mut Ui, lang: Lang, f: &mut StepForm) {
    egui::Grid::new("step_form").num_columns(2).show(ui, |ui| {
        let row = |ui: &mut Ui, label: (&str, &str), value: &mut String, multiline: bool| {
            let name = ui.label(pick_line(lang, label.0, label.1));
            let edit = if multiline {
                egui::TextEdit::multiline(value).desired_rows(2)
            } else {
                egui::TextEdit::singleline(value)
            };
            ui.add(edit.desired_width(320.0)).labelled_by(name.id);
            ui.end_row();
        };
        row(ui, ("中文标题", "Title (中文)"), &mut f.title_zh, false);
        row(ui, ("英文标题", "Title (English)"), &mut f.title_en, false);
        row(ui, ("中文说明", "Caption (中文)"), &mut f.caption_zh, true);
        row(ui, ("英文说明", "Caption (English)"), &mut f.caption_en, true);
        row(
            ui,
            ("日期（或播放起点）", "Date (or play from)"),
            &mut f.date,
            false,
        );
        row(ui, ("播放到", "Play to"), &mut f.play_to, false);
        row(ui, ("速度（天/秒）", "Speed (days/s)"), &mut f.speed, false);
        row(
            ui,
            ("时长（秒，空：等待）", "Duration (s; empty: wait)"),
            &mut f.duration,
            false,
        );
    });
    if let Err(e) = f.date.parse::<crate::model::HistDate>() {
        ui.colored_label(theme::ERROR_TEXT, RichText::new(e.to_string()).small());
    }
}

/// A new tour's id and titles; made with its first step, from the view
/// (a tour has at least one).
fn new_tour_ui(
    ui: &mut Ui,
    lang: Lang,
    (id, zh, en): (&mut String, &mut String, &mut String),
    first: &StepForm,
    files: &[String],
    ws: &Workspace,
    cmds: &mut Vec<Command>,
) {
    egui::Grid::new("new_tour").num_columns(2).show(ui, |ui| {
        for (label, value) in [
            (("编号", "Tour id"), &mut *id),
            (("中文名", "Title (中文)"), &mut *zh),
            (("英文名", "Title (English)"), &mut *en),
        ] {
            let name = ui.label(pick_line(lang, label.0, label.1));
            ui.add(egui::TextEdit::singleline(value).desired_width(260.0))
                .labelled_by(name.id);
            ui.end_row();
        }
    });
    let file = format!("tours/{id}.json");
    let id_ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let ok = id_ok && !files.contains(&file) && !zh.trim().is_empty() && !en.trim().is_empty();
    let made = ui
        .add_enabled(
            ok,
            egui::Button::new(pick_line(lang, "建立导览", "Make the tour")),
        )
        .on_hover_text(pick(
            lang,
            "第一步取当前画面",
            "Its first step is the view shown now",
        ));
    if made.clicked()
        && let Ok(mut doc) = TourDoc::parse(&TourDoc::new_tour(id, zh.trim(), en.trim()))
    {
        let step = doc.step_text(&first.to_value());
        doc.insert(0, step);
        cmds.push(Command::Edit(EditCommand::Act(Step {
            label: format!("new tour {id}"),
            edits: vec![ws.put_file(&file, Some(doc.text()))],
        })));
    }
}
