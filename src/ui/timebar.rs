//! The time bar: play/pause, step, speed, loop, mode; the date large; a
//! strip with the events' histogram that is also the slider; and the
//! armed workers' strength, on the same time axis.
use egui::{Pos2, Rect, Response, RichText, Role, Sense, Stroke, Ui, WidgetInfo, pos2, vec2};

use crate::command::Command;
use crate::model::date::{civil_from_days, days_from_civil, format_iso};
use crate::model::{Day, HistDate, Lang, UnitKind, pick, pick_line};
use crate::state::{Explorer, ModeSetting, WINDOW_PRESETS};
use crate::time::clock::SPEED_PRESETS;
use crate::time::strength::strength_series;
use crate::time::unit_observations;
use crate::ui::theme;

/// The icons of the play controls, drawn (no font needed).
#[derive(Clone, Copy)]
enum Icon {
    Play,
    Pause,
    Prev,
    Next,
    Loop,
}

/// A square button with a drawn icon and an accessible label.
fn icon_button(ui: &mut Ui, icon: Icon, label: &str, active: bool) -> Response {
    // Finger-sized when the style asks for it (the kiosk).
    let size = if ui.spacing().interact_size.y >= 40.0 {
        vec2(48.0, 48.0)
    } else {
        vec2(34.0, 30.0)
    };
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, label));
    let visuals = ui.style().interact_selectable(&response, active);
    ui.painter().rect(
        rect,
        4.0,
        visuals.weak_bg_fill,
        visuals.bg_stroke,
        egui::StrokeKind::Inside,
    );
    let c = rect.center();
    let col = visuals.fg_stroke.color;
    let p = ui.painter();
    match icon {
        Icon::Play => {
            p.add(egui::Shape::convex_polygon(
                vec![c + vec2(-5.0, -8.0), c + vec2(8.0, 0.0), c + vec2(-5.0, 8.0)],
                col,
                Stroke::NONE,
            ));
        }
        Icon::Pause => {
            p.rect_filled(
                Rect::from_center_size(c + vec2(-4.0, 0.0), vec2(4.0, 15.0)),
                1.0,
                col,
            );
            p.rect_filled(
                Rect::from_center_size(c + vec2(4.0, 0.0), vec2(4.0, 15.0)),
                1.0,
                col,
            );
        }
        Icon::Prev | Icon::Next => {
            let s = if matches!(icon, Icon::Next) { 1.0 } else { -1.0 };
            p.add(egui::Shape::convex_polygon(
                vec![
                    c + vec2(-6.0 * s, -7.0),
                    c + vec2(4.0 * s, 0.0),
                    c + vec2(-6.0 * s, 7.0),
                ],
                col,
                Stroke::NONE,
            ));
            p.rect_filled(
                Rect::from_center_size(c + vec2(6.0 * s, 0.0), vec2(2.5, 14.0)),
                0.0,
                col,
            );
        }
        Icon::Loop => {
            let pts: Vec<Pos2> = (0..=28)
                .map(|k| c + egui::Vec2::angled(0.4 + k as f32 * 0.2) * 8.0)
                .collect();
            p.add(egui::Shape::line(pts.clone(), Stroke::new(2.0, col)));
            if let Some(&end) = pts.last() {
                p.add(egui::Shape::convex_polygon(
                    vec![
                        end + vec2(-4.0, -4.0),
                        end + vec2(4.0, -4.0),
                        end + vec2(0.0, 3.0),
                    ],
                    col,
                    Stroke::NONE,
                ));
            }
        }
    }
    response
}

/// The date as a date and as the text would write it.
pub fn date_text(day: Day, lang: Lang) -> (String, String) {
    let d = HistDate::day(day);
    let big = match lang {
        Lang::Zh => d.display_zh(),
        Lang::En => d.display_en(),
        Lang::Both => format!("{}  {}", d.display_zh(), d.display_en()),
    };
    (big, format_iso(day))
}

fn speed_label(days: f64, lang: Lang) -> String {
    let (zh, en) = match days as i64 {
        1 => ("每秒1天", "1 day/s"),
        7 => ("每秒1周", "1 week/s"),
        30 => ("每秒1月", "1 month/s"),
        91 => ("每秒1季", "1 season/s"),
        365 => ("每秒1年", "1 year/s"),
        _ => return format!("{days:.0} d/s"),
    };
    pick_line(lang, zh, en).into_owned()
}

