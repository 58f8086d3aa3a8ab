//! Unit tests of the time index: against a plain scan (the oracle) on
//! random and malformed spans, and its parts (sorts, tree, wavelet matrix).

use super::sort::{RankOf, countable, sort_days, survey};
use super::wavelet::WaveletMatrix;
use super::*;

use crate::testing::Rng;

/// A day in `lo..=hi`.
fn day(rng: &mut Rng, lo: Day, hi: Day) -> Day {
    lo + (rng.next() % (hi - lo + 1) as u64) as Day
}

#[test]
fn radix_sorts_agree_with_the_standard_sort() {
    let mut rng = Rng(5);
    for (n, lo, hi) in [
        (10_000, -400, 400),
        (9_000, -20_000_000, 20_000_000),
        (100, 0, 10),
    ] {
        let mut days: Vec<Day> = (0..n).map(|_| day(&mut rng, lo, hi)).collect();
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
            let start = day(&mut rng, 0, 1637);
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
    let base = day(rng, -500, 1500);
    match rng.below(8) {
        // Point event known to the day.
        0 => TimeSpan::exact(base, base),
        // Point event dated to a "month".
        1 => TimeSpan::point_within(base, base + day(rng, 0, 30)),
        // Short exact interval.
        2 => TimeSpan::exact(base, base + day(rng, 0, 20)),
        // Long interval with uncertain ends.
        3 => {
            let es = base;
            let ls = es + day(rng, 0, 40);
            let ee = ls + day(rng, -40, 900).max(es - ls);
            let le = ee.max(ls) + day(rng, 0, 40);
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
            latest_end: base + day(rng, 0, 100),
        },
        // Open end.
        5 => TimeSpan {
            earliest_start: base,
            latest_start: base + day(rng, 0, 30),
            earliest_end: if rng.below(2) == 0 {
                Day::MAX
            } else {
                base + day(rng, 30, 300)
            },
            latest_end: Day::MAX,
        },
        // Both ends open.
        6 => TimeSpan::exact(Day::MIN, Day::MAX),
        // Years long, uncertain by months.
        _ => {
            let ls = base + day(rng, 0, 90);
            let ee = base + day(rng, 365, 3000);
            TimeSpan {
                earliest_start: base,
                latest_start: ls,
                earliest_end: ee,
                latest_end: ee + day(rng, 0, 90),
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
            _ => rng.below(300),
        };
        let mut spans: Vec<TimeSpan> = (0..n).map(|_| random_span(&mut rng)).collect();
        // Duplicates.
        for _ in 0..n / 10 {
            let i = rng.below(n);
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
                    check(&index, &spans, day(&mut rng, -700, 2500), mode);
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
            earliest_start: day(&mut rng, 0, 300),
            latest_start: day(&mut rng, 0, 300),
            earliest_end: day(&mut rng, 0, 300),
            latest_end: day(&mut rng, 0, 300),
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
        let (from, to) = (day(&mut rng, -600, 500), day(&mut rng, 500, 1600));
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
        let values: Vec<u32> = (0..n).map(|_| rng.below(n.max(1)) as u32).collect();
        let wm = WaveletMatrix::new(&values, n);
        for p in 0..=n {
            for x in 0..=n + 1 {
                let want = values[..p].iter().filter(|&&v| (v as usize) < x).count();
                assert_eq!(wm.count_less(p, x), want, "n={n} p={p} x={x}");
            }
        }
    }
}
