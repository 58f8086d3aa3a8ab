//! The legend, which is also the filter: every symbol and colour explained,
//! each kind switchable; filters by province and unit.
use egui::{RichText, Stroke, Ui, vec2};

use crate::command::Command;
use crate::model::{EventKind, Lang, UnitKind, pick};
use crate::state::Explorer;
use crate::ui::theme;

/// A legend entry: Chinese and English text and how to draw its sample.
type Item = (&'static str, &'static str, fn(&egui::Painter, egui::Pos2));

fn swatch(ui: &mut Ui, draw: impl FnOnce(&egui::Painter, egui::Pos2)) {
    let (r, _) = ui.allocate_exact_size(vec2(24.0, 20.0), egui::Sense::hover());
    draw(ui.painter(), r.center());
}

/// The data and the layers added on it, each removable.
fn layers_ui(ui: &mut Ui, ex: &Explorer, cmds: &mut Vec<Command>) {
    let lang = ex.lang();
    ui.separator();
    ui.label(RichText::new(pick(lang, "图层", "Layers")).strong());
    let in_layers: usize = ex.ds().layers.iter().map(|l| l.len()).sum();
    let own = ex.ds().event_count().saturating_sub(in_layers);
    ui.label(format!("{} ({own})", ex.ds().name));
    for (k, layer) in ex.ds().layers.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("+ {} ({})", layer.name, layer.len()));
            if ui
                .small_button(pick(lang, "移除", "Remove"))
                .on_hover_text(pick(lang, "从地图上去掉这一图层", "Take this layer off the map"))
                .clicked()
            {
                cmds.push(Command::RemoveLayer(k));
            }
        });
    }
}

/// How a point file's events are drawn, and the hexagons' colour scale.
fn points_ui(ui: &mut Ui, ex: &Explorer, cmds: &mut Vec<Command>) {
    use crate::state::{AUTO_HEXES_ABOVE, PointStyle};
    let lang = ex.lang();
    ui.separator();
    ui.label(RichText::new(pick(lang, "点的画法", "Points drawn as")).strong());
    ui.horizontal(|ui| {
        for (style, zh, en) in [
            (PointStyle::Auto, "自动", "Auto"),
            (PointStyle::Dots, "圆点", "Dots"),
            (PointStyle::Hexagons, "六边形计数", "Hexagons"),
        ] {
            if ui
                .selectable_label(ex.settings().points == style, pick(lang, zh, en))
                .clicked()
            {
                cmds.push(Command::SetPointStyle(style));
            }
        }
    });
    if ex.settings().points == PointStyle::Auto {
        let n = AUTO_HEXES_ABOVE;
        ui.label(
            RichText::new(match lang {
                Lang::Zh => format!("视野内超过 {n} 个点时用六边形"),
                _ => format!("Hexagons when more than {n} points are in view"),
            })
            .small(),
        );
    }
    ui.label(RichText::new(pick(lang, "每个六边形内的事件数", "Events per hexagon")).small());
    ui.horizontal(|ui| {
        for (n, text) in [
            (1.0, "1"),
            (10.0, "10"),
            (100.0, "100"),
            (1000.0, "1k"),
            (10_000.0, "10k+"),
        ] {
            let (rect, _) = ui.allocate_exact_size(vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, theme::density_colour(n, 255));
            ui.label(RichText::new(text).small());
        }
    });
}

