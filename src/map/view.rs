//! Camera helpers in Web Mercator: fitting a set of points into the window.

/// x, y of a lon/lat on the world square [0, 1]² (y down), Web Mercator.
pub fn world_xy(lon: f64, lat: f64) -> (f64, f64) {
    let lat = lat.clamp(-85.051_128, 85.051_128).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    (x, y)
}

/// Inverse of [`world_xy`].
pub fn lon_lat_of(x: f64, y: f64) -> (f64, f64) {
    let lon = x * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * y))
        .sinh()
        .atan()
        .to_degrees();
    (lon, lat)
}

/// The centre (lon, lat) and walkers zoom that show every point inside a
/// `width` × `height` px view with `margin` px to spare; None for no points.
pub fn fit(
    points: impl IntoIterator<Item = (f64, f64)>,
    width: f32,
    height: f32,
    margin: f32,
) -> Option<((f64, f64), f64)> {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (lon, lat) in points {
        if !(lon.is_finite() && lat.is_finite()) {
            continue;
        }
        let (x, y) = world_xy(lon, lat);
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
    Some((lon_lat_of((x0 + x1) / 2.0, (y0 + y1) / 2.0), zoom))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_xy_round_trips() {
        for (lon, lat) in [(114.5, 38.0), (-70.0, -33.0), (0.0, 0.0)] {
            let (x, y) = world_xy(lon, lat);
            let (a, b) = lon_lat_of(x, y);
            assert!((a - lon).abs() < 1e-9 && (b - lat).abs() < 1e-9);
        }
    }

    #[test]
    fn fitting_north_china_gives_a_regional_zoom() {
        let pts = [(112.0, 34.0), (122.0, 40.0)];
        let ((lon, lat), zoom) = fit(pts, 1200.0, 760.0, 40.0).unwrap();
        assert!((lon - 117.0).abs() < 0.01, "{lon}");
        assert!((34.0..40.0).contains(&lat));
        assert!((5.0..7.0).contains(&zoom), "{zoom}");
        // The fitted box really fits: its width at that zoom is within the view.
        let (x0, _) = world_xy(112.0, 34.0);
        let (x1, _) = world_xy(122.0, 40.0);
        assert!((x1 - x0) * 256.0 * 2f64.powf(zoom) <= 1120.0 + 1e-6);
        assert!(fit(std::iter::empty(), 100.0, 100.0, 0.0).is_none());
    }
}