fn mode_label(mode: ModeSetting, lang: Lang) -> String {
    match mode {
        ModeSetting::Cumulative => pick_line(lang, "累计", "Cumulative").into_owned(),
        ModeSetting::Window { width_days } => match lang {
            Lang::Zh => format!("最近{width_days}天"),
            _ => format!("Last {width_days} days"),
        },
    }
}

/// The controls row.
fn controls(ui: &mut Ui, ex: &Explorer, cmds: &mut Vec<Command>) {
    // The chart's button at the right end first, so that the row never
    // pushes it out of the window; the controls fill the rest.
    // (A row as high as the big date; a bare layout would take the panel.)
    let height = if ui.spacing().interact_size.y >= 40.0 {
        52.0
    } else {
        36.0
    };
    let row = vec2(ui.available_width(), height);
    ui.allocate_ui_with_layout(row, egui::Layout::right_to_left(egui::Align::Center), |ui| {
        strength_button(ui, ex, cmds);
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            controls_row(ui, ex, cmds)
        });
    });
}

/// The strength chart opens under the strip; folded, it is this one
/// button (remembered).
fn strength_button(ui: &mut Ui, ex: &Explorer, cmds: &mut Vec<Command>) {
    let lang = ex.lang();
    let chart = pick_line(lang, "人数图", "Strength");
    if ui
        .selectable_label(ex.settings().show_strength, chart)
        .on_hover_text(pick_line(
            lang,
            "工人武装人数（原文所记）",
            "Armed workers' strength as the text gives it",
        ))
        .clicked()
    {
        cmds.push(Command::ToggleStrength);
    }
}

/// Play, step, loop, the date, speed, window and what is shown.
fn controls_row(ui: &mut Ui, ex: &Explorer, cmds: &mut Vec<Command>) {
    let lang = ex.lang();
    {
        if icon_button(ui, Icon::Prev, &pick(lang, "上一事件", "Previous event"), false).clicked() {
            cmds.push(Command::StepPrev);
        }
        let playing = ex.clock().is_playing();
        let (icon, label) = if playing {
            (Icon::Pause, pick(lang, "暂停", "Pause"))
        } else {
            (Icon::Play, pick(lang, "播放", "Play"))
        };
        if icon_button(ui, icon, &label, playing).clicked() {
            cmds.push(Command::TogglePlay);
        }
        if icon_button(ui, Icon::Next, &pick(lang, "下一事件", "Next event"), false).clicked() {
            cmds.push(Command::StepNext);
        }
        let looping = ex.clock().is_looping();
        if icon_button(ui, Icon::Loop, &pick(lang, "循环播放", "Loop"), looping).clicked() {
            cmds.push(Command::SetLooping(!looping));
        }
        ui.add_space(8.0);
        let (big, iso) = date_text(ex.day(), lang);
        ui.label(
            RichText::new(big)
                .font(theme::date_font())
                .color(ui.visuals().strong_text_color()),
        );
        ui.label(RichText::new(iso).monospace().weak());
        ui.add_space(8.0);
        ui.separator();
        let speed = ex.clock().speed();
        egui::ComboBox::from_id_salt("speed")
            .selected_text(speed_label(speed, lang))
            .show_ui(ui, |ui| {
                for s in SPEED_PRESETS {
                    if ui
                        .selectable_label((speed - s).abs() < 1e-9, speed_label(s, lang))
                        .clicked()
                    {
                        cmds.push(Command::SetSpeed(s));
                    }
                }
            })
            .response
            .widget_info(|| WidgetInfo::labeled(Role::ComboBox, true, pick(lang, "速度", "Speed")));
        let mode = ex.settings().mode;
        egui::ComboBox::from_id_salt("mode")
            .selected_text(mode_label(mode, lang))
            .show_ui(ui, |ui| {
                let options = std::iter::once(ModeSetting::Cumulative).chain(
                    WINDOW_PRESETS
                        .iter()
                        .map(|&w| ModeSetting::Window { width_days: w }),
                );
                for m in options {
                    if ui.selectable_label(m == mode, mode_label(m, lang)).clicked() {
                        cmds.push(Command::SetMode(m));
                    }
                }
            })
            .response
            .widget_info(|| WidgetInfo::labeled(Role::ComboBox, true, pick(lang, "时间窗口", "Time window")));
        let shown = ex.shown().len();
        ui.label(
            RichText::new(match lang {
                Lang::Zh => format!("显示 {shown} 个事件"),
                Lang::En => format!("{shown} events shown"),
                Lang::Both => format!("{shown} 个事件 shown"),
            })
            .weak(),
        );
    }
}

