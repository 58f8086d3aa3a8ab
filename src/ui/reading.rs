//! The reading panel: the whole source text beside the map, every phrase an
//! event cites tinted in its kind's colour. Click a phrase: its event is
//! selected, the map flies there and the time bar goes to its date (a
//! phrase of several events offers a choice). Select or hover a marker: its
//! phrase is marked and scrolled into view. While time plays the phrases of
//! the events shown now stand out, and the panel follows the newest one,
//! unless the reader scrolls (then a button resumes following).
use egui::{Align, Color32, RichText, Stroke, Ui};

use crate::command::Command;
use crate::model::reading::{Reading, Run};
use crate::model::{EventRef, Lang, pick};
use crate::state::Explorer;
use crate::ui::theme;

/// What the panel remembers between frames.
#[derive(Debug, Default)]
pub struct ReadingPanel {
    /// Whether the panel scrolls to the phrase of the event in focus.
    pub following: bool,
    /// The event last scrolled to, so each focus change scrolls once.
    scrolled_to: Option<usize>,
    /// The selection last seen: selecting on the map always scrolls there,
    /// even while following is paused.
    last_selected: Option<usize>,
    /// A phrase of several events, clicked: they are offered as a choice.
    choice: Option<(Vec<usize>, egui::Pos2)>,
    /// The dataset's runs (rebuilt when the data changes).
    reading: Option<(usize, Reading)>,
    /// The editor is on: the text is shown for selecting a phrase (a new
    /// event's quote) rather than as links to the events.
    pub selecting: bool,
    /// The phrase selected: source, byte range.
    pub phrase: Option<(usize, usize, usize)>,
    /// While editing: per source text, the places, dates and sizes found
    /// in it (issue #21), underlined with dots; a click opens one.
    pub marks: Vec<Vec<super::reading_select::Mark>>,
    /// Where each mark was drawn this frame (source, start byte, the rect
    /// of its first row), for hit tests and tests.
    pub drawn: Vec<(usize, usize, egui::Rect)>,
}

impl ReadingPanel {
    pub fn new() -> Self {
        ReadingPanel {
            following: true,
            ..Default::default()
        }
    }

    /// Forgets the runs (new data).
    pub fn reset(&mut self) {
        self.reading = None;
        self.scrolled_to = None;
        self.choice = None;
    }
}

/// The event the panel should show: the selected one, else the hovered,
/// else the newest of those shown now that the text cites.
fn focus(ex: &Explorer, reading: &Reading) -> Option<usize> {
    if let Some(e) = ex.selected().or(ex.hovered())
        && !reading.runs_of(e).is_empty()
    {
        return Some(e);
    }
    let ds = ex.ds();
    ex.shown()
        .iter()
        .filter_map(|s| match ds.resolve(s.event)? {
            EventRef::Full(n) => Some((ds.events[n].when.earliest_start, s.event)),
            EventRef::Row(_) => None,
        })
        .max()
        .map(|(_, e)| e)
}

pub(super) fn tint(c: Color32, a: f32) -> Color32 {
    theme::with_alpha(c, (a * 255.0) as u8)
}

/// One paragraph in Chinese, its runs as widgets in a wrapped row.
fn paragraph_zh(
    ui: &mut Ui,
    ex: &Explorer,
    text: &str,
    runs: &[Run],
    target: Option<usize>,
    panel: &mut ReadingPanel,
    cmds: &mut Vec<Command>,
) -> Option<egui::Rect> {
    let lang = ex.lang();
    let mut target_rect = None;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = egui::vec2(0.0, 4.0);
        for run in runs {
            let words = &text[run.start..run.end];
            let mut rich = RichText::new(words).size(15.0);
            if let Some(&first) = run.events.first() {
                let kind = ex.ds().kind_at(first).unwrap_or(crate::model::EventKind::Other);
                let (color, _) = theme::kind_style(kind);
                let shown = run.events.iter().any(|&e| ex.is_shown(e));
                let focused = run
                    .events
                    .iter()
                    .any(|&e| Some(e) == ex.selected() || Some(e) == ex.hovered());
                let a = if focused {
                    0.55
                } else if shown {
                    0.32
                } else {
                    0.12
                };
                rich = rich.background_color(tint(color, a)).color(theme::READING_TEXT);
                if focused {
                    rich = rich.underline();
                }
                if shown || focused {
                    rich = rich.strong();
                }
            } else {
                rich = rich.color(ui.visuals().text_color());
            }
            if run.place.is_some() {
                rich = rich.underline();
            }
            let clickable = !run.events.is_empty();
            let label = egui::Label::new(rich).sense(if clickable {
                egui::Sense::click()
            } else {
                egui::Sense::hover()
            });
            let mut r = ui.add(label);
            if let Some(pi) = run.place
                && let Some(p) = ex.ds().places.get(pi)
            {
                let province = (p.provinces_1937.iter())
                    .filter_map(|id| ex.ds().province(id))
                    .map(|pr| format!("{} {}", pr.name_zh, pr.name_en))
                    .collect::<Vec<_>>()
                    .join(", ");
                r = r.on_hover_ui(|ui| {
                    ui.strong(format!("{} {}", p.name_zh, p.name_en));
                    ui.label(crate::search::pinyin_of(&p.name_zh));
                    if !province.is_empty() {
                        ui.label(match lang {
                            Lang::Zh => format!("1937年：{province}"),
                            _ => format!("In 1937: {province}"),
                        });
                    }
                });
            }
            if clickable {
                r = r.on_hover_cursor(egui::CursorIcon::PointingHand);
                if r.clicked() {
                    if let [only] = run.events.as_slice() {
                        choose(ex, *only, cmds);
                        panel.choice = None;
                    } else {
                        panel.choice = Some((run.events.clone(), r.rect.left_bottom()));
                    }
                    panel.following = true;
                    panel.scrolled_to = None;
                }
            }
            if target.is_some_and(|t| run.events.contains(&t)) && target_rect.is_none() {
                target_rect = Some(r.rect);
            }
        }
    });
    target_rect
}

