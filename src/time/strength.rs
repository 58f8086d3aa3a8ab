//! A unit's strength at day `t`, from the figures the text gives.
//!
//! # Rules
//!
//! - Strength is only what the text gives; nothing is interpolated between figures.
//! - At day `t` the strength is that of the most recent observation that may
//!   already hold: the one with the greatest `from <= t`. Ties go to the later
//!   `to`, then to the later one in input order.
//! - It is *provisional* while `t < to` of that observation: its date may not
//!   have come yet (e.g. a figure dated only to a month, inside that month).
//! - Before the first observation the strength is unknown (`None`).
//! - After the last observation its value is held: the text gives no later figure.
//! - Values are passed on as given (`min`, and `max` or "more than `min`").
//!
//! Input order does not matter except for breaking full ties.

use super::Day;

/// One figure from the text, e.g. "about 2,000 men in March 1938".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Observation {
    /// Earliest day of the observation's date.
    pub from: Day,
    /// Latest day of the observation's date.
    pub to: Day,
    pub min: u32,
    /// `None`: "more than `min`".
    pub max: Option<u32>,
}

/// Strength at some day, and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Strength {
    pub min: u32,
    /// `None`: "more than `min`".
    pub max: Option<u32>,
    /// Index of the observation in the input slice (for the citation).
    pub observation: usize,
    /// The observation's date may not have come yet (`t < to`).
    pub provisional: bool,
}

fn strength_of(o: &Observation, observation: usize, t: Day) -> Strength {
    Strength {
        min: o.min,
        max: o.max,
        observation,
        provisional: t < o.to,
    }
}

/// Strength at day `t` (see the module rules). O(n), no allocation.
pub fn strength_at(observations: &[Observation], t: Day) -> Option<Strength> {
    let best = observations
        .iter()
        .enumerate()
        .filter(|(_, o)| o.from <= t)
        .max_by_key(|&(i, o)| (o.from, o.to, i))?;
    Some(strength_of(best.1, best.0, t))
}

