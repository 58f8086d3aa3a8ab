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

/// Uncertain dates of one event: when it may have started and when it may have ended.
///
/// Invariants: `earliest_start <= latest_start`, `earliest_end <= latest_end`,
/// `earliest_start <= earliest_end`, `latest_start <= latest_end`. A point event
/// dated only to a month has start range == end range == the whole month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeSpan {
    pub earliest_start: Day,
    pub latest_start: Day,
    pub earliest_end: Day,
    pub latest_end: Day,
}

impl TimeSpan {
    /// An event known to the day, from `start` to `end` (both included).
    pub const fn exact(start: Day, end: Day) -> Self {
        Self {
            earliest_start: start,
            latest_start: start,
            earliest_end: end,
            latest_end: end,
        }
    }

    /// A point event only known to lie somewhere in `[first, last]` (e.g. a month).
    pub const fn point_within(first: Day, last: Day) -> Self {
        Self {
            earliest_start: first,
            latest_start: last,
            earliest_end: first,
            latest_end: last,
        }
    }

    /// Whether the four ordering invariants hold.
    pub const fn is_valid(&self) -> bool {
        self.earliest_start <= self.latest_start
            && self.earliest_end <= self.latest_end
            && self.earliest_start <= self.earliest_end
            && self.latest_start <= self.latest_end
    }

    /// The span with the invariants restored by widening, never narrowing:
    /// each range is put in order, `earliest_start` becomes the minimum and
    /// `latest_end` the maximum of the four days. Valid spans are unchanged.
    pub fn normalized(&self) -> Self {
        let (es, ls) = min_max(self.earliest_start, self.latest_start);
        let (ee, le) = min_max(self.earliest_end, self.latest_end);
        Self {
            earliest_start: es.min(ee),
            latest_start: ls,
            earliest_end: ee,
            latest_end: le.max(ls),
        }
    }
}

fn min_max(a: Day, b: Day) -> (Day, Day) {
    if a <= b { (a, b) } else { (b, a) }
}

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

/// "No child" in [`Node`]; event ids stay below it.
const NONE: u32 = u32::MAX;

