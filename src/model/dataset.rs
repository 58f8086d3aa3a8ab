//! The whole loaded dataset and lookups by id.
use std::borrow::Cow;
use std::collections::HashMap;

use super::span::TimeSpan;
use super::{Event, EventKind, Line, Place, PointTable, Province, Unit};

/// A source text the events quote, split into paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceText {
    /// Logical file name (`geodata/source/000_c067ff9c493143ab.txt`).
    pub file: String,
    pub text: String,
    /// Per paragraph (line of `text`), an English summary written for the
    /// dataset (`X.en.tsv` beside the text); empty where there is none.
    pub summaries_en: Vec<String>,
}

impl SourceText {
    /// Byte ranges of the paragraphs (the text's non-empty lines), in order.
    pub fn paragraphs(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut at = 0;
        for line in self.text.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            if !body.trim().is_empty() {
                out.push((at, at + body.len()));
            }
            at += line.len();
        }
        out
    }

    /// Number of times `phrase` occurs in the text.
    pub fn count(&self, phrase: &str) -> usize {
        if phrase.is_empty() {
            return 0;
        }
        self.text.matches(phrase).count()
    }

    /// Byte range of the sentences that hold `len` bytes from `at`.
    pub fn sentences_around(&self, at: usize, len: usize) -> (usize, usize) {
        let first = self.sentence_around(at);
        // Any byte of the phrase's last character will do: sentence_around
        // steps back to the character's start.
        let last = self.sentence_around((at + len.max(1) - 1).min(self.text.len().saturating_sub(1)));
        let base = self.text.as_ptr() as usize;
        let start = (first.as_ptr() as usize).saturating_sub(base);
        let end = (last.as_ptr() as usize).saturating_sub(base) + last.len();
        (start.min(at), end.max((at + len).min(self.text.len())))
    }

    /// The sentence (up to 。！？ or a line end) that holds byte offset `at`.
    pub fn sentence_around(&self, at: usize) -> &str {
        let stops = ['。', '！', '？', '\n'];
        let mut at = at.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        let start = self.text[..at]
            .rfind(stops)
            .map_or(0, |i| i + self.text[i..].chars().next().map_or(1, char::len_utf8));
        let end = self.text[at..].find(stops).map_or(self.text.len(), |i| {
            at + i + self.text[at + i..].chars().next().map_or(1, char::len_utf8)
        });
        &self.text[start..end]
    }
}

/// What an event number stands for: events are numbered full events first
/// (`Dataset::events`), then the rows of point files (`Dataset::points`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventRef {
    /// A full event, by its index in `events`.
    Full(usize),
    /// A point file's row, by its index in `points`.
    Row(usize),
}

/// Everything loaded: gazetteer, lines, units, events and the source text.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// What was loaded, for titles and messages (`geodata (bundled)`).
    pub name: String,
    pub places: Vec<Place>,
    pub provinces: Vec<Province>,
    pub lines: Vec<Line>,
    pub units: Vec<Unit>,
    /// The events in full (a dataset folder's, a small file's).
    pub events: Vec<Event>,
    /// The rows of a point file, by column. Event number `events.len() + n`
    /// is row `n`: every event number below [`Dataset::event_count`] is one
    /// or the other.
    pub points: PointTable,
    pub sources: Vec<SourceText>,
    /// Story tours over this dataset (presentations, the kiosk).
    pub tours: Vec<super::Tour>,
    /// Point files added on top of the data (dropped on the window), in order.
    pub layers: Vec<Layer>,
    /// How point files were read (which column was taken for what, and
    /// how), for the load report: one per file.
    pub read_notes: Vec<ReadNote>,
    place_index: HashMap<String, usize>,
    line_index: HashMap<String, usize>,
    unit_index: HashMap<String, usize>,
    event_index: HashMap<String, usize>,
    province_index: HashMap<String, usize>,
}

/// How a point file was read, for the load report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadNote {
    /// `events.csv: columns read: lon ← 'X', ...`
    pub text: String,
    /// Something was guessed from the cells, or numbers read as
    /// timestamps: the user should look.
    pub notable: bool,
}

/// A point file added on top of a dataset: which events are its.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// The file's name, as shown in the legend.
    pub name: String,
    /// Its full events (a GeoJSON's) in `events`, its rows in `points`.
    pub events: std::ops::Range<usize>,
    pub rows: std::ops::Range<usize>,
}

