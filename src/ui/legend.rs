//! The legend, which is also the filter: every symbol and colour explained,
//! each kind switchable; filters by province and unit.
use egui::{RichText, Stroke, Ui, vec2};

use crate::command::Command;
use crate::model::{EventKind, Lang, UnitKind, pick, pick_line};
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

/// The legend's width when open, in points: room for a kind's name in
/// both languages on one line, and little more.
pub const WIDTH: f32 = 180.0;

/// A small square button of a folded panel, with what it does as its
/// tooltip and accessible name.
pub fn strip_button(ui: &mut Ui, text: &str, what: &str) -> egui::Response {
    let button = egui::Button::new(RichText::new(text).size(16.0)).min_size(vec2(22.0, 26.0));
    let r = ui.add(button).on_hover_text(what);
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, what));
    r
}

/// The legend folded: a button that opens it, then each kind's symbol
/// (its name in the tooltip; a click hides or shows the kind).
pub fn legend_strip(ui: &mut Ui, ex: &Explorer, cmds: &mut Vec<Command>) {
    let lang = ex.lang();
    if strip_button(ui, "»", &pick_line(lang, "打开图例（L）", "Open the legend (L)")).clicked() {
        cmds.push(Command::ToggleLegend);
    }
    ui.add_space(4.0);
    for &(kind, count) in ex.kind_counts() {
        let (color, symbol) = theme::kind_style(kind);
        let on = !ex.filters().hidden_kinds.contains(&kind);
        let (r, response) = ui.allocate_exact_size(vec2(22.0, 22.0), egui::Sense::click());
        let fill = if on { color } else { color.gamma_multiply(0.2) };
        theme::draw_symbol(
            ui.painter(),
            r.center(),
            6.5,
            symbol,
            fill,
            Stroke::new(1.0, theme::EVENT_EDGE),
        );
        let name = format!("{} ({count})", kind.name(lang).replace('\n', " / "));
        response.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, &name));
        if response.on_hover_text(&name).clicked() {
            cmds.push(Command::SetKindVisible(kind, !on));
        }
    }
}

pub fn legend_ui(ui: &mut Ui, ex: &Explorer, cmds: &mut Vec<Command>) {
    let lang = ex.lang();
    ui.horizontal(|ui| {
        if strip_button(ui, "«", &pick_line(lang, "收起图例（L）", "Fold the legend (L)")).clicked() {
            cmds.push(Command::ToggleLegend);
        }
        ui.label(RichText::new(pick_line(lang, "图例", "Legend")).strong());
    });
    ui.spacing_mut().item_spacing.y = 1.0;
    for &(kind, count) in ex.kind_counts() {
        let on = !ex.filters().hidden_kinds.contains(&kind);
        if kind_row(ui, kind, count, lang, on).clicked() {
            cmds.push(Command::SetKindVisible(kind, !on));
        }
    }
    ui.spacing_mut().item_spacing.y = 4.0;
    if !ex.filters().hidden_kinds.is_empty()
        && ui
            .button(pick_line(lang, "显示全部类别", "Show all kinds"))
            .clicked()
    {
        cmds.push(Command::ShowAllKinds);
    }
    if !ex.ds().layers.is_empty() {
        layers_ui(ui, ex, cmds);
    }
    if !ex.dots().grid.is_empty() {
        points_ui(ui, ex, cmds);
    }
    ui.add_space(4.0);
    egui::CollapsingHeader::new(pick_line(lang, "其他符号", "Other symbols"))
        .id_salt("legend_symbols")
        .default_open(false)
        .show(ui, |ui| symbols_ui(ui, lang));
    let filtered = ex.filters().province.is_some() || ex.filters().unit.is_some();
    egui::CollapsingHeader::new(pick_line(lang, "筛选", "Filters"))
        .id_salt("legend_filters")
        .default_open(false)
        .open(filtered.then_some(true))
        .show(ui, |ui| filters_ui(ui, ex, cmds));
}

/// One kind in the legend, a checkbox the width of the panel: its symbol
/// (faint when hidden), a tick, its name and count; in both languages the
/// English name follows, small. What does not fit ends in "…" (the
/// tooltip has it all).
fn kind_row(ui: &mut Ui, kind: EventKind, count: usize, lang: Lang, on: bool) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), 21.0), egui::Sense::click());
    let first = if lang == Lang::Both { Lang::Zh } else { lang };
    let label = format!("{} ({count})", kind.name(first));
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, &label));
    let visuals = ui.style().interact(&response);
    let p = ui.painter_at(rect);
    let (color, symbol) = theme::kind_style(kind);
    let fill = if on { color } else { color.gamma_multiply(0.25) };
    let y = rect.center().y;
    theme::draw_symbol(
        &p,
        egui::pos2(rect.left() + 10.0, y),
        6.0,
        symbol,
        fill,
        Stroke::new(1.0, theme::EVENT_EDGE),
    );
    let tick = egui::Rect::from_center_size(egui::pos2(rect.left() + 30.0, y), vec2(13.0, 13.0));
    p.rect(
        tick,
        2.0,
        visuals.bg_fill,
        visuals.bg_stroke,
        egui::StrokeKind::Inside,
    );
    if on {
        let pts = [
            tick.left_center() + vec2(3.0, 0.0),
            tick.center_bottom() + vec2(-1.0, -3.0),
            tick.right_top() + vec2(-2.5, 3.0),
        ];
        p.line_segment([pts[0], pts[1]], Stroke::new(1.8, visuals.fg_stroke.color));
        p.line_segment([pts[1], pts[2]], Stroke::new(1.8, visuals.fg_stroke.color));
    }
    let mut job = egui::text::LayoutJob::default();
    let format =
        |size: f32, color: egui::Color32| egui::TextFormat::simple(egui::FontId::proportional(size), color);
    job.append(&label, 0.0, format(13.0, theme::TEXT));
    if lang == Lang::Both {
        job.append(&kind.name(Lang::En), 5.0, format(10.5, theme::GRID_TEXT));
    }
    job.wrap = egui::text::TextWrapping::truncate_at_width(rect.right() - tick.right() - 8.0);
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    p.galley(
        egui::pos2(tick.right() + 6.0, y - galley.size().y / 2.0),
        galley,
        theme::TEXT,
    );
    response.on_hover_text(kind.name(lang).replace('\n', " / "))
}

/// The symbols that are not kinds of event: sizes, occupied cities, lines.
fn symbols_ui(ui: &mut Ui, lang: Lang) {
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
}

/// Filters by 1937 province and by unit.
fn filters_ui(ui: &mut Ui, ex: &Explorer, cmds: &mut Vec<Command>) {
    let lang = ex.lang();
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
