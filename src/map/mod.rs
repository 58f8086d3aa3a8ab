//! Everything walkers: the base map, the historical overlays drawn as a
//! plugin, label placement. Reads the model and time; never changes them.
pub mod basemap;
pub mod density;
pub mod events_layer;
pub mod groups;
pub mod labels;
pub mod overlay;
pub mod overzoom;
pub mod pmtiles_header;
pub mod sprites;
pub mod view;
