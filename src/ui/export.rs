//! The explorer's Export window: a time-lapse (GIF, PNG frames, MP4) or the
//! current frame, drawn by the same code as the window, with a progress bar.
use egui::{ProgressBar, RichText, Ui};

use crate::model::{Lang, pick};
use crate::render::frame::ExportOptions;
use crate::render::job::{ExportJob, JobSpec, Opener};
use crate::render::schedule;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Gif,
    Pngs,
    Mp4,
    /// The current date only.
    Frame,
}

/// The window's state.
pub struct ExportDialog {
    pub open: bool,
    pub format: Format,
    pub frames: u32,
    pub width: u32,
    pub height: u32,
    pub fps: f64,
    pub path: String,
    pub force: bool,
    pub job: Option<ExportJob>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        let home = std::env::home_dir().map_or_else(|| ".".into(), |h| h.display().to_string());
        ExportDialog {
            open: false,
            format: Format::Gif,
            frames: 120,
            width: 1280,
            height: 720,
            fps: 24.0,
            path: format!("{home}/chronoatlas-export.gif"),
            force: false,
            job: None,
        }
    }
}

/// What the window needs from the app to start an export.
pub struct Current {
    pub options: ExportOptions,
    /// The clock's range and the date shown.
    pub start: f64,
    pub end: f64,
    pub now: f64,
}

impl ExportDialog {
    fn extension(&self) -> &'static str {
        match self.format {
            Format::Gif => "gif",
            Format::Mp4 => "mp4",
            Format::Frame => "png",
            Format::Pngs => "",
        }
    }

    /// Keeps the path's extension in step with the format.
    fn fix_path(&mut self) {
        let p = std::path::Path::new(&self.path);
        let stem = p.with_extension("");
        let stem = stem.to_string_lossy().trim_end_matches('/').to_string();
        self.path = match self.extension() {
            "" => format!("{stem}/"),
            ext => format!("{stem}.{ext}"),
        };
    }

    /// The window's contents; `open` makes what draws the frames.
    pub fn ui(&mut self, ui: &mut Ui, lang: Lang, current: impl FnOnce() -> Current, open: Opener) {
        if let Some(job) = &mut self.job {
            let (done, total) = (job.done(), job.total);
            match job.poll() {
                None => {
                    ui.label(pick(lang, "正在导出…", "Exporting…"));
                    ui.add(
                        ProgressBar::new(done as f32 / total.max(1) as f32).text(format!("{done}/{total}")),
                    );
                    if ui.button(pick(lang, "取消", "Cancel")).clicked() {
                        job.cancel();
                    }
                    ui.ctx()
                        .request_repaint_after(std::time::Duration::from_millis(100));
                    return;
                }
                Some(Ok(path)) => {
                    ui.label(
                        RichText::new(format!("{} {}", pick(lang, "已保存：", "Saved:"), path.display()))
                            .strong(),
                    );
                }
                Some(Err(e)) => {
                    ui.label(
                        RichText::new(format!("{} {e}", pick(lang, "导出失败：", "Export failed:")))
                            .color(crate::ui::theme::ERROR_TEXT),
                    );
                }
            }
            if ui.button(pick(lang, "好", "OK")).clicked() {
                self.job = None;
            }
            return;
        }
        let before = self.format;
        let formats: [(Format, String); 4] = [
            (Format::Gif, "GIF".into()),
            (Format::Mp4, "MP4".into()),
            (Format::Pngs, pick(lang, "PNG 帧序列", "PNG frames").into_owned()),
            (Format::Frame, pick(lang, "当前画面", "This frame").into_owned()),
        ];
        ui.horizontal(|ui| {
            for (f, label) in formats {
                ui.selectable_value(&mut self.format, f, label);
            }
        });
        if self.format != before {
            self.fix_path();
        }
        egui::Grid::new("export_grid").num_columns(2).show(ui, |ui| {
            if self.format != Format::Frame {
                ui.label(pick(lang, "帧数", "Frames"));
                ui.add(egui::DragValue::new(&mut self.frames).range(2..=10_000));
                ui.end_row();
                ui.label(pick(lang, "每秒帧数", "Frames per second"));
                ui.add(egui::DragValue::new(&mut self.fps).range(1.0..=60.0));
                ui.end_row();
            }
            ui.label(pick(lang, "大小", "Size"));
            ui.horizontal(|ui| {
                ui.add(egui::DragValue::new(&mut self.width).range(64..=7680));
                ui.label("×");
                ui.add(egui::DragValue::new(&mut self.height).range(64..=4320));
            });
            ui.end_row();
            let label = ui.label(pick(lang, "保存到", "Save to"));
            ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(320.0))
                .labelled_by(label.id);
            ui.end_row();
        });
        ui.checkbox(
            &mut self.force,
            pick(lang, "覆盖已有文件", "Overwrite existing files"),
        );
        ui.label(
            RichText::new(pick(
                lang,
                "导出的画面与窗口一致：当前视图、语言和时间模式；时间从头到尾。",
                "Frames look like the window: this view, language and time mode; the whole time span.",
            ))
            .weak(),
        );
        if ui
            .button(RichText::new(pick(lang, "开始导出", "Start export")).strong())
            .clicked()
        {
            let c = current();
            let mut options = c.options;
            options.width = self.width;
            options.height = self.height;
            // The whole span, as `timelapse --from --to --frames` plans it.
            let days = if self.format == Format::Frame {
                Ok(vec![c.now])
            } else {
                let (from, to) = (c.start.floor() as i32, c.end.ceil() as i32);
                schedule::schedule(from, Some(to), Some(self.frames.max(2)), None)
            };
            let spec = days.map(|days| JobSpec {
                options,
                days,
                out: std::path::PathBuf::from(self.path.trim()),
                fps: self.fps,
                force: self.force,
            });
            self.job = Some(match spec {
                Ok(spec) => ExportJob::start(spec, open),
                Err(e) => ExportJob::failed(e),
            });
        }
    }
}
