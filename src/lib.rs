//! chronoatlas: dated, cited, geocoded historical events on an offline map.
pub mod model;
pub mod time;
