//! Small geodesy helpers: the data model needs distances, nothing more.

/// Where the map looks: its centre (degrees) and its zoom level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub lon: f64,
    pub lat: f64,
    pub zoom: f64,
}

impl From<(f64, f64, f64)> for View {
    /// From (lon, lat, zoom), as the command line and the settings write it.
    fn from((lon, lat, zoom): (f64, f64, f64)) -> Self {
        View { lon, lat, zoom }
    }
}

impl From<View> for (f64, f64, f64) {
    fn from(v: View) -> Self {
        (v.lon, v.lat, v.zoom)
    }
}

/// Mean Earth radius in km (IUGG), as used by the haversine formula.
pub const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in km between two lon/lat points (degrees).
pub fn haversine_km(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// Distance in km from a point to a lon/lat box (0 inside it).
pub fn distance_to_box_km(lon: f64, lat: f64, min_lon: f64, min_lat: f64, max_lon: f64, max_lat: f64) -> f64 {
    let clon = lon.clamp(min_lon, max_lon);
    let clat = lat.clamp(min_lat, max_lat);
    haversine_km(lon, lat, clon, clat)
}

/// x, y of a lon/lat on the world square [0, 1]² (y down), Web Mercator.
pub fn world_xy(lon: f64, lat: f64) -> (f64, f64) {
    let lat = lat.clamp(-85.051_128, 85.051_128).to_radians();
    let x = (lon + 180.0) / 360.0;
    // ln(tan + sec) = atanh(sin) = ln((1 + sin) / (1 - sin)) / 2: one
    // sine where tangent and cosine cost twice as much (a million points
    // are projected while a file loads).
    let s = lat.sin();
    let y = 0.5 - ((1.0 + s) / (1.0 - s)).ln() / (4.0 * std::f64::consts::PI);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_xy_is_web_mercator() {
        for k in -1700..=1700 {
            let lat = f64::from(k) * 0.05;
            let (x, y) = world_xy(116.4, lat);
            let r = lat.to_radians();
            let textbook = (1.0 - (r.tan() + 1.0 / r.cos()).ln() / std::f64::consts::PI) / 2.0;
            assert!((y - textbook).abs() < 1e-13, "{lat}: {y} {textbook}");
            let (lon, back) = lon_lat_of(x, y);
            assert!(
                (lon - 116.4).abs() < 1e-9 && (back - lat).abs() < 1e-9,
                "{lat}: {back}"
            );
        }
        assert_eq!(world_xy(0.0, 0.0), (0.5, 0.5));
        // Past the square's edge, latitudes are clamped to it.
        assert!(world_xy(0.0, 89.0).1.abs() < 1e-7 && (world_xy(0.0, -89.0).1 - 1.0).abs() < 1e-7);
    }

    #[test]
    fn beijing_to_shanghai_is_about_1070_km() {
        let d = haversine_km(116.397, 39.908, 121.458, 31.222);
        assert!((d - 1067.0).abs() < 10.0, "{d}");
    }

    #[test]
    fn box_distance_is_zero_inside_and_positive_outside() {
        assert_eq!(distance_to_box_km(113.0, 37.0, 110.0, 34.0, 115.0, 41.0), 0.0);
        let d = distance_to_box_km(116.0, 37.0, 110.0, 34.0, 115.0, 41.0);
        assert!((d - 88.8).abs() < 2.0, "{d}");
    }
}
