//! What a headless frame is (size, view, language, mode, renderer) and
//! what turns egui's meshes into its pixels. The app's side, which runs the
//! export layout frame by frame and waits for tiles, is
//! `app::headless::Exporter`.
use std::path::PathBuf;
use std::time::{Duration, Instant};

use image::RgbaImage;

use super::gpu::GpuRenderer;
use super::raster::CpuRenderer;
use crate::model::Lang;
use crate::state::ModeSetting;

/// What to draw.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub width: u32,
    pub height: u32,
    /// lon, lat, zoom; None: fitted to all events.
    pub view: Option<crate::model::geo::View>,
    pub lang: Lang,
    pub mode: ModeSetting,
    pub data: Option<PathBuf>,
    /// Which columns of a point file are which (`--columns`).
    pub columns: crate::io::points::ColumnChoice,
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

/// The renderer an export draws with.
pub enum Drawer {
    Cpu(CpuRenderer),
    Gpu(Box<GpuRenderer>),
}

impl Drawer {
    pub fn new(renderer: Renderer) -> Result<Self, String> {
        Ok(match renderer {
            Renderer::Cpu => Drawer::Cpu(CpuRenderer::new()),
            Renderer::Gpu => Drawer::Gpu(Box::new(GpuRenderer::new()?)),
        })
    }

    /// Takes in a pass's new and freed textures.
    pub fn update_textures(&mut self, delta: &mut egui::TexturesDelta) {
        match self {
            Drawer::Cpu(r) => r.update_textures(delta),
            Drawer::Gpu(r) => r.update_textures(delta),
        }
    }

    /// Tessellates a pass's shapes and draws them; the times go to `stats`.
    pub fn draw(
        &mut self,
        ctx: &egui::Context,
        shapes: Vec<egui::epaint::ClippedShape>,
        size: [u32; 2],
        stats: &mut ExportStats,
    ) -> Result<RgbaImage, String> {
        let t = Instant::now();
        let ppp = ctx.pixels_per_point();
        let tessellated = ctx.tessellate(shapes, ppp);
        let t2 = Instant::now();
        let img = match self {
            Drawer::Cpu(r) => Ok(r.render(tessellated, ppp, size)),
            Drawer::Gpu(r) => r.render(&tessellated, ppp, size),
        };
        stats.tessellate_secs += (t2 - t).as_secs_f64();
        stats.raster_secs += t2.elapsed().as_secs_f64();
        stats.frames += 1;
        img
    }
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            columns: Default::default(),
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
pub fn missing_tiles_message(missing: Option<&[walkers::TileId]>) -> String {
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