impl Layer {
    pub fn len(&self) -> usize {
        self.events.len() + self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn index_of<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        // The first record with an id wins; validation reports duplicates.
        map.entry(id(item).to_string()).or_insert(i);
    }
    map
}

impl Dataset {
    /// An empty dataset called `name`.
    pub fn named(name: impl Into<String>) -> Self {
        Dataset {
            name: name.into(),
            ..Dataset::default()
        }
    }

    /// Adds the events of a point file as a layer named `name`. Its places
    /// are renamed `name:id` so that they never meet the data's own ids.
    pub fn add_layer(&mut self, mut other: Dataset, name: &str) {
        let prefix = format!("{name}:");
        for p in &mut other.places {
            p.id = format!("{prefix}{}", p.id);
        }
        for e in &mut other.events {
            let stops = e.routes.iter_mut().flat_map(|r| {
                std::iter::once(&mut r.from)
                    .chain(r.via.iter_mut())
                    .chain(std::iter::once(&mut r.to))
            });
            for id in e.places.iter_mut().chain(stops) {
                *id = format!("{prefix}{id}");
            }
        }
        let events = self.events.len()..self.events.len() + other.events.len();
        let rows = self.points.len()..self.points.len() + other.points.len();
        self.events.append(&mut other.events);
        self.places.append(&mut other.places);
        self.points.append(other.points);
        self.read_notes.append(&mut other.read_notes);
        self.layers.push(Layer {
            name: name.to_string(),
            events,
            rows,
        });
        self.reindex();
    }

    /// The layer event `i` belongs to (None: the data's own).
    pub fn layer_of(&self, i: usize) -> Option<usize> {
        self.layers.iter().position(|l| match self.point_row(i) {
            Some(n) => l.rows.contains(&n),
            None => l.events.contains(&i),
        })
    }

    /// Builds the lookups; call after filling the vectors.
    pub fn reindex(&mut self) {
        self.place_index = index_of(&self.places, |p| &p.id);
        self.line_index = index_of(&self.lines, |l| &l.id);
        self.unit_index = index_of(&self.units, |u| &u.id);
        self.event_index = index_of(&self.events, |e| &e.id);
        self.province_index = index_of(&self.provinces, |p| &p.id);
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.place_index.get(id).map(|&i| &self.places[i])
    }

    /// The position of a place in `places`.
    pub fn place_position(&self, id: &str) -> Option<usize> {
        self.place_index.get(id).copied()
    }

