//! The text's suggestions in the editor (issue #21): every place, date and
//! size the source texts write is marked in the reading panel; a click on
//! one opens it here, with "new event here" (its clause as the quote, what
//! was found filled in) and, for a place the gazetteer knows and the data
//! not yet, "new place". An ambiguous name's candidates are numbered on
//! the map to pick from.
use egui::RichText;

use super::ChronoApp;
use crate::command::Command;
use crate::edit::EditCommand;
use crate::edit::place_form::PlaceForm;
use crate::gazetteer::Gazetteer;
use crate::model::{Lang, SizeRange, pick, pick_line};
use crate::suggest::{Found, PlaceIndex, Suggestion, YearFrom, suggest};
use crate::ui::reading_select::{Mark, MarkKind};

/// A suggestion open in its window, and the candidate taken.
#[derive(Debug, Clone)]
pub struct OpenSuggestion {
    pub source: usize,
    pub suggestion: Suggestion,
    pub chosen: usize,
}

/// What the reading panel marks for a suggestion, and says on hover.
fn mark(s: &Suggestion) -> Mark {
    let (kind, label) = match &s.found {
        Found::Place(p) => (
            MarkKind::Place,
            match p.candidates.as_slice() {
                [] => String::new(),
                [c] => format!("{} {} · {}", c.name_zh, c.name_en, c.province_1937),
                [c, ..] => format!(
                    "{} {} · {} (+{} more)",
                    c.name_zh,
                    c.name_en,
                    c.province_1937,
                    p.candidates.len() - 1
                ),
            },
        ),
        Found::Date(d) => {
            let (a, b) = d.when.range_text_iso();
            (MarkKind::Date, if a == b { a } else { format!("{a} – {b}") })
        }
        Found::Size(r) => (MarkKind::Size, r.display_en()),
    };
    Mark {
        range: s.span.clone(),
        kind,
        label,
    }
}

/// A size as the data writes it: the phrase when the size model reads it
/// (Chinese), else its range (`20000余人`, `600-700`).
fn size_text(r: &SizeRange) -> String {
    if r.text.parse::<SizeRange>().is_ok() {
        return r.text.clone();
    }
    match r.max {
        None => format!("{}余人", r.min),
        Some(m) if m == r.min => format!("{m}人"),
        Some(m) => format!("{}-{m}", r.min),
    }
}

use crate::suggest::{clause, sentence};

impl ChronoApp {
    /// The suggestions of every source text, worked out again after the
    /// data changed, and marked in the reading panel.
    pub(super) fn refresh_suggestions(&mut self) {
        let ds = self.ex.ds();
        let Some(ed) = self.editor.as_mut() else {
            self.reading.marks.clear();
            return;
        };
        let index = PlaceIndex::new(&ds.places, Gazetteer::china());
        ed.suggestions = ds.sources.iter().map(|s| suggest(&s.text, &index)).collect();
        self.reading.marks = ed
            .suggestions
            .iter()
            .map(|v| v.iter().map(mark).collect())
            .collect();
        ed.open_suggestion = None;
        ed.tool.candidates.clear();
    }

    /// A dataset without events yet (a new one) is shown where its text's
    /// places are, unless a view was asked for or remembered for it.
    pub(super) fn fit_to_text_when_empty(&mut self) {
        if self.ex.ds().event_count() == 0 && self.start_view.is_none() {
            self.placed = false;
        }
    }

    /// The commands of the suggestions' window.
    pub(super) fn apply_suggestion(&mut self, cmd: EditCommand) {
        let ds = self.ex.ds();
        let Some(ed) = self.editor.as_mut() else { return };
        match cmd {
            EditCommand::OpenSuggestion { source, start } => {
                let found = ed
                    .suggestions
                    .get(source)
                    .and_then(|v| v.iter().find(|s| s.span.start == start))
                    .cloned();
                ed.tool.candidates.clear();
                ed.open_suggestion = found.map(|suggestion| {
                    if let Found::Place(p) = &suggestion.found {
                        ed.tool.candidates = p.candidates.iter().take(8).map(|c| (c.lon, c.lat)).collect();
                        ed.tool.chosen = 0;
                    }
                    OpenSuggestion {
                        source,
                        suggestion,
                        chosen: 0,
                    }
                });
                if let Some(cmd) = fit(&ed.tool.candidates) {
                    self.cmds.push(cmd);
                }
            }
            EditCommand::CloseSuggestion => {
                ed.open_suggestion = None;
                ed.tool.candidates.clear();
            }
            EditCommand::PickCandidate(k) => {
                if let Some(o) = ed.open_suggestion.as_mut() {
                    o.chosen = k;
                    ed.tool.chosen = k;
                    if let Some(&(lon, lat)) = ed.tool.candidates.get(k) {
                        self.cmds.push(Command::FlyTo {
                            to: crate::model::geo::LonLat::new(lon, lat),
                            zoom: Some(8.0),
                        });
                    }
                }
            }
            EditCommand::NewPlaceFromSuggestion => {
                if let Some(g) = chosen_gazetteer_place(ed.open_suggestion.as_ref()) {
                    ed.place_form = Some((PlaceForm::from_gazetteer(ds, g), true));
                }
            }
            EditCommand::NewEventFromSuggestion => self.new_event_from_suggestion(),
            EditCommand::AddGazetteerPlace(id) => self.add_gazetteer_place(id),
            _ => {}
        }
    }

