//! The wavelet matrix behind the O(log n) count of definite events.

/// Wavelet matrix over small integers: counts values below a bound in a prefix
/// in O(bits), which makes the 2-D count behind "definite" O(log n).
#[derive(Debug, Clone, Default)]
pub(super) struct WaveletMatrix {
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
    pub(super) fn new(values: &[u32], bound: usize) -> Self {
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
    pub(super) fn count_less(&self, p: usize, x: usize) -> usize {
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
