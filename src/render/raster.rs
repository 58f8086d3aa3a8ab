//! A CPU rasteriser for egui's tessellated meshes: how exported frames are
//! drawn by default.
//!
//! It repeats egui-wgpu's pipeline step by step: vertex positions times
//! pixels-per-point, the scissor rectangle rounded the same way, pixel
//! centres at +0.5 with the top-left fill rule on 1/256-pixel fixed point
//! (what Vulkan and Mesa use), "predictable" bilinear filtering (four texel
//! loads at texel centres, the texture's wrap mode), vertex colour times
//! texel in gamma space, and premultiplied "over" blending into an 8-bit
//! target cleared to white. So a frame matches the window's wgpu drawing to
//! a level or two per channel (`tests/it/export.rs` checks it against
//! wgpu), while the shapes themselves come from the app's own drawing code.
//!
//! Why not wgpu for exports: without a GPU, Mesa's lavapipe needs about
//! 80 ms for a 1280x720 frame of the map; this needs a few, and it gives the
//! same bytes on every machine.
//!
//! A time-lapse draws the same base map under every frame: the pixels after
//! the longest run of leading meshes that equal the previous frame's (the
//! tiles, usually) are kept and drawing resumes from there.
use std::collections::HashMap;

use egui::epaint::textures::TexturesDelta;
use egui::epaint::textures::{TextureFilter, TextureWrapMode};
use egui::epaint::{ClippedPrimitive, ImageData, Primitive, TextureId, Vertex};
use image::RgbaImage;

/// Fractional bits of the fixed-point vertex positions.
const SUB_BITS: i64 = 8;
const SUB: f32 = (1 << SUB_BITS) as f32;

struct Texture {
    w: usize,
    h: usize,
    texels: Vec<[u8; 4]>,
    nearest: bool,
    wrap: TextureWrapMode,
}

#[inline]
fn wrap(i: i32, n: usize, mode: TextureWrapMode) -> usize {
    let n = n as i32;
    let j = match mode {
        TextureWrapMode::ClampToEdge => i.clamp(0, n - 1),
        TextureWrapMode::Repeat => i.rem_euclid(n),
        TextureWrapMode::MirroredRepeat => {
            let phase = i.rem_euclid(2 * n);
            phase.min(2 * n - 1 - phase)
        }
    };
    j as usize
}

/// floor() without a libm call (baseline x86-64 has no rounding
/// instruction); exact below 2^53 in magnitude.
#[inline]
fn floor(x: f32) -> f32 {
    let t = x as i64 as f32;
    if t > x { t - 1.0 } else { t }
}

#[inline]
fn unorm(t: [u8; 4]) -> [f32; 4] {
    const K: f32 = 1.0 / 255.0;
    [
        f32::from(t[0]) * K,
        f32::from(t[1]) * K,
        f32::from(t[2]) * K,
        f32::from(t[3]) * K,
    ]
}

impl Texture {
    #[inline]
    fn texel(&self, x: usize, y: usize) -> [f32; 4] {
        unorm(self.texels[y * self.w + x])
    }

