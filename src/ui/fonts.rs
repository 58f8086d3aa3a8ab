//! The bundled CJK font (a subset of Noto Sans SC, OFL), installed for every
//! window, headless frame and test, so no machine's fonts change what is shown.
use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

pub const REGULAR: &str = "NotoSansSC-Regular";
pub const BOLD: &str = "NotoSansSC-Bold";

pub static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular.subset.ttf");
pub static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Bold.subset.ttf");

/// The distinct characters of `text` the bundled font has no glyph for
/// (it keeps GB2312 and the project's own characters: a traditional or rare
/// character of a user's text may be missing), in order of first use.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let Ok(face) = ttf_parser::Face::parse(REGULAR_TTF, 0) else {
        return Vec::new();
    };
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if !c.is_control() && !c.is_whitespace() && face.glyph_index(c).is_none() && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// egui's fonts with Noto Sans SC first in every family (egui's own fonts
/// stay as fallbacks for symbols), and a `bold` family.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert(REGULAR.into(), Arc::new(FontData::from_static(REGULAR_TTF)));
    fonts
        .font_data
        .insert(BOLD.into(), Arc::new(FontData::from_static(BOLD_TTF)));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let list = fonts.families.entry(family.clone()).or_default();
        // Monospace keeps its own Latin face first, then Chinese.
        let at = if family == FontFamily::Monospace {
            1.min(list.len())
        } else {
            0
        };
        list.insert(at, REGULAR.into());
    }
    let mut bold = vec![BOLD.to_string(), REGULAR.to_string()];
    bold.extend(
        fonts
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .skip(1),
    );
    fonts.families.insert(FontFamily::Name(BOLD.into()), bold);
    fonts
}

/// Installs the bundled fonts and no system-font lookup, and the light
/// theme the map is designed for (whatever the desktop's preference).
pub fn install(ctx: &egui::Context) {
    ctx.set_font_providers(Vec::new());
    ctx.set_fonts(definitions());
    ctx.set_theme(egui::Theme::Light);
}
