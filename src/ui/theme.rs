//! The one home of colours, sizes and fonts.
use egui::{Color32, FontFamily, FontId};

/// Sea colour of the bundled base map, painted where there are no tiles
/// (outside the covered area, or before tiles arrive).
pub const SEA: Color32 = Color32::from_rgb(0xC6, 0xD3, 0xDB);
/// Land colour of the bundled base map.
pub const LAND: Color32 = Color32::from_rgb(0xEF, 0xE8, 0xD8);

/// Railways: dark casing with light dashes inside (the classic map symbol).
pub const RAIL_CASING: Color32 = Color32::from_rgb(0x2B, 0x2B, 0x2B);
pub const RAIL_DASH: Color32 = Color32::from_rgb(0xF7, 0xF4, 0xEC);
pub const ROAD: Color32 = Color32::from_rgb(0x9A, 0x5B, 0x2E);
pub const ROAD_INNER: Color32 = Color32::from_rgb(0xE9, 0xC4, 0x8F);
pub const LINE_LABEL: Color32 = Color32::from_rgb(0x22, 0x22, 0x22);

/// Place labels and markers.
pub const PLACE_TEXT: Color32 = Color32::from_rgb(0x1E, 0x1E, 0x1E);
pub const PLACE_TEXT_MINOR: Color32 = Color32::from_rgb(0x4A, 0x4A, 0x4A);
pub const AREA_TEXT: Color32 = Color32::from_rgba_unmultiplied_const(0x5B, 0x3A, 0x29, 0xD0);
pub const HALO: Color32 = Color32::from_rgba_unmultiplied_const(0xF4, 0xF1, 0xE8, 0xC8);
pub const MARKER: Color32 = Color32::from_rgb(0x33, 0x33, 0x33);
pub const MARKER_FILL: Color32 = Color32::from_rgb(0xFF, 0xFF, 0xFF);

/// The family of the bold face (big date, titles).
pub fn bold() -> FontFamily {
    FontFamily::Name(super::fonts::BOLD.into())
}

pub fn label_font(major: bool) -> FontId {
    FontId::new(if major { 14.0 } else { 12.0 }, FontFamily::Proportional)
}

pub fn line_label_font() -> FontId {
    FontId::new(12.0, FontFamily::Proportional)
}

pub fn area_font() -> FontId {
    FontId::new(15.0, bold())
}

pub fn date_font() -> FontId {
    FontId::new(26.0, bold())
}

/// The symbol drawn for an event kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbol {
    Circle,
    Ring,
    Square,
    Diamond,
    TriangleUp,
    TriangleDown,
    Star,
    Cross,
    Hexagon,
    House,
}

/// Colour and symbol of each event kind: one place for the map and the legend.
/// Hues keep related kinds together: reds for the enemy's advance, greens
/// for the units, blues for the unions, ambers for sabotage.
pub fn kind_style(kind: crate::model::EventKind) -> (Color32, Symbol) {
    use crate::model::EventKind as K;
    match kind {
        K::Occupation => (Color32::from_rgb(0x7F, 0x1D, 0x1D), Symbol::Square),
        K::Advance => (Color32::from_rgb(0xB4, 0x53, 0x09), Symbol::TriangleDown),
        K::Battle => (Color32::from_rgb(0xDC, 0x26, 0x26), Symbol::Star),
        K::Sabotage => (Color32::from_rgb(0xF5, 0x9E, 0x0B), Symbol::Cross),
        K::Destruction => (Color32::from_rgb(0x78, 0x71, 0x6C), Symbol::Cross),
        K::Evacuation => (Color32::from_rgb(0x08, 0x91, 0xB2), Symbol::Diamond),
        K::UnionFounded => (Color32::from_rgb(0x25, 0x63, 0xEB), Symbol::Circle),
        K::UnitFormed => (Color32::from_rgb(0x16, 0xA3, 0x4A), Symbol::Ring),
        K::UnitMoved => (Color32::from_rgb(0x15, 0x80, 0x3D), Symbol::TriangleUp),
        K::Recruitment => (Color32::from_rgb(0x65, 0xA3, 0x0D), Symbol::Circle),
        K::Organising => (Color32::from_rgb(0x7C, 0x3A, 0xED), Symbol::Circle),
        K::Growth => (Color32::from_rgb(0x05, 0x96, 0x69), Symbol::TriangleUp),
        K::GovernmentFounded => (Color32::from_rgb(0xDB, 0x27, 0x77), Symbol::House),
        K::BaseArea => (Color32::from_rgb(0xCA, 0x8A, 0x04), Symbol::Hexagon),
        K::Statistic => (Color32::from_rgb(0x47, 0x55, 0x69), Symbol::Square),
        K::Policy => (Color32::from_rgb(0x6B, 0x72, 0x80), Symbol::Diamond),
        K::Other => (Color32::from_rgb(0x37, 0x41, 0x51), Symbol::Circle),
    }
}

