//! Camera helpers in Web Mercator: fitting a set of points into the window.

pub use crate::model::geo::{LonLat, View, lon_lat_of, world_xy};

/// The centre and walkers zoom that show every point inside a `width` ×
/// `height` px view with `margin` px to spare; None for no points.
pub fn fit(points: impl IntoIterator<Item = LonLat>, width: f32, height: f32, margin: f32) -> Option<View> {
    fit_world(
        points.into_iter().filter(|p| p.is_finite()).map(|p| {
            let (x, y) = world_xy(p.lon, p.lat);
            [x, y]
        }),
        width,
        height,
        margin,
    )
}

/// [`fit`] for points already on the Web Mercator world square.
pub fn fit_world(
    points: impl IntoIterator<Item = [f64; 2]>,
    width: f32,
    height: f32,
    margin: f32,
) -> Option<View> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for [x, y] in points {
        if !(x.is_finite() && y.is_finite()) {
            continue;
        }
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    if x0 > x1 {
        return None;
    }
    let w = f64::from((width - 2.0 * margin).max(1.0));
    let h = f64::from((height - 2.0 * margin).max(1.0));
    // walkers draws the world as 256 · 2^zoom pixels.
    let span_x = (x1 - x0).max(1e-9);
    let span_y = (y1 - y0).max(1e-9);
    let zoom = (w / (256.0 * span_x))
        .min(h / (256.0 * span_y))
        .log2()
        .clamp(2.0, 16.0);
    Some(lon_lat_of((x0 + x1) / 2.0, (y0 + y1) / 2.0).at_zoom(zoom))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_xy_round_trips() {
        for (lon, lat) in [(114.5, 38.0), (-70.0, -33.0), (0.0, 0.0)] {
            let (x, y) = world_xy(lon, lat);
            let LonLat { lon: a, lat: b } = lon_lat_of(x, y);
            assert!((a - lon).abs() < 1e-9 && (b - lat).abs() < 1e-9);
        }
    }

    #[test]
    fn zooming_about_a_point_keeps_it_in_place_and_opposite_pinches_cancel() {
        let v = View {
            lon: 114.5,
            lat: 37.0,
            zoom: 7.0,
        };
        let offset = [200.0, -120.0];
        let under = |v: View| {
            let (x, y) = world_xy(v.lon, v.lat);
            let per = 1.0 / (256.0 * 2f64.powf(v.zoom));
            (x + offset[0] * per, y + offset[1] * per)
        };
        let z = zoom_about(v, offset, 1.5);
        assert_eq!(z.zoom, 8.5);
        let (a, b) = (under(v), under(z));
        assert!((a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12);
        // Spread by 1.25 then closed by 0.8: back where it was.
        let back = zoom_about(zoom_about(v, offset, 1.25f64.log2()), offset, 0.8f64.log2());
        assert!((back.zoom - v.zoom).abs() < 1e-9 && (back.lon - v.lon).abs() < 1e-9);
    }

    #[test]
    fn fitting_north_china_gives_a_regional_zoom() {
        let pts = [LonLat::new(112.0, 34.0), LonLat::new(122.0, 40.0)];
        let View { lon, lat, zoom } = fit(pts, 1200.0, 760.0, 40.0).unwrap();
        assert!((lon - 117.0).abs() < 0.01, "{lon}");
        assert!((34.0..40.0).contains(&lat));
        assert!((5.0..7.0).contains(&zoom), "{zoom}");
        // The fitted box really fits: its width at that zoom is within the view.
        let (x0, _) = world_xy(112.0, 34.0);
        let (x1, _) = world_xy(122.0, 40.0);
        assert!((x1 - x0) * 256.0 * 2f64.powf(zoom) <= 1120.0 + 1e-6);
        assert!(fit(std::iter::empty(), 100.0, 100.0, 0.0).is_none());
        // Shifting down by half a tile at zoom 0 moves a quarter of the world.
        let lat = shift_down((0.0, 0.0, 0.0).into(), 128.0).lat;
        assert!(lat < -60.0, "{lat}");
    }
}

/// The view that puts `view`'s centre `pixels` above its middle (the
/// centre moves south by that much).
pub fn shift_down(view: View, pixels: f64) -> View {
    let (x, y) = world_xy(view.lon, view.lat);
    lon_lat_of(x, y + pixels / (256.0 * 2f64.powf(view.zoom))).at_zoom(view.zoom)
}

/// The view zoomed by `dz` levels about the point `offset` pixels from
/// the view's centre: that point stays where it is on the screen (as a
/// pinch between two fingers expects).
pub fn zoom_about(view: View, offset: [f64; 2], dz: f64) -> View {
    let (x, y) = world_xy(view.lon, view.lat);
    let per_px = |z: f64| 1.0 / (256.0 * 2f64.powf(z));
    let (px, py) = (
        x + offset[0] * per_px(view.zoom),
        y + offset[1] * per_px(view.zoom),
    );
    let zoom = view.zoom + dz;
    lon_lat_of(px - offset[0] * per_px(zoom), py - offset[1] * per_px(zoom)).at_zoom(zoom)
}

/// A camera move eased over about a second, in world coordinates (so that
/// the glide is straight on the map) with zoom changing along the way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glide {
    /// World x, y and zoom at the start and the end.
    pub from: (f64, f64, f64),
    pub to: (f64, f64, f64),
    pub start_secs: f64,
    pub duration_secs: f64,
}

