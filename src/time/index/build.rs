//! Building the index: the events by start with their interval tree; and,
//! only when first counted, the sorted endpoints with their wavelet matrix.

use super::sort::{RankOf, argsort_days, sort_days};
use super::tree::{Tree, TreeBuilder};
use super::wavelet::WaveletMatrix;
use super::{Day, HistogramCache, NONE, TimeIndex, TimeSpan};

impl TimeIndex {
    /// [`TimeIndex::new`], with spans short enough that `budget` of them
    /// start in any stretch of their length kept out of the tree.
    pub(super) fn with_scan_budget(spans: &[TimeSpan], budget: usize) -> Self {
        let spans = &spans[..spans.len().min(NONE as usize - 1)];
        // Spans are used as given when they are all well formed (a copy of a
        // million is a good part of the build).
        let norm: std::borrow::Cow<'_, [TimeSpan]> = if spans.iter().all(TimeSpan::is_valid) {
            std::borrow::Cow::Borrowed(spans)
        } else {
            spans.iter().map(TimeSpan::normalized).collect()
        };
        // Known to the day, start and end: what may be visible is, so the
        // 2-D count of "definite" is not needed.
        let exact =
            (norm.iter()).all(|s| s.earliest_start == s.latest_start && s.earliest_end == s.latest_end);

        let ByStart {
            order,
            s_es,
            s_ls,
            s_ee,
            s_le,
            short_days,
            tree,
        } = by_start(&norm, exact, budget);

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
            counts: std::sync::OnceLock::new(),
            exact,
            starts,
        }
    }
}

/// The events in order of earliest start (struct of arrays), and the
/// interval tree over those too long for the scan.
struct ByStart {
    /// The event at each position; empty when position p is event p.
    order: Vec<u32>,
    s_es: Vec<Day>,
    s_ls: Vec<Day>,
    s_ee: Vec<Day>,
    s_le: Vec<Day>,
    short_days: Day,
    tree: Tree,
}

/// The events by start, with the interval tree over those too long for
/// the scan (spans short enough that `budget` of them start in any stretch
/// of their length are left out of it).
fn by_start(norm: &[TimeSpan], exact: bool, budget: usize) -> ByStart {
    let n = norm.len();
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
    ByStart {
        order,
        s_es,
        s_ls,
        s_ee,
        s_le,
        short_days: short as Day,
        tree,
    }
}

/// The sorted endpoints, and the matrix behind the O(log n) counts.
#[derive(Debug, Clone)]
pub(super) struct Endpoints {
    pub(super) sorted_le: Vec<Day>,
    pub(super) sorted_ls: Vec<Day>,
    pub(super) ls_days: Vec<Day>,
    pub(super) sorted_ee: Vec<Day>,
    pub(super) ls_rank_by_ee: WaveletMatrix,
}

/// The sorted endpoints, and the wavelet matrix of the latest starts' ranks
/// by earliest end; only the latest ends when every span is `exact`.
pub(super) fn endpoints(norm: &[TimeSpan], exact: bool) -> Endpoints {
    let n = norm.len();
    let mut sorted_le: Vec<Day> = norm.iter().map(|s| s.latest_end).collect();
    sort_days(&mut sorted_le);
    if exact {
        return Endpoints {
            sorted_le,
            sorted_ls: Vec::new(),
            ls_days: Vec::new(),
            sorted_ee: Vec::new(),
            ls_rank_by_ee: WaveletMatrix::default(),
        };
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
    Endpoints {
        sorted_le,
        sorted_ls,
        ls_days,
        sorted_ee,
        ls_rank_by_ee,
    }
}

/// Min and max over all days that are not open ends.
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
