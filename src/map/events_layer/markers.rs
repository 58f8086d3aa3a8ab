//! The markers of the events shown now: a symbol by kind, sized by the
//! people involved, with a pulse while a unit forms. Where a group of
//! nearby places holds two events or more, one disc stands for them (a ring
//! divided by kind, the count inside), opened into a ring of markers when
//! pointed at, or when it holds the selected event or one a tour step
//! points at (see `map::groups`).
use egui::{Color32, Pos2, Stroke, Vec2};

use super::dots::Dots;
use super::sites::{Sites, marker_places};
use super::world::WorldToScreen;
use super::{Frame, GroupMark, Hit, Marks, PULSE_SECS, fade};
use crate::map::groups;
use crate::model::{Event, EventKind};
use crate::ui::theme;

/// How far outside the map a marker may stand and still be drawn, in points.
const MARGIN: f32 = 40.0;

/// With finger-sized controls (the kiosk), the least radius a finger finds
/// a marker within, and so the least room each takes in an opened ring.
pub(super) const FINGER: f32 = 18.0;

/// One marker an event would have at one of its places.
#[derive(Debug, Clone, Copy)]
struct Entry {
    event: usize,
    kind: EventKind,
    /// Where its place is.
    at: Pos2,
    /// Shown alone, it stands on its place (else on its group's anchor).
    free: bool,
    radius: f32,
    alpha: f32,
    emphasised: bool,
}

/// Draws the markers of the events shown now, in their order, and adds the
/// plain dots of point files to `dots`; records what it drew in `marks`.
pub(super) fn draw(
    f: &Frame,
    to_screen: &WorldToScreen,
    dots: &mut Dots,
    under_hexes: bool,
    sites: &Sites,
    marks: &mut Marks,
) {
    let ds = f.ex.ds();
    let mut by_group: Vec<Vec<Entry>> = vec![Vec::new(); sites.groups.len()];
    let mut alone: Vec<Entry> = Vec::new();
    for s in f.ex.shown() {
        let (alpha, emphasised) = f.emphasis(s);
        // (Under hexagons a dot hovered a moment ago is counted, not kept.)
        let plain = !emphasised
            && f.ex.selected() != Some(s.event)
            && (under_hexes || f.ex.hovered() != Some(s.event));
        if let Some(w) = f.ex.dot_at(s.event) {
            if plain && under_hexes {
                continue;
            }
            if dots.draw(f, to_screen.apply(w), s.event, alpha, plain) {
                continue;
            }
        }
        let Some(e) = ds.event_at(s.event) else {
            continue;
        };
        for (p, radius) in marker_places(ds, &e) {
            let site = ds.place_position(&p.id).and_then(|i| sites.group_of(i));
            let entry = Entry {
                event: s.event,
                kind: e.kind,
                at: f.screen(&p),
                free: site.is_none_or(|(_, free)| free),
                radius,
                alpha,
                emphasised,
            };
            match site {
                Some((g, _)) => by_group[g].push(entry),
                None => alone.push(entry),
            }
        }
    }
    let mut opened = Vec::new();
    for (g, entries) in by_group.iter_mut().enumerate() {
        // One marker per event in a group: at its first place there.
        let mut seen: Vec<usize> = Vec::new();
        entries.retain(|x| {
            let first = !seen.contains(&x.event);
            seen.push(x.event);
            first
        });
        match entries.as_slice() {
            [] => {}
            [one] if one.free => {
                if f.clip.expand(MARGIN).contains(one.at) {
                    marker(f, *one, one.at, marks);
                }
            }
            [one] => {
                // Too near another group to stand on its place: on the
                // anchor, a line to where it happened.
                let (_, at, _) = sites.anchor(g);
                if f.clip.expand(MARGIN).contains(at) {
                    leg(f, one.at, at);
                    marker(f, *one, at, marks);
                }
            }
            _ => {
                let (place, at, radius) = sites.anchor(g);
                let mut mark = GroupMark {
                    place,
                    at,
                    radius,
                    ring_at: at,
                    reach: radius,
                    events: entries.iter().map(|x| x.event).collect(),
                    open: false,
                };
                // Opened for the reader: pointed at, or holding what is
                // chosen or hovered (in the list or the text).
                let chosen = |x: &Entry| f.ex.selected() == Some(x.event) || f.ex.hovered() == Some(x.event);
                let entries = std::mem::take(entries);
                if f.ex.spread_group() == Some(place) || entries.iter().any(chosen) {
                    mark.open = true;
                    opened.push((mark, entries, Vec::new()));
                } else if entries.iter().any(|x| x.emphasised) {
                    // A tour step points at some: those stand around the
                    // disc, which keeps the others (faded).
                    let (shown, rest): (Vec<Entry>, Vec<Entry>) =
                        entries.into_iter().partition(|x| x.emphasised);
                    mark.open = true;
                    opened.push((mark, shown, rest));
                } else {
                    gathered(f, &mark, &entries);
                    marks.groups.push(mark);
                }
            }
        }
    }
    for x in alone {
        if f.clip.expand(MARGIN).contains(x.at) {
            marker(f, x, x.at, marks);
        }
    }
    // Opened groups over everything else.
    for (mut mark, entries, rest) in opened {
        spread_out(f, &mut mark, &entries, &rest, marks);
        marks.groups.push(mark);
    }
}