    /// The texel colour at `uv`, as egui-wgpu's predictable filtering
    /// computes it; None where all the texels it mixes are fully
    /// transparent (premultiplied zero: drawing there changes nothing).
    #[inline]
    fn sample(&self, u: f32, v: f32) -> Option<[f32; 4]> {
        let (wf, hf) = (self.w as f32, self.h as f32);
        if self.nearest {
            let x = wrap(floor(u * wf) as i32, self.w, self.wrap);
            let y = wrap(floor(v * hf) as i32, self.h, self.wrap);
            return Some(self.texel(x, y));
        }
        let cx = u * wf - 0.5;
        let cy = v * hf - 0.5;
        let (fx, fy) = (floor(cx), floor(cy));
        let (tx, ty) = (cx - fx, cy - fy);
        let (x0, y0) = (fx as i32, fy as i32);
        let inside = x0 >= 0 && y0 >= 0 && (x0 as usize) + 1 < self.w && (y0 as usize) + 1 < self.h;
        let (xa, xb, ya, yb) = if inside {
            (x0 as usize, x0 as usize + 1, y0 as usize, y0 as usize + 1)
        } else {
            (
                wrap(x0, self.w, self.wrap),
                wrap(x0 + 1, self.w, self.wrap),
                wrap(y0, self.h, self.wrap),
                wrap(y0 + 1, self.h, self.wrap),
            )
        };
        let (ra, rb) = (ya * self.w, yb * self.w);
        let taps = [
            self.texels[ra + xa],
            self.texels[ra + xb],
            self.texels[rb + xa],
            self.texels[rb + xb],
        ];
        if taps.iter().all(|t| u32::from_ne_bytes(*t) == 0) {
            return None;
        }
        let (tl, tr, bl, br) = (unorm(taps[0]), unorm(taps[1]), unorm(taps[2]), unorm(taps[3]));
        let mut out = [0.0; 4];
        for c in 0..4 {
            let top = tl[c] + (tr[c] - tl[c]) * tx;
            let bottom = bl[c] + (br[c] - bl[c]) * tx;
            out[c] = top + (bottom - top) * ty;
        }
        Some(out)
    }
}

/// The pixels after the first `len` meshes of the last frame, and the
/// texels those meshes read (texture, x0, y0, x1, y1 inclusive).
struct Snapshot {
    len: usize,
    pixels: Vec<u8>,
    reads: Vec<(TextureId, [i64; 4])>,
}

impl Snapshot {
    fn new(
        len: usize,
        pixels: &[u8],
        meshes: &[ClippedPrimitive],
        textures: &HashMap<TextureId, Texture>,
    ) -> Self {
        let mut reads: Vec<(TextureId, [i64; 4])> = Vec::new();
        for p in &meshes[..len] {
            let Primitive::Mesh(m) = &p.primitive else {
                continue;
            };
            let Some(t) = textures.get(&m.texture_id) else {
                continue;
            };
            let (mut u0, mut v0, mut u1, mut v1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
            for v in &m.vertices {
                u0 = u0.min(v.uv.x);
                v0 = v0.min(v.uv.y);
                u1 = u1.max(v.uv.x);
                v1 = v1.max(v.uv.y);
            }
            // Texels a bilinear tap can reach, one more for safety.
            // A wrapping texture counts as read all over.
            let rect = if t.wrap == TextureWrapMode::ClampToEdge {
                [
                    (u0 * t.w as f32).floor() as i64 - 2,
                    (v0 * t.h as f32).floor() as i64 - 2,
                    (u1 * t.w as f32).ceil() as i64 + 2,
                    (v1 * t.h as f32).ceil() as i64 + 2,
                ]
            } else {
                [i64::MIN / 4, i64::MIN / 4, i64::MAX / 4, i64::MAX / 4]
            };
            match reads.iter_mut().find(|(id, _)| *id == m.texture_id) {
                Some((_, r)) => {
                    *r = [
                        r[0].min(rect[0]),
                        r[1].min(rect[1]),
                        r[2].max(rect[2]),
                        r[3].max(rect[3]),
                    ];
                }
                None => reads.push((m.texture_id, rect)),
            }
        }
        Snapshot {
            len,
            pixels: pixels.to_vec(),
            reads,
        }
    }

    /// Whether changing `rect` (None: all) of texture `id` alters the kept
    /// pixels.
    fn reads(&self, id: TextureId, rect: Option<[i64; 4]>) -> bool {
        self.reads.iter().any(|(t, r)| {
            *t == id && rect.is_none_or(|c| c[0] <= r[2] && r[0] <= c[2] && c[1] <= r[3] && r[1] <= c[3])
        })
    }
}

/// Draws egui output into RGBA images on the CPU.
#[derive(Default)]
pub struct CpuRenderer {
    textures: HashMap<TextureId, Texture>,
    last: Vec<ClippedPrimitive>,
    last_size: [u32; 2],
    snapshot: Option<Snapshot>,
}

/// One pixel-space rectangle [x0, x1) x [y0, y1).
#[derive(Clone, Copy)]
struct Clip {
    x0: i64,
    y0: i64,
    x1: i64,
    y1: i64,
}

/// The target: RGBA bytes, row after row.
/// The target, or a band of its rows: RGBA bytes, row after row.
struct Target<'a> {
    pixels: &'a mut [u8],
    width: usize,
    /// The rows this band holds.
    rows: std::ops::Range<i64>,
}

