//! Time logic without UI: the visibility index, the playback clock, unit strength.
pub mod clock;
pub mod index;
pub mod strength;

/// Days since 1970-01-01 (negative before). `Day::MIN` / `Day::MAX` mark open ends.
pub use crate::model::date::Day;

use crate::model::{HistDate, Unit};

/// The time span of a dated thing, as the index takes it.
pub fn span_of(when: &HistDate) -> index::TimeSpan {
    index::TimeSpan::from(when)
}

/// A unit's dated strengths in the form `strength` takes.
pub fn unit_observations(unit: &Unit) -> Vec<strength::Observation> {
    unit.strength
        .iter()
        .map(|s| strength::Observation {
            from: s.when.earliest(),
            to: s.when.latest(),
            min: s.size.min,
            max: s.size.max,
        })
        .collect()
}
