//! The bundled CJK font (a subset of Noto Sans SC, OFL), installed for every
//! window, headless frame and test, so no machine's fonts change what is shown.
use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

pub const REGULAR: &str = "NotoSansSC-Regular";
pub const BOLD: &str = "NotoSansSC-Bold";

pub static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular.subset.ttf");
pub static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Bold.subset.ttf");

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