impl CpuRenderer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes in the textures a frame creates, patches and frees.
    pub fn update_textures(&mut self, delta: &mut TexturesDelta) {
        for (id, d) in delta
            .set
            .iter()
            .flat_map(|(id, ds)| ds.iter().map(move |d| (id, d)))
        {
            let ImageData::Color(img) = &d.image;
            let (w, h) = (img.size[0], img.size[1]);
            let texels = img.pixels.iter().map(|c| c.to_array()).collect::<Vec<_>>();
            if w == 0 || h == 0 || img.pixels.len() < w * h {
                continue; // nothing to sample (a mesh using it is skipped)
            }
            match d.pos {
                None => {
                    self.textures.insert(
                        *id,
                        Texture {
                            w,
                            h,
                            texels,
                            nearest: d.options.magnification == TextureFilter::Nearest,
                            wrap: d.options.wrap_mode,
                        },
                    );
                }
                Some([px, py]) => {
                    if let Some(t) = self.textures.get_mut(id) {
                        for row in 0..h {
                            let ty = py + row;
                            if ty >= t.h {
                                break;
                            }
                            for col in 0..w {
                                let tx = px + col;
                                if tx < t.w {
                                    t.texels[ty * t.w + tx] = texels[row * w + col];
                                }
                            }
                        }
                    }
                }
            }
        }
        for id in &delta.free {
            self.textures.remove(id);
            if self.snapshot.as_ref().is_some_and(|s| s.reads(*id, None)) {
                self.snapshot = None;
            }
        }
        delta.clear();
    }

    /// Draws a frame's meshes into an image of `size` pixels.
    pub fn render(&mut self, primitives: Vec<ClippedPrimitive>, ppp: f32, size: [u32; 2]) -> RgbaImage {
        let (w, h) = (size[0] as usize, size[1] as usize);
        if size != self.last_size {
            self.snapshot = None;
            self.last.clear();
        }
        // Leading meshes equal to the last frame's.
        let same = primitives
            .iter()
            .zip(&self.last)
            .take_while(|(a, b)| same_primitive(a, b))
            .count();
        if self.snapshot.as_ref().is_some_and(|s| s.len > same) {
            self.snapshot = None;
        }
        let (start, mut pixels) = match &self.snapshot {
            Some(s) => (s.len, s.pixels.clone()),
            None => (0, vec![255u8; w * h * 4]),
        };
        // Draw up to the new common prefix, keep those pixels, draw on.
        let end = primitives.len();
        if same > start {
            self.draw(&primitives[start..same], ppp, size, &mut pixels);
            self.snapshot = Some(Snapshot::new(same, &pixels, &primitives, &self.textures));
            self.draw(&primitives[same..end], ppp, size, &mut pixels);
        } else {
            self.draw(&primitives[start..end], ppp, size, &mut pixels);
        }
        self.last = primitives;
        self.last_size = size;
        // The buffer is w*h*4 bytes by construction.
        RgbaImage::from_raw(size[0], size[1], pixels).unwrap_or_else(|| RgbaImage::new(size[0], size[1]))
    }

    /// Draws `prims` into `pixels`, in bands of rows on all cores.
    fn draw(&self, prims: &[ClippedPrimitive], ppp: f32, size: [u32; 2], pixels: &mut [u8]) {
        if prims.is_empty() {
            return;
        }
        let width = size[0] as usize;
        let height = size[1] as usize;
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .clamp(1, 8);
        let band = height.div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            for (i, chunk) in pixels.chunks_mut(band * width * 4).enumerate() {
                let first = (i * band) as i64;
                let rows = first..first + (chunk.len() / (width * 4)) as i64;
                scope.spawn(move || {
                    let mut target = Target {
                        pixels: chunk,
                        width,
                        rows,
                    };
                    for p in prims {
                        self.draw_primitive(p, ppp, size, &mut target);
                    }
                });
            }
        });
    }

    fn draw_primitive(&self, p: &ClippedPrimitive, ppp: f32, size: [u32; 2], target: &mut Target<'_>) {
        let Primitive::Mesh(mesh) = &p.primitive else {
            return; // paint callbacks: the app uses none
        };
        let mut clip = scissor(p.clip_rect, ppp, size);
        clip.y0 = clip.y0.max(target.rows.start);
        clip.y1 = clip.y1.min(target.rows.end);
        if clip.x1 <= clip.x0 || clip.y1 <= clip.y0 {
            return;
        }
        let Some(tex) = self.textures.get(&mesh.texture_id) else {
            return; // wgpu skips a mesh whose texture is missing, too
        };
        for tri in mesh.indices.chunks_exact(3) {
            let (Some(a), Some(b), Some(c)) = (
                mesh.vertices.get(tri[0] as usize),
                mesh.vertices.get(tri[1] as usize),
                mesh.vertices.get(tri[2] as usize),
            ) else {
                continue;
            };
            triangle(target, clip, tex, ppp, [a, b, c]);
        }
    }
}