/// One node of the centered interval tree. Its intervals all contain `center`
/// and sit at `start..start + len` in both the `bs_*` and the `be_*` arrays.
#[derive(Debug, Clone, Copy)]
struct Node {
    center: Day,
    start: u32,
    len: u32,
    left: u32,
    right: u32,
}

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
    // Sorted endpoints for O(log n) counts.
    sorted_le: Vec<Day>,
    sorted_ls: Vec<Day>,
    /// The distinct latest starts, in order.
    ls_days: Vec<Day>,
    sorted_ee: Vec<Day>,
    /// Rank of each event's latest_start in `ls_days`, in `sorted_ee` order.
    ls_rank_by_ee: WaveletMatrix,
    /// Every span is known to the day (then `sorted_ls`, `ls_days`,
    /// `sorted_ee` and the matrix are left empty: definite = possible).
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

    /// [`TimeIndex::new`], with spans short enough that `budget` of them
    /// start in any stretch of their length kept out of the tree.
    fn with_scan_budget(spans: &[TimeSpan], budget: usize) -> Self {
        let spans = &spans[..spans.len().min(NONE as usize - 1)];
        // Spans are used as given when they are all well formed (a copy of a
        // million is a good part of the build).
        let norm: std::borrow::Cow<'_, [TimeSpan]> = if spans.iter().all(TimeSpan::is_valid) {
            std::borrow::Cow::Borrowed(spans)
        } else {
            spans.iter().map(TimeSpan::normalized).collect()
        };
        let n = norm.len();
        // Known to the day, start and end: what may be visible is, so the
        // 2-D count of "definite" is not needed.
        let exact =
            (norm.iter()).all(|s| s.earliest_start == s.latest_start && s.earliest_end == s.latest_end);

        // Two independent halves, on two threads for big inputs: the events
        // by start with the interval tree, and the sorted endpoints with the
        // wavelet matrix behind the O(log n) counts.
        let by_start = || {
            // Left empty when the spans are in order already (a point
            // file's are): position p is event p.
            let in_order = norm
                .windows(2)
                .all(|w| w[0].earliest_start <= w[1].earliest_start);
            let order = if in_order {
                Vec::new()
            } else {
                argsort_days(norm.iter().map(|s| s.earliest_start))
            };
            let field = |f: fn(&TimeSpan) -> Day| -> Vec<Day> {
                if in_order {
                    norm.iter().map(f).collect()
                } else {
                    order.iter().map(|&i| f(&norm[i as usize])).collect()
                }
            };
            let s_es = field(|s| s.earliest_start);
            let s_le = field(|s| s.latest_end);
            // Exact spans: latest start = earliest start, earliest end =
            // latest end; those are read instead.
            let (s_ls, s_ee) = if exact {
                (Vec::new(), Vec::new())
            } else {
                (field(|s| s.latest_start), field(|s| s.earliest_end))
            };
            // Short spans are found by a scan of those that start in the
            // `short` days before the window; their length is set so that
            // no stretch of `short` days holds more than `budget` starts
            // (at most `budget / m` days, m the most starts on one day).
            let most_on_a_day = (s_es.chunk_by(|a, b| a == b))
                .map(<[Day]>::len)
                .max()
                .unwrap_or(0);
            let most = (budget.checked_div(most_on_a_day).unwrap_or(0) as i64).min(i64::from(Day::MAX));
            // The scan need reach no further back than the longest of them.
            let short = (s_es.iter().zip(&s_le))
                .map(|(&es, &le)| i64::from(le) - i64::from(es))
                .filter(|&len| len <= most)
                .max()
                .unwrap_or(0);
            // Events with earliest_start == latest_end can never strictly contain the
            // window's first day, so day-exact point events stay out of the tree;
            // so do short ones.
            let items: Vec<u32> = (0..n as u32)
                .filter(|&p| {
                    let (es, le) = (s_es[p as usize], s_le[p as usize]);
                    es < le && i64::from(le) - i64::from(es) > short
                })
                .collect();
            // The same items by latest end, descending (ties by position):
            // each node's share of this list is already in the order it keeps.
            let by_le: Vec<u32> = {
                let ends = argsort_days(items.iter().map(|&p| s_le[p as usize]));
                ends.iter().rev().map(|&k| items[k as usize]).collect()
            };
            let mut builder = TreeBuilder {
                es: &s_es,
                ls: if exact { &s_es } else { &s_ls },
                ee: if exact { &s_le } else { &s_ee },
                le: &s_le,
                id: &order,
                tree: Tree::with_capacity(items.len()),
            };
            builder.tree.root = builder.build(items, by_le);
            let tree = builder.tree;
            (order, s_es, s_ls, s_ee, s_le, short as Day, tree)
        };
        let endpoints = || {
            let mut sorted_le: Vec<Day> = norm.iter().map(|s| s.latest_end).collect();
            sort_days(&mut sorted_le);
            if exact {
                return (
                    sorted_le,
                    Vec::new(),
                    Vec::new(),
                    Vec::new(),
                    WaveletMatrix::default(),
                );
            }
            let mut sorted_ls: Vec<Day> = norm.iter().map(|s| s.latest_start).collect();
            sort_days(&mut sorted_ls);
            // Events by earliest end (ties in any order: counts never split them),
            // with the rank of their latest start among all latest starts.
            let by_ee = argsort_days(norm.iter().map(|s| s.earliest_end));
            // Ranks among the distinct latest starts: as many as the days
            // they fall on (a few thousand for years of history), so the
            // matrix has a dozen levels where a million ranks need twenty.
            let mut ls_days = sorted_ls.clone();
            ls_days.dedup();
            let rank_of = RankOf::new(&ls_days, n);
            let ranks: Vec<u32> = by_ee
                .iter()
                .map(|&i| rank_of.get(norm[i as usize].latest_start))
                .collect();
            let ls_rank_by_ee = WaveletMatrix::new(&ranks, ls_days.len());
            let sorted_ee: Vec<Day> = by_ee.iter().map(|&i| norm[i as usize].earliest_end).collect();
            (sorted_le, sorted_ls, ls_days, sorted_ee, ls_rank_by_ee)
        };
        let (
            (order, s_es, s_ls, s_ee, s_le, short_days, tree),
            (sorted_le, sorted_ls, ls_days, sorted_ee, ls_rank_by_ee),
        ) = if n > 100_000 {
            std::thread::scope(|scope| {
                let half = scope.spawn(endpoints);
                let first = by_start();
                // A panic in the other half is a bug: build it here instead.
                (first, half.join().unwrap_or_else(|_| endpoints()))
            })
        } else {
            (by_start(), endpoints())
        };

        let mut starts: Vec<Day> = s_es
            .iter()
            .copied()
            .filter(|&d| d != Day::MIN && d != Day::MAX)
            .collect();
        starts.dedup();

        Self {
            histogram_cache: HistogramCache::default(),
            span: finite_span(&norm),
            s_es,
            s_ls,
            s_ee,
            s_le,
            s_id: order,
            short_days,
            tree,
            sorted_le,
            sorted_ls,
            ls_days,
            sorted_ee,
            ls_rank_by_ee,
            exact,
            starts,
        }
    }

    /// Latest starts by position.
    fn ls(&self) -> &[Day] {
        if self.exact { &self.s_es } else { &self.s_ls }
    }

    /// Earliest ends by position.
    fn ee(&self) -> &[Day] {
        if self.exact { &self.s_le } else { &self.s_ee }
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
        let tr = &self.tree;
        let mut node = tr.root;
        while let Some(nd) = tr.nodes.get(node as usize) {
            let (s, e) = (nd.start as usize, (nd.start + nd.len) as usize);
            if a > nd.center {
                // All start before `a`; those ending at or after it stab.
                let run = tr.be_key[s..e]
                    .iter()
                    .zip(&tr.be_id[s..e])
                    .zip(&tr.be_ls[s..e])
                    .zip(&tr.be_ee[s..e]);
                for (((&le, &id), &ls), &ee) in run {
                    if le < a {
                        break;
                    }
                    out.push((id, vis(ls, ee)));
                }
                node = nd.right;
            } else {
                // All end at or after `a`; those starting strictly before it stab.
                let run = tr.bs_key[s..e]
                    .iter()
                    .zip(&tr.bs_id[s..e])
                    .zip(&tr.bs_ls[s..e])
                    .zip(&tr.bs_ee[s..e]);
                for (((&es, &id), &ls), &ee) in run {
                    if es >= a {
                        break;
                    }
                    out.push((id, vis(ls, ee)));
                }
                // At the center itself nothing below can start before `a` and reach it.
                node = if a < nd.center { nd.left } else { NONE };
            }
        }
    }

    /// `(definite, possible)`: how many events [`query`](Self::query) would tag
    /// [`Visibility::Definite`] and [`Visibility::Possible`]. O(log n), no allocation.
    pub fn count(&self, t: Day, mode: TimeMode) -> (usize, usize) {
        let (a, b) = window(t, mode);
        // Possible: earliest_start <= b minus those already over (latest_end < a,
        // which implies earliest_start <= b).
        let any = self
            .s_es
            .partition_point(|&d| d <= b)
            .saturating_sub(self.sorted_le.partition_point(|&d| d < a));
        if self.exact {
            return (any, 0);
        }
        // Definite: latest_start <= b minus those with earliest_end < a among them.
        let started = self.sorted_ls.partition_point(|&d| d <= b);
        let ended = self.sorted_ee.partition_point(|&d| d < a);
        // Of the `ended` first by earliest end, those whose latest start is
        // at most `b`: a rank among the distinct days below `b`'s.
        let started_days = self.ls_days.partition_point(|&d| d <= b);
        let definite = started.saturating_sub(self.ls_rank_by_ee.count_less(ended, started_days));
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

/// Min and max over all days that are not open ends.
/// A day as an unsigned key in the same order.
fn day_key(d: Day) -> u64 {
    u64::from((d as u32) ^ 0x8000_0000)
}

/// Sorts `v` by bits 32..64, stably: two counting passes of 16 bits (LSD
/// radix), linear in n, for the million-event indexes built at load.
fn radix_sort_high32(v: &mut Vec<u64>) {
    let mut buf = vec![0u64; v.len()];
    let mut counts = vec![0usize; 1 << 16];
    for shift in [32u32, 48] {
        counts.iter_mut().for_each(|c| *c = 0);
        for x in v.iter() {
            counts[((x >> shift) & 0xFFFF) as usize] += 1;
        }
        let mut sum = 0;
        for c in counts.iter_mut() {
            (*c, sum) = (sum, sum + *c);
        }
        for &x in v.iter() {
            let slot = &mut counts[((x >> shift) & 0xFFFF) as usize];
            buf[*slot] = x;
            *slot += 1;
        }
        std::mem::swap(v, &mut buf);
    }
}

/// Whether days are in order, and their least and greatest.
fn survey(days: &[Day]) -> (bool, Day, Day) {
    let (mut sorted, mut lo, mut hi) = (true, Day::MAX, Day::MIN);
    let mut prev = Day::MIN;
    for &d in days {
        sorted &= prev <= d;
        prev = d;
        lo = lo.min(d);
        hi = hi.max(d);
    }
    (sorted, lo, hi)
}

/// Whether days from `lo` to `hi` are few enough to be counted one by one
/// (history's days span a few thousand; open ends make the range huge).
fn countable(n: usize, lo: Day, hi: Day) -> bool {
    n >= 4096 && i64::from(hi) - i64::from(lo) < (4 * n as i64).max(1 << 16)
}

/// Positions 0..n ordered by their day, ties in position order: nothing to
/// do when they are in order (point files are kept by start), a counting
/// sort when their range is short, else a radix sort.
pub fn argsort_days(days: impl ExactSizeIterator<Item = Day>) -> Vec<u32> {
    let days: Vec<Day> = days.collect();
    let (sorted, lo, hi) = survey(&days);
    if sorted {
        return (0..days.len() as u32).collect();
    }
    if countable(days.len(), lo, hi) {
        let mut next = vec![0u32; (hi - lo) as usize + 2];
        for &d in &days {
            next[(d - lo) as usize + 1] += 1;
        }
        for i in 1..next.len() {
            next[i] += next[i - 1];
        }
        let mut order = vec![0u32; days.len()];
        for (i, &d) in (0u32..).zip(&days) {
            let slot = &mut next[(d - lo) as usize];
            order[*slot as usize] = i;
            *slot += 1;
        }
        return order;
    }
    let days = days.into_iter();
    let mut v: Vec<u64> = (days.zip(0u32..))
        .map(|(d, i)| (day_key(d) << 32) | u64::from(i))
        .collect();
    if v.len() < 4096 {
        v.sort_unstable();
    } else {
        radix_sort_high32(&mut v);
    }
    v.into_iter().map(|x| x as u32).collect()
}

/// Sorts days: as [`argsort_days`] chooses, without the positions.
fn sort_days(days: &mut [Day]) {
    let (sorted, lo, hi) = survey(days);
    if sorted {
        return;
    }
    if countable(days.len(), lo, hi) {
        let mut counts = vec![0u32; (hi - lo) as usize + 1];
        for &d in days.iter() {
            counts[(d - lo) as usize] += 1;
        }
        let mut at = 0;
        for (d, &c) in (lo..).zip(&counts) {
            days[at..at + c as usize].fill(d);
            at += c as usize;
        }
        return;
    }
    if days.len() < 4096 {
        days.sort_unstable();
        return;
    }
    let mut v: Vec<u64> = days.iter().map(|&d| day_key(d) << 32).collect();
    radix_sort_high32(&mut v);
    for (d, x) in days.iter_mut().zip(v) {
        *d = ((x >> 32) as u32 ^ 0x8000_0000) as Day;
    }
}

/// The number of days below a day in a sorted list: a table over the list's
/// range when that is short (days of a few centuries), else a binary search.
struct RankOf<'a> {
    sorted: &'a [Day],
    lo: i64,
    table: Vec<u32>,
}

