//! Sorting by a 32-bit key in linear time: the one radix sort and the one
//! counting sort that the point loader, the time index, the frame's query
//! and the grid share. A million events are sorted at load, tens of
//! thousands every frame; the standard sort takes a few times longer.

/// Below this many items the standard sort is as fast as the radix sort.
const SMALL: usize = 4096;

/// Sorts `v` stably by `key`: an LSD radix sort, three passes of 11 bits.
/// 2,048 counters and as many places being written stay in the cache,
/// where 16-bit passes scatter over 65,536; the counts of all three passes
/// are made in one read, and a pass whose digit is the same for every item
/// (the high bits of nearby days) is skipped. `buf` is scratch, kept by
/// callers that sort every frame.
pub(crate) fn radix_sort_by_key<T: Copy>(v: &mut Vec<T>, buf: &mut Vec<T>, key: impl Fn(&T) -> u32) {
    if v.len() < SMALL {
        v.sort_by_key(|x| key(x));
        return;
    }
    let mut counts = vec![[0u32; 2048]; 3];
    for x in v.iter() {
        let k = key(x);
        for (pass, c) in counts.iter_mut().enumerate() {
            c[((k >> (11 * pass)) & 0x7FF) as usize] += 1;
        }
    }
    buf.clear();
    buf.extend_from_slice(v);
    for (pass, c) in counts.iter_mut().enumerate() {
        if c.iter().any(|&n| n as usize == v.len()) {
            continue;
        }
        let shift = 11 * pass;
        let mut sum = 0;
        for n in c.iter_mut() {
            (*n, sum) = (sum, sum + *n);
        }
        for &x in v.iter() {
            let slot = &mut c[((key(&x) >> shift) & 0x7FF) as usize];
            buf[*slot as usize] = x;
            *slot += 1;
        }
        std::mem::swap(v, buf);
    }
}

/// Items grouped by a small key: `items[starts[k]..starts[k + 1]]` are the
/// numbers of the items whose key is `k`, in item order (a stable counting
/// sort). Items whose key is `buckets` or more (e.g. `u32::MAX` for "none")
/// are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Buckets {
    pub starts: Vec<u32>,
    pub items: Vec<u32>,
}

impl Buckets {
    pub(crate) fn of(keys: &[u32], buckets: usize) -> Buckets {
        let mut starts = vec![0u32; buckets + 1];
        for &k in keys.iter().filter(|&&k| (k as usize) < buckets) {
            starts[k as usize + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut next = starts.clone();
        let mut items = vec![0u32; starts[buckets] as usize];
        for (item, &k) in (0u32..).zip(keys) {
            if let Some(slot) = next.get_mut(k as usize).filter(|_| (k as usize) < buckets) {
                items[*slot as usize] = item;
                *slot += 1;
            }
        }
        Buckets { starts, items }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Rng;

    #[test]
    fn the_radix_sort_orders_like_the_standard_stable_sort() {
        let mut rng = Rng(7);
        // Keys over the whole range, keys close together (a skipped pass),
        // and many ties, each small and large.
        for n in [0usize, 1, 100, 4095, 4096, 50_000] {
            for spread in [u32::MAX, 3000, 2] {
                let v: Vec<(u32, u32)> = (0..n as u32)
                    .map(|i| ((rng.next() as u32 % spread).wrapping_add(1 << 30), i))
                    .collect();
                let mut want = v.clone();
                want.sort_by_key(|p| p.0);
                let (mut got, mut buf) = (v, Vec::new());
                radix_sort_by_key(&mut got, &mut buf, |p| p.0);
                assert_eq!(got, want, "n {n}, spread {spread}");
            }
        }
    }

    #[test]
    fn buckets_keep_item_order_and_leave_out_keys_past_the_end() {
        let b = Buckets::of(&[2, 0, u32::MAX, 2, 5, 0], 3);
        assert_eq!(b.starts, vec![0, 2, 2, 4]);
        assert_eq!(b.items, vec![1, 5, 0, 3]);
        let none = Buckets::of(&[], 0);
        assert_eq!(none.starts, vec![0]);
        assert!(none.items.is_empty());
    }
}
