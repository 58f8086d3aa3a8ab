//! A tour file as the editor changes it: its steps as texts between the
//! head (id, titles, `"steps": [`) and the tail, so that a step added,
//! moved or removed leaves every other step's text as it was. New steps
//! are written in the tours' own style: one key a line, each value on it.
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};

use crate::io::json_records::records_of;
use crate::model::geo::View;

/// A tour file cut at its steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TourDoc {
    head: String,
    pub steps: Vec<String>,
    gaps: Vec<String>,
    tail: String,
    /// The indent of a step's `{`.
    indent: String,
}

#[derive(serde::Deserialize)]
struct Steps<'a> {
    #[serde(borrow)]
    steps: Vec<&'a RawValue>,
}

impl TourDoc {
    pub fn parse(text: &str) -> Result<TourDoc, String> {
        let raw: Steps<'_> = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let recs = records_of(text, raw.steps);
        let Some(first) = recs.first() else {
            // No steps yet: they go between the brackets.
            let open = text
                .find("\"steps\"")
                .and_then(|i| text[i..].find('[').map(|j| i + j + 1));
            let at = open.ok_or("no \"steps\" array")?;
            let close = text[at..].find(']').map_or(text.len(), |j| at + j);
            return Ok(TourDoc {
                head: format!("{}\n    ", &text[..at]),
                steps: Vec::new(),
                gaps: Vec::new(),
                tail: format!("\n  {}", &text[close..]),
                indent: "    ".into(),
            });
        };
        let last = &recs[recs.len() - 1];
        let line_start = text[..first.offset].rfind('\n').map_or(0, |i| i + 1);
        Ok(TourDoc {
            head: text[..first.offset].to_string(),
            steps: recs.iter().map(|r| r.raw.to_string()).collect(),
            gaps: recs
                .windows(2)
                .map(|w| text[w[0].offset + w[0].raw.len()..w[1].offset].to_string())
                .collect(),
            tail: text[last.offset + last.raw.len()..].to_string(),
            indent: text[line_start..first.offset].to_string(),
        })
    }

    /// A new tour with no steps.
    pub fn new_tour(id: &str, title_zh: &str, title_en: &str) -> String {
        format!(
            "{{\n  \"id\": {},\n  \"title_zh\": {},\n  \"title_en\": {},\n  \"steps\": [\n  ]\n}}\n",
            json!(id),
            json!(title_zh),
            json!(title_en)
        )
    }

    fn gap(&self) -> String {
        self.gaps
            .first()
            .cloned()
            .unwrap_or_else(|| format!(",\n{}", self.indent))
    }

    pub fn text(&self) -> String {
        let mut out = self.head.clone();
        for (k, s) in self.steps.iter().enumerate() {
            if k > 0 {
                out.push_str(&self.gaps.get(k - 1).cloned().unwrap_or_else(|| self.gap()));
            }
            out.push_str(s);
        }
        if self.steps.is_empty() {
            // An empty array: `[`, the line break and indent of its `]`.
            return format!("{}{}", self.head.trim_end(), self.tail);
        }
        out.push_str(&self.tail);
        out
    }

    /// Puts a step (its text) at `k`.
    pub fn insert(&mut self, k: usize, step: String) {
        let k = k.min(self.steps.len());
        if !self.steps.is_empty() {
            let g = self.gap();
            self.gaps.insert(k.saturating_sub(1).min(self.gaps.len()), g);
        }
        self.steps.insert(k, step);
    }

    pub fn remove(&mut self, k: usize) -> Option<String> {
        if k >= self.steps.len() {
            return None;
        }
        if !self.gaps.is_empty() {
            self.gaps.remove(k.saturating_sub(1).min(self.gaps.len() - 1));
        }
        Some(self.steps.remove(k))
    }

    /// Moves step `from` to position `to` (the others shift).
    pub fn move_to(&mut self, from: usize, to: usize) {
        if from < self.steps.len() && to < self.steps.len() && from != to {
            let s = self.steps.remove(from);
            self.steps.insert(to, s);
        }
    }

    /// Swaps step `k` with the next.
    pub fn move_down(&mut self, k: usize) {
        if k + 1 < self.steps.len() {
            self.steps.swap(k, k + 1);
        }
    }

    /// A step as the tours write it: a key a line.
    pub fn step_text(&self, step: &Value) -> String {
        let inner = format!("{}  ", self.indent);
        let lines: Vec<String> = step
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| format!("{inner}{}: {}", json!(k), spaced(v)))
            .collect();
        format!("{{\n{}\n{}}}", lines.join(",\n"), self.indent)
    }
}

/// A whole number as the tours write it (`14`, not `14.0`).
fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