    pub fn line(&self, id: &str) -> Option<&Line> {
        self.line_index.get(id).map(|&i| &self.lines[i])
    }

    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.unit_index.get(id).map(|&i| &self.units[i])
    }

    /// The event with this id, in full.
    pub fn event(&self, id: &str) -> Option<Cow<'_, Event>> {
        self.event_at(self.event_position(id)?)
    }

    /// The number of events: full events, then point rows.
    pub fn event_count(&self) -> usize {
        self.events.len() + self.points.len()
    }

    /// What event number `i` is: a full event or a point file's row. The
    /// one place the numbering (full events first, then rows) is read.
    pub fn resolve(&self, i: usize) -> Option<EventRef> {
        if i < self.events.len() {
            Some(EventRef::Full(i))
        } else {
            let row = i - self.events.len();
            (row < self.points.len()).then_some(EventRef::Row(row))
        }
    }

    /// Event number `i` in full (a point row is read again from its file).
    pub fn event_at(&self, i: usize) -> Option<Cow<'_, Event>> {
        match self.resolve(i)? {
            EventRef::Full(n) => Some(Cow::Borrowed(&self.events[n])),
            EventRef::Row(n) => Some(Cow::Owned(self.points.row(n)?.0)),
        }
    }

    /// The kind of event `i`, without reading it in full.
    pub fn kind_at(&self, i: usize) -> Option<EventKind> {
        match self.resolve(i)? {
            EventRef::Full(n) => Some(self.events[n].kind),
            EventRef::Row(n) => self.points.kind.get(n).copied(),
        }
    }

    /// The point row of event `i`, if it is one.
    pub fn point_row(&self, i: usize) -> Option<usize> {
        match self.resolve(i)? {
            EventRef::Row(n) => Some(n),
            EventRef::Full(_) => None,
        }
    }

    /// The time span of every event, by event number.
    pub fn spans(&self) -> Vec<TimeSpan> {
        let mut spans = Vec::with_capacity(self.event_count());
        spans.extend(self.events.iter().map(|e| TimeSpan::from(&e.when)));
        spans.extend_from_slice(&self.points.span);
        spans
    }

    pub fn tour(&self, id: &str) -> Option<&super::Tour> {
        self.tours.iter().find(|t| t.id == id)
    }

    /// The event number of a point file's row.
    pub fn row_event(&self, row: usize) -> usize {
        self.events.len() + row
    }

    /// The event number of the event with this id.
    pub fn event_position(&self, id: &str) -> Option<usize> {
        (self.event_index.get(id).copied()).or_else(|| Some(self.row_event(self.points.find(id)?)))
    }

    pub fn province(&self, id: &str) -> Option<&Province> {
        self.province_index.get(id).map(|&i| &self.provinces[i])
    }

    /// The places an event is shown at: its own places, segment ends and
    /// route stops; where it names only whole lines, their stations.
    pub fn event_places(&self, event: &Event) -> Vec<Cow<'_, Place>> {
        let mut ids = event.place_ids();
        if ids.is_empty() {
            for line in event.lines.iter().filter_map(|l| self.line(l)) {
                for s in &line.stations {
                    if !ids.contains(&s.as_str()) {
                        ids.push(s);
                    }
                }
            }
        }
        ids.into_iter().filter_map(|id| self.place_by_id(id)).collect()
    }

    /// The places along an event's stretches of line, in order: each segment
    /// from one end to the other, then (with `whole_lines`) every line it
    /// names as a whole. Unknown lines and stations are left out.
    pub fn event_stretches(&self, event: &Event, whole_lines: bool) -> Vec<Vec<&Place>> {
        let segments = event.segments.iter().filter_map(|s| {
            let line = self.line(&s.line)?;
            line.stations_between(&s.from, &s.to)
        });
        let lines = (event.lines.iter())
            .filter(|_| whole_lines)
            .filter_map(|l| self.line(l))
            .map(|l| l.stations.iter().map(String::as_str).collect::<Vec<_>>());
        segments
            .chain(lines)
            .map(|ids| {
                ids.into_iter()
                    .filter_map(|id| self.place(id))
                    .collect::<Vec<_>>()
            })
            .filter(|pts| pts.len() >= 2)
            .collect()
    }

    /// A place by id, point rows' places (`pt1`...) included.
    pub fn place_by_id(&self, id: &str) -> Option<Cow<'_, Place>> {
        match self.place(id) {
            Some(p) => Some(Cow::Borrowed(p)),
            None => {
                let n = super::points::row_of_place_id(id)?;
                Some(Cow::Owned(self.points.row(n)?.1))
            }
        }
    }

    /// The first source text containing `phrase`, with its byte offset.
    pub fn find_quote(&self, phrase: &str) -> Option<(&SourceText, usize)> {
        if phrase.is_empty() {
            return None;
        }
        self.sources
            .iter()
            .find_map(|s| s.text.find(phrase).map(|at| (s, at)))
    }

    /// Overall date span of the events, ignoring open ends.
    pub fn span(&self) -> Option<(super::Day, super::Day)> {
        let mut lo = super::Day::MAX;
        let mut hi = super::Day::MIN;
        let full = self.events.iter().map(|e| (e.when.earliest(), e.when.latest()));
        let rows = self.points.span.iter().map(|s| (s.earliest_start, s.latest_end));
        for (a, b) in full.chain(rows) {
            if a != super::Day::MIN {
                lo = lo.min(a);
            }
            if b != super::Day::MAX {
                hi = hi.max(b);
            }
        }
        (lo <= hi).then_some((lo, hi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_around_finds_the_sentence() {
        let s = SourceText {
            file: "t".into(),
            text: "甲乙。丙丁戊。己".into(),
            summaries_en: Vec::new(),
        };
        let at = s.text.find("丁").unwrap();
        assert_eq!(s.sentence_around(at), "丙丁戊。");
        assert_eq!(s.sentence_around(0), "甲乙。");
        let at = s.text.find("己").unwrap();
        assert_eq!(s.sentence_around(at), "己");
        // A phrase across two sentences gets both.
        let at = s.text.find("乙").unwrap();
        let (a, b) = s.sentences_around(at, "乙。丙".len());
        assert_eq!(&s.text[a..b], "甲乙。丙丁戊。");
        // Offsets inside a character do not panic.
        assert_eq!(s.sentence_around(1), "甲乙。");
        let (a, b) = s.sentences_around(0, s.text.len());
        assert_eq!(&s.text[a..b], s.text);
    }
}
