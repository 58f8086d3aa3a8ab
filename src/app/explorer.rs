//! The explorer's frame: its panels around the map (time bar, problems,
//! legend, details and source text), its keys, and the Open window and
//! dropped files.
use crate::ui::theme;
use egui::{Key, RichText};

use super::ChronoApp;
use crate::command::{Command, TourCommand};
use crate::io;
use crate::model::{pick, pick_line};

/// The width of a folded side panel, in points.
const STRIP: f32 = 30.0;
use crate::ui::{about, details, legend, timebar};

/// The keys, for the F1 window: key, what it does in Chinese, in English.
pub(super) const SHORTCUTS: &[(&str, &str, &str)] = &[
    ("Space", "播放 / 暂停", "Play / pause"),
    ("← →", "上一个 / 下一个事件", "Previous / next event"),
    ("+ −", "放大 / 缩小", "Zoom in / out"),
    ("Home", "显示全部", "Fit all"),
    ("F11", "全屏", "Fullscreen"),
    ("L", "图例", "Legend"),
    ("R", "原文与详情", "Source text and details"),
    ("Ctrl+F", "搜索", "Search"),
    ("F1  ?", "快捷键", "These shortcuts"),
    ("Ctrl+Z", "撤销（编辑时）", "Undo (editing)"),
    ("Ctrl+Shift+Z  Ctrl+Y", "重做（编辑时）", "Redo (editing)"),
    ("Ctrl+S", "保存（编辑时）", "Save (editing)"),
    (
        "PageDown PageUp",
        "导览：下一步 / 上一步",
        "Tour: next / previous step",
    ),
    ("B  .", "演示：黑屏", "Presenting: black screen"),
    ("Esc", "退出演示", "Leave the presentation"),
];

