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
pub const AREA_TEXT: Color32 = Color32::from_rgba_premultiplied(0x5B, 0x3A, 0x29, 0xD0);
pub const HALO: Color32 = Color32::from_rgba_premultiplied(0xF4, 0xF1, 0xE8, 0xC8);
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
