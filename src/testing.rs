//! For tests and benchmarks: one seeded random source (SplitMix64), so
//! every randomised test can be replayed from its seed. Not part of the
//! program's behaviour.

/// SplitMix64: tiny, deterministic, good enough to scatter test input.
#[derive(Debug, Clone)]
pub struct Rng(pub u64);

impl Rng {
    // Not an iterator: it never ends, and tests read it as `rng.next()`.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in 0..n (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A fraction in [0, 1), in steps of 1/10,000.
    pub fn f(&mut self) -> f32 {
        (self.next() % 10_000) as f32 / 10_000.0
    }

    /// A fraction in [0, 1) with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers_within_their_ranges() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        for _ in 0..1000 {
            let (x, y) = (a.below(10), b.below(10));
            assert_eq!(x, y);
            assert!(x < 10);
            let u = a.unit();
            assert!((0.0..1.0).contains(&u));
            assert_eq!(u, b.unit());
        }
        assert_eq!(Rng(1).below(0), 0);
    }
}