/// JSON on one line with a space after `:` and `,` (as the tours write it).
fn spaced(v: &Value) -> String {
    match v {
        Value::Object(o) => {
            let parts: Vec<String> = o
                .iter()
                .map(|(k, v)| format!("{}: {}", json!(k), spaced(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().map(spaced).collect();
            format!("[{}]", parts.join(", "))
        }
        other => other.to_string(),
    }
}

/// A tour step as the editor makes it from the window: the view, the date
/// shown, the events to highlight.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StepForm {
    pub title_zh: String,
    pub title_en: String,
    pub caption_zh: String,
    pub caption_en: String,
    /// A date, or with `play_to`, where playing starts.
    pub date: String,
    pub play_to: String,
    pub speed: String,
    pub view: Option<View>,
    pub events: Vec<String>,
    pub duration: String,
}

impl StepForm {
    /// The step's JSON, keys in the tours' order.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("title_zh".into(), json!(self.title_zh.trim()));
        m.insert("title_en".into(), json!(self.title_en.trim()));
        m.insert("caption_zh".into(), json!(self.caption_zh.trim()));
        m.insert("caption_en".into(), json!(self.caption_en.trim()));
        if self.play_to.trim().is_empty() {
            m.insert("date".into(), json!(self.date.trim()));
        } else {
            let speed: f64 = self.speed.trim().parse().unwrap_or(30.0);
            m.insert(
                "play".into(),
                json!({"from": self.date.trim(), "to": self.play_to.trim(), "speed": number(speed)}),
            );
        }
        let v = self.view.unwrap_or(View {
            lon: 114.0,
            lat: 37.0,
            zoom: 6.0,
        });
        let round = |x: f64, d: i32| (x * 10f64.powi(d)).round() / 10f64.powi(d);
        m.insert(
            "camera".into(),
            json!({"center": [round(v.lon, 4), round(v.lat, 4)], "zoom": round(v.zoom, 2)}),
        );
        m.insert("events".into(), json!(self.events));
        if let Ok(d) = self.duration.trim().parse::<f64>() {
            m.insert("duration_secs".into(), number(d));
        }
        Value::Object(m)
    }

    /// The form of a step's JSON.
    pub fn from_value(v: &Value) -> StepForm {
        let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let play = v.get("play");
        let cam = v.get("camera");
        let center = cam.and_then(|c| c.get("center")).and_then(Value::as_array);
        let view = match (center, cam.and_then(|c| c.get("zoom")).and_then(Value::as_f64)) {
            (Some(c), Some(zoom)) => Some(View {
                lon: c.first().and_then(Value::as_f64).unwrap_or(0.0),
                lat: c.get(1).and_then(Value::as_f64).unwrap_or(0.0),
                zoom,
            }),
            _ => None,
        };
        StepForm {
            title_zh: s("title_zh"),
            title_en: s("title_en"),
            caption_zh: s("caption_zh"),
            caption_en: s("caption_en"),
            date: play
                .and_then(|p| p.get("from"))
                .and_then(Value::as_str)
                .map_or_else(|| s("date"), str::to_string),
            play_to: play
                .and_then(|p| p.get("to"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            speed: play
                .and_then(|p| p.get("speed"))
                .map(ToString::to_string)
                .unwrap_or_default(),
            view,
            events: v
                .get("events")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|e| e.as_str().map(str::to_string))
                .collect(),
            duration: v
                .get("duration_secs")
                .map(ToString::to_string)
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story() -> String {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/geodata/tours/story.json")).unwrap()
    }

    #[test]
    fn the_story_is_put_together_byte_for_byte_and_a_step_moved_back_is_too() {
        let text = story();
        let mut d = TourDoc::parse(&text).unwrap();
        assert_eq!(d.steps.len(), 8);
        assert_eq!(d.text(), text);
        d.move_down(2);
        assert_ne!(d.text(), text);
        d.move_down(2);
        assert_eq!(d.text(), text);
        let s = d.remove(7).unwrap();
        d.insert(7, s);
        assert_eq!(d.text(), text);
        d.move_to(0, 5);
        assert!(d.steps[5].contains("7 July 1937"));
        d.move_to(5, 0);
        assert_eq!(d.text(), text);
    }

    #[test]
    fn a_step_is_written_in_the_tours_style_and_reads_back() {
        let text = story();
        let mut d = TourDoc::parse(&text).unwrap();
        // An existing step printed again is the file's own text.
        let v: Value = serde_json::from_str(&d.steps[0]).unwrap();
        assert_eq!(d.step_text(&v), d.steps[0]);
        let form = StepForm {
            title_zh: "新的一步".into(),
            title_en: "A new step".into(),
            date: "1938-05-01".into(),
            view: Some(View {
                lon: 113.25,
                lat: 36.5,
                zoom: 7.5,
            }),
            events: vec!["taiyuan_falls".into()],
            duration: "12".into(),
            ..StepForm::default()
        };
        let step = d.step_text(&form.to_value());
        d.insert(8, step);
        let mut problems = Vec::new();
        let tour = crate::io::tour::read_tour("story.json", &d.text(), &mut problems).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(tour.steps.len(), 9);
        assert_eq!(
            StepForm::from_value(&serde_json::from_str(&d.steps[8]).unwrap()),
            form
        );
    }

    #[test]
    fn a_new_tour_takes_its_first_step() {
        let text = TourDoc::new_tour("mine", "我的", "Mine");
        let mut d = TourDoc::parse(&text).unwrap();
        assert!(d.steps.is_empty());
        let form = StepForm {
            title_zh: "一".into(),
            title_en: "One".into(),
            date: "1938".into(),
            ..StepForm::default()
        };
        let s = d.step_text(&form.to_value());
        d.insert(0, s);
        let v: Value = serde_json::from_str(&d.text()).unwrap();
        assert_eq!(v["steps"][0]["title_en"], "One");
        d.remove(0);
        assert_eq!(d.text(), text);
    }
}