/// Soft fill of a base area once it exists.
pub const BASE_AREA_FILL: Color32 = Color32::from_rgba_unmultiplied_const(0xCA, 0x8A, 0x04, 0x14);
pub const BASE_AREA_EDGE: Color32 = Color32::from_rgb(0xB0, 0x7A, 0x08);
/// Behind the details' "our reading" box: editorial, not the text's words.
pub const READING_FILL: Color32 = Color32::from_rgba_premultiplied(0x3B, 0x82, 0xF6, 0x22);

/// The mark of an occupied city.
pub const OCCUPIED: Color32 = Color32::from_rgb(0x7F, 0x1D, 0x1D);
/// A sabotaged railway segment.
pub const SABOTAGE_LINE: Color32 = Color32::from_rgb(0xEA, 0x58, 0x0C);
pub const SELECTED: Color32 = Color32::from_rgb(0x11, 0x11, 0x11);
/// The edge of an event's marker (faded with the marker).
pub const EVENT_EDGE: Color32 = Color32::WHITE;
/// A group of markers: its disc, under the ring of kinds and the count.
pub const GROUP_FILL: Color32 = Color32::from_rgb(0xFB, 0xF9, 0xF3);
/// Behind an opened group's ring of markers: the map shows through, faded.
pub const SPREAD_BACKDROP: Color32 = Color32::from_rgba_unmultiplied_const(0xFB, 0xF9, 0xF3, 0xB4);
/// The lines from an opened group's markers to their own places.
pub const SPREAD_LEG: Color32 = Color32::from_gray(90);
/// The casing under a movement's arrow (as opaque as the arrow, a little
/// less).
pub const ROUTE_CASING: Color32 = Color32::WHITE;
/// Opacity of a point file's density hexagons over their ramp colour
/// ([`ramp`]).
pub const HEXAGON_ALPHA: u8 = 190;

// ---- panels and overlays

/// Text that reports a problem (data problems, a failed export or open).
pub const ERROR_TEXT: Color32 = Color32::from_rgb(0xB0, 0x30, 0x20);
/// The time bar's and strength chart's line at the day shown.
pub const NOW_LINE: Color32 = Color32::from_rgb(0xC0, 0x30, 0x20);
/// The time bar's shading of the days the map shows.
pub const TIME_SHOWN: Color32 = Color32::from_rgba_unmultiplied_const(0x20, 0x40, 0x80, 0x28);
/// The time bar's bars of events per period.
pub const HISTOGRAM: Color32 = Color32::from_rgb(0x8A, 0x6D, 0x4B);
/// The strength chart's unit bands, in order.
pub const BAND_COLOURS: [Color32; 8] = [
    Color32::from_rgb(0x16, 0xA3, 0x4A),
    Color32::from_rgb(0x25, 0x63, 0xEB),
    Color32::from_rgb(0xDB, 0x27, 0x77),
    Color32::from_rgb(0xCA, 0x8A, 0x04),
    Color32::from_rgb(0x7C, 0x3A, 0xED),
    Color32::from_rgb(0x08, 0x91, 0xB2),
    Color32::from_rgb(0xB4, 0x53, 0x09),
    Color32::from_rgb(0x47, 0x55, 0x69),
];
/// Paper and ink of the presentation's date and caption boxes (and the
/// export's legend).
pub const PAPER: Color32 = Color32::from_rgba_unmultiplied_const(0xFB, 0xF8, 0xF0, 0xEC);
pub const LEGEND_PAPER: Color32 = Color32::from_rgba_unmultiplied_const(0xFB, 0xF8, 0xF0, 0xE6);
pub const INK: Color32 = Color32::from_rgb(0x1A, 0x1A, 0x1A);
/// The map's attribution text.
pub const CREDIT_TEXT: Color32 = Color32::from_gray(60);
/// A notice over the map (the base map missing, online tiles failing).
pub const NOTICE_FILL: Color32 = Color32::from_rgba_unmultiplied_const(0x70, 0x25, 0x12, 0xE6);

