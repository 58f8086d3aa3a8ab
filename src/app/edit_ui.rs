//! The editor's controls: the edit bar under the top bar (undo, redo,
//! save, new and edit event), the event form with each field checked as it
//! is typed, and the questions the editor asks (copy the bundled data
//! first, another program changed a file, unsaved edits of a crashed
//! session, closing with unsaved edits).
use egui::{RichText, Ui};

use super::ChronoApp;
use super::editing::FormState;
use crate::command::Command;
use crate::edit::event_form::EventForm;
use crate::edit::{EditCommand, Keep, Step};
use crate::io::files::EVENTS;
use crate::model::{EventKind, Lang, pick, pick_line};
use crate::ui::theme;

fn edit(cmd: EditCommand) -> Command {
    Command::Edit(cmd)
}

impl ChronoApp {
    /// The edit bar, while a folder is being edited.
    pub(super) fn edit_bar(&mut self, ui: &mut Ui) {
        let lang = self.lang();
        let selected = self
            .ex
            .selected()
            .and_then(|i| self.ex.ds().event_at(i))
            .map(|e| e.id.clone());
        let Some(ed) = self.editor.as_mut() else { return };
        let mut cmds = Vec::new();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(pick_line(lang, "编辑中", "Editing")).strong());
            let undo = ed.ws.history.undo_label().map(str::to_string);
            let redo = ed.ws.history.redo_label().map(str::to_string);
            if ui
                .add_enabled(undo.is_some(), egui::Button::new(pick_line(lang, "撤销", "Undo")))
                .on_hover_text(format!("Ctrl+Z {}", undo.unwrap_or_default()))
                .clicked()
            {
                cmds.push(edit(EditCommand::Undo));
            }
            if ui
                .add_enabled(redo.is_some(), egui::Button::new(pick_line(lang, "重做", "Redo")))
                .on_hover_text(format!("Ctrl+Shift+Z / Ctrl+Y {}", redo.unwrap_or_default()))
                .clicked()
            {
                cmds.push(edit(EditCommand::Redo));
            }
            let unsaved = ed.ws.unsaved().len();
            let save = if unsaved > 0 {
                format!("{} • {unsaved}", pick_line(lang, "保存", "Save"))
            } else {
                pick_line(lang, "保存", "Save").into_owned()
            };
            if ui.button(save).on_hover_text("Ctrl+S").clicked() {
                cmds.push(edit(EditCommand::Save));
            }
            ui.separator();
            if ui
                .button(pick_line(lang, "从原文新建事件", "New event from the text"))
                .on_hover_text(pick(
                    lang,
                    "在右侧原文里选中几个字，再点“用选中的原文新建事件”",
                    "Select words of the source text (right), then “New event from this phrase”",
                ))
                .clicked()
            {
                cmds.push(Command::SetDetailsShown(true));
                ed.status = pick(
                    lang,
                    "在原文里选中事件所依据的文字",
                    "select the words the event rests on in the source text",
                )
                .into_owned();
            }
            if ui.button(pick_line(lang, "新事件", "New event")).clicked() {
                ed.form = Some(FormState::new(EventForm::new_from_quote("", ""), None));
            }
            let record = selected.as_ref().and_then(|id| {
                let (_, text) = ed.ws.records(EVENTS)?.find(id)?;
                serde_json::from_str::<serde_json::Value>(text).ok()
            });
            if ui
                .add_enabled(
                    record.is_some(),
                    egui::Button::new(pick_line(lang, "编辑所选事件", "Edit selected event")),
                )
                .on_disabled_hover_text(pick(
                    lang,
                    "先在地图上选一个事件",
                    "Select an event on the map first",
                ))
                .clicked()
                && let Some(r) = record
            {
                ed.form = Some(FormState::new(EventForm::from_record(&r), Some(r)));
            }
            ui.separator();
            use super::place_tool::Tool;
            let t = &mut ed.tool.tool;
            if ui
                .selectable_label(*t == Tool::AddPlace, pick_line(lang, "添加地点", "Add place"))
                .on_hover_text(pick(
                    lang,
                    "在地图上点一下放置新地点",
                    "Click the map where the new place is",
                ))
                .clicked()
            {
                *t = if *t == Tool::AddPlace {
                    Tool::Off
                } else {
                    Tool::AddPlace
                };
            }
            if ui
                .selectable_label(*t == Tool::MovePlaces, pick_line(lang, "移动地点", "Move places"))
                .on_hover_text(pick(
                    lang,
                    "用左键拖动地点，点一下编辑地名；右键拖动地图",
                    "Drag a place's point with the left button, click it to edit its names; pan with the right",
                ))
                .clicked()
            {
                *t = if *t == Tool::MovePlaces {
                    Tool::Off
                } else {
                    Tool::MovePlaces
                };
            }
            if ui
                .selectable_label(ed.tours.is_some(), pick_line(lang, "导览…", "Tours…"))
                .clicked()
            {
                ed.tours = match ed.tours {
                    Some(_) => None,
                    None => Some(Default::default()),
                };
            }
            ui.separator();
            let done = ui.add_enabled(
                unsaved == 0,
                egui::Button::new(pick_line(lang, "结束编辑", "Done editing")),
            );
            if done
                .on_disabled_hover_text(pick(lang, "先保存或撤销", "Save or undo first"))
                .clicked()
            {
                cmds.push(edit(EditCommand::End));
            }
            ui.label(RichText::new(&ed.status).small().weak());
        });
        self.cmds.extend(cmds);
    }

    /// The editor's windows.
    pub(super) fn edit_windows(&mut self, ctx: &egui::Context) {
        let lang = self.lang();
        self.copy_window(ctx, lang);
        self.place_window(ctx, lang);
        self.tour_editor_window(ctx, lang);
        self.form_window(ctx, lang);
        self.suggestion_window(ctx, lang);
        let Some(ed) = self.editor.as_mut() else { return };
        let mut cmds = Vec::new();
        if let Some(files) = ed.conflict.clone() {
            egui::Window::new(pick(lang, "文件已被其他程序改动", "Changed by another program"))
                .collapsible(false)
                .show(ctx, |ui| {
                    ui.label(pick(
                        lang,
                        &format!("{} 在磁盘上已被改动。保存哪一版？", files.join("、")),
                        &format!(
                            "{} changed on disk while you were editing. Which version is kept?",
                            files.join(", ")
                        ),
                    ));
                    ui.horizontal(|ui| {
                        if ui.button(pick_line(lang, "保留我的", "Keep mine")).clicked() {
                            cmds.push(edit(EditCommand::SaveKeeping(Keep::Mine)));
                        }
                        if ui.button(pick_line(lang, "保留他们的", "Keep theirs")).clicked() {
                            cmds.push(edit(EditCommand::SaveKeeping(Keep::Theirs)));
                        }
                        if ui
                            .button(pick_line(lang, "两版都留", "See both"))
                            .on_hover_text(pick(
                                lang,
                                "我的版本另存为 文件名.mine，原文件不动",
                                "Mine is written beside theirs as FILE.mine; theirs is left as it is",
                            ))
                            .clicked()
                        {
                            for f in &files {
                                let path = ed.ws.root.join(format!("{f}.mine"));
                                let text = ed.ws.text(f).unwrap_or_default();
                                ed.status = match crate::edit::write_atomic(&path, text.as_bytes()) {
                                    Ok(()) => format!("mine is in {}", path.display()),
                                    Err(e) => format!("{}: {e}", path.display()),
                                };
                            }
                            ed.conflict = None;
                        }
                    });
                });
        }
        if ed.recovery.is_some() {
            egui::Window::new(pick(
                lang,
                "上次未保存的编辑",
                "Unsaved edits of the last session",
            ))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(pick(
                    lang,
                    "上次编辑没有保存就结束了；自动保存的编辑可以找回。",
                    "The last session ended without saving; its autosaved edits can be taken back.",
                ));
                ui.horizontal(|ui| {
                    if ui.button(pick_line(lang, "找回", "Take them back")).clicked() {
                        cmds.push(edit(EditCommand::Restore));
                    }
                    if ui.button(pick_line(lang, "丢弃", "Discard them")).clicked() {
                        cmds.push(edit(EditCommand::DiscardRecovery));
                    }
                });
            });
        }
        if ed.confirm_close {
            egui::Window::new(pick(lang, "有未保存的编辑", "Unsaved edits"))
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                .show(ctx, |ui| {
                    ui.label(pick(lang, "关闭前保存吗？", "Save them before closing?"));
                    ui.horizontal(|ui| {
                        if ui
                            .button(pick_line(lang, "保存并关闭", "Save and close"))
                            .clicked()
                        {
                            ed.confirm_close = false;
                            if ed.ws.save().is_ok() {
                                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                            } else {
                                cmds.push(edit(EditCommand::Save));
                            }
                        }
                        if ui
                            .button(pick_line(lang, "不保存，关闭", "Close without saving"))
                            .clicked()
                        {
                            // The autosave keeps them till the next session.
                            let _ = ed.ws.autosave();
                            self.exit_allowed = true;
                            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        }
                        if ui.button(pick_line(lang, "取消", "Cancel")).clicked() {
                            ed.confirm_close = false;
                        }
                    });
                });
        }
        self.cmds.extend(cmds);
    }

    /// A place's form: a new one (after a click on the map) or one to
    /// change (its names, kind, note...; its id stays, events cite it).
    fn place_window(&mut self, ctx: &egui::Context, lang: Lang) {
        let ds = self.ex.ds();
        let Some(ed) = self.editor.as_mut() else { return };
        let Some((f, is_new)) = ed.place_form.as_mut() else {
            return;
        };
        let is_new = *is_new;
        let problems = f.problems(ds, is_new);
        let mut open = true;
        let mut apply = false;
        let title = if is_new {
            pick(lang, "新地点", "New place")
        } else {
            pick(lang, "地点", "Place")
        };
        egui::Window::new(title)
            .open(&mut open)
            .collapsible(false)
            .default_pos(ctx.content_rect().left_top() + egui::vec2(200.0, 110.0))
            .show(ctx, |ui| {
                egui::Grid::new("place_form").num_columns(2).show(ui, |ui| {
                    let row = |ui: &mut Ui, label: (&str, &str), field: &str, value: &mut String| {
                        let name = ui.label(pick_line(lang, label.0, label.1));
                        ui.vertical(|ui| {
                            ui.add(egui::TextEdit::singleline(value).desired_width(320.0))
                                .labelled_by(name.id);
                            for p in problems.iter().filter(|p| p.field == field) {
                                ui.colored_label(
                                    theme::ERROR_TEXT,
                                    RichText::new(pick(lang, &p.zh, &p.en)).small(),
                                );
                            }
                        });
                        ui.end_row();
                    };
                    if is_new {
                        row(ui, ("编号", "Id"), "id", &mut f.id);
                    } else {
                        ui.label(pick_line(lang, "编号", "Id"));
                        ui.label(RichText::new(&f.id).monospace());
                        ui.end_row();
                    }
                    row(ui, ("中文名", "Name (中文)"), "name", &mut f.name_zh);
                    row(ui, ("英文名", "Name (English)"), "name", &mut f.name_en);
                    let name = ui.label(pick_line(lang, "类别", "Kind"));
                    egui::ComboBox::from_id_salt("place_kind")
                        .selected_text(f.kind.clone())
                        .show_ui(ui, |ui| {
                            for k in crate::model::PlaceKind::ALL {
                                ui.selectable_value(&mut f.kind, k.key().to_string(), k.key());
                            }
                        })
                        .response
                        .labelled_by(name.id);
                    ui.end_row();
                    row(ui, ("1937年省份", "Province (1937)"), "province", &mut f.province);
                    row(ui, ("经度", "Longitude"), "lon", &mut f.lon);
                    row(ui, ("纬度", "Latitude"), "lat", &mut f.lat);
                    row(ui, ("半径（公里）", "Radius (km)"), "radius_km", &mut f.radius_km);
                    row(
                        ui,
                        ("误差（公里）", "Tolerance (km)"),
                        "tolerance_km",
                        &mut f.tolerance_km,
                    );
                    row(
                        ui,
                        ("坐标来源", "Coordinate from"),
                        "coord_source",
                        &mut f.coord_source,
                    );
                    row(
                        ui,
                        ("旧名（中文|English|日期）", "Former names (中文|English|date)"),
                        "historical_names",
                        &mut f.historical_names,
                    );
                    row(ui, ("说明", "Note"), "note", &mut f.note);
                });
                apply = ui
                    .add_enabled(
                        problems.is_empty(),
                        egui::Button::new(pick_line(lang, "应用", "Apply")),
                    )
                    .clicked();
            });
        if apply {
            let step = Step {
                label: format!("{} {}", if is_new { "new place" } else { "change place" }, f.id),
                edits: vec![ed.ws.put(crate::io::files::PLACES, &f.id, Some(f.to_line()))],
            };
            ed.place_form = None;
            self.cmds.push(edit(EditCommand::Act(step)));
        } else if !open {
            ed.place_form = None;
        }
    }

    fn copy_window(&mut self, ctx: &egui::Context, lang: Lang) {
        let Some(mut to) = self.copy_dialog.take() else {
            return;
        };
        let mut open = true;
        let mut go = false;
        egui::Window::new(pick(lang, "编辑数据的副本", "Edit a copy of the data"))
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(pick(
                    lang,
                    "内置数据不会被直接修改：先把它复制到一个新文件夹，再编辑副本。",
                    "The bundled data is never edited in place: it is copied to a new folder, and the copy is edited.",
                ));
                ui.horizontal(|ui| {
                    let name = ui.label(pick(lang, "文件夹", "Folder"));
                    ui.add(egui::TextEdit::singleline(&mut to).desired_width(360.0)).labelled_by(name.id);
                });
                go = ui.button(pick_line(lang, "复制并编辑", "Copy and edit")).clicked();
            });
        if go {
            self.cmds.push(edit(EditCommand::Begin {
                copy_to: Some(to.trim().into()),
            }));
        } else if open {
            self.copy_dialog = Some(to);
        }
    }

    fn form_window(&mut self, ctx: &egui::Context, lang: Lang) {
        let ds = self.ex.ds();
        let Some(ed) = self.editor.as_mut() else { return };
        let Some(state) = ed.form.as_mut() else { return };
        let is_new = state.base.is_none();
        let problems = state.form.problems(ds, is_new);
        // The fields read: then what validate says of the data with them.
        let checks: Vec<String> = if problems.is_empty() {
            state.validation(&ed.ws).to_vec()
        } else {
            Vec::new()
        };
        let query = state.place_query.trim().to_string();
        let place_hits: Vec<(String, String)> = if query.is_empty() {
            Vec::new()
        } else {
            let index = state
                .search
                .get_or_insert_with(|| crate::search::SearchIndex::new(ds));
            (index.find(&query, 8).into_iter())
                .filter_map(|t| match t {
                    crate::search::Target::Place(i) => ds.places.get(i),
                    _ => None,
                })
                .map(|p| (p.id.clone(), format!("{} {}", p.name_zh, p.name_en)))
                .collect()
        };
        // Places the data lacks, from the gazetteer of all of China: a hit
        // adds the place to the data (one step) and its id to the event.
        let gazetteer_hits = if query.is_empty() {
            Vec::new()
        } else {
            super::suggestions::gazetteer_search(ds, &query, 6)
        };
        let mut add_place: Option<String> = None;
        let mut open = true;
        let mut apply = false;
        let mut delete = false;
        let title = if is_new {
            pick(lang, "新事件", "New event")
        } else {
            pick(lang, "编辑事件", "Edit event")
        };
        // Below the bars, so that the edit bar's buttons stay in reach.
        let at = ctx.content_rect().left_top() + egui::vec2(200.0, 110.0);
        egui::Window::new(title)
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .default_pos(at)
            .show(ctx, |ui| {
                let f = &mut state.form;
                // A laptop's window holds the whole form; a smaller one scrolls it.
                let room = (ctx.content_rect().height() - 400.0).max(160.0);
                egui::ScrollArea::vertical().max_height(room).show(ui, |ui| {
                    egui::Grid::new("event_form")
                        .num_columns(2)
                        .spacing([8.0, 6.0])
                        .show(ui, |ui| {
                            let said = |ui: &mut Ui, field: &str| {
                                for p in problems.iter().filter(|p| p.field == field) {
                                    ui.colored_label(
                                        theme::ERROR_TEXT,
                                        RichText::new(pick(lang, &p.zh, &p.en)).small(),
                                    );
                                }
                            };
                            let text = |ui: &mut Ui,
                                        label: (&str, &str),
                                        field: &str,
                                        value: &mut String,
                                        multiline: bool| {
                                let name = ui.label(pick_line(lang, label.0, label.1));
                                ui.vertical(|ui| {
                                    let edit = if multiline {
                                        egui::TextEdit::multiline(value).desired_rows(2)
                                    } else {
                                        egui::TextEdit::singleline(value)
                                    };
                                    ui.add(edit.desired_width(400.0)).labelled_by(name.id);
                                    said(ui, field);
                                });
                                ui.end_row();
                            };
                            if is_new {
                                text(ui, ("编号", "Id"), "id", &mut f.id, false);
                            } else {
                                ui.label(pick_line(lang, "编号", "Id"));
                                ui.monospace(&f.id);
                                ui.end_row();
                            }
                            let name = ui.label(pick_line(lang, "类别", "Kind"));
                            ui.vertical(|ui| {
                                let shown = EventKind::from_key(&f.kind)
                                    .map_or(f.kind.clone(), |k| k.name(lang).into_owned());
                                egui::ComboBox::from_id_salt("kind")
                                    .selected_text(shown)
                                    .show_ui(ui, |ui| {
                                        for k in EventKind::ALL {
                                            ui.selectable_value(
                                                &mut f.kind,
                                                k.key().to_string(),
                                                k.name(lang),
                                            );
                                        }
                                    })
                                    .response
                                    .labelled_by(name.id);
                                said(ui, "kind");
                            });
                            ui.end_row();
                            text(ui, ("日期", "Date"), "when", &mut f.when, false);
                            let name = ui.label(pick_line(lang, "日期依据", "Date from"));
                            ui.vertical(|ui| {
                                ui.horizontal(|ui| {
                                    for (key, zh, en) in [
                                        ("text", "原文", "the text"),
                                        ("context", "上下文", "the context"),
                                        ("external", "文外资料", "a reference"),
                                    ] {
                                        ui.selectable_value(
                                            &mut f.when_basis,
                                            key.to_string(),
                                            pick_line(lang, zh, en),
                                        );
                                    }
                                })
                                .response
                                .labelled_by(name.id);
                                said(ui, "when_basis");
                            });
                            ui.end_row();
                            text(
                                ui,
                                ("日期怎么读出（中文）", "Date read how (中文)"),
                                "date_reading",
                                &mut f.date_reading_zh,
                                false,
                            );
                            text(
                                ui,
                                ("日期怎么读出（英文）", "Date read how (English)"),
                                "date_reading_en",
                                &mut f.date_reading_en,
                                false,
                            );
                            text(
                                ui,
                                ("中文标题", "Title (中文)"),
                                "title_zh",
                                &mut f.title_zh,
                                false,
                            );
                            text(
                                ui,
                                ("英文标题", "Title (English)"),
                                "title_en",
                                &mut f.title_en,
                                false,
                            );
                            text(ui, ("地点", "Places"), "places", &mut f.places, false);
                            // The gazetteer, by Chinese, pinyin or English: a
                            // hit adds its id to the places.
                            let name = ui.label(pick_line(lang, "查找地点", "Find a place"));
                            ui.vertical(|ui| {
                                ui.add(
                                    egui::TextEdit::singleline(&mut state.place_query)
                                        .hint_text(pick_line(
                                            lang,
                                            "太原 / taiyuan / Taiyuan",
                                            "太原 / taiyuan / Taiyuan",
                                        ))
                                        .desired_width(400.0),
                                )
                                .labelled_by(name.id);
                                ui.horizontal_wrapped(|ui| {
                                    for (id, shown) in &place_hits {
                                        if ui.small_button(format!("+ {shown}")).clicked() {
                                            add_place = Some(id.clone());
                                        }
                                    }
                                    for (geonameid, shown) in &gazetteer_hits {
                                        if ui
                                            .small_button(format!("+ {shown}"))
                                            .on_hover_text(pick(
                                                lang,
                                                "地名库（GeoNames）里的地点：加入数据",
                                                "A place of the gazetteer (GeoNames): added to the data",
                                            ))
                                            .clicked()
                                        {
                                            self.cmds.push(Command::Edit(EditCommand::AddGazetteerPlace(
                                                *geonameid,
                                            )));
                                        }
                                    }
                                });
                            });
                            ui.end_row();
                            text(ui, ("部队/组织", "Units"), "units", &mut f.units, false);
                            text(ui, ("人数", "Size"), "size", &mut f.size, false);
                            text(ui, ("原文引语", "Quote"), "quote", &mut f.quote, true);
                            text(ui, ("说明", "Note"), "note", &mut f.note, true);
                            text(ui, ("出处", "References"), "refs", &mut f.refs, true);
                        });
                });
                // What the date reads as, so a typo shows before it is applied.
                if let Ok(d) = f.when.parse::<crate::model::HistDate>() {
                    ui.label(
                        RichText::new(format!("{} · {}", d.display_zh(), d.display_en()))
                            .small()
                            .weak(),
                    );
                }
                for c in &checks {
                    ui.colored_label(theme::ERROR_TEXT, RichText::new(format!("validate: {c}")).small());
                }
                ui.horizontal(|ui| {
                    let ok = problems.is_empty() && checks.is_empty();
                    apply = ui
                        .add_enabled(ok, egui::Button::new(pick_line(lang, "应用", "Apply")))
                        .clicked();
                    if !is_new {
                        delete = ui.button(pick_line(lang, "删除事件", "Delete event")).clicked();
                    }
                });
            });
        if let Some(id) = add_place {
            let f = &mut state.form;
            if !f.places.split([',', ' ']).any(|p| p.trim() == id) {
                f.places = if f.places.trim().is_empty() {
                    id
                } else {
                    format!("{}, {id}", f.places.trim())
                };
            }
            state.place_query.clear();
        }
        if apply {
            let text = state.record_text(&ed.ws);
            let label = if is_new {
                format!("new event {}", state.form.id)
            } else {
                format!("edit {}", state.form.id)
            };
            let step = Step {
                label,
                edits: vec![ed.ws.put(EVENTS, &state.form.id, Some(text))],
            };
            self.cmds.push(edit(EditCommand::Act(step)));
        } else if delete {
            let step = Step {
                label: format!("delete {}", state.form.id),
                edits: vec![ed.ws.put(EVENTS, &state.form.id, None)],
            };
            self.cmds.push(edit(EditCommand::Act(step)));
        } else if !open {
            ed.form = None;
        }
    }
}