pub fn legend_ui(ui: &mut Ui, ex: &Explorer, cmds: &mut Vec<Command>) {
    let lang = ex.lang();
    ui.label(RichText::new(pick(lang, "图例与筛选", "Legend and filters")).strong());
    for &(kind, count) in ex.kind_counts() {
        let (color, symbol) = theme::kind_style(kind);
        ui.horizontal(|ui| {
            let mut on = !ex.filters().hidden_kinds.contains(&kind);
            let label = format!("{} ({count})", kind.name(lang).replace('\n', " / "));
            swatch(ui, |p, c| {
                theme::draw_symbol(p, c, 6.5, symbol, color, Stroke::new(1.0, theme::EVENT_EDGE))
            });
            if ui.checkbox(&mut on, label).changed() {
                cmds.push(Command::SetKindVisible(kind, on));
            }
        });
    }
    if !ex.filters().hidden_kinds.is_empty()
        && ui.button(pick(lang, "显示全部类别", "Show all kinds")).clicked()
    {
        cmds.push(Command::ShowAllKinds);
    }
    if !ex.ds().layers.is_empty() {
        layers_ui(ui, ex, cmds);
    }
    if !ex.dots().grid.is_empty() {
        points_ui(ui, ex, cmds);
    }
    ui.separator();
    ui.label(RichText::new(pick(lang, "标记大小 = 人数", "Marker size = people")).small());
    ui.horizontal(|ui| {
        for n in [100u32, 1_000, 10_000] {
            let r = theme::marker_radius(Some(n));
            let (rect, _) = ui.allocate_exact_size(vec2(2.0 * r + 6.0, 2.0 * r + 4.0), egui::Sense::hover());
            ui.painter().circle(
                rect.center(),
                r,
                theme::SWATCH,
                Stroke::new(1.0, theme::SWATCH_EDGE),
            );
            ui.label(RichText::new(format!("{n}")).small());
        }
    });
    let items: [Item; 6] = [
        ("已沦陷的城市", "Occupied city", |p, c| {
            p.circle_stroke(c, 8.0, Stroke::new(3.0, theme::OCCUPIED.gamma_multiply(0.75)));
        }),
        (
            "已沦陷的铁路段（有日期可考）",
            "Railway stretch lost (dated)",
            |p, c| {
                p.line_segment(
                    [c - vec2(10.0, 0.0), c + vec2(10.0, 0.0)],
                    Stroke::new(6.0, theme::OCCUPIED.gamma_multiply(0.6)),
                );
            },
        ),
        ("根据地", "Base area", |p, c| {
            p.circle(
                c,
                9.0,
                theme::BASE_AREA_FILL,
                Stroke::new(1.2, theme::BASE_AREA_EDGE),
            );
        }),
        ("被破坏的铁路", "Railway sabotaged", |p, c| {
            p.line_segment(
                [c - vec2(10.0, 0.0), c + vec2(10.0, 0.0)],
                Stroke::new(8.0, theme::SABOTAGE_LINE.gamma_multiply(0.55)),
            );
            p.line_segment(
                [c - vec2(10.0, 0.0), c + vec2(10.0, 0.0)],
                Stroke::new(3.0, theme::OCCUPIED),
            );
        }),
        ("转移路线", "Movement", |p, c| {
            p.arrow(
                c - vec2(10.0, 0.0),
                vec2(20.0, 0.0),
                Stroke::new(2.5, theme::kind_style(EventKind::UnitMoved).0),
            );
        }),
        ("1937年的铁路", "Railway of 1937", |p, c| {
            p.line_segment(
                [c - vec2(10.0, 0.0), c + vec2(10.0, 0.0)],
                Stroke::new(4.0, theme::RAIL_CASING),
            );
            p.line_segment(
                [c - vec2(5.0, 0.0), c + vec2(0.0, 0.0)],
                Stroke::new(2.0, theme::RAIL_DASH),
            );
        }),
    ];
    for (zh, en, draw) in items {
        ui.horizontal(|ui| {
            swatch(ui, draw);
            ui.label(pick(lang, zh, en));
        });
    }
    ui.horizontal(|ui| {
        swatch(ui, |p, c| {
            p.circle_filled(
                c,
                5.0,
                theme::kind_style(EventKind::Battle)
                    .0
                    .gamma_multiply(crate::state::FAINT),
            );
        });
        ui.label(pick(
            lang,
            "淡色：日期不确定或可能在窗口内",
            "Faint: date uncertain or only possibly in the window",
        ));
    });
    ui.separator();
    // Filters by 1937 province and by unit.
    let mut provinces: Vec<&crate::model::Province> = ex.ds().provinces.iter().collect();
    provinces.sort_by(|a, b| a.name_en.cmp(&b.name_en));
    let all = pick(lang, "全部", "All").into_owned();
    let current = ex
        .filters()
        .province
        .as_deref()
        .and_then(|id| ex.ds().province(id))
        .map(|p| {
            if lang == Lang::Zh {
                p.name_zh.clone()
            } else {
                p.name_en.clone()
            }
        })
        .unwrap_or_else(|| all.clone());
    ui.label(pick(lang, "省（1937年）", "Province (1937)"));
    let province_label = pick(lang, "省（1937年）", "Province (1937)").into_owned();
    egui::ComboBox::from_id_salt("province_filter")
        .selected_text(current)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(ex.filters().province.is_none(), &all)
                .clicked()
            {
                cmds.push(Command::SetProvinceFilter(None));
            }
            for p in provinces {
                let name = if lang == Lang::Zh {
                    p.name_zh.clone()
                } else {
                    format!("{} {}", p.name_en, p.name_zh)
                };
                if ui
                    .selectable_label(ex.filters().province.as_deref() == Some(&p.id), name)
                    .clicked()
                {
                    cmds.push(Command::SetProvinceFilter(Some(p.id.clone())));
                }
            }
        })
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &province_label));
    ui.label(pick(lang, "部队", "Unit"));
    let current = ex
        .filters()
        .unit
        .as_deref()
        .and_then(|id| ex.ds().unit(id))
        .map(|u| u.name(lang).replace('\n', " / "))
        .unwrap_or_else(|| all.clone());
    let unit_label = pick(lang, "部队", "Unit").into_owned();
    egui::ComboBox::from_id_salt("unit_filter")
        .width(200.0)
        .selected_text(current)
        .show_ui(ui, |ui| {
            if ui.selectable_label(ex.filters().unit.is_none(), &all).clicked() {
                cmds.push(Command::SetUnitFilter(None));
            }
            for u in ex.ds().units.iter().filter(|u| u.kind == UnitKind::WorkersArmed) {
                if ui
                    .selectable_label(
                        ex.filters().unit.as_deref() == Some(&u.id),
                        u.name(lang).replace('\n', " / "),
                    )
                    .clicked()
                {
                    cmds.push(Command::SetUnitFilter(Some(u.id.clone())));
                }
            }
        })
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &unit_label));
}

