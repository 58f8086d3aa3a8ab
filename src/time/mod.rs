//! Time logic without UI: the visibility index, the playback clock, unit strength.
pub mod clock;
pub mod index;
pub mod strength;