/// Equal down to the bits (a NaN vertex equals itself here).
fn same_primitive(a: &ClippedPrimitive, b: &ClippedPrimitive) -> bool {
    let same = |x: f32, y: f32| x.to_bits() == y.to_bits();
    let rect = |p: egui::Rect, q: egui::Rect| {
        same(p.min.x, q.min.x) && same(p.min.y, q.min.y) && same(p.max.x, q.max.x) && same(p.max.y, q.max.y)
    };
    let vertex = |p: &Vertex, q: &Vertex| {
        same(p.pos.x, q.pos.x)
            && same(p.pos.y, q.pos.y)
            && same(p.uv.x, q.uv.x)
            && same(p.uv.y, q.uv.y)
            && p.color == q.color
    };
    rect(a.clip_rect, b.clip_rect)
        && match (&a.primitive, &b.primitive) {
            (Primitive::Mesh(x), Primitive::Mesh(y)) => {
                x.texture_id == y.texture_id
                    && x.indices == y.indices
                    && x.vertices.len() == y.vertices.len()
                    && x.vertices.iter().zip(&y.vertices).all(|(p, q)| vertex(p, q))
            }
            _ => false,
        }
}

/// egui-wgpu's scissor rectangle: points to pixels, rounded, clamped.
fn scissor(r: egui::Rect, ppp: f32, size: [u32; 2]) -> Clip {
    let round = |v: f32| (v * ppp).round().max(0.0) as i64;
    let (w, h) = (i64::from(size[0]), i64::from(size[1]));
    let x0 = round(r.min.x).min(w);
    let y0 = round(r.min.y).min(h);
    Clip {
        x0,
        y0,
        x1: round(r.max.x).clamp(x0, w),
        y1: round(r.max.y).clamp(y0, h),
    }
}

/// An edge function E(p) = (b - a) x (p - a) in fixed point, positive
/// inside; `bias` is -1 for edges that are not top or left, so pixels
/// exactly on them belong to the neighbouring triangle.
#[derive(Clone, Copy)]
struct Edge {
    /// Change per pixel step in x and in y.
    step_x: i64,
    step_y: i64,
    /// Value at the centre of pixel (0, 0), bias included.
    origin: i64,
}