impl<'a> RankOf<'a> {
    /// For `lookups` questions about `sorted`: a table when they are many
    /// and the range short.
    fn new(sorted: &'a [Day], lookups: usize) -> Self {
        let (Some(&first), Some(&last)) = (sorted.first(), sorted.last()) else {
            return RankOf {
                sorted,
                lo: 0,
                table: Vec::new(),
            };
        };
        let (lo, hi) = (i64::from(first), i64::from(last));
        if lookups < 4096 || hi - lo > (1i64 << 16).max(4 * lookups as i64).min(1 << 22) {
            return RankOf {
                sorted,
                lo,
                table: Vec::new(),
            };
        }
        let mut table = Vec::with_capacity((hi - lo + 1) as usize);
        let mut at = 0usize;
        for d in lo..=hi {
            while at < sorted.len() && i64::from(sorted[at]) < d {
                at += 1;
            }
            table.push(at as u32);
        }
        RankOf { sorted, lo, table }
    }

    fn get(&self, d: Day) -> u32 {
        if !self.table.is_empty() {
            let k = i64::from(d) - self.lo;
            if let Some(&r) = usize::try_from(k).ok().and_then(|k| self.table.get(k)) {
                return r;
            }
        }
        self.sorted.partition_point(|&x| x < d) as u32
    }
}

