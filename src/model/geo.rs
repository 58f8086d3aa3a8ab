//! Small geodesy helpers: the data model needs distances and the Web
//! Mercator square, nothing more. (The `geo` crate would bring these with
//! an overlay engine and an R-tree this app does not use; see
//! ARCHITECTURE.md.)

/// A point on the Earth in degrees: longitude east, latitude north.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

impl LonLat {
    pub const fn new(lon: f64, lat: f64) -> Self {
        LonLat { lon, lat }
    }

    pub fn is_finite(self) -> bool {
        self.lon.is_finite() && self.lat.is_finite()
    }

    /// The view centred here at `zoom`.
    pub fn at_zoom(self, zoom: f64) -> View {
        View {
            lon: self.lon,
            lat: self.lat,
            zoom,
        }
    }
}

/// Where the map looks: its centre (degrees) and its zoom level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub lon: f64,
    pub lat: f64,
    pub zoom: f64,
}

impl View {
    pub fn centre(self) -> LonLat {
        LonLat::new(self.lon, self.lat)
    }
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

/// Great-circle distance in km between two points.
pub fn haversine_km(a: LonLat, b: LonLat) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// Distance in km from a point to a lon/lat box from `min` to `max` (0
/// inside it).
pub fn distance_to_box_km(p: LonLat, min: LonLat, max: LonLat) -> f64 {
    let nearest = LonLat::new(p.lon.clamp(min.lon, max.lon), p.lat.clamp(min.lat, max.lat));
    haversine_km(p, nearest)
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
pub fn lon_lat_of(x: f64, y: f64) -> LonLat {
    let lon = x * 360.0 - 180.0;
    let lat = (std::f64::consts::PI * (1.0 - 2.0 * y))
        .sinh()
        .atan()
        .to_degrees();
    LonLat { lon, lat }
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
            let LonLat { lon, lat: back } = lon_lat_of(x, y);
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
        let d = haversine_km(LonLat::new(116.397, 39.908), LonLat::new(121.458, 31.222));
        assert!((d - 1067.0).abs() < 10.0, "{d}");
    }

    #[test]
    fn box_distance_is_zero_inside_and_positive_outside() {
        let (min, max) = (LonLat::new(110.0, 34.0), LonLat::new(115.0, 41.0));
        assert_eq!(distance_to_box_km(LonLat::new(113.0, 37.0), min, max), 0.0);
        let d = distance_to_box_km(LonLat::new(116.0, 37.0), min, max);
        assert!((d - 88.8).abs() < 2.0, "{d}");
    }
}