impl Edge {
    fn new(a: (i64, i64), b: (i64, i64)) -> Self {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        // With y down and E > 0 inside, a top edge runs to the right and a
        // left edge runs upwards.
        let top_left = (dy == 0 && dx > 0) || dy < 0;
        let half = 1 << (SUB_BITS - 1);
        let origin = dx * (half - a.1) - dy * (half - a.0) + if top_left { 0 } else { -1 };
        Edge {
            step_x: -dy << SUB_BITS,
            step_y: dx << SUB_BITS,
            origin,
        }
    }

    #[inline]
    fn at(&self, x: i64, y: i64) -> i64 {
        self.origin + self.step_x * x + self.step_y * y
    }

    /// Narrows [lo, hi] to the x where this edge is >= 0 on a row whose
    /// value at x = 0 is `e0`.
    #[inline]
    fn span(&self, e0: i64, lo: &mut i64, hi: &mut i64) {
        let a = self.step_x;
        if a > 0 {
            // e0 + a x >= 0  <=>  x >= ceil(-e0 / a)
            *lo = (*lo).max((-e0).div_euclid(a) + i64::from((-e0).rem_euclid(a) != 0));
        } else if a < 0 {
            // e0 + a x >= 0  <=>  x <= floor(e0 / -a)
            *hi = (*hi).min(e0.div_euclid(-a));
        } else if e0 < 0 {
            *hi = *lo - 1;
        }
    }
}

#[inline]
fn vertex_color(v: &Vertex) -> [f32; 4] {
    unorm(v.color.to_array())
}

/// A linear function of the pixel position: value at pixel (0, 0)'s
/// centre and its change per pixel in x and y.
#[derive(Clone, Copy, Default)]
struct Plane {
    at0: f64,
    dx: f64,
    dy: f64,
}

