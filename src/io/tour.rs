//! Tour files (`tours/*.json` in a dataset folder): read with positions,
//! so every problem names file, line, column and step.
use serde::Deserialize;
use serde_json::value::RawValue;

use super::files;
use super::json_records::{file_problem, locate, parse_record, records_of};
use super::problem::Problem;
use crate::model::{Dataset, HistDate, Origin, Step, StepCamera, StepTime, Tour};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTour<'a> {
    id: String,
    title_zh: String,
    title_en: String,
    #[serde(borrow)]
    steps: Vec<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlay {
    from: String,
    to: String,
    /// Days per second.
    speed: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCamera {
    #[serde(default)]
    center: Option<[f64; 2]>,
    #[serde(default)]
    zoom: Option<f64>,
    #[serde(default)]
    fit: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    title_zh: String,
    title_en: String,
    #[serde(default)]
    caption_zh: String,
    #[serde(default)]
    caption_en: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    play: Option<RawPlay>,
    camera: RawCamera,
    #[serde(default)]
    events: Vec<String>,
    #[serde(default)]
    units: Vec<String>,
    #[serde(default)]
    duration_secs: Option<f64>,
}

/// The longest a step may last by itself (seconds): a tour is shown to
/// people, and a time-lapse of it renders every second of it.
pub const MAX_STEP_SECS: f64 = 3600.0;

/// Reads one tour file. Problems are appended; a step with problems is left out.
pub fn read_tour(file: &str, text: &str, problems: &mut Vec<Problem>) -> Option<Tour> {
    let raw: RawTour<'_> = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let expected = "a tour object {\"id\", \"title_zh\", \"title_en\", \"steps\": [...]}";
            problems.push(file_problem(file, text, &e, expected));
            return None;
        }
    };
    let mut steps = Vec::new();
    let given = raw.steps.len();
    for rec in records_of(text, raw.steps) {
        let origin = rec.origin(file);
        let record = format!("tour '{}' step {}", raw.id, rec.index + 1);
        let at = |value: &str, msg: String| {
            let (line, column) = locate(text, &origin, value);
            Problem::error(file, msg).at(line, column).record(record.clone())
        };
        let s: RawStep = match parse_record(file, &rec) {
            Ok(s) => s,
            Err(p) => {
                problems.push(p.record(record.clone()));
                continue;
            }
        };
        let before = problems.len();
        let mut date = |field: &str, v: &str| match v.parse::<HistDate>() {
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(at(v, format!("{field} '{v}': {e}")));
                None
            }
        };
        let time = match (&s.date, &s.play) {
            (Some(d), None) => date("date", d).map(StepTime::At),
            (None, Some(p)) => {
                let (from, to) = (date("play.from", &p.from), date("play.to", &p.to));
                match (from, to) {
                    (Some(from), Some(to)) => {
                        if to.latest() < from.earliest() {
                            problems.push(at(
                                &p.to,
                                format!("play.to '{}' is before play.from '{}'", p.to, p.from),
                            ));
                        }
                        if !(1.0..=365.0).contains(&p.speed) {
                            problems.push(at(
                                "speed",
                                format!("play.speed {} is not 1 to 365 days per second", p.speed),
                            ));
                        }
                        Some(StepTime::Play {
                            from,
                            to,
                            speed_days_per_sec: p.speed,
                        })
                    }
                    _ => None,
                }
            }
            _ => {
                problems.push(at(
                    "title_zh",
                    "give either \"date\" or \"play\" (not both)".into(),
                ));
                None
            }
        };
        let camera = match (&s.camera.center, s.camera.zoom, s.camera.fit.is_empty()) {
            (Some([lon, lat]), Some(zoom), true) => {
                if !((-180.0..=180.0).contains(lon)
                    && (-85.0..=85.0).contains(lat)
                    && (2.0..=18.0).contains(&zoom))
                {
                    problems.push(at(
                        "center",
                        "camera: longitude -180..180, latitude -85..85, zoom 2..18".into(),
                    ));
                }
                Some(StepCamera::View {
                    lon: *lon,
                    lat: *lat,
                    zoom,
                })
            }
            (None, None, false) => Some(StepCamera::Fit(s.camera.fit.clone())),
            _ => {
                problems.push(at(
                    "camera",
                    "camera: give \"center\" and \"zoom\", or \"fit\" with place ids".into(),
                ));
                None
            }
        };
        if let Some(d) = s.duration_secs
            && !(d.is_finite() && d > 0.0 && d <= MAX_STEP_SECS)
        {
            let msg = format!("duration_secs {d} must be more than 0 and at most {MAX_STEP_SECS} (an hour)");
            problems.push(at("duration_secs", msg));
        }
        if problems.len() > before {
            continue;
        }
        let (Some(time), Some(camera)) = (time, camera) else {
            continue;
        };
        steps.push(Step {
            title_zh: s.title_zh,
            title_en: s.title_en,
            caption_zh: s.caption_zh,
            caption_en: s.caption_en,
            time,
            camera,
            events: s.events,
            units: s.units,
            duration_secs: s.duration_secs,
            number: rec.index + 1,
            origin,
        });
    }
    if steps.is_empty() {
        // At the "steps" key (an empty list has no step to point at).
        let (line, column) = text
            .find("\"steps\"")
            .map_or((1, 1), |at| super::text::line_col(text, at));
        let msg = if given == 0 {
            "the tour has no steps: give at least one in \"steps\": [...]"
        } else {
            "the tour has no usable step (see the problems of its steps)"
        };
        problems.push(
            Problem::error(file, msg)
                .at(line, column)
                .record(format!("tour '{}'", raw.id)),
        );
        return None;
    }
    Some(Tour {
        id: raw.id,
        title_zh: raw.title_zh,
        title_en: raw.title_en,
        steps,
        origin: Origin {
            file: file.to_string(),
            line: 1,
            column: 1,
            start: 0,
            end: text.len(),
        },
    })
}

/// Checks a tour's references against the dataset.
pub fn check_tour(tour: &Tour, ds: &Dataset, texts: &super::text::Texts, problems: &mut Vec<Problem>) {
    for step in &tour.steps {
        let record = format!("tour '{}' step {}", tour.id, step.number);
        let text = texts.get(&step.origin.file).map(String::as_str).unwrap_or("");
        let mut report = |to: &'static str, value: &str, msg: String| {
            let (line, column) = locate(text, &step.origin, value);
            problems.push(
                Problem::error(step.origin.file.clone(), msg)
                    .at(line, column)
                    .record(record.clone())
                    .refers_to(to),
            );
        };
        if let StepCamera::Fit(ids) = &step.camera {
            for id in ids {
                if ds.place(id).is_none() {
                    report(files::PLACES, id, format!("camera.fit: unknown place id '{id}'"));
                }
            }
        }
        for id in &step.events {
            if ds.event(id).is_none() {
                report(files::EVENTS, id, format!("unknown event id '{id}'"));
            }
        }
        for id in &step.units {
            if ds.unit(id).is_none() {
                report(files::UNITS, id, format!("unknown unit id '{id}'"));
            }
        }
    }
}