/// Neutral tones of the panels and overlays, by role.
/// Light marks on dark or coloured ground: notices, the kiosk's
/// invitation, the drop hint.
pub const ON_DARK: Color32 = Color32::WHITE;
/// Text on the panels' paper: the legend's rows.
pub const TEXT: Color32 = Color32::from_gray(30);
/// The reading panel's text, and a quote marked in the details.
pub const READING_TEXT: Color32 = Color32::from_gray(20);
pub const MARKED_TEXT: Color32 = Color32::BLACK;
/// Edges of the boxes on the map (legend, caption) and the chart's grid.
pub const RULE: Color32 = Color32::from_gray(170);
/// The edge of the presentation's date box.
pub const DATE_BOX_EDGE: Color32 = Color32::from_gray(180);
/// The time axis: ticks and year labels.
pub const TICK: Color32 = Color32::from_gray(120);
pub const AXIS_TEXT: Color32 = Color32::from_gray(90);
/// The strength chart: grid labels and title.
pub const GRID_TEXT: Color32 = Color32::from_gray(110);
pub const CHART_TITLE: Color32 = Color32::from_gray(80);
/// The tour's step counter and its dots for the steps not shown.
pub const STEP_COUNT: Color32 = Color32::from_gray(70);
pub const STEP_DOT: Color32 = Color32::from_rgba_unmultiplied_const(0x1A, 0x1A, 0x1A, 0x50);
/// The legend's size swatches (size only, no kind).
pub const SWATCH: Color32 = Color32::from_gray(200);
pub const SWATCH_EDGE: Color32 = Color32::from_gray(90);
/// Shade over the window under a dragged file, and under the kiosk's
/// countdown.
pub const DROP_SHADE: Color32 = Color32::from_black_alpha(120);
pub const COUNTDOWN_SHADE: Color32 = Color32::from_black_alpha(150);
/// The presenter's black screen.
pub const BLACKOUT: Color32 = Color32::BLACK;
/// The kiosk's invitation box (pulsing in opacity).
pub const INVITATION: Color32 = OCCUPIED;

