//! Opening data from inside the window: a small file browser (offline, no
//! system dialog to depend on) that lists folders and the files the app
//! reads (CSV/TSV, GeoJSON/JSON, dataset folders). Dropping a file on the
//! window does the same without it.
use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::io::points::ColumnChoice;
use crate::model::{Lang, pick};

/// File name endings the loaders read.
pub const OPENABLE: [&str; 5] = ["csv", "tsv", "txt", "geojson", "json"];

/// One row of the listing.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    pub is_dir: bool,
    pub bytes: u64,
}

/// The listing of a folder: folders first, then files the app reads, each
/// by name; hidden entries left out. An unreadable folder says why.
pub fn list(dir: &Path) -> Result<Vec<Entry>, String> {
    let read = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out: Vec<Entry> = read
        .filter_map(Result::ok)
        .filter_map(|d| {
            let name = d.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                return None;
            }
            let meta = std::fs::metadata(d.path()).ok()?;
            let openable = Path::new(&name)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| OPENABLE.contains(&e.to_ascii_lowercase().as_str()));
            (meta.is_dir() || openable).then(|| Entry {
                name,
                is_dir: meta.is_dir(),
                bytes: meta.len(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(out)
}

/// The Open window's state.
#[derive(Debug, Default)]
pub struct OpenDialog {
    pub open: bool,
    dir: PathBuf,
    /// The path to open, as typed or picked.
    pub path: String,
    listing: Option<Result<Vec<Entry>, String>>,
    /// Which columns of a CSV are which, where their names do not say
    /// (`lon=X,lat=Y,start=date`): as typed, used for every file opened.
    pub columns: String,
}

impl OpenDialog {
    /// Closed, with the columns given on the command line.
    pub fn with_columns(columns: &ColumnChoice) -> Self {
        OpenDialog {
            columns: columns.to_string(),
            ..Default::default()
        }
    }

    /// Shows the window from `dir`.
    pub fn show_from(&mut self, dir: PathBuf) {
        self.open = true;
        if self.dir.as_os_str().is_empty() {
            self.go(dir);
        }
    }

    /// Lists `dir` (the Up button, a folder clicked, a path typed).
    pub fn go(&mut self, dir: PathBuf) {
        self.listing = Some(list(&dir));
        self.path = dir.display().to_string();
        self.dir = dir;
    }

    /// The columns as typed, read; the default (names, then cells) when
    /// empty or not readable (the window says why).
    pub fn column_choice(&self) -> ColumnChoice {
        self.columns.parse().unwrap_or_default()
    }

    /// The row where the user names a CSV's columns, with what is wrong.
    fn columns_ui(&mut self, ui: &mut Ui, lang: Lang) -> bool {
        let mut ok = true;
        ui.horizontal(|ui| {
            let name = ui.label(pick(lang, "列", "Columns"));
            ui.add(
                egui::TextEdit::singleline(&mut self.columns)
                    .hint_text("lon=X,lat=Y,start=date,end=until")
                    .desired_width(300.0),
            )
            .labelled_by(name.id)
            .on_hover_text(pick(
                lang,
                "列名说不清时才需要：经度、纬度、日期各是哪一列。留空：按列名，再按内容猜。",
                "Only when the names do not say which column is the longitude, latitude or date. Empty: by name, then guessed from the cells.",
            ));
            if let Err(why) = self.columns.parse::<ColumnChoice>() {
                ok = false;
                ui.colored_label(crate::ui::theme::ERROR_TEXT, why);
            }
        });
        ok
    }

    /// The window's contents; returns the path chosen, and whether it is to
    /// be added as a layer (rather than opened in place of the data).
    pub fn ui(&mut self, ui: &mut Ui, lang: Lang) -> Option<(PathBuf, bool)> {
        let mut chosen = None;
        let mut as_layer = false;
        ui.label(pick(
            lang,
            "打开一个 CSV / GeoJSON 点文件，或一个数据集文件夹。也可以把文件拖到窗口上。",
            "Open a CSV / GeoJSON point file, or a dataset folder. You can also drop a file on the window.",
        ));
        ui.horizontal(|ui| {
            if ui.button(pick(lang, "上一级", "Up")).clicked()
                && let Some(parent) = self.dir.parent()
            {
                self.go(parent.to_path_buf());
            }
            // Named for screen readers by its label.
            let name = ui.label(pick(lang, "路径", "Path"));
            let edit = ui
                .add(egui::TextEdit::singleline(&mut self.path).desired_width(380.0))
                .labelled_by(name.id);
            let typed = PathBuf::from(self.path.trim());
            if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                if typed.is_dir() && !is_dataset(&typed) {
                    self.go(typed.clone());
                } else {
                    chosen = Some(typed.clone());
                }
            }
            if ui.button(pick(lang, "打开", "Open")).clicked() {
                chosen = Some(typed.clone());
            }
            if crate::io::is_point_file(&typed)
                && ui
                    .button(pick(lang, "加为图层", "Add as layer"))
                    .on_hover_text(pick(lang, "叠加在当前数据之上", "On top of the data shown"))
                    .clicked()
            {
                chosen = Some(typed);
                as_layer = true;
            }
        });
        let columns_ok = self.columns_ui(ui, lang);
        ui.separator();
        let mut go_to = None;
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .show(ui, |ui| match &self.listing {
                Some(Ok(entries)) if entries.is_empty() => {
                    ui.weak(pick(
                        lang,
                        "（这里没有可打开的文件）",
                        "(nothing here the app reads)",
                    ));
                }
                Some(Ok(entries)) => {
                    for e in entries {
                        let text = if e.is_dir {
                            format!("+ {}/", e.name)
                        } else {
                            format!("   {}   ({})", e.name, size_text(e.bytes))
                        };
                        let row = ui.selectable_label(self.path.ends_with(&e.name), text);
                        let at = self.dir.join(&e.name);
                        if row.double_clicked() {
                            if e.is_dir && !is_dataset(&at) {
                                go_to = Some(at);
                            } else {
                                chosen = Some(at);
                            }
                        } else if row.clicked() {
                            if e.is_dir && !is_dataset(&at) {
                                go_to = Some(at);
                            } else {
                                self.path = at.display().to_string();
                            }
                        }
                    }
                }
                Some(Err(why)) => {
                    ui.colored_label(crate::ui::theme::ERROR_TEXT, why);
                }
                None => {}
            });
        if let Some(dir) = go_to {
            self.go(dir);
        }
        ui.label(
            RichText::new(pick(
                lang,
                "数据集文件夹（含 events.geojson）单击即选中。",
                "A dataset folder (one holding events.geojson) is picked with one click.",
            ))
            .small(),
        );
        if !columns_ok {
            // Nothing opens with columns that cannot be read.
            return None;
        }
        if chosen.is_some() {
            self.open = false;
        }
        chosen.map(|p| (p, as_layer))
    }
}

/// Whether a folder is a dataset (rather than a folder to look into).
pub fn is_dataset(dir: &Path) -> bool {
    dir.join("events.geojson").is_file()
}

fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / 1_048_576.0),
        b if b >= 1 << 10 => format!("{:.0} KB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_folders_first_then_files_the_app_reads() {
        let tmp = tempfile::tempdir().unwrap();
        for f in ["b.csv", "A.geojson", "notes.pdf", ".hidden.csv", "c.TSV"] {
            std::fs::write(tmp.path().join(f), "x").unwrap();
        }
        std::fs::create_dir(tmp.path().join("zeta")).unwrap();
        let names: Vec<String> = list(tmp.path()).unwrap().into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["zeta", "A.geojson", "b.csv", "c.TSV"]);
        assert!(list(&tmp.path().join("missing")).unwrap_err().contains("missing"));
    }
}