/// Selects an event from the text: the map flies to it, time goes to its date.
fn choose(ex: &Explorer, event: usize, cmds: &mut Vec<Command>) {
    if let Some(e) = ex.ds().event_at(event) {
        let day = e.when.latest_start.max(ex.clock().start()).min(ex.clock().end());
        cmds.push(Command::Seek(f64::from(day)));
    }
    cmds.push(Command::Select {
        event: Some(event),
        fly: true,
    });
}

/// The panel's contents.
pub fn reading_ui(ui: &mut Ui, ex: &Explorer, panel: &mut ReadingPanel, cmds: &mut Vec<Command>) {
    let lang = ex.lang();
    if ex.ds().sources.is_empty() {
        ui.weak(pick(lang, "这份数据没有原文。", "This data has no source text."));
        return;
    }
    panel.drawn.clear();
    let key = ex.ds().event_count() ^ (ex.ds().sources.len() << 40);
    if panel.reading.as_ref().is_none_or(|(k, _)| *k != key) {
        panel.reading = Some((key, Reading::new(ex.ds())));
    }
    let Some((_, reading)) = panel.reading.take() else {
        return;
    };
    let c = reading.coverage;
    ui.horizontal(|ui| {
        let text = match lang {
            Lang::Zh => format!(
                "已映射：{:.0}% 的文字（{}/{} 字），{}/{} 句",
                c.percent(),
                c.cited_chars,
                c.chars,
                c.cited_sentences,
                c.sentences
            ),
            _ => format!(
                "Mapped: {:.0}% of the text ({}/{} characters), {}/{} sentences",
                c.percent(),
                c.cited_chars,
                c.chars,
                c.cited_sentences,
                c.sentences
            ),
        };
        ui.label(RichText::new(text).small()).on_hover_text(pick(
            lang,
            "有颜色的是事件引用的原文；白色部分尚未映射到地图。",
            "Tinted phrases are cited by events; plain text is not yet on the map.",
        ));
        if !panel.following && ui.small_button(pick(lang, "跟随", "Follow")).clicked() {
            panel.following = true;
            panel.scrolled_to = None;
        }
        let own = ex.settings().reading_own_column;
        let (label, tip) = if own {
            (
                pick(lang, "并入详情", "Under details"),
                pick(lang, "放回详情下方", "Put it back under the details"),
            )
        } else {
            (
                pick(lang, "单独一栏", "Own column"),
                pick(lang, "在地图旁单独成栏", "A column of its own beside the map"),
            )
        };
        if ui.small_button(label).on_hover_text(tip).clicked() {
            cmds.push(Command::SetReadingColumn(!own));
        }
    });
    if panel.selecting {
        // Editing: select the words an event rests on, then make it.
        ui.horizontal(|ui| {
            let phrase = panel.phrase;
            let b = ui.add_enabled(
                phrase.is_some(),
                egui::Button::new(pick(lang, "用选中的原文新建事件", "New event from this phrase")),
            );
            if b.on_disabled_hover_text(pick(
                lang,
                "先在下面的原文里选中几个字",
                "Select some words of the text below first",
            ))
            .clicked()
                && let Some((source, start, end)) = phrase
            {
                cmds.push(Command::Edit(crate::edit::EditCommand::FromPhrase {
                    source,
                    start,
                    end,
                }));
            }
            if let Some((src, a, b)) = phrase
                && let Some(t) = ex.ds().sources.get(src).and_then(|s| s.text.get(a..b))
            {
                ui.label(RichText::new(t).small().weak());
            }
        });
    }
    let target = focus(ex, &reading);
    let newly_selected = ex.selected().is_some() && ex.selected() != panel.last_selected;
    panel.last_selected = ex.selected();
    let scroll = egui::ScrollArea::vertical()
        .id_salt("reading")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut target_rect = None;
            for src in &reading.sources {
                let Some(source) = ex.ds().sources.get(src.source) else {
                    continue;
                };
                for (k, para) in src.paragraphs.iter().enumerate() {
                    if panel.selecting {
                        super::reading_select::selectable_paragraph(
                            ui,
                            ex,
                            (src.source, k),
                            &source.text,
                            para,
                            panel,
                            cmds,
                        );
                        ui.add_space(10.0);
                        continue;
                    }
                    let summary = source.summaries_en.get(k).map_or("", String::as_str);
                    let zh = |ui: &mut Ui, panel: &mut ReadingPanel, cmds: &mut Vec<Command>| {
                        paragraph_zh(ui, ex, &source.text, &para.runs, target, panel, cmds)
                    };
                    let found = match lang {
                        Lang::Zh => zh(ui, panel, cmds),
                        Lang::En => english(ui, ex, summary, para, target, panel, cmds),
                        Lang::Both => {
                            let mut found = None;
                            ui.columns(2, |cols| {
                                found = zh(&mut cols[0], panel, cmds);
                                let en = english(&mut cols[1], ex, summary, para, target, panel, cmds);
                                found = found.or(en);
                            });
                            found
                        }
                    };
                    target_rect = target_rect.or(found);
                    ui.add_space(10.0);
                }
            }
            if let (Some(t), Some(rect)) = (target, target_rect)
                && ((panel.following && panel.scrolled_to != Some(t)) || newly_selected)
            {
                ui.scroll_to_rect_animation(
                    rect,
                    Some(Align::Center),
                    egui::style::ScrollAnimation::duration(0.6),
                );
                panel.scrolled_to = Some(t);
            }
        });
    // The reader scrolling stops the following.
    // (A wheel over the text, or a drag that started in it: touch scrolling
    // and the scroll bar.)
    let rect = scroll.inner_rect;
    let scrolled = ui.input(|i| {
        let wheel = (i.raw.events.iter()).any(|e| matches!(e, egui::Event::MouseWheel { .. }));
        let dragged = i.pointer.is_decidedly_dragging()
            && i.pointer
                .press_origin()
                .is_some_and(|p| rect.expand(12.0).contains(p));
        (wheel && i.pointer.hover_pos().is_some_and(|p| rect.contains(p))) || dragged
    });
    if scrolled {
        panel.following = false;
    }
    choice_popup(ui, ex, panel, cmds);
    panel.reading = Some((key, reading));
}

