//! KML 2.2 for Google Earth: a placemark per event (its places as points,
//! its stretches as lines) with a `TimeSpan`, a style per kind, and each
//! tour as a `gx:Tour` whose fly-tos, waits and captions follow the tour's
//! camera, dates and timing. Checked against the OGC KML 2.2 and Google gx
//! schemas in the tests (tests/fixtures/schemas).
use std::fmt::Write as _;
use std::io::Write;

use super::time::iso_date_time;
use super::{ExportEvent, coord, events};
use crate::model::date::Day;
use crate::model::geo::LonLat;
use crate::model::{Dataset, EventKind, HistDate, StepCamera, StepTime, Tour};

/// Text as XML character data.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters other than tab and line ends are not XML.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// An XML id (NCName) for an event id: letters, digits, `_ - .` kept.
fn xml_id(prefix: &str, id: &str) -> String {
    let body: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}{body}")
}

/// KML's colour: alpha, blue, green, red in hex.
fn abgr([r, g, b]: [u8; 3]) -> String {
    format!("ff{b:02x}{g:02x}{r:02x}")
}

fn style_id(kind: EventKind) -> String {
    format!("kind-{}", kind.key())
}

/// `<TimeSpan>` (or `<gx:TimeSpan>` with `tag`) from `begin` to `end`,
/// either left out when open or outside the years ISO can write.
fn time_span(tag: &str, begin: Option<Day>, end: Option<Day>) -> String {
    let mut s = format!("<{tag}>");
    if let Some(b) = begin.and_then(|d| iso_date_time(d, false)) {
        let _ = write!(s, "<begin>{b}</begin>");
    }
    if let Some(e) = end.and_then(|d| iso_date_time(d, true)) {
        let _ = write!(s, "<end>{e}</end>");
    }
    let _ = write!(s, "</{tag}>");
    s
}

fn placemark(x: &ExportEvent<'_>) -> String {
    let e = &x.event;
    let t = &x.times;
    let mut s = String::new();
    let _ = write!(s, "<Placemark id=\"{}\">", xml_id("e-", &e.id));
    let _ = write!(
        s,
        "<name>{}</name>",
        escape(&format!("{} {}", e.title_zh, e.title_en))
    );
    let places: Vec<String> = x.places.iter().map(|p| x.place_names(p).0.to_string()).collect();
    let mut desc = format!("<p><b>{}</b> · {}</p>", escape(&t.zh), escape(&t.en));
    let _ = write!(desc, "<p>{}</p>", escape(&places.join("、")));
    if !e.quote.is_empty() {
        let _ = write!(desc, "<blockquote>「{}」</blockquote>", escape(&e.quote));
    }
    let _ = write!(s, "<description>{}</description>", escape(&desc));
    let open = |b: bool, d: Day| (!b).then_some(d);
    s.push_str(&time_span(
        "TimeSpan",
        open(e.when.open_start(), e.when.earliest()),
        open(e.when.open_end(), e.when.latest()),
    ));
    let _ = write!(s, "<styleUrl>#{}</styleUrl>", style_id(e.kind));
    s.push_str("<ExtendedData>");
    let (size, _, _) = x.size_cells();
    for (name, value) in [
        ("event_id", e.id.as_str()),
        ("kind", e.kind.key()),
        ("date_text", t.text.as_str()),
        ("edtf", t.edtf.as_str()),
        ("size", size.as_str()),
        ("quote_zh", e.quote.as_str()),
    ] {
        let _ = write!(s, "<Data name=\"{name}\"><value>{}</value></Data>", escape(value));
    }
    s.push_str("</ExtendedData>");
    let points = x.places.iter().map(|p| {
        format!(
            "<Point><coordinates>{},{}</coordinates></Point>",
            coord(p.lon),
            coord(p.lat)
        )
    });
    let lines = x.stretches.iter().map(|st| {
        let c: Vec<String> = st
            .iter()
            .map(|p| format!("{},{}", coord(p.lon), coord(p.lat)))
            .collect();
        format!(
            "<LineString><tessellate>1</tessellate><coordinates>{}</coordinates></LineString>",
            c.join(" ")
        )
    });
    let geometries: Vec<String> = points.chain(lines).collect();
    if geometries.len() == 1 {
        s.push_str(&geometries[0]);
    } else {
        let _ = write!(s, "<MultiGeometry>{}</MultiGeometry>", geometries.concat());
    }
    s.push_str("</Placemark>\n");
    s
}

/// Where a step looks: centre and Google Earth's range (metres from the
/// eye), for a 1280x800 screen and Earth's ~60° field of view.
fn look(ds: &Dataset, camera: &StepCamera) -> Option<(f64, f64, f64)> {
    const METRES_PER_PIXEL_Z0: f64 = 156_543.033_928;
    let (lon, lat, zoom) = match camera {
        StepCamera::View { lon, lat, zoom } => (*lon, *lat, *zoom),
        StepCamera::Fit(ids) => {
            let pts = ids
                .iter()
                .filter_map(|id| ds.place_by_id(id))
                .map(|p| LonLat::new(p.lon, p.lat));
            let v = crate::map::view::fit(pts, 1280.0, 800.0, 60.0)?;
            (v.lon, v.lat, v.zoom)
        }
    };
    let mpp = METRES_PER_PIXEL_Z0 * lat.to_radians().cos() / 2f64.powf(zoom);
    Some((lon, lat, mpp * 800.0 / (2.0 * 30f64.to_radians().tan())))
}

