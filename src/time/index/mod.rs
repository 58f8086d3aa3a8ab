//! Which events are visible at time `t`, answered in O(log n + k + s), s at
//! most [`SCAN_BUDGET`].
//!
//! # Rules
//!
//! An event's dates are uncertain, so each event carries a [`TimeSpan`]: a range
//! for its start and a range for its end. Its *possible extent* is
//! `[earliest_start, latest_end]`; it certainly covers `[latest_start, earliest_end]`
//! when `latest_start <= earliest_end`. Open ends are `Day::MIN` / `Day::MAX`.
//!
//! - **Window** of width `w` ending at day `t` covers the days `[t - w + 1, t]`
//!   (both ends included; `w < 1` is treated as `1`, a window starting before
//!   `Day::MIN` starts at `Day::MIN`). An event is *possibly* visible when
//!   `earliest_start <= t && latest_end >= t - w + 1`, and *definitely* visible when
//!   `latest_start <= t && earliest_end >= t - w + 1`: whatever its true dates are,
//!   it overlaps the window.
//! - **Cumulative** ("started by `t`"): possibly visible when `earliest_start <= t`,
//!   definitely when `latest_start <= t`.
//!
//! A possibly but not definitely visible event is reported as
//! [`Visibility::Possible`] (drawn faded); a definitely visible one as
//! [`Visibility::Definite`]. Spans that break the ordering invariants are first
//! widened by [`TimeSpan::normalized`], so bad data is shown as uncertain rather
//! than hidden.
//!
//! # How
//!
//! Window overlap = (extent starts inside the window) ∪ (extent strictly contains
//! the window's first day). The first part is a contiguous range of the events
//! sorted by `earliest_start` (two binary searches); the second is, for spans of
//! at most `short_days` (set at build so that no stretch that long holds more
//! than [`SCAN_BUDGET`] starts), a scan of those starting in the `short_days`
//! before the window, and for longer spans a stabbing query on a static
//! centered interval tree. The parts are disjoint, so no event is reported
//! twice. Everything lives in flat struct-of-arrays `Vec`s so that a
//! million events build in well under a second and queries stay cache-friendly.
//! [`TimeIndex::count`] uses sorted endpoint arrays plus a wavelet matrix and
//! runs in O(log n) whatever the number of visible events.

use super::Day;

mod build;
mod sort;
#[cfg(test)]
mod tests;
mod tree;
mod wavelet;

pub use sort::argsort_days;
use tree::Tree;

pub use crate::model::span::TimeSpan;

/// How the slider's time `t` selects events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeMode {
    /// Events overlapping the days `[t - width_days + 1, t]`; `width_days < 1` acts as 1.
    Window { width_days: i32 },
    /// Events that have started by `t`.
    Cumulative,
}

/// How sure we are that an event is visible at the queried time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Visibility {
    /// Visible whatever the true dates are.
    Definite,
    /// Visible for some of the dates the text allows, not for all (drawn faded).
    Possible,
}

/// How many spans the scan for short spans may look at in one query: about
/// a tenth of a millisecond, next to a frame's 8 ms. Data of short events
/// (a day, a few weeks) then needs no interval tree.
const SCAN_BUDGET: usize = 1 << 16;

/// "No child" in a [`tree::Node`]; event ids stay below it.
const NONE: u32 = u32::MAX;

/// Static index over the events' time spans: built once, queried every frame.
///
/// Event ids are indices into the slice given to [`TimeIndex::new`].
#[derive(Debug, Clone)]
pub struct TimeIndex {
    // Events sorted by earliest_start (struct of arrays); cumulative mode and
    // "starts inside the window" are contiguous ranges of these.
    s_es: Vec<Day>,
    /// Empty when every span is exact (`s_es` and `s_le` say the same).
    s_ls: Vec<Day>,
    s_ee: Vec<Day>,
    s_le: Vec<Day>,
    /// The event at each position; empty when position p is event p.
    s_id: Vec<u32>,
    /// Spans at most this many days long (and not day-exact points) are
    /// found by a scan of the events by start, at most [`SCAN_BUDGET`] of
    /// them; longer ones by the tree.
    short_days: Day,
    /// Centered interval tree over the events with
    /// `latest_end - earliest_start > short_days`.
    tree: Tree,
    /// Sorted endpoints for O(log n) counts, built by the first
    /// [`count`](Self::count): drawing a frame never counts, so loading a
    /// file does not pay for them.
    counts: std::sync::OnceLock<build::Endpoints>,
    /// Every span is known to the day (then the counts need only the
    /// latest ends: definite = possible).
    exact: bool,
    // For the slider.
    starts: Vec<Day>,
    span: Option<(Day, Day)>,
    histogram_cache: HistogramCache,
}