/// `c` with opacity `a` (0 to 255), its colour unchanged.
pub fn with_alpha(c: Color32, a: u8) -> Color32 {
    let [r, g, b, _] = c.to_array();
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// Where a count sits on the fixed log scale: 0 for 1 event, 1 for 10,000.
pub fn level(count: f32) -> f32 {
    (count.max(1.0).log10() / 4.0).clamp(0.0, 1.0)
}

/// The colour of `count` events in a hexagon, at opacity `a`.
pub fn density_colour(count: f32, a: u8) -> Color32 {
    let [r, g, b] = ramp(level(count));
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// The colour of a level (light yellow through orange to deep red), as
/// sRGB bytes; the ramp is ColorBrewer's YlOrRd.
pub fn ramp(level: f32) -> [u8; 3] {
    const STOPS: [[f32; 3]; 6] = [
        [255.0, 237.0, 160.0],
        [254.0, 217.0, 118.0],
        [253.0, 141.0, 60.0],
        [240.0, 59.0, 32.0],
        [189.0, 0.0, 38.0],
        [128.0, 0.0, 38.0],
    ];
    let x = level.clamp(0.0, 1.0) * (STOPS.len() - 1) as f32;
    let i = (x.floor() as usize).min(STOPS.len() - 2);
    let f = x - i as f32;
    std::array::from_fn(|k| (STOPS[i][k] + (STOPS[i + 1][k] - STOPS[i][k]) * f).round() as u8)
}

/// Marker radius for an event: area grows with the people involved (radius
/// with the square root), a plain size where the text gives no number.
/// How far the symbol of radius `r` reaches from its centre, its widest
/// outline included (a triangle's corners stand out to 1.2 r).
pub fn symbol_extent(r: f32) -> f32 {
    r * 1.2 + 1.5
}

pub fn marker_radius(people: Option<u32>) -> f32 {
    match people {
        Some(n) => (5.0 + (n as f32).sqrt() * 0.13).min(22.0),
        None => 6.0,
    }
}

/// Draws `symbol` of radius `r` at `c`.
pub fn draw_symbol(
    painter: &egui::Painter,
    c: egui::Pos2,
    r: f32,
    symbol: Symbol,
    fill: Color32,
    stroke: egui::Stroke,
) {
    use egui::{Shape, vec2};
    let poly = |n: usize, rot: f32, rr: f32| -> Vec<egui::Pos2> {
        (0..n)
            .map(|i| {
                let a = rot + i as f32 * std::f32::consts::TAU / n as f32;
                c + vec2(a.cos(), a.sin()) * rr
            })
            .collect()
    };
    match symbol {
        Symbol::Circle => {
            painter.circle(c, r, fill, stroke);
        }
        Symbol::Ring => {
            painter.circle(
                c,
                r,
                fill.gamma_multiply(0.35),
                egui::Stroke::new(stroke.width.max(2.0), fill),
            );
            painter.circle_filled(c, r * 0.45, fill);
        }
        Symbol::Square => {
            let rect = egui::Rect::from_center_size(c, vec2(1.7 * r, 1.7 * r));
            painter.rect(rect, 1.0, fill, stroke, egui::StrokeKind::Middle);
        }
        Symbol::Diamond => {
            painter.add(Shape::convex_polygon(poly(4, 0.0, r * 1.15), fill, stroke));
        }
        Symbol::TriangleUp => {
            painter.add(Shape::convex_polygon(
                poly(3, -std::f32::consts::FRAC_PI_2, r * 1.2),
                fill,
                stroke,
            ));
        }
        Symbol::TriangleDown => {
            painter.add(Shape::convex_polygon(
                poly(3, std::f32::consts::FRAC_PI_2, r * 1.2),
                fill,
                stroke,
            ));
        }
        Symbol::Hexagon => {
            painter.add(Shape::convex_polygon(poly(6, 0.0, r * 1.05), fill, stroke));
        }
        Symbol::House => {
            let pts = vec![
                c + vec2(0.0, -r * 1.1),
                c + vec2(r, -r * 0.2),
                c + vec2(r * 0.8, r),
                c + vec2(-r * 0.8, r),
                c + vec2(-r, -r * 0.2),
            ];
            painter.add(Shape::convex_polygon(pts, fill, stroke));
        }
        Symbol::Star => {
            // Two overlapping convex shapes make a four-pointed star.
            let long = r * 1.35;
            let short = r * 0.45;
            let a = vec![
                c + vec2(0.0, -long),
                c + vec2(short, 0.0),
                c + vec2(0.0, long),
                c + vec2(-short, 0.0),
            ];
            let b = vec![
                c + vec2(-long, 0.0),
                c + vec2(0.0, -short),
                c + vec2(long, 0.0),
                c + vec2(0.0, short),
            ];
            painter.add(Shape::convex_polygon(a, fill, stroke));
            painter.add(Shape::convex_polygon(b, fill, stroke));
        }
        Symbol::Cross => {
            let w = (r * 0.55).max(2.5);
            let d = r * 0.9;
            painter.line_segment(
                [c + vec2(-d, -d), c + vec2(d, d)],
                egui::Stroke::new(w + 2.0 * stroke.width, stroke.color),
            );
            painter.line_segment(
                [c + vec2(-d, d), c + vec2(d, -d)],
                egui::Stroke::new(w + 2.0 * stroke.width, stroke.color),
            );
            painter.line_segment([c + vec2(-d, -d), c + vec2(d, d)], egui::Stroke::new(w, fill));
            painter.line_segment([c + vec2(-d, d), c + vec2(d, -d)], egui::Stroke::new(w, fill));
        }
    }
}
