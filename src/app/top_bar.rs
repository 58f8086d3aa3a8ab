//! The explorer's top bar, one row: language, tours, present, search, the
//! side panels, fit all, problems; a menu for fullscreen, online map,
//! open, export and about.
use std::path::Path;

use egui::RichText;

use super::ChronoApp;
use crate::command::{Command, TourCommand};
use crate::map::basemap::BasemapChoice;
use crate::model::{Lang, pick, pick_line};
use crate::search::{SearchIndex, Target};
use crate::ui::theme;

/// The search field's id (Ctrl+F gives it the keyboard).
pub(super) fn search_id() -> egui::Id {
    egui::Id::NULL.with("chronoatlas.search")
}

impl ChronoApp {
    pub(super) fn search_ui(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang();
        let label = ui.label(pick_line(lang, "搜索", "Search"));
        let edit = egui::TextEdit::singleline(&mut self.query)
            .id(search_id())
            .hint_text(pick_line(lang, "地名、部队、事件", "places, units, events"))
            .desired_width(150.0);
        let response = ui.add(edit).labelled_by(label.id);
        let hits = if self.query.trim().is_empty() {
            Vec::new()
        } else {
            let ds = self.ex.ds();
            self.search
                .get_or_insert_with(|| SearchIndex::new(ds))
                .find_with_rows(ds, &self.query, 12)
        };
        if self.query.trim().is_empty() || (hits.is_empty() && !response.has_focus()) {
            return;
        }
        let ds = self.ex.ds();
        let day = self.ex.day();
        egui::Area::new(ui.scope_id().with("search_results"))
            .fixed_pos(response.rect.left_bottom() + egui::vec2(0.0, 4.0))
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_min_width(300.0);
                    if hits.is_empty() {
                        ui.weak(pick(lang, "没有找到", "Nothing found"));
                    }
                    for t in hits {
                        let (label, cmd) = match t {
                            Target::Place(i) => {
                                let p = &ds.places[i];
                                let (zh, en) = p.names_at(day);
                                (
                                    format!("◎ {zh} {en}"),
                                    Command::FlyTo {
                                        to: p.at(),
                                        zoom: Some(8.0),
                                    },
                                )
                            }
                            Target::Unit(i) => {
                                let u = &ds.units[i];
                                (
                                    format!("▲ {} {}", u.name_zh, u.name_en),
                                    Command::SetUnitFilter(Some(u.id.clone())),
                                )
                            }
                            Target::Event(i) => {
                                let Some(e) = ds.event_at(i) else { continue };
                                (
                                    format!(
                                        "● {} · {}",
                                        e.title(lang).replace('\n', " / "),
                                        e.when.display_zh()
                                    ),
                                    Command::Select {
                                        event: Some(i),
                                        fly: true,
                                    },
                                )
                            }
                        };
                        if ui.selectable_label(false, label).clicked() {
                            if let Command::Select { event: Some(i), .. } = cmd {
                                // Show the chosen event at its date.
                                let start = ds
                                    .event_at(i)
                                    .map_or(crate::model::Day::MIN, |e| e.when.latest_start);
                                let d = start.max(self.ex.clock().start());
                                self.cmds.push(Command::Seek(f64::from(d)));
                            }
                            self.cmds.push(cmd);
                            self.query.clear();
                        }
                    }
                });
            });
    }

    /// One row at 1280 points in every language: the app's name, the
    /// languages, tours and presenting, search, the two side panels, fit
    /// all, then a menu for the rest (fullscreen, online map, open, export,
    /// about).
    pub(super) fn top_bar(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang();
        ui.horizontal(|ui| {
            ui.label(RichText::new("chronoatlas").font(egui::FontId::new(18.0, theme::bold())));
            ui.separator();
            for (l, label) in [
                (Lang::Zh, "中文"),
                (Lang::En, "English"),
                (Lang::Both, "中文 + English"),
            ] {
                if ui.selectable_label(lang == l, label).clicked() {
                    self.cmds.push(Command::SetLang(l));
                }
            }
            ui.separator();
            let tours: Vec<(usize, String)> = self
                .ex
                .ds()
                .tours
                .iter()
                .enumerate()
                .map(|(i, t)| (i, pick(lang, &t.title_zh, &t.title_en).replace('\n', " / ")))
                .collect();
            ui.menu_button(pick_line(lang, "导览", "Tours"), |ui| {
                for (i, title) in tours {
                    if ui.button(title).clicked() {
                        self.cmds.push(Command::Tour(TourCommand::Open(i)));
                    }
                }
            });
            if ui
                .button(pick_line(lang, "演示", "Present"))
                .on_hover_text("Esc: back")
                .clicked()
            {
                self.cmds.push(Command::Tour(TourCommand::Present(true)));
            }
            ui.separator();
            self.search_ui(ui);
            ui.separator();
            let toggles = [
                (
                    self.ex.settings().show_legend,
                    pick_line(lang, "图例", "Legend"),
                    "L",
                    Command::ToggleLegend,
                ),
                (
                    self.ex.settings().show_details,
                    pick_line(lang, "原文", "Source"),
                    "R",
                    Command::ToggleDetails,
                ),
            ];
            for (on, label, key, cmd) in toggles {
                if ui.selectable_label(on, label).on_hover_text(key).clicked() {
                    self.cmds.push(cmd);
                }
            }
            if ui
                .button(pick_line(lang, "全图", "Fit all"))
                .on_hover_text("Home")
                .clicked()
            {
                self.cmds.push(Command::ResetView);
            }
            if self.problems.is_empty() && !self.ex.ds().read_notes.is_empty() {
                // The load report alone: how a point file's columns were read.
                if ui
                    .button(pick_line(lang, "读取说明", "How it was read"))
                    .clicked()
                {
                    self.show_problems = !self.show_problems;
                }
            } else if !self.problems.is_empty() {
                let n = self.problems.iter().filter(|p| p.is_error()).count();
                // Warnings alone (the data claims more than its text) are
                // not "problems": said as what they are, not in red.
                let (text, colour) = match (lang, n) {
                    (Lang::Zh, 0) => (format!("提示 {}", self.problems.len()), theme::CREDIT_TEXT),
                    (_, 0) if self.problems.len() == 1 => ("1 warning".to_string(), theme::CREDIT_TEXT),
                    (_, 0) => (format!("{} warnings", self.problems.len()), theme::CREDIT_TEXT),
                    (Lang::Zh, _) => (format!("数据问题 {n}"), theme::ERROR_TEXT),
                    _ => (format!("{n} data problems"), theme::ERROR_TEXT),
                };
                if ui.button(RichText::new(text).color(colour)).clicked() {
                    self.show_problems = !self.show_problems;
                }
            }
            ui.menu_button(pick_line(lang, "更多", "More"), |ui| self.more_menu(ui));
        });
    }

    /// What the top bar has no room for.
    fn more_menu(&mut self, ui: &mut egui::Ui) {
        let lang = self.lang();
        let fullscreen = pick_line(lang, "全屏", "Fullscreen");
        if ui
            .selectable_label(self.ex.fullscreen(), fullscreen)
            .on_hover_text("F11")
            .clicked()
        {
            self.cmds.push(Command::ToggleFullscreen);
        }
        let mut osm = self.choice == BasemapChoice::Osm;
        if ui
            .checkbox(&mut osm, pick_line(lang, "在线地图", "Online map"))
            .on_hover_text(pick(
                lang,
                "OpenStreetMap 在线瓦片（需要网络）",
                "OpenStreetMap tiles (needs a network)",
            ))
            .changed()
        {
            self.choice = if osm {
                BasemapChoice::Osm
            } else {
                BasemapChoice::Bundled
            };
            self.basemap.set_osm(osm, ui.ctx());
        }
        ui.separator();
        if ui.button(pick_line(lang, "打开…", "Open…")).clicked() {
            let dir = (self.data.as_deref())
                .and_then(|p| if p.is_dir() { Some(p) } else { p.parent() })
                .map(Path::to_path_buf)
                .filter(|p| !p.as_os_str().is_empty())
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_default();
            self.open_dialog.show_from(dir);
        }
        if ui.button(pick_line(lang, "导出", "Export")).clicked() {
            self.export_dialog.open = !self.export_dialog.open;
        }
        if self.editor.is_none()
            && ui
                .button(pick_line(lang, "编辑数据…", "Edit data…"))
                .on_hover_text(pick(
                    lang,
                    "修改事件：撤销、重做、安全保存（内置数据先复制）",
                    "Change the events, with undo and safe saving (the bundled data is copied first)",
                ))
                .clicked()
        {
            self.cmds
                .push(Command::Edit(crate::edit::EditCommand::Begin { copy_to: None }));
        }
        ui.separator();
        if ui.button(pick_line(lang, "关于", "About")).clicked() {
            self.show_about = !self.show_about;
        }
    }
}