/// A small legend painted on the map (exported frames): the kinds shown
/// now, with their symbols, bottom left.
pub fn compact_legend(ui: &Ui, rect: egui::Rect, ex: &Explorer) {
    let lang = ex.lang();
    let mut kinds: Vec<EventKind> = ex
        .shown()
        .iter()
        .filter_map(|s| ex.ds().kind_at(s.event))
        .collect();
    kinds.sort();
    kinds.dedup();
    if kinds.is_empty() {
        return;
    }
    let p = ui.painter_at(rect);
    let font = egui::FontId::proportional(14.0);
    let rows: Vec<(EventKind, std::sync::Arc<egui::Galley>)> = kinds
        .into_iter()
        .map(|k| {
            (
                k,
                p.layout_no_wrap(k.name(lang).replace('\n', " / "), font.clone(), theme::TEXT),
            )
        })
        .collect();
    let w = rows.iter().map(|(_, g)| g.size().x).fold(0.0, f32::max) + 40.0;
    let row_h = 20.0;
    let h = rows.len() as f32 * row_h + 12.0;
    let r = egui::Rect::from_min_size(
        egui::pos2(rect.left() + 16.0, rect.bottom() - h - 28.0),
        vec2(w, h),
    );
    p.rect(
        r,
        6.0,
        theme::LEGEND_PAPER,
        Stroke::new(1.0, theme::RULE),
        egui::StrokeKind::Inside,
    );
    for (i, (k, g)) in rows.into_iter().enumerate() {
        let y = r.top() + 6.0 + i as f32 * row_h + row_h / 2.0;
        let (color, symbol) = theme::kind_style(k);
        theme::draw_symbol(
            &p,
            egui::pos2(r.left() + 14.0, y),
            6.0,
            symbol,
            color,
            Stroke::new(1.0, theme::EVENT_EDGE),
        );
        p.galley(egui::pos2(r.left() + 28.0, y - g.size().y / 2.0), g, theme::TEXT);
    }
}