/// A closed group: a disc with a ring divided by the kinds it holds (in
/// the legend's order), the count inside.
fn gathered(f: &Frame, mark: &GroupMark, entries: &[Entry]) {
    let alpha = entries.iter().map(|x| x.alpha).fold(0.0, f32::max);
    let mut kinds: Vec<(EventKind, usize)> = Vec::new();
    for x in entries {
        match kinds.iter_mut().find(|k| k.0 == x.kind) {
            Some(k) => k.1 += 1,
            None => kinds.push((x.kind, 1)),
        }
    }
    kinds.sort();
    let (c, r) = (mark.at, mark.radius);
    f.painter.circle_filled(c, r, fade(theme::GROUP_FILL, alpha));
    let total = entries.len() as f32;
    let band = 3.5_f32.min(r * 0.3);
    let mut from = -std::f32::consts::FRAC_PI_2;
    for (kind, n) in kinds {
        let to = from + std::f32::consts::TAU * n as f32 / total;
        let steps = ((to - from) / 0.15).ceil().max(1.0) as usize;
        let arc: Vec<Pos2> = (0..=steps)
            .map(|k| c + Vec2::angled(from + (to - from) * k as f32 / steps as f32) * (r - band / 2.0))
            .collect();
        f.painter.add(egui::Shape::line(
            arc,
            Stroke::new(band, fade(theme::kind_style(kind).0, alpha)),
        ));
        from = to;
    }
    f.painter
        .circle_stroke(c, r, Stroke::new(1.0, fade(theme::EVENT_EDGE, alpha)));
    f.painter.text(
        c,
        egui::Align2::CENTER_CENTER,
        entries.len().to_string(),
        egui::FontId::new((r * 0.95).clamp(10.0, 14.0), theme::bold()),
        fade(theme::TEXT, alpha.max(0.5)),
    );
}

/// An opened group: its markers (`entries`) in rings around the disc (which
/// stays for the `rest`, if any), each joined to its own place by a thin
/// line, over a pale backdrop. A ring that would
/// leave the map is moved in, so that every marker can be reached.
fn spread_out(f: &Frame, mark: &mut GroupMark, entries: &[Entry], rest: &[Entry], marks: &mut Marks) {
    let least = if f.touch { FINGER } else { 0.0 };
    let extents: Vec<f32> = (entries.iter())
        .map(|x| theme::symbol_extent(x.radius).max(least))
        .collect();
    mark.reach = groups::spread_reach(mark.radius, &extents);
    let room = f.clip.shrink(mark.reach);
    mark.ring_at = if room.is_positive() {
        mark.at.clamp(room.min, room.max)
    } else {
        f.clip.center()
    };
    let at = groups::spread(mark.ring_at, mark.radius, &extents);
    f.painter
        .circle_filled(mark.ring_at, mark.reach, theme::SPREAD_BACKDROP);
    for (x, p) in entries.iter().zip(&at) {
        leg(f, x.at, *p);
    }
    // What stays gathered: its disc on the place, with its count.
    if !rest.is_empty() {
        gathered(f, mark, rest);
    }
    for (x, p) in entries.iter().zip(at) {
        marker(f, *x, p, marks);
    }
}

/// A thin line from where a marker stands to its place, and a dot there.
fn leg(f: &Frame, place: Pos2, marker: Pos2) {
    f.painter
        .line_segment([place, marker], Stroke::new(1.0, theme::SPREAD_LEG));
    f.painter.circle_filled(place, 2.0, theme::SPREAD_LEG);
}

/// One marker at `c`, and its hit.
fn marker(f: &Frame, x: Entry, c: Pos2, marks: &mut Marks) {
    let ex = f.ex;
    let Some(e) = ex.ds().event_at(x.event) else {
        return;
    };
    let (color, symbol) = theme::kind_style(x.kind);
    pulse(f, &e, c, x.radius, color, x.alpha);
    let edge = if ex.selected() == Some(x.event) {
        Stroke::new(3.0, theme::SELECTED)
    } else if ex.hovered() == Some(x.event) || x.emphasised {
        Stroke::new(2.0, theme::SELECTED)
    } else {
        Stroke::new(1.0, fade(theme::EVENT_EDGE, x.alpha))
    };
    theme::draw_symbol(&f.painter, c, x.radius, symbol, fade(color, x.alpha), edge);
    marks.hits.push(Hit {
        event: x.event,
        at: c,
        radius: if f.touch { x.radius.max(FINGER) } else { x.radius },
    });
}

/// A unit's founding pulses for a moment of playback.
fn pulse(f: &Frame, e: &Event, c: Pos2, r: f32, color: Color32, alpha: f32) {
    if e.kind != EventKind::UnitFormed {
        return;
    }
    let pulse_days = (f.ex.clock().speed() * PULSE_SECS).max(3.0);
    let since = f64::from(f.t) - f64::from(e.when.latest_start);
    if (0.0..pulse_days).contains(&since) {
        let q = (since / pulse_days) as f32;
        f.painter.circle_stroke(
            c,
            r + 4.0 + 22.0 * q,
            Stroke::new(3.0 * (1.0 - q) + 0.5, fade(color, alpha * (1.0 - q))),
        );
    }
}
