//! What the explorer shows, apart from any window: the dataset, the clock,
//! the time mode, filters, the selection, and which events are visible now.
//! Presentation and kiosk modes drive the same state through `command`.
mod apply;
pub mod command;
mod inverse;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::model::points::PointTable;
use crate::model::{Dataset, Day, EventKind, Lang, PlaceKind};
use crate::time::clock::Clock;
use crate::time::index::{TimeIndex, TimeMode, TimeSpan, Visibility};

/// How time filters the events (persisted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ModeSetting {
    /// Events overlapping the last `width_days` days.
    Window { width_days: i32 },
    /// Everything that has happened by the date.
    #[default]
    Cumulative,
}

impl ModeSetting {
    pub fn time_mode(self) -> TimeMode {
        match self {
            ModeSetting::Window { width_days } => TimeMode::Window {
                width_days: width_days.max(1),
            },
            ModeSetting::Cumulative => TimeMode::Cumulative,
        }
    }
}

/// Window widths offered in the time bar, in days.
pub const WINDOW_PRESETS: [i32; 5] = [30, 91, 182, 365, 730];

/// Auto switches to hexagons above this many dots in the view.
pub const AUTO_HEXES_ABOVE: usize = 4_000;

/// How a point file's events are drawn (persisted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum PointStyle {
    /// Hexagons when more than [`AUTO_HEXES_ABOVE`] dots fall
    /// in the view.
    #[default]
    Auto,
    Dots,
    Hexagons,
}

/// The settings remembered between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub lang: LangSetting,
    pub mode: ModeSetting,
    pub speed_days_per_sec: f64,
    pub looping: bool,
    pub show_legend: bool,
    pub show_details: bool,
    pub show_strength: bool,
    /// Dots or hexagons for a point file's events.
    pub points: PointStyle,
    /// The reading panel in a column of its own beside the map, rather
    /// than under the details.
    pub reading_own_column: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: LangSetting::Zh,
            mode: ModeSetting::Cumulative,
            speed_days_per_sec: crate::time::clock::DEFAULT_SPEED,
            looping: false,
            show_legend: true,
            // The map first: the source opens with the first event chosen
            // (or R), the strength chart from its title.
            show_details: false,
            show_strength: false,
            points: PointStyle::Auto,
            reading_own_column: false,
        }
    }
}

/// [`Lang`] as it is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum LangSetting {
    #[default]
    Zh,
    En,
    Both,
}

impl From<LangSetting> for Lang {
    fn from(l: LangSetting) -> Lang {
        match l {
            LangSetting::Zh => Lang::Zh,
            LangSetting::En => Lang::En,
            LangSetting::Both => Lang::Both,
        }
    }
}

impl From<Lang> for LangSetting {
    fn from(l: Lang) -> LangSetting {
        match l {
            Lang::Zh => LangSetting::Zh,
            Lang::En => LangSetting::En,
            Lang::Both => LangSetting::Both,
        }
    }
}

/// Which events the user has chosen to see.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Kinds switched off in the legend.
    pub hidden_kinds: BTreeSet<EventKind>,
    /// Only events touching this 1937 province.
    pub province: Option<String>,
    /// Only events of this unit.
    pub unit: Option<String>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.hidden_kinds.is_empty() && self.province.is_none() && self.unit.is_none()
    }
}

/// An event shown now, and how strongly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shown {
    pub event: usize,
    pub visibility: Visibility,
    /// 0..1: full for certain events; lower while an uncertain date is
    /// still unfolding, or when the event only possibly falls in the window.
    pub alpha: f32,
}