fn triangle(target: &mut Target<'_>, clip: Clip, tex: &Texture, ppp: f32, v: [&Vertex; 3]) {
    // Round to nearest (without a libm call), ties upwards.
    let fixed = |p: &Vertex| {
        (
            floor(p.pos.x * ppp * SUB + 0.5) as i64,
            floor(p.pos.y * ppp * SUB + 0.5) as i64,
        )
    };
    // A GPU drops NaN triangles too. Beyond 4 million pixels off the
    // target the fixed-point products would overflow; nothing the app
    // draws reaches that far while any of it is on screen.
    const FAR: f32 = (1 << 22) as f32;
    if v.iter()
        .any(|q| !(q.pos.x.abs() * ppp < FAR && q.pos.y.abs() * ppp < FAR))
    {
        return;
    }
    let mut v = v;
    let mut p = [fixed(v[0]), fixed(v[1]), fixed(v[2])];
    // Bounding box in whole pixels, inside the scissor.
    let min_x = p.iter().map(|q| q.0).min().unwrap_or(0) >> SUB_BITS;
    let max_x = (p.iter().map(|q| q.0).max().unwrap_or(0) >> SUB_BITS) + 1;
    let min_y = p.iter().map(|q| q.1).min().unwrap_or(0) >> SUB_BITS;
    let max_y = (p.iter().map(|q| q.1).max().unwrap_or(0) >> SUB_BITS) + 1;
    let (x0, x1) = (min_x.max(clip.x0), max_x.min(clip.x1));
    let (y0, y1) = (min_y.max(clip.y0), max_y.min(clip.y1));
    if x0 >= x1 || y0 >= y1 {
        return;
    }

    let area = (p[1].0 - p[0].0) * (p[2].1 - p[0].1) - (p[1].1 - p[0].1) * (p[2].0 - p[0].0);
    if area == 0 {
        return;
    }
    if area < 0 {
        p.swap(1, 2);
        v.swap(1, 2);
    }
    let area = area.abs() as f64;
    // Weight of vertex i: the edge opposite it.
    let edges = [
        Edge::new(p[1], p[2]),
        Edge::new(p[2], p[0]),
        Edge::new(p[0], p[1]),
    ];

    // Attributes (u, v, r, g, b, a) as planes over the pixel grid.
    let weights: [Plane; 3] = edges.map(|e| Plane {
        // The bias (0 or -1 in 1/65536 pixel units) is far below what
        // the attributes can show.
        at0: e.origin as f64 / area,
        dx: e.step_x as f64 / area,
        dy: e.step_y as f64 / area,
    });
    let colors = [vertex_color(v[0]), vertex_color(v[1]), vertex_color(v[2])];
    let attr = |f: &dyn Fn(usize) -> f64| -> Plane {
        let mut out = Plane::default();
        for (i, w) in weights.iter().enumerate() {
            let a = f(i);
            out.at0 += a * w.at0;
            out.dx += a * w.dx;
            out.dy += a * w.dy;
        }
        out
    };
    let same_uv = v[0].uv == v[1].uv && v[1].uv == v[2].uv;
    let same_color = colors[0] == colors[1] && colors[1] == colors[2];
    let planes: [Plane; 6] = [
        attr(&|i| f64::from(v[i].uv.x)),
        attr(&|i| f64::from(v[i].uv.y)),
        attr(&|i| f64::from(colors[i][0])),
        attr(&|i| f64::from(colors[i][1])),
        attr(&|i| f64::from(colors[i][2])),
        attr(&|i| f64::from(colors[i][3])),
    ];
    // Constant texel (a flat shape samples one white texel) and/or colour.
    let flat_texel = same_uv.then(|| tex.sample(v[0].uv.x, v[0].uv.y));
    if flat_texel == Some(None) {
        return; // transparent throughout
    }
    let flat_src = match (flat_texel, same_color) {
        (Some(Some(t)), true) => Some(mul(colors[0], t)),
        _ => None,
    };

    // Texels one to one on pixels, texel centres on pixel centres (tiles at
    // whole zooms, glyphs, dots snapped to the grid): bilinear filtering
    // gives back single texels, so read them directly.
    let exact = (!same_uv && same_color)
        .then(|| texel_offset(&planes, tex))
        .flatten();

    let width = target.width;
    let top = target.rows.start;
    for y in y0..y1 {
        let (mut lo, mut hi) = (x0, x1 - 1);
        for e in &edges {
            e.span(e.at(0, y), &mut lo, &mut hi);
        }
        if lo > hi {
            continue;
        }
        let r = (y - top) as usize * width;
        let row = &mut target.pixels[(r + lo as usize) * 4..(r + hi as usize + 1) * 4];
        if let Some(src) = flat_src {
            if src[3] >= 1.0 {
                let px = [to_u8(src[0]), to_u8(src[1]), to_u8(src[2]), 255];
                for d in row.chunks_exact_mut(4) {
                    d.copy_from_slice(&px);
                }
            } else {
                for d in row.chunks_exact_mut(4) {
                    blend(d, src);
                }
            }
            continue;
        }
        if let Some((ox, oy)) = exact {
            let ty = wrap((y + oy) as i32, tex.h, tex.wrap) * tex.w;
            let c0 = colors[0];
            let color = [to_u8(c0[0]), to_u8(c0[1]), to_u8(c0[2]), to_u8(c0[3])].map(u32::from);
            for (d, x) in row.chunks_exact_mut(4).zip(lo..) {
                let t = tex.texels[ty + wrap((x + ox) as i32, tex.w, tex.wrap)];
                if u32::from_ne_bytes(t) != 0 {
                    blend_u8(d, color, t);
                }
            }
            continue;
        }
        // Attributes at the first pixel of the span and their x steps.
        let (fx, fy) = (lo as f64, y as f64);
        let mut a = [0f32; 6];
        let mut da = [0f32; 6];
        for k in 0..6 {
            a[k] = (planes[k].at0 + planes[k].dx * fx + planes[k].dy * fy) as f32;
            da[k] = planes[k].dx as f32;
        }
        for d in row.chunks_exact_mut(4) {
            let texel = match flat_texel {
                Some(t) => t,
                None => tex.sample(a[0], a[1]),
            };
            if let Some(texel) = texel {
                blend(d, mul([a[2], a[3], a[4], a[5]], texel));
            }
            for k in 0..6 {
                a[k] += da[k];
            }
        }
    }
}