/// Day ↔ x on the strip.
#[derive(Clone, Copy)]
pub struct Axis {
    pub rect: Rect,
    pub start: Day,
    pub end: Day,
}

impl Axis {
    pub fn x(&self, day: f64) -> f32 {
        let span = f64::from(self.end - self.start).max(1.0);
        self.rect.left() + ((day - f64::from(self.start)) / span) as f32 * self.rect.width()
    }

    pub fn day(&self, x: f32) -> f64 {
        let span = f64::from(self.end - self.start).max(1.0);
        f64::from(self.start) + f64::from(((x - self.rect.left()) / self.rect.width()).clamp(0.0, 1.0)) * span
    }
}

/// Year and half-year ticks under the strip.
fn ticks(ui: &Ui, axis: &Axis, lang: Lang) {
    let (y0, _, _) = civil_from_days(axis.start);
    let (y1, _, _) = civil_from_days(axis.end);
    let p = ui.painter();
    for y in y0..=y1 + 1 {
        for (m, major) in [(1, true), (7, false)] {
            let d = days_from_civil(y, m, 1);
            if d < axis.start || d > axis.end {
                continue;
            }
            let x = axis.x(f64::from(d));
            let h = if major { 8.0 } else { 4.0 };
            p.line_segment(
                [pos2(x, axis.rect.bottom()), pos2(x, axis.rect.bottom() - h)],
                Stroke::new(1.0, theme::TICK),
            );
            if major {
                let text = match lang {
                    Lang::Zh => format!("{y}年"),
                    _ => y.to_string(),
                };
                p.text(
                    pos2(x + 3.0, axis.rect.bottom() - 2.0),
                    egui::Align2::LEFT_BOTTOM,
                    text,
                    egui::FontId::proportional(11.0),
                    theme::AXIS_TEXT,
                );
            }
        }
    }
}

/// The strip: histogram of events by start, window shading, handle; drag
/// or click to move the date.
fn strip(ui: &mut Ui, ex: &Explorer, cmds: &mut Vec<Command>) -> Axis {
    let lang = ex.lang();
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(vec2(width, 46.0), Sense::click_and_drag());
    let axis = Axis {
        rect: rect.shrink2(vec2(8.0, 0.0)),
        start: ex.clock().start(),
        end: ex.clock().end(),
    };
    response.widget_info(|| WidgetInfo::slider(true, ex.clock().position(), pick(lang, "日期", "Date")));
    let p = ui.painter();
    p.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    let bins = ((axis.rect.width() / 6.0) as usize).max(10);
    let hist = ex.index().histogram(bins, axis.start, axis.end);
    let top = hist.iter().copied().max().unwrap_or(1).max(1) as f32;
    let bw = axis.rect.width() / bins as f32;
    for (i, &n) in hist.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let h = (n as f32 / top).sqrt() * (rect.height() - 18.0);
        let x = axis.rect.left() + i as f32 * bw;
        let r = Rect::from_min_max(
            pos2(x + 0.5, rect.bottom() - 12.0 - h),
            pos2(x + bw - 0.5, rect.bottom() - 12.0),
        );
        p.rect_filled(r, 0.0, theme::HISTOGRAM);
    }
    ticks(ui, &axis, lang);
    // The time being shown: the window, or everything up to now.
    let now = axis.x(ex.clock().position());
    let from = match ex.settings().mode {
        ModeSetting::Cumulative => axis.rect.left(),
        ModeSetting::Window { width_days } => axis.x(ex.clock().position() - f64::from(width_days) + 1.0),
    };
    let shade = Rect::from_min_max(pos2(from.max(rect.left()), rect.top()), pos2(now, rect.bottom()));
    p.rect_filled(shade, 0.0, theme::TIME_SHOWN);
    p.line_segment(
        [pos2(now, rect.top()), pos2(now, rect.bottom())],
        Stroke::new(2.5, theme::NOW_LINE),
    );
    p.circle(
        pos2(now, rect.top() + 5.0),
        5.0,
        theme::NOW_LINE,
        Stroke::new(1.0, theme::EVENT_EDGE),
    );
    if let Some(pos) = response.interact_pointer_pos()
        && (response.dragged() || response.clicked())
    {
        cmds.push(Command::Seek(axis.day(pos.x)));
    }
    if let Some(pos) = response.hover_pos() {
        let d = axis.day(pos.x).floor() as Day;
        let (text, _) = date_text(d, lang);
        response.on_hover_text_at_pointer(text);
    }
    axis
}