/// Piecewise-constant strength over the days `from..=to`, as
/// `(first_day, last_day, strength)` steps (both days included), in order,
/// for drawing bands on a chart. Days with unknown strength (before the first
/// observation) get no step, so the first step may start after `from`. A step
/// ends where another observation takes over or where a provisional figure
/// becomes certain. A reversed range gives no steps. O(n log n).
pub fn strength_series(observations: &[Observation], from: Day, to: Day) -> Vec<(Day, Day, Strength)> {
    let mut out = Vec::new();
    if from > to {
        return out;
    }
    // Sorted by "more recent": `from`, then `to`, then input order.
    let mut keys: Vec<(Day, Day, usize)> = observations
        .iter()
        .enumerate()
        .map(|(i, o)| (o.from, o.to, i))
        .collect();
    keys.sort_unstable();

    // The last of each run of equal `from` is the one selected from that day
    // until the next greater `from`.
    let mut selected = keys
        .iter()
        .enumerate()
        .filter(|&(k, key)| keys.get(k + 1).is_none_or(|next| next.0 != key.0))
        .map(|(_, &(_, _, i))| i)
        .peekable();

    let (lo, hi) = (i64::from(from), i64::from(to));
    while let Some(i) = selected.next() {
        let Some(o) = observations.get(i) else {
            continue;
        };
        let begin = i64::from(o.from);
        let end = selected
            .peek()
            .and_then(|&j| observations.get(j))
            .map_or(i64::MAX, |next| i64::from(next.from) - 1);
        // Provisional on [begin, o.to - 1], certain on [o.to, end]; a later
        // observation may take over before this one's date has fully come.
        let certain_from = i64::from(o.to).max(begin);
        for (a, b, provisional) in [
            (begin, (certain_from - 1).min(end), true),
            (certain_from, end, false),
        ] {
            let (a, b) = (a.max(lo), b.min(hi));
            if a <= b {
                let strength = Strength {
                    min: o.min,
                    max: o.max,
                    observation: i,
                    provisional,
                };
                // Both lie within [from, to], so they fit a `Day`.
                out.push((a as Day, b as Day, strength));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(from: Day, to: Day, min: u32, max: Option<u32>) -> Observation {
        Observation { from, to, min, max }
    }

    #[test]
    fn unknown_before_the_first_observation() {
        let o = [obs(100, 100, 500, Some(600))];
        assert_eq!(strength_at(&o, 99), None);
        assert_eq!(strength_at(&[], 0), None);
    }

    #[test]
    fn at_and_after_an_observation() {
        let o = [obs(100, 100, 500, Some(600)), obs(200, 200, 20000, None)];
        let s = strength_at(&o, 100).unwrap();
        assert_eq!(
            (s.min, s.max, s.observation, s.provisional),
            (500, Some(600), 0, false)
        );
        assert_eq!(strength_at(&o, 199).unwrap().observation, 0);
        let s = strength_at(&o, 200).unwrap();
        assert_eq!((s.min, s.max, s.observation), (20000, None, 1));
        // Held after the last figure.
        assert_eq!(strength_at(&o, Day::MAX).unwrap().observation, 1);
    }

    #[test]
    fn provisional_inside_a_month_dated_observation() {
        // "In March": days 59..=89.
        let o = [obs(0, 0, 100, Some(100)), obs(59, 89, 300, Some(400))];
        let s = strength_at(&o, 58).unwrap();
        assert_eq!((s.observation, s.provisional), (0, false));
        for t in 59..89 {
            let s = strength_at(&o, t).unwrap();
            assert_eq!((s.observation, s.provisional), (1, true), "t={t}");
        }
        let s = strength_at(&o, 89).unwrap();
        assert_eq!((s.observation, s.provisional), (1, false));
    }

    #[test]
    fn ties_prefer_later_to_then_later_input() {
        let o = [
            obs(10, 40, 1, None),
            obs(10, 20, 2, None),
            obs(10, 40, 3, None),
            obs(10, 30, 4, None),
        ];
        let s = strength_at(&o, 15).unwrap();
        assert_eq!((s.min, s.observation, s.provisional), (3, 2, true));
        // Still the later `to` once all have come.
        assert_eq!(strength_at(&o, 50).unwrap().observation, 2);
    }

    #[test]
    fn unsorted_input() {
        let o = [
            obs(300, 300, 3, None),
            obs(100, 100, 1, None),
            obs(200, 200, 2, None),
        ];
        assert_eq!(strength_at(&o, 150).unwrap().min, 1);
        assert_eq!(strength_at(&o, 250).unwrap().min, 2);
        assert_eq!(strength_at(&o, 350).unwrap().min, 3);
        assert_eq!(strength_at(&o, 50), None);
    }

    #[test]
    fn series_steps() {
        let o = [
            obs(59, 89, 300, Some(400)),
            obs(0, 0, 100, Some(100)),
            obs(120, 120, 50, None),
        ];
        let s = strength_series(&o, -10, 200);
        let steps: Vec<(Day, Day, usize, bool)> = s
            .iter()
            .map(|&(a, b, st)| (a, b, st.observation, st.provisional))
            .collect();
        assert_eq!(
            steps,
            vec![
                (0, 58, 1, false),
                (59, 88, 0, true),
                (89, 119, 0, false),
                (120, 200, 2, false),
            ]
        );
        assert!(strength_series(&o, 10, 5).is_empty());
        assert!(strength_series(&[], 0, 10).is_empty());
        assert_eq!(
            strength_series(&o, Day::MIN, Day::MAX).last().map(|s| s.1),
            Some(Day::MAX)
        );
    }

    #[test]
    fn series_matches_pointwise_rule() {
        let mut state = 0x5EED_u64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n) as Day
        };
        for _ in 0..200 {
            let n = next(6) as usize;
            let o: Vec<Observation> = (0..n)
                .map(|_| {
                    let from = next(60);
                    obs(from, from + next(3) * next(15), next(5) as u32, None)
                })
                .collect();
            let (lo, hi) = (next(40) - 5, next(40) + 30);
            let series = strength_series(&o, lo, hi);
            // Steps are ordered and do not overlap.
            for w in series.windows(2) {
                assert!(w[0].1 < w[1].0);
            }
            for t in lo..=hi {
                let step = series.iter().find(|s| s.0 <= t && t <= s.1).map(|s| s.2);
                assert_eq!(step, strength_at(&o, t), "t={t} obs={o:?}");
            }
        }
    }
}