/// Where texture coordinates step one texel per pixel along the axes and
/// land on texel centres: the texel offset (texel = pixel + offset).
fn texel_offset(planes: &[Plane; 6], tex: &Texture) -> Option<(i64, i64)> {
    const EPS: f64 = 1e-4;
    let (w, h) = (tex.w as f64, tex.h as f64);
    let (u, v) = (planes[0], planes[1]);
    let one_to_one = (u.dx * w - 1.0).abs() < EPS
        && (v.dy * h - 1.0).abs() < EPS
        && (u.dy * w).abs() < EPS
        && (v.dx * h).abs() < EPS;
    // Texel coordinate of pixel (0, 0)'s centre, less half a texel.
    let (cx, cy) = (u.at0 * w - 0.5, v.at0 * h - 0.5);
    let on_centres = (cx - cx.round()).abs() < 1e-3 && (cy - cy.round()).abs() < 1e-3;
    (one_to_one && on_centres && !tex.nearest).then(|| (cx.round() as i64, cy.round() as i64))
}

#[inline]
fn mul(a: [f32; 4], b: [f32; 4]) -> [f32; 4] {
    [a[0] * b[0], a[1] * b[1], a[2] * b[2], a[3] * b[3]]
}

/// 0..1 to 0..255, rounded (the cast saturates).
#[inline]
fn to_u8(v: f32) -> u8 {
    (v * 255.0 + 0.5) as u8
}

/// x / 255, rounded, for x up to 255 * 255.
#[inline]
fn div255(x: u32) -> u32 {
    let x = x + 128;
    (x + (x >> 8)) >> 8
}

/// [`blend`] of colour times texel, in integers (within a level of it).
#[inline]
fn blend_u8(d: &mut [u8], color: [u32; 4], texel: [u8; 4]) {
    let sa = div255(color[3] * u32::from(texel[3]));
    let k = 255 - sa;
    for c in 0..3 {
        let sc = div255(color[c] * u32::from(texel[c]));
        d[c] = (sc + div255(u32::from(d[c]) * k)).min(255) as u8;
    }
    let da = u32::from(d[3]);
    d[3] = (da + div255(sa * (255 - da))).min(255) as u8;
}

