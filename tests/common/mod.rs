//! Helpers shared by integration tests.

/// The seeded random source of the library's own tests, so that a failing
/// run can be replayed from its seed.
pub(crate) use chronoatlas::testing::Rng;
