//! Sorting days fast: the index sorts a million at load.

use super::Day;

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