/// (bins, from, to) of a histogram, and its counts.
type Histogram = ((usize, Day, Day), Vec<u32>);

/// The last histogram asked for.
#[derive(Debug, Default)]
struct HistogramCache(std::sync::Mutex<Option<Histogram>>);

impl Clone for HistogramCache {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl std::ops::Deref for HistogramCache {
    type Target = std::sync::Mutex<Option<Histogram>>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl Default for TimeIndex {
    fn default() -> Self {
        Self::new(&[])
    }
}

impl TimeIndex {
    /// Builds the index in O(n log n). Spans are [`TimeSpan::normalized`] first.
    /// Ids are `u32`, so events past the first `u32::MAX - 1` are ignored.
    pub fn new(spans: &[TimeSpan]) -> Self {
        Self::with_scan_budget(spans, SCAN_BUDGET)
    }

    /// Latest starts by position.
    fn ls(&self) -> &[Day] {
        if self.exact { &self.s_es } else { &self.s_ls }
    }

    /// Earliest ends by position.
    fn ee(&self) -> &[Day] {
        if self.exact { &self.s_le } else { &self.s_ee }
    }

    /// The (normalised) spans, in order of earliest start.
    fn spans(&self) -> Vec<TimeSpan> {
        let (ls, ee) = (self.ls(), self.ee());
        (0..self.s_es.len())
            .map(|p| TimeSpan {
                earliest_start: self.s_es[p],
                latest_start: ls[p],
                earliest_end: ee[p],
                latest_end: self.s_le[p],
            })
            .collect()
    }

    /// The event at position `p` of the arrays by start.
    fn event_at(&self, p: usize) -> u32 {
        self.s_id.get(p).copied().unwrap_or(p as u32)
    }

    /// Number of indexed events.
    pub fn len(&self) -> usize {
        self.s_es.len()
    }

    /// Whether no event is indexed.
    pub fn is_empty(&self) -> bool {
        self.s_es.is_empty()
    }

    /// Clears `out` and pushes every possibly visible event at `t` once, in no
    /// particular order, with its [`Visibility`]. O(log n + k) for k pushed.
    pub fn query(&self, t: Day, mode: TimeMode, out: &mut Vec<(u32, Visibility)>) {
        out.clear();
        let (a, b) = window(t, mode);
        let vis = |ls: Day, ee: Day| {
            if ls <= b && ee >= a {
                Visibility::Definite
            } else {
                Visibility::Possible
            }
        };

        // Extent starts inside the window: a contiguous run (its latest_end >= a follows).
        let lo = self.s_es.partition_point(|&d| d < a);
        let hi = self.s_es.partition_point(|&d| d <= b);
        if lo < hi {
            out.reserve(hi - lo);
            let (ls, ee) = (&self.ls()[lo..hi], &self.ee()[lo..hi]);
            let run = ls.iter().zip(ee).map(|(&ls, &ee)| vis(ls, ee));
            if self.s_id.is_empty() {
                out.extend((lo as u32..).zip(run));
            } else {
                out.extend(self.s_id[lo..hi].iter().copied().zip(run));
            }
        }

        // Extent starts before the window and reaches into it. Short spans:
        // those that start in the `short_days` before `a` (a scan that
        // looks at most at SCAN_BUDGET spans); long ones: stab the tree at `a`.
        if self.short_days > 0 {
            let from_day = i64::from(a) - i64::from(self.short_days);
            let from = self.s_es.partition_point(|&d| i64::from(d) < from_day);
            let short = i64::from(self.short_days);
            let (ls, ee) = (self.ls(), self.ee());
            for p in from..lo {
                let (es, le) = (self.s_es[p], self.s_le[p]);
                if le >= a && i64::from(le) - i64::from(es) <= short {
                    out.push((self.event_at(p), vis(ls[p], ee[p])));
                }
            }
        }
        self.tree.stab(a, vis, out);
    }

