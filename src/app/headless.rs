//! The app drawn headless: its export layout (map, date, legend, captions)
//! run on a bare egui context, frame by frame, each drawn only when every
//! base map tile it needs is there. `render` and `timelapse` on the command
//! line, the Export window's jobs, tests and benchmarks draw through this.
use std::time::{Duration, Instant};

use egui::{RawInput, Rect, pos2, vec2};
use image::RgbaImage;

use super::{AppOptions, ChronoApp};
use crate::command::Command;
use crate::render::frame::{Drawer, ExportOptions, ExportStats, TILE_PATIENCE, missing_tiles_message};
use crate::render::interrupt;
use crate::render::timelapse::Frames;

/// Draws frames of the app, headless.
pub struct Exporter {
    ctx: egui::Context,
    pub app: ChronoApp,
    drawer: Drawer,
    size: [u32; 2],
    /// Seconds of app time (advanced a frame at a time).
    time: f64,
    frame_secs: f64,
    pub stats: ExportStats,
}

impl Exporter {
    pub fn new(options: &ExportOptions) -> Result<Self, String> {
        if options.width < 64 || options.height < 64 || options.width > 8192 || options.height > 8192 {
            return Err(format!(
                "size {}x{}: each side must be 64 to 8192 pixels",
                options.width, options.height
            ));
        }
        let drawer = Drawer::new(options.renderer)?;
        let ctx = egui::Context::default();
        let app_options = AppOptions {
            columns: options.columns.clone(),
            data: options.data.clone(),
            lang: Some(options.lang),
            view: options.view,
            ..AppOptions::default()
        };
        let mut app = ChronoApp::new(&ctx, app_options, None);
        app.export = true;
        app.ex.apply(Command::SetMode(options.mode));
        app.ex.apply(Command::SetPointStyle(options.points));
        // A frame without its base map is not what the screen shows.
        if let Some(p) = app.basemap_problem() {
            return Err(p.to_string());
        }
        if let Some(p) = app.load_errors().next() {
            return Err(format!(
                "the data has errors; run `chronoatlas validate` (first: {p})"
            ));
        }
        Ok(Exporter {
            ctx,
            app,
            drawer,
            size: [options.width, options.height],
            time: 0.0,
            frame_secs: 1.0 / 30.0,
            stats: ExportStats::default(),
        })
    }

    /// Seconds of app time between two frames (1/fps for a time-lapse).
    pub fn set_frame_secs(&mut self, secs: f64) {
        self.frame_secs = secs.max(1e-3);
    }

    /// Runs one pass of the app and uploads its textures.
    fn pass(&mut self, dt: f64) -> egui::FullOutput {
        self.time += dt;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(
                pos2(0.0, 0.0),
                vec2(self.size[0] as f32, self.size[1] as f32),
            )),
            time: Some(self.time),
            predicted_dt: dt as f32,
            ..Default::default()
        };
        let app = &mut self.app;
        let t = Instant::now();
        let mut out = self.ctx.run_ui(input, |ui| app.show(ui));
        self.drawer.update_textures(&mut out.textures_delta);
        self.stats.passes += 1;
        self.stats.app_secs += t.elapsed().as_secs_f64();
        out
    }

    /// The next frame: one pass of `frame_secs` (none before the first
    /// frame), then more passes (without moving time) until the last one
    /// drew every base map tile its view needs; after [`TILE_PATIENCE`] the
    /// frame fails, naming the tiles that did not come.
    pub fn next_frame(&mut self) -> Result<RgbaImage, String> {
        // The first frame shows time 0 (a tour's first step as it starts).
        let dt = if self.stats.frames == 0 {
            0.0
        } else {
            self.frame_secs
        };
        let mut out = self.pass(dt);
        let deadline = Instant::now() + TILE_PATIENCE;
        loop {
            let missing = self.app.tiles_missing();
            if missing.as_ref().is_some_and(Vec::is_empty) {
                break;
            }
            if Instant::now() >= deadline {
                return Err(missing_tiles_message(missing.as_deref()));
            }
            if let Some(sig) = interrupt::asked() {
                return Err(format!("stopped by {}", interrupt::described(sig).0));
            }
            std::thread::sleep(Duration::from_millis(2));
            out = self.pass(0.0);
        }
        self.drawer
            .draw(&self.ctx, out.shapes, self.size, &mut self.stats)
    }

    /// A frame at a (fractional) day, drawn at that day even outside the
    /// data's span (where `render::frame::outside_data` says what it shows).
    pub fn frame_at(&mut self, day: f64) -> Result<RgbaImage, String> {
        self.app.ex.apply(Command::ShowDate(day));
        self.next_frame()
    }
}

impl Frames for Exporter {
    fn set_frame_secs(&mut self, secs: f64) {
        Exporter::set_frame_secs(self, secs);
    }

    fn frame(&mut self, day: Option<f64>) -> Result<RgbaImage, String> {
        match day {
            Some(d) => self.frame_at(d),
            None => self.next_frame(),
        }
    }
}

/// An exporter as the Export window's jobs open one, on their own thread.
pub fn open_frames(options: &ExportOptions) -> Result<Box<dyn Frames>, String> {
    Ok(Box::new(Exporter::new(options)?))
}