/// The armed workers' strength as the text gives it: one band per unit
/// from each figure until the next (or the unit's successor), min to max;
/// an open "more than" figure fades upward. Log scale, on the strip's axis.
fn strength_chart(ui: &mut Ui, ex: &Explorer, axis: &Axis) {
    let lang = ex.lang();
    let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), 80.0), Sense::hover());
    response.widget_info(|| {
        WidgetInfo::labeled(
            Role::Image,
            true,
            pick(lang, "工人武装人数", "Armed workers' strength"),
        )
    });
    let p = ui.painter_at(rect);
    p.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
    let (lo, hi) = (10f32.ln(), 30_000f32.ln());
    let y = |n: f32| rect.bottom() - 6.0 - ((n.max(10.0).ln() - lo) / (hi - lo)) * (rect.height() - 12.0);
    const SCALE: [(f32, &str); 3] = [(100.0, "100"), (1000.0, "1,000"), (10_000.0, "10,000")];
    for (n, _) in SCALE {
        let yy = y(n);
        p.line_segment(
            [pos2(rect.left(), yy), pos2(rect.right(), yy)],
            Stroke::new(0.5, theme::RULE),
        );
    }
    let mut bands: Vec<Rect> = Vec::new();
    let ds = ex.ds();
    let units = charted_units(ex);
    let mut hover_text: Option<String> = None;
    for (k, u) in units.enumerate() {
        let color = theme::BAND_COLOURS[k % theme::BAND_COLOURS.len()];
        let obs = unit_observations(u);
        // A unit's figures stop where its successor's begin.
        let end = u
            .successor
            .as_deref()
            .and_then(|s| ds.unit(s))
            .and_then(|s| s.strength.iter().map(|x| x.when.earliest()).min())
            .unwrap_or(axis.end);
        let series = strength_series(&obs, axis.start, end.min(axis.end));
        for (from, to, s) in series {
            let (x0, x1) = (axis.x(f64::from(from)), axis.x(f64::from(to) + 1.0));
            let top_n = s.max.map_or(s.min as f32 * 1.8, |m| m as f32);
            let band = Rect::from_min_max(
                pos2(x0, y(top_n)),
                pos2(x1.max(x0 + 2.0), y(s.min as f32).max(y(top_n) + 2.0)),
            );
            let alpha = if s.provisional { 0.35 } else { 0.7 };
            if s.max.is_none() {
                // Open above: solid at the known minimum, fading upward.
                let mut mesh = egui::Mesh::default();
                let (a, b) = (color.gamma_multiply(alpha), color.gamma_multiply(0.0));
                mesh.colored_vertex(band.left_bottom(), a);
                mesh.colored_vertex(band.right_bottom(), a);
                mesh.colored_vertex(band.right_top(), b);
                mesh.colored_vertex(band.left_top(), b);
                mesh.add_triangle(0, 1, 2);
                mesh.add_triangle(0, 2, 3);
                p.add(mesh);
                p.line_segment([band.left_bottom(), band.right_bottom()], Stroke::new(1.5, color));
            } else {
                p.rect_filled(band, 1.0, color.gamma_multiply(alpha));
            }
            bands.push(band);
            if response.hover_pos().is_some_and(|h| band.expand(2.0).contains(h)) {
                let size = &u.strength[s.observation].size;
                let sz = match lang {
                    Lang::Zh => size.display_zh(),
                    _ => size.display_en(),
                };
                hover_text = Some(format!("{}: {sz}", u.name(lang).replace('\n', " / ")));
            }
        }
    }
    // Each line's figure where no band is (none if the line is covered).
    for (n, label) in SCALE {
        let galley = p.layout_no_wrap(label.into(), egui::FontId::proportional(10.0), theme::GRID_TEXT);
        if let Some(at) = scale_label_spot(galley.size(), y(n), rect, &bands) {
            p.galley(at, galley, theme::GRID_TEXT);
        }
    }
    let now = axis.x(ex.clock().position());
    p.line_segment(
        [pos2(now, rect.top()), pos2(now, rect.bottom())],
        Stroke::new(2.0, theme::NOW_LINE),
    );
    if let Some(t) = hover_text {
        response.on_hover_text_at_pointer(t);
    }
}

