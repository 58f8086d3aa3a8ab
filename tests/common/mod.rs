//! Helpers shared by integration tests.

/// A tiny deterministic random source (SplitMix64), so a failing run can
/// be replayed from its seed.
pub(crate) struct Rng(pub(crate) u64);

#[allow(dead_code)] // Each test file uses the parts it needs.
impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in 0..n.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A fraction in [0, 1).
    pub(crate) fn f(&mut self) -> f32 {
        (self.next() % 10_000) as f32 / 10_000.0
    }
}