fn finite_span(spans: &[TimeSpan]) -> Option<(Day, Day)> {
    spans
        .iter()
        .flat_map(|s| [s.earliest_start, s.latest_start, s.earliest_end, s.latest_end])
        .filter(|&d| d != Day::MIN && d != Day::MAX)
        .fold(None, |acc, d| match acc {
            None => Some((d, d)),
            Some((lo, hi)) => Some((d.min(lo), d.max(hi))),
        })
}

/// Centered interval tree in flat arrays (no boxes): nodes plus, per node, its
/// intervals in two orders, each as a struct of arrays.
#[derive(Debug, Clone)]
struct Tree {
    nodes: Vec<Node>,
    root: u32,
    // Each node's intervals by earliest_start ascending ...
    bs_key: Vec<Day>,
    bs_ls: Vec<Day>,
    bs_ee: Vec<Day>,
    bs_id: Vec<u32>,
    // ... and by latest_end descending.
    be_key: Vec<Day>,
    be_ls: Vec<Day>,
    be_ee: Vec<Day>,
    be_id: Vec<u32>,
}

impl Tree {
    fn with_capacity(n: usize) -> Self {
        Self {
            nodes: Vec::new(),
            root: NONE,
            bs_key: Vec::with_capacity(n),
            bs_ls: Vec::with_capacity(n),
            bs_ee: Vec::with_capacity(n),
            bs_id: Vec::with_capacity(n),
            be_key: Vec::with_capacity(n),
            be_ls: Vec::with_capacity(n),
            be_ee: Vec::with_capacity(n),
            be_id: Vec::with_capacity(n),
        }
    }
}

/// Builds the centered interval tree into flat arrays. Items are positions in
/// the earliest_start order, so keeping their order keeps them sorted by start.
struct TreeBuilder<'a> {
    es: &'a [Day],
    ls: &'a [Day],
    ee: &'a [Day],
    le: &'a [Day],
    id: &'a [u32],
    tree: Tree,
}

impl TreeBuilder<'_> {
    /// Returns the node index, or [`NONE`] for no items. The center is the
    /// median start (items are sorted by start): intervals ending before it sit
    /// before the median and ones starting after it after, so each child gets at
    /// most m/2 intervals and the recursion is at most log2(n) + 1 deep.
    /// `by_le` holds the same items by latest end, descending.
    fn build(&mut self, items: Vec<u32>, by_le: Vec<u32>) -> u32 {
        let Some(&median) = items.get(items.len() / 2) else {
            return NONE;
        };
        let center = self.es[median as usize];
        // Left (ends before the center), right (starts after it), or here.
        let side = |p: u32| -> u8 {
            if self.le[p as usize] < center {
                0
            } else if self.es[p as usize] > center {
                2
            } else {
                1
            }
        };
        let split = |list: Vec<u32>| {
            let (mut left, mut mid, mut right) = (Vec::new(), Vec::new(), Vec::new());
            for p in list {
                match side(p) {
                    0 => left.push(p),
                    2 => right.push(p),
                    _ => mid.push(p),
                }
            }
            (left, mid, right)
        };
        let (left, mid, right) = split(items);
        let (left_le, mid_le, right_le) = split(by_le);

        let node = self.tree.nodes.len() as u32;
        let start = self.tree.bs_key.len() as u32;
        for &p in &mid {
            let p = p as usize;
            self.tree.bs_key.push(self.es[p]);
            self.tree.bs_ls.push(self.ls[p]);
            self.tree.bs_ee.push(self.ee[p]);
            self.tree.bs_id.push(self.id.get(p).copied().unwrap_or(p as u32));
        }
        for &p in &mid_le {
            let p = p as usize;
            self.tree.be_key.push(self.le[p]);
            self.tree.be_ls.push(self.ls[p]);
            self.tree.be_ee.push(self.ee[p]);
            self.tree.be_id.push(self.id.get(p).copied().unwrap_or(p as u32));
        }
        self.tree.nodes.push(Node {
            center,
            start,
            len: mid.len() as u32,
            left: NONE,
            right: NONE,
        });
        drop((mid, mid_le));
        let l = self.build(left, left_le);
        let r = self.build(right, right_le);
        if let Some(nd) = self.tree.nodes.get_mut(node as usize) {
            nd.left = l;
            nd.right = r;
        }
        node
    }
}

/// Wavelet matrix over small integers: counts values below a bound in a prefix
/// in O(bits), which makes the 2-D count behind "definite" O(log n).
#[derive(Debug, Clone, Default)]
struct WaveletMatrix {
    /// Most significant bit first.
    levels: Vec<BitLevel>,
}

#[derive(Debug, Clone, Default)]
struct BitLevel {
    /// One spare word so that `rank1(len)` stays in bounds.
    words: Vec<u64>,
    /// Ones before each word.
    ranks: Vec<u32>,
    zeros: usize,
}