/// Premultiplied "over": colour = src + dst (1 - src.a); alpha as
/// egui-wgpu's blend state (src (1 - dst.a) + dst).
#[inline]
fn blend(d: &mut [u8], s: [f32; 4]) {
    let k = 1.0 - s[3];
    let dst = unorm([d[0], d[1], d[2], d[3]]);
    d[0] = to_u8(s[0] + dst[0] * k);
    d[1] = to_u8(s[1] + dst[1] * k);
    d[2] = to_u8(s[2] + dst[2] * k);
    d[3] = to_u8(s[3] * (1.0 - dst[3]) + dst[3]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::{ImageDelta, Mesh};
    use egui::{Color32, ColorImage, Rect, TextureOptions, pos2};

    fn white_texture(r: &mut CpuRenderer) {
        let mut delta = TexturesDelta::default();
        delta
            .set
            .entry(TextureId::default())
            .or_default()
            .push(ImageDelta::full(
                ColorImage::new([1, 1], vec![Color32::WHITE]),
                TextureOptions::LINEAR,
            ));
        r.update_textures(&mut delta);
    }

    fn rect_mesh(min: (f32, f32), max: (f32, f32), color: Color32) -> ClippedPrimitive {
        let mut mesh = Mesh::default();
        mesh.add_colored_rect(Rect::from_min_max(pos2(min.0, min.1), pos2(max.0, max.1)), color);
        ClippedPrimitive {
            clip_rect: Rect::EVERYTHING,
            primitive: Primitive::Mesh(mesh),
        }
    }

    #[test]
    fn a_rectangle_covers_exactly_its_pixels_and_neighbours_share_edges_once() {
        let mut r = CpuRenderer::new();
        white_texture(&mut r);
        // Two half-transparent rectangles meeting at x = 4: no pixel is
        // drawn twice (it would be darker) or left out.
        let c = Color32::from_black_alpha(128);
        let img = r.render(
            vec![
                rect_mesh((1.0, 1.0), (4.0, 3.0), c),
                rect_mesh((4.0, 1.0), (7.0, 3.0), c),
            ],
            1.0,
            [8, 4],
        );
        let expect_inside = 255 - 128;
        for y in 0..4 {
            for x in 0..8 {
                let inside = (1..7).contains(&x) && (1..3).contains(&y);
                let v = i32::from(img.get_pixel(x, y)[0]);
                let want = if inside { expect_inside } else { 255 };
                assert!((v - want).abs() <= 1, "pixel {x},{y}: {v}, want {want}");
            }
        }
    }

    #[test]
    fn the_scissor_cuts_and_textures_are_sampled_bilinearly() {
        let mut r = CpuRenderer::new();
        white_texture(&mut r);
        // A 2x1 texture black | white stretched over 4 pixels: the middle
        // pixels are mixes, the ends clamp to the texels.
        let mut delta = TexturesDelta::default();
        let id = TextureId::Managed(7);
        delta.set.entry(id).or_default().push(ImageDelta::full(
            ColorImage::new([2, 1], vec![Color32::BLACK, Color32::WHITE]),
            TextureOptions::LINEAR,
        ));
        r.update_textures(&mut delta);
        let mut mesh = Mesh::with_texture(id);
        mesh.add_rect_with_uv(
            Rect::from_min_max(pos2(0.0, 0.0), pos2(4.0, 1.0)),
            Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
            Color32::WHITE,
        );
        let prim = ClippedPrimitive {
            clip_rect: Rect::from_min_max(pos2(0.0, 0.0), pos2(3.0, 1.0)),
            primitive: Primitive::Mesh(mesh),
        };
        let img = r.render(vec![prim], 1.0, [4, 1]);
        let row: Vec<u8> = (0..4).map(|x| img.get_pixel(x, 0)[0]).collect();
        // u at pixel centres 0.125, 0.375, 0.625 -> texel coords -0.25,
        // 0.25, 0.75: clamped black, a quarter white, three quarters.
        assert_eq!(row[0], 0);
        assert!((i32::from(row[1]) - 64).abs() <= 1, "{row:?}");
        assert!((i32::from(row[2]) - 191).abs() <= 1, "{row:?}");
        assert_eq!(row[3], 255, "outside the scissor: untouched");
    }

    #[test]
    fn kept_pixels_give_the_same_frame_as_drawing_from_scratch() {
        let c1 = Color32::from_rgba_unmultiplied(200, 30, 30, 150);
        let c2 = Color32::from_rgba_unmultiplied(30, 30, 200, 200);
        let base = rect_mesh((0.0, 0.0), (16.0, 16.0), Color32::from_gray(200));
        let mut cached = CpuRenderer::new();
        white_texture(&mut cached);
        let frames = [
            vec![base.clone(), rect_mesh((2.0, 2.0), (9.0, 9.0), c1)],
            vec![base.clone(), rect_mesh((5.0, 3.0), (12.0, 14.0), c2)],
            vec![
                base.clone(),
                rect_mesh((5.0, 3.0), (12.0, 14.0), c2),
                rect_mesh((1.0, 1.0), (3.0, 3.0), c1),
            ],
            vec![rect_mesh((0.0, 0.0), (16.0, 8.0), c2)],
        ];
        for f in &frames {
            let mut fresh = CpuRenderer::new();
            white_texture(&mut fresh);
            assert_eq!(
                cached.render(f.clone(), 1.0, [16, 16]),
                fresh.render(f.clone(), 1.0, [16, 16])
            );
        }
    }
}