    fn new_event_from_suggestion(&mut self) {
        let Some(ed) = self.editor.as_mut() else { return };
        let Some(open) = ed.open_suggestion.take() else {
            return;
        };
        ed.tool.candidates.clear();
        let all = ed.suggestions.get(open.source).cloned().unwrap_or_default();
        let Some(text) = self.ex.ds().sources.get(open.source).map(|s| s.text.clone()) else {
            return;
        };
        // The quote: a date governs its sentence; a place or a size, its clause.
        let span = &open.suggestion.span;
        let sent = sentence(&text, span);
        let (a, b) = match open.suggestion.found {
            Found::Date(_) => sent,
            _ => clause(&text, span),
        };
        // Its places: those found in the quote (else in its sentence: an
        // event needs one), the one picked for the suggestion opened. Those
        // only the gazetteer has are added to the data first, one step.
        let within = |r: (usize, usize)| {
            all.iter()
                .filter(move |s| s.span.start >= r.0 && s.span.end <= r.1)
                .filter(|s| matches!(s.found, Found::Place(_)))
        };
        let mut picks: Vec<&Suggestion> = within((a, b)).collect();
        if picks.is_empty() {
            picks = within(sent).collect();
        }
        let chosen = |s: &Suggestion| {
            let k = if s.span == open.suggestion.span {
                open.chosen
            } else {
                0
            };
            match &s.found {
                Found::Place(p) => p.candidates.get(k).cloned(),
                _ => None,
            }
        };
        let mut ids: Vec<String> = Vec::new();
        let mut new_rows: Vec<PlaceForm> = Vec::new();
        for c in picks.iter().filter_map(|s| chosen(s)) {
            if c.in_dataset {
                ids.push(c.id.clone());
                continue;
            }
            let Some(g) = c.geonameid.and_then(|id| Gazetteer::china().by_geonameid(id)) else {
                continue;
            };
            if let Some(f) = new_rows.iter().find(|f| f.coord_source == g.coord_source()) {
                ids.push(f.id.clone());
                continue;
            }
            let mut form = PlaceForm::from_gazetteer(self.ex.ds(), g);
            while new_rows.iter().any(|f| f.id == form.id) {
                form.id.push('_');
            }
            ids.push(form.id.clone());
            new_rows.push(form);
        }
        if !new_rows.is_empty() {
            let Some(ed) = self.editor.as_ref() else { return };
            let names: Vec<&str> = new_rows.iter().map(|f| f.id.as_str()).collect();
            let step = crate::edit::Step {
                label: format!("new places from the gazetteer: {}", names.join(", ")),
                edits: new_rows
                    .iter()
                    .map(|f| ed.ws.put(crate::io::files::PLACES, &f.id, Some(f.to_line())))
                    .collect(),
            };
            self.apply_edit(EditCommand::Act(step));
        }
        let ds = self.ex.ds();
        let mut p = crate::edit::propose::propose(&text, a, b, ds);
        // Dated by the last date found before the quote ends, in its
        // paragraph (同年5月下旬，部队开到大同): the suggestions read 同年
        // and 9月下旬, which the phrase proposal alone does not.
        let para_start = text[..a].rfind('\n').map_or(0, |i| i + 1);
        let date_before = all
            .iter()
            .rev()
            .filter(|s| s.span.start >= para_start && s.span.end <= b)
            .find_map(|s| match &s.found {
                Found::Date(d) => Some((s.span.start >= a, d.clone())),
                _ => None,
            });
        if let Some((inside, d)) = date_before {
            let year = crate::model::date::civil_from_days(d.when.earliest()).0;
            let from = if inside {
                d.year_from
            } else {
                YearFrom::Context(year)
            };
            p.when = Some((d.when.text.clone(), from));
        }
        match &open.suggestion.found {
            Found::Date(d) => p.when = Some((d.when.text.clone(), d.year_from)),
            Found::Size(r) => p.size = Some(size_text(r)),
            Found::Place(_) => {}
        }
        for id in ids.iter().rev().filter(|id| ds.place(id).is_some()) {
            p.places.retain(|x| x != id);
            p.places.insert(0, id.clone());
        }
        let Some(ed) = self.editor.as_mut() else { return };
        ed.form = Some(super::editing::FormState::proposed(&p, &ed.ws));
    }