/// A request for the camera, which lives with the window.
#[derive(Debug, Clone, PartialEq)]
pub enum CameraRequest {
    /// Move smoothly (eased, about a second) to a view.
    Glide(crate::model::geo::View),
    /// Move smoothly to fit these points.
    GlideFit(Vec<crate::model::geo::LonLat>),
    /// Centre on a point at a zoom (None: keep the zoom).
    FlyTo {
        to: crate::model::geo::LonLat,
        zoom: Option<f64>,
    },
    /// Fit every event (the first view, and Home).
    FitAll,
    /// Fit the places of one event.
    FitEvent(usize),
    ZoomIn,
    ZoomOut,
}

/// The explorer's state. Read through its methods; changed only by
/// [`Command`](crate::command::Command)s through [`Explorer::apply`].
pub struct Explorer {
    ds: Dataset,
    index: TimeIndex,
    dots: Dots,
    /// Events that stay on the map once they happen (base areas, occupied
    /// cities), so drawing them does not scan every event.
    lasting: Vec<usize>,
    /// The kinds the data has, in legend order, with their number of events.
    kind_counts: Vec<(EventKind, usize)>,
    /// The time spans of the full events (a point table keeps its own).
    event_spans: Vec<TimeSpan>,
    clock: Clock,
    settings: Settings,
    filters: Filters,
    selected: Option<usize>,
    hovered: Option<usize>,
    /// The group of markers opened into a ring (its anchor place).
    spread_group: Option<usize>,
    /// Events a tour step points at; the others are dimmed. None: no tour.
    highlight: Option<BTreeSet<usize>>,
    /// Camera moves asked for since the window last looked.
    camera: Vec<CameraRequest>,
    fullscreen: bool,
    /// Events visible at the clock's day (recomputed by [`Explorer::refresh`]).
    shown: Vec<Shown>,
    /// Per event: whether it passes the filters.
    passes: Vec<bool>,
    scratch: Vec<(u32, Visibility)>,
    radix: Vec<(u32, Visibility)>,
    shown_key: Option<(Day, ModeSetting)>,
}

/// The events drawn as plain dots (those at a single point of a user's
/// file), in compact arrays so that drawing tens of thousands of them reads
/// a few bytes each instead of whole events and places. A point table's
/// rows are all dots and keep their own arrays; these are the full events'.
#[derive(Debug, Default)]
pub struct Dots {
    /// Per full event: its point on the Web Mercator world square (see
    /// `model::geo::world_xy`), or NaN when the event is not a dot.
    world: Vec<[f64; 2]>,
    /// Per full event: its people, for the marker size.
    people: Vec<Option<u32>>,
    /// Per full event: its kind, for the colour.
    kind: Vec<EventKind>,
    /// The dots' world positions, for hover and click.
    pub grid: crate::model::grid::PointGrid,
}

impl Dots {
    pub fn new(ds: &Dataset) -> Self {
        let mut world = Vec::with_capacity(ds.events.len());
        let mut people = Vec::with_capacity(ds.events.len());
        let kind: Vec<EventKind> = ds.events.iter().map(|e| e.kind).collect();
        for e in &ds.events {
            let point = match (e.places.as_slice(), e.segments.is_empty() && e.routes.is_empty()) {
                ([id], true) => ds.place(id).filter(|p| p.kind == PlaceKind::Point),
                _ => None,
            };
            world.push(point.map_or([f64::NAN; 2], |p| {
                let (x, y) = crate::model::geo::world_xy(p.lon, p.lat);
                [x, y]
            }));
            people.push(e.size.as_ref().map(|z| z.min));
        }
        let grid = crate::model::grid::PointGrid::new(&[&world, &ds.points.world]);
        Dots {
            world,
            people,
            kind,
            grid,
        }
    }

    fn world_of(world: &[[f64; 2]], rows: &PointTable, event: usize) -> [f64; 2] {
        match event.checked_sub(world.len()) {
            None => world[event],
            Some(row) => rows.world.get(row).copied().unwrap_or([f64::NAN; 2]),
        }
    }

