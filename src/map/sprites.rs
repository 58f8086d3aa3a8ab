//! Dots for big point layers: one textured quad per point, cut from an
//! atlas of anti-aliased discs, instead of a tessellated circle. Tens of
//! thousands of points then cost two triangles each to build and to draw,
//! in the window and in exported frames alike (both draw the same mesh).
use egui::{Color32, ColorImage, Mesh, Pos2, Rect, TextureHandle, TextureOptions, pos2, vec2};

/// Largest disc radius in the atlas, in pixels; bigger dots are circles.
pub const MAX_RADIUS_PX: f32 = 24.0;
/// Radii step by half a pixel.
const STEPS_PER_PX: f32 = 2.0;
const ATLAS_WIDTH: usize = 512;

/// Where one disc lies in the atlas.
#[derive(Debug, Clone, Copy)]
struct Cell {
    /// Top-left texel and side length in texels.
    x: usize,
    y: usize,
    side: usize,
    /// The cell as texture coordinates.
    uv: Rect,
}

/// The disc atlas: white, premultiplied alpha, tinted by vertex colour.
pub struct DiscAtlas {
    texture: TextureHandle,
    cells: Vec<Cell>,
}

/// Coverage of the pixel at distance `d` from the centre of a disc of
/// radius `r`: a one-pixel ramp across the rim, as egui feathers shapes.
fn coverage(d: f32, r: f32) -> f32 {
    (r + 0.5 - d).clamp(0.0, 1.0)
}

fn radius_of(step: usize) -> f32 {
    (step + 1) as f32 / STEPS_PER_PX
}

/// The atlas layout and pixels (without egui, for tests).
fn build() -> (Vec<Cell>, ColorImage) {
    let steps = (MAX_RADIUS_PX * STEPS_PER_PX) as usize;
    let mut cells = Vec::with_capacity(steps);
    let (mut x, mut y, mut row_h) = (0, 0, 0);
    for step in 0..steps {
        // The rim's ramp reaches r + 0.5. Dots are drawn texel on pixel,
        // so no margin for filtering is needed.
        let side = (2.0 * radius_of(step) + 1.0).ceil() as usize;
        if x + side > ATLAS_WIDTH {
            x = 0;
            y += row_h;
            row_h = 0;
        }
        cells.push(Cell {
            x,
            y,
            side,
            uv: Rect::NOTHING,
        });
        x += side;
        row_h = row_h.max(side);
    }
    let height = y + row_h;
    let (w, h) = (ATLAS_WIDTH as f32, height as f32);
    for c in &mut cells {
        c.uv = Rect::from_min_max(
            pos2(c.x as f32 / w, c.y as f32 / h),
            pos2((c.x + c.side) as f32 / w, (c.y + c.side) as f32 / h),
        );
    }
    let mut img = ColorImage::filled([ATLAS_WIDTH, height], Color32::TRANSPARENT);
    for (step, c) in cells.iter().enumerate() {
        let r = radius_of(step);
        let centre = c.side as f32 / 2.0;
        for ty in 0..c.side {
            for tx in 0..c.side {
                let d = vec2(tx as f32 + 0.5 - centre, ty as f32 + 0.5 - centre).length();
                let a = (coverage(d, r) * 255.0).round() as u8;
                img.pixels[(c.y + ty) * ATLAS_WIDTH + c.x + tx] =
                    Color32::from_rgba_premultiplied(a, a, a, a);
            }
        }
    }
    (cells, img)
}

impl DiscAtlas {
    pub fn new(ctx: &egui::Context) -> Self {
        let (cells, img) = build();
        let texture = ctx.load_texture("chronoatlas-discs", img, TextureOptions::LINEAR);
        DiscAtlas { texture, cells }
    }

    /// A mesh to add dots to.
    pub fn batch(&self) -> Mesh {
        Mesh::with_texture(self.texture.id())
    }

    /// Adds a dot of radius `r` points at `c` in colour `color`; false
    /// when the radius is beyond the atlas (draw a circle instead).
    pub fn add(&self, mesh: &mut Mesh, c: Pos2, r: f32, ppp: f32, color: Color32) -> bool {
        let r_px = r * ppp;
        if !(r_px.is_finite() && r_px <= MAX_RADIUS_PX) {
            return false;
        }
        // (x + 0.5) as usize: rounding without a libm call (x >= 0 here).
        let step = ((r_px * STEPS_PER_PX + 0.5) as usize).clamp(1, self.cells.len()) - 1;
        let cell = self.cells[step];
        // On whole pixels, texels on pixels: crisp dots, and the simplest
        // drawing for any renderer (at most half a pixel off).
        let side = cell.side as f32;
        let round = |v: f32| {
            let t = (v + 0.5) as i32 as f32;
            if t > v + 0.5 { t - 1.0 } else { t }
        };
        let min = pos2(
            round(c.x * ppp - side / 2.0) / ppp,
            round(c.y * ppp - side / 2.0) / ppp,
        );
        mesh.add_rect_with_uv(
            Rect::from_min_size(min, vec2(side / ppp, side / ppp)),
            cell.uv,
            color,
        );
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discs_are_round_and_do_not_touch_their_neighbours() {
        let (cells, img) = build();
        let at = |x: usize, y: usize| img.pixels[y * img.size[0] + x].a();
        for (step, c) in cells.iter().enumerate() {
            let r = radius_of(step);
            let mid = c.side / 2;
            // Solid centre (for discs of a pixel or more), clear corners,
            // the rim inside the cell.
            if r >= 1.0 {
                assert_eq!(at(c.x + mid, c.y + mid), 255, "radius {r}");
            }
            if r >= 2.0 {
                assert_eq!(at(c.x, c.y), 0, "radius {r}: corner");
            }
            assert!(at(c.x + mid, c.y) <= 128, "radius {r}: top edge");
            // The area of the coverage is the disc's area, within a pixel's
            // worth of rim.
            let total: f32 = (0..c.side)
                .flat_map(|y| (0..c.side).map(move |x| (x, y)))
                .map(|(x, y)| f32::from(at(c.x + x, c.y + y)) / 255.0)
                .sum();
            let area = std::f32::consts::PI * r * r;
            assert!(
                (total - area).abs() < 2.0 * r + 1.0,
                "radius {r}: {total} vs {area}"
            );
        }
    }
}
