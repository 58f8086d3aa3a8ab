//! An event as the editor shows it: each field as text, checked as it is
//! typed with the loader's own parsers (in both languages), and written
//! back into its record changing only the fields that changed, in the
//! file's key order, so that the saved diff is only the edit.
use serde_json::{Map, Value};

use crate::model::event::{DateBasis, EventKind};
use crate::model::{Dataset, HistDate, SizeRange};

/// The properties of an event record, in the order the data writes them.
pub const KEY_ORDER: [&str; 19] = [
    "kind",
    "when",
    "when_basis",
    "refs",
    "title_zh",
    "title_en",
    "places",
    "segments",
    "routes",
    "lines",
    "units",
    "size",
    "figures",
    "summary_zh",
    "summary_en",
    "quote",
    "also_quotes",
    "note",
    "readings",
];

/// The fields the editor shows, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventForm {
    pub id: String,
    pub kind: String,
    pub when: String,
    pub when_basis: String,
    pub title_zh: String,
    pub title_en: String,
    /// Place ids, separated by commas.
    pub places: String,
    /// Unit ids, separated by commas.
    pub units: String,
    pub size: String,
    pub quote: String,
    pub note: String,
    /// References, one per line (facts from outside the text).
    pub refs: String,
    /// How the date is read where the text does not give it whole (a
    /// `readings` entry of the date), in Chinese and English.
    pub date_reading_zh: String,
    pub date_reading_en: String,
}

/// What is wrong with a field, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub zh: String,
    pub en: String,
}

fn list(v: Option<&Value>, sep: &str) -> String {
    let items: Vec<&str> = v
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    items.join(sep)
}

