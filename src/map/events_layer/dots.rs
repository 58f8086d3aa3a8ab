//! The events of point files (one place each, often thousands): plain dots
//! in one mesh, or, when many fall in the view, hexagons that count them.
use egui::{Color32, Mesh, Pos2};

use super::world::WorldToScreen;
use super::{Frame, fade};
use crate::map::density::{AUTO_HEXES_ABOVE, HEX_RADIUS_PX, HexCounts, HexGrid, PointStyle};
use crate::map::sprites::DiscAtlas;
use crate::model::EventKind;
use crate::ui::theme;

/// Opacity of a point layer's dots, so that dense clusters show depth.
const DOT_ALPHA: f32 = 0.75;

/// The hexagons drawn this frame instead of plain dots, and their counts.
pub(super) struct Hexagons {
    pub(super) grid: HexGrid,
    pub(super) counts: HexCounts,
}

impl Hexagons {
    /// One mesh of filled hexagons, a little apart, coloured on the fixed
    /// log scale of `density`.
    pub(super) fn mesh(&self, to_screen: &WorldToScreen, ppp: f32) -> Mesh {
        let mut mesh = Mesh::default();
        let gap = 1.0 / ppp;
        for (cell, weight, _) in self.counts.cells() {
            let centre = to_screen.apply(self.grid.centre(cell));
            let color = theme::density_colour(weight, theme::HEXAGON_ALPHA);
            let corners = self.grid.corners(cell).map(|c| {
                let p = to_screen.apply(c);
                p + (centre - p).normalized() * gap
            });
            let base = mesh.vertices.len() as u32;
            mesh.colored_vertex(centre, color);
            for p in corners {
                mesh.colored_vertex(p, color);
            }
            for k in 0..6u32 {
                mesh.add_triangle(base, base + 1 + k, base + 1 + (k + 1) % 6);
            }
        }
        mesh
    }
}

/// The hexagons for this frame when the point style asks for them (or, on
/// Auto, when more than [`AUTO_HEXES_ABOVE`] dots fall in the view).
pub(super) fn hexagons(f: &Frame, to_screen: &WorldToScreen) -> Option<Hexagons> {
    let ex = f.ex;
    let style = ex.settings().points;
    if style == PointStyle::Dots || ex.dots().grid.is_empty() {
        return None;
    }
    let (a, px_per_world) = to_screen.invert(f.clip.min);
    let (b, _) = to_screen.invert(f.clip.max);
    let (min, max) = ([a[0].min(b[0]), a[1].min(b[1])], [a[0].max(b[0]), a[1].max(b[1])]);
    let grid = HexGrid::for_scale(px_per_world, HEX_RADIUS_PX);
    let mut counts = HexCounts::new(&grid, min, max);
    let mut in_view = 0usize;
    for s in ex.shown() {
        let Some(w) = ex.dot_at(s.event) else { continue };
        if w[0] < min[0] || w[0] > max[0] || w[1] < min[1] || w[1] > max[1] {
            continue;
        }
        in_view += 1;
        counts.add(grid.cell(w), f.emphasis(s).0);
    }
    (style == PointStyle::Hexagons || in_view > AUTO_HEXES_ABOVE).then_some(Hexagons { grid, counts })
}

/// The plain dots drawn this frame: one mesh of discs from the atlas.
pub(super) struct Dots<'a> {
    discs: &'a DiscAtlas,
    mesh: Mesh,
    ppp: f32,
    /// The last dot colour made, for its kind and opacity: most dots
    /// repeat it.
    last_color: Option<((EventKind, u32), Color32)>,
}

impl<'a> Dots<'a> {
    /// Room for `shown` dots, drawn at `ppp` pixels per point.
    pub(super) fn new(discs: &'a DiscAtlas, shown: usize, ppp: f32) -> Self {
        let mut mesh = discs.batch();
        mesh.reserve_triangles(2 * shown);
        mesh.reserve_vertices(4 * shown);
        Dots {
            discs,
            mesh,
            ppp,
            last_color: None,
        }
    }

    /// A point file's `event` at `c`, of opacity `alpha`, drawn as a dot if
    /// it is `plain`. Whether the event is done with: out of view, or
    /// drawn; false where it needs a marker (it is not plain, or its dot is
    /// bigger than the atlas's).
    pub(super) fn draw(&mut self, f: &Frame, c: Pos2, event: usize, alpha: f32, plain: bool) -> bool {
        let (people, kind) = f.ex.dots().look(&f.ex.ds().points, event);
        let r = theme::marker_radius(people);
        if !f.clip.expand(r).contains(c) {
            return true;
        }
        if !plain {
            return false;
        }
        // Hover finds dots through the dots' grid, not the hits.
        let key = (kind, alpha.to_bits());
        let color = match self.last_color {
            Some((last, color)) if last == key => color,
            _ => {
                let color = fade(theme::kind_style(kind).0, alpha * DOT_ALPHA);
                self.last_color = Some((key, color));
                color
            }
        };
        self.discs.add(&mut self.mesh, c, r, self.ppp, color)
    }

    pub(super) fn into_mesh(self) -> Mesh {
        self.mesh
    }
}