impl Glide {
    /// From one view to another, starting at `now`.
    pub fn new(from: View, to: View, now: f64, duration_secs: f64) -> Self {
        let (fx, fy) = world_xy(from.lon, from.lat);
        let (tx, ty) = world_xy(to.lon, to.lat);
        Glide {
            from: (fx, fy, from.zoom),
            to: (tx, ty, to.zoom),
            start_secs: now,
            duration_secs: duration_secs.max(1e-3),
        }
    }

    /// Smoothstep: gentle start and stop.
    pub fn ease(q: f64) -> f64 {
        let q = q.clamp(0.0, 1.0);
        q * q * (3.0 - 2.0 * q)
    }

    /// The view at time `now`, and whether the glide is over.
    pub fn at(&self, now: f64) -> (View, bool) {
        let q = (now - self.start_secs) / self.duration_secs;
        let e = Self::ease(q);
        let lerp = |a: f64, b: f64| a + (b - a) * e;
        let (x, y) = (lerp(self.from.0, self.to.0), lerp(self.from.1, self.to.1));
        (lon_lat_of(x, y).at_zoom(lerp(self.from.2, self.to.2)), q >= 1.0)
    }
}

#[cfg(test)]
mod glide_tests {
    use super::*;

    #[test]
    fn a_glide_starts_and_ends_where_asked_and_eases() {
        let g = Glide::new(
            (112.56, 37.87, 6.0).into(),
            (115.46, 38.87, 9.0).into(),
            10.0,
            1.0,
        );
        let (View { lon, lat, zoom: z }, done) = g.at(10.0);
        assert!((lon - 112.56).abs() < 1e-9 && (lat - 37.87).abs() < 1e-9 && z == 6.0 && !done);
        let (View { lon, lat, zoom: z }, done) = g.at(11.0);
        assert!((lon - 115.46).abs() < 1e-9 && (lat - 38.87).abs() < 1e-9 && z == 9.0 && done);
        // Slow at both ends, fastest in the middle.
        let z = |t: f64| g.at(t).0.zoom;
        assert!(z(10.1) - z(10.0) < z(10.55) - z(10.45));
        assert!(z(11.0) - z(10.9) < z(10.55) - z(10.45));
        // The same time gives the same view: playback is repeatable.
        assert_eq!(g.at(10.37), g.at(10.37));
    }
}