    /// The world position of a dot event (`rows`: the dataset's point table).
    pub fn at(&self, rows: &PointTable, event: usize) -> Option<[f64; 2]> {
        match event.checked_sub(self.world.len()) {
            None => self.world.get(event).copied().filter(|w| !w[0].is_nan()),
            Some(row) => rows.world.get(row).copied(),
        }
    }

    /// The people and kind of a dot event, for its size and colour.
    pub fn look(&self, rows: &PointTable, event: usize) -> (Option<u32>, EventKind) {
        match event.checked_sub(self.world.len()) {
            None => (
                self.people.get(event).copied().flatten(),
                self.kind.get(event).copied().unwrap_or(EventKind::Other),
            ),
            Some(row) => (
                rows.people.get(row).copied().flatten(),
                rows.kind.get(row).copied().unwrap_or(EventKind::Other),
            ),
        }
    }

    /// The dot nearest to `at` (world units) within `radius` that `keep`
    /// accepts, with its distance.
    pub fn nearest(
        &self,
        rows: &PointTable,
        at: [f64; 2],
        radius: f64,
        keep: impl Fn(u32) -> bool,
    ) -> Option<(u32, f64)> {
        (self.grid).nearest(
            |i| Self::world_of(&self.world, rows, i as usize),
            at,
            radius,
            keep,
        )
    }
}

/// Alpha of an event that is possible but not certain, or still unfolding.
pub const FAINT: f32 = 0.35;

/// Alpha of a loss that spread over a span (a railway lost stretch by
/// stretch between the fall of two cities): faint on its first possible
/// day, growing to full on its last, full after; 0 before it began. An open
/// end counts from the latest start.
pub fn settled_alpha(span: &TimeSpan, t: Day) -> f32 {
    if t < span.earliest_start {
        return 0.0;
    }
    let end = if span.latest_end == Day::MAX {
        span.latest_start
    } else {
        span.latest_end
    };
    if t >= end {
        return 1.0;
    }
    let total = f64::from(end) - f64::from(span.earliest_start) + 1.0;
    let done = f64::from(t) - f64::from(span.earliest_start) + 1.0;
    FAINT + (0.85 - FAINT) * (done / total) as f32
}

impl Explorer {
    pub fn new(ds: Dataset, settings: Settings) -> Self {
        let event_spans: Vec<TimeSpan> = (ds.events.iter())
            .map(|e| crate::time::span_of(&e.when))
            .collect();
        // The time index and the dots' grid are built side by side: with a
        // million events each takes a good part of the load.
        let (index, dots) = std::thread::scope(|scope| {
            let dots = scope.spawn(|| Dots::new(&ds));
            // A point file's spans as they are; with full events, all in order.
            let index = if event_spans.is_empty() {
                TimeIndex::new(&ds.points.span)
            } else {
                TimeIndex::new(&[event_spans.as_slice(), &ds.points.span].concat())
            };
            (index, dots.join().unwrap_or_default())
        });
        let fallback = (
            crate::model::date::days_from_civil(1937, 7, 7),
            crate::model::date::days_from_civil(1941, 12, 31),
        );
        let (start, end) = index.span().unwrap_or(fallback);
        let mut clock = Clock::new(start, end);
        // The story begins on 7 July 1937, even where the data reaches back.
        clock.seek(f64::from(crate::model::date::days_from_civil(1937, 7, 7)));
        clock.set_speed(settings.speed_days_per_sec);
        clock.set_looping(settings.looping);
        let passes = vec![true; ds.event_count()];
        let lasting = (ds.events.iter().enumerate())
            .filter(|(_, e)| matches!(e.kind, EventKind::BaseArea | EventKind::Occupation))
            .map(|(i, _)| i)
            .collect();
        let mut counts = [0usize; EventKind::ALL.len()];
        for kind in ds
            .events
            .iter()
            .map(|e| e.kind)
            .chain(ds.points.kind.iter().copied())
        {
            if let Some(k) = EventKind::ALL.iter().position(|k| *k == kind) {
                counts[k] += 1;
            }
        }
        let kind_counts = (EventKind::ALL.into_iter().zip(counts))
            .filter(|(_, n)| *n > 0)
            .collect();
        let mut ex = Explorer {
            ds,
            index,
            dots,
            lasting,
            kind_counts,
            event_spans,
            clock,
            settings,
            filters: Filters::default(),
            selected: None,
            hovered: None,
            spread_group: None,
            highlight: None,
            camera: Vec::new(),
            fullscreen: false,
            shown: Vec::new(),
            passes,
            scratch: Vec::new(),
            radix: Vec::new(),
            shown_key: None,
        };
        ex.refilter();
        ex.refresh();
        ex
    }

