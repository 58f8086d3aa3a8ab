//! One frame or many, headless: the app's export layout (map, date,
//! legend, captions) run on a bare egui context and drawn with wgpu. Tiles
//! are waited for, so no frame shows a half-loaded map.
use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{RawInput, Rect, pos2, vec2};
use image::RgbaImage;

use super::gpu::GpuRenderer;
use super::raster::CpuRenderer;
use crate::app::{AppOptions, ChronoApp};
use crate::command::Command;
use crate::model::Lang;
use crate::state::ModeSetting;

/// What to draw.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub width: u32,
    pub height: u32,
    /// lon, lat, zoom; None: fitted to all events.
    pub view: Option<(f64, f64, f64)>,
    pub lang: Lang,
    pub mode: ModeSetting,
    pub data: Option<PathBuf>,
    pub renderer: Renderer,
    /// Dots or hexagons for a point file's events (Auto, as in the window).
    pub points: crate::map::density::PointStyle,
}

/// What turns the app's meshes into pixels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Renderer {
    /// The CPU rasteriser ([`super::raster`]): fast without a GPU, the same
    /// bytes on every machine.
    #[default]
    Cpu,
    /// The window's wgpu renderer, offscreen (lavapipe without a GPU).
    Gpu,
}

enum Drawer {
    Cpu(CpuRenderer),
    Gpu(Box<GpuRenderer>),
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            width: 1920,
            height: 1080,
            view: None,
            lang: Lang::Zh,
            mode: ModeSetting::Cumulative,
            data: None,
            renderer: Renderer::default(),
            points: crate::map::density::PointStyle::Auto,
        }
    }
}

/// Longest wait for base map tiles before a frame is drawn anyway.
pub const TILE_PATIENCE: Duration = Duration::from_secs(20);

/// A note for a frame at `day` outside the data's span `(first, last)`
/// (its first and last dates): what the frame shows there.
pub fn outside_data(day: crate::model::Day, span: (crate::model::Day, crate::model::Day)) -> Option<String> {
    use crate::model::date::format_iso;
    if day < span.0 {
        Some(format!(
            "{} is before the data's first date ({}): the frame shows no events",
            format_iso(day),
            format_iso(span.0)
        ))
    } else if day > span.1 {
        Some(format!(
            "{} is after the data's last date ({}): the frame shows the data as it ends",
            format_iso(day),
            format_iso(span.1)
        ))
    } else {
        None
    }
}

/// Why a frame was not written: the base map tiles that did not come.
fn missing_tiles_message(missing: Option<&[walkers::TileId]>) -> String {
    let secs = TILE_PATIENCE.as_secs();
    match missing {
        None => format!("the map was not drawn within {secs} s"),
        Some(tiles) => {
            let named: Vec<String> = (tiles.iter().take(8))
                .map(|t| format!("{}/{}/{}", t.zoom, t.x, t.y))
                .collect();
            let more = tiles.len().saturating_sub(named.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!(
                "base map tiles still missing after {secs} s, so no frame was written: {}{more} (zoom/x/y)",
                named.join(", ")
            )
        }
    }
}

/// Where the time of an export went (for `timelapse --stats` and the
/// benchmark script): app passes (logic and layout), tessellation, and
/// rasterising plus reading back.
#[derive(Debug, Clone, Default)]
pub struct ExportStats {
    pub frames: u32,
    pub passes: u32,
    pub app_secs: f64,
    pub tessellate_secs: f64,
    pub raster_secs: f64,
}

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
        let drawer = match options.renderer {
            Renderer::Cpu => Drawer::Cpu(CpuRenderer::new()),
            Renderer::Gpu => Drawer::Gpu(Box::new(GpuRenderer::new()?)),
        };
        let ctx = egui::Context::default();
        let app_options = AppOptions {
            data: options.data.clone(),
            lang: Some(options.lang),
            view: options.view,
            ..AppOptions::default()
        };
        let mut app = ChronoApp::new(&ctx, app_options, None);
        app.export = true;
        app.ex.apply(Command::SetMode(options.mode));
        app.ex.apply(Command::SetPointStyle(options.points));
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
        match &mut self.drawer {
            Drawer::Cpu(r) => r.update_textures(&mut out.textures_delta),
            Drawer::Gpu(r) => r.update_textures(&mut out.textures_delta),
        }
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
            if let Some(sig) = super::interrupt::asked() {
                return Err(format!("stopped by {}", super::interrupt::described(sig).0));
            }
            std::thread::sleep(Duration::from_millis(2));
            out = self.pass(0.0);
        }
        let t = Instant::now();
        let ppp = self.ctx.pixels_per_point();
        let tessellated = self.ctx.tessellate(out.shapes, ppp);
        let t2 = Instant::now();
        let img = match &mut self.drawer {
            Drawer::Cpu(r) => Ok(r.render(tessellated, ppp, self.size)),
            Drawer::Gpu(r) => r.render(&tessellated, ppp, self.size),
        };
        self.stats.tessellate_secs += (t2 - t).as_secs_f64();
        self.stats.raster_secs += t2.elapsed().as_secs_f64();
        self.stats.frames += 1;
        img
    }

    /// A frame at a (fractional) day, drawn at that day even outside the
    /// data's span (where [`outside_data`] says what it shows).
    pub fn frame_at(&mut self, day: f64) -> Result<RgbaImage, String> {
        self.app.ex.apply(Command::ShowDate(day));
        self.next_frame()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_without_its_tiles_names_them() {
        let t = |x, y| walkers::TileId { x, y, zoom: 5 };
        let tiles: Vec<_> = (0..10).map(|i| t(20 + i, 12)).collect();
        let msg = missing_tiles_message(Some(&tiles));
        assert!(msg.contains("5/20/12, 5/21/12"), "{msg}");
        assert!(msg.contains("and 2 more"), "{msg}");
        assert!(msg.contains("no frame was written"), "{msg}");
        assert!(missing_tiles_message(None).contains("not drawn"));
    }
}