impl BitLevel {
    fn rank1(&self, i: usize) -> usize {
        let (w, b) = (i / 64, i % 64);
        self.ranks[w] as usize + (self.words[w] & ((1u64 << b) - 1)).count_ones() as usize
    }
}

impl WaveletMatrix {
    /// `values` must all be below `bound`.
    fn new(values: &[u32], bound: usize) -> Self {
        let bits = usize::BITS - bound.saturating_sub(1).leading_zeros();
        let n = values.len();
        let mut cur = values.to_vec();
        let mut next = vec![0u32; n];
        let mut levels = Vec::with_capacity(bits as usize);
        for level in (0..bits).rev() {
            let mut words = vec![0u64; n / 64 + 1];
            for (word, chunk) in words.iter_mut().zip(cur.chunks(64)) {
                for (j, &v) in chunk.iter().enumerate() {
                    *word |= u64::from((v >> level) & 1) << j;
                }
            }
            let mut ranks = Vec::with_capacity(words.len());
            let mut acc = 0u32;
            for w in &words {
                ranks.push(acc);
                acc += w.count_ones();
            }
            let zeros = n - acc as usize;
            // Stable partition, zeros first, without data-dependent branches.
            let (mut z, mut o) = (0usize, zeros);
            for &v in &cur {
                let bit = ((v >> level) & 1) as usize;
                let at = if bit == 1 { o } else { z };
                if let Some(slot) = next.get_mut(at) {
                    *slot = v;
                }
                o += bit;
                z += 1 - bit;
            }
            std::mem::swap(&mut cur, &mut next);
            levels.push(BitLevel { words, ranks, zeros });
        }
        Self { levels }
    }

    /// How many of the first `p` values are below `x`.
    fn count_less(&self, p: usize, x: usize) -> usize {
        let bits = self.levels.len() as u32;
        if x as u64 >= 1u64 << bits {
            return p;
        }
        let (mut lo, mut hi, mut below) = (0usize, p, 0usize);
        for (level, bv) in self.levels.iter().enumerate() {
            let bit = (x >> (bits as usize - 1 - level)) & 1;
            let (r_lo, r_hi) = (bv.rank1(lo), bv.rank1(hi));
            if bit == 1 {
                below += (hi - lo) - (r_hi - r_lo);
                lo = bv.zeros + r_lo;
                hi = bv.zeros + r_hi;
            } else {
                lo -= r_lo;
                hi -= r_hi;
            }
        }
        below
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SplitMix64: tiny deterministic RNG for the tests.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        fn day(&mut self, lo: Day, hi: Day) -> Day {
            lo + self.below((hi - lo + 1) as u64) as Day
        }
    }

    #[test]
    fn radix_sorts_agree_with_the_standard_sort() {
        let mut rng = Rng(5);
        for (n, lo, hi) in [
            (10_000, -400, 400),
            (9_000, -20_000_000, 20_000_000),
            (100, 0, 10),
        ] {
            let mut days: Vec<Day> = (0..n).map(|_| rng.day(lo, hi)).collect();
            days.extend([Day::MIN, Day::MAX, 0, -1]);
            let order = argsort_days(days.iter().copied());
            let mut want: Vec<u32> = (0..days.len() as u32).collect();
            want.sort_by_key(|&i| days[i as usize]); // stable
            assert_eq!(order, want);
            let mut sorted = days.clone();
            sort_days(&mut sorted);
            let mut plain = days.clone();
            plain.sort_unstable();
            assert_eq!(sorted, plain);
            // Open ends make the range too wide for a table: both ways agree.
            for list in [&plain[..], &plain[1..plain.len() - 1]] {
                let rank = RankOf::new(list, days.len());
                for d in days.iter().copied().chain([lo - 5, hi + 5, Day::MIN, Day::MAX]) {
                    assert_eq!(rank.get(d), list.partition_point(|&x| x < d) as u32, "{d}");
                }
            }
        }
    }

    /// The rules of the module doc, applied by a plain scan.
    fn oracle(spans: &[TimeSpan], t: Day, mode: TimeMode) -> Vec<(u32, Visibility)> {
        let mut out = Vec::new();
        for (i, s) in spans.iter().enumerate() {
            let s = s.normalized();
            let (possible, definite) = match mode {
                TimeMode::Window { width_days } => {
                    let w = i64::from(width_days.max(1));
                    let first = i64::from(t) - w + 1;
                    (
                        s.earliest_start <= t && i64::from(s.latest_end) >= first,
                        s.latest_start <= t && i64::from(s.earliest_end) >= first,
                    )
                }
                TimeMode::Cumulative => (s.earliest_start <= t, s.latest_start <= t),
            };
            if definite {
                out.push((i as u32, Visibility::Definite));
            } else if possible {
                out.push((i as u32, Visibility::Possible));
            }
        }
        out
    }

    fn check(index: &TimeIndex, spans: &[TimeSpan], t: Day, mode: TimeMode) {
        let mut got = Vec::new();
        index.query(t, mode, &mut got);
        got.sort_unstable_by_key(|&(id, _)| id);
        let want = oracle(spans, t, mode);
        assert_eq!(got, want, "t={t} mode={mode:?}");
        let definite = want.iter().filter(|(_, v)| *v == Visibility::Definite).count();
        assert_eq!(
            index.count(t, mode),
            (definite, want.len() - definite),
            "count t={t} mode={mode:?}"
        );
    }

