//! Sorting days fast: the index sorts a million at load.

use super::Day;

use crate::model::sort::{Buckets, radix_sort_by_key};

/// A day as an unsigned key in the same order.
fn day_key(d: Day) -> u32 {
    (d as u32) ^ 0x8000_0000
}

/// Whether days are in order, and their least and greatest.
pub(super) fn survey(days: &[Day]) -> (bool, Day, Day) {
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
pub(super) fn countable(n: usize, lo: Day, hi: Day) -> bool {
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
        let keys: Vec<u32> = days.iter().map(|&d| (d - lo) as u32).collect();
        return Buckets::of(&keys, (hi - lo) as usize + 1).items;
    }
    let mut v: Vec<(Day, u32)> = days.into_iter().zip(0u32..).collect();
    radix_sort_by_key(&mut v, &mut Vec::new(), |&(d, _)| day_key(d));
    v.into_iter().map(|(_, i)| i).collect()
}

/// Sorts days: as [`argsort_days`] chooses, without the positions.
pub(super) fn sort_days(days: &mut [Day]) {
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
    let mut v = days.to_vec();
    radix_sort_by_key(&mut v, &mut Vec::new(), |&d| day_key(d));
    days.copy_from_slice(&v);
}

/// The number of days below a day in a sorted list: a table over the list's
/// range when that is short (days of a few centuries), else a binary search.
pub(super) struct RankOf<'a> {
    sorted: &'a [Day],
    lo: i64,
    table: Vec<u32>,
}

impl<'a> RankOf<'a> {
    /// For `lookups` questions about `sorted`: a table when they are many
    /// and the range short.
    pub(super) fn new(sorted: &'a [Day], lookups: usize) -> Self {
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

    pub(super) fn get(&self, d: Day) -> u32 {
        if !self.table.is_empty() {
            let k = i64::from(d) - self.lo;
            if let Some(&r) = usize::try_from(k).ok().and_then(|k| self.table.get(k)) {
                return r;
            }
        }
        self.sorted.partition_point(|&x| x < d) as u32
    }
}