    /// `(definite, possible)`: how many events [`query`](Self::query) would tag
    /// [`Visibility::Definite`] and [`Visibility::Possible`]. O(log n), no allocation.
    pub fn count(&self, t: Day, mode: TimeMode) -> (usize, usize) {
        let (a, b) = window(t, mode);
        let c = self
            .counts
            .get_or_init(|| build::endpoints(&self.spans(), self.exact));
        // Possible: earliest_start <= b minus those already over (latest_end < a,
        // which implies earliest_start <= b).
        let any = self
            .s_es
            .partition_point(|&d| d <= b)
            .saturating_sub(c.sorted_le.partition_point(|&d| d < a));
        if self.exact {
            return (any, 0);
        }
        // Definite: latest_start <= b minus those with earliest_end < a among them.
        let started = c.sorted_ls.partition_point(|&d| d <= b);
        let ended = c.sorted_ee.partition_point(|&d| d < a);
        // Of the `ended` first by earliest end, those whose latest start is
        // at most `b`: a rank among the distinct days below `b`'s.
        let started_days = c.ls_days.partition_point(|&d| d <= b);
        let definite = started.saturating_sub(c.ls_rank_by_ee.count_less(ended, started_days));
        (definite, any.saturating_sub(definite))
    }

    /// The data's first and last day for the slider: minimum and maximum of all
    /// dates that are not open ends (`Day::MIN` / `Day::MAX`). For well-formed
    /// spans this is min earliest_start .. max latest_end. `None` without finite days.
    pub fn span(&self) -> Option<(Day, Day)> {
        self.span
    }

    /// Sorted distinct earliest_start days, open ends left out (for stepping).
    pub fn starts(&self) -> &[Day] {
        &self.starts
    }

    /// First event start strictly after `t`.
    pub fn next_start_after(&self, t: Day) -> Option<Day> {
        next_after(&self.starts, t)
    }

    /// Last event start strictly before `t`.
    pub fn prev_start_before(&self, t: Day) -> Option<Day> {
        prev_before(&self.starts, t)
    }

    /// Events per bin by earliest_start. The days `from..=to` are cut into `bins`
    /// bins of (nearly) equal width: bin `i` starts at
    /// `from + floor(i * (to - from + 1) / bins)`. Events starting outside the
    /// range are not counted; a reversed range gives all-zero bins.
    /// O(bins · log n); allocates the `bins` counters.
    pub fn histogram(&self, bins: usize, from: Day, to: Day) -> Vec<u32> {
        // The data does not change: the time bar asks the same each frame.
        if let Ok(cache) = self.histogram_cache.lock()
            && let Some((key, hist)) = cache.as_ref()
            && *key == (bins, from, to)
        {
            return hist.clone();
        }
        let hist = self.histogram_uncached(bins, from, to);
        if let Ok(mut cache) = self.histogram_cache.lock() {
            *cache = Some(((bins, from, to), hist.clone()));
        }
        hist
    }

    fn histogram_uncached(&self, bins: usize, from: Day, to: Day) -> Vec<u32> {
        let mut out = vec![0u32; bins];
        if bins == 0 || from > to {
            return out;
        }
        let len = (i64::from(to) - i64::from(from) + 1) as u128;
        let mut prev = self.s_es.partition_point(|&d| d < from);
        for (i, slot) in out.iter_mut().enumerate() {
            let offset = ((i as u128 + 1) * len / bins as u128) as i64;
            let next_bin = i64::from(from) + offset;
            let end = prev + self.s_es[prev..].partition_point(|&d| i64::from(d) < next_bin);
            *slot = u32::try_from(end - prev).unwrap_or(u32::MAX);
            prev = end;
        }
        out
    }
}

/// The window `[a, b]` of days a mode looks at; cumulative is a window reaching
/// back to `Day::MIN`, which gives exactly the cumulative rules.
fn window(t: Day, mode: TimeMode) -> (Day, Day) {
    match mode {
        TimeMode::Window { width_days } => {
            let first = i64::from(t) - i64::from(width_days.max(1)) + 1;
            (first.max(i64::from(Day::MIN)) as Day, t)
        }
        TimeMode::Cumulative => (Day::MIN, t),
    }
}

/// First element of a sorted slice strictly after `t`.
pub(crate) fn next_after(sorted: &[Day], t: Day) -> Option<Day> {
    sorted.get(sorted.partition_point(|&d| d <= t)).copied()
}

/// Last element of a sorted slice strictly before `t`.
pub(crate) fn prev_before(sorted: &[Day], t: Day) -> Option<Day> {
    let i = sorted.partition_point(|&d| d < t);
    i.checked_sub(1).and_then(|i| sorted.get(i)).copied()
}