    #[test]
    fn a_big_index_built_on_two_threads_answers_like_a_plain_scan() {
        // Over 100,000 spans: the two halves are built on two threads.
        let mut rng = Rng(41);
        let spans: Vec<TimeSpan> = (0..120_000).map(|_| random_span(&mut rng)).collect();
        let index = TimeIndex::new(&spans);
        for t in [-600, -1, 0, 333, 800, 1499, 2500] {
            for mode in [TimeMode::Cumulative, TimeMode::Window { width_days: 30 }] {
                check(&index, &spans, t, mode);
            }
        }
        // Days of a few years, no open ends (what a point file has): the
        // sorts count days instead of sorting keys.
        let spans: Vec<TimeSpan> = (0..120_000)
            .map(|_| {
                let start = rng.day(0, 1637);
                let uncertain = rng.below(4) == 0;
                let end = start + rng.below(3) as Day * rng.below(30) as Day;
                if uncertain {
                    TimeSpan::point_within(start, end)
                } else {
                    TimeSpan::exact(start, end)
                }
            })
            .collect();
        let (_, lo, hi) = survey(&spans.iter().map(|s| s.latest_end).collect::<Vec<_>>());
        assert!(countable(spans.len(), lo, hi));
        let index = TimeIndex::new(&spans);
        assert!(!index.exact);
        for t in [-1, 0, 333, 800, 1499, 1637, 1700] {
            for mode in [TimeMode::Cumulative, TimeMode::Window { width_days: 30 }] {
                check(&index, &spans, t, mode);
            }
        }
        // In order of start already (as a point file keeps its rows): the
        // index keeps no order of its own.
        let mut in_order = spans.clone();
        in_order.sort_by_key(|s| s.earliest_start);
        let index = TimeIndex::new(&in_order);
        assert!(index.s_id.is_empty());
        for t in [-1, 0, 333, 800, 1499, 1637, 1700] {
            for mode in [TimeMode::Cumulative, TimeMode::Window { width_days: 30 }] {
                check(&index, &in_order, t, mode);
            }
        }
        // All known to the day: the counts need no matrix.
        let spans: Vec<TimeSpan> = (spans.iter())
            .map(|s| TimeSpan::exact(s.earliest_start, s.latest_end))
            .collect();
        let index = TimeIndex::new(&spans);
        assert!(index.exact && index.s_ls.is_empty());
        for t in [-1, 0, 333, 800, 1499, 1637, 1700] {
            for mode in [TimeMode::Cumulative, TimeMode::Window { width_days: 30 }] {
                check(&index, &spans, t, mode);
            }
        }
    }

    const MODES: [TimeMode; 7] = [
        TimeMode::Cumulative,
        TimeMode::Window { width_days: 1 },
        TimeMode::Window { width_days: 2 },
        TimeMode::Window { width_days: 7 },
        TimeMode::Window { width_days: 30 },
        TimeMode::Window { width_days: 365 },
        TimeMode::Window { width_days: 0 },
    ];

    fn random_span(rng: &mut Rng) -> TimeSpan {
        let base = rng.day(-500, 1500);
        match rng.below(8) {
            // Point event known to the day.
            0 => TimeSpan::exact(base, base),
            // Point event dated to a "month".
            1 => TimeSpan::point_within(base, base + rng.day(0, 30)),
            // Short exact interval.
            2 => TimeSpan::exact(base, base + rng.day(0, 20)),
            // Long interval with uncertain ends.
            3 => {
                let es = base;
                let ls = es + rng.day(0, 40);
                let ee = ls + rng.day(-40, 900).max(es - ls);
                let le = ee.max(ls) + rng.day(0, 40);
                TimeSpan {
                    earliest_start: es,
                    latest_start: ls,
                    earliest_end: ee,
                    latest_end: le,
                }
            }
            // Open start.
            4 => TimeSpan {
                earliest_start: Day::MIN,
                latest_start: if rng.below(2) == 0 { Day::MIN } else { base },
                earliest_end: base,
                latest_end: base + rng.day(0, 100),
            },
            // Open end.
            5 => TimeSpan {
                earliest_start: base,
                latest_start: base + rng.day(0, 30),
                earliest_end: if rng.below(2) == 0 {
                    Day::MAX
                } else {
                    base + rng.day(30, 300)
                },
                latest_end: Day::MAX,
            },
            // Both ends open.
            6 => TimeSpan::exact(Day::MIN, Day::MAX),
            // Years long, uncertain by months.
            _ => {
                let ls = base + rng.day(0, 90);
                let ee = base + rng.day(365, 3000);
                TimeSpan {
                    earliest_start: base,
                    latest_start: ls,
                    earliest_end: ee,
                    latest_end: ee + rng.day(0, 90),
                }
            }
        }
    }

    /// Times at and one day beyond each edge of each event's window rules.
    fn edge_times(spans: &[TimeSpan], w: i32) -> Vec<Day> {
        let mut ts = vec![Day::MIN, Day::MIN + 1, Day::MAX - 1, Day::MAX, 0];
        for s in spans.iter().take(24) {
            for d in [s.earliest_start, s.latest_start, s.earliest_end, s.latest_end] {
                for off in [-1i64, 0, 1, i64::from(w) - 2, i64::from(w) - 1, i64::from(w)] {
                    let t = (i64::from(d) + off).clamp(i64::from(Day::MIN), i64::from(Day::MAX));
                    ts.push(t as Day);
                }
            }
        }
        ts
    }

