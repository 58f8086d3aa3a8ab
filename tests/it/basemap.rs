//! The bundled base map: the file holds the promised zoom levels and area,
//! real tiles come out of it, and zooming past its deepest level still
//! gives an image.
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chronoatlas::map::basemap::BASEMAP_FILE;
use chronoatlas::map::overzoom::Overzoom;
use chronoatlas::map::pmtiles_header::{PmTilesHeader, TILE_TYPE_PNG};
use walkers::{PmTiles, TileId, TilePiece, Tiles};

fn basemap_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(BASEMAP_FILE)
}

/// The tile of `zoom` that holds lon/lat (XYZ scheme).
fn tile_at(lon: f64, lat: f64, zoom: u8) -> TileId {
    let (x, y) = chronoatlas::map::view::world_xy(lon, lat);
    let n = f64::from(1u32 << zoom);
    TileId {
        x: (x * n) as u32,
        y: (y * n) as u32,
        zoom,
    }
}

/// Asks until the background loader delivers the tile scaled by `uv_width`
/// (1 for the tile itself; while it loads, walkers lends a coarser one).
fn fetch(tiles: &mut impl Tiles, id: TileId, uv_width: f32) -> Option<TilePiece> {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Some(piece) = tiles.at(id)
            && (piece.uv.width() - uv_width).abs() < 1e-6
        {
            return Some(piece);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn the_file_holds_zoom_4_to_9_over_north_china_within_budget() {
    let path = basemap_path();
    let size = std::fs::metadata(&path)
        .expect("assets/basemap.pmtiles is committed")
        .len();
    assert!(size <= 20 * 1024 * 1024, "{size} bytes is over the 20 MB budget");
    let h = PmTilesHeader::read(&path).unwrap();
    assert_eq!(h.tile_type, TILE_TYPE_PNG);
    assert!(
        h.min_zoom <= 4 && h.max_zoom >= 9,
        "zoom {}..{}",
        h.min_zoom,
        h.max_zoom
    );
    assert!(
        h.min_lon <= 100.0 && h.max_lon >= 125.0,
        "lon {}..{}",
        h.min_lon,
        h.max_lon
    );
    assert!(
        h.min_lat <= 18.0 && h.max_lat >= 45.0,
        "lat {}..{}",
        h.min_lat,
        h.max_lat
    );
    // Every place of the dataset lies inside, with a margin of half a degree.
    let ds = chronoatlas::io::load_bundled().dataset;
    for p in &ds.places {
        assert!(
            h.covers(p.lon - 0.5, p.lat - 0.5) && h.covers(p.lon + 0.5, p.lat + 0.5),
            "{} outside the map",
            p.id
        );
    }
    assert!(h.addressed_tiles > 1000, "{} tiles", h.addressed_tiles);
}

#[test]
fn tiles_load_at_every_zoom_and_past_the_deepest_one() {
    let path = basemap_path();
    let h = PmTilesHeader::read(&path).unwrap();
    let ctx = egui::Context::default();
    let pm = PmTiles::with_style_and_tile_size(&path, walkers::Style, 256, ctx.clone());
    let mut tiles = Overzoom::new(pm, h.max_zoom);
    // Baoding, on the Pinghan railway.
    let (lon, lat) = (115.46, 38.87);
    for zoom in h.min_zoom..=h.max_zoom {
        let piece = fetch(&mut tiles, tile_at(lon, lat, zoom), 1.0)
            .unwrap_or_else(|| panic!("no tile at zoom {zoom}"));
        let walkers::Tile::Raster(texture) = piece.tile;
        assert_eq!(texture.size(), [256, 256]);
    }
    // Two levels past the deepest: a quarter of the deepest tile, scaled up.
    let deep = h.max_zoom + 2;
    let piece =
        fetch(&mut tiles, tile_at(lon, lat, deep), 0.25).expect("overzoom gives the deepest tile, scaled");
    let walkers::Tile::Raster(texture) = piece.tile;
    assert_eq!(texture.size(), [256, 256]);
}

#[test]
fn an_export_without_its_base_map_says_where_it_looked_and_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let nowhere = tmp.path().join("no-assets-here");
    let out = tmp.path().join("frame.png");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(["render", "--at", "1938-07-10", "--out"])
        .arg(&out)
        .env("CHRONOATLAS_ASSETS", &nowhere)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("base map (basemap.pmtiles) was not found")
            && err.contains(&nowhere.display().to_string()),
        "{err}"
    );
    assert!(!out.exists(), "no frame without its map");
    // With the folder named, the same command draws it.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(["render", "--at", "1938-07-10", "--out"])
        .arg(&out)
        .env("CHRONOATLAS_ASSETS", basemap_path().parent().unwrap())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.is_file());
}

#[test]
fn the_online_maps_https_client_can_be_made() {
    // walkers is built without a TLS provider (no aws-lc); the app installs
    // rustls's ring provider when the online map is turned on. Making the
    // client sends nothing: no network in tests.
    chronoatlas::map::basemap::install_tls();
    let client = reqwest::Client::builder().build();
    assert!(client.is_ok(), "{:?}", client.err());
    assert!(rustls_provider_installed());
}

fn rustls_provider_installed() -> bool {
    rustls::crypto::CryptoProvider::get_default().is_some()
}
