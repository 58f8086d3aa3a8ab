//! Time logic without UI: the visibility index, the playback clock, unit strength.
pub mod clock;
pub mod index;
pub mod strength;

/// Days since 1970-01-01 (negative before). `Day::MIN` / `Day::MAX` mark open ends.
///
/// Local alias until it is unified with `model::date::Day`.
pub type Day = i32;