    #[test]
    fn matches_oracle_on_random_data() {
        let mut rng = Rng(0x00C0_FFEE);
        for round in 0..24 {
            let n = match round {
                0 => 0,
                1 => 1,
                2 => 2,
                _ => rng.below(300) as usize,
            };
            let mut spans: Vec<TimeSpan> = (0..n).map(|_| random_span(&mut rng)).collect();
            // Duplicates.
            for _ in 0..n / 10 {
                let i = rng.below(n as u64) as usize;
                spans.push(spans[i]);
            }
            // Short spans scanned, none (all in the tree), and some.
            for budget in [SCAN_BUDGET, 0, 40] {
                let index = TimeIndex::with_scan_budget(&spans, budget);
                assert_eq!(index.len(), spans.len());
                for mode in MODES {
                    let w = match mode {
                        TimeMode::Window { width_days } => width_days.max(1),
                        TimeMode::Cumulative => 1,
                    };
                    for t in edge_times(&spans, w) {
                        check(&index, &spans, t, mode);
                    }
                    for _ in 0..60 {
                        check(&index, &spans, rng.day(-700, 2500), mode);
                    }
                }
            }
        }
    }

    #[test]
    fn matches_oracle_on_malformed_spans() {
        let mut rng = Rng(7);
        let spans: Vec<TimeSpan> = (0..300)
            .map(|_| TimeSpan {
                earliest_start: rng.day(0, 300),
                latest_start: rng.day(0, 300),
                earliest_end: rng.day(0, 300),
                latest_end: rng.day(0, 300),
            })
            .collect();
        let index = TimeIndex::new(&spans);
        for mode in MODES {
            for t in -5..310 {
                check(&index, &spans, t, mode);
            }
        }
    }

    #[test]
    fn normalized_keeps_valid_spans_and_fixes_others() {
        let valid = TimeSpan {
            earliest_start: 1,
            latest_start: 5,
            earliest_end: 3,
            latest_end: 9,
        };
        assert_eq!(valid.normalized(), valid);
        let bad = TimeSpan {
            earliest_start: 10,
            latest_start: 4,
            earliest_end: 2,
            latest_end: 1,
        };
        let n = bad.normalized();
        assert!(n.is_valid());
        assert_eq!((n.earliest_start, n.latest_end), (1, 10));
    }

    #[test]
    fn many_identical_long_events() {
        let spans = vec![TimeSpan::exact(0, 1000); 500];
        let index = TimeIndex::new(&spans);
        for t in [-1, 0, 500, 1000, 1001, 1010] {
            for mode in MODES {
                check(&index, &spans, t, mode);
            }
        }
    }

    fn vis_of(index: &TimeIndex, t: Day, mode: TimeMode) -> Option<Visibility> {
        let mut out = Vec::new();
        index.query(t, mode, &mut out);
        assert!(out.len() <= 1);
        out.first().map(|&(_, v)| v)
    }

    #[test]
    fn month_dated_event_in_a_window() {
        // Somewhere in days 100..=130 (a 31-day month).
        let index = TimeIndex::new(&[TimeSpan::point_within(100, 130)]);
        let w31 = TimeMode::Window { width_days: 31 };
        let w7 = TimeMode::Window { width_days: 7 };
        // Window covers the whole month: definite.
        assert_eq!(vis_of(&index, 130, w31), Some(Visibility::Definite));
        // Window covers only part of it: possible.
        assert_eq!(vis_of(&index, 129, w31), Some(Visibility::Possible));
        assert_eq!(vis_of(&index, 131, w31), Some(Visibility::Possible));
        assert_eq!(vis_of(&index, 115, w7), Some(Visibility::Possible));
        assert_eq!(vis_of(&index, 100, w7), Some(Visibility::Possible));
        // Edges: first day of the window on the last day of the month, and one beyond.
        assert_eq!(vis_of(&index, 136, w7), Some(Visibility::Possible));
        assert_eq!(vis_of(&index, 137, w7), None);
        // Window ends on the first day of the month, and one before.
        assert_eq!(vis_of(&index, 99, w7), None);
        let w400 = TimeMode::Window { width_days: 400 };
        assert_eq!(vis_of(&index, 499, w400), Some(Visibility::Definite));
        assert_eq!(vis_of(&index, 500, w400), Some(Visibility::Possible));
    }

    #[test]
    fn exact_event_at_window_edges() {
        let index = TimeIndex::new(&[TimeSpan::exact(50, 50)]);
        let w = TimeMode::Window { width_days: 10 };
        // Window [t - 9, t].
        assert_eq!(vis_of(&index, 49, w), None);
        assert_eq!(vis_of(&index, 50, w), Some(Visibility::Definite));
        assert_eq!(vis_of(&index, 59, w), Some(Visibility::Definite));
        assert_eq!(vis_of(&index, 60, w), None);
    }

    #[test]
    fn cumulative_possible_inside_start_range_then_definite() {
        let index = TimeIndex::new(&[TimeSpan {
            earliest_start: 10,
            latest_start: 20,
            earliest_end: 40,
            latest_end: 50,
        }]);
        let c = TimeMode::Cumulative;
        assert_eq!(vis_of(&index, 9, c), None);
        assert_eq!(vis_of(&index, 10, c), Some(Visibility::Possible));
        assert_eq!(vis_of(&index, 19, c), Some(Visibility::Possible));
        assert_eq!(vis_of(&index, 20, c), Some(Visibility::Definite));
        assert_eq!(vis_of(&index, 1000, c), Some(Visibility::Definite));
    }

    #[test]
    fn empty_index() {
        let index = TimeIndex::new(&[]);
        assert!(index.is_empty());
        let mut out = vec![(9, Visibility::Definite)];
        index.query(0, TimeMode::Cumulative, &mut out);
        assert!(out.is_empty());
        assert_eq!(index.count(0, TimeMode::Window { width_days: 5 }), (0, 0));
        assert_eq!(index.span(), None);
        assert!(index.starts().is_empty());
        assert_eq!(index.next_start_after(0), None);
        assert_eq!(index.prev_start_before(0), None);
        assert_eq!(index.histogram(3, 0, 10), vec![0, 0, 0]);
        assert_eq!(TimeIndex::default().len(), 0);
    }

