//! Reads the fixed 127-byte header of a PMTiles v3 file: zoom levels,
//! bounds and tile type, so the app knows how deep the bundled map goes
//! (and tests can check what the file promises) without async I/O.
use std::io::Read;
use std::path::Path;

/// What the header of a PMTiles v3 archive says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PmTilesHeader {
    pub min_zoom: u8,
    pub max_zoom: u8,
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
    pub center_zoom: u8,
    pub center_lon: f64,
    pub center_lat: f64,
    /// 1 = MVT, 2 = PNG, 3 = JPEG, 4 = WebP, 5 = AVIF.
    pub tile_type: u8,
    /// 1 = none, 2 = gzip, 3 = brotli, 4 = zstd.
    pub tile_compression: u8,
    pub addressed_tiles: u64,
    pub tile_contents: u64,
}

pub const HEADER_LEN: usize = 127;
pub const TILE_TYPE_PNG: u8 = 2;
pub const TILE_TYPE_JPEG: u8 = 3;

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

fn e7_at(b: &[u8], at: usize) -> f64 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[at..at + 4]);
    f64::from(i32::from_le_bytes(a)) / 1e7
}

impl PmTilesHeader {
    /// Parses the header bytes (at least 127 of them).
    pub fn parse(bytes: &[u8]) -> Result<Self, String> {
        if bytes.len() < HEADER_LEN {
            return Err(format!("{} bytes: too short for a PMTiles header", bytes.len()));
        }
        if &bytes[0..7] != b"PMTiles" {
            return Err("not a PMTiles file (no 'PMTiles' magic)".into());
        }
        if bytes[7] != 3 {
            return Err(format!("PMTiles version {} (only version 3 is read)", bytes[7]));
        }
        let h = PmTilesHeader {
            addressed_tiles: u64_at(bytes, 72),
            tile_contents: u64_at(bytes, 88),
            tile_compression: bytes[98],
            tile_type: bytes[99],
            min_zoom: bytes[100],
            max_zoom: bytes[101],
            min_lon: e7_at(bytes, 102),
            min_lat: e7_at(bytes, 106),
            max_lon: e7_at(bytes, 110),
            max_lat: e7_at(bytes, 114),
            center_zoom: bytes[118],
            center_lon: e7_at(bytes, 119),
            center_lat: e7_at(bytes, 123),
        };
        if h.min_zoom > h.max_zoom {
            return Err(format!("min zoom {} above max zoom {}", h.min_zoom, h.max_zoom));
        }
        Ok(h)
    }

    /// Reads the header of the file at `path`.
    pub fn read(path: &Path) -> Result<Self, String> {
        let mut f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut buf = [0u8; HEADER_LEN];
        f.read_exact(&mut buf)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Self::parse(&buf).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Whether the bounds contain the point.
    pub fn covers(&self, lon: f64, lat: f64) -> bool {
        (self.min_lon..=self.max_lon).contains(&lon) && (self.min_lat..=self.max_lat).contains(&lat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Vec<u8> {
        let mut b = vec![0u8; HEADER_LEN];
        b[..7].copy_from_slice(b"PMTiles");
        b[7] = 3;
        b[72..80].copy_from_slice(&1600u64.to_le_bytes());
        b[98] = 1;
        b[99] = TILE_TYPE_PNG;
        b[100] = 4;
        b[101] = 9;
        for (at, v) in [
            (102, 100.0),
            (106, 18.0),
            (110, 125.0),
            (114, 45.0),
            (119, 114.0),
            (123, 37.0),
        ] {
            b[at..at + 4].copy_from_slice(&((v * 1e7) as i32).to_le_bytes());
        }
        b[118] = 6;
        b
    }

    #[test]
    fn parses_zooms_bounds_and_type() {
        let h = PmTilesHeader::parse(&header()).unwrap();
        assert_eq!((h.min_zoom, h.max_zoom, h.tile_type), (4, 9, TILE_TYPE_PNG));
        assert!((h.min_lon - 100.0).abs() < 1e-6 && (h.max_lat - 45.0).abs() < 1e-6);
        assert!(h.covers(114.5, 38.0) && !h.covers(90.0, 38.0));
        assert_eq!(h.addressed_tiles, 1600);
    }

    #[test]
    fn rejects_other_files() {
        assert!(PmTilesHeader::parse(b"short").is_err());
        let mut b = header();
        b[0] = b'X';
        assert!(PmTilesHeader::parse(&b).is_err());
        let mut b = header();
        b[7] = 2;
        assert!(PmTilesHeader::parse(&b).unwrap_err().contains("version 2"));
    }
}