impl ChronoApp {
    /// The explorer's panels, the map in the middle, its windows.
    pub(super) fn show_explorer(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        // While editing, the source text is for selecting phrases.
        self.reading.selecting = self.editor.is_some();
        if !self.reading.selecting {
            self.reading.phrase = None;
        }
        egui::Panel::top("top").show(ui, |ui| self.top_bar(ui));
        if self.editor.is_some() {
            egui::Panel::top("edit_bar").show(ui, |ui| self.edit_bar(ui));
        }
        egui::Panel::bottom("timebar").resizable(false).show(ui, |ui| {
            ui.add_space(4.0);
            timebar::timebar_ui(ui, &self.ex, &mut self.cmds);
            ui.add_space(4.0);
        });
        if self.show_problems {
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(140.0)
                .show(ui, |ui| {
                    crate::ui::problems::problems_ui(
                        ui,
                        &self.problems,
                        &self.ex.ds().read_notes,
                        self.lang(),
                    )
                });
        }
        // Each side panel folds to a strip the map barely notices (what is
        // open is remembered with the settings).
        if self.ex.settings().show_legend {
            egui::Panel::left("legend")
                .resizable(true)
                .default_size(legend::WIDTH)
                .show(ui, |ui| {
                    // While data loads the legend is empty: its panel must
                    // not shrink to that and stay narrow once it is read.
                    if self.loading.is_some() {
                        ui.set_min_width(legend::WIDTH - 2.0 * ui.spacing().item_spacing.x);
                    }
                    egui::ScrollArea::vertical()
                        .show(ui, |ui| legend::legend_ui(ui, &self.ex, &mut self.cmds));
                });
        } else {
            egui::Panel::left("legend_strip")
                .resizable(false)
                .exact_size(STRIP)
                .show(ui, |ui| legend::legend_strip(ui, &self.ex, &mut self.cmds));
        }
        let own_column = self.ex.settings().reading_own_column;
        if !self.ex.settings().show_details {
            let lang = self.lang();
            egui::Panel::right("details_strip")
                .resizable(false)
                .exact_size(STRIP)
                .show(ui, |ui| {
                    let open = pick_line(
                        lang,
                        "打开原文与详情（R）",
                        "Open the source text and details (R)",
                    );
                    if legend::strip_button(ui, "«", &open).clicked() {
                        self.cmds.push(Command::SetDetailsShown(true));
                    }
                });
        }
        if self.ex.settings().show_details {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(360.0)
                .show(ui, |ui| {
                    // Above: the selected event; below: the source text.
                    let lang = self.ex.lang();
                    let fold = pick_line(
                        lang,
                        "收起原文与详情（R）",
                        "Fold the source text and details (R)",
                    );
                    if legend::strip_button(ui, "»", &fold).clicked() {
                        self.cmds.push(Command::SetDetailsShown(false));
                    }
                    let reading_open = !own_column
                        && egui::collapsing_header::CollapsingState::load_with_default_open(
                            ui.ctx(),
                            egui::Id::NULL.with("reading_open"),
                            true,
                        )
                        .is_open();
                    let share = if self.ex.selected().is_some() { 0.5 } else { 0.12 };
                    let details_height = if reading_open {
                        ui.available_height() * share
                    } else {
                        f32::INFINITY
                    };
                    egui::ScrollArea::vertical()
                        .id_salt("details")
                        .max_height(details_height)
                        .show(ui, |ui| {
                            details::details_ui(ui, &self.ex, &mut self.cmds, self.editor.is_some())
                        });
                    if !own_column {
                        ui.separator();
                        egui::CollapsingHeader::new(
                            RichText::new(pick(lang, "原文", "Source text")).strong(),
                        )
                        .id_salt(egui::Id::NULL.with("reading_open"))
                        .default_open(true)
                        .show_unindented(ui, |ui| {
                            crate::ui::reading::reading_ui(ui, &self.ex, &mut self.reading, &mut self.cmds)
                        });
                    }
                });
        }
        if own_column {
            // The reading panel in its own column, between map and details.
            egui::Panel::right("reading")
                .resizable(true)
                .default_size(360.0)
                .show(ui, |ui| {
                    ui.label(RichText::new(pick(self.ex.lang(), "原文", "Source text")).strong());
                    crate::ui::reading::reading_ui(ui, &self.ex, &mut self.reading, &mut self.cmds)
                });
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.map_ui(ui));
        let mut open = self.show_about;
        egui::Window::new(pick(self.lang(), "关于 chronoatlas", "About chronoatlas"))
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .default_height(620.0)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.set_width(560.0);
                    about::about_ui(ui, self.lang(), self.basemap.osm.is_some())
                })
            });
        self.show_about = open;
        self.export_window(ctx);
        self.shortcuts_window(ctx);
        self.edit_windows(ctx);
        self.open_window(ctx);
        self.dropped_files(ctx);
        self.tour_window(ctx);
    }

    /// Keyboard: Space play/pause, ←/→ step, +/- zoom, Home fit all, F11
    /// fullscreen, L the legend, R the source text and details; not while
    /// typing in a text field. In presentation mode,
    /// a clicker's keys: PageDown/→/Space next, PageUp/← previous, Home
    /// first, B or . black screen, Esc back to the explorer.
    pub(super) fn keys(&mut self, ctx: &egui::Context) {
        if self.editor.is_some() {
            self.edit_keys(ctx);
        }
        // Ctrl+F: to the search field, even from another text field.
        if !self.presenting && ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::F)) {
            ctx.memory_mut(|m| m.request_focus(super::top_bar::search_id()));
        }
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let pressed = |k: Key| ctx.input(|i| i.key_pressed(k));
        if self.presenting {
            let bindings = [
                (Key::PageDown, TourCommand::Next),
                (Key::ArrowRight, TourCommand::Next),
                (Key::Space, TourCommand::Next),
                (Key::PageUp, TourCommand::Prev),
                (Key::ArrowLeft, TourCommand::Prev),
                (Key::Home, TourCommand::First),
                (Key::B, TourCommand::ToggleBlack),
                (Key::Period, TourCommand::ToggleBlack),
                (Key::Escape, TourCommand::Present(false)),
            ];
            for (k, a) in bindings {
                if pressed(k) {
                    self.cmds.push(Command::Tour(a));
                }
            }
            return;
        }
        if self.tour.is_some() {
            for (k, a) in [
                (Key::PageDown, TourCommand::Next),
                (Key::PageUp, TourCommand::Prev),
            ] {
                if pressed(k) {
                    self.cmds.push(Command::Tour(a));
                }
            }
        }
        if pressed(Key::F1)
            || ctx.input(|i| {
                i.events
                    .iter()
                    .any(|e| matches!(e, egui::Event::Text(t) if t == "?"))
            })
        {
            self.show_shortcuts = !self.show_shortcuts;
        }
        let bindings = [
            (Key::Space, Command::TogglePlay),
            (Key::ArrowRight, Command::StepNext),
            (Key::ArrowLeft, Command::StepPrev),
            (Key::Plus, Command::ZoomIn),
            (Key::Equals, Command::ZoomIn),
            (Key::Minus, Command::ZoomOut),
            (Key::Home, Command::ResetView),
            (Key::F11, Command::ToggleFullscreen),
            (Key::L, Command::ToggleLegend),
            (Key::R, Command::ToggleDetails),
        ];
        for (k, cmd) in bindings {
            if pressed(k) {
                self.cmds.push(cmd);
            }
        }
    }

    /// The editor's keys: Ctrl+S saves (also while typing); Ctrl+Z undoes,
    /// Ctrl+Shift+Z and Ctrl+Y redo, unless a text field has them (then
    /// they undo its typing).
    fn edit_keys(&mut self, ctx: &egui::Context) {
        use egui::{Key, Modifiers};
        let typing = ctx.egui_wants_keyboard_input();
        let mut cmds = Vec::new();
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::COMMAND, Key::S) {
                cmds.push(crate::edit::EditCommand::Save);
            }
            if typing {
                return;
            }
            if i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z)
                || i.consume_key(Modifiers::COMMAND, Key::Y)
            {
                cmds.push(crate::edit::EditCommand::Redo);
            }
            if i.consume_key(Modifiers::COMMAND, Key::Z) {
                cmds.push(crate::edit::EditCommand::Undo);
            }
        });
        self.cmds.extend(cmds.into_iter().map(Command::Edit));
    }

    /// F1 or ?: every key the explorer and the editor take.
    fn shortcuts_window(&mut self, ctx: &egui::Context) {
        if !self.show_shortcuts {
            return;
        }
        let lang = self.lang();
        let mut open = true;
        egui::Window::new(pick(lang, "快捷键", "Keyboard shortcuts"))
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts")
                    .num_columns(2)
                    .striped(true)
                    .show(ui, |ui| {
                        for (keys, zh, en) in SHORTCUTS {
                            ui.monospace(*keys);
                            ui.label(pick(lang, zh, en));
                            ui.end_row();
                        }
                    });
            });
        self.show_shortcuts = open;
    }

    /// The Open window (explorer only).
    pub(super) fn open_window(&mut self, ctx: &egui::Context) {
        if !self.open_dialog.open {
            return;
        }
        let lang = self.lang();
        let mut open = true;
        let mut chosen = None;
        egui::Window::new(pick(lang, "打开数据", "Open data"))
            .open(&mut open)
            .collapsible(false)
            .default_width(520.0)
            .show(ctx, |ui| chosen = self.open_dialog.ui(ui, lang));
        if !open {
            self.open_dialog.open = false;
        }
        match chosen {
            Some((path, true)) => self.add_layer(ctx, path),
            Some((path, false)) => self.open(ctx, path),
            None => {}
        }
    }

    /// A file dropped on the window is opened; while one is dragged over
    /// it, the window says what dropping will do.
    pub(super) fn dropped_files(&mut self, ctx: &egui::Context) {
        let (hovering, dropped) = ctx.input(|i| {
            (
                !i.raw.hovered_files.is_empty(),
                (i.raw.dropped_files.iter())
                    .map(|f| f.path().to_path_buf())
                    .find(|p| !p.as_os_str().is_empty()),
            )
        });
        // A point file is added as a layer; a dataset folder replaces the data.
        if let Some(path) = dropped {
            if io::is_point_file(&path) {
                self.add_layer(ctx, path);
            } else {
                self.open(ctx, path);
            }
        }
        if hovering {
            let lang = self.lang();
            let screen = ctx.content_rect();
            egui::Area::new(egui::Id::NULL.with("drop"))
                .order(egui::Order::Foreground)
                .fixed_pos(screen.min)
                .interactable(false)
                .show(ctx, |ui| {
                    ui.painter().rect_filled(screen, 0.0, theme::DROP_SHADE);
                    let (rect, _) = ui.allocate_exact_size(screen.size(), egui::Sense::hover());
                    ui.put(
                        rect,
                        egui::Label::new(
                            RichText::new(pick(
                                lang,
                                "松开：加为图层（文件夹：打开）",
                                "Drop to add as a layer (a folder: open it)",
                            ))
                            .size(32.0)
                            .color(theme::ON_DARK),
                        ),
                    );
                });
        }
    }
}