    #[test]
    fn span_ignores_open_ends() {
        let index = TimeIndex::new(&[
            TimeSpan::exact(Day::MIN, 30),
            TimeSpan::exact(10, Day::MAX),
            TimeSpan::point_within(5, 20),
        ]);
        assert_eq!(index.span(), Some((5, 30)));
        assert_eq!(
            TimeIndex::new(&[TimeSpan::exact(Day::MIN, Day::MAX)]).span(),
            None
        );
    }

    #[test]
    fn starts_and_stepping() {
        let index = TimeIndex::new(&[
            TimeSpan::exact(30, 40),
            TimeSpan::exact(10, 12),
            TimeSpan::exact(30, 31),
            TimeSpan::exact(Day::MIN, 5),
            TimeSpan::point_within(20, 25),
        ]);
        assert_eq!(index.starts(), &[10, 20, 30]);
        assert_eq!(index.next_start_after(Day::MIN), Some(10));
        assert_eq!(index.next_start_after(10), Some(20));
        assert_eq!(index.next_start_after(29), Some(30));
        assert_eq!(index.next_start_after(30), None);
        assert_eq!(index.prev_start_before(30), Some(20));
        assert_eq!(index.prev_start_before(31), Some(30));
        assert_eq!(index.prev_start_before(10), None);
        assert_eq!(index.prev_start_before(Day::MAX), Some(30));
    }

    #[test]
    fn histogram_bins() {
        let spans: Vec<TimeSpan> = [0, 1, 2, 5, 9, 9, 10, -1]
            .iter()
            .map(|&d| TimeSpan::exact(d, d + 3))
            .collect();
        let index = TimeIndex::new(&spans);
        // Days 0..=9 in 5 bins of 2 days; -1 and 10 are outside.
        assert_eq!(index.histogram(5, 0, 9), vec![2, 1, 1, 0, 2]);
        assert_eq!(index.histogram(1, Day::MIN, Day::MAX), vec![8]);
        assert_eq!(index.histogram(0, 0, 9), Vec::<u32>::new());
        assert_eq!(index.histogram(2, 9, 0), vec![0, 0]);
        // More bins than days: some bins are empty, nothing is lost.
        let h = index.histogram(25, 0, 9);
        assert_eq!(h.iter().sum::<u32>(), 6);
        // Random check against the bin formula.
        let mut rng = Rng(99);
        let spans: Vec<TimeSpan> = (0..500).map(|_| random_span(&mut rng)).collect();
        let index = TimeIndex::new(&spans);
        for bins in [1usize, 3, 7, 64] {
            let (from, to) = (rng.day(-600, 500), rng.day(500, 1600));
            let len = i64::from(to) - i64::from(from) + 1;
            let mut want = vec![0u32; bins];
            for s in &spans {
                let d = i64::from(s.normalized().earliest_start);
                if d >= i64::from(from) && d <= i64::from(to) {
                    // Largest i with from + floor(i * len / bins) <= d.
                    let i = (0..bins)
                        .rev()
                        .find(|&i| i64::from(from) + (i as i64 * len) / bins as i64 <= d)
                        .unwrap();
                    want[i] += 1;
                }
            }
            assert_eq!(index.histogram(bins, from, to), want);
        }
    }

    fn depth(tree: &Tree, node: u32) -> usize {
        tree.nodes
            .get(node as usize)
            .map_or(0, |nd| 1 + depth(tree, nd.left).max(depth(tree, nd.right)))
    }

    #[test]
    fn tree_depth_is_logarithmic() {
        let mut rng = Rng(11);
        let spans: Vec<TimeSpan> = (0..4096).map(|_| random_span(&mut rng)).collect();
        // Every span with a length in the tree (no scan).
        let index = TimeIndex::with_scan_budget(&spans, 0);
        assert!(depth(&index.tree, index.tree.root) <= 13);
        // Nested intervals, the case that unbalances naive trees.
        let nested: Vec<TimeSpan> = (0..4096).map(|i| TimeSpan::exact(-i, i + 1)).collect();
        let index = TimeIndex::with_scan_budget(&nested, 0);
        assert!(depth(&index.tree, index.tree.root) <= 13);
        let disjoint: Vec<TimeSpan> = (0..4096).map(|i| TimeSpan::exact(3 * i, 3 * i + 1)).collect();
        let index = TimeIndex::with_scan_budget(&disjoint, 0);
        assert!(depth(&index.tree, index.tree.root) > 5 && depth(&index.tree, index.tree.root) <= 13);
        for t in [0, 5, 6, 7, 3000, 12300] {
            for mode in MODES {
                check(&index, &disjoint, t, mode);
            }
        }
    }

    #[test]
    fn wavelet_counts() {
        let mut rng = Rng(3);
        for n in [0usize, 1, 2, 3, 63, 64, 65, 200] {
            let values: Vec<u32> = (0..n).map(|_| rng.below(n.max(1) as u64) as u32).collect();
            let wm = WaveletMatrix::new(&values, n);
            for p in 0..=n {
                for x in 0..=n + 1 {
                    let want = values[..p].iter().filter(|&&v| (v as usize) < x).count();
                    assert_eq!(wm.count_less(p, x), want, "n={n} p={p} x={x}");
                }
            }
        }
    }
}