    /// A place of the gazetteer added to the data, and to the event form's
    /// places (the form stays open).
    fn add_gazetteer_place(&mut self, geonameid: u32) {
        let Some(g) = Gazetteer::china().by_geonameid(geonameid) else {
            return;
        };
        let form = PlaceForm::from_gazetteer(self.ex.ds(), g);
        let Some(ed) = self.editor.as_mut() else { return };
        let event_form = ed.form.take();
        let step = crate::edit::Step {
            label: format!("new place {} (GeoNames)", form.id),
            edits: vec![
                ed.ws
                    .put(crate::io::files::PLACES, &form.id, Some(form.to_line())),
            ],
        };
        self.apply_edit(EditCommand::Act(step));
        let added = self.ex.ds().place(&form.id).is_some();
        let Some(ed) = self.editor.as_mut() else { return };
        ed.form = event_form;
        if let Some(state) = ed.form.as_mut().filter(|_| added) {
            let f = &mut state.form;
            f.places = if f.places.trim().is_empty() {
                form.id.clone()
            } else {
                format!("{}, {}", f.places.trim(), form.id)
            };
            state.place_query.clear();
            state.search = None;
        }
    }

    /// The open suggestion's window.
    pub(super) fn suggestion_window(&mut self, ctx: &egui::Context, lang: Lang) {
        let Some(ed) = self.editor.as_ref() else { return };
        let Some(open) = ed.open_suggestion.as_ref() else {
            return;
        };
        let mut cmds = Vec::new();
        let mut keep_open = true;
        let s = &open.suggestion;
        let title = match s.found {
            Found::Place(_) => pick(lang, "文中的地名", "A place in the text"),
            Found::Date(_) => pick(lang, "文中的日期", "A date in the text"),
            Found::Size(_) => pick(lang, "文中的人数", "A size in the text"),
        };
        egui::Window::new(title)
            .open(&mut keep_open)
            .collapsible(false)
            .resizable(false)
            // Beside the reading panel, clear of most of the map's numbers.
            .pivot(egui::Align2::RIGHT_TOP)
            .default_pos(ctx.content_rect().right_top() + egui::vec2(-380.0, 70.0))
            .show(ctx, |ui| {
                ui.label(RichText::new(&s.phrase).size(20.0).strong());
                ui.weak(format!("{} {}, {} {}", pick(lang, "行", "line"), s.line, pick(lang, "列", "column"), s.column));
                match &s.found {
                    Found::Place(p) => {
                        if p.candidates.len() > 1 {
                            ui.label(pick(
                                lang,
                                "这个地名有几处，按本文所在省份排序；地图上标了号，点一个选定：",
                                "This name has several places, ranked by the provinces the text is about; they are numbered on the map. Pick one:",
                            ));
                        }
                        for (k, c) in p.candidates.iter().enumerate().take(8) {
                            let known = if c.in_dataset {
                                pick(lang, "（数据已有）", " (in the data)")
                            } else {
                                pick(lang, "（地名库）", " (gazetteer)")
                            };
                            // The name the gazetteer gives it, when the text's is another of its names.
                            let also = if c.name_zh != s.phrase && !s.phrase.starts_with(&c.name_zh) {
                                match lang {
                                    Lang::Zh => format!("（又名{}）", s.phrase),
                                    _ => format!(" (also {})", s.phrase),
                                }
                            } else {
                                String::new()
                            };
                            let text = format!(
                                "{}. {} {}{also} · {} · {}{known}",
                                k + 1,
                                c.name_zh,
                                c.name_en,
                                c.province_1937,
                                c.kind
                            );
                            if ui.radio(k == open.chosen, text).clicked() {
                                cmds.push(Command::Edit(EditCommand::PickCandidate(k)));
                            }
                        }
                    }
                    Found::Date(d) => {
                        let (a, b) = d.when.range_text_iso();
                        ui.label(format!("{}: {a} – {b}", pick(lang, "推定范围", "Range")));
                        ui.label(match d.year_from {
                            YearFrom::Phrase => pick(lang, "年份是这句自己写的", "The phrase writes its year").into_owned(),
                            YearFrom::Context(y) => match lang {
                                Lang::Zh => format!("这句未写年份：{y}年取自上文"),
                                _ => format!("The phrase gives no year: {y} is from the text before it"),
                            },
                        });
                    }
                    Found::Size(r) => {
                        ui.label(format!("{}: {}", pick(lang, "人数", "People"), r.display_en()));
                    }
                }
                ui.separator();
                ui.horizontal(|ui| {
                    if ui
                        .button(pick_line(lang, "在此新建事件", "New event here"))
                        .on_hover_text(pick(
                            lang,
                            "以这一分句为引文，填好这里找到的地点、日期或人数",
                            "Its clause as the quote, with this place, date or size filled in",
                        ))
                        .clicked()
                    {
                        cmds.push(Command::Edit(EditCommand::NewEventFromSuggestion));
                    }
                    let gazetteer_only = matches!(&s.found, Found::Place(p)
                        if p.candidates.get(open.chosen).is_some_and(|c| !c.in_dataset));
                    if gazetteer_only
                        && ui
                            .button(pick_line(lang, "新建地点", "New place"))
                            .on_hover_text(pick(
                                lang,
                                "把地名库里的这个地点加进数据（先看一下表格）",
                                "Add this place of the gazetteer to the data (its form first)",
                            ))
                            .clicked()
                    {
                        cmds.push(Command::Edit(EditCommand::NewPlaceFromSuggestion));
                    }
                });
            });
        if !keep_open {
            cmds.push(Command::Edit(EditCommand::CloseSuggestion));
        }
        self.cmds.extend(cmds);
    }
}