/// The whole time bar.
pub fn timebar_ui(ui: &mut Ui, ex: &Explorer, cmds: &mut Vec<Command>) {
    controls(ui, ex, cmds);
    let axis = strip(ui, ex, cmds);
    if ex.settings().show_strength {
        unit_key(ui, ex);
        strength_chart(ui, ex, &axis);
    }
}

/// Where the figure of a scale line at height `y` can stand just above it,
/// in `chart`, clear of every band: the leftmost free spot (a step of 24
/// points), or none.
fn scale_label_spot(size: egui::Vec2, y: f32, chart: Rect, bands: &[Rect]) -> Option<Pos2> {
    let mut x = chart.left() + 2.0;
    while x + size.x <= chart.right() - 2.0 {
        let r = Rect::from_min_size(pos2(x, y - 1.0 - size.y), size);
        if chart.contains_rect(r) && !bands.iter().any(|b| b.intersects(r.expand(1.0))) {
            return Some(r.min);
        }
        x += 24.0;
    }
    None
}

/// The units of the chart, each in its band's colour: a key above the
/// chart, so that no name lies on a band.
fn unit_key(ui: &mut Ui, ex: &Explorer) {
    let lang = ex.lang();
    ui.horizontal_wrapped(|ui| {
        let title = pick_line(
            lang,
            "工人武装人数（原文所记，对数坐标）",
            "Armed workers' strength as the text gives it (log scale)",
        );
        ui.label(RichText::new(title).size(11.0).color(theme::CHART_TITLE));
        ui.spacing_mut().item_spacing.x = 10.0;
        for (k, u) in charted_units(ex).enumerate() {
            let color = theme::BAND_COLOURS[k % theme::BAND_COLOURS.len()];
            let (r, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
            ui.painter().rect_filled(r, 2.0, color.gamma_multiply(0.8));
            let name = if lang == Lang::En { &u.name_en } else { &u.name_zh };
            ui.label(RichText::new(name).size(11.0).color(color))
                .on_hover_text(u.name(lang).replace('\n', " / "));
        }
    });
}

/// The units the strength chart draws, in its order.
fn charted_units(ex: &Explorer) -> impl Iterator<Item = &crate::model::Unit> {
    (ex.ds().units.iter()).filter(|u| u.kind == UnitKind::WorkersArmed && !u.strength.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scale_figure_never_lies_on_a_band() {
        let chart = Rect::from_min_max(pos2(0.0, 0.0), pos2(600.0, 80.0));
        let size = vec2(30.0, 12.0);
        // Nothing in the way: at the left.
        assert_eq!(scale_label_spot(size, 40.0, chart, &[]), Some(pos2(2.0, 27.0)));
        // A band from the left edge under the line: just past its end.
        let band = Rect::from_min_max(pos2(0.0, 30.0), pos2(100.0, 45.0));
        let at = scale_label_spot(size, 40.0, chart, &[band]).unwrap();
        assert!(
            !band.intersects(Rect::from_min_size(at, size)) && at.x < 140.0,
            "{at:?}"
        );
        // A band the whole width: no figure.
        let wide = Rect::from_min_max(pos2(0.0, 20.0), pos2(600.0, 45.0));
        assert_eq!(scale_label_spot(size, 40.0, chart, &[wide]), None);
    }
}
