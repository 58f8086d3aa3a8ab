//! An event's uncertain time as four days: the range its start may lie in
//! and the range its end may lie in. What the time index takes; data, so
//! it lives with the model.
use super::Day;
use super::date::HistDate;

/// Uncertain dates of one event: when it may have started and when it may have ended.
///
/// Invariants: `earliest_start <= latest_start`, `earliest_end <= latest_end`,
/// `earliest_start <= earliest_end`, `latest_start <= latest_end`. A point event
/// dated only to a month has start range == end range == the whole month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeSpan {
    pub earliest_start: Day,
    pub latest_start: Day,
    pub earliest_end: Day,
    pub latest_end: Day,
}

impl TimeSpan {
    /// An event known to the day, from `start` to `end` (both included).
    pub const fn exact(start: Day, end: Day) -> Self {
        Self {
            earliest_start: start,
            latest_start: start,
            earliest_end: end,
            latest_end: end,
        }
    }

    /// A point event only known to lie somewhere in `[first, last]` (e.g. a month).
    pub const fn point_within(first: Day, last: Day) -> Self {
        Self {
            earliest_start: first,
            latest_start: last,
            earliest_end: first,
            latest_end: last,
        }
    }

    /// Whether the four ordering invariants hold.
    pub const fn is_valid(&self) -> bool {
        self.earliest_start <= self.latest_start
            && self.earliest_end <= self.latest_end
            && self.earliest_start <= self.earliest_end
            && self.latest_start <= self.latest_end
    }

    /// The span with the invariants restored by widening, never narrowing:
    /// each range is put in order, `earliest_start` becomes the minimum and
    /// `latest_end` the maximum of the four days. Valid spans are unchanged.
    pub fn normalized(&self) -> Self {
        let (es, ls) = min_max(self.earliest_start, self.latest_start);
        let (ee, le) = min_max(self.earliest_end, self.latest_end);
        Self {
            earliest_start: es.min(ee),
            latest_start: ls,
            earliest_end: ee,
            latest_end: le.max(ls),
        }
    }
}

fn min_max(a: Day, b: Day) -> (Day, Day) {
    if a <= b { (a, b) } else { (b, a) }
}

impl From<&HistDate> for TimeSpan {
    /// The four bounding days of a date, as the index takes them.
    fn from(when: &HistDate) -> Self {
        TimeSpan {
            earliest_start: when.earliest_start,
            latest_start: when.latest_start,
            earliest_end: when.earliest_end,
            latest_end: when.latest_end,
        }
    }
}