/// A paragraph's English summary with its events as buttons (English
/// readers reach the map from the text too); returns where the event in
/// focus is.
fn english(
    ui: &mut Ui,
    ex: &Explorer,
    summary: &str,
    para: &crate::model::reading::Paragraph,
    target: Option<usize>,
    panel: &mut ReadingPanel,
    cmds: &mut Vec<Command>,
) -> Option<egui::Rect> {
    let lang = ex.lang();
    if summary.is_empty() {
        ui.weak(pick(
            lang,
            "（此段没有英文概要）",
            "(no English summary of this paragraph)",
        ));
    } else {
        // Left-aligned, not stretched to the column's width.
        ui.with_layout(egui::Layout::top_down(Align::Min), |ui| {
            ui.label(RichText::new(summary).size(14.0));
        });
    }
    let mut events: Vec<usize> = para.runs.iter().flat_map(|r| r.events.iter().copied()).collect();
    events.sort_unstable();
    events.dedup();
    let mut found = None;
    if ex.lang() == Lang::En {
        ui.horizontal_wrapped(|ui| {
            for e in events {
                let Some(ev) = ex.ds().events.get(e) else { continue };
                let (color, _) = theme::kind_style(ev.kind);
                let focused = Some(e) == ex.selected() || Some(e) == ex.hovered();
                let shown = ex.is_shown(e);
                let text = RichText::new(&ev.title_en).small().background_color(tint(
                    color,
                    if focused {
                        0.55
                    } else if shown {
                        0.3
                    } else {
                        0.1
                    },
                ));
                let b = ui.add(egui::Button::new(text).stroke(if focused {
                    Stroke::new(1.5, theme::SELECTED)
                } else {
                    Stroke::NONE
                }));
                if b.clicked() {
                    choose(ex, e, cmds);
                    panel.following = true;
                    panel.scrolled_to = None;
                }
                if target == Some(e) {
                    found = Some(b.rect);
                }
            }
        });
    }
    found
}

/// The choice offered by a phrase of several events.
fn choice_popup(ui: &mut Ui, ex: &Explorer, panel: &mut ReadingPanel, cmds: &mut Vec<Command>) {
    let Some((events, at)) = panel.choice.clone() else {
        return;
    };
    let lang = ex.lang();
    let mut close = false;
    let area = egui::Area::new(egui::Id::NULL.with("reading_choice"))
        .order(egui::Order::Foreground)
        .fixed_pos(at)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(pick(lang, "这句话讲到：", "This phrase tells of:")).small());
                for e in &events {
                    let Some(ev) = ex.ds().event_at(*e) else { continue };
                    let label = format!(
                        "{} · {}",
                        ev.title(lang).replace('\n', " / "),
                        ev.when.display_zh()
                    );
                    if ui.button(label).clicked() {
                        choose(ex, *e, cmds);
                        close = true;
                    }
                }
            });
        });
    let clicked_elsewhere = ui.input(|i| i.pointer.any_pressed())
        && !area.response.contains_pointer()
        && !area.response.hovered();
    if close || clicked_elsewhere {
        panel.choice = None;
    }
}