/// The day a date shows in a tour: its latest start, as the app does.
fn shown_day(d: &HistDate) -> Day {
    d.latest_start
}

fn fly_to(s: &mut String, seconds: f64, (lon, lat, range): (f64, f64, f64), from: Option<Day>, to: Day) {
    let _ = write!(
        s,
        "<gx:FlyTo><gx:duration>{seconds:.2}</gx:duration><gx:flyToMode>smooth</gx:flyToMode><LookAt>{}<longitude>{lon:.6}</longitude><latitude>{lat:.6}</latitude><altitude>0</altitude><heading>0</heading><tilt>0</tilt><range>{range:.0}</range><altitudeMode>relativeToGround</altitudeMode></LookAt></gx:FlyTo>",
        time_span("gx:TimeSpan", from, Some(to))
    );
}

fn balloon(s: &mut String, target: &str, visible: bool) {
    let _ = write!(
        s,
        "<gx:AnimatedUpdate><gx:duration>0</gx:duration><Update><targetHref/><Change><Placemark targetId=\"{target}\"><gx:balloonVisibility>{}</gx:balloonVisibility></Placemark></Change></Update></gx:AnimatedUpdate>",
        u8::from(visible)
    );
}

/// A tour as `gx:Tour` (what Google Earth plays) and its captions as
/// placemarks whose balloons the tour opens and closes.
fn tour(ds: &Dataset, t: &Tour, first_day: Option<Day>) -> (String, String) {
    let mut play = String::new();
    let mut captions = String::new();
    for step in &t.steps {
        let Some(view) = look(ds, &step.camera) else {
            continue;
        };
        let target = xml_id("cap-", &format!("{}-{}", t.id, step.number));
        let text = format!("{}\n{}", step.caption_zh, step.caption_en);
        let _ = writeln!(
            captions,
            "<Placemark id=\"{target}\"><name>{}</name><visibility>0</visibility><description>{}</description><Point><coordinates>{:.6},{:.6}</coordinates></Point></Placemark>",
            escape(&format!("{} {}", step.title_zh, step.title_en)),
            escape(&text),
            view.0,
            view.1
        );
        match &step.time {
            StepTime::At(d) => fly_to(&mut play, 3.0, view, first_day, shown_day(d)),
            StepTime::Play {
                from,
                to,
                speed_days_per_sec,
            } => {
                // Time moves by fly-tos a month apart (Google Earth
                // interpolates between them), at the tour's speed.
                let (a, b) = (shown_day(from), shown_day(to).max(shown_day(from)));
                fly_to(&mut play, 3.0, view, first_day, a);
                let days = f64::from(b - a);
                let legs = (days / 30.0).ceil().clamp(1.0, 120.0);
                let speed = speed_days_per_sec.max(0.001);
                for k in 1..=(legs as i32) {
                    let day = a + (days * f64::from(k) / legs).round() as i32;
                    fly_to(&mut play, days / legs / speed, view, first_day, day);
                }
            }
        }
        balloon(&mut play, &target, true);
        match step.duration_secs {
            Some(secs) => {
                let _ = write!(play, "<gx:Wait><gx:duration>{secs:.2}</gx:duration></gx:Wait>");
            }
            // A step that waits for the presenter pauses the tour.
            None => play.push_str("<gx:TourControl><gx:playMode>pause</gx:playMode></gx:TourControl>"),
        }
        balloon(&mut play, &target, false);
    }
    let name = escape(&format!("{} {}", t.title_zh, t.title_en));
    let tour = format!("<gx:Tour><name>{name}</name><gx:Playlist>{play}</gx:Playlist></gx:Tour>\n");
    let folder = format!("<Folder><name>{name}: captions</name>\n{captions}</Folder>\n");
    (tour, folder)
}

/// Writes the KML document; `colour` gives each kind's colour (the map's).
pub fn write(
    ds: &Dataset,
    mut out: impl Write,
    colour: &dyn Fn(EventKind) -> [u8; 3],
) -> std::io::Result<()> {
    let mut head = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n<Document>",
    );
    let _ = writeln!(
        head,
        "<name>{}</name>",
        escape(&format!("chronoatlas: {}", ds.name))
    );
    for kind in EventKind::ALL {
        let c = abgr(colour(kind));
        let _ = writeln!(
            head,
            "<Style id=\"{}\"><IconStyle><color>{c}</color><scale>1.1</scale></IconStyle><LabelStyle><scale>0.8</scale></LabelStyle><LineStyle><color>{c}</color><width>4</width></LineStyle></Style>",
            style_id(kind)
        );
    }
    out.write_all(head.as_bytes())?;
    out.write_all(b"<Folder><name>Events</name>\n")?;
    for x in events(ds) {
        out.write_all(placemark(&x).as_bytes())?;
    }
    out.write_all(b"</Folder>\n")?;
    let first_day = ds.span().map(|(a, _)| a);
    for t in &ds.tours {
        let (tour, folder) = tour(ds, t, first_day);
        out.write_all(folder.as_bytes())?;
        out.write_all(tour.as_bytes())?;
    }
    out.write_all(b"</Document>\n</kml>\n")?;
    Ok(())
}
