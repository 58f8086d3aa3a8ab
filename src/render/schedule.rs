//! Which days a time-lapse shows: from any two of its end, its number of
//! frames and the days between frames, each checked so that a typo never
//! becomes zero frames, a wrapped count or a billion-frame render.
use crate::model::Day;
use crate::model::date::format_iso;

/// The most frames one export writes.
pub const MAX_FRAMES: u32 = 100_000;
/// The shortest step between frames (days): about a minute and a half.
pub const MIN_STEP_DAYS: f64 = 1e-3;

/// The widest frame day: years -9999 to 9999, as dates are written.
fn in_calendar(day: f64) -> bool {
    use crate::model::date::days_from_civil;
    (f64::from(days_from_civil(-9999, 1, 1))..=f64::from(days_from_civil(9999, 12, 31))).contains(&day)
}

/// The frame days of a time-lapse from `from` and any two of `to`,
/// `frames` and `step` (days).
pub fn schedule(
    from: Day,
    to: Option<Day>,
    frames: Option<u32>,
    step: Option<f64>,
) -> Result<Vec<f64>, String> {
    if let Some(to) = to
        && to < from
    {
        return Err(format!(
            "--to {} is before --from {}",
            format_iso(to),
            format_iso(from)
        ));
    }
    if frames == Some(0) {
        return Err("--frames 0: a time-lapse needs at least one frame".into());
    }
    if let Some(n) = frames
        && n > MAX_FRAMES
    {
        return Err(format!("--frames {n} is too many (at most {MAX_FRAMES})"));
    }
    if let Some(s) = step
        && !(s.is_finite() && (MIN_STEP_DAYS..=1e6).contains(&s))
    {
        return Err(format!(
            "--step {s} must be a number of days from {MIN_STEP_DAYS} to 1000000"
        ));
    }
    let start = f64::from(from);
    let (n, step) = match (to, frames, step) {
        (Some(to), Some(n), None) => {
            let step = if n > 1 {
                (f64::from(to) - start) / f64::from(n - 1)
            } else {
                0.0
            };
            (n, step)
        }
        (Some(to), None, Some(step)) => {
            let n = ((f64::from(to) - start) / step).floor() + 1.0;
            if n > f64::from(MAX_FRAMES) {
                return Err(format!(
                    "{} to {} every {step} days is {n:.0} frames, too many (at most {MAX_FRAMES})",
                    format_iso(from),
                    format_iso(to)
                ));
            }
            (n as u32, step)
        }
        (None, Some(n), Some(step)) => {
            let last = start + step * f64::from(n - 1);
            if !in_calendar(last) {
                return Err(format!(
                    "{n} frames every {step} days from {} run past the year 9999",
                    format_iso(from)
                ));
            }
            (n, step)
        }
        (Some(_), Some(_), Some(_)) => {
            return Err("give two of --to, --frames and --step, not all three".into());
        }
        _ => return Err("give two of --to, --frames and --step (a positive number of days)".into()),
    };
    Ok((0..n).map(|i| start + step * f64::from(i)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::days_from_civil;

    fn d(y: i32, m: u32, day: u32) -> Day {
        days_from_civil(y, m, day)
    }

    #[test]
    fn two_of_three_give_the_days() {
        let days = schedule(d(1937, 7, 7), Some(d(1937, 7, 17)), Some(3), None).unwrap();
        assert_eq!(
            days,
            [
                f64::from(d(1937, 7, 7)),
                f64::from(d(1937, 7, 12)),
                f64::from(d(1937, 7, 17))
            ]
        );
        assert_eq!(
            schedule(d(1937, 7, 7), Some(d(1937, 7, 17)), None, Some(2.5))
                .unwrap()
                .len(),
            5
        );
        assert_eq!(
            schedule(d(1937, 7, 7), None, Some(4), Some(30.0)).unwrap().len(),
            4
        );
        assert_eq!(
            schedule(d(1937, 7, 7), Some(d(1937, 7, 7)), Some(1), None)
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn odd_numbers_are_refused_with_a_reason() {
        let from = d(1937, 7, 7);
        let to = Some(d(1938, 7, 7));
        let err = |r: Result<Vec<f64>, String>| r.unwrap_err();
        assert!(err(schedule(from, to, None, Some(1e-300))).contains("--step"));
        assert!(err(schedule(from, to, None, Some(f64::NAN))).contains("--step NaN"));
        assert!(err(schedule(from, to, None, Some(f64::INFINITY))).contains("--step inf"));
        assert!(err(schedule(from, to, None, Some(-1.0))).contains("--step"));
        assert!(err(schedule(from, to, Some(0), None)).contains("--frames 0"));
        assert!(err(schedule(from, to, Some(200_000), None)).contains("too many"));
        assert!(err(schedule(from, to, None, Some(0.001))).contains("too many"));
        assert!(err(schedule(from, Some(d(1937, 1, 1)), Some(3), None)).contains("before --from"));
        assert!(err(schedule(from, None, Some(10_000), Some(900_000.0))).contains("past the year 9999"));
        assert!(err(schedule(from, to, Some(3), Some(1.0))).contains("not all three"));
        // A date long before the data is a date like any other here (the
        // export draws it and says there are no events).
        assert_eq!(schedule(d(1, 1, 1), to, Some(3), None).unwrap().len(), 3);
    }
}