/// The date's reading (`readings` entry `"of": "date"`) in `lang`.
fn date_reading(p: Option<&Value>, lang: &str) -> String {
    p.and_then(|p| p.get("readings"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|r| r.get("of").and_then(Value::as_str) == Some("date"))
        .and_then(|r| r.get(lang))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn ids(text: &str) -> Vec<String> {
    text.split([',', '，', ';', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl EventForm {
    /// The form of an event record (a GeoJSON feature).
    pub fn from_record(v: &Value) -> EventForm {
        let p = v.get("properties");
        let s = |k: &str| {
            p.and_then(|p| p.get(k))
                .map(|x| match x {
                    Value::String(s) => s.clone(),
                    Value::Null => String::new(),
                    other => other.to_string(),
                })
                .unwrap_or_default()
        };
        EventForm {
            id: v.get("id").and_then(Value::as_str).unwrap_or("").to_string(),
            kind: s("kind"),
            when: s("when"),
            when_basis: s("when_basis"),
            title_zh: s("title_zh"),
            title_en: s("title_en"),
            places: list(p.and_then(|p| p.get("places")), ", "),
            units: list(p.and_then(|p| p.get("units")), ", "),
            size: s("size"),
            quote: s("quote"),
            note: s("note"),
            refs: list(p.and_then(|p| p.get("refs")), "\n"),
            date_reading_zh: date_reading(p, "zh"),
            date_reading_en: date_reading(p, "en"),
        }
    }

    /// A new event's form: the quote given, the rest to fill in.
    pub fn new_from_quote(id: &str, quote: &str) -> EventForm {
        EventForm {
            id: id.to_string(),
            kind: EventKind::Other.key().to_string(),
            when_basis: DateBasis::Text.key().to_string(),
            quote: quote.to_string(),
            ..EventForm::default()
        }
    }

    /// What is wrong with the fields, with the loader's own parsers and
    /// `ds`'s ids; empty when the form can be applied.
    pub fn problems(&self, ds: &Dataset, is_new: bool) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        let mut bad = |field: &'static str, zh: String, en: String| out.push(FieldProblem { field, zh, en });
        let id_ok = !self.id.is_empty()
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if !id_ok {
            bad(
                "id",
                "编号只用英文字母、数字、_ - .".into(),
                "ids use ASCII letters, digits, '_', '-' and '.' only".into(),
            );
        } else if is_new && ds.event(&self.id).is_some() {
            bad(
                "id",
                format!("已有事件编号 “{}”", self.id),
                format!("an event '{}' exists already", self.id),
            );
        }
        if EventKind::from_key(&self.kind).is_none() {
            bad(
                "kind",
                format!("未知类别 “{}”", self.kind),
                format!("unknown kind '{}'", self.kind),
            );
        }
        if let Err(e) = self.when.parse::<HistDate>() {
            bad("when", format!("日期读不懂：{e}"), e.to_string());
        }
        if DateBasis::from_key(&self.when_basis).is_none() {
            bad(
                "when_basis",
                "日期依据：text、context 或 external".into(),
                "date basis: text, context or external".into(),
            );
        }
        if self.when_basis == "context"
            && (self.date_reading_zh.trim().is_empty() || self.date_reading_en.trim().is_empty())
        {
            bad(
                "date_reading",
                "日期取自上下文：请说明怎么读出（中英文）".into(),
                "a date read from the context needs its reading, in Chinese and English".into(),
            );
        }
        if self.when_basis == "external" && self.refs.trim().is_empty() {
            bad(
                "refs",
                "文外日期须注明出处".into(),
                "a date from outside the text needs a reference".into(),
            );
        }
        if self.title_zh.trim().is_empty() {
            bad(
                "title_zh",
                "需要中文标题".into(),
                "a Chinese title is needed".into(),
            );
        }
        if self.title_en.trim().is_empty() {
            bad(
                "title_en",
                "需要英文标题".into(),
                "an English title is needed".into(),
            );
        }
        for p in ids(&self.places) {
            if ds.place(&p).is_none() {
                bad(
                    "places",
                    format!("未知地点 “{p}”"),
                    format!("unknown place id '{p}'"),
                );
            }
        }
        for u in ids(&self.units) {
            if ds.unit(&u).is_none() {
                bad(
                    "units",
                    format!("未知单位 “{u}”"),
                    format!("unknown unit id '{u}'"),
                );
            }
        }
        if !self.size.trim().is_empty()
            && let Err(e) = self.size.parse::<SizeRange>()
        {
            bad("size", format!("人数读不懂：{e}"), e.to_string());
        }
        if self.quote.trim().is_empty() {
            bad(
                "quote",
                "需要原文引语".into(),
                "the verbatim phrase of the source is needed".into(),
            );
        } else if !ds.sources.is_empty() {
            let n: usize = ds.sources.iter().map(|s| s.count(self.quote.trim())).sum();
            if n != 1 {
                let (zh, en) = if n == 0 {
                    (
                        "原文中找不到这段引语".to_string(),
                        "the quote is not in the source text".to_string(),
                    )
                } else {
                    (
                        format!("引语在原文中出现 {n} 次：请加长"),
                        format!("the quote is in the source {n} times: make it longer"),
                    )
                };
                bad("quote", zh, en);
            }
        }
        out
    }

    /// The record with this form's fields: `base` (the record as it is)
    /// with only the changed fields changed, in their order; a new key
    /// goes where the data's order puts it.
    pub fn to_record(&self, base: Option<&Value>) -> Value {
        let mut props: Map<String, Value> = base
            .and_then(|b| b.get("properties"))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let was = base.map(EventForm::from_record).unwrap_or_default();
        let text = |s: &str| Value::String(s.trim().to_string());
        let array = |v: Vec<String>| Value::Array(v.into_iter().map(Value::String).collect());
        let reading_changed =
            self.date_reading_zh != was.date_reading_zh || self.date_reading_en != was.date_reading_en;
        // The readings as they will be (None: untouched).
        let new_readings: Option<Option<Value>> = if reading_changed {
            // The date's entry replaced (or added, or dropped when both are
            // empty); the other readings as they were.
            let mut readings: Vec<Value> = props
                .get("readings")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter(|r| r.get("of").and_then(Value::as_str) != Some("date"))
                .collect();
            if !(self.date_reading_zh.trim().is_empty() && self.date_reading_en.trim().is_empty()) {
                let entry = serde_json::json!({"of": "date", "zh": self.date_reading_zh.trim(), "en": self.date_reading_en.trim()});
                readings.insert(0, entry);
            }
            Some((!readings.is_empty()).then_some(Value::Array(readings)))
        } else {
            None
        };
        let mut set = |key: &str, changed: bool, value: Option<Value>| {
            if !changed && props.contains_key(key) {
                return;
            }
            match value {
                Some(v) => {
                    props.insert(key.to_string(), v);
                }
                None => {
                    props.remove(key);
                }
            }
        };
        set("kind", self.kind != was.kind, Some(text(&self.kind)));
        set("when", self.when != was.when, Some(text(&self.when)));
        set(
            "when_basis",
            self.when_basis != was.when_basis,
            Some(text(&self.when_basis)),
        );
        let refs: Vec<String> = self
            .refs
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        set(
            "refs",
            self.refs != was.refs,
            (!refs.is_empty()).then(|| array(refs)),
        );
        set(
            "title_zh",
            self.title_zh != was.title_zh,
            Some(text(&self.title_zh)),
        );
        set(
            "title_en",
            self.title_en != was.title_en,
            Some(text(&self.title_en)),
        );
        let places = ids(&self.places);
        set(
            "places",
            ids(&was.places) != places,
            (!places.is_empty()).then(|| array(places.clone())),
        );
        set(
            "units",
            ids(&was.units) != ids(&self.units),
            Some(array(ids(&self.units))),
        );
        let size = self.size.trim();
        set(
            "size",
            self.size != was.size,
            (!size.is_empty()).then(|| text(size)),
        );
        set("quote", self.quote != was.quote, Some(text(&self.quote)));
        set("note", self.note != was.note, Some(text(&self.note)));
        if let Some(r) = new_readings {
            set("readings", true, r);
        }
        // New keys at their place in the data's order; the rest as they were.
        let ordered = base.is_some_and(|b| {
            b.get("properties")
                .and_then(Value::as_object)
                .is_some_and(|o| props.keys().all(|k| o.contains_key(k)))
        });
        if !ordered {
            let mut sorted = Map::new();
            for k in KEY_ORDER {
                if let Some(v) = props.remove(k) {
                    sorted.insert(k.to_string(), v);
                }
            }
            sorted.extend(props);
            props = sorted;
        }
        let mut record = base.cloned().unwrap_or_else(
            || serde_json::json!({"type": "Feature", "id": self.id, "geometry": null, "properties": {}}),
        );
        record["properties"] = Value::Object(props);
        record
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str) -> Value {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/geodata/events.geojson")).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        v["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .unwrap()
            .clone()
    }

    #[test]
    fn an_unchanged_form_gives_the_record_back_as_it_was() {
        let ds = crate::io::load_bundled().dataset;
        for e in &ds.events {
            let r = record(&e.id);
            let form = EventForm::from_record(&r);
            assert_eq!(form.to_record(Some(&r)), r, "{}", e.id);
            assert!(
                form.problems(&ds, false).is_empty(),
                "{}: {:?}",
                e.id,
                form.problems(&ds, false)
            );
        }
    }

    #[test]
    fn a_changed_field_changes_only_itself_and_a_new_one_takes_its_place() {
        let r = record("taiyuan_falls");
        let mut form = EventForm::from_record(&r);
        form.title_en = "Taiyuan is lost".into();
        form.size = "约2000人".into();
        let out = form.to_record(Some(&r));
        assert_eq!(out["properties"]["title_en"], "Taiyuan is lost");
        let keys: Vec<&String> = out["properties"].as_object().unwrap().keys().collect();
        let at = |k: &str| keys.iter().position(|x| *x == k).unwrap();
        assert!(
            at("units") < at("size") && at("size") < at("summary_zh"),
            "{keys:?}"
        );
        let mut same = out.clone();
        same["properties"]["title_en"] = r["properties"]["title_en"].clone();
        same["properties"].as_object_mut().unwrap().remove("size");
        assert_eq!(same, r);
    }

    #[test]
    fn fields_are_checked_as_the_loader_checks_them_in_both_languages() {
        let ds = crate::io::load_bundled().dataset;
        let mut form = EventForm::from_record(&record("taiyuan_falls"));
        form.when = "1937年13月".into();
        form.size = "many".into();
        form.places = "taiyuan, taiyun".into();
        form.quote = "不在原文里的一句话".into();
        let p = form.problems(&ds, false);
        let fields: Vec<&str> = p.iter().map(|x| x.field).collect();
        assert_eq!(fields, ["when", "places", "size", "quote"], "{p:?}");
        assert!(p[1].en.contains("unknown place id 'taiyun'") && p[1].zh.contains("未知地点"));
        let mut new = EventForm::new_from_quote("taiyuan_falls", "太原");
        new.title_zh = "x".into();
        new.when = "1937".into();
        let p = new.problems(&ds, true);
        assert!(
            p.iter()
                .any(|x| x.field == "id" && x.en.contains("exists already")),
            "{p:?}"
        );
        assert!(
            p.iter().any(|x| x.field == "quote" && x.en.contains("times")),
            "{p:?}"
        );
    }
}

#[cfg(test)]
mod reading_tests {
    use super::*;

    #[test]
    fn a_date_reading_is_written_as_the_dates_entry_of_readings_and_the_others_stay() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/geodata/events.geojson")).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        let r = v["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == "marco_polo_bridge_incident")
            .unwrap();
        let mut form = EventForm::from_record(r);
        assert_eq!(form.date_reading_en, "", "its reading is of places");
        form.date_reading_zh = "读法".into();
        form.date_reading_en = "How".into();
        let out = form.to_record(Some(r));
        let readings = out["properties"]["readings"].as_array().unwrap();
        assert_eq!(readings.len(), 2);
        assert_eq!(readings[0]["of"], "date");
        assert_eq!(readings[1]["of"], "places");
        assert_eq!(EventForm::from_record(&out).date_reading_en, "How");
    }
}
