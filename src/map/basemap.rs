//! The base map: the bundled PMTiles raster map by default; OpenStreetMap
//! tiles only when asked for, drawn above the bundled map so that wherever
//! they fail the bundled map shows through.
use std::path::PathBuf;
use std::time::{Duration, Instant};

use walkers::{HttpOptions, HttpTiles, PmTiles, Stats, TileId, TilePiece, Tiles, sources::Attribution};

use super::overzoom::{Overzoom, file_has};
use super::pmtiles_header::{PmTilesHeader, TILE_TYPE_JPEG, TILE_TYPE_PNG};

/// The file name of the bundled base map under `assets/`.
pub use crate::os::paths::BASEMAP_FILE;

/// Which base map the user chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum BasemapChoice {
    #[default]
    Bundled,
    Osm,
}

/// A tile source that remembers whether it ever delivered a tile, so the
/// app can say when online tiles do not come.
pub struct Watched<T> {
    pub inner: T,
    pub delivered: bool,
}

impl<T: Tiles> Tiles for Watched<T> {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        let piece = self.inner.at(tile_id);
        self.delivered |= piece.is_some();
        piece
    }

    fn attribution(&self) -> Attribution {
        self.inner.attribution()
    }

    fn tile_size(&self) -> u32 {
        self.inner.tile_size()
    }

    fn stats(&self) -> Stats {
        self.inner.stats()
    }
}

/// The tile sources in use.
pub struct Basemap {
    pub bundled: Option<Overzoom<PmTiles>>,
    pub header: Option<PmTilesHeader>,
    pub osm: Option<(Watched<HttpTiles>, Instant)>,
    /// Why the bundled map is missing, for a notice.
    pub problem: Option<String>,
}

/// How long online tiles may take before the notice says they failed.
pub const OSM_PATIENCE: Duration = Duration::from_secs(8);

impl Basemap {
    /// Opens the bundled map (and OpenStreetMap when chosen). Never fails:
    /// without a map file the app shows plain land and sea and says why.
    pub fn open(choice: BasemapChoice, ctx: &egui::Context) -> Self {
        let mut basemap = Basemap {
            bundled: None,
            header: None,
            osm: None,
            problem: None,
        };
        match crate::os::paths::assets_dir() {
            Err(looked) => basemap.problem = Some(crate::os::paths::not_found(&looked)),
            Ok(dir) => {
                let path = dir.join(BASEMAP_FILE);
                match PmTilesHeader::read(&path) {
                    Ok(h) if h.tile_type == TILE_TYPE_PNG || h.tile_type == TILE_TYPE_JPEG => {
                        let tiles =
                            PmTiles::with_style_and_tile_size(&path, walkers::Style, 256, ctx.clone());
                        basemap.bundled = Some(Overzoom::new(tiles, h.max_zoom));
                        basemap.header = Some(h);
                    }
                    Ok(h) => {
                        basemap.problem = Some(format!(
                            "{}: tile type {} is not PNG or JPEG",
                            path.display(),
                            h.tile_type
                        ))
                    }
                    Err(e) => basemap.problem = Some(e),
                }
            }
        }
        if choice == BasemapChoice::Osm {
            basemap.set_osm(true, ctx);
        }
        basemap
    }

    /// The bundled map's tiles that the last frame needed and drew only a
    /// coarser stand-in for (still loading): empty when it drew them all, or
    /// when there is no bundled map; None when it asked for none yet.
    pub fn missing(&self) -> Option<Vec<TileId>> {
        let (Some(b), Some(h)) = (&self.bundled, &self.header) else {
            return Some(Vec::new());
        };
        if b.asked().is_empty() {
            return None;
        }
        let bounds = [h.min_lon, h.min_lat, h.max_lon, h.max_lat];
        Some(
            (b.asked().iter())
                .filter(|(t, itself)| !itself && file_has(*t, (h.min_zoom, h.max_zoom), bounds))
                .map(|(t, _)| *t)
                .collect(),
        )
    }

    /// Turns online OpenStreetMap tiles on or off (cached on disk).
    pub fn set_osm(&mut self, on: bool, ctx: &egui::Context) {
        if !on {
            self.osm = None;
            return;
        }
        if self.osm.is_some() {
            return;
        }
        install_tls();
        let options = HttpOptions {
            cache: osm_cache_dir(),
            ..HttpOptions::default()
        };
        let tiles = HttpTiles::with_options(walkers::sources::OpenStreetMap, options, ctx.clone());
        self.osm = Some((
            Watched {
                inner: tiles,
                delivered: false,
            },
            Instant::now(),
        ));
    }

    /// A notice for the user when online tiles have not arrived in time.
    pub fn osm_notice(&self) -> Option<&'static str> {
        match &self.osm {
            Some((w, since)) if !w.delivered && since.elapsed() > OSM_PATIENCE => Some("osm_failed"),
            _ => None,
        }
    }
}

/// Makes rustls's ring provider the process's TLS provider (the online
/// tiles' HTTPS client asks for it; walkers is built without one). Once is
/// enough; later calls change nothing.
pub fn install_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The on-disk cache for online tiles (in the user's cache folder).
pub fn osm_cache_dir() -> Option<PathBuf> {
    Some(
        crate::os::paths::cache_dir()?
            .join("chronoatlas")
            .join("osm-tiles"),
    )
}