/// Places of the gazetteer the data does not have yet whose name is
/// `query` (Chinese, pinyin or English), biggest first: (geonameid, shown).
pub(super) fn gazetteer_search(ds: &crate::model::Dataset, query: &str, n: usize) -> Vec<(u32, String)> {
    let g = Gazetteer::china();
    let mut hits: Vec<&crate::gazetteer::GazPlace<'_>> = g
        .zh(query)
        .iter()
        .map(|h| h.place)
        .chain(g.latin(&crate::gazetteer::fold_latin(query)).iter().copied())
        .filter_map(|i| g.place(i))
        .filter(|p| !p.is_province())
        .filter(|p| {
            !ds.places
                .iter()
                .any(|d| d.coord_source == crate::model::place::CoordSource::GeoNames(u64::from(p.geonameid)))
        })
        .collect();
    hits.sort_by(|a, b| {
        a.kind_rank()
            .cmp(&b.kind_rank())
            .then(b.population.cmp(&a.population))
    });
    hits.dedup_by_key(|p| p.geonameid);
    hits.into_iter()
        .take(n)
        .map(|p| {
            (
                p.geonameid,
                format!(
                    "{} {} · {} · {} (GeoNames)",
                    p.name_zh, p.name_en, p.province_1937, p.kind
                ),
            )
        })
        .collect()
}

/// The gazetteer's place of the candidate taken.
fn chosen_gazetteer_place(
    open: Option<&OpenSuggestion>,
) -> Option<&'static crate::gazetteer::GazPlace<'static>> {
    let open = open?;
    let Found::Place(p) = &open.suggestion.found else {
        return None;
    };
    let c = p.candidates.get(open.chosen)?;
    Gazetteer::china().by_geonameid(c.geonameid?)
}

/// A camera move that shows all the candidates.
fn fit(points: &[(f64, f64)]) -> Option<Command> {
    (!points.is_empty()).then(|| {
        Command::Camera(crate::state::CameraRequest::GlideFit(
            points
                .iter()
                .map(|&(lon, lat)| crate::model::geo::LonLat::new(lon, lat))
                .collect(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggestions_clause_ends_at_its_punctuation() {
        let t = "1937年11月8日，太原失守。9月下旬，在日军进迫石家庄时，工人成立游击队。";
        let at = t.find("石家庄").unwrap();
        let (a, b) = clause(t, &(at..at + "石家庄".len()));
        assert_eq!(&t[a..b], "在日军进迫石家庄时");
        assert_eq!(size_text(&"六七百人".parse().unwrap()), "六七百人");
        let en = SizeRange {
            min: 20000,
            max: None,
            text: "more than 20,000 members".into(),
        };
        assert_eq!(size_text(&en), "20000余人");
    }
}