    // ---- reading the state (changes go through `apply`)

    pub fn ds(&self) -> &Dataset {
        &self.ds
    }

    /// The visibility index of the full events.
    pub fn index(&self) -> &TimeIndex {
        &self.index
    }

    /// A point file's events as dots.
    pub fn dots(&self) -> &Dots {
        &self.dots
    }

    /// Events that stay on the map once they happen (base areas, occupied
    /// cities).
    pub fn lasting(&self) -> &[usize] {
        &self.lasting
    }

    /// The kinds the data has, in legend order, with their number of events.
    pub fn kind_counts(&self) -> &[(EventKind, usize)] {
        &self.kind_counts
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn hovered(&self) -> Option<usize> {
        self.hovered
    }

    /// The group of markers opened into a ring: its anchor place.
    pub fn spread_group(&self) -> Option<usize> {
        self.spread_group
    }

    /// Events a tour step points at (the others dimmed); None: no tour.
    pub fn highlight(&self) -> Option<&BTreeSet<usize>> {
        self.highlight.as_ref()
    }

    pub fn fullscreen(&self) -> bool {
        self.fullscreen
    }

    /// Events visible at the clock's day.
    pub fn shown(&self) -> &[Shown] {
        &self.shown
    }

    /// Whether camera moves wait for the window.
    pub fn camera_pending(&self) -> bool {
        !self.camera.is_empty()
    }

    /// The camera moves asked for since the window last looked, handed over.
    pub fn take_camera_requests(&mut self) -> Vec<CameraRequest> {
        std::mem::take(&mut self.camera)
    }

    /// This explorer (new data, read again) showing what `old` showed: its
    /// settings, filters, day and the selected event (by id, if it is still
    /// there). For live reload and layers.
    pub fn keeping_view_of(mut self, old: &Explorer) -> Self {
        let selected = old
            .selected
            .and_then(|i| old.ds.event_at(i).map(|e| e.id.clone()));
        self.settings = old.settings.clone();
        self.filters = old.filters.clone();
        self.refilter();
        self.apply(crate::command::Command::Seek(old.clock.position()));
        self.selected = selected.and_then(|id| self.ds.event_position(&id));
        self
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang.into()
    }

    pub fn day(&self) -> Day {
        self.clock.day()
    }

    /// Recomputes which events pass the filters.
    fn refilter(&mut self) {
        let f = &self.filters;
        let ds = &self.ds;
        self.passes = ds
            .events
            .iter()
            .map(|e| {
                if f.hidden_kinds.contains(&e.kind) {
                    return false;
                }
                if let Some(u) = &f.unit
                    && !e.units.iter().any(|x| x == u)
                {
                    return false;
                }
                if let Some(p) = &f.province
                    && !ds
                        .event_places(e)
                        .iter()
                        .any(|pl| pl.provinces_1937.iter().any(|x| x == p))
                {
                    return false;
                }
                true
            })
            .collect();
        // Point rows have a kind but no units or provinces.
        let rows = ds
            .points
            .kind
            .iter()
            .map(|k| !f.hidden_kinds.contains(k) && f.unit.is_none() && f.province.is_none());
        self.passes.extend(rows);
        self.shown_key = None;
    }

    /// The world position of event `event` when it is drawn as a dot.
    pub fn dot_at(&self, event: usize) -> Option<[f64; 2]> {
        self.dots.at(&self.ds.points, event)
    }

    /// The time span of event `event`.
    pub fn span(&self, event: usize) -> Option<&TimeSpan> {
        match event.checked_sub(self.event_spans.len()) {
            None => self.event_spans.get(event),
            Some(row) => self.ds.points.span.get(row),
        }
    }

    pub fn passes(&self, event: usize) -> bool {
        self.passes.get(event).copied().unwrap_or(false)
    }

    /// How strongly to draw an event at day `t` (see [`Shown::alpha`]).
    pub fn alpha(&self, event: usize, visibility: Visibility, t: Day) -> f32 {
        let Some(s) = self.span(event) else {
            return 0.0;
        };
        if t < s.latest_start {
            // Still unfolding: a season-dated event fades in over its season.
            let total = f64::from(s.latest_start) - f64::from(s.earliest_start) + 1.0;
            let done = (f64::from(t) - f64::from(s.earliest_start) + 1.0).clamp(0.0, total);
            return FAINT + (0.85 - FAINT) * (done / total) as f32;
        }
        match visibility {
            Visibility::Definite => 1.0,
            Visibility::Possible => FAINT,
        }
    }

    /// How surely the event's loss has settled by `t` ([`settled_alpha`]).
    pub fn settled_alpha(&self, event: usize, t: Day) -> f32 {
        self.span(event).map_or(0.0, |s| settled_alpha(s, t))
    }

    /// Recomputes the visible events when the day, mode or filters changed.
    fn refresh(&mut self) {
        let key = (self.day(), self.settings.mode);
        if self.shown_key == Some(key) {
            return;
        }
        self.shown_key = Some(key);
        let t = key.0;
        let mut scratch = std::mem::take(&mut self.scratch);
        self.index.query(t, self.settings.mode.time_mode(), &mut scratch);
        crate::model::sort::radix_sort_by_key(&mut scratch, &mut self.radix, |&(i, _)| i);
        self.shown.clear();
        for &(i, v) in &scratch {
            let i = i as usize;
            if self.passes(i) {
                let alpha = self.alpha(i, v, t);
                self.shown.push(Shown {
                    event: i,
                    visibility: v,
                    alpha,
                });
            }
        }
        self.scratch = scratch;
    }

    /// Whether an event is shown now.
    pub fn is_shown(&self, event: usize) -> bool {
        self.shown.binary_search_by_key(&event, |s| s.event).is_ok()
    }

    /// Advances the clock by a frame's `dt` and refreshes what is shown.
    pub fn tick(&mut self, dt_secs: f64) {
        self.clock.advance(dt_secs);
        self.refresh();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loss_over_a_span_deepens_until_its_end_and_stays() {
        let d = crate::model::date::days_from_civil;
        let span = TimeSpan {
            earliest_start: d(1937, 7, 29),
            latest_start: d(1937, 7, 29),
            earliest_end: d(1937, 10, 10),
            latest_end: d(1937, 10, 10),
        };
        assert_eq!(settled_alpha(&span, d(1937, 7, 28)), 0.0, "not yet begun");
        let early = settled_alpha(&span, d(1937, 8, 1));
        let later = settled_alpha(&span, d(1937, 9, 24));
        assert!((FAINT..0.5).contains(&early), "{early}");
        assert!(later > early && later < 1.0, "{later}");
        assert_eq!(settled_alpha(&span, d(1937, 10, 10)), 1.0, "lost by its end");
        assert_eq!(settled_alpha(&span, d(1941, 1, 1)), 1.0, "and stays lost");
        // An open end: certain from the latest start.
        let open = TimeSpan {
            latest_end: Day::MAX,
            earliest_end: Day::MAX,
            ..span
        };
        assert_eq!(settled_alpha(&open, d(1937, 7, 29)), 1.0);
    }
}
